import 'server-only';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TStorage } from './types';

const KEY_PATTERN = /^[a-z0-9-]+(\/[a-z0-9-]+)*\.[a-z0-9]+$/;

export function isSafeKey(key: string): boolean {
  return KEY_PATTERN.test(key) && !key.includes('..');
}

/** Files under a directory; links are `/api/files/<key>?exp=&sig=` signed with a per-directory HMAC secret. */
export function createLocalDiskStorage(
  root: string,
  secret: Buffer,
  now: () => number = Date.now,
): TStorage & {
  read(key: string): Promise<Buffer>;
  verify(key: string, exp: string | null, sig: string | null): boolean;
} {
  const file = (key: string) => {
    if (!isSafeKey(key)) throw new Error('Unsafe storage key');
    return path.join(root, key);
  };
  const sign = (key: string, exp: number) => createHmac('sha256', secret).update(`${key}\n${exp}`).digest('base64url');
  return {
    kind: 'local',
    async put(key, bytes) {
      const target = file(key);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, bytes, { flag: 'wx' });
    },
    async signedUrl(key, ttlSeconds) {
      const exp = Math.floor(now() / 1000) + ttlSeconds;
      return `/api/files/${key}?exp=${exp}&sig=${sign(key, exp)}`;
    },
    async remove(key) {
      await rm(file(key), { force: true });
    },
    read(key) {
      return readFile(file(key));
    },
    verify(key, exp, sig) {
      if (!exp || !sig || !isSafeKey(key) || !/^\d+$/.test(exp)) return false;
      if (Number(exp) < Math.floor(now() / 1000)) return false;
      const want = Buffer.from(sign(key, Number(exp)));
      const got = Buffer.from(sig);
      return want.length === got.length && timingSafeEqual(want, got);
    },
  };
}

/** A secret kept beside the files, created on first use (local disk serves one instance). */
export async function loadLocalSecret(root: string): Promise<Buffer> {
  const p = path.join(root, '.url-secret');
  try {
    return await readFile(p);
  } catch {
    await mkdir(root, { recursive: true });
    const s = randomBytes(32);
    try {
      await writeFile(p, s, { flag: 'wx', mode: 0o600 });
      return s;
    } catch {
      return readFile(p);
    }
  }
}
