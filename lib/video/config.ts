import 'server-only';
import { env } from '@/lib/config';
import type { TRoomRule } from './access-window';
import { DEFAULT_ICE_SERVERS, type TIceServer } from './ice-servers';

/** The access window from the environment (VIDEO_JOIN_EARLY_MINUTES, VIDEO_JOIN_LATE_MINUTES). */
export function roomRule(): TRoomRule {
  const e = env();
  return { earlyMinutes: e.VIDEO_JOIN_EARLY_MINUTES, lateMinutes: e.VIDEO_JOIN_LATE_MINUTES };
}

export function iceServers(): TIceServer[] {
  return env().VIDEO_ICE_SERVERS ?? DEFAULT_ICE_SERVERS;
}
