import type { NextConfig } from 'next';
import { ChunkReportPlugin } from './scripts/chunk-report-plugin.mjs';

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files it loads from its own folder; argon2 is a native addon.
  serverExternalPackages: [
    '@electric-sql/pglite',
    '@node-rs/argon2',
    'pino',
    'ioredis',
    'pg',
    'socket.io',
    '@socket.io/redis-streams-adapter',
    'openai',
    // Notification SDKs (lib/notifications/senders.ts): loaded only when their keys are set.
    'twilio',
    '@sendgrid/mail',
    '@sendgrid/client',
  ],
  poweredByHeader: false,
  // forbidden() renders app/forbidden.tsx with a 403 status.
  experimental: { authInterrupts: true },
  // Migrations are read from disk at run time; make sure standalone tracing keeps them.
  outputFileTracingIncludes: { '/**': ['./supabase/migrations/**/*'] },
  // ANALYZE=1 npm run build: what each client chunk holds, in .next/analyze/client-chunks.json (docs/performance.md).
  webpack: (config, { isServer }) => {
    if (process.env.ANALYZE && !isServer) config.plugins.push(new ChunkReportPlugin('.next/analyze'));
    return config;
  },
};

export default nextConfig;
