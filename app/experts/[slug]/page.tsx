import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { ExpertProfileView } from '@/components/experts/expert-profile-view';
import { buttonClasses } from '@/components/ui/button';
import { Container } from '@/components/ui/container';
import { getCurrentUser } from '@/lib/auth/current-user';
import { getDb } from '@/lib/db';
import { cachedProfile } from '@/lib/experts/expert-cache';
import { getPublicProfile } from '@/lib/experts/get-public-profile';

type TProps = { params: Promise<{ slug: string }> };

async function load(slug: string) {
  await connection();
  if (!/^[a-z0-9-]{1,80}$/.test(slug)) return null;
  const db = await getDb();
  return cachedProfile(slug, () => getPublicProfile(db, slug));
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
  const cta = user ? (
    <p className="text-sm text-slate-600 dark:text-slate-400">
      <span className={buttonClasses('primary') + ' w-full'} aria-disabled="true">Booking opens soon</span>
      <span className="mt-2 block">Pick a time in your own time zone once booking launches.</span>
    </p>
  ) : (
    <Link href={`/sign-in?next=${encodeURIComponent(`/experts/${slug}`)}`} className={buttonClasses('primary') + ' w-full'}>
      Sign in to book
    </Link>
  );
  return (
    <Container>
      <p className="mb-6 text-sm">
        <Link href="/experts" className="link">← All experts</Link>
      </p>
      <ExpertProfileView p={p} cta={cta} />
    </Container>
  );
}
