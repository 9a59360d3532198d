// Who may do what, in one place: the route wrapper (lib/http/route.ts), the page guards
// (current-user.ts) and the domain functions in lib/ all ask here, so a rule changes in one file.
// Row-level security in the migrations enforces the same rules again underneath (defence in depth).
// Pure: no I/O, no framework; the refusals are AppErrors the route wrapper turns into 401/403/404.
import { AppError } from '@/lib/http/app-error';
import { ROLES, type TRole, type TSessionUser } from './schemas';

/** Every role: `route(handler, { roles: ANY_ROLE })` is for any signed-in user. */
export const ANY_ROLE: readonly TRole[] = ROLES;

/** The part of a user the rules read; a session user or a test double both fit. */
export type TActor = Pick<TSessionUser, 'id' | 'role'>;

export function hasRole(user: TActor | null | undefined, roles: readonly TRole[]): boolean {
  return !!user && roles.includes(user.role);
}

export function isAdmin(user: TActor | null | undefined): boolean {
  return hasRole(user, ['admin']);
}

/**
 * The caller, if signed in with one of `roles`: 401 when signed out, 403 for another role. `message` says
 * what the role is for, so a refusal from deep in lib/ still reads well in the API answer.
 */
export function requireRole<U extends TActor>(
  user: U | null | undefined,
  roles: readonly TRole[],
  message = 'Your account cannot do this.',
): U {
  if (!user) throw new AppError('unauthorized', 'Sign in to continue.');
  if (!roles.includes(user.role)) throw new AppError('forbidden', message);
  return user;
}

/** Admin-only operations in lib/ (the route wrapper checked already; this holds when lib is called directly). */
export function requireAdmin<U extends TActor>(user: U | null | undefined, message = 'Only admins do this.'): U {
  return requireRole(user, ['admin'], message);
}

/** Own-vs-any: the owner acts on their own rows; an admin acts on anyone's. */
export function canActOn(user: TActor | null | undefined, ownerId: string | null | undefined): boolean {
  if (!user) return false;
  return isAdmin(user) || (!!ownerId && ownerId === user.id);
}

/**
 * Own-vs-any as a guard. Someone else's row answers exactly like a row that does not exist (404 by default),
 * so ids cannot be probed.
 */
export function assertOwnerOrAdmin(
  user: TActor | null | undefined,
  ownerId: string | null | undefined,
  refusal: () => AppError = () => new AppError('not_found', 'Not found.'),
): void {
  if (!canActOn(user, ownerId)) throw refusal();
}

/**
 * Session recordings belong to the session's two participants only: anyone else — another user, and an admin
 * outside the audited admin path (lib/video/admin-recording-access.ts) — is refused with 403.
 * `side` is the caller's side of the booking (lib/booking/access.ts roleOn), or null for none.
 */
export function requireRecordingParty(side: 'learner' | 'expert' | 'admin' | null): 'learner' | 'expert' {
  if (side === 'learner' || side === 'expert') return side;
  throw new AppError(
    'forbidden',
    side === 'admin'
      ? 'Recordings are private to the session’s two participants; admins open one through the audited admin view.'
      : 'Only the two participants of this session can see its recordings.',
  );
}
