import type { TEnv } from '@/lib/config/env';

/**
 * Whether the demo accounts (one public password for all, an admin among them) may be seeded: outside
 * production unless SEED_DEMO=false; in production only when SEED_DEMO=true says so explicitly.
 */
export function isDemoSeedingOn(e: Pick<TEnv, 'NODE_ENV' | 'SEED_DEMO'>): boolean {
  return e.SEED_DEMO ?? e.NODE_ENV !== 'production';
}

/** The warning printed at every production start with demo seeding on, or null. */
export function demoSeedingWarning(e: Pick<TEnv, 'NODE_ENV' | 'SEED_DEMO'>): string | null {
  if (e.NODE_ENV !== 'production' || !isDemoSeedingOn(e)) return null;
  return [
    '',
    '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
    '!! SEED_DEMO=true in production: an empty database gets the demo accounts, admin included, !!',
    '!! with the PUBLIC password "pathwise-demo". Anyone can sign in as admin. Never on a real    !!',
    '!! install: unset SEED_DEMO and create the first admin with `npm run admin:create`.         !!',
    '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
    '',
  ].join('\n');
}
