import 'server-only';
import { z } from 'zod';
import type { TUserTx } from '@/lib/db';
import type { TProfileFields } from './profile-fields';
import { ZExpertStatus, type TExpertStatus } from './application-status';
import type { TOwnDocument } from './get-own-application';
import { getPendingChange } from './get-profile-change';
import { diffProfileChange, type TFieldChange } from './profile-change';

export const ZQueueFilter = z.object({
  status: ZExpertStatus.or(z.literal('all')).default('submitted'),
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((v) => v || undefined),
});
export type TQueueFilter = { status: z.infer<typeof ZQueueFilter>['status']; q?: string };

export type TQueueItem = {
  id: string;
  display_name: string;
  headline: string;
  specialties: string[];
  country: string | null;
  status: TExpertStatus;
  hidden: boolean;
  submitted_at: Date | null;
  documents: number;
};

/** The admin queue: oldest submission first, filtered by status and name. Run as an admin through withUser. */
export async function listApplications(db: TUserTx, f: TQueueFilter, limit = 50): Promise<TQueueItem[]> {
  const params: unknown[] = [];
  const where: string[] = [];
  if (f.status !== 'all') {
    params.push(f.status);
    where.push(`p.status = $${params.length}`);
  }
  if (f.q) {
    params.push(`%${f.q}%`);
    where.push(`(p.display_name ilike $${params.length} or p.headline ilike $${params.length})`);
  }
  params.push(limit);
  const { rows } = await db.query<TQueueItem>(
    `select p.id, p.display_name, p.headline, p.specialties, p.country, p.status, p.hidden, p.submitted_at,
            (select count(*)::int from public.expert_documents d where d.expert_id = p.id) as documents
       from public.expert_profiles p ${where.length ? `where ${where.join(' and ')}` : ''}
      order by p.submitted_at asc nulls last, p.created_at asc limit $${params.length}`,
    params,
  );
  return rows;
}

export type TVerification = {
  identity_verified: boolean;
  credentials_verified: boolean;
  background_status: 'not_started' | 'pending' | 'clear' | 'flagged';
  background_note: string | null;
  updated_at: Date | null;
};
export type TAuditEntry = {
  id: string;
  actor_name: string | null;
  action: string;
  reason: string | null;
  data: Record<string, unknown>;
  created_at: Date;
  subject_id: string;
};

export type TApplicationDetail = TProfileFields & {
  id: string;
  user_id: string;
  email: string;
  status: TExpertStatus;
  status_reason: string | null;
  hidden: boolean;
  terms_accepted_at: Date | null;
  submitted_at: Date | null;
  offerings: { duration_minutes: number; price_minor: number; currency: string }[];
  documents: TOwnDocument[];
  photo_document_id: string | null;
  verification: TVerification;
  audit: TAuditEntry[];
  /** An approved expert's public changes waiting for review: live vs proposed, field by field. */
  pending_change: { revision: number; updated_at: Date; changes: TFieldChange[]; photo_document_id: string | null } | null;
};

export async function getApplicationDetail(db: TUserTx, id: string): Promise<TApplicationDetail | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const { rows } = await db.query<Omit<TApplicationDetail, 'offerings' | 'documents' | 'verification' | 'audit' | 'pending_change'>>(
    `select p.id, p.user_id, u.email, p.slug, p.display_name, p.headline, p.bio, p.specialties, p.tags, p.languages, p.years_experience,
            p.country, p.timezone, p.links, p.status, p.status_reason, p.hidden, p.terms_accepted_at, p.submitted_at, p.photo_document_id
       from public.expert_profiles p join public.users u on u.id = p.user_id where p.id = $1`,
    [id],
  );
  const p = rows[0];
  if (!p) return null;
  // Sequential: one transaction client runs one statement at a time.
  const offerings = await db.query<TApplicationDetail['offerings'][number]>(
    'select duration_minutes, price_minor, currency from public.expert_offerings where expert_id = $1 order by duration_minutes',
    [id],
  );
  const documents = await db.query<TOwnDocument>(
    'select id, kind, filename, content_type, size_bytes, created_at from public.expert_documents where expert_id = $1 order by created_at',
    [id],
  );
  const verification = await db.query<TVerification>(
    'select identity_verified, credentials_verified, background_status, background_note, updated_at from public.expert_verifications where expert_id = $1',
    [id],
  );
  const audit = await listAuditLog(db, { subjectId: id });
  const pending = await getPendingChange(db, id);
  const live = { ...p, offerings: offerings.rows };
  return {
    ...p,
    pending_change: pending
      ? {
          revision: pending.revision,
          updated_at: pending.updated_at,
          changes: diffProfileChange(live, pending.proposed),
          photo_document_id: pending.proposed.photoDocumentId ?? null,
        }
      : null,
    offerings: offerings.rows,
    documents: documents.rows,
    verification: verification.rows[0] ?? {
      identity_verified: false,
      credentials_verified: false,
      background_status: 'not_started',
      background_note: null,
      updated_at: null,
    },
    audit,
  };
}

/** Audit entries, newest first, for one subject or all. Admins only (RLS). */
export async function listAuditLog(db: TUserTx, o: { subjectId?: string; limit?: number } = {}): Promise<TAuditEntry[]> {
  const { rows } = await db.query<TAuditEntry>(
    `select a.id, u.name as actor_name, a.action, a.reason, a.data, a.created_at, a.subject_id
       from public.audit_log a left join public.users u on u.id = a.actor_id
      where ($1::text is null or a.subject_id = $1) order by a.created_at desc limit $2`,
    [o.subjectId ?? null, o.limit ?? 50],
  );
  return rows;
}
