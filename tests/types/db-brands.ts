// Compile-time test, checked by `tsc --noEmit` (tsconfig includes every .ts file; nothing here runs): the branded
// connection types keep a privileged connection out of code that must run under a user's row-level security,
// and a user's or a visitor's transaction out of code that needs the service role. Each @ts-expect-error line
// fails the type check if the call it guards starts compiling.
import type { createSession } from '@/lib/auth/sessions';
import type { TAnonTx, TDb, TPrivilegedTx, TQueryable, TScopedTx, TUserTx } from '@/lib/db/types';
import type { withAnon, withUser } from '@/lib/db/with-user';
import type { getOwnApplication } from '@/lib/experts/get-own-application';
import type { getPublicProfile } from '@/lib/experts/get-public-profile';
import type { searchExperts } from '@/lib/experts/search-experts';
import type { listSpecialties } from '@/lib/experts/taxonomy';
import type { publishEvent } from '@/lib/realtime/publish-event';
import type { loadRates } from '@/lib/rates/rates';

declare const db: TDb;
declare const privilegedTx: TPrivilegedTx;
declare const userTx: TUserTx;
declare const anonTx: TAnonTx;
declare const plain: TQueryable;
declare const f: {
  createSession: typeof createSession;
  getOwnApplication: typeof getOwnApplication;
  getPublicProfile: typeof getPublicProfile;
  searchExperts: typeof searchExperts;
  listSpecialties: typeof listSpecialties;
  publishEvent: typeof publishEvent;
  loadRates: typeof loadRates;
  withUser: typeof withUser;
  withAnon: typeof withAnon;
};
const user = { id: 'u', role: 'learner' } as const;

export function brandsRefuseTheWrongConnection(): void {
  // A user's transaction is what RLS-bound code takes…
  void f.getOwnApplication(userTx, 'u');
  // @ts-expect-error …the privileged connection is refused there,
  void f.getOwnApplication(db, 'u');
  // @ts-expect-error …so is a transaction on it,
  void f.getOwnApplication(privilegedTx, 'u');
  // @ts-expect-error …and a visitor's,
  void f.getOwnApplication(anonTx, 'u');
  // @ts-expect-error …and an unbranded connection.
  void f.getOwnApplication(plain, 'u');

  // The reverse: code that needs the service role takes the db or a transaction on it…
  void f.createSession(db, 'u', 1);
  void f.createSession(privilegedTx, 'u', 1);
  void f.publishEvent(privilegedTx, 'u', 'progress.updated', {});
  // @ts-expect-error …never a user's transaction,
  void f.createSession(userTx, 'u', 1);
  // @ts-expect-error …(realtime tables are the service's),
  void f.publishEvent(userTx, 'u', 'progress.updated', {});
  // @ts-expect-error …nor a visitor's.
  void f.createSession(anonTx, 'u', 1);

  // Public reads run as anon.
  void f.getPublicProfile(anonTx, 'slug');
  // @ts-expect-error the privileged connection is not a visitor
  void f.getPublicProfile(db, 'slug');
  // @ts-expect-error nor is a signed-in user's transaction
  void f.searchExperts(userTx, {} as Parameters<typeof searchExperts>[1]);

  // Honestly shared code takes any of them (TQueryable) or either RLS role (TScopedTx).
  void f.loadRates(db);
  void f.loadRates(userTx);
  void f.loadRates(anonTx);
  const scoped: TScopedTx[] = [userTx, anonTx];
  void scoped.map((tx) => f.listSpecialties(tx));
  // @ts-expect-error the privileged connection is not a row-level-security role
  void f.listSpecialties(db);

  // Only lib/db makes the branded kinds: withUser and withAnon hand them out.
  void f.withUser(db, user, async (tx: TUserTx) => tx);
  void f.withAnon(db, async (tx: TAnonTx) => tx);
  // @ts-expect-error withUser gives a user's transaction, not a privileged one
  void f.withUser(db, user, async (tx: TPrivilegedTx) => tx);
}
