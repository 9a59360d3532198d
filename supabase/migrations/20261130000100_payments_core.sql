-- Payments core (issue #12): the shared schema the payment modules write. See docs/payments.md.
-- Money is integer minor units with a currency everywhere (lib/money); nothing here is a float.

-- Commission per currency: percent in basis points (1500 = 15 %) plus a fixed amount in minor units.
-- A currency without a row uses the '*' row's percent and no fixed amount.
create table public.commission_rules (
  currency text primary key check (currency = '*' or currency ~ '^[A-Z]{3}$'),
  percent_bp int not null check (percent_bp between 0 and 10000),
  fixed_minor int not null default 0 check (fixed_minor >= 0),
  updated_at timestamptz not null default now(),
  updated_by uuid references public.users (id) on delete set null
);
insert into public.commission_rules (currency, percent_bp, fixed_minor) values ('*', 1500, 0) on conflict do nothing;

-- Where an expert is paid: a Stripe Connect Express account (state mirrored from account.updated) or a
-- PayPal email (the second rail). One row per expert; `rail` says which one payouts use.
create table public.payout_accounts (
  expert_id uuid primary key references public.expert_profiles (id) on delete cascade,
  rail text not null default 'stripe' check (rail in ('stripe', 'paypal')),
  stripe_account_id text unique,
  charges_enabled boolean not null default false,
  payouts_enabled boolean not null default false,
  details_submitted boolean not null default false,
  requirements jsonb not null default '[]',      -- Stripe's requirements.currently_due, shown to the expert
  disabled_reason text,
  paypal_email text check (paypal_email is null or length(paypal_email) <= 254),
  updated_at timestamptz not null default now()
);

-- What a learner paid for: one row per Checkout Session (Stripe) or simulated checkout, for a booking or
-- a package purchase. The booking's payment_status mirrors the latest state for the booking UI.
create table public.payments (
  id uuid primary key default gen_random_uuid(),
  booking_id uuid references public.bookings (id) on delete set null,
  package_purchase_id uuid,                         -- FK added by the packages migration
  learner_id uuid references public.users (id) on delete set null,
  expert_id uuid not null references public.expert_profiles (id) on delete cascade,
  mode text not null check (mode in ('simulated', 'stripe')),
  status text not null default 'open'
    check (status in ('open', 'paid', 'expired', 'failed', 'refunded', 'partially_refunded')),
  amount_minor bigint not null check (amount_minor >= 0),
  commission_minor bigint not null check (commission_minor >= 0),
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  checkout_session_id text unique,                   -- cs_… (Stripe) or sim_cs_… (simulated)
  checkout_url text,
  payment_intent_id text unique,
  charge_id text unique,
  transfer_group text not null,                      -- 'booking_<id>' / 'package_<id>'
  transfer_status text not null default 'not_due'
    check (transfer_status in ('not_due', 'due', 'held', 'transferred', 'reversed', 'partially_reversed', 'not_needed')),
  transfer_id text,
  refunded_minor bigint not null default 0 check (refunded_minor >= 0),
  dispute_status text check (dispute_status in ('open', 'won', 'lost')),
  created_at timestamptz not null default now(),
  paid_at timestamptz,
  updated_at timestamptz not null default now(),
  check (booking_id is not null or package_purchase_id is not null)
);
create index payments_booking_idx on public.payments (booking_id);
create index payments_expert_idx on public.payments (expert_id, created_at desc);
create index payments_learner_idx on public.payments (learner_id, created_at desc);

-- Every webhook event (Stripe platform, Stripe Connect, PayPal, simulated) seen once: the primary key makes a
-- second delivery a no-op, and processed_at is set in the same transaction as the event's effects.
create table public.payment_events (
  id text primary key,                               -- provider's event id (evt_…, WH-…, sim_evt_…)
  provider text not null check (provider in ('stripe', 'stripe_connect', 'paypal', 'simulated')),
  type text not null,
  livemode boolean not null default false,
  object_id text,
  payload jsonb not null,
  received_at timestamptz not null default now(),
  processed_at timestamptz
);
create index payment_events_type_idx on public.payment_events (type, received_at desc);

-- Double-entry ledger. Each posting (txn_id) is a set of rows whose amounts sum to zero per currency, so
-- every booking's rows balance. Positive = debit. Accounts (lib/payments/ledger.ts owns the names):
--   platform_cash            money held on the platform's Stripe balance (or the simulated one)
--   learner_funds            the learner's side of charges and refunds (external)
--   expert_payable           what the platform owes the expert (credit balance until transferred)
--   expert_balance           the expert's connected-account / PayPal balance (after transfer)
--   expert_bank              paid out to the expert's bank (after payout)
--   platform_commission      the platform's revenue
--   processor_fees           Stripe / PayPal fees
--   disputes                 money held by an open dispute
create table public.ledger_entries (
  id bigint generated always as identity primary key,
  txn_id uuid not null,
  booking_id uuid references public.bookings (id) on delete set null,
  payment_id uuid references public.payments (id) on delete set null,
  expert_id uuid references public.expert_profiles (id) on delete set null,
  account text not null check (account in ('platform_cash', 'learner_funds', 'expert_payable', 'expert_balance',
    'expert_bank', 'platform_commission', 'processor_fees', 'disputes')),
  amount_minor bigint not null check (amount_minor <> 0),
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  kind text not null check (kind in ('charge', 'fee', 'refund', 'transfer', 'transfer_reversal', 'payout',
    'dispute', 'dispute_won', 'dispute_lost', 'adjustment')),
  source_ref text,                                   -- the provider object behind it (ch_…, re_…, tr_…, po_…)
  memo text,
  created_at timestamptz not null default now()
);
create index ledger_entries_txn_idx on public.ledger_entries (txn_id);
create index ledger_entries_booking_idx on public.ledger_entries (booking_id);
create index ledger_entries_payment_idx on public.ledger_entries (payment_id);
create index ledger_entries_expert_idx on public.ledger_entries (expert_id, created_at);
-- One posting per provider object and kind, so a replayed event cannot post twice even outside payment_events.
create unique index ledger_entries_source_once on public.ledger_entries (source_ref, kind, account) where source_ref is not null;

alter table public.commission_rules enable row level security;
alter table public.payout_accounts enable row level security;
alter table public.payments enable row level security;
alter table public.payment_events enable row level security;
alter table public.ledger_entries enable row level security;

-- Reads: commission rules are public (shown before paying); an expert reads their own payout account,
-- payments and ledger rows; a learner reads their own payments; admins read everything. All writes go
-- through lib/payments on the service connection.
create policy commission_rules_read on public.commission_rules for select to anon, authenticated using (true);
create policy payout_accounts_owner on public.payout_accounts for select to authenticated
  using (public.owns_expert(expert_id) or public.jwt_app_role() = 'admin');
create policy payments_party on public.payments for select to authenticated
  using (learner_id = auth.uid() or public.owns_expert(expert_id) or public.jwt_app_role() = 'admin');
create policy ledger_entries_party on public.ledger_entries for select to authenticated
  using (public.owns_expert(expert_id) or public.jwt_app_role() = 'admin');
create policy payment_events_admin on public.payment_events for select to authenticated using (public.jwt_app_role() = 'admin');

grant select on public.commission_rules to anon, authenticated;
grant select on public.payout_accounts, public.payments, public.ledger_entries, public.payment_events to authenticated;
