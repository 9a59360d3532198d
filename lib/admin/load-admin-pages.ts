import 'server-only';
import { withUser, type TDb, type TDbUser } from '@/lib/db';
import { getApplicationDetail, listApplications, listAuditLog, type TQueueFilter } from '@/lib/experts/admin-applications';
import { listPendingChanges } from '@/lib/experts/get-profile-change';
import { cachedSpecialties } from '@/lib/experts/taxonomy';
import { listOutbox } from '@/lib/notifications/list-outbox';
import { listSanctions } from '@/lib/policy/sanctions';
import { listAdminReviews } from '@/lib/reviews/admin-reviews';
import { getAdminOverview } from './get-admin-overview';

// What the admin pages read, as the admin: row-level security shows an admin everything and anyone else
// nothing, on top of the pages' role checks (docs/db-access.md).

export function loadAdminHome(db: TDb, admin: TDbUser, filter: TQueueFilter) {
  return withUser(db, admin, async (tx) => {
    // In turn, not Promise.all: one transaction client runs one statement at a time.
    const overview = await getAdminOverview(tx);
    const outbox = await listOutbox(tx, 20);
    const queue = await listApplications(tx, filter);
    const audit = await listAuditLog(tx, { limit: 15 });
    const specialties = await cachedSpecialties(tx, true);
    const changes = await listPendingChanges(tx);
    return { overview, outbox, queue, audit, specialties, changes };
  });
}

export function loadApplicationDetail(db: TDb, admin: TDbUser, id: string) {
  return withUser(db, admin, (tx) => getApplicationDetail(tx, id));
}

export function loadSanctions(db: TDb, admin: TDbUser) {
  return withUser(db, admin, (tx) => listSanctions(tx));
}

export function loadAdminReviews(db: TDb, admin: TDbUser, o: { hiddenOnly?: boolean }) {
  return withUser(db, admin, (tx) => listAdminReviews(tx, o));
}
