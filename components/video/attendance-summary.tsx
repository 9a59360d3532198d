import type { TAttendanceView } from '@/lib/booking/contract';

const VERDICT_TONE: Record<string, string> = {
  contradicted: 'text-amber-800 dark:text-amber-300',
  confirmed: 'text-slate-700 dark:text-slate-300',
};

/** Who was in the built-in room and for how long, and what that says about a no-show report (both sides and admins). */
export function AttendanceSummary({ a, tz, viewerRole }: { a: TAttendanceView; tz: string; viewerRole: string }) {
  if (!a.intervals.length && !a.noShow) return null;
  const t = (iso: string) => new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', timeZone: tz }).format(new Date(iso));
  const who = (r: 'learner' | 'expert') => (r === viewerRole ? 'You' : r === 'learner' ? 'Learner' : 'Expert');
  return (
    <div data-testid="attendance">
      <h4 className="font-semibold">Attendance</h4>
      {a.intervals.length ? (
        <>
          <p className="mt-1">
            {who('learner')}: {a.minutes.learner} min · {who('expert')}: {a.minutes.expert} min in the room
          </p>
          <ul className="mt-1 text-xs text-slate-600 dark:text-slate-400">
            {a.intervals.map((i, n) => (
              <li key={n}>
                {who(i.role)} joined {t(i.joinedAt)}
                {i.leftAt ? `, left ${t(i.leftAt)}` : ', still in the room'}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="mt-1 text-slate-600 dark:text-slate-400">Nobody joined the Pathwise room for this session.</p>
      )}
      {a.noShow?.verdictText ? (
        <p className={`mt-1 ${VERDICT_TONE[a.noShow.verdict ?? ''] ?? ''}`} data-testid="no-show-verdict">
          No-show report ({who(a.noShow.reporterRole).toLowerCase() === 'you' ? 'yours' : `by the ${a.noShow.reporterRole}`}):{' '}
          {a.noShow.verdictText}
        </p>
      ) : null}
    </div>
  );
}
