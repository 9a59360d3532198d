// The events and channels of notification preferences, without zod: the settings form (a client component)
// imports these, the rules and schemas live in preference-rules.ts (which re-exports them). Keeping zod out of
// the form keeps /settings within its First Load JS budget (issue #15, docs/performance.md).

export const CHANNELS = ['in_app', 'email', 'sms'] as const;
export type TChannel = (typeof CHANNELS)[number];

/** The events a user sees in settings, with a label and the channels each may use. */
export const PREFERENCE_EVENTS = [
  { event: 'booking.confirmed', label: 'Session confirmed', group: 'Sessions', sms: true },
  { event: 'booking.rescheduled', label: 'Session moved', group: 'Sessions', sms: true },
  { event: 'booking.cancelled', label: 'Session cancelled', group: 'Sessions', sms: true },
  { event: 'booking.reminder_24h', label: 'Reminder 24 hours before', group: 'Sessions', sms: true },
  { event: 'booking.reminder_1h', label: 'Reminder 1 hour before', group: 'Sessions', sms: true },
  { event: 'recording.ready', label: 'Recording ready', group: 'Sessions', sms: false },
  { event: 'review.new', label: 'New review', group: 'Sessions', sms: false },
  { event: 'payment.receipt', label: 'Payment receipt', group: 'Payments', sms: false },
  { event: 'payment.refunded', label: 'Refund', group: 'Payments', sms: false },
  { event: 'payout.sent', label: 'Payout sent', group: 'Payments', sms: false },
  { event: 'application.decided', label: 'Expert application decision', group: 'Account', sms: false },
  { event: 'calendar.reconnect', label: 'Calendar needs reconnecting', group: 'Account', sms: false },
  { event: 'curriculum.ready', label: 'Curriculum ready', group: 'Learning', sms: false },
] as const;
export type TPreferenceEvent = (typeof PREFERENCE_EVENTS)[number]['event'];
