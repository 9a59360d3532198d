import { describe, expect, it } from 'vitest';
import { serverErrorLines } from '../support/server-log-scan';

const pino = (level: number, msg: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ level, time: 1, app: 'pathwise', msg, ...extra });

describe('the e2e server log scan (tests/e2e/global-teardown.ts)', () => {
  it("finds the route wrapper's 'unhandled error' and any other error or fatal line of the app logger", () => {
    const log = [
      '▲ Pathwise listening on http://localhost:3208 (realtime in-process)',
      pino(40, 'SEED_DEMO=true: demo accounts with the public password were created'),
      pino(50, 'unhandled error', { requestId: 'a1', err: { message: 'boom' } }),
      pino(60, 'worker crashed'),
    ].join('\n');
    const found = serverErrorLines(log);
    expect(found).toHaveLength(2);
    expect(found[0]).toContain('"unhandled error"');
    expect(found[1]).toContain('worker crashed');
  });

  it('finds what Next and server/main.mjs print when a page or a request fails', () => {
    const log = [
      ' ⨯ Error: page exploded',
      "TypeError: Cannot read properties of undefined (reading 'id')",
      '    at render (/app/.next/server/x.js:1:2)',
    ].join('\n');
    expect(serverErrorLines(log)).toEqual(['⨯ Error: page exploded', "TypeError: Cannot read properties of undefined (reading 'id')"]);
  });

  it('skips errors a test provoked on purpose (request id expected-error-…) and declared patterns', () => {
    const log = [
      pino(50, 'unhandled error', { requestId: 'expected-error-nul-byte', err: { message: 'x' } }),
      ' ⨯ Error: known flaky thing',
    ].join('\n');
    expect(serverErrorLines(log, [/known flaky thing/])).toEqual([]);
  });

  it('passes a clean log: start-up lines, warnings, and words like "errors" in normal output', () => {
    const log = [
      '> pathwise@0.1.0 start',
      '▲ Pathwise listening on http://localhost:3208',
      pino(40, 'rate limit reached'),
      'Database ready, 0 errors',
    ].join('\n');
    expect(serverErrorLines(log)).toEqual([]);
  });
});
