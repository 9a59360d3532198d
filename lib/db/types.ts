export type TQueryResult<R> = { rows: R[]; affectedRows?: number };

export interface TQueryable {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<TQueryResult<R>>;
  /** Runs a script of one or more statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface TDb extends TQueryable {
  readonly kind: 'pglite' | 'postgres';
  transaction<T>(fn: (tx: TQueryable) => Promise<T>): Promise<T>;
  /** Runs fn while holding a session-level advisory lock, so two processes never run it at once. */
  withAdvisoryLock<T>(key: number, fn: (conn: TQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
