// What app/ serves, read from the files: each exported method of each route.ts and each page.tsx, keyed the
// way tests/authz/matrix.ts keys its rows ('GET /api/curricula/[id]', 'PAGE /learn/[id]').
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const METHODS = 'GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS';
// `export const GET = …`, `export async function POST(…)`, and re-exports such as `export { handler as PUT }`.
const METHOD_EXPORT = new RegExp(`export\\s+(?:const|let|async\\s+function|function)\\s+(${METHODS})\\b`, 'g');
const METHOD_REEXPORT = new RegExp(`export\\s*\\{([^}]*)\\}`, 'g');
const REEXPORT_NAME = new RegExp(`(?:^|,|\\bas)\\s*(${METHODS})\\s*(?=,|$)`, 'g');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

/** The URL pattern of a file's folder: route groups like (app) add nothing to the URL. */
function routeOf(appDir: string, file: string): string {
  const segments = path
    .relative(appDir, path.dirname(file))
    .split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s));
  return `/${segments.join('/')}`;
}

export function appInventory(appDir = path.resolve('app')): string[] {
  const keys: string[] = [];
  for (const file of walk(appDir)) {
    const name = path.basename(file);
    if (name === 'route.ts' || name === 'route.tsx') {
      const source = readFileSync(file, 'utf8');
      const methods = new Set([...source.matchAll(METHOD_EXPORT)].map((m) => m[1]));
      for (const block of source.matchAll(METHOD_REEXPORT)) for (const m of block[1].trim().matchAll(REEXPORT_NAME)) methods.add(m[1]);
      for (const method of methods) keys.push(`${method} ${routeOf(appDir, file)}`);
    } else if (name === 'page.tsx' || name === 'page.ts') {
      keys.push(`PAGE ${routeOf(appDir, file)}`);
    }
  }
  return keys.sort();
}
