import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutlookProvider, type TOutlookConfig } from '@/lib/calendar/outlook/provider';
import { CalendarProviderError, type TCalendarTokens } from '@/lib/calendar/types';
import { fakeMicrosoft, trustFakeTls, type TFakeMicrosoft } from '../support/fake-microsoft';

let ms: TFakeMicrosoft;
let cfg: TOutlookConfig;
const redirectUri = 'http://localhost:3000/api/calendar/outlook/callback';

beforeAll(async () => {
  trustFakeTls();
  ms = await fakeMicrosoft();
  cfg = { clientId: ms.clientId, clientSecret: ms.clientSecret, tenant: 'common', authorityHost: ms.url, graphBase: ms.url, timeoutMs: 2000 };
});
afterAll(() => ms.close());

describe('Outlook provider (msal-node + graph-client against a local Microsoft)', () => {
  it('connects with an auth code and reads identity', async () => {
    const p = createOutlookProvider(cfg);
    const r = await p.connect({ code: ms.issueCode(), redirectUri });
    expect(r.accountEmail).toBe('avery@contoso.example');
    expect(r.tokens.refreshToken).toMatch(/^rt-/);
    expect(ms.log.some((l) => l.includes('/.well-known/openid-configuration'))).toBe(true);
    const cals = await p.listCalendars(r.tokens);
    expect(cals[0]).toMatchObject({ id: 'AAMkCal-primary', primary: true, canWrite: true });
    const refreshed = await p.refresh({ ...r.tokens, expiresAt: Date.now() + 1000 });
    expect(refreshed?.accessToken).not.toBe(r.tokens.accessToken);
  });
});
