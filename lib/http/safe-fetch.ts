import 'server-only';
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

// Requests to URLs that someone else chose (a model's resource links), without letting them reach the
// server's own network (SSRF): the host is resolved first, every address must be public unicast, the
// connection goes to the address that was checked (a second DNS answer cannot swap it: no rebinding),
// and redirects are followed by hand, each hop checked again.

// Only what ipaddr.js calls 'unicast' (public unicast) passes. Everything else is refused: unspecified
// (0.0.0.0/8, ::), broadcast, multicast, linkLocal (169.254/16 with cloud metadata, fe80::/10), loopback
// (127/8, ::1), carrierGradeNat (100.64/10), private (10/8, 172.16/12, 192.168/16), reserved and
// documentation ranges, uniqueLocal (fc00::/7), ipv4Mapped (::ffff:a.b.c.d, whatever the IPv4 part), NAT64/6to4/Teredo prefixes that reach IPv4 space.
/** True for an address a server may fetch from: public unicast (an IPv4-mapped IPv6 address is not: range 'ipv4Mapped'). */
export function isPublicAddress(address: string): boolean {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address.replace(/^\[|\]$/g, ''));
  } catch {
    return false;
  }
  return parsed.range() === 'unicast';
}

export class RefusedUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefusedUrlError';
  }
}

export type TResolve = (hostname: string) => Promise<{ address: string; family: number }[]>;

export type TSafeFetchOptions = {
  method?: 'HEAD' | 'GET';
  /** The whole request, redirects included. */
  timeoutMs?: number;
  maxRedirects?: number;
  /**
   * Test seams, never set in production: a resolver (a test host name → a local address) and which
   * addresses are allowed. The defaults are the system resolver and isPublicAddress.
   */
  resolve?: TResolve;
  isAllowedAddress?: (address: string) => boolean;
};

export type TSafeFetchResult = { status: number; url: string; hops: number };

const systemResolve: TResolve = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** The one address to connect to: every address the host resolves to must be allowed (refused otherwise). */
async function checkedAddress(url: URL, o: Required<Pick<TSafeFetchOptions, 'resolve' | 'isAllowedAddress'>>) {
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new RefusedUrlError(`Only http and https links are checked (${url.protocol}).`);
  if (url.username || url.password) throw new RefusedUrlError('Links with credentials are refused.');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // The URL parser has already turned decimal, octal and hex IPv4 forms (http://2130706433/) into dotted quads.
  const addresses = ipaddr.isValid(host) ? [{ address: host, family: host.includes(':') ? 6 : 4 }] : await o.resolve(host);
  if (!addresses.length) throw new RefusedUrlError(`${host} does not resolve.`);
  const bad = addresses.find((a) => !o.isAllowedAddress(a.address));
  if (bad) throw new RefusedUrlError(`${host} resolves to ${bad.address}, which is not a public address.`);
  return addresses[0];
}

function requestOnce(url: URL, target: { address: string; family: number }, method: string, signal: AbortSignal) {
  return new Promise<{ status: number; location?: string }>((resolve, reject) => {
    // Pins the connection to the checked address; TLS still verifies the certificate for url.hostname. A fresh
    // connection each time (agent: false): a pooled socket is keyed by host name, not by the address checked.
    const lookup: LookupFunction = (_host, options, cb) => {
      if ((options as { all?: boolean }).all)
        (cb as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [target]);
      else cb(null, target.address, target.family);
    };
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(
      url,
      { method, lookup, signal, agent: false, headers: { 'user-agent': 'PathwiseLinkCheck/1.0', accept: '*/*' } },
      (res) => {
        const location = res.headers.location;
        res.destroy(); // the status is all we need; never read a body
        resolve({ status: res.statusCode ?? 0, location: typeof location === 'string' ? location : undefined });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * One request (HEAD by default) to a URL chosen by someone else, following up to `maxRedirects` redirects
 * by hand. Throws RefusedUrlError for a URL or hop that is not public, and the network's error (or an
 * AbortError at the timeout) otherwise; a 4xx/5xx answer is returned, not thrown.
 */
export async function safeFetch(rawUrl: string, o: TSafeFetchOptions = {}): Promise<TSafeFetchResult> {
  const policy = { resolve: o.resolve ?? systemResolve, isAllowedAddress: o.isAllowedAddress ?? isPublicAddress };
  const signal = AbortSignal.timeout(o.timeoutMs ?? 5000);
  const maxRedirects = o.maxRedirects ?? 5;
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new RefusedUrlError('Not a URL.');
  }
  for (let hops = 0; ; hops++) {
    const target = await untilAborted(checkedAddress(url, policy), signal); // DNS look-ups take no signal
    const res = await requestOnce(url, target, o.method ?? 'HEAD', signal);
    if (res.status >= 300 && res.status < 400 && res.location) {
      if (hops >= maxRedirects) throw new RefusedUrlError(`More than ${maxRedirects} redirects.`);
      url = new URL(res.location, url);
      continue;
    }
    return { status: res.status, url: url.toString(), hops };
  }
}
