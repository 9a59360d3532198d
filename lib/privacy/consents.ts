import 'server-only';
import type { TSessionUser } from '@/lib/auth/schemas';
import { withUser, type TDb, type TUserTx } from '@/lib/db';
import { getLearnerTimeZone } from '@/lib/progress/get-progress';
import { AppError } from '@/lib/http/app-error';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { CONSENT_KINDS, ZRecordConsent, type TConsentKind, type TConsentRecord, type TConsentState } from './schemas';

type TConsentRow = { kind: TConsentKind; version: string; granted: boolean; source: string; recorded_at: Date };

const toRecord = (r: TConsentRow): TConsentRecord => ({
  kind: r.kind,
  version: r.version,
  granted: r.granted,
  source: r.source,
  recordedAt: new Date(r.recorded_at).toISOString(),
});

/**
 * Appends one consent answer for the signed-in user (as that user, under RLS). Terms and privacy cannot be
 * withdrawn here: they are what the account stands on, so withdrawing them is deleting the account.
 */
export async function recordConsent(db: TDb, user: TSessionUser, input: unknown): Promise<TConsentRecord> {
  const { kind, granted } = parseOrThrow(ZRecordConsent, input);
  if (CONSENT_KINDS[kind].required && !granted) {
    throw new AppError('unprocessable', 'The terms and the privacy notice cannot be withdrawn on their own: delete your account instead.', {
      granted: 'Delete your account to withdraw this.',
    });
  }
  return withUser(db, user, async (tx) => {
    const { rows } = await tx.query<TConsentRow>(
      `insert into public.consents (user_id, kind, version, granted, source) values ($1, $2, $3, $4, 'settings')
       returning kind, version, granted, source, recorded_at`,
      [user.id, kind, CONSENT_KINDS[kind].version, granted],
    );
    return toRecord(rows[0]);
  });
}

type TConsents = { current: TConsentState[]; history: TConsentRecord[] };

/** Every consent answer of the user, newest first, and the answer in force for each kind. */
export function listConsents(db: TDb, user: TSessionUser): Promise<TConsents> {
  return withUser(db, user, (tx) => readConsents(tx, user.id));
}

/** The settings page's reads in one transaction: the consents and the account's time zone (UTC when unset). */
export function loadSettingsPage(db: TDb, user: TSessionUser): Promise<TConsents & { timeZone: string }> {
  return withUser(db, user, async (tx) => ({ ...(await readConsents(tx, user.id)), timeZone: await getLearnerTimeZone(tx, user.id) }));
}

async function readConsents(tx: TUserTx, userId: string): Promise<TConsents> {
  const { rows } = await tx.query<TConsentRow>(
    'select kind, version, granted, source, recorded_at from public.consents where user_id = $1 order by recorded_at desc, id desc',
    [userId],
  );
  const history = rows.map(toRecord);
  const current = (Object.keys(CONSENT_KINDS) as TConsentKind[]).map((kind): TConsentState => {
    const latest = history.find((h) => h.kind === kind);
    const def = CONSENT_KINDS[kind];
    return {
      kind,
      label: def.label,
      required: def.required,
      currentVersion: def.version,
      granted: latest?.granted ?? false,
      version: latest?.version ?? null,
      recordedAt: latest?.recordedAt ?? null,
    };
  });
  return { current, history };
}
