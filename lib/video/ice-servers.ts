import { z } from 'zod';

// VIDEO_ICE_SERVERS: a JSON array of RTCIceServer (STUN and TURN, TURN with username and credential).
export const ZIceServer = z.object({
  urls: z.union([z.string().regex(/^(stun|stuns|turn|turns):\S+$/), z.array(z.string().regex(/^(stun|stuns|turn|turns):\S+$/)).min(1)]),
  username: z.string().max(512).optional(),
  credential: z.string().max(512).optional(),
});
export const ZIceServers = z.array(ZIceServer).max(10);
export type TIceServer = z.infer<typeof ZIceServer>;

export const DEFAULT_ICE_SERVERS: TIceServer[] = [{ urls: 'stun:stun.l.google.com:19302' }];

/** Parses the variable's text; throws a message naming what is wrong. */
export function parseIceServers(raw: string | undefined): TIceServer[] {
  if (raw === undefined || raw.trim() === '') return DEFAULT_ICE_SERVERS;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Error('must be a JSON array of RTCIceServer objects, e.g. [{"urls":"stun:stun.example.org:3478"}]');
  }
  const parsed = ZIceServers.safeParse(json);
  if (!parsed.success) throw new Error(`must be a JSON array of RTCIceServer objects: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}
