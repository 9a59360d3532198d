import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ZEnv } from '@/lib/config/env';

describe('.env.example', () => {
  it('lists every variable the app reads, and only those', () => {
    const listed = [...readFileSync('.env.example', 'utf8').matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]).sort();
    expect(listed).toEqual(Object.keys(ZEnv.shape).sort());
  });
});
