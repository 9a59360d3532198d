import { describe, expect, it } from 'vitest';
import { bothConsented, consentsInForce, deleteAfter, looksLikeWebm, statusAfterAnswer } from '@/lib/video/recording-rules';
import { minutesPresent, settleNoShow, type TAttendanceInterval } from '@/lib/video/settle-no-show';

const MIN = 60_000;
const start = Date.parse('2026-03-10T15:00:00Z');
const end = start + 60 * MIN;
const at = (m: number) => new Date(start + m * MIN);
const yes = (role: 'learner' | 'expert', m: number) => ({ role, granted: true, at: at(m) });
const no = (role: 'learner' | 'expert', m: number) => ({ role, granted: false, at: at(m) });

describe('recording consent', () => {
  it('one consent is never enough; both start it', () => {
    expect(bothConsented([yes('learner', 0)])).toBe(false);
    expect(bothConsented([yes('learner', 0), yes('learner', 1)])).toBe(false);
    expect(statusAfterAnswer('requested', [yes('expert', 0)])).toBe('requested');
    expect(statusAfterAnswer('requested', [yes('expert', 0), yes('learner', 1)])).toBe('recording');
  });

  it('the latest answer of each side is the one in force', () => {
    expect(consentsInForce([yes('learner', 2), no('learner', 1), yes('expert', 0)])).toEqual({ learner: true, expert: true });
    expect(consentsInForce([no('learner', 2), yes('learner', 1)])).toEqual({ learner: false, expert: null });
  });

  it('a no declines a request; a withdrawal stops a recording; finished recordings do not move', () => {
    expect(statusAfterAnswer('requested', [yes('expert', 0), no('learner', 1)])).toBe('declined');
    expect(statusAfterAnswer('recording', [yes('expert', 0), yes('learner', 1), no('expert', 5)])).toBe('stopped');
    expect(statusAfterAnswer('ready', [no('expert', 5)])).toBe('ready');
    expect(statusAfterAnswer('stopped', [yes('expert', 0), yes('learner', 6)])).toBe('stopped');
  });

  it('retention and the WebM check', () => {
    expect(deleteAfter(new Date('2026-03-10T00:00:00Z'), 30).toISOString()).toBe('2026-04-09T00:00:00.000Z');
    expect(looksLikeWebm(new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 1]))).toBe(true);
    expect(looksLikeWebm(new TextEncoder().encode('%PDF-1.7'))).toBe(false);
  });
});

describe('no-show settlement by attendance', () => {
  const iv = (role: 'learner' | 'expert', from: number, to: number | null): TAttendanceInterval => ({
    role,
    joinedAt: at(from),
    leftAt: to === null ? null : at(to),
  });
  const settle = (absentRole: 'learner' | 'expert', attendance: TAttendanceInterval[] | null, minMinutes = 5) =>
    settleNoShow({ absentRole, attendance, startMs: start, endMs: end, nowMs: end + 2 * 60 * MIN, minMinutes });

  it('counts overlapping intervals once, clips to the room window, and runs an open interval to now', () => {
    const list = [iv('expert', 0, 20), iv('expert', 10, 30), iv('expert', -60, -5), iv('learner', 80, null)];
    expect(minutesPresent(list, 'expert', start - 10 * MIN, end + 30 * MIN, end + 120 * MIN)).toBe(35);
    expect(minutesPresent(list, 'learner', start - 10 * MIN, end + 30 * MIN, end + 120 * MIN)).toBe(10);
  });

  it('contradicts a report when the reported side stayed at least N minutes', () => {
    expect(settle('expert', [iv('learner', 0, 60), iv('expert', 0, 5)]).verdict).toBe('contradicted');
    expect(settle('expert', [iv('learner', 0, 60), iv('expert', 0, 4)]).verdict).toBe('confirmed');
    expect(settle('expert', [iv('learner', 0, 60), iv('expert', 0, 4)], 4).verdict).toBe('contradicted');
  });

  it('confirms when the reporter was there and the other side never came', () => {
    expect(settle('learner', [iv('expert', -5, 60)])).toEqual({
      verdict: 'confirmed',
      minutes: { learner: 0, expert: 65 },
      joined: { learner: false, expert: true },
    });
  });

  it('flags nobody joined, the reporter absent, and sessions with no attendance data', () => {
    expect(settle('expert', []).verdict).toBe('nobody_joined');
    expect(settle('expert', [iv('expert', 0, 2)]).verdict).toBe('reporter_absent');
    expect(settle('expert', null).verdict).toBe('no_data');
    // Presence outside the room's window does not count.
    expect(settle('expert', [iv('learner', 0, 60), iv('expert', 200, 260)]).verdict).toBe('confirmed');
  });
});
