'use client';

// Light/dark theme without a theme library: this inline script runs before first paint (no flash),
// applies the saved choice or the system's, and handles every [data-theme-toggle] button.
// It replaced next-themes, which cost ~2 kB gzip on every page for the same behaviour.
import { useEffect, useSyncExternalStore } from 'react';
// Every page has this component, so the browser's zod is told here not to probe for eval (see the file).
import '@/lib/csp/zod-jitless';

const SCRIPT = `(function(){var w=window;if(w.__pathwiseTheme){w.__pathwiseTheme();return}
var d=document.documentElement,k='theme',m=w.matchMedia('(prefers-color-scheme: dark)');
function saved(){try{return localStorage.getItem(k)}catch(e){return null}}
function apply(){var s=saved(),dark=s?s==='dark':m.matches;d.classList.toggle('dark',dark);d.style.colorScheme=dark?'dark':'light'}
w.__pathwiseTheme=apply;apply();m.addEventListener('change',apply);
document.addEventListener('click',function(e){var b=e.target instanceof Element&&e.target.closest('[data-theme-toggle]');if(!b)return;
var next=d.classList.contains('dark')?'light':'dark';try{localStorage.setItem(k,next)}catch(e){}apply()})})()`;

const subscribe = () => () => {};

export function ThemeScript({ nonce }: { nonce?: string }) {
  // true on the server and while React hydrates the server's HTML; false when React renders the document
  // from scratch in the browser (Next does for a page that ends in notFound() or forbidden()). There a
  // <script> element would never run (React logs "Encountered a script tag…") and React has reset the
  // <html> element's class, so the effect applies the theme again instead.
  const serverHtml = useSyncExternalStore(
    subscribe,
    () => false,
    () => true,
  );
  useEffect(() => {
    if (serverHtml) return;
    const w = window as { __pathwiseTheme?: () => void };
    if (w.__pathwiseTheme) return w.__pathwiseTheme();
    const s = document.createElement('script');
    s.textContent = SCRIPT;
    document.head.appendChild(s);
  }, [serverHtml]);
  // Browsers hide a nonce from the DOM after parsing, so React sees a different value when it hydrates.
  return serverHtml ? <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: SCRIPT }} /> : null;
}
