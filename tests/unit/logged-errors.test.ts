import { describe, expect, it } from 'vitest';
import { logger } from '@/lib/log/logger';
import { expectLoggedError, settleLoggedErrors, type TLoggedErrorsState } from '../support/logged-errors';

const state = (logged: string[], expected: { pattern: RegExp; test?: string }[]): TLoggedErrorsState => ({
  logged: logged.map((text) => ({ source: 'console.error', text })),
  expected: expected.map((e) => ({ pattern: e.pattern, test: e.test, seen: false })),
});

describe('errors logged during a test (tests/support/fail-on-logged-error.ts)', () => {
  it('reports an error nothing declared, with its text', () => {
    const problem = settleLoggedErrors(state(['boom: connection reset'], []), 't', 'this test');
    expect(problem).toMatch(/this test logged 1 unexpected error/);
    expect(problem).toContain('boom: connection reset');
  });

  it('accepts errors a declaration of the running test or of the whole file matches', () => {
    const s = state(
      ['unhandled error: Error: kaput', 'pool: idle client error'],
      [{ pattern: /kaput/, test: 't' }, { pattern: /idle client/ }],
    );
    expect(settleLoggedErrors(s, 't', 'this test')).toBeNull();
  });

  it('does not let one test declare errors for another', () => {
    const s = state(['unhandled error: Error: kaput'], [{ pattern: /kaput/, test: 'other' }]);
    expect(settleLoggedErrors(s, 't', 'this test')).toMatch(/unexpected/);
  });

  it('fails a test whose declared error never came, but not a file-wide declaration', () => {
    expect(settleLoggedErrors(state([], [{ pattern: /kaput/, test: 't' }]), 't', 'this test')).toMatch(
      /declared expectLoggedError\(\/kaput\/\)/,
    );
    expect(settleLoggedErrors(state([], [{ pattern: /kaput/ }]), 't', 'this test')).toBeNull();
  });

  it("ends a test's declarations with it and keeps the file's", () => {
    const s = state([], [{ pattern: /a/, test: 't' }, { pattern: /b/ }]);
    settleLoggedErrors(s, 't', 'this test');
    expect(s.expected.map((e) => String(e.pattern))).toEqual(['/b/']);
  });

  it("records console.error and the app logger's errors for real (declared here, so this test passes)", () => {
    expectLoggedError('plain console error');
    expectLoggedError(/unhandled error: Error: from the logger/);
    console.error('plain console error (expected by this test)');
    logger().error({ err: new Error('from the logger') }, 'unhandled error');
    logger().warn('a warning is not an error');
  });
});
