import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  EXPERT_ACTIONS,
  EXPERT_STATUSES,
  isListed,
  transition,
  type TExpertAction,
  type TExpertStatus,
} from '@/lib/experts/application-status';

// The whole table, written out by hand: [from, action] → to. Every pair not listed must be refused.
const ALLOWED: [TExpertStatus, TExpertAction, TExpertStatus][] = [
  ['draft', 'submit', 'submitted'],
  ['rejected', 'submit', 'submitted'],
  ['changes_requested', 'submit', 'submitted'],
  ['submitted', 'approve', 'approved'],
  ['submitted', 'reject', 'rejected'],
  ['submitted', 'request_changes', 'changes_requested'],
  ['approved', 'suspend', 'suspended'],
  ['suspended', 'reinstate', 'approved'],
];
const ADMIN_ACTIONS = new Set<TExpertAction>(['approve', 'reject', 'request_changes', 'suspend', 'reinstate']);

describe('expert application state machine', () => {
  for (const [from, action, to] of ALLOWED) {
    const actor = ADMIN_ACTIONS.has(action) ? 'admin' : 'owner';
    it(`allows ${from} --${action}--> ${to} by the ${actor}`, () => {
      expect(transition(from, action, actor, 'a reason')).toEqual({ ok: true, to });
    });
    it(`refuses ${from} --${action}--> by the wrong actor`, () => {
      const r = transition(from, action, actor === 'admin' ? 'owner' : 'admin', 'a reason');
      expect(r).toMatchObject({ ok: false, reason: 'wrong_actor' });
    });
  }

  const allowedPairs = new Set(ALLOWED.map(([f, a]) => `${f}:${a}`));
  for (const from of EXPERT_STATUSES) {
    for (const action of EXPERT_ACTIONS) {
      if (allowedPairs.has(`${from}:${action}`)) continue;
      it(`refuses ${from} --${action}-->`, () => {
        for (const actor of ['owner', 'admin'] as const) {
          const r = transition(from, action, actor, 'a reason');
          expect(r.ok).toBe(false);
          if (!r.ok) {
            expect(r.reason).toBe('not_allowed');
            expect(r.message).toMatch(/cannot be/);
          }
        }
      });
    }
  }

  it('covers all 36 status × action pairs', () => {
    expect(EXPERT_STATUSES.length * EXPERT_ACTIONS.length).toBe(36);
    expect(ALLOWED).toHaveLength(8);
  });

  it.each(['reject', 'request_changes', 'suspend'] as const)('%s needs a reason (blank does not count)', (action) => {
    const from = action === 'suspend' ? 'approved' : 'submitted';
    expect(transition(from, action, 'admin')).toMatchObject({ ok: false, reason: 'reason_required' });
    expect(transition(from, action, 'admin', '   ')).toMatchObject({ ok: false, reason: 'reason_required' });
    expect(transition(from, action, 'admin', 'Credential unreadable')).toMatchObject({ ok: true });
  });

  it('approve and reinstate need no reason', () => {
    expect(transition('submitted', 'approve', 'admin')).toEqual({ ok: true, to: 'approved' });
    expect(transition('suspended', 'reinstate', 'admin')).toEqual({ ok: true, to: 'approved' });
  });

  it('lists the actions an admin and an owner may take from each status', () => {
    expect(allowedActions('submitted', 'admin')).toEqual(['approve', 'reject', 'request_changes']);
    expect(allowedActions('approved', 'admin')).toEqual(['suspend']);
    expect(allowedActions('suspended', 'admin')).toEqual(['reinstate']);
    expect(allowedActions('draft', 'admin')).toEqual([]);
    expect(allowedActions('rejected', 'owner')).toEqual(['submit']);
    expect(allowedActions('approved', 'owner')).toEqual([]);
  });

  it('lists only approved, visible experts', () => {
    expect(isListed({ status: 'approved', hidden: false })).toBe(true);
    expect(isListed({ status: 'approved', hidden: true })).toBe(false);
    for (const s of EXPERT_STATUSES.filter((x) => x !== 'approved')) expect(isListed({ status: s, hidden: false })).toBe(false);
  });
});
