// Pure: a 1–5 histogram of `count` whole-star ratings whose total is round(average × count), so the average the
// database computes from the seeded reviews shows as the intended one (to one decimal) by construction.

// How far each lowered review falls below five stars, in turn: mostly 4s, some 3s, the odd 2 or 1.
const DEFICITS = [1, 1, 1, 2, 1, 1, 3, 1, 1, 4];

export function ratingHistogram(average: number, count: number): [number, number, number, number, number] {
  const h: [number, number, number, number, number] = [0, 0, 0, 0, count];
  if (count <= 0) return [0, 0, 0, 0, 0];
  let deficit = 5 * count - Math.round(average * count);
  for (let i = 0; deficit > 0 && h[4] > 0; i++) {
    // Never less than the fives left can still carry (each falls at most 4).
    const step = Math.min(4, deficit, Math.max(DEFICITS[i % DEFICITS.length], Math.ceil(deficit / h[4])));
    h[4] -= 1;
    h[4 - step] += 1;
    deficit -= step;
  }
  return h;
}

/** The ratings of a histogram as a list, spread so neighbours differ (newest-first lists look natural). */
export function ratingsOf(h: readonly number[]): number[] {
  const left = [...h];
  const out: number[] = [];
  const total = left.reduce((a, b) => a + b, 0);
  // Deal the lower ratings in evenly among the fives.
  for (let i = 0; i < total; i++) {
    let pick = 4;
    for (let r = 0; r < 4; r++) {
      const every = left[r] > 0 ? Math.floor((total - i) / left[r]) : Infinity;
      if (left[r] > 0 && (i % Math.max(1, every) === 0 || left[r] >= total - i)) {
        pick = r;
        break;
      }
    }
    if (left[pick] === 0) pick = left.findIndex((n) => n > 0);
    left[pick] -= 1;
    out.push(pick + 1);
  }
  return out;
}
