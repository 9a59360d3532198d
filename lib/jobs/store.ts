import 'server-only';

/** A job a runner has taken: it holds the job until complete/fail, or until its lease lapses. */
export type TTakenJob = { id: string; name: string; data: Record<string, unknown>; attempt: number; maxAttempts: number };

/** Where jobs wait: the table queue (public.jobs) or pg-boss. */
export interface TJobStore {
  readonly label: 'table' | 'pg-boss';
  start(names: string[]): Promise<void>;
  take(names: string[], limit: number): Promise<TTakenJob[]>;
  complete(job: TTakenJob): Promise<boolean>;
  /** Returns true when the job was given up (no attempts left). */
  fail(job: TTakenJob, error: string): Promise<boolean>;
  /** Keeps the lease of a job that is still running. */
  extend(job: TTakenJob): Promise<void>;
  stop(): Promise<void>;
}
