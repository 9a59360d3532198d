import 'server-only';
import { randomUUID } from 'node:crypto';
import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { $ZodError } from 'zod/v4/core';
import { getSessionUser } from '@/lib/auth/sessions';
import { SESSION_COOKIE } from '@/lib/auth/session-cookie';
import type { TRole, TSessionUser } from '@/lib/auth/schemas';
import { getDb, type TDb } from '@/lib/db';
import { logger } from '@/lib/log/logger';
import { env } from '@/lib/config';
import { AppError, type TErrorBody } from './app-error';
import { appErrorFromPg } from './pg-errors';
import { assertBodyType, assertNoNul, assertSameOrigin } from './request-guard';
import { defaultParamsSchema } from './route-params';
import { fieldErrors, parseOrThrow } from './zod-fields';
import { requireRole } from '@/lib/auth/permissions';

export type TRouteContext<P> = {
  req: NextRequest;
  params: P;
  db: TDb;
  user: TSessionUser | null;
  requestId: string;
  ip: string;
};
export type TAuthedContext<P> = TRouteContext<P> & { user: TSessionUser };

type TOptions = {
  roles?: readonly TRole[];
  /** Route parameters' schema; by default `id` is a uuid and other segments are short text. */
  params?: z.ZodType;
  /** The route takes multipart/form-data uploads (still same-origin only). */
  multipart?: boolean;
};

// Set by server/main.mjs (server/request-limits.mjs) from the socket, or from the address TRUST_PROXY_HOPS
// trusted proxies reported; any value a client sends is overwritten there. X-Forwarded-For is never read here.
const CLIENT_IP_HEADER = 'x-pathwise-client-ip';

export function clientIp(req: NextRequest): string {
  return req.headers.get(CLIENT_IP_HEADER) || 'unknown';
}

const JSON_LIMIT_BYTES = 1024 * 1024;

/** The status, headers and body of the one error shape, for any thrown value (unknown ones are logged, 500). */
export function errorPayload(e: unknown, requestId: string): { status: number; headers: Record<string, string>; body: TErrorBody } {
  const err =
    e instanceof AppError
      ? e
      : e instanceof $ZodError
        ? new AppError('invalid_input', 'Some fields need attention.', fieldErrors(e))
        : appErrorFromPg(e);
  if (!err) {
    logger().error({ err: e, requestId }, 'unhandled error');
    return {
      status: 500,
      headers: { 'x-request-id': requestId },
      body: { error: { code: 'internal', message: `Something went wrong on our side. Reference: ${requestId}`, requestId } },
    };
  }
  const headers: Record<string, string> = { 'x-request-id': requestId };
  if (err.retryAfterSeconds) headers['retry-after'] = String(err.retryAfterSeconds);
  return {
    status: err.status,
    headers,
    body: { error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}), requestId } },
  };
}

export function errorResponse(e: unknown, requestId: string): NextResponse<TErrorBody> {
  const { status, headers, body } = errorPayload(e, requestId);
  return NextResponse.json(body, { status, headers });
}

/**
 * Wraps a route handler: request id, the same-origin and body-type rules for mutations (request-guard.ts),
 * NUL bytes in the query, route parameters parsed with zod, session lookup, role check, and one error shape
 * (known Postgres errors included: pg-errors.ts).
 * `route(handler, { roles })` refuses callers without one of the roles (401 signed out, 403 otherwise).
 */
export function route<P = Record<string, string>>(
  handler: (ctx: TAuthedContext<P>) => Promise<Response>,
  options: TOptions & { roles: readonly TRole[] },
): (req: NextRequest, segment: { params: Promise<P> }) => Promise<Response>;
export function route<P = Record<string, string>>(
  handler: (ctx: TRouteContext<P>) => Promise<Response>,
  options?: TOptions,
): (req: NextRequest, segment: { params: Promise<P> }) => Promise<Response>;
export function route<P>(handler: (ctx: TAuthedContext<P>) => Promise<Response>, options: TOptions = {}) {
  return async (req: NextRequest, segment: { params: Promise<P> }) => {
    const requestId = req.headers.get('x-request-id') || randomUUID();
    const started = Date.now();
    try {
      assertSameOrigin({
        method: req.method,
        headers: req.headers,
        host: req.headers.get('host'),
        allowedOrigins: env().APP_URL ? [env().APP_URL!] : [],
      });
      assertBodyType(req, { multipart: options.multipart });
      assertNoNul(Object.fromEntries(req.nextUrl.searchParams), 'address');
      const db = await getDb();
      const user = await getSessionUser(db, req.cookies.get(SESSION_COOKIE)?.value);
      if (options.roles) requireRole(user, options.roles);
      const raw = (segment?.params ? await segment.params : {}) as Record<string, unknown>;
      const params = parseOrThrow(options.params ?? defaultParamsSchema(raw), raw) as P;
      const res = await handler({ req, params, db, user: user as TSessionUser, requestId, ip: clientIp(req) });
      res.headers.set('x-request-id', requestId);
      logger().debug(
        { requestId, method: req.method, path: req.nextUrl.pathname, status: res.status, ms: Date.now() - started },
        'request',
      );
      return res;
    } catch (e) {
      const res = errorResponse(e, requestId);
      logger().info(
        { requestId, method: req.method, path: req.nextUrl.pathname, status: res.status, ms: Date.now() - started },
        'request failed',
      );
      return res;
    }
  };
}

/**
 * Reads a JSON body of at most 1 MB, counted as it streams (server/main.mjs caps it first; this holds when
 * the handler runs elsewhere). Too large is a 413, malformed a 400, and a NUL byte in any text a 400 naming
 * the field.
 */
export async function readJson(req: NextRequest, limitBytes = JSON_LIMIT_BYTES): Promise<unknown> {
  if (Number(req.headers.get('content-length') ?? 0) > limitBytes) throw tooLarge(limitBytes);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limitBytes) {
        await reader.cancel();
        throw tooLarge(limitBytes);
      }
      chunks.push(value);
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new AppError('invalid_input', 'The request body must be JSON.');
  }
  assertNoNul(value);
  return value;
}

function tooLarge(limitBytes: number): AppError {
  return new AppError('payload_too_large', `The request body is too large: the limit is ${Math.round(limitBytes / 1024)} KB.`);
}
