import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { cache } from 'react';
import { ExpertProfileView } from '@/components/experts/expert-profile-view';
import { ProfileBooking } from '@/components/experts/profile-booking';
import { NotBookableYet } from '@/components/payments/not-bookable-yet';
import { Container } from '@/components/ui/container';
import { getCurrentUser } from '@/lib/auth/current-user';
import { env } from '@/lib/config';
import { getDb } from '@/lib/db';
import { cachedListedProfile } from '@/lib/experts/get-public-profile';
import { isExpertBookable } from '@/lib/payments/connect/payout-account';
import { listPublicPackages } from '@/lib/packages/manage';

type TProps = { params: Promise<{ slug: string }> };

// Once per request: generateMetadata and the page both need the profile (React's cache() is per render).
const load = cache(async (slug: string) => {
  await connection();
  return cachedListedProfile(await getDb(), slug);
});

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  const p = await load((await params).slug);
  return { title: p ? `${p.display_name} — ${p.headline}` : 'Expert not found' };
}

export default async function ExpertProfilePage({ params }: TProps) {
  const { slug } = await params;
  const p = await load(slug);
  if (!p) notFound();
  // The page depends on the visitor's role only (the fast lane keeps one copy per role): a learner's own curricula,
  // packages and credits are fetched by the booking panel after hydration (ProfileBooking).
  const user = await getCurrentUser();
  const viewer = !user ? 'anonymous' : user.role === 'learner' ? 'learner' : 'other';
  // Not cached with the profile: payout state changes with Stripe's account.updated.
  const db = await getDb();
  const bookable = await isExpertBookable(db, p.id);
  const packages = await listPublicPackages(db, p.id);
  return (
    <Container>
      <p className="mb-6 text-sm">
        <Link href="/experts" className="link">
          ← All experts
        </Link>
      </p>
      <ExpertProfileView
        p={p}
        booking={
          !bookable ? (
            <NotBookableYet name={p.display_name} />
          ) : (
            <ProfileBooking
              packages={packages}
              booking={{
                slug: p.slug,
                expertId: p.id,
                expertName: p.display_name,
                expertTimeZone: p.timezone,
                offerings: p.offerings.map((o) => ({ lengthMinutes: o.duration_minutes, priceMinor: o.price_minor, currency: o.currency })),
                viewer,
                realtimeUrl: env().REALTIME_URL ?? null,
              }}
            />
          )
        }
      />
    </Container>
  );
}
