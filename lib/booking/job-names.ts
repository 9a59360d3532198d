export const JOB_EXPIRE_HOLD = 'booking.expire-hold';
export const JOB_COMPLETE = 'booking.complete';
export const JOB_SWEEP = 'booking.sweep';
