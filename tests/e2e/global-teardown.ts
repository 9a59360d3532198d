import { existsSync, readFileSync } from 'node:fs';
import { SERVER_LOG, serverErrorLines } from '../support/server-log-scan';

/**
 * Server errors nothing in the suite provokes on purpose fail the run, even when every page looked fine
 * to its test. A test that provokes one sends `x-request-id: expected-error-…` (tests/support/server-log-scan.ts);
 * an error logged without a request id is declared here, with the reason.
 */
const EXPECTED_SERVER_ERRORS: RegExp[] = [];

export default function globalTeardown(): void {
  // E2E_BASE_URL: someone else's server, whose log is not ours to read.
  if (process.env.E2E_BASE_URL || !existsSync(SERVER_LOG)) return;
  const lines = serverErrorLines(readFileSync(SERVER_LOG, 'utf8'), EXPECTED_SERVER_ERRORS);
  if (lines.length) {
    throw new Error(`The server logged ${lines.length} unexpected error line(s) (${SERVER_LOG}):\n${lines.slice(0, 30).join('\n')}`);
  }
}
