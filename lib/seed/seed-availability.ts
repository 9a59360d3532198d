import 'server-only';
import type { TPrivilegedTx } from '@/lib/db/types';
import { DEMO_EXPERTS } from './demo-data';

// Weekly hours in each expert's own zone (minutes after local midnight): mornings and afternoons on
// weekdays with a lunch break, and a Saturday morning for every third expert, so a fresh clone can book at once.
const WEEKDAY_HOURS = [
  { startMinute: 9 * 60, endMinute: 12 * 60 },
  { startMinute: 13 * 60, endMinute: 17 * 60 },
];
const SATURDAY_HOURS = [{ startMinute: 10 * 60, endMinute: 14 * 60 }];
const MIN_NOTICE_MINUTES = 120;

/** The seeded weekly rules of the n-th demo expert (the demo expert, first, works Monday to Friday). */
export function demoWeeklyRules(index: number): { weekday: number; startMinute: number; endMinute: number }[] {
  const weekdays = [1, 2, 3, 4, 5].flatMap((weekday) => WEEKDAY_HOURS.map((r) => ({ weekday, ...r })));
  return index % 3 === 1 ? [...weekdays, ...SATURDAY_HOURS.map((r) => ({ weekday: 6, ...r }))] : weekdays;
}

/**
 * Gives every approved demo expert weekly hours and settings (2 h minimum notice). Idempotent: an expert who
 * already has rules keeps them. Returns how many experts it filled.
 */
export async function seedAvailability(db: TPrivilegedTx): Promise<number> {
  let filled = 0;
  for (const [index, x] of DEMO_EXPERTS.entries()) {
    if (x.status !== 'approved') continue;
    const { rows } = await db.query<{ id: string; has_rules: boolean }>(
      `select p.id, exists (select 1 from public.availability_rules r where r.expert_id = p.id) as has_rules
         from public.expert_profiles p where p.slug = $1 and p.status = 'approved'`,
      [x.slug],
    );
    const p = rows[0];
    if (!p || p.has_rules) continue;
    const rules = demoWeeklyRules(index);
    await db.query(
      `insert into public.availability_rules (expert_id, weekday, start_minute, end_minute)
       select $1, * from unnest($2::smallint[], $3::int[], $4::int[])`,
      [p.id, rules.map((r) => r.weekday), rules.map((r) => r.startMinute), rules.map((r) => r.endMinute)],
    );
    await db.query(
      `insert into public.availability_settings (expert_id, min_notice_minutes) values ($1, $2)
       on conflict (expert_id) do update set min_notice_minutes = excluded.min_notice_minutes`,
      [p.id, MIN_NOTICE_MINUTES],
    );
    filled++;
  }
  return filled;
}
