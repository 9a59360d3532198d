import type { FieldError, FieldErrors, FieldValues, Resolver } from 'react-hook-form';

type TStandardSchema<T> = {
  '~standard': {
    validate: (
      value: unknown,
    ) =>
      | { value: T; issues?: undefined }
      | { issues: readonly { message: string; path?: readonly (PropertyKey | { key: PropertyKey })[] }[] }
      | Promise<
          | { value: T; issues?: undefined }
          | { issues: readonly { message: string; path?: readonly (PropertyKey | { key: PropertyKey })[] }[] }
        >;
  };
};

/**
 * A resolver for a flat form (one level of fields) from any Standard Schema (zod 4 and zod/mini schemas are
 * ones): the first message of each field, under the field's name, like @hookform/resolvers' zodResolver. Used by
 * the auth forms instead of zodResolver, which imports react-hook-form itself (15 kB gzip more on first use of
 * a form that does not otherwise need it).
 */
export function standardResolver<T extends FieldValues>(schema: TStandardSchema<T>): Resolver<T> {
  return async (values) => {
    const r = await schema['~standard'].validate(values);
    if (!r.issues) return { values: r.value, errors: {} };
    const errors: Record<string, FieldError> = {};
    for (const issue of r.issues) {
      const first = issue.path?.[0];
      const name = String(typeof first === 'object' && first !== null ? first.key : (first ?? 'root'));
      errors[name] ??= { type: 'validation', message: issue.message };
    }
    return { values: {}, errors: errors as FieldErrors<T> };
  };
}
