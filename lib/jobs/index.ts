import 'server-only';
import type { TDb, TQueryable } from '@/lib/db';
import { enqueueInTransaction, type TEnqueueOptions } from './enqueue';
import { assertJobName, registry, type TAnyJobHandler } from './registry';
import { createJobRunner, type TJobRunner, type TJobRunnerOptions } from './runner';

// The background job queue. On Postgres (DATABASE_URL set) jobs live in pg-boss; on PGlite in the table
// public.jobs, polled in-process. Either way a job is a row in the database, written in the caller's
// transaction, so a crash or restart loses none: a job taken by a process that died is taken again once
// its lease lapses. See docs/jobs.md.

export type { TEnqueueOptions } from './enqueue';
export type { TJobRunnerOptions } from './runner';

export type TJobHandler<T = Record<string, unknown>> = (data: T, ctx: { db: TDb; jobId: string; attempt: number }) => Promise<void>;

/** Registers the handler for a job name (call at module load, before startJobRunner; after works too). */
export function defineJob<T extends Record<string, unknown>>(name: string, handler: TJobHandler<T>): void {
  assertJobName(name);
  registry().handlers.set(name, handler as unknown as TAnyJobHandler);
}

/**
 * Queues a job. Pass the transaction the job belongs to as `tx`: the job then exists if and only if
 * that transaction commits.
 */
export async function enqueueJob(
  tx: TQueryable,
  name: string,
  data: Record<string, unknown>,
  options: TEnqueueOptions = {},
): Promise<void> {
  await enqueueInTransaction(tx, name, data, options);
}

/** Runs a job name every `everySeconds` (once across all processes). */
export function defineRecurringJob(name: string, everySeconds: number, handler: (ctx: { db: TDb }) => Promise<void>): void {
  assertJobName(name);
  if (!Number.isInteger(everySeconds) || everySeconds < 1)
    throw new Error(`defineRecurringJob("${name}"): everySeconds must be a whole number ≥ 1`);
  registry().handlers.set(name, (_data, ctx) => handler({ db: ctx.db }));
  registry().recurring.set(name, { everySeconds });
}

// One runner per process, on globalThis like the registry (Next may load this module more than once).
const holder = globalThis as unknown as { __pathwiseJobRunner?: Promise<TJobRunner> };

/** Starts taking jobs in this process (the app server, or `npm run worker`). Calling it again does nothing. */
export async function startJobRunner(db: TDb, options: TJobRunnerOptions = {}): Promise<void> {
  holder.__pathwiseJobRunner ??= createJobRunner(db, { ownsDatabase: db.kind === 'pglite', ...options }).catch((e: unknown) => {
    holder.__pathwiseJobRunner = undefined;
    throw e;
  });
  await holder.__pathwiseJobRunner;
}

/**
 * Asks this process's runner (if it has one) to poll now rather than within `pollMs`: call after the
 * transaction that queued a job commits, when someone waits for it (a curriculum being generated).
 * Other processes' runners take it at their next poll.
 */
export function wakeJobRunner(): void {
  void holder.__pathwiseJobRunner?.then(
    (r) => r.wake(),
    () => undefined,
  );
}

/** Stops taking jobs and waits for the running ones (at most `timeoutMs`). Does nothing when stopped. */
export async function stopJobRunner(timeoutMs = 10_000): Promise<void> {
  const runner = holder.__pathwiseJobRunner;
  holder.__pathwiseJobRunner = undefined;
  if (runner) await (await runner.catch(() => undefined))?.stop(timeoutMs);
}
