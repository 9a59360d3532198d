import { it } from 'vitest';
import { defaultAtlas, inferShape } from '@/lib/curriculum/atlas';
it('match', () => {
  const a = defaultAtlas();
  for (const g of (process.env.GOALS ?? '').split('|')) console.log(g.padEnd(50), '→', a.matcher.rank(g).slice(0, 3).map((x) => `${x.subject.id}:${x.score}:${x.alias}`).join(' '), '| shape', a.matcher.shape(g), inferShape(g));
});
