// npm run admin:create -- --email you@example.com --name "Your Name"
// Creates an admin on the configured database (DATABASE_URL, or PGlite under DATA_DIR with the app stopped).
// The password is asked for on the terminal (not echoed), or read from the first line of stdin when piped —
// never from the command line, where it would land in the shell history and the process list.
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createAdmin } from '@/lib/auth/create-admin';
import { env } from '@/lib/config';
import { migrate } from '@/lib/db/migrate';
import { createPgliteDb } from '@/lib/db/pglite-client';
import { createPostgresDb } from '@/lib/db/postgres-client';
import { AppError } from '@/lib/http/app-error';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}

async function readPassword(): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  if (process.stdin.isTTY) {
    process.stdout.write('Password (at least 10 characters): ');
    // Mute the echo while the password is typed.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
  }
  const line = await new Promise<string>((resolve) => rl.once('line', resolve).once('close', () => resolve('')));
  rl.close();
  if (process.stdin.isTTY) process.stdout.write('\n');
  return line;
}

const email = arg('email');
const name = arg('name') ?? 'Admin';
if (!email) {
  console.error('usage: npm run admin:create -- --email you@example.com [--name "Your Name"]   (password asked, or piped on stdin)');
  process.exit(2);
}
const e = env();
const db = e.DATABASE_URL ? createPostgresDb(e.DATABASE_URL, 2) : await createPgliteDb(path.resolve(e.DATA_DIR, 'pglite'));
try {
  await migrate(db);
  const admin = await createAdmin(db, { email, name, password: await readPassword() });
  console.log(`admin created: ${admin.email}`);
} catch (err) {
  if (err instanceof AppError) {
    console.error(
      `${err.message}${
        err.fields
          ? ' ' +
            Object.entries(err.fields)
              .map(([k, v]) => `${k}: ${v}`)
              .join('; ')
          : ''
      }`,
    );
    process.exitCode = 1;
  } else throw err;
} finally {
  await db.close();
}
