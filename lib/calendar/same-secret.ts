import { timingSafeEqual } from 'node:crypto';

/**
 * Compares a secret a caller sent (OAuth state, a push channel's token, Graph's clientState) with the stored one in
 * constant time; nothing sent is never equal.
 */
export function sameSecret(given: string | null | undefined, stored: string): boolean {
  if (!given) return false;
  const x = Buffer.from(given);
  const y = Buffer.from(stored);
  return x.length === y.length && timingSafeEqual(x, y);
}
