import 'server-only';
import path from 'node:path';
import { env } from '@/lib/config';
import type { TPrivilegedTx, TQueryable } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { decryptToken, devTokenKeys, encryptToken, needsReseal, parseTokenKeys, type TTokenKeys } from './token-crypto';
import type { TCalendarInfo, TCalendarProviderId, TCalendarTokens } from './types';

// The connection store: one row per connected account in public.calendar_connections. Tokens are sealed with
// token-crypto (AES-256-GCM, CALENDAR_TOKEN_KEYS) before they reach the database and opened only here.

export type TConnectionStatus = 'active' | 'reconnect' | 'disconnected';

export type TConnectionRow = {
  id: string;
  user_id: string;
  expert_id: string | null;
  provider: TCalendarProviderId;
  account_email: string | null;
  account_id: string | null;
  tokens_enc: string | null;
  key_id: string | null;
  scopes: string[];
  status: TConnectionStatus;
  status_reason: string | null;
  status_changed_at: Date | null;
  expert_told_at: Date | null;
  busy_calendar_ids: string[];
  target_calendar_id: string | null;
  calendars: TCalendarInfo[];
  sync_state: TSyncState;
  last_synced_at: Date | null;
  last_sync_error: string | null;
  updated_at: Date;
};

export type TWatchChannel = { calendarId: string; channelId: string; resourceId: string; token: string; expiration: number };
export type TSyncState = { cursor?: string | null; channels?: TWatchChannel[] };

/** What the expert's UI and API see of a connection (never tokens or channel secrets). */
export type TConnectionView = {
  id: string;
  provider: TCalendarProviderId;
  accountEmail: string | null;
  status: TConnectionStatus;
  statusReason: string | null;
  calendars: TCalendarInfo[];
  busyCalendarIds: string[];
  targetCalendarId: string | null;
  lastSyncedAt: string | null;
  lastSyncError: string | null;
  canWriteEvents: boolean;
};

let keys: { spec: string; keys: TTokenKeys } | undefined;

/** The sealing keys: CALENDAR_TOKEN_KEYS, or a development key derived from DATA_DIR when it is unset. */
export function tokenKeys(): TTokenKeys {
  const spec = env().CALENDAR_TOKEN_KEYS ?? '';
  if (keys?.spec !== spec) keys = { spec, keys: spec ? parseTokenKeys(spec) : devTokenKeys(path.resolve(env().DATA_DIR)) };
  return keys.keys;
}

export function sealTokens(tokens: TCalendarTokens): { sealed: string; keyId: string } {
  const k = tokenKeys();
  return { sealed: encryptToken(k, JSON.stringify(tokens)), keyId: k.current.id };
}

export function openTokens(row: Pick<TConnectionRow, 'tokens_enc'>): TCalendarTokens {
  if (!row.tokens_enc) throw new AppError('conflict', 'This calendar is not connected any more.');
  return JSON.parse(decryptToken(tokenKeys(), row.tokens_enc)) as TCalendarTokens;
}

export function tokensNeedReseal(row: Pick<TConnectionRow, 'tokens_enc'>): boolean {
  return !!row.tokens_enc && needsReseal(tokenKeys(), row.tokens_enc);
}

const WRITE_SCOPES: Record<TCalendarProviderId, RegExp> = {
  google: /auth\/calendar(\.events)?(\s|$)/,
  outlook: /Calendars\.ReadWrite/i,
  calendly: /$^/,
};

export function toView(r: TConnectionRow): TConnectionView {
  return {
    id: r.id,
    provider: r.provider,
    accountEmail: r.account_email,
    status: r.status,
    statusReason: r.status_reason,
    calendars: r.calendars,
    busyCalendarIds: r.busy_calendar_ids,
    targetCalendarId: r.target_calendar_id,
    lastSyncedAt: r.last_synced_at ? new Date(r.last_synced_at).toISOString() : null,
    lastSyncError: r.last_sync_error,
    canWriteEvents: r.scopes.some((s) => WRITE_SCOPES[r.provider].test(s)),
  };
}

