import 'server-only';
import { z } from 'zod';
import { CalendarProviderError, type TCalendarTokens } from '../types';
import { graphCall, graphClient, type TOutlookConfig } from './provider';

// Graph change notifications ("subscriptions") on a calendar's events: created with POST /subscriptions (Graph
// first POSTs our notificationUrl with ?validationToken=… and needs it echoed as text/plain within 10 s),
// renewed with PATCH before they expire, deleted on disconnect. Every notification carries the clientState we
// chose; one that does not match is ignored. Outlook event subscriptions live at most 10080 minutes.

export const SUBSCRIPTION_LIFETIME_MS = 3 * 24 * 3600_000;
/** Renew when less than this is left (the sync job runs every few minutes; a day leaves room for outages). */
export const RENEW_BEFORE_MS = 24 * 3600_000;

export type TOutlookSubscription = { id: string; calendarId: string; expiresAt: string; clientState: string };

export async function createSubscription(
  cfg: TOutlookConfig,
  tokens: TCalendarTokens,
  o: { calendarId: string; notificationUrl: string; clientState: string; now?: Date },
): Promise<TOutlookSubscription> {
  const expiresAt = new Date((o.now ?? new Date()).getTime() + SUBSCRIPTION_LIFETIME_MS).toISOString();
  const res = (await graphCall(() =>
    graphClient(cfg, tokens.accessToken)
      .api('/subscriptions')
      .post({
        changeType: 'created,updated,deleted',
        notificationUrl: o.notificationUrl,
        resource: `/me/calendars/${o.calendarId}/events`,
        expirationDateTime: expiresAt,
        clientState: o.clientState,
      }),
  )) as { id: string; expirationDateTime: string };
  return { id: res.id, calendarId: o.calendarId, expiresAt: res.expirationDateTime ?? expiresAt, clientState: o.clientState };
}

/** Extends a subscription; a subscription Graph no longer knows throws 'not_found' (create a new one). */
export async function renewSubscription(cfg: TOutlookConfig, tokens: TCalendarTokens, sub: TOutlookSubscription, now = new Date()) {
  const expiresAt = new Date(now.getTime() + SUBSCRIPTION_LIFETIME_MS).toISOString();
  const res = (await graphCall(() =>
    graphClient(cfg, tokens.accessToken)
      .api(`/subscriptions/${encodeURIComponent(sub.id)}`)
      .patch({ expirationDateTime: expiresAt }),
  )) as { expirationDateTime?: string };
  return { ...sub, expiresAt: res.expirationDateTime ?? expiresAt };
}

export async function deleteSubscription(cfg: TOutlookConfig, tokens: TCalendarTokens, id: string): Promise<void> {
  try {
    await graphCall(() =>
      graphClient(cfg, tokens.accessToken)
        .api(`/subscriptions/${encodeURIComponent(id)}`)
        .delete(),
    );
  } catch (e) {
    if (!(e instanceof CalendarProviderError && e.kind === 'not_found')) throw e;
  }
}

export function needsRenewal(sub: TOutlookSubscription, now = new Date()): boolean {
  return new Date(sub.expiresAt).getTime() - now.getTime() < RENEW_BEFORE_MS;
}

/** The body Graph POSTs to notificationUrl (rich fields we do not ask for are ignored). */
export const ZGraphNotifications = z.object({
  value: z
    .array(
      z.object({
        subscriptionId: z.string().min(1).max(200),
        clientState: z.string().max(200).nullish(),
        changeType: z.string().max(100),
        resource: z.string().max(2000).optional(),
        lifecycleEvent: z.string().max(100).optional(),
      }),
    )
    .max(1000),
});
export type TGraphNotification = z.infer<typeof ZGraphNotifications>['value'][number];
