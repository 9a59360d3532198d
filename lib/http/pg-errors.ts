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

/** An AppError for a known Postgres error code, or null. */
export function appErrorFromPg(e: unknown): AppError | null {
  const code = typeof e === 'object' && e !== null && 'code' in e ? (e as { code?: unknown }).code : undefined;
  return typeof code === 'string' && KNOWN[code] ? KNOWN[code]() : null;
}
