-- Trust (issue #9): admins read the dev outbox, but not live secrets in it.
-- `body` holds what an admin may read (a reset link's token masked); `secret_body` holds the deliverable text
-- with the live token, for the service role that delivers mail. The authenticated role (admins, through RLS
-- policy outbox_admin) may select every column except secret_body.
alter table public.outbox_messages add column if not exists secret_body text;

revoke select on public.outbox_messages from authenticated;
grant select (id, channel, recipient, user_id, template, subject, body, status, provider, attempts, last_error, created_at, sent_at)
  on public.outbox_messages to authenticated;

-- Mask what older rows already hold: an unused reset link in an existing body stops being readable.
update public.outbox_messages
   set secret_body = body,
       body = regexp_replace(body, '(reset-password\?token=)([A-Za-z0-9_-]{4})[A-Za-z0-9_-]+', '\1\2…[hidden]', 'g')
 where template = 'password-reset' and secret_body is null;
