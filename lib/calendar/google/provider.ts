import 'server-only';
import type { TCalendarProvider } from '../types';
import { CalendarProviderError } from '../types';

// Placeholder so the registry compiles; replaced by the googleapis implementation on this branch.
export const googleProvider: TCalendarProvider = {
  id: 'google',
  label: 'Google Calendar',
  configured: () => false,
  authUrl: () => null,
  connect: () => Promise.reject(new CalendarProviderError('unavailable', 'Google Calendar is not configured')),
  refresh: () => Promise.resolve(null),
  listCalendars: () => Promise.resolve([]),
  readBusy: () => Promise.resolve({ full: true, upserts: [], deletedExternalIds: [], cursor: null }),
};
