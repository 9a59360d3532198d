import Link from 'next/link';
import { redirect } from 'next/navigation';
import { buttonClasses } from '@/components/ui/button';
import { getCurrentUser } from '@/lib/auth/current-user';
import { homeFor } from '@/lib/auth/schemas';

const FEATURES = [
  {
    title: 'A curriculum for your goal',
    body: 'Say what you want to learn, how much time you have and by when. Pathwise plans modules, lessons, resources and checkpoints sized to your week.',
    icon: 'M4 6h16M4 12h10M4 18h7',
  },
  {
    title: 'Progress you can see',
    body: 'Mark lessons done, log time and take checkpoint quizzes. Charts show whether you are on pace and when you will finish.',
    icon: 'M4 19V9M10 19V5M16 19v-7M22 19H2',
  },
  {
    title: 'Experts when you are stuck',
    body: 'Browse vetted experts by specialty, price and rating, and book a 1:1 session at a time shown in your own time zone. Payments run in test mode for now.',
    icon: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0',
  },
];

const STEPS = ['Describe your goal', 'Follow the plan', 'Find an expert when you need one'];

export default async function LandingPage() {
  const user = await getCurrentUser();
  if (user) redirect(homeFor(user.role));
  return (
    <div className="mx-auto max-w-6xl px-4 sm:px-6">
      <section className="grid items-center gap-10 py-12 sm:py-16 lg:grid-cols-2">
        <div>
          <p className="text-sm font-semibold uppercase tracking-wider text-brand-700 dark:text-brand-300">Learning plans + 1:1 experts</p>
          <h1 className="mt-3 text-4xl font-extrabold tracking-tight sm:text-5xl">
            Learn anything with a plan. Get unstuck with an expert.
          </h1>
          <p className="mt-5 max-w-xl text-lg text-slate-600 dark:text-slate-300">
            Pathwise turns a goal like “get job-ready in SQL” into a week-by-week curriculum, tracks your progress, and introduces you to
            vetted experts you can book for a 1:1 session when you want a human.
          </p>
          <div className="mt-8 flex flex-col gap-3 sm:flex-row">
            <Link href="/sign-up" className={buttonClasses('primary', 'lg')}>
              Start learning — it’s free
            </Link>
            <Link href="/experts" className={buttonClasses('secondary', 'lg')}>
              Browse experts
            </Link>
          </div>
          <p className="mt-4 text-sm text-slate-600 dark:text-slate-400">
            Are you an expert?{' '}
            <Link href="/sign-up?as=expert" className="link">
              Apply to teach on Pathwise
            </Link>
            .
          </p>
        </div>
        <div className="card p-5 sm:p-6" aria-label="Example curriculum">
          <div className="flex items-center justify-between">
            <div>
              <p className="text-xs font-semibold uppercase tracking-wider text-slate-500 dark:text-slate-400">Your plan</p>
              <p className="mt-1 font-semibold">Job-ready SQL in 8 weeks · 6 h/week</p>
            </div>
            <span className="shrink-0 whitespace-nowrap rounded-full bg-emerald-100 px-2.5 py-1 text-xs font-semibold text-emerald-800 dark:bg-emerald-900 dark:text-emerald-100">
              On track
            </span>
          </div>
          <div className="mt-4 h-2 rounded-full bg-slate-100 dark:bg-slate-800" role="img" aria-label="38 percent complete">
            <div className="h-2 w-[38%] rounded-full bg-brand-600 dark:bg-brand-400" />
          </div>
          <ol className="mt-5 space-y-3">
            {[
              ['Foundations: SELECT, WHERE, ORDER BY', 'Done', 'text-emerald-700 dark:text-emerald-300'],
              ['Joins and relationships', 'Done', 'text-emerald-700 dark:text-emerald-300'],
              ['Aggregations and window functions', 'In progress', 'text-brand-700 dark:text-brand-300'],
              ['Capstone: analyse a real dataset', 'Up next', 'text-slate-500 dark:text-slate-400'],
            ].map(([title, state, tone], i) => (
              <li key={title} className="flex items-center gap-3 rounded-xl border border-slate-200 px-3 py-2.5 dark:border-slate-800">
                <span className="flex h-7 w-7 shrink-0 items-center justify-center rounded-full bg-slate-100 text-xs font-bold dark:bg-slate-800">
                  {i + 1}
                </span>
                <span className="flex-1 text-sm">{title}</span>
                <span className={`text-xs font-semibold ${tone}`}>{state}</span>
              </li>
            ))}
          </ol>
        </div>
      </section>

      <section aria-labelledby="features" className="pb-12">
        <h2 id="features" className="sr-only">
          What Pathwise does
        </h2>
        <div className="grid gap-4 md:grid-cols-3">
          {FEATURES.map((f) => (
            <div key={f.title} className="card p-6">
              <svg
                aria-hidden="true"
                viewBox="0 0 24 24"
                className="h-8 w-8 text-brand-700 dark:text-brand-300"
                fill="none"
                stroke="currentColor"
                strokeWidth="2"
                strokeLinecap="round"
              >
                <path d={f.icon} />
              </svg>
              <h3 className="mt-4 font-semibold">{f.title}</h3>
              <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{f.body}</p>
            </div>
          ))}
        </div>
        <ol className="mt-8 flex flex-col gap-3 text-sm text-slate-700 dark:text-slate-300 sm:flex-row sm:justify-center sm:gap-8">
          {STEPS.map((s, i) => (
            <li key={s} className="flex items-center gap-2">
              <span className="flex h-6 w-6 items-center justify-center rounded-full bg-brand-700 text-xs font-bold text-white dark:bg-brand-500 dark:text-slate-950">
                {i + 1}
              </span>
              {s}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
