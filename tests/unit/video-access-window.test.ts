import { describe, expect, it } from 'vitest';
import { ROOM_STATUSES, roomState, roomWindow, VIDEO_JOIN_EARLY_MINUTES, VIDEO_JOIN_LATE_MINUTES } from '@/lib/video/access-window';
import { parseIceServers, DEFAULT_ICE_SERVERS } from '@/lib/video/ice-servers';
import { parseEnv } from '@/lib/config/env';
import { permissionsPolicyFor } from '../../server/security-headers.mjs';

const MIN = 60_000;
const start = Date.parse('2026-03-29T00:30:00Z'); // the night Europe/London and Europe/Berlin move their clocks
const end = start + 60 * MIN;
const b = (status = 'confirmed') => ({ status, startMs: start, endMs: end });

describe('the room access window', () => {
  it('opens exactly 10 minutes before the start and closes exactly 30 minutes after the end', () => {
    expect(VIDEO_JOIN_EARLY_MINUTES).toBe(10);
    expect(VIDEO_JOIN_LATE_MINUTES).toBe(30);
    expect(roomState(b(), start - 10 * MIN - 1)).toBe('too_early');
    expect(roomState(b(), start - 10 * MIN)).toBe('open');
    expect(roomState(b(), start)).toBe('open');
    expect(roomState(b(), end)).toBe('open');
    expect(roomState(b(), end + 30 * MIN - 1)).toBe('open');
    expect(roomState(b(), end + 30 * MIN)).toBe('ended');
    expect(roomWindow(b())).toEqual({ opensAtMs: start - 10 * MIN, closesAtMs: end + 30 * MIN });
  });

  it('works on instants only: the same answer whatever zone the process or the people are in', () => {
    // A session across a DST change is still 60 real minutes; nothing in the rule reads a wall clock.
    const before = process.env.TZ;
    for (const tz of ['UTC', 'Europe/London', 'America/New_York', 'Asia/Kolkata']) {
      process.env.TZ = tz;
      expect(roomState(b(), end + 29 * MIN)).toBe('open');
      expect(roomState(b(), start - 11 * MIN)).toBe('too_early');
    }
    process.env.TZ = before;
  });

  it('only confirmed sessions (and ones the sweeper completed at their end) open', () => {
    expect(ROOM_STATUSES).toEqual(['confirmed', 'completed']);
    for (const s of ['held', 'cancelled', 'expired', 'no_show', 'whatever']) expect(roomState(b(s), start)).toBe('not_confirmed');
    expect(roomState(b('completed'), end + 5 * MIN)).toBe('open');
    expect(roomState(b('completed'), end + 30 * MIN)).toBe('ended');
    // A cancelled session is refused even inside the window, and before it.
    expect(roomState(b('cancelled'), start - 60 * MIN)).toBe('not_confirmed');
  });

  it('takes another rule (VIDEO_JOIN_EARLY_MINUTES, VIDEO_JOIN_LATE_MINUTES)', () => {
    const rule = { earlyMinutes: 0, lateMinutes: 0 };
    expect(roomState(b(), start - 1, rule)).toBe('too_early');
    expect(roomState(b(), start, rule)).toBe('open');
    expect(roomState(b(), end, rule)).toBe('ended');
  });
});

describe('VIDEO_ICE_SERVERS', () => {
  it('defaults to a public STUN server, takes [] and TURN with credentials, refuses junk with a message', () => {
    expect(parseIceServers(undefined)).toEqual(DEFAULT_ICE_SERVERS);
    expect(parseEnv({}).VIDEO_ICE_SERVERS).toBeUndefined();
    expect(parseEnv({ VIDEO_ICE_SERVERS: '[]' }).VIDEO_ICE_SERVERS).toEqual([]);
    const turn = [{ urls: ['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:5349'], username: 'u', credential: 'p' }];
    expect(parseEnv({ VIDEO_ICE_SERVERS: JSON.stringify(turn) }).VIDEO_ICE_SERVERS).toEqual(turn);
    expect(() => parseEnv({ VIDEO_ICE_SERVERS: 'stun:x' })).toThrow(/VIDEO_ICE_SERVERS must be a JSON array/);
    expect(() => parseEnv({ VIDEO_ICE_SERVERS: '[{"urls":"http://x"}]' })).toThrow(/VIDEO_ICE_SERVERS/);
    expect(parseEnv({}).VIDEO_JOIN_EARLY_MINUTES).toBe(10);
    expect(parseEnv({}).VIDEO_JOIN_LATE_MINUTES).toBe(30);
  });
});

describe('the camera is allowed on the room page only', () => {
  it('answers camera=(self) for /sessions/<id>/room and camera=() everywhere else', () => {
    const id = '0b6f3c1e-8a4d-4a59-9a43-0f2d7a1c9e11';
    expect(permissionsPolicyFor(`/sessions/${id}/room`)).toContain('camera=(self)');
    expect(permissionsPolicyFor(`/sessions/${id}/room`)).toContain('display-capture=(self)');
    expect(permissionsPolicyFor(`/sessions/${id}/room?x=1`)).toContain('microphone=(self)');
    for (const url of ['/sessions', `/sessions/${id}/review`, `/sessions/${id}/room/x`, `/x/sessions/${id}/room`, '/', undefined])
      expect(permissionsPolicyFor(url)).toBe('camera=(), microphone=(), geolocation=()');
  });
});
