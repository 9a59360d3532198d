import type { IncomingMessage, ServerResponse } from 'node:http';

export function newNonce(): string;
export function contentSecurityPolicy(o: {
  scripts: { nonce: string } | { hashes: string[] };
  dev?: boolean;
  imgOrigins?: string[];
}): string;
export function inlineScriptHashes(html: string): string[];
export function keptPagePolicy(html: string, o?: { dev?: boolean; imgOrigins?: string[] }): string;
export function imageOrigins(env?: Record<string, string | undefined>): string[];
export function setSecurityHeaders(req: IncomingMessage, res: ServerResponse, opts: { production: boolean }): void;
export function permissionsPolicyFor(url: string | undefined): string;
