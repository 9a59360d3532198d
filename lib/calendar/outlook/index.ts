import 'server-only';
import type { TCalendarProvider } from '../types';
import { outlookConfig } from './config';
import { createOutlookProvider } from './provider';

// The registered Outlook provider: reads its configuration from the environment on each call (env() is parsed
// once), so the registry can be a constant.
const current = () => createOutlookProvider(outlookConfig());

export const outlookProvider: TCalendarProvider = {
  id: 'outlook',
  label: 'Outlook',
  configured: () => outlookConfig() !== null,
  authUrl: (o) => current().authUrl(o),
  connect: (o) => current().connect(o),
  refresh: (t, skew) => current().refresh(t, skew),
  listCalendars: (t) => current().listCalendars(t),
  readBusy: (t, o) => current().readBusy(t, o),
  upsertEvent: (t, cal, ev, existing) => current().upsertEvent!(t, cal, ev, existing),
  deleteEvent: (t, cal, id) => current().deleteEvent!(t, cal, id),
};
