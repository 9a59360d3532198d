import { logger } from '@/lib/log/logger';
import type { TPrivilegedTx, TRawQueryable } from './types';

/** Brands a connection outside any transaction: its afterCommit hooks run at once (autocommit). */
export function autocommit(raw: TRawQueryable): TPrivilegedTx {
  return { ...raw, afterCommit: (fn) => runHook(fn) } as TPrivilegedTx;
}

/**
 * Runs fn on a transaction whose afterCommit hooks wait for the commit: `begin` is the client's own
 * transaction (which commits when its callback resolves and rolls back when it throws). A rolled-back
 * transaction drops its hooks, so nothing outside the database hears of a write that did not happen.
 */
export async function transactionWithHooks<T>(
  begin: (body: (raw: TRawQueryable) => Promise<T>) => Promise<T>,
  fn: (tx: TPrivilegedTx) => Promise<T>,
): Promise<T> {
  const hooks: Array<() => void> = [];
  const result = await begin((raw) => fn({ ...raw, afterCommit: (h) => void hooks.push(h) } as TPrivilegedTx));
  for (const h of hooks) runHook(h);
  return result;
}

function runHook(fn: () => void): void {
  // A hook's failure must not turn a committed write into an error answer.
  try {
    fn();
  } catch (err) {
    logger().warn({ err }, 'afterCommit hook failed');
  }
}
