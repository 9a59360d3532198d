// Types for server/request-limits.mjs (plain JS so `npm start` needs no transpiler).
import type { IncomingMessage, ServerResponse } from 'node:http';

export const JSON_BODY_LIMIT: number;
export const MULTIPART_BODY_LIMIT: number;
export const CLIENT_IP_HEADER: string;
export function bodyLimitFor(contentType: string | undefined): number;
export function parseTrustProxyHops(value: string | undefined): number;
export function clientAddress(opts: {
  socketAddress: string | undefined;
  forwardedFor: string | string[] | undefined;
  hops: number;
}): string;
export function nulField(url: string | undefined): string | null;
export function badEscape(url: string | undefined): boolean;
export function guardRequest(req: IncomingMessage, res: ServerResponse, opts?: { trustProxyHops?: number }): boolean;
