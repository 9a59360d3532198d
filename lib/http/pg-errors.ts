import { AppError } from './app-error';

// Postgres errors the app can cause on purpose or by a race, and what they mean to the caller. Anything else
// stays a 500 (logged with the request id). Routes and lib/ may still throw a more precise AppError first.
const KNOWN: Record<string, () => AppError> = {
  '42501': () => new AppError('forbidden', 'Your account cannot do this.'), // insufficient_privilege: RLS or a grant refused
  '23505': () => new AppError('conflict', 'This already exists.'), // unique_violation
  '23503': () => new AppError('conflict', 'This refers to something that does not exist or is still in use.'), // foreign_key_violation
  '22P02': () => new AppError('invalid_input', 'A value has the wrong format.'), // invalid_text_representation (e.g. a uuid)
  '22021': () => new AppError('invalid_input', 'Text holds a character that cannot be stored.'), // character_not_in_repertoire (NUL)
};

// The connection went away mid-request (a failover, pg_terminate_backend, a network cut): the server rolls the
// open transaction back, all or nothing, and the request may be sent again. (A drop during COMMIT itself leaves
// the outcome unknown, so the message does not promise that nothing was saved.) Class 08 is connection
// exception, 57P01–57P03 the server shutting down or starting; pg's own message covers a socket that closed
// without a Postgres error.
const CONNECTION_LOST = /^(08|57P0[123]$)/;
const unavailable = () => new AppError('unavailable', 'The database connection was interrupted. Please try again.', undefined, 1);

/** An AppError for a known Postgres error code, or null. */
export function appErrorFromPg(e: unknown): AppError | null {
  const code = typeof e === 'object' && e !== null && 'code' in e ? (e as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && CONNECTION_LOST.test(code)) return unavailable();
  if (e instanceof Error && /^Connection terminated/.test(e.message)) return unavailable();
  return typeof code === 'string' && KNOWN[code] ? KNOWN[code]() : null;
}
