export type TQueryResult<R> = { rows: R[]; affectedRows?: number };

/**
 * What every connection can do. Take it only in code that is honestly fine with any of them (pure SQL
 * helpers used under a user's claims and by the service connection alike); everything else takes one of
 * the branded types below, so the compiler refuses the wrong connection.
 */
export interface TQueryable {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<TQueryResult<R>>;
  /** Runs a script of one or more statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Runs fn once the surrounding transaction has committed (never when it rolls back); outside a
   * transaction, at once. For side effects other processes see: realtime events, cache bumps.
   */
  afterCommit(fn: () => void): void;
}

// Type-only brands: no value carries them at run time, so only lib/db (which casts once where each kind of
// connection is made) can produce one.
declare const userTxBrand: unique symbol;
declare const anonTxBrand: unique symbol;
declare const privilegedBrand: unique symbol;

/** A transaction as a signed-in user (withUser): role `authenticated` and the user's JWT claims; RLS applies. */
export interface TUserTx extends TQueryable {
  readonly [userTxBrand]: true;
}

/** A transaction as a signed-out visitor (withAnon): role `anon`; only the `anon` policies' rows are visible. */
export interface TAnonTx extends TQueryable {
  readonly [anonTxBrand]: true;
}

/** Either of the row-level-security roles: for reads a visitor and a signed-in user both make (the taxonomy). */
export type TScopedTx = TUserTx | TAnonTx;

/** The service connection or a transaction on it: bypasses row-level security. Sign-in, jobs, seeds, migrations. */
export interface TPrivilegedTx extends TQueryable {
  readonly [privilegedBrand]: true;
}

export interface TDb extends TPrivilegedTx {
  readonly kind: 'pglite' | 'postgres';
  transaction<T>(fn: (tx: TPrivilegedTx) => Promise<T>): Promise<T>;
  /** Runs fn while holding a session-level advisory lock, so two processes never run it at once. */
  withAdvisoryLock<T>(key: number, fn: (conn: TPrivilegedTx) => Promise<T>): Promise<T>;
  /** Runs fn on a connection whose role is `anon`; use withAnon() (lib/db/with-user.ts), which calls it. */
  asAnon<T>(fn: (tx: TAnonTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The plain connection a client wraps, before lib/db brands it. */
export type TRawQueryable = Omit<TQueryable, 'afterCommit'>;
