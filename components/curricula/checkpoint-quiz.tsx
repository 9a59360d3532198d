'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { postJson } from '@/components/auth/api-client';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';

type TQuestion = { id: string; question: string; choices: string[] };
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
  const [result, setResult] = useState<(TResult & { chosen: number[] }) | null>(null);
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
    setResult({ ...res.data, chosen: answers });
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
          key={`${q.id}-${i}`}
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
          {result ? <Explanation result={result.results[i]} choices={q.choices} chosen={result.chosen[i]} /> : null}
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

/** After scoring: right or wrong, the right answer, and why. */
function Explanation({ result, choices, chosen }: { result: TResult['results'][number]; choices: string[]; chosen: number }) {
  return (
    <div
      data-testid="quiz-explanation"
      className={
        result.correct
          ? 'rounded-lg border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-100'
          : 'rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100'
      }
    >
      <p className="font-semibold">{result.correct ? 'Right' : 'Wrong'}</p>
      {result.correct ? null : (
        <p>
          You chose “{choices[chosen]}”. The answer is “{choices[result.answerIndex]}”.
        </p>
      )}
      <p className="mt-1">{result.explanation}</p>
    </div>
  );
}
