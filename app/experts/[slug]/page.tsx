import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { cache } from 'react';
import { BookingPanel, type TAttachable } from '@/components/booking/booking-panel';
import { ExpertProfileView } from '@/components/experts/expert-profile-view';
import { NotBookableYet } from '@/components/payments/not-bookable-yet';
import { ProfilePackages } from '@/components/packages/profile-packages';
import { Container } from '@/components/ui/container';
import { getCurrentUser } from '@/lib/auth/current-user';
import type { TSessionUser } from '@/lib/auth/schemas';
import { env } from '@/lib/config';
import { listAttachableCurricula } from '@/lib/curriculum/as-learner';
import { getDb } from '@/lib/db';
import { cachedProfile } from '@/lib/experts/expert-cache';
import { loadPublicProfile } from '@/lib/experts/get-public-profile';
import { isExpertBookable } from '@/lib/payments/connect/payout-account';
import { listPublicPackages } from '@/lib/packages/manage';
import { listPurchases } from '@/lib/packages/views';

type TProps = { params: Promise<{ slug: string }> };

// Once per request: generateMetadata and the page both need the profile (React's cache() is per render).
const load = cache(async (slug: string) => {
  await connection();
  if (!/^[a-z0-9-]{1,80}$/.test(slug)) return null;
  const db = await getDb();
  return cachedProfile(slug, () => loadPublicProfile(db, slug));
});

/** The learner's curricula (and their modules) that a booking may carry as its brief's context. */
async function attachableCurricula(user: TSessionUser): Promise<TAttachable[]> {
  return listAttachableCurricula(await getDb(), user);
}

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  const p = await load((await params).slug);
  return { title: p ? `${p.display_name} — ${p.headline}` : 'Expert not found' };
}

export default async function ExpertProfilePage({ params }: TProps) {
  const { slug } = await params;
  const p = await load(slug);
  if (!p) notFound();
  const user = await getCurrentUser();
  const viewer = !user ? 'anonymous' : user.role === 'learner' ? 'learner' : 'other';
  const curricula = user && viewer === 'learner' ? await attachableCurricula(user) : [];
  // Not cached with the profile: payout state changes with Stripe's account.updated.
  const db = await getDb();
  const bookable = await isExpertBookable(db, p.id);
  const packages = await listPublicPackages(db, p.id);
  const mine = user && viewer === 'learner' ? await listPurchases(db, user, { expertId: p.id }) : [];
  const credits = mine
    .filter((m) => m.status === 'active' && m.remaining > 0)
    .map((m) => ({ purchaseId: m.id, title: m.title, lengthMinutes: m.lengthMinutes, remaining: m.remaining }));
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
            <div className="space-y-6">
              <ProfilePackages slug={p.slug} packages={packages} mine={mine} viewer={viewer} />
              <BookingPanel
                slug={p.slug}
                expertId={p.id}
                expertName={p.display_name}
                expertTimeZone={p.timezone}
                offerings={p.offerings.map((o) => ({ lengthMinutes: o.duration_minutes, priceMinor: o.price_minor, currency: o.currency }))}
                viewer={viewer}
                curricula={curricula}
                realtimeUrl={env().REALTIME_URL ?? null}
                credits={credits}
              />
            </div>
          )
        }
      />
    </Container>
  );
}
