-- PayPal payout retries (issue #12). A payout is now a row per attempt: a transient failure (PayPal 5xx, a network
-- error) is retried by the job system with the same attempt (same sender_batch_id, which is also the
-- PayPal-Request-Id, so PayPal makes it once); a final failure (the job gave up, or PayPal reported the item
-- FAILED / RETURNED / BLOCKED / …) is marked with its reason, and an admin's "Retry payout" either sends the same
-- attempt again (PayPal never accepted it) or opens a new attempt with a new sender_batch_id (PayPal failed it).

alter table public.paypal_payouts drop constraint if exists paypal_payouts_payment_id_key;
alter table public.paypal_payouts add column attempt integer not null default 1 check (attempt between 1 and 50);
-- When PayPal accepted the batch (or refused it as a duplicate, i.e. had accepted it before): from then on its
-- sender_batch_id is spent and a retry needs a new attempt.
alter table public.paypal_payouts add column accepted_at timestamptz;
-- Who asked for this attempt (null: the automatic payout after the session).
alter table public.paypal_payouts add column requested_by uuid references public.users (id) on delete set null;
update public.paypal_payouts set accepted_at = updated_at where status <> 'pending' and accepted_at is null;

create unique index paypal_payouts_attempt_once on public.paypal_payouts (payment_id, attempt);
-- At most one attempt per payment that may still pay (or has paid) the expert: two retries at once, or a retry
-- racing the automatic payout, cannot both open an attempt.
create unique index paypal_payouts_one_live on public.paypal_payouts (payment_id)
  where status in ('pending', 'sent', 'succeeded', 'held', 'unclaimed');
