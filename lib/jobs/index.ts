import 'server-only';
import type { TDb, TQueryable } from '@/lib/db';

// The background job queue's contract. On Postgres (DATABASE_URL set) jobs live in pg-boss; on PGlite
// in a table polled in-process. Either way a job is a row in the database, so a crash or restart loses
// none: a job taken by a process that died is taken again once its lease lapses.
// PLACEHOLDER — the jobs work (issue #10) implements it; until then enqueueJob only records nothing.

export type TJobHandler<T = Record<string, unknown>> = (data: T, ctx: { db: TDb; jobId: string; attempt: number }) => Promise<void>;

export type TEnqueueOptions = {
  /** Run no earlier than this instant. */
  startAfter?: Date;
  /** At most one queued job per key and name (a second enqueue with the same key is ignored). */
  singletonKey?: string;
  /** Attempts before the job is given up (default 5, exponential backoff). */
  retryLimit?: number;
};

/** Registers the handler for a job name (call at module load, before startJobRunner). */
export function defineJob<T extends Record<string, unknown>>(name: string, handler: TJobHandler<T>): void {
  void name;
  void handler;
}

/**
 * Queues a job. Pass the transaction the job belongs to as `tx`: the job then exists if and only if
 * that transaction commits.
 */
export async function enqueueJob(tx: TQueryable, name: string, data: Record<string, unknown>, options: TEnqueueOptions = {}): Promise<void> {
  void tx;
  void name;
  void data;
  void options;
}

/** Runs a job name every `everySeconds` (once across all processes). */
export function defineRecurringJob(name: string, everySeconds: number, handler: (ctx: { db: TDb }) => Promise<void>): void {
  void name;
  void everySeconds;
  void handler;
}

/** Starts taking jobs in this process (the app server, or `npm run worker`). */
export async function startJobRunner(db: TDb): Promise<void> {
  void db;
}

/** Stops taking jobs and waits for the running ones (at most `timeoutMs`). */
export async function stopJobRunner(timeoutMs = 10_000): Promise<void> {
  void timeoutMs;
}
