'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { postJson } from '@/components/auth/api-client';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';

type TQuestion = { question: string; choices: string[] };
type TResult = { score: number; total: number; best: number; results: { correct: boolean; answerIndex: number; explanation: string }[] };

export function CheckpointQuiz({
  curriculumId,
  moduleId,
  questions,
  best,
}: {
  curriculumId: string;
  moduleId: string;
  questions: TQuestion[];
  best: { best: number; total: number } | null;
}) {
  const router = useRouter();
  const [answers, setAnswers] = useState<number[]>(() => questions.map(() => -1));
  const [result, setResult] = useState<TResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState<number[]>([]);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    // Every question first: a blank or partial quiz is neither scored nor answered (the server refuses it too).
    const blank = answers.flatMap((a, i) => (a < 0 ? [i] : []));
    setMissing(blank);
    if (blank.length) {
      setResult(null);
      return setError(
        `Answer every question first — ${blank.length === 1 ? 'question' : 'questions'} ${blank.map((i) => i + 1).join(', ')} ${blank.length === 1 ? 'has' : 'have'} no answer yet.`,
      );
    }
    setBusy(true);
    const res = await postJson<TResult>(`/api/curricula/${curriculumId}/modules/${moduleId}/checkpoint`, { answers });
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    setError(null);
    setResult(res.data);
    router.refresh();
  }

  return (
    <form onSubmit={submit} className="space-y-4">
      {best ? (
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Best score so far: {best.best}/{best.total}
        </p>
      ) : null}
      {questions.map((q, i) => (
        <fieldset
          key={i}
          className="space-y-1.5"
          aria-invalid={missing.includes(i) || undefined}
          aria-describedby={missing.includes(i) ? `q-${moduleId}-${i}-missing` : undefined}
        >
          <legend className="font-medium">
            {i + 1}. {q.question}
          </legend>
          {q.choices.map((c, j) => (
            <label key={j} className="flex items-start gap-2 text-sm">
              <input
                type="radio"
                name={`q-${moduleId}-${i}`}
                checked={answers[i] === j}
                onChange={() => {
                  setAnswers((a) => a.map((x, k) => (k === i ? j : x)));
                  setMissing((m) => m.filter((k) => k !== i));
                }}
                className="mt-1"
              />
              <span>{c}</span>
            </label>
          ))}
          {missing.includes(i) ? (
            <p id={`q-${moduleId}-${i}-missing`} className="text-sm text-red-800 dark:text-red-300">
              Choose an answer.
            </p>
          ) : null}
          {result ? (
            <p
              className={
                result.results[i].correct ? 'text-sm text-emerald-800 dark:text-emerald-300' : 'text-sm text-red-800 dark:text-red-300'
              }
            >
              {result.results[i].correct ? 'Correct. ' : `Not quite — the answer is “${q.choices[result.results[i].answerIndex]}”. `}
              {result.results[i].explanation}
            </p>
          ) : null}
        </fieldset>
      ))}
      {error ? <Alert tone="error">{error}</Alert> : null}
      {result ? (
        <Alert tone={result.score === result.total ? 'success' : 'info'}>
          You scored {result.score}/{result.total}. Best: {result.best}/{result.total}.
        </Alert>
      ) : null}
      <Button type="submit" disabled={busy}>
        {busy ? 'Scoring…' : result ? 'Submit again' : 'Submit answers'}
      </Button>
    </form>
  );
}
