// The currency a browser locale most likely means ("de-DE" → EUR, "en-IN" → INR), for the directory's
// currency picker default. Only the regions of currencies the rates table is seeded with; others → null.

const EURO = ['AT', 'BE', 'CY', 'DE', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PT', 'SI', 'SK'];
const BY_REGION: Record<string, string> = {
  ...Object.fromEntries(EURO.map((r) => [r, 'EUR'])),
  US: 'USD',
  GB: 'GBP',
  JP: 'JPY',
  IN: 'INR',
  NZ: 'NZD',
  BR: 'BRL',
  MX: 'MXN',
  CA: 'CAD',
  AU: 'AUD',
  CH: 'CHF',
  LI: 'CHF',
  KW: 'KWD',
};

function regionOf(tag: string): string | undefined {
  try {
    const loc = new Intl.Locale(tag);
    return loc.region ?? loc.maximize().region;
  } catch {
    return undefined;
  }
}

/** The first of the browser's locales whose region has a known currency, e.g. ['de-DE', 'en'] → 'EUR'; null if none. */
export function localeCurrency(locales: readonly string[]): string | null {
  for (const tag of locales) {
    const region = regionOf(tag);
    if (region && BY_REGION[region]) return BY_REGION[region];
  }
  return null;
}
