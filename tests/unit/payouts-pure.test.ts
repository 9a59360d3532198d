import { describe, expect, it } from 'vitest';
import { decimalToMinor, minorToDecimal } from '@/lib/money/decimal-string';
import { ZCommissionRuleInput } from '@/lib/payments/commission-rules';
import { connectCountries, describeRequirements } from '@/lib/payments/connect/requirements';
import { toCsv } from '@/lib/payments/csv';
import { minorToPaypalValue, paypalValueToMinor } from '@/lib/payments/paypal/amount';

describe('decimal strings of minor units (CSV, PayPal)', () => {
  it.each([
    [4250, 'USD', '42.50'],
    [5, 'USD', '0.05'],
    [0, 'USD', '0.00'],
    [-1700, 'USD', '-17.00'],
    [6000, 'JPY', '6000'],
    [1250, 'KWD', '1.250'],
    [7, 'KWD', '0.007'],
  ])('%i %s ↔ %s', (minor, currency, text) => {
    expect(minorToDecimal(minor, currency)).toBe(text);
    if (minor >= 0) expect(decimalToMinor(text, currency)).toBe(minor);
  });
  it('reads PayPal values exactly and refuses more decimals than the currency has', () => {
    expect(paypalValueToMinor('0.25', 'USD')).toBe(25);
    expect(paypalValueToMinor('10.10', 'USD')).toBe(1010); // 10.1 * 100 is 1009.999… as a float
    expect(paypalValueToMinor('1500', 'JPY')).toBe(1500);
    expect(() => paypalValueToMinor('1.5', 'JPY')).toThrow(/decimals/);
    expect(() => paypalValueToMinor('1.001', 'USD')).toThrow(/decimals/);
    expect(paypalValueToMinor('2.500', 'USD')).toBe(250);
    expect(() => paypalValueToMinor('-1', 'USD')).toThrow();
    expect(() => minorToPaypalValue(-1, 'USD')).toThrow();
    expect(() => minorToDecimal(1.5, 'USD')).toThrow();
  });
});

describe('Stripe requirements in words', () => {
  it('names each thing once, in order, and keeps unknown fields visible', () => {
    expect(
      describeRequirements([
        'individual.dob.day',
        'individual.dob.month',
        'external_account',
        'tos_acceptance.ip',
        'settings.payments.statement_descriptor',
      ]),
    ).toEqual([
      'your date of birth',
      'a bank account for payouts',
      "acceptance of Stripe's terms",
      'other details (settings.payments.statement_descriptor)',
    ]);
    expect(describeRequirements([])).toEqual([]);
  });
  it('uses the configured Connect countries, or the default list', () => {
    expect(connectCountries('US,GB')).toEqual(['US', 'GB']);
    expect(connectCountries(undefined)).toContain('DE');
    expect(connectCountries(undefined)).not.toContain('NG');
  });
});

describe('CSV', () => {
  it('quotes separators and quotes, defuses formulas in text, keeps signed amounts', () => {
    const csv = toCsv(
      ['name', 'amount'],
      [
        ['Ada, "the" expert', '-12.00'],
        ['=HYPERLINK("x")', '3.00'],
        [null, '0.00'],
      ],
      [1],
    );
    expect(csv).toBe('name,amount\r\n"Ada, ""the"" expert",-12.00\r\n"\'=HYPERLINK(""x"")",3.00\r\n,0.00\r\n');
  });
});

describe('commission rule input', () => {
  it('turns a percent and a fixed amount into basis points and minor units of that currency', () => {
    expect(ZCommissionRuleInput.parse({ currency: 'usd', percent: '15', fixed: '0.30' })).toEqual({
      currency: 'USD',
      percentBp: 1500,
      fixedMinor: 30,
    });
    expect(ZCommissionRuleInput.parse({ currency: 'JPY', percent: '12.5', fixed: '50' })).toEqual({
      currency: 'JPY',
      percentBp: 1250,
      fixedMinor: 50,
    });
    expect(ZCommissionRuleInput.parse({ currency: 'KWD', percent: '7.25', fixed: '0.125' })).toEqual({
      currency: 'KWD',
      percentBp: 725,
      fixedMinor: 125,
    });
    expect(ZCommissionRuleInput.parse({ currency: '*', percent: '20' })).toEqual({ currency: '*', percentBp: 2000, fixedMinor: 0 });
  });
  it.each([
    [{ currency: 'USD', percent: '100.01' }, 'percent'],
    [{ currency: 'USD', percent: '-1' }, 'percent'],
    [{ currency: 'USD', percent: '1e3' }, 'percent'],
    [{ currency: 'JPY', percent: '10', fixed: '0.5' }, 'fixed'],
    [{ currency: '*', percent: '10', fixed: '0.30' }, 'fixed'],
    [{ currency: 'EURO', percent: '10' }, 'currency'],
  ])('refuses %j (field %s)', (input, field) => {
    const r = ZCommissionRuleInput.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path[0])).toContain(field);
  });
});
