import { describe, expect, it } from 'vitest';
import { describeError } from '@/components/experts/send-json';
import { firstUnfinishedStep } from '@/lib/experts/application-progress';
import { ZApplicationOfferings } from '@/lib/experts/application-schema';
import { applyProposed, diffProfileChange, type TLiveProfile } from '@/lib/experts/profile-change';
import { checklistGaps } from '@/lib/experts/verification-checklist';

const LIVE: TLiveProfile = {
  slug: 'grace',
  display_name: 'Grace Hopper',
  headline: 'Compilers for beginners',
  bio: 'I wrote the first compiler and love explaining it to anyone.',
  specialties: ['Web development'],
  tags: ['compilers'],
  languages: ['en'],
  years_experience: 30,
  country: 'US',
  timezone: 'America/New_York',
  links: [],
  offerings: [{ duration_minutes: 30, price_minor: 4000, currency: 'USD' }],
  photo_document_id: null,
};
const PROFILE = {
  displayName: 'Grace Hopper',
  headline: 'Compilers for beginners',
  bio: LIVE.bio,
  specialties: ['Web development'],
  tags: ['compilers'],
  languages: ['en'],
  yearsExperience: 30,
  country: 'US',
  timezone: 'America/New_York',
  links: [],
};

describe('checklistGaps', () => {
  it('is empty only with identity, credentials and a clear background check', () => {
    expect(checklistGaps({ identity_verified: true, credentials_verified: true, background_status: 'clear' })).toEqual([]);
  });
  it.each([
    [{ identity_verified: false, credentials_verified: true, background_status: 'clear' }, ['identityVerified']],
    [{ identity_verified: true, credentials_verified: false, background_status: 'clear' }, ['credentialsVerified']],
    [{ identity_verified: true, credentials_verified: true, background_status: 'pending' }, ['backgroundStatus']],
    [{ identity_verified: true, credentials_verified: true, background_status: 'flagged' }, ['backgroundStatus']],
    [
      { identity_verified: false, credentials_verified: false, background_status: 'not_started' },
      ['identityVerified', 'credentialsVerified', 'backgroundStatus'],
    ],
  ] as const)('%o lacks %o', (c, items) => {
    expect(checklistGaps(c).map((g) => g.item)).toEqual(items);
  });
});

describe('profile changes', () => {
  it('lists only the fields that differ, as text', () => {
    const proposed = {
      profile: { ...PROFILE, headline: 'Compilers and COBOL' },
      offerings: [{ durationMinutes: 30, priceMinor: 4000, currency: 'USD' as const }],
    };
    expect(diffProfileChange(LIVE, proposed)).toEqual([
      { field: 'headline', label: 'Headline', live: 'Compilers for beginners', proposed: 'Compilers and COBOL' },
    ]);
    expect(diffProfileChange(LIVE, { offerings: [{ durationMinutes: 60, priceMinor: 9000, currency: 'USD' }] })).toEqual([
      { field: 'offerings', label: 'Prices', live: '30 min $40', proposed: '60 min $90' },
    ]);
    expect(diffProfileChange(LIVE, { photoDocumentId: '00000000-0000-4000-8000-000000000001' })).toMatchObject([
      { field: 'photo', live: 'No photo', proposed: 'New photo' },
    ]);
    expect(diffProfileChange(LIVE, null)).toEqual([]);
  });
  it('applies a proposal without touching the live object', () => {
    const next = applyProposed(LIVE, { profile: { ...PROFILE, displayName: 'Rear Admiral Hopper' } });
    expect(next.display_name).toBe('Rear Admiral Hopper');
    expect(LIVE.display_name).toBe('Grace Hopper');
  });
});

describe('firstUnfinishedStep', () => {
  const app = { ...LIVE, documents: [{ kind: 'credential' as const }] };
  it('opens on the first step still to do', () => {
    expect(firstUnfinishedStep(null)).toBe(0);
    expect(firstUnfinishedStep({ ...app, bio: 'short' })).toBe(0);
    expect(firstUnfinishedStep({ ...app, offerings: [] })).toBe(1);
    expect(firstUnfinishedStep({ ...app, documents: [{ kind: 'photo' }] })).toBe(2);
    expect(firstUnfinishedStep(app)).toBe(3);
  });
});

describe('error messages', () => {
  it('a price error names its row', () => {
    const r = ZApplicationOfferings.safeParse({
      offerings: [
        { durationMinutes: 30, priceMinor: 2000, currency: 'EUR' },
        { durationMinutes: 60, priceMinor: 50, currency: 'EUR' },
      ],
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['offerings.1.priceMinor', 'Session 2 (60 min): price must be at least €1.'],
    ]);
    const high = ZApplicationOfferings.safeParse({ offerings: [{ durationMinutes: 30, priceMinor: 10_000_001, currency: 'USD' }] });
    expect(high.error?.issues[0].message).toBe('Session 1 (30 min): price must be at most $100,000.');
  });
  it('a field message that repeats the error message appears once', () => {
    expect(
      describeError({ code: 'invalid_input', message: 'Give the expert a reason.', fields: { reason: 'Give the expert a reason.' } }),
    ).toBe('Give the expert a reason.');
    expect(
      describeError({
        code: 'unprocessable',
        message: 'Upload a PDF, PNG, JPEG or WebP file. This file is not a recognised type.',
        fields: { file: 'Upload a PDF, PNG, JPEG or WebP file.' },
      }),
    ).toBe('Upload a PDF, PNG, JPEG or WebP file. This file is not a recognised type.');
    expect(
      describeError({
        code: 'invalid_input',
        message: 'Some fields need attention.',
        fields: { a: 'Name it.', b: 'Name it.', c: 'Too long.' },
      }),
    ).toBe('Some fields need attention. Name it. Too long.');
  });
});
