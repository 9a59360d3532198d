// Security headers on every response of the app's HTTP server (server/main.mjs), set before Next, the fast
// lanes or the "preparing the database" page answer, so none of them can forget one. Node merges headers set
// here with those a handler passes to writeHead (a handler may still override one on purpose: the fast lane
// does, for the pages it keeps — see keptPagePolicy below).
//
// One Content-Security-Policy per response, built here and nowhere else:
// - rendered pages get a fresh nonce per request (`script-src 'nonce-…' 'strict-dynamic'`). main.mjs hands the
//   nonce to Next in the request's own `content-security-policy` header — that is where Next looks for it to
//   put on its scripts — and in `x-nonce` for our one inline script (components/layout/theme-script.tsx);
// - pages the directory's fast lane keeps are shared by every signed-out visitor, so a nonce in them would be
//   public and reused: they are served with the hashes of their inline scripts instead, computed once when kept.
import { createHash, randomBytes } from 'node:crypto';

/** @type {Record<string, string>} */
const BASE = {
  // Clickjacking: X-Frame-Options for old browsers; frame-ancestors in the CSP for current ones.
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  // Only features browsers know (an unknown one is a console error in Chromium).
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

// The built-in video room (/sessions/<id>/room, docs/video.md) is the one page that may use the camera, the
// microphone and screen capture, and only for this origin. A policy is fixed when a document loads, so the room
// is entered by a full page load (components/sessions/join-button.tsx), never a client-side navigation.
const ROOM_PATH = /^\/sessions\/[0-9a-fA-F-]{36}\/room\/?(?:\?|$)/;
const ROOM_PERMISSIONS = 'camera=(self), microphone=(self), display-capture=(self), geolocation=()';

/** The Permissions-Policy of a request's answer. */
export function permissionsPolicyFor(url) {
  return ROOM_PATH.test(url ?? '') ? ROOM_PERMISSIONS : BASE['Permissions-Policy'];
}

/** 128 random bits, base64: a CSP nonce. */
export function newNonce() {
  return randomBytes(16).toString('base64');
}

/**
 * The policy for one response. `scripts` is what may run: a nonce (rendered pages) or inline script hashes
 * (kept pages). Styles keep 'unsafe-inline': framer-motion and Recharts write style attributes, which only
 * 'unsafe-inline' allows, and a style cannot run code.
 * @param {{ scripts: { nonce: string } | { hashes: string[] }, dev?: boolean, imgOrigins?: string[] }} o
 */
export function contentSecurityPolicy({ scripts, dev = false, imgOrigins = [] }) {
  const script =
    'nonce' in scripts
      ? // 'strict-dynamic': chunks Next's nonced loader adds run too; 'self' is only read by browsers without it.
        `'self' 'nonce-${scripts.nonce}' 'strict-dynamic'`
      : // Kept pages: the inline scripts by hash, Next's chunks from this origin.
        ["'self'", ...scripts.hashes.map((h) => `'${h}'`)].join(' ');
  return [
    "default-src 'self'",
    // React's development build evaluates code for its error overlay and stack traces.
    `script-src ${script}${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    ['img-src', "'self'", 'data:', 'blob:', ...imgOrigins].join(' '),
    "font-src 'self'",
    // 'self' covers the same host's ws:/wss: (Socket.IO) in CSP Level 3 browsers.
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
    "form-action 'self'",
  ].join('; ');
}

/** sha256 source expressions of every inline <script> in an HTML document. */
export function inlineScriptHashes(html) {
  const hashes = new Set();
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\ssrc\s*=/i.test(m[1]) || m[2] === '') continue;
    hashes.add(`sha256-${createHash('sha256').update(m[2], 'utf8').digest('base64')}`);
  }
  return [...hashes];
}

/** The policy a kept page is served with: its own inline scripts by hash, no nonce. */
export function keptPagePolicy(html, o = {}) {
  return contentSecurityPolicy({ ...o, scripts: { hashes: inlineScriptHashes(html) } });
}

/** Origins images may come from besides this one: the Supabase Storage project when configured. */
export function imageOrigins(env = process.env) {
  try {
    return env.SUPABASE_URL ? [new URL(env.SUPABASE_URL).origin] : [];
  } catch {
    return [];
  }
}

/** @type {string[] | undefined} */
let imgOriginsOnce;

/**
 * Sets the security headers on a response, and gives the request its nonce: Next reads it from the request's
 * `content-security-policy` header (any value a client sent is replaced), our inline script from `x-nonce`.
 * In production also HSTS (browsers ignore it over plain HTTP, and behind a TLS-terminating proxy it is what
 * keeps the next visit on HTTPS).
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {{ production: boolean }} opts
 */
export function setSecurityHeaders(req, res, { production }) {
  for (const [name, value] of Object.entries(BASE)) res.setHeader(name, value);
  res.setHeader('Permissions-Policy', permissionsPolicyFor(req.url));
  const nonce = newNonce();
  imgOriginsOnce ??= imageOrigins(); // the environment does not change while the process runs
  const policy = contentSecurityPolicy({ scripts: { nonce }, dev: !production, imgOrigins: imgOriginsOnce });
  req.headers['content-security-policy'] = policy;
  req.headers['x-nonce'] = nonce;
  res.setHeader('Content-Security-Policy', policy);
  if (production) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
}
