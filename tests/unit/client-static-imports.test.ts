import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Issue #15's JavaScript budget: some client components must not pull a heavy package into their page's first
// load. Follows the static imports (not `import type`, not `import()`, which webpack splits into a chunk loaded
// later) from a module through the project's files and lists the packages reached.

const ROOT = path.resolve(__dirname, '../..');
const STATIC_IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?!type\b)(?:[\s\S]*?\sfrom\s+)?'([^']+)'/g;

function resolveLocal(from: string, spec: string): string | null {
  const base = spec.startsWith('@/') ? path.join(ROOT, spec.slice(2)) : path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')])
    if (existsSync(candidate) && /\.(ts|tsx)$/.test(candidate)) return candidate;
  return null;
}

export function packagesReachedFrom(entry: string): Map<string, string> {
  const seen = new Set<string>();
  const packages = new Map<string, string>(); // package → the first project file that imports it
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, spec] of source.matchAll(STATIC_IMPORT)) {
      if (spec.startsWith('.') || spec.startsWith('@/')) {
        const next = resolveLocal(file, spec);
        if (next) visit(next);
      } else {
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
        if (!packages.has(name)) packages.set(name, path.relative(ROOT, file));
      }
    }
  };
  visit(path.join(ROOT, entry));
  return packages;
}

describe('client modules kept light for their page (issue #15)', () => {
  it('the scanner sees a static import, and not a type-only or dynamic one', () => {
    const reached = packagesReachedFrom('components/sessions/reschedule-panel.tsx');
    expect(reached.get('framer-motion')).toBe('components/booking/slot-picker.tsx');
    expect(packagesReachedFrom('components/privacy/danger-zone.tsx').has('react-hook-form')).toBe(false);
  });

  it('the notification settings form (on /settings) does not load zod', () => {
    expect(packagesReachedFrom('components/notifications/notification-settings.tsx').has('zod')).toBe(false);
  });

  it('a session’s details (on /sessions) load the slot picker and framer-motion only when rescheduling', () => {
    const reached = packagesReachedFrom('components/sessions/session-detail.tsx');
    expect(reached.has('framer-motion')).toBe(false);
    expect(readFileSync(path.join(ROOT, 'components/sessions/session-detail.tsx'), 'utf8')).toContain("import('./reschedule-panel')");
  });
});
