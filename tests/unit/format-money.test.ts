import { describe, expect, it } from 'vitest';
import { formatMoney } from '@/lib/money/format-money';

describe('formatMoney', () => {
  it('reads minor units in the currency’s own precision', () => {
    expect(formatMoney(12000, 'USD')).toBe('$120');
    expect(formatMoney(12050, 'USD')).toBe('$120.50');
    expect(formatMoney(6000, 'JPY')).toBe('¥6,000');
    expect(formatMoney(5500, 'EUR')).toBe('€55');
  });
});
