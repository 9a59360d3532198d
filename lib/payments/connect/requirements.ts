// Stripe's requirements.currently_due names fields ('individual.dob.day', 'external_account'); the dashboard
// says what they mean, once per thing (the three date parts are one "date of birth"). Pure.

const LABELS: [RegExp, string][] = [
  [/^external_account$/, 'a bank account for payouts'],
  [/^tos_acceptance\./, "acceptance of Stripe's terms"],
  [/^(individual|representative|person_[^.]+)\.dob\./, 'your date of birth'],
  [/^(individual|representative|person_[^.]+)\.(first|last)_name$/, 'your legal name'],
  [/^(individual|representative|person_[^.]+)\.address\./, 'your home address'],
  [/^(individual|representative|person_[^.]+)\.(email)$/, 'your email address'],
  [/^(individual|representative|person_[^.]+)\.phone$/, 'your phone number'],
  [/^(individual|representative|person_[^.]+)\.(ssn_last_4|id_number)$/, 'your national ID / tax number'],
  [/^(individual|representative|person_[^.]+)\.verification\.(additional_)?document$/, 'an identity document'],
  [/^business_profile\.(url|product_description)$/, 'a website or description of what you sell'],
  [/^business_profile\.mcc$/, 'your business category'],
  [/^business_type$/, 'your business type'],
  [/^company\./, 'your company details'],
];

export function describeRequirements(currentlyDue: readonly string[]): string[] {
  const out: string[] = [];
  for (const field of currentlyDue) {
    const label = LABELS.find(([re]) => re.test(field))?.[1] ?? `other details (${field})`;
    if (!out.includes(label)) out.push(label);
  }
  return out;
}

/** Where Stripe Connect Express onboards experts by default (Stripe's Connect cross-border payout countries). */
export const DEFAULT_CONNECT_COUNTRIES = [
  'AT',
  'AU',
  'BE',
  'BG',
  'CA',
  'CH',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GB',
  'GR',
  'HK',
  'HR',
  'HU',
  'IE',
  'IT',
  'JP',
  'LI',
  'LT',
  'LU',
  'LV',
  'MT',
  'MX',
  'NL',
  'NO',
  'NZ',
  'PL',
  'PT',
  'RO',
  'SE',
  'SG',
  'SI',
  'SK',
  'TH',
  'US',
] as const;

export function connectCountries(configured: string | undefined): string[] {
  return configured ? configured.split(',') : [...DEFAULT_CONNECT_COUNTRIES];
}
