import { z } from 'zod';

// Shared by the forms (react-hook-form's zod resolver) and the route handlers: one source of truth.
export const ROLES = ['learner', 'expert', 'admin'] as const;
export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;

const email = z.string().trim().toLowerCase().min(1, 'Enter your email address.').email('Enter a valid email address, like name@example.com.');

export const ZPassword = z
  .string()
  .min(10, 'Use at least 10 characters.')
  .max(200, 'Use at most 200 characters.')
  .refine((v) => v.trim().length === v.length, 'Remove spaces at the start or end.');

export const ZSignUp = z.object({
  name: z.string().trim().min(1, 'Tell us your name.').max(120, 'Use at most 120 characters.'),
  email,
  password: ZPassword,
  accountType: z.enum(['learner', 'expert']).default('learner'),
});
export type TSignUp = z.input<typeof ZSignUp>;

export const ZSignIn = z.object({
  email,
  password: z.string().min(1, 'Enter your password.').max(200),
});
export type TSignIn = z.input<typeof ZSignIn>;

export const ZRequestReset = z.object({ email });
export type TRequestReset = z.input<typeof ZRequestReset>;

export const ZResetPassword = z.object({
  token: z.string().min(20, 'This reset link is incomplete.').max(200),
  password: ZPassword,
});
export type TResetPassword = z.input<typeof ZResetPassword>;

export const ZSessionUser = z.object({
  id: z.string().uuid(),
  email: z.string(),
  name: z.string(),
  role: ZRole,
});
export type TSessionUser = z.infer<typeof ZSessionUser>;

/** Where each role lands after signing in. */
export function homeFor(role: TRole): string {
  return role === 'admin' ? '/admin' : role === 'expert' ? '/dashboard' : '/learn';
}
