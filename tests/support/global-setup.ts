import type { TestProject } from 'vitest/node';
import { ensurePgliteTemplates, ensurePostgresTemplate, type TPgliteTemplates } from './template-db';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Paths of the PGlite data directory tarballs (migrated, empty) every PGlite test database starts from. */
    pgliteTemplates: TPgliteTemplates | undefined;
    /** Name of the migrated template database on TEST_DATABASE_URL's server. */
    postgresTemplate: string | undefined;
  }
}

/** Integration suite: migrate one template database per run (template-db.ts) before the workers start. */
export async function setup(project: TestProject): Promise<void> {
  const server = process.env.TEST_DATABASE_URL;
  const started = Date.now();
  if (server) project.provide('postgresTemplate', await ensurePostgresTemplate(server));
  else project.provide('pgliteTemplates', await ensurePgliteTemplates());
  if (process.env.TEST_TEMPLATE_VERBOSE) console.log(`test template ready in ${Date.now() - started} ms`);
}
