-- Payments, expert side (issue #12): Connect onboarding state, the PayPal payout rail. See docs/payments.md.

-- The country the expert is paid in (ISO 3166-1 alpha-2): Stripe Connect Express is offered where Stripe
-- supports it (STRIPE_CONNECT_COUNTRIES); elsewhere, or without Stripe, the PayPal rail.
alter table public.payout_accounts add column country text check (country is null or country ~ '^[A-Z]{2}$');

-- One PayPal payout per payment (the expert's share after completion). sender_batch_id is derived from the
-- payment, so a retried send is the same batch to PayPal (its idempotency key) and the same row here.
create table public.paypal_payouts (
  id uuid primary key default gen_random_uuid(),
  payment_id uuid not null unique references public.payments (id) on delete cascade,
  expert_id uuid not null references public.expert_profiles (id) on delete cascade,
  sender_batch_id text not null unique,
  payout_batch_id text unique,
  payout_item_id text unique,
  receiver text not null,
  amount_minor bigint not null check (amount_minor > 0),
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  -- pending: row written, not yet accepted by PayPal; then PayPal's item transaction_status, lower-cased.
  status text not null default 'pending'
    check (status in ('pending', 'sent', 'succeeded', 'failed', 'returned', 'blocked', 'unclaimed', 'refunded', 'held', 'denied', 'canceled')),
  error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index paypal_payouts_expert_idx on public.paypal_payouts (expert_id, created_at desc);

alter table public.paypal_payouts enable row level security;
-- The expert reads their own payouts, admins all; writes go through lib/payments/paypal on the service connection.
create policy paypal_payouts_owner on public.paypal_payouts for select to authenticated
  using (public.owns_expert(expert_id) or public.jwt_app_role() = 'admin');
grant select on public.paypal_payouts to authenticated;
