import 'server-only';
import type { TEnv } from '@/lib/config';

export function allowedOrigins(e: TEnv): string[] {
  const list = (e.REALTIME_ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (e.APP_URL) list.push(new URL(e.APP_URL).origin);
  return list;
}
