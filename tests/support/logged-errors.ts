import { expect } from 'vitest';

// State shared by tests/support/fail-on-logged-error.ts (the setup file that records every console.error and
// every error the app's logger writes) and the tests that declare an error they provoke on purpose.

export type TLoggedError = { source: 'console.error' | 'logger'; text: string };
export type TLoggedErrorsState = { logged: TLoggedError[]; expected: { pattern: RegExp; test: string | undefined; seen: boolean }[] };

const holder = globalThis as unknown as { __pathwiseLoggedErrors?: TLoggedErrorsState };
export const loggedErrors: TLoggedErrorsState = (holder.__pathwiseLoggedErrors ??= { logged: [], expected: [] });

/**
 * Declares that the running test logs an error matching `pattern` (console.error, or the app's logger at
 * error level or above), so it does not fail the test. The test fails if no such error was logged.
 * Called outside a test (in a describe block or beforeAll), it covers every test of the file and need not match.
 */
export function expectLoggedError(pattern: RegExp | string): void {
  const re = typeof pattern === 'string' ? new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : pattern;
  loggedErrors.expected.push({ pattern: re, test: expect.getState().currentTestName, seen: false });
}

function describeErrors(errors: TLoggedError[]): string {
  return errors.map((e) => `  ${e.source}: ${e.text.split('\n').slice(0, 6).join('\n    ')}`).join('\n');
}

/**
 * Takes the errors logged since the last call and matches them against the declarations active for `test`
 * (its own and the file-wide ones). Returns what is wrong — errors nothing declared, or a test's declaration
 * nothing matched — or null. The test's own declarations end here; file-wide ones stay.
 */
export function settleLoggedErrors(state: TLoggedErrorsState, test: string | undefined, where: string): string | null {
  const logged = state.logged.splice(0);
  const active = state.expected.filter((e) => e.test === undefined || e.test === test);
  const unexpected = logged.filter((l) => {
    const match = active.find((e) => e.pattern.test(l.text));
    if (match) match.seen = true;
    return !match;
  });
  const unmet = active.filter((e) => e.test !== undefined && !e.seen).map((e) => e.pattern);
  state.expected = state.expected.filter((e) => e.test === undefined);
  const problems: string[] = [];
  if (unexpected.length) {
    problems.push(
      `${where} logged ${unexpected.length} unexpected error(s) (declare with expectLoggedError() if intended):\n${describeErrors(unexpected)}`,
    );
  }
  if (unmet.length) problems.push(`${where} declared expectLoggedError(${unmet.join(', ')}) but no such error was logged`);
  return problems.length ? problems.join('\n') : null;
}
