-- Session packages (issue #12, "Packages"): an expert sells N sessions of one length at a discount; a learner
-- pays once and books the sessions later with credits. See docs/payments.md, "Packages".
-- Money is integer minor units with a currency (lib/money); the pro-rata rules are in lib/packages/pricing.ts.

create table public.session_packages (
  id uuid primary key default gen_random_uuid(),
  expert_id uuid not null references public.expert_profiles (id) on delete cascade,
  title text not null check (length(title) between 1 and 120),
  session_count int not null check (session_count between 2 and 50),
  duration_minutes int not null check (duration_minutes between 15 and 240),
  discount_bp int not null check (discount_bp between 0 and 9000),     -- 1000 = 10 % off the per-session price
  per_session_minor bigint not null check (per_session_minor >= 0),    -- the offering's price when last saved
  price_minor bigint not null check (price_minor >= 0),                -- what the learner pays for the whole package
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  refund_window_days int not null default 180 check (refund_window_days between 1 and 730),
  status text not null default 'active' check (status in ('active', 'retired')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  retired_at timestamptz
);
create index session_packages_expert_idx on public.session_packages (expert_id, status);

-- One row per purchase: the package's terms copied at checkout (an edit or retirement never changes what a
-- learner bought), and the credit counters. sessions_used counts credits spent on live or delivered bookings;
-- sessions_refunded counts credits refunded as money. The check is the last line of defence against spending
-- a credit twice (lib/packages/redeem.ts decrements under the row lock).
create table public.package_purchases (
  id uuid primary key default gen_random_uuid(),
  package_id uuid not null references public.session_packages (id) on delete restrict,
  expert_id uuid not null references public.expert_profiles (id) on delete cascade,
  learner_id uuid references public.users (id) on delete set null,
  title text not null,
  session_count int not null check (session_count between 2 and 50),
  duration_minutes int not null,
  price_minor bigint not null check (price_minor >= 0),
  commission_minor bigint not null check (commission_minor >= 0 and commission_minor <= price_minor),
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  status text not null default 'pending' check (status in ('pending', 'active', 'closed', 'abandoned')),
  sessions_used int not null default 0 check (sessions_used >= 0),
  sessions_refunded int not null default 0 check (sessions_refunded >= 0),
  refund_window_days int not null,
  refund_until timestamptz,
  created_at timestamptz not null default now(),
  paid_at timestamptz,
  check (sessions_used + sessions_refunded <= session_count)
);
create index package_purchases_learner_idx on public.package_purchases (learner_id, expert_id, status);
create index package_purchases_expert_idx on public.package_purchases (expert_id, status);

-- A booking paid with a credit, and what became of the credit: booked (live), returned (cancelled in time),
-- forfeited (cancelled late: counts as delivered), earned (completed; the expert's share was transferred).
-- share_index is the credit's place in the pro-rata split (0 … session_count - 1), set when it is earned.
create table public.package_sessions (
  booking_id uuid primary key references public.bookings (id) on delete cascade,
  purchase_id uuid not null references public.package_purchases (id) on delete cascade,
  state text not null default 'booked' check (state in ('booked', 'returned', 'forfeited', 'earned')),
  share_index int,
  created_at timestamptz not null default now(),
  settled_at timestamptz,
  unique (purchase_id, share_index)
);
create index package_sessions_purchase_idx on public.package_sessions (purchase_id, state);

alter table public.payments
  add constraint payments_package_purchase_fk foreign key (package_purchase_id) references public.package_purchases (id) on delete set null;
create index payments_package_purchase_idx on public.payments (package_purchase_id) where package_purchase_id is not null;

alter table public.session_packages enable row level security;
alter table public.package_purchases enable row level security;
alter table public.package_sessions enable row level security;

-- Reads only; every write goes through lib/packages on the service connection (prices are computed there).
-- Active packages of a visible expert are public (the expert_profiles policy decides visibility); the owner and
-- admins also see retired ones. A purchase and its sessions: the learner, the expert, admins.
create policy session_packages_read on public.session_packages for select to anon, authenticated
  using (
    (status = 'active' and exists (select 1 from public.expert_profiles p where p.id = expert_id and p.status = 'approved' and not p.hidden))
    or public.owns_expert(expert_id) or public.jwt_app_role() = 'admin'
  );
create policy package_purchases_party on public.package_purchases for select to authenticated
  using (learner_id = auth.uid() or public.owns_expert(expert_id) or public.jwt_app_role() = 'admin');
create policy package_sessions_party on public.package_sessions for select to authenticated
  using (exists (select 1 from public.package_purchases pp where pp.id = purchase_id
                  and (pp.learner_id = auth.uid() or public.owns_expert(pp.expert_id) or public.jwt_app_role() = 'admin')));

grant select on public.session_packages to anon, authenticated;
grant select on public.package_purchases, public.package_sessions to authenticated;
