import type { TestProject } from 'vitest/node';
import { ensurePgliteTemplate, ensurePostgresTemplate } from './template-db';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of the migrated PGlite data directory tarball every PGlite test database starts from. */
    pgliteTemplateFile: string | undefined;
    /** Name of the migrated template database on TEST_DATABASE_URL's server. */
    postgresTemplate: string | undefined;
  }
}

/** Integration suite: migrate one template database per run (template-db.ts) before the workers start. */
export async function setup(project: TestProject): Promise<void> {
  const server = process.env.TEST_DATABASE_URL;
  const started = Date.now();
  if (server) project.provide('postgresTemplate', await ensurePostgresTemplate(server));
  else project.provide('pgliteTemplateFile', await ensurePgliteTemplate());
  if (process.env.TEST_TEMPLATE_VERBOSE) console.log(`test template ready in ${Date.now() - started} ms`);
}