export async function getConnection(db: TQueryable, id: string): Promise<TConnectionRow | null> {
  const { rows } = await db.query<TConnectionRow>('select * from public.calendar_connections where id = $1', [id]);
  return rows[0] ?? null;
}

/** The user's connections that are not disconnected, oldest first. */
export async function listConnections(db: TQueryable, userId: string): Promise<TConnectionRow[]> {
  const { rows } = await db.query<TConnectionRow>(
    "select * from public.calendar_connections where user_id = $1 and status <> 'disconnected' order by created_at, id",
    [userId],
  );
  return rows;
}

/**
 * Stores a new or renewed connection (same user, provider and account: a Reconnect updates the row and makes it
 * active again). A new connection counts its primary calendar as busy and, when nothing else receives sessions
 * yet and it may write there, receives them.
 */
export async function saveConnection(
  tx: TPrivilegedTx,
  c: {
    userId: string;
    expertId: string | null;
    provider: TCalendarProviderId;
    accountId: string;
    accountEmail: string | null;
    tokens: TCalendarTokens;
    calendars: TCalendarInfo[];
  },
): Promise<TConnectionRow> {
  const { sealed, keyId } = sealTokens(c.tokens);
  const scopes = (c.tokens.scope ?? '').split(/\s+/).filter(Boolean);
  const primary = c.calendars.find((x) => x.primary) ?? c.calendars[0];
  const { rows: others } = await tx.query<{ n: number }>(
    "select count(*)::int as n from public.calendar_connections where user_id = $1 and status <> 'disconnected' and target_calendar_id is not null and account_id is distinct from $2",
    [c.userId, c.accountId],
  );
  const canWrite = scopes.some((s) => WRITE_SCOPES[c.provider].test(s));
  const target = others[0].n === 0 && canWrite && primary?.canWrite ? primary.id : null;
  const { rows } = await tx.query<TConnectionRow>(
    `insert into public.calendar_connections
       (user_id, expert_id, provider, account_id, account_email, tokens_enc, key_id, scopes, calendars, busy_calendar_ids,
        target_calendar_id, status, status_changed_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, 'active', now())
     on conflict (user_id, provider, account_id) do update set
       tokens_enc = excluded.tokens_enc, key_id = excluded.key_id, scopes = excluded.scopes, calendars = excluded.calendars,
       account_email = excluded.account_email, expert_id = excluded.expert_id,
       busy_calendar_ids = case when calendar_connections.status = 'disconnected' then excluded.busy_calendar_ids
                                else calendar_connections.busy_calendar_ids end,
       target_calendar_id = case when calendar_connections.status = 'disconnected' then excluded.target_calendar_id
                                 else calendar_connections.target_calendar_id end,
       status = 'active', status_reason = null, status_changed_at = now(), expert_told_at = null,
       sync_state = '{}', last_sync_error = null, updated_at = now()
     returning *`,
    [
      c.userId,
      c.expertId,
      c.provider,
      c.accountId,
      c.accountEmail,
      sealed,
      keyId,
      scopes,
      JSON.stringify(c.calendars),
      primary ? [primary.id] : [],
      target,
    ],
  );
  return rows[0];
}

/** Writes refreshed tokens, sealed with the current key (a refresh is also when rotation re-encrypts). */
export async function storeTokens(db: TQueryable, id: string, tokens: TCalendarTokens): Promise<void> {
  const { sealed, keyId } = sealTokens(tokens);
  await db.query('update public.calendar_connections set tokens_enc = $2, key_id = $3, updated_at = now() where id = $1', [
    id,
    sealed,
    keyId,
  ]);
}

/** The user's own connection, for a change they make: someone else's answers exactly like a missing one. */
export async function ownConnection(db: TQueryable, userId: string, id: string): Promise<TConnectionRow> {
  const row = await getConnection(db, id);
  if (!row || row.user_id !== userId || row.status === 'disconnected') throw new AppError('not_found', 'No such calendar connection.');
  return row;
}
