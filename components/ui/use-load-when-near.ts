'use client';

import { useEffect, useRef, useState } from 'react';

/**
 * Loads a module (a heavy component's chunk) when the element behind `ref` comes within `margin` of the
 * viewport, or once the browser is idle after the page loaded, whichever is first: it never competes with
 * first paint and hydration, and is usually ready before the user scrolls to it. Returns the module, or null
 * while it loads (render a placeholder of the same size). A failed load is retried on the next trigger.
 */
export function useLoadWhenNear<T>(load: () => Promise<T>, margin = '300px') {
  const ref = useRef<HTMLDivElement>(null);
  const [mod, setMod] = useState<T | null>(null);
  useEffect(() => {
    let state: 'idle' | 'loading' | 'done' = 'idle';
    let cancelled = false;
    const go = () => {
      if (state !== 'idle') return;
      state = 'loading';
      load().then(
        (m) => {
          state = 'done';
          if (!cancelled) setMod(() => m);
        },
        () => {
          state = 'idle';
        },
      );
    };
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && go(), { rootMargin: margin });
    if (ref.current) observer.observe(ref.current);
    const hasIdle = typeof window.requestIdleCallback === 'function'; // not in Safari
    let idle = 0;
    const whenIdle = () => {
      idle = hasIdle ? window.requestIdleCallback(go, { timeout: 3000 }) : window.setTimeout(go, 1000);
    };
    if (document.readyState === 'complete') whenIdle();
    else window.addEventListener('load', whenIdle, { once: true });
    return () => {
      cancelled = true;
      observer.disconnect();
      window.removeEventListener('load', whenIdle);
      if (hasIdle) window.cancelIdleCallback(idle);
      else window.clearTimeout(idle);
    };
  }, [load, margin]);
  return { ref, mod };
}
