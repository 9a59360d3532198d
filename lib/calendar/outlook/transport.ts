import 'server-only';
import http from 'node:http';
import https from 'node:https';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { CalendarProviderError } from '../types';

// One HTTP transport for both Microsoft SDKs, with a hard timeout on every call: msal-node's own client puts
// no timeout on token POSTs, and the Graph client's fetch has none either, so a hung Microsoft endpoint would
// hang a sync job. Used as msal's documented `system.networkClient` and as the Graph client's last middleware.
// It goes through node:https's global agent, so an operator's proxy/CA settings there apply (tests put their
// local CA there too).

export type TRawResponse = { status: number; headers: Record<string, string>; body: string };

/** The error name the Graph client keeps (as GraphError.code) when a request times out here. */
export const TIMEOUT_ERROR_NAME = 'CalendarTimeout';

export function rawRequest(
  url: string,
  opts: { method: string; headers?: Record<string, string>; body?: string; timeoutMs: number },
): Promise<TRawResponse> {
  const u = new URL(url);
  const lib = u.protocol === 'http:' ? http : https;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      u,
      {
        method: opts.method,
        headers: { ...opts.headers, ...(opts.body !== undefined ? { 'content-length': String(Buffer.byteLength(opts.body)) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          clearTimeout(timer);
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
          resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', fail);
      },
    );
    const timer = setTimeout(() => {
      const e = new CalendarProviderError('timeout', `Microsoft did not answer within ${opts.timeoutMs} ms`);
      e.name = TIMEOUT_ERROR_NAME;
      req.destroy(e);
    }, opts.timeoutMs);
    function fail(e: unknown) {
      clearTimeout(timer);
      reject(
        e instanceof CalendarProviderError
          ? e
          : new CalendarProviderError('unavailable', `Microsoft could not be reached: ${String(e)}`, e),
      );
    }
    req.on('error', fail);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

/** msal-node's network client over rawRequest (JSON bodies, lower-case header names, as its own client). */
export function msalNetworkClient(timeoutMs: number): INetworkModule {
  const send = async <T>(method: string, url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> => {
    const res = await rawRequest(url, {
      method,
      headers: options?.headers,
      body: method === 'POST' ? (options?.body ?? '') : undefined,
      timeoutMs: Math.min(timeout ?? timeoutMs, timeoutMs),
    });
    let body: T;
    try {
      body = JSON.parse(res.body || '{}') as T;
    } catch {
      throw new CalendarProviderError('unavailable', `Microsoft answered ${res.status} with a body that is not JSON`);
    }
    return { status: res.status, headers: res.headers, body };
  };
  return {
    sendGetRequestAsync: (url, options, timeout) => send('GET', url, options, timeout),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
}

function headersOf(h: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!h) return out;
  new Headers(h).forEach((v, k) => (out[k] = v));
  return out;
}

/** The Graph client's terminal middleware: sends the request through rawRequest and sets context.response. */
export class GraphTransport implements Middleware {
  constructor(private readonly timeoutMs: number) {}
  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const o = context.options ?? {};
    const body = typeof o.body === 'string' ? o.body : o.body == null ? undefined : String(o.body);
    const res = await rawRequest(url, {
      method: o.method ?? 'GET',
      headers: headersOf(o.headers as HeadersInit),
      body,
      timeoutMs: this.timeoutMs,
    });
    const nullBody = res.status === 204 || res.status === 304;
    context.response = new Response(nullBody ? null : res.body, { status: res.status, headers: res.headers });
  }
}
