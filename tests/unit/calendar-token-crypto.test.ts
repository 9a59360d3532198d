import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/config/env';
import { decryptToken, devTokenKeys, encryptToken, needsReseal, parseTokenKeys } from '@/lib/calendar/token-crypto';

// Calendar tokens at rest: AES-256-GCM with a key id, rotation by listing the new key first, tampering refused.
const key = () => randomBytes(32).toString('base64');

describe('calendar token sealing', () => {
  const k1 = key();
  const k2 = key();
  const old = parseTokenKeys(`k1:${k1}`);
  const rotated = parseTokenKeys(`k2:${k2}, k1:${k1}`);

  it('round-trips, with a fresh IV each time and no plaintext in the sealed value', () => {
    const a = encryptToken(old, 'ya29.secret-access-token');
    const b = encryptToken(old, 'ya29.secret-access-token');
    expect(a).not.toBe(b);
    expect(a).not.toContain('secret');
    expect(a.split('.')[0]).toBe('k1');
    expect(decryptToken(old, a)).toBe('ya29.secret-access-token');
  });

  it('after rotation the old values still open, new ones use the new key, and old ones ask to be re-sealed', () => {
    const sealedOld = encryptToken(old, 'refresh-1');
    expect(decryptToken(rotated, sealedOld)).toBe('refresh-1');
    expect(needsReseal(rotated, sealedOld)).toBe(true);
    const resealed = encryptToken(rotated, decryptToken(rotated, sealedOld));
    expect(resealed.split('.')[0]).toBe('k2');
    expect(needsReseal(rotated, resealed)).toBe(false);
    // Once the old key is dropped, only re-sealed values open.
    const onlyNew = parseTokenKeys(`k2:${k2}`);
    expect(decryptToken(onlyNew, resealed)).toBe('refresh-1');
    expect(() => decryptToken(onlyNew, sealedOld)).toThrow(/unknown key "k1"/);
  });

  it('refuses a tampered ciphertext, tag or IV, and a value sealed under another key with the same id', () => {
    const sealed = encryptToken(old, 'token');
    const [id, iv, tag, body] = sealed.split('.');
    const flip = (s: string) => {
      const b = Buffer.from(s, 'base64url');
      b[0] ^= 1;
      return b.toString('base64url');
    };
    expect(() => decryptToken(old, [id, iv, tag, flip(body)].join('.'))).toThrow();
    expect(() => decryptToken(old, [id, iv, flip(tag), body].join('.'))).toThrow();
    expect(() => decryptToken(old, [id, flip(iv), tag, body].join('.'))).toThrow();
    expect(() => decryptToken(parseTokenKeys(`k1:${key()}`), sealed)).toThrow();
    expect(() => decryptToken(old, 'k1.only-two')).toThrow();
  });

  it('refuses keys that are not 32 bytes and malformed lists', () => {
    expect(() => parseTokenKeys(`k1:${randomBytes(16).toString('base64')}`)).toThrow(/32 bytes/);
    expect(() => parseTokenKeys('nocolon')).toThrow(/id:base64key/);
    expect(() => parseTokenKeys(' , ')).toThrow(/empty/);
  });

  it('the development key is stable per data directory and differs between them', () => {
    const a = devTokenKeys('/srv/a/.data');
    expect(decryptToken(devTokenKeys('/srv/a/.data'), encryptToken(a, 'x'))).toBe('x');
    expect(() => decryptToken(devTokenKeys('/srv/b/.data'), encryptToken(a, 'x'))).toThrow();
  });
});

describe('calendar environment', () => {
  it('production with a Google client refuses to start without CALENDAR_TOKEN_KEYS; development falls back to the dev key', () => {
    const google = { GOOGLE_CLIENT_ID: 'id.apps.googleusercontent.com', GOOGLE_CLIENT_SECRET: 's' };
    expect(() => parseEnv({ NODE_ENV: 'production', ...google })).toThrow(/CALENDAR_TOKEN_KEYS is required in production/);
    expect(parseEnv({ NODE_ENV: 'production', ...google, CALENDAR_TOKEN_KEYS: `k1:${key()}` }).GOOGLE_CLIENT_ID).toBe(
      google.GOOGLE_CLIENT_ID,
    );
    expect(parseEnv({ NODE_ENV: 'development', ...google }).CALENDAR_TOKEN_KEYS).toBeUndefined();
    expect(() => parseEnv({ GOOGLE_CLIENT_ID: 'x' })).toThrow(/GOOGLE_CLIENT_SECRET is required/);
    expect(() => parseEnv({ CALENDAR_TOKEN_KEYS: 'not a key list' })).toThrow(/CALENDAR_TOKEN_KEYS/);
  });
});
