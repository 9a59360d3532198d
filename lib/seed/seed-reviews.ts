import 'server-only';
import { randomUUID } from 'node:crypto';
import type { TPrivilegedTx } from '@/lib/db/types';
import { DEMO_ACCOUNTS, DEMO_EXPERTS } from './demo-data';
import { ratingHistogram, ratingsOf } from './rating-histogram';

// Reviewer accounts that wrote the seeded reviews. Their password hash is not an argon2 hash, so no password
// ever signs them in.
export const SEED_REVIEWERS = 12;
const NO_PASSWORD = '!seed-account-no-password';
const FIRST = ['Amara', 'Ben', 'Chloé', 'Dev', 'Elif', 'Felipe', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kavya', 'Liam'];
const LAST = ['Adeyemi', 'Brooks', 'Moreau', 'Patel', 'Yilmaz', 'Castro', 'Kim', 'Sato', 'Silva', 'Weber', 'Iyer', "O'Neill"];

const BODIES: Record<number, string[]> = {
  5: [
    'Exactly what I needed: we went straight to my problem and I left with a plan.',
    'Patient, precise and generous with examples. Booking again next week.',
    'Clear explanations and great follow-up notes. Worth every minute.',
    'Turned a topic I had avoided for months into something I can actually do.',
  ],
  4: [
    'Very helpful session; I would have liked a little more time on exercises.',
    'Good structure and useful feedback. Started a few minutes late.',
    'Solid advice and resources; some parts went a bit fast for me.',
  ],
  3: ['Useful in parts, but we spent a while on things I already knew.', 'Friendly and knowledgeable; the session felt a bit unfocused.'],
  2: ['Not quite what I booked for — we drifted off my question.'],
  1: ['The session started very late and ended early.'],
};
const REPLIES = [
  'Thank you — glad it helped!',
  'Thanks for the feedback, I will keep more time for exercises next time.',
  'Sorry about the start; the next session is on me.',
];

/**
 * Completed past sessions and published reviews for every approved demo expert, exactly as many and as good as
 * demo-data.ts says (ratingHistogram), so the aggregates the database keeps from the reviews agree with it by
 * construction. Plus one session between the demo learner and Emily Carter that ended yesterday with no reviews
 * yet, to try reviewing on. A handful of batched statements: no per-review round trips.
 */
export async function seedReviews(db: TPrivilegedTx): Promise<void> {
  const reviewerIds = Array.from({ length: SEED_REVIEWERS }, () => randomUUID());
  await db.query(
    `insert into public.users (id, email, name, role, password_hash, timezone)
     select id, 'reviewer' || n || '@seed.pathwise.dev', name, 'learner', $3, 'UTC' from unnest($1::uuid[], $2::text[]) with ordinality as u(id, name, n)`,
    [reviewerIds, reviewerIds.map((_, i) => `${FIRST[i % FIRST.length]} ${LAST[i % LAST.length]}`), NO_PASSWORD],
  );
  const { rows: experts } = await db.query<{ id: string; slug: string; price: number; currency: string; minutes: number }>(
    `select p.id, p.slug, o.price_minor as price, o.currency, o.duration_minutes as minutes
       from public.expert_profiles p
       join lateral (select * from public.expert_offerings o where o.expert_id = p.id order by duration_minutes desc limit 1) o on true
      where p.status = 'approved' and p.slug = any($1)`,
    [DEMO_EXPERTS.map((x) => x.slug)],
  );
  const b = {
    id: [] as string[],
    expert: [] as string[],
    learner: [] as string[],
    endsHoursAgo: [] as number[],
    minutes: [] as number[],
    price: [] as number[],
    currency: [] as string[],
  };
  const r = {
    booking: [] as string[],
    expert: [] as string[],
    author: [] as string[],
    rating: [] as number[],
    body: [] as string[],
    reply: [] as (string | null)[],
  };
  for (const e of experts) {
    const x = DEMO_EXPERTS.find((d) => d.slug === e.slug)!;
    ratingsOf(ratingHistogram(x.rating, x.ratingCount)).forEach((rating, k) => {
      const id = randomUUID();
      const learner = reviewerIds[(k + e.slug.length) % reviewerIds.length];
      // Sessions ~31 h apart going back from 8 days ago: every review window has closed, so each is published.
      b.id.push(id);
      b.expert.push(e.id);
      b.learner.push(learner);
      b.endsHoursAgo.push(8 * 24 + k * 31);
      b.minutes.push(e.minutes);
      b.price.push(e.price);
      b.currency.push(e.currency);
      const bodies = BODIES[rating];
      r.booking.push(id);
      r.expert.push(e.id);
      r.author.push(learner);
      r.rating.push(rating);
      r.body.push(bodies[(k * 7 + e.slug.length) % bodies.length]);
      r.reply.push(k % 9 === 4 ? REPLIES[rating >= 4 ? k % 2 : 2] : null);
    });
  }
  await db.query(
    `insert into public.bookings (id, expert_id, learner_id, starts_at, ends_at, duration_minutes, status, price_minor, currency,
                                  payment_status, learner_timezone, confirmed_at, completed_at)
     select id, expert, learner, ends - make_interval(mins => minutes), ends, minutes, 'completed', price, currency, 'paid', 'UTC',
            ends - interval '5 days', ends
       from (select *, date_trunc('hour', now()) - make_interval(hours => h) as ends
               from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::int[], $6::int[], $7::text[])
                 as u(id, expert, learner, h, minutes, price, currency)) s`,
    [b.id, b.expert, b.learner, b.endsHoursAgo, b.minutes, b.price, b.currency],
  );
  // One statement: the rating triggers recompute each expert once.
  await db.query(
    `insert into public.session_reviews (booking_id, expert_id, author_role, author_id, rating, body, published_at, created_at, reply, replied_at)
     select u.booking, u.expert, 'learner', u.author, u.rating, u.body, bk.ends_at + interval '7 days', bk.ends_at + interval '1 day', u.reply,
            case when u.reply is not null then bk.ends_at + interval '7 days 3 hours' end
       from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::text[], $6::text[]) as u(booking, expert, author, rating, body, reply)
       join public.bookings bk on bk.id = u.booking`,
    [r.booking, r.expert, r.author, r.rating, r.body, r.reply],
  );
  // The demo learner's session with Emily Carter that ended yesterday, waiting for both reviews.
  await db.query(
    `insert into public.bookings (expert_id, learner_id, starts_at, ends_at, duration_minutes, status, price_minor, currency, payment_status,
                                  learner_timezone, brief, confirmed_at, completed_at)
     select p.id, l.id, date_trunc('hour', now()) - interval '25 hours', date_trunc('hour', now()) - interval '24 hours', 60, 'completed',
            o.price_minor, o.currency, 'paid', l.timezone, 'Code review of my first React app: state and testing.',
            now() - interval '5 days', date_trunc('hour', now()) - interval '24 hours'
       from public.expert_profiles p
       join public.users u on u.id = p.user_id and u.email = $1
       join public.expert_offerings o on o.expert_id = p.id and o.duration_minutes = 60
       cross join public.users l where l.email = $2`,
    [DEMO_ACCOUNTS.expert.email, DEMO_ACCOUNTS.learner.email],
  );
}
