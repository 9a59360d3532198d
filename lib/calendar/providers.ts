import 'server-only';
import { calendlyProvider } from './calendly';
import { googleProvider } from './google/provider';
import { outlookProvider } from './outlook';
import type { TCalendarProvider, TCalendarProviderId } from './types';

// The calendar providers Pathwise knows, in the order the Connect cards show them. One line per provider
// (each lives in its own folder); the sync jobs, the connection store and the UI find them only here.
export const CALENDAR_PROVIDERS: TCalendarProvider[] = [googleProvider, outlookProvider, calendlyProvider];

/** The registered provider with this id, or null. */
export function calendarProvider(id: string): TCalendarProvider | null {
  return CALENDAR_PROVIDERS.find((p) => p.id === (id as TCalendarProviderId)) ?? null;
}
