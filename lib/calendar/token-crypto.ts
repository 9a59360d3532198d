import 'server-only';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

// Calendar OAuth tokens at rest: AES-256-GCM, a fresh 12-byte IV per value, the key id stored beside the
// ciphertext. Keys come from CALENDAR_TOKEN_KEYS ("id1:base64key,id2:base64key"; the first encrypts, all
// decrypt) so a key can be rotated: add the new one first, re-encrypt (lib/calendar re-encrypts on the next
// refresh), then drop the old one. docs/calendars.md has the procedure.

export type TTokenKeys = { current: { id: string; key: Buffer }; all: Map<string, Buffer> };

/** Parses "id:base64,id:base64". Each key must decode to 32 bytes. */
export function parseTokenKeys(spec: string): TTokenKeys {
  const all = new Map<string, Buffer>();
  let current: TTokenKeys['current'] | null = null;
  for (const part of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const i = part.indexOf(':');
    if (i < 1) throw new Error('CALENDAR_TOKEN_KEYS entries look like "id:base64key"');
    const id = part.slice(0, i);
    const key = Buffer.from(part.slice(i + 1), 'base64');
    if (key.length !== 32) throw new Error(`CALENDAR_TOKEN_KEYS key "${id}" must be 32 bytes (base64 of 32 random bytes)`);
    all.set(id, key);
    current ??= { id, key };
  }
  if (!current) throw new Error('CALENDAR_TOKEN_KEYS is empty');
  return { current, all };
}

/**
 * Without CALENDAR_TOKEN_KEYS (a fresh clone) a development key is derived from the data directory's path, so
 * tokens are still never stored in plain text; production sets real keys (checked at start-up by lib/config).
 */
export function devTokenKeys(seed: string): TTokenKeys {
  const key = createHash('sha256').update(`pathwise-dev-calendar-key:${seed}`).digest();
  return { current: { id: 'dev', key }, all: new Map([['dev', key]]) };
}

/** "keyId.iv.tag.ciphertext", all base64url. */
export function encryptToken(keys: TTokenKeys, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.current.key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [keys.current.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

export function decryptToken(keys: TTokenKeys, sealed: string): string {
  const [id, iv, tag, body] = sealed.split('.');
  const key = keys.all.get(id);
  if (!key || !iv || !tag || body === undefined) throw new Error(`calendar token sealed with unknown key "${id}"`);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

/** True when `sealed` was not made with the current key (re-encrypt it on the next write). */
export function needsReseal(keys: TTokenKeys, sealed: string): boolean {
  return sealed.split('.')[0] !== keys.current.id;
}
