import { z } from 'zod';

// Which events reach a user by which channel: the defaults, what can be changed, and the one schema the
// settings API uses. Pure (no I/O). The events and channels are in preference-events.ts (zod-free, for the client form).

import { CHANNELS, PREFERENCE_EVENTS, type TChannel, type TPreferenceEvent } from './preference-events';

export { CHANNELS, PREFERENCE_EVENTS, type TChannel, type TPreferenceEvent };

const SMS_EVENTS = new Set<string>(PREFERENCE_EVENTS.filter((e) => e.sms).map((e) => e.event));

/**
 * Channels a user cannot switch off for an event: a payment receipt or refund is a record of money and goes
 * by email whatever the settings say; a cancelled session is always shown in the app (the slot is gone).
 */
export const LOCKED: Record<string, TChannel[]> = {
  'payment.receipt': ['email'],
  'payment.refunded': ['email'],
  'booking.cancelled': ['in_app'],
};

/** Email is off by default only where the app already says it in time (1 h reminder: SMS; curriculum: in-app). */
const EMAIL_OFF_BY_DEFAULT = new Set(['booking.reminder_1h', 'curriculum.ready']);
/** SMS is on by default only for the 1 h reminder, and even then only reaches a verified, opted-in number. */
const SMS_ON_BY_DEFAULT = new Set(['booking.reminder_1h']);

export function isAvailable(event: string, channel: TChannel): boolean {
  return channel !== 'sms' || SMS_EVENTS.has(event);
}
export function isLocked(event: string, channel: TChannel): boolean {
  return LOCKED[event]?.includes(channel) ?? false;
}

export function defaultEnabled(event: string, channel: TChannel): boolean {
  if (!isAvailable(event, channel)) return false;
  if (channel === 'in_app') return true;
  if (channel === 'email') return !EMAIL_OFF_BY_DEFAULT.has(event);
  return SMS_ON_BY_DEFAULT.has(event);
}

export type TOverride = { event: string; channel: TChannel; enabled: boolean };

/** Whether `event` goes by `channel`, given the user's stored overrides: locked wins, then the override, then the default. */
export function resolveChannel(event: string, channel: TChannel, overrides: readonly TOverride[]): boolean {
  if (!isAvailable(event, channel)) return false;
  if (isLocked(event, channel)) return true;
  const o = overrides.find((x) => x.event === event && x.channel === channel);
  return o ? o.enabled : defaultEnabled(event, channel);
}

export type TPreferenceCell = { enabled: boolean; locked: boolean; available: boolean };
export type TPreferenceMatrix = Record<string, Record<TChannel, TPreferenceCell>>;

export function preferenceMatrix(overrides: readonly TOverride[]): TPreferenceMatrix {
  const m: TPreferenceMatrix = {};
  for (const { event } of PREFERENCE_EVENTS) {
    m[event] = Object.fromEntries(
      CHANNELS.map((c) => [
        c,
        { enabled: resolveChannel(event, c, overrides), locked: isLocked(event, c), available: isAvailable(event, c) },
      ]),
    ) as Record<TChannel, TPreferenceCell>;
  }
  return m;
}

const EVENT_NAMES = PREFERENCE_EVENTS.map((e) => e.event) as [TPreferenceEvent, ...TPreferenceEvent[]];

export const ZPreferenceChange = z
  .object({
    event: z.enum(EVENT_NAMES, 'Is not an event you can choose.'),
    channel: z.enum(CHANNELS, 'Is not a channel.'),
    enabled: z.boolean('Must be on or off.'),
  })
  .refine((c) => isAvailable(c.event, c.channel), { message: 'SMS is not offered for this event.', path: ['channel'] })
  .refine((c) => c.enabled || !isLocked(c.event, c.channel), {
    message: 'This one cannot be turned off.',
    path: ['enabled'],
  });

export const ZPreferencesUpdate = z.object({
  changes: z.array(ZPreferenceChange).min(1, 'Nothing to change.').max(60, 'Too many changes at once.'),
});
export type TPreferencesUpdate = z.infer<typeof ZPreferencesUpdate>;
