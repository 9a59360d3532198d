import { describe, expect, it } from 'vitest';
import {
  defaultEnabled,
  isAvailable,
  isLocked,
  PREFERENCE_EVENTS,
  preferenceMatrix,
  resolveChannel,
  ZPreferencesUpdate,
} from '@/lib/notifications/preference-rules';
import { NOTIFICATION_EVENTS } from '@/lib/notifications/notify-event';

describe('notification preference rules', () => {
  it('offers every event of the catalogue in settings', () => {
    expect(PREFERENCE_EVENTS.map((e) => e.event).sort()).toEqual([...NOTIFICATION_EVENTS].sort());
  });

  it('has the documented defaults: in-app on, email on but for the 1 h reminder and curricula, SMS only for the 1 h reminder', () => {
    for (const { event } of PREFERENCE_EVENTS) expect(defaultEnabled(event, 'in_app')).toBe(true);
    expect(defaultEnabled('booking.confirmed', 'email')).toBe(true);
    expect(defaultEnabled('booking.reminder_24h', 'email')).toBe(true);
    expect(defaultEnabled('booking.reminder_1h', 'email')).toBe(false);
    expect(defaultEnabled('curriculum.ready', 'email')).toBe(false);
    expect(PREFERENCE_EVENTS.filter((e) => defaultEnabled(e.event, 'sms')).map((e) => e.event)).toEqual(['booking.reminder_1h']);
  });

  it('lets a stored choice win over the default, except on a locked channel, and never offers SMS where it is not available', () => {
    expect(resolveChannel('booking.confirmed', 'email', [{ event: 'booking.confirmed', channel: 'email', enabled: false }])).toBe(false);
    expect(resolveChannel('payment.receipt', 'email', [{ event: 'payment.receipt', channel: 'email', enabled: false }])).toBe(true);
    expect(resolveChannel('review.new', 'sms', [{ event: 'review.new', channel: 'sms', enabled: true }])).toBe(false);
    expect(isLocked('booking.cancelled', 'in_app')).toBe(true);
    expect(isAvailable('curriculum.ready', 'sms')).toBe(false);
    expect(preferenceMatrix([])['payment.refunded'].email).toEqual({ enabled: true, locked: true, available: true });
  });

  it('refuses turning a locked channel off, SMS for an event without it, and unknown events', () => {
    const parse = (changes: unknown) => ZPreferencesUpdate.safeParse({ changes });
    expect(parse([{ event: 'payment.receipt', channel: 'email', enabled: false }]).success).toBe(false);
    expect(parse([{ event: 'payment.receipt', channel: 'email', enabled: true }]).success).toBe(true);
    expect(parse([{ event: 'review.new', channel: 'sms', enabled: true }]).success).toBe(false);
    expect(parse([{ event: 'nope', channel: 'email', enabled: true }]).success).toBe(false);
    expect(parse([]).success).toBe(false);
  });
});
