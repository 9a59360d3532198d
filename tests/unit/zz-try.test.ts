import { it } from 'vitest';
import { planOffline } from '@/lib/curriculum/plan-offline';
import { defaultAtlas } from '@/lib/curriculum/atlas';
import { ZCurriculumRequest, ZCurriculum, checkBudget, budgetMinutes } from '@/lib/curriculum/schemas';
const today = new Date('2026-11-25T09:00:00Z');
it('try', () => {
  const t0 = performance.now();
  const a = defaultAtlas();
  console.log('atlas', a.subjects.length, (performance.now() - t0).toFixed(1), 'ms');
  for (const g of (process.env.GOALS ?? 'Learn Python').split('|')) {
    const [goal, language = 'English', level = 'beginner', hours = '5', weeks = '8', background = ''] = g.split('~');
    const req = ZCurriculumRequest.parse({ goal, language, level, hoursPerWeek: hours, weeks, background, materials: ['reading', 'video', 'practice', 'projects'] });
    console.log('MATCH', goal, a.matcher.rank(goal).slice(0, 3).map((x) => `${x.subject.id}:${x.score}:${x.alias}`));
    const t1 = performance.now();
    const p = planOffline(req, today);
    const ms = performance.now() - t1;
    const z = ZCurriculum.safeParse(p);
    console.log(`${ms.toFixed(1)}ms schema=${z.success ? 'ok' : JSON.stringify(z.error.issues.slice(0, 3))} budget=${checkBudget(p, budgetMinutes(req, today)).join(';')}`);
    if (process.env.FULL) console.log(JSON.stringify(p, null, 1));
    else {
      console.log(p.title, '|', p.summary, '\n', p.meta, p.prerequisites, p.outcomes);
      for (const m of p.modules) {
        console.log(`## ${m.title} [${m.topics.join(' / ')}] ${m.estimatedHours}h ${m.checkpoint.type} ${m.checkpoint.type === 'quiz' ? m.checkpoint.questions.map((q) => q.answerIndex).join('') : ''}\n   ${m.summary}`);
        for (const l of m.lessons) console.log(`   w${l.week} ${l.kind} ${l.estimatedMinutes}m ${l.title} :: ${l.objectives.join(' | ')}`);
      }
    }
  }
});
