import 'server-only';
import path from 'node:path';
import { env } from '@/lib/config';
import { createLocalDiskStorage, loadLocalSecret } from './local-disk-storage';
import { createSupabaseStorage } from './supabase-storage';
import type { TStorage } from './types';

type TLocal = ReturnType<typeof createLocalDiskStorage>;
const holder = globalThis as unknown as { __pathwiseStorage?: Promise<TStorage> };

export function localRoot(): string {
  return path.resolve(env().DATA_DIR, 'uploads');
}

/** Supabase Storage when SUPABASE_URL and its key are set, local disk under DATA_DIR otherwise. */
export function getStorage(): Promise<TStorage> {
  holder.__pathwiseStorage ??= (async () => {
    const e = env();
    if (e.SUPABASE_URL && e.SUPABASE_SERVICE_ROLE_KEY)
      return createSupabaseStorage(e.SUPABASE_URL, e.SUPABASE_SERVICE_ROLE_KEY, e.SUPABASE_STORAGE_BUCKET);
    return createLocalDiskStorage(localRoot(), await loadLocalSecret(localRoot()));
  })();
  return holder.__pathwiseStorage;
}

/** The local implementation, for the route that serves its signed links (null when Supabase is active). */
export async function getLocalStorage(): Promise<TLocal | null> {
  const s = await getStorage();
  return s.kind === 'local' ? (s as TLocal) : null;
}
