import { describe, expect, it } from 'vitest';
import { bodyLimitFor, clientAddress, nulField, parseTrustProxyHops } from '@/server/request-limits.mjs';

describe('clientAddress', () => {
  it('uses the socket address and ignores X-Forwarded-For when no proxy is trusted', () => {
    expect(clientAddress({ socketAddress: '203.0.113.9', forwardedFor: '198.51.100.1', hops: 0 })).toBe('203.0.113.9');
    expect(clientAddress({ socketAddress: '::ffff:203.0.113.9', forwardedFor: undefined, hops: 0 })).toBe('203.0.113.9');
  });

  it('takes the address the trusted proxies saw, never one the client wrote', () => {
    // The client sends "X-Forwarded-For: 1.1.1.1"; one proxy (10.0.0.2) appends what it saw (198.51.100.7).
    expect(clientAddress({ socketAddress: '10.0.0.2', forwardedFor: '1.1.1.1, 198.51.100.7', hops: 1 })).toBe('198.51.100.7');
    // Two proxies: the outer one appended the client's address, the inner one the outer proxy's.
    expect(clientAddress({ socketAddress: '10.0.0.3', forwardedFor: '1.1.1.1, 198.51.100.7, 10.0.0.2', hops: 2 })).toBe('198.51.100.7');
    // More hops configured than entries present: the leftmost there is, not a crash.
    expect(clientAddress({ socketAddress: '10.0.0.2', forwardedFor: '', hops: 3 })).toBe('10.0.0.2');
  });

  it('parses TRUST_PROXY_HOPS, defaulting to no trusted proxy', () => {
    expect(parseTrustProxyHops(undefined)).toBe(0);
    expect(parseTrustProxyHops('')).toBe(0);
    expect(parseTrustProxyHops('2')).toBe(2);
    expect(parseTrustProxyHops('-1')).toBe(0);
  });
});

describe('nulField', () => {
  it('names the query parameter holding a NUL byte', () => {
    expect(nulField('/experts?page=1&q=ab%00c')).toBe('q');
    expect(nulField('/api/experts?q=x%00')).toBe('q');
    expect(nulField('/a%00b')).toBe('path');
    expect(nulField('/experts?q=ok&page=2')).toBeNull();
  });
});

describe('bodyLimitFor', () => {
  it('allows 1 MB bodies and 6 MB multipart uploads', () => {
    expect(bodyLimitFor('application/json')).toBe(1024 * 1024);
    expect(bodyLimitFor(undefined)).toBe(1024 * 1024);
    expect(bodyLimitFor('multipart/form-data; boundary=x')).toBe(6 * 1024 * 1024);
  });
});
