import 'server-only';
import type { TUserTx } from '@/lib/db';
import type { TProfileFields } from './profile-fields';
import type { TExpertStatus } from './application-status';
import { getLastDecidedChange, getPendingChange, type TDecidedChange, type TPendingChange } from './get-profile-change';

export type TOwnDocument = {
  id: string;
  kind: 'credential' | 'photo';
  filename: string;
  content_type: string;
  size_bytes: number;
  created_at: Date;
};
export type TOwnApplication = TProfileFields & {
  id: string;
  status: TExpertStatus;
  status_reason: string | null;
  terms_accepted_at: Date | null;
  photo_document_id: string | null;
  hidden: boolean;
  submitted_at: Date | null;
  offerings: { duration_minutes: number; price_minor: number; currency: string }[];
  documents: TOwnDocument[];
  /** Public changes waiting for review (approved experts), and the last decision on one. */
  pending: TPendingChange | null;
  last_change: TDecidedChange | null;
};

/** The expert's own application with its prices and documents, or null before the first save. */
export async function getOwnApplication(db: TUserTx, userId: string): Promise<TOwnApplication | null> {
  const { rows } = await db.query<Omit<TOwnApplication, 'offerings' | 'documents' | 'pending' | 'last_change'>>(
    `select id, slug, status, status_reason, display_name, headline, bio, specialties, tags, languages, years_experience, country,
            timezone, links, terms_accepted_at, photo_document_id, hidden, submitted_at
       from public.expert_profiles where user_id = $1`,
    [userId],
  );
  const p = rows[0];
  if (!p) return null;
  // Sequential: one transaction client runs one statement at a time.
  const offerings = await db.query<TOwnApplication['offerings'][number]>(
    'select duration_minutes, price_minor, currency from public.expert_offerings where expert_id = $1 order by duration_minutes',
    [p.id],
  );
  const documents = await db.query<TOwnDocument>(
    'select id, kind, filename, content_type, size_bytes, created_at from public.expert_documents where expert_id = $1 order by created_at',
    [p.id],
  );
  const pending = await getPendingChange(db, p.id);
  const lastChange = await getLastDecidedChange(db, p.id);
  return { ...p, offerings: offerings.rows, documents: documents.rows, pending, last_change: lastChange };
}
