import { describe, expect, it } from 'vitest';
import { assertOwnerOrAdmin, canActOn, hasRole, isAdmin, requireAdmin, requireRole, type TActor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/http/app-error';

const learner: TActor = { id: '00000000-0000-4000-8000-000000000001', role: 'learner' };
const otherLearner: TActor = { id: '00000000-0000-4000-8000-000000000002', role: 'learner' };
const expert: TActor = { id: '00000000-0000-4000-8000-000000000003', role: 'expert' };
const admin: TActor = { id: '00000000-0000-4000-8000-000000000004', role: 'admin' };

/** The status the route wrapper would answer for what `fn` throws, or 'ok'. */
function outcome(fn: () => unknown): number | 'ok' {
  try {
    fn();
    return 'ok';
  } catch (e) {
    if (e instanceof AppError) return e.status;
    throw e;
  }
}

describe('requireRole', () => {
  it('answers 401 signed out, 403 for another role, and passes the listed roles through', () => {
    expect(outcome(() => requireRole(null, ['learner']))).toBe(401);
    expect(outcome(() => requireRole(undefined, ['admin']))).toBe(401);
    expect(outcome(() => requireRole(expert, ['learner']))).toBe(403);
    expect(outcome(() => requireRole(admin, ['learner', 'expert']))).toBe(403);
    expect(requireRole(learner, ['learner', 'expert'])).toBe(learner);
    expect(requireRole(admin, ['admin'])).toBe(admin);
  });

  it('an empty list admits nobody (a route cannot be opened by forgetting a role)', () => {
    for (const u of [learner, expert, admin]) expect(outcome(() => requireRole(u, []))).toBe(403);
  });

  it('says why in the refusal', () => {
    expect(() => requireRole(expert, ['learner'], 'Only learners book sessions.')).toThrow('Only learners book sessions.');
  });
});

describe('requireAdmin and isAdmin', () => {
  it('admits admins only', () => {
    expect(outcome(() => requireAdmin(admin))).toBe('ok');
    expect(outcome(() => requireAdmin(learner))).toBe(403);
    expect(outcome(() => requireAdmin(expert))).toBe(403);
    expect(outcome(() => requireAdmin(null))).toBe(401);
    expect([learner, expert, admin, null].map(isAdmin)).toEqual([false, false, true, false]);
  });
});

describe('hasRole', () => {
  it('is false for signed-out visitors and roles not listed', () => {
    expect(hasRole(null, ['learner', 'expert', 'admin'])).toBe(false);
    expect(hasRole(expert, ['learner', 'admin'])).toBe(false);
    expect(hasRole(expert, ['expert'])).toBe(true);
  });
});

describe('own-vs-any', () => {
  it('lets the owner and admins act, and nobody else', () => {
    expect(canActOn(learner, learner.id)).toBe(true);
    expect(canActOn(admin, learner.id)).toBe(true);
    expect(canActOn(otherLearner, learner.id)).toBe(false);
    expect(canActOn(expert, learner.id)).toBe(false);
    expect(canActOn(null, learner.id)).toBe(false);
  });

  it('never matches a missing owner (a row with no owner is nobody’s, not everybody’s)', () => {
    expect(canActOn(learner, null)).toBe(false);
    expect(canActOn(learner, undefined)).toBe(false);
    expect(canActOn(learner, '')).toBe(false);
    expect(canActOn(admin, null)).toBe(true);
  });

  it('refuses with 404 by default, so another user’s id looks like one that does not exist', () => {
    expect(outcome(() => assertOwnerOrAdmin(otherLearner, learner.id))).toBe(404);
    expect(outcome(() => assertOwnerOrAdmin(learner, learner.id))).toBe('ok');
    expect(outcome(() => assertOwnerOrAdmin(admin, learner.id))).toBe('ok');
    expect(outcome(() => assertOwnerOrAdmin(otherLearner, learner.id, () => new AppError('forbidden', 'Not yours.')))).toBe(403);
  });
});
