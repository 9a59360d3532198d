// The application form's choices, without zod: client components (the application steps, the directory's
// filters) import these with the page; the schemas (application-schema.ts) load only when a form validates.
export const SESSION_LENGTHS = [30, 45, 60, 90] as const;
export const CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'INR', 'BRL', 'MXN', 'NZD', 'AUD', 'CAD', 'NGN'] as const;
export const LANGUAGES: Record<string, string> = {
  en: 'English',
  es: 'Spanish',
  de: 'German',
  fr: 'French',
  pt: 'Portuguese',
  ja: 'Japanese',
  hi: 'Hindi',
  ta: 'Tamil',
  yo: 'Yoruba',
  mi: 'Māori',
  it: 'Italian',
  zh: 'Chinese',
  ar: 'Arabic',
  ko: 'Korean',
  nl: 'Dutch',
  pl: 'Polish',
};

export const APPLICATION_STEPS = ['Profile', 'Sessions and prices', 'Credentials', 'Terms and submit'] as const;
