import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { LANGUAGES } from '@/lib/experts/application-schema';
import type { TPublicProfile } from '@/lib/experts/get-public-profile';
import { formatMoney } from '@/lib/money/format-money';
import { ProfileReviews } from '@/components/reviews/profile-reviews';
import { ExpertAvatar } from './expert-avatar';
import { NextAvailable } from './next-available';
import { ViewerLocalTime } from './viewer-time';

/**
 * The public profile; the dashboard's preview renders the same component. `booking` (the live booking panel)
 * replaces the static price list and `cta` when given.
 */
export function ExpertProfileView({ p, cta, booking }: { p: TPublicProfile; cta?: ReactNode; booking?: ReactNode }) {
  return (
    <article className="grid gap-8 lg:grid-cols-3">
      <div className="min-w-0 lg:col-span-2">
        <div className="flex flex-col gap-4 sm:flex-row sm:items-center">
          <ExpertAvatar name={p.display_name} slug={p.slug} hasPhoto={p.has_photo} size="lg" />
          <div className="min-w-0">
            <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{p.display_name}</h1>
            <p className="mt-1 text-slate-700 dark:text-slate-300">{p.headline}</p>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
              {p.country} · {p.years_experience} years of experience
              <ViewerLocalTime zone={p.timezone} prefix=" · " suffix={` local time (${p.timezone})`} />
            </p>
            <p className="mt-1 text-sm">
              <NextAvailable at={p.next_available_at} />
            </p>
            {/* On phones the booking card comes after the reviews: a way straight to it. */}
            <a href="#book" className="link mt-2 inline-block text-sm font-semibold lg:hidden">
              Book a session ↓
            </a>
          </div>
        </div>
        <div className="mt-4 flex flex-wrap gap-1.5">
          {p.specialties.map((s) => (
            <Badge key={s} tone="brand">
              {s}
            </Badge>
          ))}
          {p.tags.map((s) => (
            <Badge key={s}>#{s}</Badge>
          ))}
        </div>
        <section aria-labelledby="about" className="mt-8">
          <h2 id="about" className="text-lg font-semibold">
            About
          </h2>
          <p className="mt-2 whitespace-pre-line break-words">{p.bio}</p>
        </section>
        <section aria-labelledby="langs" className="mt-6">
          <h2 id="langs" className="text-lg font-semibold">
            Languages
          </h2>
          <p className="mt-2">{p.languages.map((l) => LANGUAGES[l] ?? l).join(', ')}</p>
        </section>
        {p.links.length ? (
          <section aria-labelledby="links" className="mt-6">
            <h2 id="links" className="text-lg font-semibold">
              Links
            </h2>
            <ul className="mt-2 space-y-1">
              {p.links.map((l) => (
                <li key={l.url}>
                  <a className="link break-all" href={l.url} rel="noopener noreferrer nofollow" target="_blank">
                    {l.label}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {/* reviews — the reviews helper owns this section */}
        <section aria-labelledby="reviews" className="mt-6">
          <h2 id="reviews" className="text-lg font-semibold">
            Rating and reviews
          </h2>
          <ProfileReviews expertId={p.id} expertName={p.display_name} />
        </section>
      </div>
      <aside aria-labelledby="book" className="card h-fit min-w-0 p-4 sm:p-5 lg:sticky lg:top-6">
        <h2 id="book" className="text-lg font-semibold">
          Book a session
        </h2>
        {booking ? (
          <div className="mt-3">{booking}</div>
        ) : (
          <>
            <ul className="mt-3 divide-y divide-slate-200 dark:divide-slate-800">
              {p.offerings.map((o) => (
                <li key={o.duration_minutes} className="flex justify-between py-2">
                  <span>{o.duration_minutes} min</span>
                  <span className="font-semibold">{formatMoney(o.price_minor, o.currency)}</span>
                </li>
              ))}
            </ul>
            <div className="mt-4">{cta}</div>
          </>
        )}
      </aside>
    </article>
  );
}
