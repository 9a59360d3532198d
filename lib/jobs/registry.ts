import 'server-only';
import type { TDb } from '@/lib/db';

export type TJobContext = { db: TDb; jobId: string; attempt: number };
export type TAnyJobHandler = (data: Record<string, unknown>, ctx: TJobContext) => Promise<void>;
export type TRecurring = { everySeconds: number };

// On globalThis so Next's separate module graphs in one process (instrumentation, route layers) share one
// registry and one runner, like the database holder in lib/db.
type TJobsGlobal = { handlers: Map<string, TAnyJobHandler>; recurring: Map<string, TRecurring> };
const holder = globalThis as unknown as { __pathwiseJobs?: TJobsGlobal };

export function registry(): TJobsGlobal {
  holder.__pathwiseJobs ??= { handlers: new Map(), recurring: new Map() };
  return holder.__pathwiseJobs;
}

/** Job names are queue names in pg-boss: letters, digits, `_`, `-`, `.` and `/`. */
export function assertJobName(name: string): void {
  if (!/^[\w.\/-]{1,100}$/.test(name)) throw new Error(`Invalid job name "${name}": use letters, digits, _ - . /`);
}
