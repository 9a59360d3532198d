// Loaded on first use of an auth form (see auth-resolvers.ts): zod and the schemas stay out of First Load JS.
// The forms are flat and use the light form hook, so the resolver needs nothing from react-hook-form.
import { standardResolver } from '@/components/forms/standard-resolver';
import {
  ZRequestReset,
  ZResetPassword,
  ZSignIn,
  ZSignUp,
  type TRequestReset,
  type TResetPassword,
  type TSignIn,
  type TSignUp,
} from '@/lib/auth/schemas';

export const signIn = standardResolver<TSignIn>(ZSignIn);
export const signUp = standardResolver<TSignUp>(ZSignUp);
export const requestReset = standardResolver<TRequestReset>(ZRequestReset);
export const resetPassword = standardResolver<TResetPassword>(ZResetPassword);
