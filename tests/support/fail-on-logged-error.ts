import { format } from 'node:util';
import pino from 'pino';
import { afterAll, afterEach, expect } from 'vitest';
import { loggedErrors, type TLoggedError } from './logged-errors';

// A setupFiles entry (unit + integration): any console.error, or any error the app's logger writes, fails
// the test that caused it unless the test declared it with expectLoggedError() (tests/support/logged-errors.ts).
// Errors logged outside a test (beforeAll, after the last test) fail the file in afterAll.

const original = console.error.bind(console);
console.error = (...args: unknown[]) => {
  loggedErrors.logged.push({ source: 'console.error', text: format(...args) });
  original(...args);
};

// lib/log/logger.ts is silent under NODE_ENV=test; this replaces its process-wide logger with one that records
// error and fatal lines (and prints nothing else), before any test module calls logger().
type TPinoLine = { msg?: string; err?: { type?: string; message?: string } };
(globalThis as unknown as { __pathwiseLogger?: pino.Logger }).__pathwiseLogger = pino(
  { level: 'error', base: { app: 'pathwise' } },
  {
    write(line: string) {
      const { msg = '', err } = JSON.parse(line) as TPinoLine;
      const text = err ? `${msg}: ${err.type ?? 'Error'}: ${err.message ?? ''}` : msg;
      loggedErrors.logged.push({ source: 'logger', text });
      original(`[logger] ${text}`);
    },
  },
);

function describeErrors(errors: TLoggedError[]): string {
  return errors.map((e) => `  ${e.source}: ${e.text.split('\n').slice(0, 6).join('\n    ')}`).join('\n');
}

/** Takes the errors logged since the last check; returns those no declaration covers, and the test's unmet declarations. */
function settle(test: string | undefined): { unexpected: TLoggedError[]; unmet: RegExp[] } {
  const logged = loggedErrors.logged.splice(0);
  const active = loggedErrors.expected.filter((e) => e.test === undefined || e.test === test);
  const unexpected = logged.filter((l) => {
    const match = active.find((e) => e.pattern.test(l.text));
    if (match) match.seen = true;
    return !match;
  });
  const unmet = active.filter((e) => e.test !== undefined && !e.seen).map((e) => e.pattern);
  // A test's own declarations end with it; file-wide ones (test undefined) stay.
  loggedErrors.expected = loggedErrors.expected.filter((e) => e.test === undefined);
  return { unexpected, unmet };
}

function check(test: string | undefined, where: string): void {
  const { unexpected, unmet } = settle(test);
  const problems: string[] = [];
  if (unexpected.length) {
    problems.push(`${where} logged ${unexpected.length} unexpected error(s) (declare with expectLoggedError() if intended):\n${describeErrors(unexpected)}`);
  }
  if (unmet.length) problems.push(`${where} declared expectLoggedError(${unmet.join(', ')}) but no such error was logged`);
  if (problems.length) throw new Error(problems.join('\n'));
}

afterEach(() => check(expect.getState().currentTestName, 'this test'));
afterAll(() => check(undefined, 'this file (outside its tests)'));
