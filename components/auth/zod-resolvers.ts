// Loaded on first use of an auth form (see auth-resolvers.ts): zod and the schemas stay out of First Load JS.
import { zodResolver } from '@hookform/resolvers/zod';
import { ZRequestReset, ZResetPassword, ZSignIn, ZSignUp } from '@/lib/auth/schemas';

export const signIn = zodResolver(ZSignIn);
export const signUp = zodResolver(ZSignUp);
export const requestReset = zodResolver(ZRequestReset);
export const resetPassword = zodResolver(ZResetPassword);
