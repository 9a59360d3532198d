import { format } from 'node:util';
import pino from 'pino';
import { afterAll, afterEach, expect } from 'vitest';
import { loggedErrors, settleLoggedErrors } from './logged-errors';

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

function check(test: string | undefined, where: string): void {
  const problem = settleLoggedErrors(loggedErrors, test, where);
  if (problem) throw new Error(problem);
}

afterEach(() => check(expect.getState().currentTestName, 'this test'));
afterAll(() => check(undefined, 'this file (outside its tests)'));
