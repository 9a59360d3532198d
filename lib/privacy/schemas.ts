// zod/mini: the delete dialog ships this to the browser; the route handlers check the same rules.
import * as z from 'zod/mini';

/**
 * What each consent is, and the version of the text in force. Bump a version when its text changes: the
 * settings page then shows the user's answer as given to an older version.
 */
export const CONSENT_KINDS = {
  terms: { version: '2026-11-28', label: 'Terms of service', required: true },
  privacy: { version: '2026-11-28', label: 'Privacy notice', required: true },
  marketing_email: { version: '2026-11-28', label: 'Product news by email', required: false },
  sms_reminders: { version: '2026-11-28', label: 'Session reminders by SMS', required: false },
} as const;
export type TConsentKind = keyof typeof CONSENT_KINDS;
export const ZConsentKind = z.enum(Object.keys(CONSENT_KINDS) as [TConsentKind, ...TConsentKind[]]);

export const ZRecordConsent = z.object({
  kind: ZConsentKind,
  granted: z.boolean(),
});
export type TRecordConsent = z.infer<typeof ZRecordConsent>;

export const ZDeleteAccount = z.object({
  password: z.string().check(z.minLength(1, 'Enter your password to confirm.'), z.maxLength(200)),
});
export type TDeleteAccount = z.infer<typeof ZDeleteAccount>;

export type TConsentRecord = { kind: TConsentKind; version: string; granted: boolean; source: string; recordedAt: string };
export type TConsentState = {
  kind: TConsentKind;
  label: string;
  required: boolean;
  currentVersion: string;
  granted: boolean;
  version: string | null;
  recordedAt: string | null;
};
