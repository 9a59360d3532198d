// What server/main.mjs checks on every request before Next (or the fast lane) sees it — rules that must hold
// while the body is still streaming, where the route wrapper (lib/http/route.ts) cannot act yet:
//   - a body is capped as it arrives (1 MB, multipart 6 MB): a larger one is answered 413 at once and its
//     connection closed, whatever Content-Length says or when the body is chunked;
//   - a NUL byte in the URL is a 400 naming the query parameter (Postgres refuses NUL in text: it was a 500);
//   - the client address the app sees (header x-pathwise-client-ip) is the socket's, or the one
//     TRUST_PROXY_HOPS proxies in front of us reported; a client's own X-Forwarded-For is never trusted.
// Plain JS like main.mjs; docs/security.md describes the rules.

export const JSON_BODY_LIMIT = 1024 * 1024;
// Uploads are 5 MB files (lib/storage/validate-upload.ts) plus the multipart envelope.
export const MULTIPART_BODY_LIMIT = 6 * 1024 * 1024;
export const CLIENT_IP_HEADER = 'x-pathwise-client-ip';

/** The most bytes a request of this content type may send. */
export function bodyLimitFor(contentType) {
  return /^\s*multipart\/form-data/i.test(String(contentType ?? '')) ? MULTIPART_BODY_LIMIT : JSON_BODY_LIMIT;
}

/** TRUST_PROXY_HOPS parsed as main.mjs needs it (lib/config/env.ts validates the same variable at start-up). */
export function parseTrustProxyHops(value) {
  const n = Number(value ?? '');
  return value !== undefined && value !== '' && Number.isInteger(n) && n >= 0 ? n : 0;
}

/**
 * The client's address: with no trusted proxy, the socket's; with `hops` proxies, the entry that many from
 * the right of X-Forwarded-For + socket (each trusted proxy appends the address it saw). Entries a client
 * wrote itself sit further left and are never reached.
 */
export function clientAddress({ socketAddress, forwardedFor, hops }) {
  const socket = String(socketAddress ?? '').replace(/^::ffff:/, '') || 'unknown';
  if (!hops) return socket;
  const chain = String(forwardedFor ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  chain.push(socket);
  return chain[Math.max(0, chain.length - 1 - hops)];
}

/** The first query parameter (or the path) whose decoded text holds a NUL byte, or null. */
export function nulField(url) {
  const raw = String(url ?? '');
  if (!/%00|\0/i.test(raw)) return null;
  const q = raw.indexOf('?');
  const query = q === -1 ? '' : raw.slice(q + 1);
  for (const pair of query.split('&')) {
    const [rawKey, ...rest] = pair.split('=');
    const decode = (s) => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        return s;
      }
    };
    const key = decode(rawKey);
    if (key.includes('\0')) return '_';
    if (decode(rest.join('=')).includes('\0')) return key;
  }
  return 'path';
}

/**
 * True when the path holds a %-escape that does not decode (`/experts/%ZZ`, a cut UTF-8 sequence): Next's router
 * throws on it and answers 500 without a word in the log. The query is left to the route (it parses leniently).
 */
export function badEscape(url) {
  const raw = String(url ?? '');
  const q = raw.indexOf('?');
  const path = q === -1 ? raw : raw.slice(0, q);
  if (!path.includes('%')) return false;
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

function sendError(res, status, code, message, fields) {
  if (res.headersSent) return;
  const body = JSON.stringify({ error: { code, message, ...(fields ? { fields } : {}) } });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), connection: 'close' });
  res.end(body);
}

function tooLarge(req, res, limit) {
  sendError(res, 413, 'payload_too_large', `The request body is too large: the limit is ${Math.round(limit / 1024 / 1024)} MB.`);
  // Stop reading: what the client still sends is not buffered anywhere, and the connection ends.
  req.pause();
  res.once('finish', () => req.socket?.destroy());
  setTimeout(() => req.socket?.destroy(), 1000).unref();
}

/**
 * Applies the rules to one request. Returns false when it has answered (400/413) and the request must go no
 * further; otherwise the request continues with its body capped while it streams.
 */
export function guardRequest(req, res, { trustProxyHops = 0 } = {}) {
  const field = nulField(req.url);
  if (field) {
    sendError(res, 400, 'invalid_input', 'Remove the NUL character from the address.', { [field]: 'Contains a NUL character.' });
    return false;
  }
  if (badEscape(req.url)) {
    sendError(res, 400, 'invalid_input', 'The address has a malformed %-escape.', { path: 'Malformed percent-encoding.' });
    return false;
  }
  req.headers[CLIENT_IP_HEADER] = clientAddress({
    socketAddress: req.socket?.remoteAddress,
    forwardedFor: req.headers['x-forwarded-for'],
    hops: trustProxyHops,
  });

  const limit = bodyLimitFor(req.headers['content-type']);
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    tooLarge(req, res, limit);
    return false;
  }
  // No body announced (most GETs): nothing to count, so the hot path keeps Node's own push.
  if (!req.headers['transfer-encoding'] && !declared) return true;
  // Counted where the HTTP parser hands each chunk to the stream, before anyone buffers it.
  let received = 0;
  let refused = false;
  const push = req.push;
  req.push = function (chunk, encoding) {
    if (refused) return false;
    if (chunk) {
      received += chunk.length;
      if (received > limit) {
        refused = true;
        tooLarge(req, res, limit);
        return false; // the parser stops reading the socket; it is closed once the 413 is out
      }
    }
    return push.call(this, chunk, encoding);
  };
  return true;
}
