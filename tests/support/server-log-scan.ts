// Reads the log of the server the e2e suite started (playwright.config.ts tees it to SERVER_LOG) and finds the
// lines that mean something went wrong on the server: the app logger at error level or above (a 500 from the
// route wrapper logs 'unhandled error'), or what Next and server/main.mjs print to the console when a page
// or a request fails. Kept free of Playwright so a unit test can hold it to these rules.

export const SERVER_LOG = '.data/e2e/server.log';

/**
 * A test that provokes a server error on purpose sends this request-id prefix (`x-request-id:
 * expected-error-…`): the route wrapper logs the id with the error, and the scan skips those lines.
 */
export const EXPECTED_ERROR_REQUEST_ID = 'expected-error-';

type TPinoLine = { level?: number; msg?: string; requestId?: string; err?: { message?: string } };

// Next's error marker, an uncaught error's first line, and Node's warnings about unhandled rejections.
const CONSOLE_ERROR = /⨯|^\s*(?:\[?\w*Error\]?[:\s]|Uncaught|Unhandled)|UnhandledPromiseRejection|\bERR_[A-Z_]+\b/;

/** The offending lines of a server log; `allowed` are patterns a suite declared as expected. */
export function serverErrorLines(log: string, allowed: RegExp[] = []): string[] {
  const found: string[] = [];
  for (const raw of log.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    let bad = false;
    if (line.startsWith('{')) {
      let entry: TPinoLine | null = null;
      try {
        entry = JSON.parse(line) as TPinoLine;
      } catch {
        entry = null;
      }
      if (entry) {
        bad = (entry.level ?? 0) >= 50 && !entry.requestId?.startsWith(EXPECTED_ERROR_REQUEST_ID);
      } else bad = CONSOLE_ERROR.test(line);
    } else bad = CONSOLE_ERROR.test(line);
    if (bad && !allowed.some((re) => re.test(line))) found.push(line.length > 500 ? `${line.slice(0, 500)}…` : line);
  }
  return found;
}
