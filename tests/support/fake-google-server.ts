import { startFakeGoogle } from './fake-google';

// The fake Google as its own process, for the e2e server (playwright.config.ts starts it when E2E_FAKE_GOOGLE=1):
// `tsx tests/support/fake-google-server.ts` listens on FAKE_GOOGLE_PORT; the spec drives it over /__control/*.
const port = Number(process.env.FAKE_GOOGLE_PORT ?? 3299);
void startFakeGoogle({ port, account: process.env.FAKE_GOOGLE_ACCOUNT ?? 'emily.carter@gmail.test' }).then((g) => {
  console.log(`fake Google listening on ${g.url}`);
});
