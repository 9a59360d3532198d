import type { ReactNode } from 'react';
import { cn } from './cn';

/**
 * A box that scrolls sideways on narrow screens (a wide table on a phone). Keyboard users scroll it
 * with the arrow keys once it has focus, so it is a focusable region named by `label` (axe:
 * scrollable-region-focusable).
 */
export function ScrollRegion({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={cn('overflow-x-auto', className)}>
      {children}
    </div>
  );
}
