import pino from 'pino';
import { env } from '@/lib/config';

const globalLog = globalThis as unknown as { __pathwiseLogger?: pino.Logger };

/** One structured logger per process; child loggers carry the request id. */
export function logger(): pino.Logger {
  globalLog.__pathwiseLogger ??= pino({
    level: env().NODE_ENV === 'test' ? 'silent' : env().LOG_LEVEL,
    base: { app: 'pathwise' },
    redact: ['password', '*.password', 'token', '*.token', 'headers.cookie'],
  });
  return globalLog.__pathwiseLogger;
}
