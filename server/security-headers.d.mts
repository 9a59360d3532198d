import type { ServerResponse } from 'node:http';

export function setSecurityHeaders(res: ServerResponse, opts: { production: boolean }): void;
