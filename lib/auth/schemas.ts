// zod/mini: these schemas ship to the browser with the forms, and the full zod build would add
// ~45 kB gzip to the sign-in page. Same rules, same messages, on client and server.
import * as z from 'zod/mini';

// Shared by the forms (react-hook-form's zod resolver) and the route handlers: one source of truth.
export const ROLES = ['learner', 'expert', 'admin'] as const;
export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;

const email = z
  .string()
  .check(
    z.trim(),
    z.toLowerCase(),
    z.minLength(1, 'Enter your email address.'),
    z.email('Enter a valid email address, like name@example.com.'),
  );

export const ZPassword = z.string().check(
  z.minLength(10, 'Use at least 10 characters.'),
  z.maxLength(200, 'Use at most 200 characters.'),
  z.refine((v: string) => v.trim().length === v.length, 'Remove spaces at the start or end.'),
);

export const ZSignUp = z.object({
  name: z.string().check(z.trim(), z.minLength(1, 'Tell us your name.'), z.maxLength(120, 'Use at most 120 characters.')),
  email,
  password: ZPassword,
  accountType: z._default(z.enum(['learner', 'expert']), 'learner'),
  // The browser's zone (Intl); the server keeps it only if it is a real IANA zone, else UTC.
  timeZone: z.optional(z.string().check(z.maxLength(100))),
  // Recorded as the `terms` and `privacy` consents (lib/privacy); no account without it.
  acceptTerms: z.literal(true, 'Agree to the terms and privacy notice to create an account.'),
});
export type TSignUp = z.input<typeof ZSignUp>;

export const ZSignIn = z.object({
  email,
  password: z.string().check(z.minLength(1, 'Enter your password.'), z.maxLength(200)),
});
export type TSignIn = z.input<typeof ZSignIn>;

export const ZRequestReset = z.object({ email });
export type TRequestReset = z.input<typeof ZRequestReset>;

export const ZResetPassword = z.object({
  token: z.string().check(z.minLength(20, 'This reset link is incomplete.'), z.maxLength(200)),
  password: ZPassword,
});
export type TResetPassword = z.input<typeof ZResetPassword>;

export const ZSessionUser = z.object({
  id: z.string().check(z.uuid()),
  email: z.string(),
  name: z.string(),
  role: ZRole,
});
export type TSessionUser = z.infer<typeof ZSessionUser>;

/** Where each role lands after signing in. */
export function homeFor(role: TRole): string {
  return role === 'admin' ? '/admin' : role === 'expert' ? '/dashboard' : '/learn';
}
