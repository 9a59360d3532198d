-- Payments core, the flow (issue #12, lib/payments): what a lost dispute took back, kept apart from refunds so a
-- charge's amount_refunded from Stripe can be compared with refunded_minor as it is; and the lookups the
-- webhook handlers make.
alter table public.payments add column disputed_minor bigint not null default 0 check (disputed_minor >= 0);
alter table public.payments add column dispute_id text;
alter table public.payments add constraint payments_returned_within_amount check (refunded_minor + disputed_minor <= amount_minor);
create index payments_open_booking_idx on public.payments (booking_id) where status = 'open';
create index payments_admin_list_idx on public.payments (created_at desc);
