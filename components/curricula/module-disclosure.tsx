'use client';

import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * One module of the curriculum page as a native <details>: open at first when it is the current module; after that the
 * learner decides (a refresh after marking a lesson done never closes the module they are in). A link to the module or
 * to anything inside it (#module-…, #lesson-…, from the outline or Today's "Continue") opens it and scrolls there.
 */
export function ModuleDisclosure({
  id,
  defaultOpen,
  summary,
  children,
}: {
  id: string;
  defaultOpen: boolean;
  summary: ReactNode;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(defaultOpen);
  const ref = useRef<HTMLDetailsElement>(null);

  useEffect(() => {
    const reveal = () => {
      const hash = decodeURIComponent(window.location.hash.slice(1));
      if (!hash) return;
      const target = document.getElementById(hash);
      if (!target || !ref.current?.contains(target)) return;
      setOpen(true);
      // After the browser has laid the opened module out.
      requestAnimationFrame(() => target.scrollIntoView({ block: 'start' }));
    };
    reveal();
    window.addEventListener('hashchange', reveal);
    return () => window.removeEventListener('hashchange', reveal);
  }, []);

  return (
    <details
      ref={ref}
      id={id}
      open={open}
      onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
      className="group scroll-mt-36 lg:scroll-mt-24"
    >
      {summary}
      {children}
    </details>
  );
}
