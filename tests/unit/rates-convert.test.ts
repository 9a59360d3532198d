import { describe, expect, it } from 'vitest';
import { approxMinor, convertMinor, minorDigits, priceBounds } from '@/lib/money/convert';
import { localeCurrency } from '@/lib/money/locale-currency';

// The seeded rates (supabase/migrations/20261127000100_booking.sql), units per USD.
const RATES = { USD: 1, EUR: 0.92, GBP: 0.79, JPY: 150, INR: 83.5, KWD: 0.307 };

describe('minor digits per currency (Intl)', () => {
  it('knows JPY has none, USD two, KWD three', () => {
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('USD')).toBe(2);
    expect(minorDigits('KWD')).toBe(3);
  });
});

describe('convertMinor', () => {
  it('converts through USD and rounds to the nearest minor unit', () => {
    expect(convertMinor(4000, 'USD', 'EUR', RATES)).toBe(3680); // $40 → €36.80
    expect(convertMinor(1000, 'EUR', 'USD', RATES)).toBe(1087); // €10 → $10.869… → $10.87
    expect(convertMinor(1, 'EUR', 'USD', RATES)).toBe(1); // 1.087 cents → 1
  });

  it('handles currencies without minor units (JPY) both ways', () => {
    expect(convertMinor(2000, 'USD', 'JPY', RATES)).toBe(3000); // $20 → ¥3,000 (not ¥300,000)
    expect(convertMinor(3000, 'JPY', 'USD', RATES)).toBe(2000); // ¥3,000 → $20.00
    expect(convertMinor(1000, 'JPY', 'EUR', RATES)).toBe(613); // ¥1,000 → €6.133… → €6.13
  });

  it('handles three-digit currencies (KWD)', () => {
    expect(convertMinor(10000, 'USD', 'KWD', RATES)).toBe(30700); // $100 → 30.700 KWD
  });

  it('returns the amount itself for the same currency, and null for a currency without a rate', () => {
    expect(convertMinor(1234, 'EUR', 'EUR', RATES)).toBe(1234);
    expect(convertMinor(1000, 'USD', 'CHF', RATES)).toBeNull();
    expect(convertMinor(1000, 'XYZ', 'USD', RATES)).toBeNull();
    expect(convertMinor(1000, 'XYZ', 'XYZ', RATES)).toBeNull();
  });

  it('shows the approximate price in whole units', () => {
    expect(approxMinor(4000, 'USD', 'EUR', RATES)).toBe(3700); // ≈ €37
    expect(approxMinor(3000, 'EUR', 'JPY', RATES)).toBe(4891); // ≈ ¥4,891
    expect(approxMinor(1000, 'USD', 'NOK', RATES)).toBeNull();
  });
});

describe('priceBounds: the filter amount in each currency', () => {
  it('a maximum rounds down and a minimum up, so a converted price on the bound passes and one cent past does not', () => {
    const max = priceBounds(40, 'EUR', RATES, 'max')!;
    expect(max.EUR).toBe(4000);
    expect(max.USD).toBe(4347); // €40 = $43.478…
    expect(max.JPY).toBe(6521); // €40 = ¥6,521.7
    const min = priceBounds(40, 'EUR', RATES, 'min')!;
    expect(min.USD).toBe(4348);
    expect(min.JPY).toBe(6522);
  });

  it('is not moved by float error on exact amounts', () => {
    expect(priceBounds(0.3, 'USD', RATES, 'max')!.USD).toBe(30); // 0.3 * 100 = 29.999999999999996
    expect(priceBounds(0.3, 'USD', RATES, 'min')!.USD).toBe(30);
    expect(priceBounds(92, 'EUR', RATES, 'max')!.USD).toBe(10000);
  });

  it('refuses a currency without a rate', () => {
    expect(priceBounds(40, 'NOK', RATES, 'max')).toBeNull();
  });
});

describe('the picker default from the browser locale', () => {
  it('maps a region to its currency, the first known one wins, USD-less locales fall through', () => {
    expect(localeCurrency(['de-DE'])).toBe('EUR');
    expect(localeCurrency(['en-IN', 'en-US'])).toBe('INR');
    expect(localeCurrency(['ja'])).toBe('JPY'); // likely region JP
    expect(localeCurrency(['xx-invalid-tag-!!', 'en-GB'])).toBe('GBP');
    expect(localeCurrency(['sv-SE'])).toBeNull();
  });
});
