import type { TSanctionLevel } from './schemas';

/** Every sanction level a number of strikes reaches under the policy's thresholds, mildest first. */
export function levelsReached(
  strikes: number,
  p: { strikesWarning: number; strikesPause: number; strikesSuspend: number },
): TSanctionLevel[] {
  const out: TSanctionLevel[] = [];
  if (strikes >= p.strikesWarning) out.push('warning');
  if (strikes >= p.strikesPause) out.push('pause');
  if (strikes >= p.strikesSuspend) out.push('suspension');
  return out;
}
