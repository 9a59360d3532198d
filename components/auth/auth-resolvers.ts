'use client';

import type { Resolver } from 'react-hook-form';
import type { TRequestReset, TResetPassword, TSignIn, TSignUp } from '@/lib/auth/schemas';
import { lazyResolver } from '@/components/forms/lazy-resolver';

// The same zod schemas the route handlers check, loaded when a form is first used.
type TZodResolvers = typeof import('./zod-resolvers');
const pick = <T extends Record<string, unknown>>(name: keyof TZodResolvers) =>
  lazyResolver<T>(() => import('./zod-resolvers').then((m) => m[name] as unknown as Resolver<T>));

export const signInResolver = pick<TSignIn>('signIn');
export const signUpResolver = pick<TSignUp>('signUp');
export const requestResetResolver = pick<TRequestReset>('requestReset');
export const resetPasswordResolver = pick<TResetPassword>('resetPassword');
