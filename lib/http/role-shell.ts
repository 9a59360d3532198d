import 'server-only';
import { randomUUID } from 'node:crypto';

// A page render the fast lane keeps for every signed-in visitor of one role (lib/http/fast-lane.ts): the lane
// marks the request with this header and a per-process secret, and the root layout then leaves the user's name
// out of the header (components/layout/site-header.tsx). A visitor cannot set it: the lane removes the header
// from every request it did not mark, and the secret is never sent out.
export const ROLE_SHELL_HEADER = 'x-pathwise-role-shell';

const holder = globalThis as unknown as { __pathwiseRoleShellSecret?: string };

export function roleShellSecret(): string {
  return (holder.__pathwiseRoleShellSecret ??= randomUUID());
}

/** True while rendering a page the lane keeps per role (no name, nothing of one user in it). */
export function isRoleShellRender(headers: Headers): boolean {
  return headers.get(ROLE_SHELL_HEADER) === roleShellSecret();
}
