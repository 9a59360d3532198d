import { describe, expect, it } from 'vitest';
import { formToQueryString, searchKey, searchParamsToRecord, toQueryString, ZExpertSearch } from '@/lib/experts/search-schema';
import { ZApplicationOfferings, ZApplicationProfile } from '@/lib/experts/application-schema';

describe('directory search parameters', () => {
  it('applies defaults and parses numbers and topics from a query string', () => {
    const s = ZExpertSearch.parse({ q: ' sql ', minPrice: '10.5', cur: 'eur', avail: 'week', topics: 'sql, joins,,sql', language: '' });
    expect(s).toMatchObject({
      q: 'sql',
      minPrice: 10.5,
      cur: 'EUR',
      avail: 'week',
      topics: ['sql', 'joins'],
      sort: 'relevance',
      page: 1,
      perPage: 12,
    });
    expect(s.language).toBeUndefined();
  });

  it('refuses bad values with field messages', () => {
    const r = ZExpertSearch.safeParse({ sort: 'cheapest', perPage: '500', page: '0', cur: 'euro', avail: 'month' });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['sort', 'perPage', 'page', 'cur', 'avail']));
  });

  it('round-trips through the URL and gives one cache key per search', () => {
    const s = ZExpertSearch.parse({
      q: 'german',
      sort: 'price_asc',
      page: '2',
      minRating: '4.5',
      maxPrice: '40',
      cur: 'EUR',
      avail: 'week',
    });
    const qs = toQueryString(s);
    expect(qs).toBe('?q=german&maxPrice=40&cur=EUR&avail=week&minRating=4.5&sort=price_asc&page=2');
    const again = ZExpertSearch.parse(Object.fromEntries(new URLSearchParams(qs)));
    expect(searchKey(again)).toBe(searchKey(s));
    expect(searchKey(ZExpertSearch.parse({ q: 'german' }))).not.toBe(searchKey(s));
    // The currency and the week filter are part of the key: €40 is not $40.
    expect(searchKey({ ...s, cur: 'USD' })).not.toBe(searchKey(s));
    expect(searchKey({ ...s, avail: undefined })).not.toBe(searchKey(s));
  });
});

describe('empty means no limit (issue #8)', () => {
  const ALL_EMPTY = 'q=&specialty=&language=&minPrice=&maxPrice=&minRating=&topics=&sort=&page=&perPage=';

  it('reads every empty parameter as absent, as the page parses its URL', () => {
    const s = ZExpertSearch.parse(searchParamsToRecord(new URLSearchParams(ALL_EMPTY)));
    expect(s).toEqual(ZExpertSearch.parse({}));
    expect(searchKey(s)).toBe(searchKey(ZExpertSearch.parse({})));
  });

  it("the form's submission with only a word typed is that word and nothing else", () => {
    const s = ZExpertSearch.parse(
      searchParamsToRecord(new URLSearchParams('q=german&specialty=&language=&minRating=&sort=relevance&minPrice=&maxPrice=')),
    );
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
    expect(
      form({ topics: '', q: 'german', specialty: '', language: '', minRating: '', sort: 'relevance', minPrice: '', maxPrice: ' ' }),
    ).toBe('?q=german');
    expect(form({ q: '', sort: 'relevance' })).toBe('');
    expect(form({ q: 'German B2', sort: 'rating' })).toBe('?q=German+B2&sort=rating');
  });

  it('keeps prices as whole amounts in the chosen currency (the URL and API use the same)', () => {
    expect(form({ q: 'german', cur: 'EUR', minPrice: '30', maxPrice: '49.99' })).toBe('?q=german&cur=EUR&minPrice=30&maxPrice=49.99');
    expect(form({ cur: 'USD', maxPrice: '12,5' })).toBe('?cur=USD&maxPrice=12.5');
    expect(form({ avail: 'week' })).toBe('?avail=week');
    // Not a number: passed on as typed, so the page flags the filter instead of silently dropping it.
    expect(form({ maxPrice: 'cheap' })).toBe('?maxPrice=cheap');
  });
});

describe('application schema', () => {
  const profile = {
    displayName: 'Ada Lovelace',
    headline: 'Mathematics and programming tutor',
    bio: 'x'.repeat(60),
    specialties: ['Python'],
    tags: ['Numpy'],
    languages: ['en'],
    yearsExperience: '5',
    country: 'gb',
    timezone: 'Europe/London',
    links: [],
  };
  it('accepts a complete profile, normalising country and tags', () => {
    expect(ZApplicationProfile.parse(profile)).toMatchObject({ country: 'GB', tags: ['numpy'], yearsExperience: 5 });
  });
  it('refuses an unknown time zone and a plain-http link', () => {
    const r = ZApplicationProfile.safeParse({ ...profile, timezone: 'Mars/Olympus', links: [{ label: 'site', url: 'http://x.test' }] });
    expect(r.error!.issues.map((i) => i.message)).toEqual(
      expect.arrayContaining(['Choose a time zone, like Europe/Berlin.', 'Use an https:// link.']),
    );
  });
  it('refuses duplicate lengths and mixed currencies', () => {
    const dup = ZApplicationOfferings.safeParse({
      offerings: [
        { durationMinutes: 30, priceMinor: 1000, currency: 'USD' },
        { durationMinutes: 30, priceMinor: 2000, currency: 'USD' },
      ],
    });
    expect(dup.error!.issues[0].message).toBe('Offer each session length once.');
    const mixed = ZApplicationOfferings.safeParse({
      offerings: [
        { durationMinutes: 30, priceMinor: 1000, currency: 'USD' },
        { durationMinutes: 60, priceMinor: 2000, currency: 'EUR' },
      ],
    });
    expect(mixed.error!.issues[0].message).toBe('Use one currency for all your prices.');
  });
});
