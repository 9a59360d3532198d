'use client';

import { useEffect, useState, type ReactNode } from 'react';

/**
 * One module of the curriculum page as a native <details>: open at first when it is the current module; after that the
 * learner decides (a refresh after marking a lesson done never closes the module they are in). A link to the module or
 * to anything inside it (#module-…, #lesson-…, from the outline or Today's "Continue") opens it and scrolls there.
 *
 * A closed module's body is not rendered on the server: the HTML of a 16-module plan is then one module's lessons, not
 * sixteen (bench/PAGES.md, issue #15). The browser mounts the closed bodies once it is idle after hydration, so opening
 * a module is instant and the browser's find-in-page still reaches every lesson (it opens a closed <details> it finds
 * text in). `anchors` names the ids inside the body, so a link to one opens the module before the body is mounted.
 */
export function ModuleDisclosure({
  id,
  defaultOpen,
  anchors,
  summary,
  children,
}: {
  id: string;
  defaultOpen: boolean;
  anchors: string[];
  summary: ReactNode;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(defaultOpen);
  // Whether the body is in the DOM: from the start when open, else once idle, opened or linked to (never unmounted).
  const [mounted, setMounted] = useState(defaultOpen);
  const [scrollTo, setScrollTo] = useState<string | null>(null);
  const anchorKey = anchors.join(' ');

  useEffect(() => {
    const ids = new Set([id, ...anchorKey.split(' ')]);
    const reveal = () => {
      const hash = decodeURIComponent(window.location.hash.slice(1));
      if (!hash || !ids.has(hash)) return;
      setOpen(true);
      setMounted(true);
      setScrollTo(hash);
    };
    reveal();
    window.addEventListener('hashchange', reveal);
    return () => window.removeEventListener('hashchange', reveal);
  }, [id, anchorKey]);

  // The rest of the modules' bodies, once the browser has nothing more urgent to do.
  useEffect(() => {
    if (mounted) return;
    if (typeof window.requestIdleCallback === 'function') {
      const handle = window.requestIdleCallback(() => setMounted(true), { timeout: 2000 });
      return () => window.cancelIdleCallback(handle);
    }
    const timer = setTimeout(() => setMounted(true), 200);
    return () => clearTimeout(timer);
  }, [mounted]);

  // Scroll once the opened module (and its body) has been rendered and laid out.
  useEffect(() => {
    if (!scrollTo || !open) return;
    const frame = requestAnimationFrame(() => {
      document.getElementById(scrollTo)?.scrollIntoView({ block: 'start' });
      setScrollTo(null);
    });
    return () => cancelAnimationFrame(frame);
  }, [scrollTo, open]);

  return (
    <details
      id={id}
      open={open}
      onToggle={(e) => {
        const isOpen = (e.currentTarget as HTMLDetailsElement).open;
        setOpen(isOpen);
        if (isOpen) setMounted(true);
      }}
      className="group scroll-mt-36 lg:scroll-mt-24"
    >
      {summary}
      {mounted ? children : null}
    </details>
  );
}
