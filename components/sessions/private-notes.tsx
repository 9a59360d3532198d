'use client';

import { useEffect, useRef, useState } from 'react';
import { saveNotes } from '@/components/booking/api';

/** The expert's private notes on a session: saved a second after typing stops, on blur, or with Save. */
export function PrivateNotes({ bookingId, initial }: { bookingId: string; initial: string }) {
  const [body, setBody] = useState(initial);
  const [state, setState] = useState<'saved' | 'dirty' | 'saving' | 'error'>('saved');
  const [error, setError] = useState<string | null>(null);
  const saved = useRef(initial);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  async function save(text: string) {
    if (timer.current) clearTimeout(timer.current);
    if (text === saved.current) return setState('saved');
    setState('saving');
    const r = await saveNotes(bookingId, text);
    if (r.ok) {
      saved.current = text;
      setState((s) => (s === 'saving' ? 'saved' : s));
      setError(null);
    } else {
      setState('error');
      setError(r.error.message);
    }
  }

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  return (
    <div className="space-y-1.5">
      <label htmlFor={`notes-${bookingId}`} className="block text-sm font-medium">
        Private notes (only you see these)
      </label>
      <textarea
        id={`notes-${bookingId}`}
        value={body}
        maxLength={10000}
        rows={4}
        onChange={(e) => {
          const text = e.target.value;
          setBody(text);
          setState('dirty');
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(() => void save(text), 1000);
        }}
        onBlur={() => void save(body)}
        className="block w-full rounded-xl border border-slate-300 bg-white px-3 py-2 text-base dark:border-slate-700 dark:bg-slate-950"
      />
      <div className="flex items-center gap-3 text-xs">
        <button type="button" className="link" onClick={() => void save(body)}>
          Save
        </button>
        <span role="status" className="text-slate-600 dark:text-slate-400">
          {state === 'saving' ? 'Saving…' : state === 'saved' ? 'Saved' : state === 'dirty' ? 'Unsaved changes' : error}
        </span>
      </div>
    </div>
  );
}
