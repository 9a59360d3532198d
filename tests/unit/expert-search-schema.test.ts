import { describe, expect, it } from 'vitest';
import { formToQueryString, priceToFormValue, searchKey, searchParamsToRecord, toQueryString, ZExpertSearch } from '@/lib/experts/search-schema';
import { ZApplicationOfferings, ZApplicationProfile } from '@/lib/experts/application-schema';

describe('directory search parameters', () => {
  it('applies defaults and parses numbers and topics from a query string', () => {
    const s = ZExpertSearch.parse({ q: ' sql ', minPrice: '1000', topics: 'sql, joins,,sql', language: '' });
    expect(s).toMatchObject({ q: 'sql', minPrice: 1000, topics: ['sql', 'joins'], sort: 'relevance', page: 1, perPage: 12 });
    expect(s.language).toBeUndefined();
  });

  it('refuses bad values with field messages', () => {
    const r = ZExpertSearch.safeParse({ sort: 'cheapest', perPage: '500', page: '0' });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['sort', 'perPage', 'page']));
  });

  it('round-trips through the URL and gives one cache key per search', () => {
    const s = ZExpertSearch.parse({ q: 'german', sort: 'price_asc', page: '2', minRating: '4.5' });
    const qs = toQueryString(s);
    expect(qs).toBe('?q=german&minRating=4.5&sort=price_asc&page=2');
    const again = ZExpertSearch.parse(Object.fromEntries(new URLSearchParams(qs)));
    expect(searchKey(again)).toBe(searchKey(s));
    expect(searchKey(ZExpertSearch.parse({ q: 'german' }))).not.toBe(searchKey(s));
  });
});

describe('empty means no limit (issue #8)', () => {
  const ALL_EMPTY = 'q=&specialty=&language=&minPrice=&maxPrice=&minRating=&topics=&sort=&page=&perPage=';

  it('reads every empty parameter as absent, as the page parses its URL', () => {
    const s = ZExpertSearch.parse(searchParamsToRecord(new URLSearchParams(ALL_EMPTY)));
    expect(s).toEqual(ZExpertSearch.parse({}));
    expect(searchKey(s)).toBe(searchKey(ZExpertSearch.parse({})));
  });

  it('the form\'s submission with only a word typed is that word and nothing else', () => {
    const s = ZExpertSearch.parse(searchParamsToRecord(new URLSearchParams('q=german&specialty=&language=&minRating=&sort=relevance&minPrice=&maxPrice=')));
    expect(s).toEqual(ZExpertSearch.parse({ q: 'german' }));
    expect(s.minPrice).toBeUndefined();
    expect(s.maxPrice).toBeUndefined();
    expect(toQueryString(s)).toBe('?q=german');
  });

  it('keeps a real 0 as a limit, and blanks as blanks', () => {
    expect(ZExpertSearch.parse({ maxPrice: '0', minPrice: '  ' })).toMatchObject({ maxPrice: 0, minPrice: undefined });
    expect(ZExpertSearch.safeParse({ maxPrice: 'ten' }).success).toBe(false);
  });
});

describe('the directory form', () => {
  const form = (entries: Record<string, string>) => formToQueryString(Object.entries(entries));

  it('leaves empty fields and the default sort out of the URL', () => {
    expect(form({ topics: '', q: 'german', specialty: '', language: '', minRating: '', sort: 'relevance', minPrice: '', maxPrice: ' ' })).toBe('?q=german');
    expect(form({ q: '', sort: 'relevance' })).toBe('');
    expect(form({ q: 'German B2', sort: 'rating' })).toBe('?q=German+B2&sort=rating');
  });

  it('turns whole currency units into the minor units the URL and API use', () => {
    expect(form({ q: 'german', minPrice: '30', maxPrice: '49.99' })).toBe('?q=german&minPrice=3000&maxPrice=4999');
    expect(form({ maxPrice: '12,5' })).toBe('?maxPrice=1250');
    // Not a number: passed on as typed, so the page flags the filter instead of silently dropping it.
    expect(form({ maxPrice: 'cheap' })).toBe('?maxPrice=cheap');
  });

  it('shows minor units from the URL as whole units in the boxes', () => {
    expect(priceToFormValue(3000)).toBe('30');
    expect(priceToFormValue(4999)).toBe('49.99');
    expect(priceToFormValue(0)).toBe('0');
    expect(priceToFormValue(undefined)).toBe('');
  });
});

describe('application schema', () => {
  const profile = {
    displayName: 'Ada Lovelace', headline: 'Mathematics and programming tutor', bio: 'x'.repeat(60), specialties: ['Python'], tags: ['Numpy'],
    languages: ['en'], yearsExperience: '5', country: 'gb', timezone: 'Europe/London', links: [],
  };
  it('accepts a complete profile, normalising country and tags', () => {
    expect(ZApplicationProfile.parse(profile)).toMatchObject({ country: 'GB', tags: ['numpy'], yearsExperience: 5 });
  });
  it('refuses an unknown time zone and a plain-http link', () => {
    const r = ZApplicationProfile.safeParse({ ...profile, timezone: 'Mars/Olympus', links: [{ label: 'site', url: 'http://x.test' }] });
    expect(r.error!.issues.map((i) => i.message)).toEqual(expect.arrayContaining(['Choose a time zone, like Europe/Berlin.', 'Use an https:// link.']));
  });
  it('refuses duplicate lengths and mixed currencies', () => {
    const dup = ZApplicationOfferings.safeParse({ offerings: [{ durationMinutes: 30, priceMinor: 1000, currency: 'USD' }, { durationMinutes: 30, priceMinor: 2000, currency: 'USD' }] });
    expect(dup.error!.issues[0].message).toBe('Offer each session length once.');
    const mixed = ZApplicationOfferings.safeParse({ offerings: [{ durationMinutes: 30, priceMinor: 1000, currency: 'USD' }, { durationMinutes: 60, priceMinor: 2000, currency: 'EUR' }] });
    expect(mixed.error!.issues[0].message).toBe('Use one currency for all your prices.');
  });
});
