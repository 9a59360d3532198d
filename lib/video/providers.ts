import 'server-only';
import { env } from '@/lib/config';
import type { TZoomConfig } from './zoom';

export const VIDEO_PROVIDERS = ['builtin', 'zoom', 'google_meet'] as const;
export type TVideoProvider = (typeof VIDEO_PROVIDERS)[number];

/** Zoom's app credentials, or null when Zoom is not configured. */
export function zoomConfig(): TZoomConfig | null {
  const e = env();
  if (!e.ZOOM_ACCOUNT_ID || !e.ZOOM_CLIENT_ID || !e.ZOOM_CLIENT_SECRET) return null;
  return {
    accountId: e.ZOOM_ACCOUNT_ID,
    clientId: e.ZOOM_CLIENT_ID,
    clientSecret: e.ZOOM_CLIENT_SECRET,
    apiBase: e.ZOOM_API_BASE,
    oauthBase: e.ZOOM_OAUTH_BASE,
  };
}

/**
 * The choices an expert may give a session type. Google Meet needs the Google Calendar integration (the
 * meeting is the conferenceData of the session's calendar event), which this version does not have yet, so
 * it is never offered; see docs/video.md.
 */
export function availableVideoProviders(): TVideoProvider[] {
  return ['builtin', ...(zoomConfig() ? (['zoom'] as const) : [])];
}

export const VIDEO_PROVIDER_LABEL: Record<TVideoProvider, string> = {
  builtin: 'Pathwise video room',
  zoom: 'Zoom',
  google_meet: 'Google Meet',
};
