import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { SERVER_LOG } from './tests/support/server-log-scan';

const PORT = Number(process.env.E2E_PORT ?? 3100);
// E2E_BASE_URL points the suite at a server someone else started (the benchmark does).
const external = process.env.E2E_BASE_URL;
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// E2E_FAKE_GOOGLE=1 also starts tests/support/fake-google.ts (Google's OAuth + Calendar API, with a consent page)
// and points the app's Google Calendar at it (tests/e2e/calendar-google.spec.ts needs it; other specs expect no
// calendar provider, so it is off by default).
const fakeGoogle = process.env.E2E_FAKE_GOOGLE === '1';
export const FAKE_GOOGLE_URL = `http://127.0.0.1:${PORT + 95}`;
const googleEnv: Record<string, string> = fakeGoogle
  ? {
      GOOGLE_CLIENT_ID: 'pathwise-e2e.apps.googleusercontent.com',
      GOOGLE_CLIENT_SECRET: 'e2e-secret',
      GOOGLE_OAUTH_BASE: FAKE_GOOGLE_URL,
      GOOGLE_API_BASE: FAKE_GOOGLE_URL,
      CALENDAR_TOKEN_KEYS: `e2e:${Buffer.alloc(32, 42).toString('base64')}`,
      APP_URL: `http://localhost:${PORT}`,
    }
  : {};

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // E2E_REPORT: scripts/test-e2e.mjs runs a second pass (the fake Google) into its own report.
  reporter: [['list'], ['json', { outputFile: process.env.E2E_REPORT ?? '.data/reports/e2e.json' }]],
  // Fails the run on any server error line in the server's log that no test declared (an unexpected 500).
  globalTeardown: './tests/e2e/global-teardown.ts',
  use: {
    baseURL: external ?? `http://localhost:${PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-quic',
        '--no-first-run',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: external
    ? undefined
    : [
        ...(fakeGoogle
          ? [
              {
                command: 'npx tsx tests/support/fake-google-server.ts',
                url: `${FAKE_GOOGLE_URL}/__control/state`,
                timeout: 30_000,
                reuseExistingServer: false,
                env: { FAKE_GOOGLE_PORT: String(PORT + 95), GOOGLE_CLIENT_ID: googleEnv.GOOGLE_CLIENT_ID },
              },
            ]
          : []),
        {
          // The production build on embedded defaults, with a fresh PGlite directory per run. Its output is also
          // kept in SERVER_LOG (truncated at each start) for the global teardown to scan.
          command: `mkdir -p ${path.dirname(SERVER_LOG)} && npm start 2>&1 | tee ${SERVER_LOG}`,
          url: `http://localhost:${PORT}/api/health`,
          timeout: 120_000,
          reuseExistingServer: false,
          stdout: 'pipe',
          env: {
            PORT: String(PORT),
            NODE_ENV: 'production',
            DATA_DIR: '.data/e2e',
            DATABASE_URL: '',
            REDIS_URL: '',
            LOG_LEVEL: 'warn',
            AUTH_MAX_ATTEMPTS_PER_IP: '500',
            // Every e2e sign-up comes from 127.0.0.1.
            AUTH_MAX_SIGNUPS_PER_IP: '500',
            // The suite signs in as the demo accounts; production seeds them only when asked (docs/security.md).
            SEED_DEMO: 'true',
            ...googleEnv,
            // Video (tests/e2e/video-room.spec.ts): host ICE candidates only (no network), and rooms open early enough
            // that a slot booked through the UI (hours or days ahead) can be joined now.
            VIDEO_ICE_SERVERS: '[]',
            VIDEO_JOIN_EARLY_MINUTES: '40320',
            // The test clock (POST /api/test-clock/complete, admin only): tests/e2e/earnings.spec.ts completes a paid
            // session without waiting for its end.
            TEST_CLOCK: '1',
          },
        },
      ],
});
