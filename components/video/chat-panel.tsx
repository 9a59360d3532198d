'use client';

import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { CHAT_MAX_CHARS, type TChatMessage, type TRoomRole } from '@/lib/video/protocol';

/** Text chat beside the video: messages are announced (aria-live), Enter sends. Not stored after the session. */
export function ChatPanel({
  messages,
  myRole,
  disabled,
  send,
  timeZone,
}: {
  messages: TChatMessage[];
  myRole: TRoomRole | null;
  disabled: boolean;
  send(text: string): Promise<string | null>;
  timeZone: string;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const listRef = useRef<HTMLOListElement>(null);
  const inputId = useId();
  useEffect(() => {
    listRef.current?.lastElementChild?.scrollIntoView({ block: 'nearest' });
  }, [messages.length]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const t = text.trim();
    if (!t) return;
    setSending(true);
    const err = await send(t);
    setSending(false);
    setError(err);
    if (!err) setText('');
  }

  const time = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', timeZone });
  return (
    <section aria-labelledby="chat-heading" className="card flex min-h-72 flex-col p-4 lg:h-full">
      <h2 id="chat-heading" className="text-base font-semibold">
        Chat
      </h2>
      <p className="text-xs text-slate-600 dark:text-slate-400">Messages are not kept after the session.</p>
      <ol
        ref={listRef}
        aria-live="polite"
        aria-label="Chat messages"
        data-testid="chat-messages"
        className="mt-3 max-h-80 flex-1 space-y-2 overflow-y-auto text-sm lg:max-h-none"
      >
        {messages.length === 0 ? <li className="text-slate-500">No messages yet.</li> : null}
        {messages.map((m) => (
          <li key={m.id} className={m.role === myRole ? 'text-right' : ''}>
            <span className="block text-xs text-slate-500">
              {m.role === myRole ? 'You' : m.name} · {time.format(new Date(m.at))}
            </span>
            <span
              className={`inline-block max-w-full whitespace-pre-wrap break-words rounded-xl px-3 py-1.5 ${
                m.role === myRole ? 'bg-brand-700 text-white' : 'bg-slate-100 dark:bg-slate-800'
              }`}
            >
              {m.text}
            </span>
          </li>
        ))}
      </ol>
      <form onSubmit={submit} className="mt-3 flex gap-2">
        <label htmlFor={inputId} className="sr-only">
          Message
        </label>
        <input
          id={inputId}
          value={text}
          onChange={(e) => setText(e.target.value)}
          maxLength={CHAT_MAX_CHARS}
          disabled={disabled}
          placeholder="Write a message"
          className="min-w-0 flex-1 rounded-xl border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"
        />
        <Button type="submit" disabled={disabled || sending || !text.trim()}>
          Send
        </Button>
      </form>
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </section>
  );
}
