import { z } from 'zod';

// Route parameters, parsed in the route wrapper before a handler runs. By convention a segment named `id` is
// a uuid (every table keyed by `id` uses uuids); a route with other rules passes its own schema. Either
// way a bad value is a 400 naming the parameter, never a database error.
const segment = z
  .string()
  .max(200, 'Is too long.')
  .refine((v) => !v.includes('\0'), 'Contains a NUL character.');

export function defaultParamsSchema(params: Record<string, unknown>): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, value] of Object.entries(params)) {
    if (key === 'id') shape[key] = z.uuid('Is not a valid id.');
    else shape[key] = Array.isArray(value) ? z.array(segment) : segment;
  }
  return z.object(shape);
}
