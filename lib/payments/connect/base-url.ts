import 'server-only';
import type { NextRequest } from 'next/server';
import { env } from '@/lib/config';

/** The app's public origin for URLs handed to Stripe (APP_URL behind a proxy, else the request's own). */
export function appBaseUrl(req: NextRequest): string {
  return env().APP_URL ?? req.nextUrl.origin;
}
