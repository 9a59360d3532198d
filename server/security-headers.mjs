// Security headers on every response of the app's HTTP server (server/main.mjs), set before Next, the fast
// lanes or the "preparing the database" page answer, so none of them can forget one. Node merges headers set
// here with those a handler passes to writeHead (a handler may still override one on purpose).
//
// Not yet here: a Content-Security-Policy for scripts and styles (a per-request nonce through proxy.ts, with the
// fast lane's kept pages re-keyed) — the policy below only limits framing, <base>, plugins and form targets,
// which no page needs and which do not depend on how scripts are loaded.

/** @type {Record<string, string>} */
const BASE = {
  // Clickjacking: no site may frame the app (frame-ancestors for current browsers, X-Frame-Options for old ones).
  'Content-Security-Policy': "frame-ancestors 'none'; base-uri 'self'; object-src 'none'; form-action 'self'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  // Only features browsers know (an unknown one is a console error in Chromium).
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/**
 * Sets the base security headers on a response. In production also HSTS (browsers ignore it over plain HTTP,
 * and behind a TLS-terminating proxy it is what keeps the next visit on HTTPS).
 * @param {import('node:http').ServerResponse} res
 * @param {{ production: boolean }} opts
 */
export function setSecurityHeaders(res, { production }) {
  for (const [name, value] of Object.entries(BASE)) res.setHeader(name, value);
  if (production) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
}
