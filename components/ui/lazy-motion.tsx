'use client';

import { LazyMotion } from 'framer-motion';
import type { ReactNode } from 'react';

// framer-motion's `motion` components carry every feature (~39 kB gzip) into the page that uses one. Inside
// <MotionFeatures>, `m` components render at once and start animating when the features (animations, exit,
// layout: domMax) have loaded, after the page hydrated. Decoration uses CSS instead (motion-safe:animate-enter).
const loadFeatures = () => import('./motion-features').then((mod) => mod.default);

export function MotionFeatures({ children }: { children: ReactNode }) {
  return <LazyMotion features={loadFeatures}>{children}</LazyMotion>;
}
