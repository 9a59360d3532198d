import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: ['.next/**', 'node_modules/**', '.data/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**'] },
  {
    files: ['lib/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  {
    // One env module: everything else reads configuration through lib/config.
    files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'lib/**/*.ts'],
    ignores: ['lib/config/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through lib/config.' }],
    },
  },
  {
    // components never touch the database; lib never imports app.
    files: ['components/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['@/lib/db', '@/lib/db/*', 'pg', '@electric-sql/pglite'] }] },
  },
  {
    files: ['lib/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['@/app/*', '@/components/*'] }] },
  },
  {
    // The JavaScript budget (docs/performance.md): heavy browser libraries are imported only by the modules that
    // are loaded lazily (after first paint, near the viewport, or on first use of a form); everything else
    // imports their types or calls import() (which this rule does not see).
    files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}'],
    ignores: [
      'components/curricula/progress-charts.tsx',
      'components/payments/money-plots.tsx',
      'components/ui/motion-features.ts',
      'components/**/*-resolver.ts',
      'components/**/*-resolvers.ts',
      'components/experts/application-validation.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'recharts',
              allowTypeImports: true,
              message: 'Recharts loads lazily: see components/curricula/lazy-progress-charts.tsx.',
            },
            { name: 'socket.io-client', allowTypeImports: true, message: 'Load socket.io-client with import() when connecting.' },
            {
              name: 'framer-motion',
              importNames: ['motion'],
              message: 'Use `m` inside <MotionFeatures> (components/ui/lazy-motion.tsx), or a CSS transition for decoration.',
            },
            { name: '@hookform/resolvers/zod', message: 'Load the zod resolver on first use: components/forms/lazy-resolver.ts.' },
          ],
        },
      ],
    },
  },
  {
    // One convention (docs/db-access.md): lib entry points open the user's or the visitor's transaction;
    // route handlers and pages call them with the db and the signed-in user, never withUser/withAnon.
    files: ['app/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@/lib/db',
              importNames: ['withUser', 'withAnon'],
              message: 'Call a lib entry point that opens the transaction (docs/db-access.md).',
            },
            { name: '@/lib/db/with-user', message: 'Call a lib entry point that opens the transaction (docs/db-access.md).' },
          ],
        },
      ],
    },
  },
  {
    // Statements on one transaction client run one at a time (pg warns about concurrent ones today and pg 9
    // refuses them), so server code awaits them in turn or writes one statement. Concurrency over truly
    // independent clients (a pool and Redis) is allowed with an eslint-disable comment saying so.
    files: ['app/**/*.{ts,tsx}', 'lib/**/*.ts', 'server/**/*.{ts,mjs}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Promise'][callee.property.name=/^(all|allSettled)$/]",
          message:
            'No Promise.all over database calls: await them in turn (one transaction client runs one statement at a time). For independent clients, disable with a reason.',
        },
      ],
    },
  },
];

export default config;
