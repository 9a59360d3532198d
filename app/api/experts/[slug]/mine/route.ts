import { NextResponse } from 'next/server';
import { cachedListedProfile } from '@/lib/experts/get-public-profile';
import { loadProfileForLearner } from '@/lib/experts/profile-for-learner';
import { AppError } from '@/lib/http/app-error';
import { route } from '@/lib/http/route';

// GET /api/experts/:slug/mine – the signed-in learner's part of a listed expert's profile: their curricula a
// booking may attach, their packages with this expert and the sessions left on them. The profile page is the
// same for every learner (kept per role, lib/http/fast-lane.ts), so its booking panel fetches this after hydration.
export const GET = route<{ slug: string }>(
  async ({ params, db, user }) => {
    const p = await cachedListedProfile(db, params.slug);
    if (!p) throw new AppError('not_found', 'No listed expert has that address.');
    return NextResponse.json(await loadProfileForLearner(db, user, p.id), { headers: { 'cache-control': 'private, no-store' } });
  },
  { roles: ['learner'] },
);
