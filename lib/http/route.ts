import 'server-only';
import { randomUUID } from 'node:crypto';
import { NextResponse, type NextRequest } from 'next/server';
import { $ZodError } from 'zod/v4/core';
import { getSessionUser } from '@/lib/auth/sessions';
import { SESSION_COOKIE } from '@/lib/auth/session-cookie';
import type { TRole, TSessionUser } from '@/lib/auth/schemas';
import { getDb, type TDb } from '@/lib/db';
import { logger } from '@/lib/log/logger';
import { AppError, type TErrorBody } from './app-error';
import { fieldErrors } from './zod-fields';

export type TRouteContext<P> = {
  req: NextRequest;
  params: P;
  db: TDb;
  user: TSessionUser | null;
  requestId: string;
  ip: string;
};
export type TAuthedContext<P> = TRouteContext<P> & { user: TSessionUser };

type TOptions = { roles?: TRole[] };

export function clientIp(req: NextRequest): string {
  return req.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || req.headers.get('x-real-ip') || 'local';
}

/** The status, headers and body of the one error shape, for any thrown value (unknown ones are logged, 500). */
export function errorPayload(e: unknown, requestId: string): { status: number; headers: Record<string, string>; body: TErrorBody } {
  const err =
    e instanceof AppError
      ? e
      : e instanceof $ZodError
        ? new AppError('invalid_input', 'Some fields need attention.', fieldErrors(e))
        : null;
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
 * Wraps a route handler: request id, session lookup, role check, and one error shape.
 * `route(handler, { roles })` refuses callers without one of the roles (401 signed out, 403 otherwise).
 */
export function route<P = Record<string, string>>(
  handler: (ctx: TAuthedContext<P>) => Promise<Response>,
  options: TOptions & { roles: TRole[] },
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
      const db = await getDb();
      const user = await getSessionUser(db, req.cookies.get(SESSION_COOKIE)?.value);
      if (options.roles) {
        if (!user) throw new AppError('unauthorized', 'Sign in to continue.');
        if (!options.roles.includes(user.role)) throw new AppError('forbidden', 'Your account cannot do this.');
      }
      const params = (segment?.params ? await segment.params : {}) as P;
      const res = await handler({ req, params, db, user: user as TSessionUser, requestId, ip: clientIp(req) });
      res.headers.set('x-request-id', requestId);
      logger().debug({ requestId, method: req.method, path: req.nextUrl.pathname, status: res.status, ms: Date.now() - started }, 'request');
      return res;
    } catch (e) {
      const res = errorResponse(e, requestId);
      logger().info({ requestId, method: req.method, path: req.nextUrl.pathname, status: res.status, ms: Date.now() - started }, 'request failed');
      return res;
    }
  };
}

/** Reads a JSON body; a malformed one is a 400, not a 500. */
export async function readJson(req: NextRequest): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    throw new AppError('invalid_input', 'The request body must be JSON.');
  }
}
