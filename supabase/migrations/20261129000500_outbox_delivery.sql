-- Notification outbox delivered by the job queue (issue #13, delivery slice). See docs/notifications.md.
-- A row is claimed for one send under a lease (status 'sending', locked_until, claim_token); a row whose
-- lease lapsed while it was 'sending' may or may not have reached the provider, so it becomes 'unknown'
-- (shown to admins, resent only by an admin's retry), never resent blindly.
alter table public.outbox_messages drop constraint if exists outbox_messages_status_check;
alter table public.outbox_messages
  add constraint outbox_messages_status_check check (status in ('pending', 'sending', 'sent', 'failed', 'unknown', 'held'));

alter table public.outbox_messages
  add column if not exists html_body text,
  add column if not exists attachments jsonb,
  add column if not exists locked_until timestamptz,
  add column if not exists claim_token uuid,
  add column if not exists provider_message_id text,
  add column if not exists failed_at timestamptz;

-- Admins (policy outbox_admin) read the delivery state too; html_body and attachments may carry what
-- body masks, so they stay with secret_body on the service role's side.
grant select (locked_until, provider_message_id, failed_at) on public.outbox_messages to authenticated;

create index if not exists outbox_messages_attention_idx on public.outbox_messages (created_at desc)
  where status in ('failed', 'unknown');
