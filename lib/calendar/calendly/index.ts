import 'server-only';
import type { TCalendarProvider } from '../types';
import { calendlyConfig } from './config';
import { createCalendlyProvider } from './provider';

// The registered Calendly provider (configuration read from the environment on each call). No upsertEvent:
// Calendly has no calendar Pathwise could write sessions into.
const current = () => createCalendlyProvider(calendlyConfig());

export const calendlyProvider: TCalendarProvider = {
  id: 'calendly',
  label: 'Calendly',
  configured: () => true,
  authUrl: (o) => current().authUrl(o),
  connect: (o) => current().connect(o),
  refresh: (t, skew) => current().refresh(t, skew),
  listCalendars: (t) => current().listCalendars(t),
  readBusy: (t, o) => current().readBusy(t, o),
};
