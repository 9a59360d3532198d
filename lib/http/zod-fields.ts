import { safeParse, type $ZodError, type $ZodType, type output } from 'zod/v4/core';
import { AppError, type TFieldErrors } from './app-error';

/** First message per field, keyed by dotted path — the shape forms show next to their inputs. */
export function fieldErrors(error: $ZodError): TFieldErrors {
  const fields: TFieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

/** Parses input with a schema (classic or mini) or throws a 400 AppError carrying field messages. */
export function parseOrThrow<T extends $ZodType>(schema: T, input: unknown): output<T> {
  const result = safeParse(schema, input);
  if (!result.success) throw new AppError('invalid_input', 'Some fields need attention.', fieldErrors(result.error));
  return result.data;
}
