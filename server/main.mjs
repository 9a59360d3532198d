// The app's process: Next.js and Socket.IO on one HTTP server and one port. On the embedded default
// (PGlite, which one process may open) this is what lets realtime share the app's database. The Socket.IO
// server is created here and handed to the Next bundle through globalThis; instrumentation-node.ts wires
// authentication and publishing to it (lib/realtime/mount-in-process.ts). Plain JS so `npm start` needs
// no transpiler and starts as fast as `next start`.
//   node server/main.mjs [--dev]     PORT (default 3000), HOSTNAME (default 0.0.0.0)
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer } from 'node:http';
import next from 'next';
import { Server } from 'socket.io';
import { answerWhileDbStarts, compileLandingWhileDbStarts } from './db-starting-page.mjs';
import { guardRequest, parseTrustProxyHops } from './request-limits.mjs';
import { setSecurityHeaders } from './security-headers.mjs';

const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || '0.0.0.0';
// With REALTIME_URL set, Socket.IO runs as its own process (npm run realtime) and this one only publishes.
const inProcessRealtime = !process.env.REALTIME_URL;
const trustProxyHops = parseTrustProxyHops(process.env.TRUST_PROXY_HOPS);

const httpServer = createServer();
if (inProcessRealtime) {
  globalThis.__pathwiseIo = new Server(httpServer, {
    path: '/socket.io/',
    serveClient: false,
    // Leave other upgrades (Next's HMR in dev) alone.
    destroyUpgrade: false,
    // Recovered connections run the auth middleware again.
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: false },
  });
}

// A stand-in so Next does not attach its own upgrade listener to our server (it would end Socket.IO's).
const app = next({ dev, hostname: 'localhost', port, httpServer: new EventEmitter() });
const handle = app.getRequestHandler();
httpServer.prependListener('request', (req, res) => {
  if (inProcessRealtime && req.url?.startsWith('/socket.io/')) return; // Socket.IO answers these
  logServerErrorAnswer(req, res);
  setSecurityHeaders(req, res, { production: !dev }); // server/security-headers.mjs (and the request's CSP nonce)
  // Body caps, NUL bytes, the client's address (server/request-limits.mjs).
  if (!guardRequest(req, res, { trustProxyHops })) return;
  giveRequestId(req, res);
  if (answerWhileDbStarts(req, res)) return; // "the database is being prepared" while it is
  // The Next bundle registers the directory's fast lane at start-up (lib/http/fast-lane.ts); it answers
  // its own paths and hands everything else to Next.
  const lane = globalThis.__pathwiseFastLane;
  (lane ? lane(req, res, handle) : handle(req, res)).catch((err) => {
    console.error(err);
    if (!res.headersSent) res.writeHead(500).end('Internal Server Error');
  });
});
// Every page answer carries a request id that a user's error report ("Reference: …") points at (route handlers
// make their own: lib/http/route.ts). This was Next's proxy (proxy.ts); as a proxy step it cost every page
// request ~0.3–0.5 ms of CPU on this 2-core machine (bench/PAGES.md), here it is a header read.
const NO_REQUEST_ID = /^\/(?:api\/|_next\/static|_next\/image|favicon\.ico|icon\.svg)/;
function giveRequestId(req, res) {
  if (NO_REQUEST_ID.test(req.url ?? '')) return;
  const given = req.headers['x-request-id'];
  const id = (typeof given === 'string' && given) || randomUUID();
  req.headers['x-request-id'] = id;
  res.setHeader('x-request-id', id);
}

// Every 5xx answer leaves one error line, whatever produced it (a route, a page, a fast lane, Next's own URL
// decoding): some of them log nothing else. In the logger's JSON shape, so the e2e teardown's scan and log
// tooling read it like the rest; the path without its query, which may hold a token. 503 is the deliberate
// "the database is being prepared" answer.
function logServerErrorAnswer(req, res) {
  res.on('finish', () => {
    if (res.statusCode < 500 || res.statusCode === 503) return;
    const requestId = res.getHeader('x-request-id') ?? req.headers['x-request-id'];
    const path = (req.url ?? '').split('?')[0];
    console.error(
      JSON.stringify({
        level: 50,
        time: Date.now(),
        msg: 'server error answer',
        status: res.statusCode,
        method: req.method,
        path,
        requestId,
      }),
    );
  });
}

httpServer.on('upgrade', (req, socket, head) => {
  if (inProcessRealtime && req.url?.startsWith('/socket.io/')) return;
  app.upgradeHandler(req, socket, head);
});

await app.prepare();
httpServer.listen(port, hostname, () => {
  const db = globalThis.__pathwiseDbStartup;
  const waiting = db && db.step !== 'ready' ? ' — pages say "preparing the database" until it is ready' : '';
  console.log(`▲ Pathwise listening on http://localhost:${port}${inProcessRealtime ? ' (realtime in-process)' : ''}${waiting}`);
  if (dev) compileLandingWhileDbStarts(port);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    globalThis.__pathwiseIo?.close();
    httpServer.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  });
}
