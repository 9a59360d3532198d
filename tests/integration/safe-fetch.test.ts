import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLinkChecker } from '@/lib/curriculum/check-links';
import { isPublicAddress, RefusedUrlError, safeFetch, type TResolve } from '@/lib/http/safe-fetch';

// The link checker's SSRF guard against a real local HTTP server. The default policy must refuse every
// internal address however it is written; tests that need the local server allow 127.0.0.1 through the
// option only tests pass, and prove each redirect hop is checked again.

let server: Server;
let port: number;
const hits: string[] = [];
let inFlight = 0;
let maxInFlight = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    const to = (location: string) => res.writeHead(302, { location }).end();
    if (req.url === '/ok') res.writeHead(200).end('ok');
    else if (req.url === '/to-ok') to('/ok');
    else if (req.url === '/to-private') to('http://10.1.2.3/');
    else if (req.url === '/to-ipv6-loopback') to(`http://[::1]:${port}/ok`);
    else if (req.url === '/to-rebind') to(`http://rebind.test:${port}/ok`);
    else if (req.url === '/loop') to('/loop');
    else if (req.url === '/slow') setTimeout(() => res.writeHead(200).end(), 5000);
    else if (req.url?.startsWith('/page-')) {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => {
        inFlight--;
        res.writeHead(200).end();
      }, 60);
    } else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});
beforeEach(() => {
  hits.length = 0;
});

const refused = async (url: string, o: Parameters<typeof safeFetch>[1] = {}) => {
  const err = await safeFetch(url, { timeoutMs: 2000, ...o }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, url).toBeInstanceOf(RefusedUrlError);
  return err as RefusedUrlError;
};

describe('safeFetch with the default policy', () => {
  it.each([
    () => `http://127.0.0.1:${port}/ok`,
    () => `http://localhost:${port}/ok`,
    () => `http://10.0.0.1/`,
    () => `http://192.168.0.10/`,
    () => `http://169.254.169.254/latest/meta-data/`,
    () => `http://100.64.0.1/`,
    () => `http://[::ffff:127.0.0.1]:${port}/ok`,
    () => `http://[::1]:${port}/ok`,
    () => `http://[fd00::1]/`,
    () => `http://0.0.0.0:${port}/ok`,
    () => `http://2130706433:${port}/ok`, // decimal 127.0.0.1
    () => `http://0177.0.0.1:${port}/ok`, // octal
    () => `http://0x7f.1:${port}/ok`, // hex, short form
    () => `http://127.1:${port}/ok`,
    () => `ftp://example.com/file`,
    () => `http://user:secret@example.com/`,
    () => 'not a url',
  ])('refuses %s and sends nothing', async (url) => {
    await refused(url());
    expect(hits).toEqual([]);
  });

  it('refuses a host whose DNS answer holds one private address among public ones', async () => {
    const resolve: TResolve = async () => [
      { address: '93.184.215.14', family: 4 },
      { address: '10.0.0.7', family: 4 },
    ];
    expect((await refused('http://mixed.example/', { resolve })).message).toMatch(/10\.0\.0\.7/);
  });
});

describe('safeFetch through the test seam (127.0.0.1 allowed, everything else by the default policy)', () => {
  const local = (address: string) => address === '127.0.0.1' || isPublicAddress(address);
  const calls: string[] = [];
  const resolve: TResolve = async (host) => {
    calls.push(host);
    if (host === 'site.test') return [{ address: '127.0.0.1', family: 4 }];
    if (host === 'rebind.test') return [{ address: '10.0.0.5', family: 4 }];
    return [];
  };
  beforeEach(() => {
    calls.length = 0;
  });

  it('connects to the address it checked: a host the system cannot resolve reaches the local server', async () => {
    expect(await safeFetch(`http://site.test:${port}/ok`, { resolve, isAllowedAddress: local })).toEqual({
      status: 200,
      url: `http://site.test:${port}/ok`,
      hops: 0,
    });
    expect(hits).toEqual(['HEAD /ok']);
  });

  it('follows a redirect by hand, checking the new hop', async () => {
    const r = await safeFetch(`http://site.test:${port}/to-ok`, { resolve, isAllowedAddress: local, method: 'GET' });
    expect(r).toMatchObject({ status: 200, hops: 1 });
    expect(hits).toEqual(['GET /to-ok', 'GET /ok']);
    expect(calls).toEqual(['site.test', 'site.test']);
  });

  it.each([
    ['/to-private', /10\.1\.2\.3/],
    ['/to-ipv6-loopback', /::1/],
    ['/to-rebind', /rebind\.test resolves to 10\.0\.0\.5/],
  ])('refuses a redirect %s to an internal address without requesting it', async (path, message) => {
    expect((await refused(`http://site.test:${port}${path}`, { resolve, isAllowedAddress: local })).message).toMatch(message);
    expect(hits).toEqual([`HEAD ${path}`]);
  });

  it('stops after the maximum number of redirects', async () => {
    expect((await refused(`http://site.test:${port}/loop`, { resolve, isAllowedAddress: local, maxRedirects: 3 })).message).toMatch(
      /More than 3 redirects/,
    );
    expect(hits).toHaveLength(4);
  });

  it('gives up at the timeout', async () => {
    const t0 = Date.now();
    await expect(safeFetch(`http://site.test:${port}/slow`, { resolve, isAllowedAddress: local, timeoutMs: 300 })).rejects.toThrow();
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('returns a dead page as a status, not an error', async () => {
    expect(await safeFetch(`http://site.test:${port}/missing`, { resolve, isAllowedAddress: local })).toMatchObject({ status: 404 });
  });
});

describe('the link checker', () => {
  const resolve: TResolve = async () => [{ address: '127.0.0.1', family: 4 }];
  const isAllowedAddress = (a: string) => a === '127.0.0.1';

  it('checks at most `concurrency` links at a time, and each URL once', async () => {
    maxInFlight = 0;
    const checker = createLinkChecker({ concurrency: 2, resolve, isAllowedAddress });
    const urls = Array.from({ length: 8 }, (_, i) => `http://site.test:${port}/page-${i}`);
    const verdicts = await Promise.all([...urls, ...urls].map((u) => checker.check(u)));
    expect(verdicts.every((v) => v === 'ok')).toBe(true);
    expect(maxInFlight).toBe(2);
    expect(hits.filter((h) => h.startsWith('HEAD /page-'))).toHaveLength(8);
  });
});
