import { z } from 'zod';

// The application's life as a state machine: each change is one named transition, and anything
// not listed here is refused. Pure: no I/O, so every pair is unit tested.
export const EXPERT_STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'changes_requested', 'suspended'] as const;
export const ZExpertStatus = z.enum(EXPERT_STATUSES);
export type TExpertStatus = z.infer<typeof ZExpertStatus>;

export const EXPERT_ACTIONS = ['submit', 'approve', 'reject', 'request_changes', 'suspend', 'reinstate'] as const;
export const ZExpertAction = z.enum(EXPERT_ACTIONS);
export type TExpertAction = z.infer<typeof ZExpertAction>;

type TTransition = { from: readonly TExpertStatus[]; to: TExpertStatus; by: 'owner' | 'admin'; needsReason: boolean };

export const TRANSITIONS: Record<TExpertAction, TTransition> = {
  submit: { from: ['draft', 'rejected', 'changes_requested'], to: 'submitted', by: 'owner', needsReason: false },
  approve: { from: ['submitted'], to: 'approved', by: 'admin', needsReason: false },
  reject: { from: ['submitted'], to: 'rejected', by: 'admin', needsReason: true },
  request_changes: { from: ['submitted'], to: 'changes_requested', by: 'admin', needsReason: true },
  suspend: { from: ['approved'], to: 'suspended', by: 'admin', needsReason: true },
  reinstate: { from: ['suspended'], to: 'approved', by: 'admin', needsReason: false },
};

export type TTransitionResult =
  { ok: true; to: TExpertStatus } | { ok: false; reason: 'not_allowed' | 'wrong_actor' | 'reason_required'; message: string };

export const STATUS_LABELS: Record<TExpertStatus, string> = {
  draft: 'Draft',
  submitted: 'Under review',
  approved: 'Approved · listed',
  rejected: 'Not approved',
  changes_requested: 'Changes requested',
  suspended: 'Suspended',
};

/** The status an action leads to from a status, or why it is refused. */
export function transition(
  from: TExpertStatus,
  action: TExpertAction,
  actor: 'owner' | 'admin',
  reason?: string | null,
): TTransitionResult {
  const t = TRANSITIONS[action];
  if (!t.from.includes(from)) {
    return { ok: false, reason: 'not_allowed', message: `An application that is “${STATUS_LABELS[from]}” cannot be ${pastTense(action)}.` };
  }
  if (t.by !== actor)
    return {
      ok: false,
      reason: 'wrong_actor',
      message: actor === 'owner' ? 'Only an admin can do this.' : 'Only the expert can submit their application.',
    };
  if (t.needsReason && !reason?.trim()) return { ok: false, reason: 'reason_required', message: 'Give the expert a reason.' };
  return { ok: true, to: t.to };
}

/** Actions an actor may take from a status (the buttons an admin sees). */
export function allowedActions(from: TExpertStatus, actor: 'owner' | 'admin'): TExpertAction[] {
  return EXPERT_ACTIONS.filter((a) => TRANSITIONS[a].by === actor && TRANSITIONS[a].from.includes(from));
}

/** Listed in the directory: approved, not suspended, not hidden. */
export function isListed(p: { status: TExpertStatus; hidden: boolean }): boolean {
  return p.status === 'approved' && !p.hidden;
}

function pastTense(a: TExpertAction): string {
  return {
    submit: 'submitted',
    approve: 'approved',
    reject: 'rejected',
    request_changes: 'sent back for changes',
    suspend: 'suspended',
    reinstate: 'reinstated',
  }[a];
}
