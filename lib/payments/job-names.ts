export const JOB_EXPIRE_CHECKOUT = 'payments.expire-checkout';
export const JOB_BOOKING_CHANGE = 'payments.booking-change';
export const JOB_REFUND = 'payments.refund';
export const JOB_TRANSFER = 'payments.transfer';
export const JOB_REVERSE_TRANSFER = 'payments.reverse-transfer';
