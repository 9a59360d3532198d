import 'server-only';
import { createClient } from '@supabase/supabase-js';
import type { TStorage } from './types';

/** Supabase Storage through the official SDK; links are its signed URLs. */
export function createSupabaseStorage(url: string, serviceRoleKey: string, bucket: string, fetchImpl?: typeof fetch): TStorage {
  const client = createClient(url, serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    ...(fetchImpl ? { global: { fetch: fetchImpl } } : {}),
  });
  const files = () => client.storage.from(bucket);
  return {
    kind: 'supabase',
    async put(key, bytes, contentType) {
      const { error } = await files().upload(key, bytes, { contentType, upsert: false });
      if (error) throw new Error(`Supabase Storage upload failed: ${error.message}`);
    },
    async signedUrl(key, ttlSeconds) {
      const { data, error } = await files().createSignedUrl(key, ttlSeconds);
      if (error || !data) throw new Error(`Supabase Storage could not sign a link: ${error?.message ?? 'no data'}`);
      return data.signedUrl;
    },
    async remove(key) {
      const { error } = await files().remove([key]);
      if (error) throw new Error(`Supabase Storage remove failed: ${error.message}`);
    },
  };
}
