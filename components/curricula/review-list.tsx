'use client';

import { useRouter } from 'next/navigation';
import { useState, useSyncExternalStore } from 'react';
import { postJson } from '@/components/auth/api-client';
import { Button } from '@/components/ui/button';
import { dueForReview } from '@/lib/curriculum/mastery';
import { formatDay } from '@/lib/format/format';
import { dayKey } from '@/lib/progress/compute-progress';
import type { TReviewItem } from '@/lib/progress/quiz-history';

type TReviewResult = { correct: boolean; answerIndex: number; explanation: string; box: number; dueDay: string };
const SHOWN = 5;

function subscribeMinutes(onChange: () => void) {
  const t = setInterval(onChange, 60_000);
  return () => clearInterval(t);
}

/**
 * Today's Review: questions answered before whose Leitner due day has come, answered here one at a time. The server
 * sends what falls due within a week (choices in the learner's order, no answers); which of them are due is decided
 * by the learner's own day on this device, in their account's zone (docs/curricula.md, "Review").
 */
export function ReviewList({
  items,
  timeZone,
  serverToday,
  locale,
}: {
  items: TReviewItem[];
  timeZone: string;
  serverToday: string;
  locale: string;
}) {
  const router = useRouter();
  // The device's day in the account's zone (the server's day while hydrating), checked again every minute.
  const today = useSyncExternalStore(
    subscribeMinutes,
    () => dayKey(new Date(), timeZone),
    () => serverToday,
  );
  // Answered in this visit: kept in place with their result while the page refreshes around them.
  const [answered, setAnswered] = useState<Record<string, { item: TReviewItem; result: TReviewResult; chosen: number }>>({});

  const due = dueForReview([...items.filter((x) => !answered[x.questionId]), ...Object.values(answered).map((a) => a.item)], today);
  const open = due.filter((x) => !answered[x.questionId]).length;
  return (
    <section className="card space-y-3 p-5" aria-labelledby="review-heading">
      <div className="flex items-center justify-between">
        <h2 id="review-heading" className="text-lg font-semibold">
          Review
        </h2>
        <span className="text-sm text-slate-600 dark:text-slate-400" data-testid="review-count">
          {open} due
        </span>
      </div>
      {due.length === 0 ? (
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Nothing to review today. Checkpoint questions come back here when they are due: a wrong answer the next day, a right one after 3,
          7, 16 and 35 days.
        </p>
      ) : (
        <ol className="space-y-4">
          {due.slice(0, SHOWN).map((x) => (
            <ReviewQuestion
              key={`${x.curriculumId}/${x.questionId}`}
              item={x}
              locale={locale}
              done={answered[x.questionId]}
              onAnswered={(result, chosen) => {
                setAnswered((a) => ({ ...a, [x.questionId]: { item: x, result, chosen } }));
                router.refresh();
              }}
            />
          ))}
        </ol>
      )}
      {due.length > SHOWN ? <p className="text-sm text-slate-600 dark:text-slate-400">{due.length - SHOWN} more due after these.</p> : null}
    </section>
  );
}

function ReviewQuestion({
  item,
  locale,
  done,
  onAnswered,
}: {
  item: TReviewItem;
  locale: string;
  done: { result: TReviewResult; chosen: number } | undefined;
  onAnswered: (r: TReviewResult, chosen: number) => void;
}) {
  const [choice, setChoice] = useState(-1);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const name = `review-${item.curriculumId}-${item.questionId}`;
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (choice < 0) return setError('Choose an answer.');
    setBusy(true);
    const res = await postJson<TReviewResult>(`/api/curricula/${item.curriculumId}/review`, {
      questionId: item.questionId,
      answer: choice,
    });
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    setError(null);
    onAnswered(res.data, choice);
  }
  return (
    <li>
      <form onSubmit={submit} className="space-y-1.5">
        <fieldset className="space-y-1.5" aria-describedby={error ? `${name}-error` : undefined}>
          <legend className="text-sm">
            <span className="block text-xs text-slate-600 dark:text-slate-400">{item.moduleTitle}</span>
            <span className="font-medium">{item.question}</span>
          </legend>
          {item.choices.map((c, j) => (
            <label key={j} className="flex items-start gap-2 text-sm">
              <input
                type="radio"
                name={name}
                checked={(done?.chosen ?? choice) === j}
                disabled={!!done}
                onChange={() => {
                  setChoice(j);
                  setError(null);
                }}
                className="mt-1"
              />
              <span>{c}</span>
            </label>
          ))}
        </fieldset>
        {error ? (
          <p id={`${name}-error`} className="text-sm text-red-800 dark:text-red-300">
            {error}
          </p>
        ) : null}
        {done ? (
          <div
            role="status"
            data-testid="review-result"
            className={
              done.result.correct
                ? 'rounded-lg border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-100'
                : 'rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100'
            }
          >
            <p className="font-semibold">{done.result.correct ? 'Right' : 'Wrong'}</p>
            {done.result.correct ? null : <p>The answer is “{item.choices[done.result.answerIndex]}”.</p>}
            <p className="mt-1">{done.result.explanation}</p>
            <p className="mt-1 text-xs">Next review: {formatDay(done.result.dueDay, locale)}.</p>
          </div>
        ) : (
          <Button type="submit" variant="secondary" disabled={busy}>
            {busy ? 'Checking…' : 'Check answer'}
          </Button>
        )}
      </form>
    </li>
  );
}
