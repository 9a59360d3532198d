import { expect } from 'vitest';

// State shared by tests/support/fail-on-logged-error.ts (the setup file that records every console.error and
// every error the app's logger writes) and the tests that declare an error they provoke on purpose.

export type TLoggedError = { source: 'console.error' | 'logger'; text: string };
type TState = { logged: TLoggedError[]; expected: { pattern: RegExp; test: string | undefined; seen: boolean }[] };

const holder = globalThis as unknown as { __pathwiseLoggedErrors?: TState };
export const loggedErrors: TState = (holder.__pathwiseLoggedErrors ??= { logged: [], expected: [] });

/**
 * Declares that the running test logs an error matching `pattern` (console.error, or the app's logger at
 * error level or above), so it does not fail the test. The test fails if no such error was logged.
 * Called outside a test (in a describe block or beforeAll), it covers every test of the file and need not match.
 */
export function expectLoggedError(pattern: RegExp | string): void {
  const re = typeof pattern === 'string' ? new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : pattern;
  loggedErrors.expected.push({ pattern: re, test: expect.getState().currentTestName, seen: false });
}
