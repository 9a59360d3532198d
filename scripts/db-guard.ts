// When `npm run db:reset` may drop everything: never in production, and elsewhere only with --yes, after
// saying which database it is about to wipe.

export type TResetCheck = { ok: true } | { ok: false; message: string };

/** Where a reset would go, without the password. */
export function describeTarget(databaseUrl: string | undefined, dataDir: string): string {
  if (!databaseUrl) return `the PGlite directory ${dataDir}/pglite`;
  const u = new URL(databaseUrl);
  return `the Postgres database ${u.pathname.slice(1) || '(default)'} on ${u.host}`;
}

export function checkReset(opts: { nodeEnv: string; argv: string[]; target: string }): TResetCheck {
  if (opts.nodeEnv === 'production') {
    return { ok: false, message: `Refusing to reset ${opts.target}: NODE_ENV is production. db:reset drops every table and row.` };
  }
  if (!opts.argv.includes('--yes')) {
    return { ok: false, message: `db:reset drops every table and row in ${opts.target}. Run \`npm run db:reset -- --yes\` to confirm.` };
  }
  return { ok: true };
}
