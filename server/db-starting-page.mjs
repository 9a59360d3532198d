// While the process opens its database (a first start creates, migrates and seeds it: ~30 s), a browser
// asking for a page gets this small page, which says so and reloads itself, instead of a blank wait.
// lib/db/startup-progress.ts records the step on globalThis; API calls, assets and health checks are
// left alone (they wait for the database as before).

const BUSY = new Set(['opening', 'creating', 'migrating', 'seeding']);

/** @param {import('node:http').IncomingMessage} req */
function isPageRequest(req) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const url = req.url ?? '/';
  if (url.startsWith('/_next/') || url.startsWith('/api/') || url.startsWith('/socket.io/')) return false;
  return (req.headers.accept ?? '').includes('text/html');
}

const escape = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** @param {{ message: string, firstRun: boolean }} state */
export function dbStartingHtml(state) {
  const lead = state.firstRun
    ? 'Pathwise is creating its database and loading the demo data. This happens once, on the first start, and takes about 30 seconds.'
    : 'Pathwise is opening its database. This takes a moment.';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="2">
<title>Preparing the database · Pathwise</title>
<style>
:root{color-scheme:light dark}
body{margin:0;font-family:system-ui,sans-serif;background:#fff;color:#0f172a;display:grid;min-height:100vh;place-items:center}
main{max-width:32rem;padding:2rem 1.5rem;text-align:center}
h1{font-size:1.5rem;margin:0 0 .75rem}
p{line-height:1.5;color:#475569;margin:.5rem 0}
.step{font-weight:600;color:#0f172a}
@media (prefers-color-scheme:dark){body{background:#020617;color:#f1f5f9}p{color:#cbd5e1}.step{color:#f1f5f9}}
</style>
</head>
<body>
<main>
<h1>Preparing the database…</h1>
<p>${lead}</p>
<p class="step" role="status">${escape(state.message)}</p>
<p>This page reloads itself every 2 seconds and shows Pathwise when it is ready.</p>
</main>
</body>
</html>`;
}

/**
 * Answers a browser's page request with the waiting page while the database is being prepared.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @returns {boolean} whether it answered
 */
export function answerWhileDbStarts(req, res) {
  const state = globalThis.__pathwiseDbStartup;
  if (!state || !BUSY.has(state.step) || !isPageRequest(req)) return false;
  res.writeHead(503, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'retry-after': '2' });
  res.end(req.method === 'HEAD' ? undefined : dbStartingHtml(state));
  return true;
}

/**
 * In dev, asks once for the landing page (not as a browser, so this module lets it through) while the
 * database is still being prepared: Turbopack compiles the page meanwhile instead of after.
 * @param {number} port
 */
export function compileLandingWhileDbStarts(port) {
  const state = globalThis.__pathwiseDbStartup;
  if (!state || !BUSY.has(state.step)) return;
  fetch(`http://localhost:${port}/`, { headers: { accept: '*/*' } })
    .then((res) => res.body?.cancel())
    .catch(() => {});
}
