'use client';

import { useCallback, useRef, useState, type BaseSyntheticEvent } from 'react';
import type { DefaultValues, FieldError, FieldErrors, FieldValues, Path, Resolver, UseFormSetError } from 'react-hook-form';

/**
 * The part of react-hook-form's `useForm` the small public forms use (sign-in, sign-up, password reset), with
 * the same names and the same resolver: uncontrolled inputs through `register`, `handleSubmit` that validates
 * with the (lazily loaded) zod resolver, focuses the first invalid field and tracks `isSubmitting`, `setError`
 * for the server's field messages, re-validation as the user types once a submit failed, and `watch` of one
 * field. About 1 kB instead of react-hook-form's 15 kB gzip on the pages that must stay under 150 kB
 * (docs/performance.md, "JavaScript budget"). Bigger forms keep react-hook-form.
 */
export function useLightForm<T extends FieldValues>({
  resolver,
  defaultValues,
}: {
  resolver: Resolver<T>;
  defaultValues: DefaultValues<T>;
}) {
  const elements = useRef(new Map<string, Set<HTMLInputElement>>());
  const registrations = useRef(new Map<string, TRegistration>());
  const submitted = useRef(false);
  const submits = useRef(0); // a re-validation that a later submit overtook must not overwrite its messages
  const [errors, setErrors] = useState<FieldErrors<T>>({});
  const [isSubmitting, setSubmitting] = useState(false);
  const [watched, setWatched] = useState<Partial<T>>({});

  const read = useCallback((): T => {
    const values: Record<string, unknown> = { ...defaultValues };
    for (const [name, set] of elements.current) values[name] = readField([...set]);
    return values as T;
  }, [defaultValues]);

  const validate = useCallback(
    async (values: T) => {
      const r = await resolver(values, undefined, { fields: {}, shouldUseNativeValidation: false });
      return r as { values: T; errors: FieldErrors<T> };
    },
    [resolver],
  );

  const focusFirst = (names: string[]) => {
    const els = names.flatMap((n) => [...(elements.current.get(n) ?? [])]).filter((el) => el.isConnected && el.type !== 'hidden');
    // The first in document order, like the browser's own validation.
    els.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    els[0]?.focus();
  };

  const register = (name: Path<T>): TRegistration => {
    let r = registrations.current.get(name);
    if (!r) {
      r = {
        name,
        ref: (el) => {
          if (!el) return;
          let set = elements.current.get(name);
          if (!set) elements.current.set(name, (set = new Set()));
          if (set.has(el)) return;
          set.add(el);
          writeField(el, (defaultValues as Record<string, unknown>)[name]);
        },
        onChange: async () => {
          setWatched((w) => ({ ...w, [name]: readField([...(elements.current.get(name) ?? [])]) }));
          // Like react-hook-form's default reValidateMode: after a failed submit, a field's message follows its value.
          if (!submitted.current) return;
          const at = submits.current;
          const { errors: next } = await validate(read());
          if (at !== submits.current) return;
          setErrors((prev) => withField(prev, name, next[name] as FieldError | undefined));
        },
        onBlur: () => undefined,
      };
      registrations.current.set(name, r);
    }
    return r;
  };

  const handleSubmit =
    (onValid: (values: T) => unknown | Promise<unknown>) =>
    async (e?: BaseSyntheticEvent): Promise<void> => {
      e?.preventDefault?.();
      submitted.current = true;
      submits.current++;
      const { values, errors: found } = await validate(read());
      const names = Object.keys(found);
      setErrors(found);
      if (names.length) return focusFirst(names);
      setSubmitting(true);
      try {
        await onValid(values);
      } finally {
        setSubmitting(false);
      }
    };

  const setError: UseFormSetError<T> = (name, error, options) => {
    setErrors((prev) => withField(prev, name, { type: error.type ?? 'server', message: error.message } as FieldError));
    if (options?.shouldFocus) focusFirst([name]);
  };

  const watch = <K extends Path<T>>(name: K): T[K] =>
    (name in watched ? watched[name] : (defaultValues as Record<string, unknown>)[name]) as T[K];

  return { register, handleSubmit, setError, watch, formState: { errors, isSubmitting } };
}

type TRegistration = {
  name: string;
  ref: (el: HTMLInputElement | null) => void;
  onChange: () => Promise<void>;
  onBlur: () => void;
};

function withField<E extends Record<string, unknown>>(prev: E, name: string, error: FieldError | undefined): E {
  const next: Record<string, unknown> = { ...prev };
  if (error) next[name] = error;
  else delete next[name];
  return next as E;
}

/** A field's value the way react-hook-form reads it: a radio group's checked value, a lone checkbox's checked state. */
export function readField(els: HTMLInputElement[]): unknown {
  const live = els.filter((el) => el.isConnected);
  const first = live[0];
  if (!first) return undefined;
  if (first.type === 'radio') return live.find((el) => el.checked)?.value ?? null;
  if (first.type === 'checkbox') return live.length === 1 ? first.checked : live.filter((el) => el.checked).map((el) => el.value);
  return first.value;
}

function writeField(el: HTMLInputElement, value: unknown) {
  if (el.type === 'radio') el.checked = el.value === value;
  else if (el.type === 'checkbox') el.checked = Array.isArray(value) ? value.includes(el.value) : !!value;
  // A text field keeps what was typed before the page hydrated.
  else if (value != null && value !== '') el.value = String(value);
}
