import type { TBookingStatus } from './contract';

// Pure rules of the booking lifecycle: refunds on cancellation, who may reschedule when, the no-show window
// and the can* flags the views carry. The numbers come from public.marketplace_policy (admins set them).

export type TPolicy = {
  fullRefundHours: number;
  lateCancelRefundPercent: number;
  expertCancelRefundPercent: number;
  reviewWindowDays: number;
  noShowWindowHours: number;
};

export const DEFAULT_POLICY: TPolicy = {
  fullRefundHours: 24,
  lateCancelRefundPercent: 0,
  expertCancelRefundPercent: 100,
  reviewWindowDays: 7,
  noShowWindowHours: 48,
};

export type TActorRole = 'learner' | 'expert' | 'admin';

const HOUR = 3_600_000;

const hoursText = (h: number) => (h === 1 ? '1 hour' : `${h} hours`);

/** The refund a cancellation earns now, and the rule that gave it. */
export function cancelOutcome(
  policy: TPolicy,
  b: { status: TBookingStatus; startMs: number },
  by: TActorRole,
  nowMs: number,
): { refundPercent: number; rule: string } {
  if (b.status === 'held') return { refundPercent: 100, rule: 'Not paid yet: nothing is charged.' };
  if (by === 'expert') {
    return {
      refundPercent: policy.expertCancelRefundPercent,
      rule: `The expert cancels: ${refundText(policy.expertCancelRefundPercent)}.`,
    };
  }
  if (by === 'admin') return { refundPercent: 100, rule: 'Cancelled by an admin: full refund.' };
  if (b.startMs - nowMs >= policy.fullRefundHours * HOUR) {
    return { refundPercent: 100, rule: `${hoursText(policy.fullRefundHours)} or more before the start: full refund.` };
  }
  return {
    refundPercent: policy.lateCancelRefundPercent,
    rule: `Less than ${hoursText(policy.fullRefundHours)} before the start: ${refundText(policy.lateCancelRefundPercent)}.`,
  };
}

const refundText = (p: number) => (p === 100 ? 'full refund' : p === 0 ? 'no refund' : `${p}% refund`);

/** A live booking can be cancelled by either side (or an admin) until it starts. */
export function canCancel(b: { status: TBookingStatus; startMs: number }, nowMs: number): boolean {
  return (b.status === 'held' || b.status === 'confirmed') && nowMs < b.startMs;
}

/** The learner may move a confirmed session only while a cancellation would still be fully refunded; the expert (and admins) until it starts. */
export function canReschedule(policy: TPolicy, b: { status: TBookingStatus; startMs: number }, by: TActorRole, nowMs: number): boolean {
  if (b.status !== 'confirmed' || nowMs >= b.startMs) return false;
  return by !== 'learner' || b.startMs - nowMs >= policy.fullRefundHours * HOUR;
}

/** Either side may report the other absent from the start until no_show_window_hours after it. */
export function inNoShowWindow(policy: TPolicy, b: { status: TBookingStatus; startMs: number }, nowMs: number): boolean {
  return (
    (b.status === 'confirmed' || b.status === 'completed') && nowMs >= b.startMs && nowMs <= b.startMs + policy.noShowWindowHours * HOUR
  );
}
