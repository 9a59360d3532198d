import { describe, expect, it } from 'vitest';
import { navFor } from '@/lib/auth/navigation';

describe('navigation by role', () => {
  const labels = (r: Parameters<typeof navFor>[0]) => navFor(r).map((i) => i.label);
  it('matches what each role works on', () => {
    expect(labels('learner')).toEqual(['Learn', 'Experts', 'Sessions']);
    expect(labels('expert')).toEqual(['Dashboard', 'Availability', 'Sessions', 'Earnings']);
    expect(labels('admin')).toEqual(['Admin', 'Reviews', 'Sanctions', 'Policy', 'Rates', 'Payments']);
    expect(labels(null)).toEqual(['Experts']);
  });
});
