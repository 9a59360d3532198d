import 'server-only';
import { withUser, type TDb, type TDbUser } from '@/lib/db';
import { listNotifications } from '@/lib/notifications/list-notifications';
import { getOwnApplication } from './get-own-application';
import { getOwnExpertProfile } from './get-own-profile';
import { cachedSpecialties } from './taxonomy';

// What an expert's own pages read, in one transaction as that expert (docs/db-access.md).

export function loadOwnApplication(db: TDb, user: TDbUser) {
  return withUser(db, user, (tx) => getOwnApplication(tx, user.id));
}

export function loadOwnExpertProfile(db: TDb, user: TDbUser) {
  return withUser(db, user, (tx) => getOwnExpertProfile(tx, user.id));
}

/** The application with the specialty list its form offers, and (for the dashboard) the latest notifications. */
export function loadApplicationEditor(db: TDb, user: TDbUser, o: { notifications?: number } = {}) {
  return withUser(db, user, async (tx) => {
    const app = await getOwnApplication(tx, user.id);
    const specialties = await cachedSpecialties(tx);
    const notes = o.notifications ? await listNotifications(tx, user.id, o.notifications) : [];
    return { app, specialties, notes };
  });
}
