import type { TSessionUser } from '@/lib/auth/schemas';
import { loadOwnStanding } from '@/lib/policy/sanctions';
import { AppealForm } from './appeal-form';

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const STATUS = { pending: 'Appeal with the admins', upheld: 'Appeal not upheld', lifted: 'Lifted' } as const;

/** The expert's standing under the no-show policy on their dashboard, with an appeal per sanction. */
export async function StandingPanel({ user }: { user: TSessionUser }) {
  const s = await loadOwnStanding(user);
  if (!s) return null;
  return (
    <section className="card p-5 sm:p-6" aria-labelledby="standing" data-testid="standing">
      <h2 id="standing" className="text-lg font-semibold">
        Standing
      </h2>
      <p className="mt-1 text-sm">
        {s.strikes === 0 ? 'Good standing: no strikes' : `${s.strikes} strike${s.strikes === 1 ? '' : 's'}`} in the last {s.windowDays}{' '}
        days.{' '}
        <span className="text-slate-600 dark:text-slate-400">
          A strike is a session you missed, or one you cancelled less than 24 hours before the start. {s.thresholds.warning} → warning,{' '}
          {s.thresholds.pause} → bookings paused, {s.thresholds.suspension} → suspension.
        </span>
      </p>
      {s.pausedUntil ? (
        <p className="mt-2 text-sm font-medium">Bookings are paused until {dateTime.format(new Date(s.pausedUntil))} UTC.</p>
      ) : null}
      {s.sanctions.length ? (
        <ul className="mt-4 space-y-4">
          {s.sanctions.map((x) => (
            <li key={x.id} className="rounded-xl border border-slate-200 p-3 text-sm dark:border-slate-800">
              <p>
                <span className="font-semibold capitalize">{x.level}</span> · {dateTime.format(new Date(x.createdAt))} UTC
                {x.appealStatus ? ` · ${STATUS[x.appealStatus]}` : ''}
              </p>
              <p className="mt-1 text-slate-600 dark:text-slate-400">{x.reason}</p>
              {x.appeal ? (
                <p className="mt-1 whitespace-pre-line">Your appeal: {x.appeal}</p>
              ) : (
                <div className="mt-2">
                  <AppealForm sanctionId={x.id} />
                </div>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
