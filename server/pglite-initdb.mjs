// Creates a PGlite data directory and exits. initdb is the most memory-hungry thing PGlite does
// (~700 MB resident); running it in a short-lived child keeps that out of the app's process for good.
// Usage: node server/pglite-initdb.mjs <dataDir>
import { PGlite } from '@electric-sql/pglite';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node server/pglite-initdb.mjs <dataDir>');
  process.exit(2);
}
const db = await PGlite.create(dir);
await db.close();
