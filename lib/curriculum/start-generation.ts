import 'server-only';
import { getDb } from '@/lib/db';
import { logger } from '@/lib/log/logger';
import { getCurriculumProvider } from './get-provider';
import { runGeneration } from './run-generation';

/** Runs a saved request's generation in the background of this process (the request is already saved). */
export function startGeneration(curriculumId: string): Promise<void> {
  return getDb()
    .then((db) => runGeneration(db, curriculumId, getCurriculumProvider()))
    .then(() => undefined)
    .catch((err: unknown) => logger().error({ err, curriculumId }, 'generation crashed'));
}
