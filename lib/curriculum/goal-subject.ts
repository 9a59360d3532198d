// The subject of a goal in a few words, from the goal's own text: the experts directory links
// ("Find an expert for this") search by it. The planner matches goals against the atlas instead.

const STOP = new Set(
  'a an the and or for to of in on with into my me i be get become learn learning master how pass exam job ready job-ready want would like able using use from by at as is are it this that'.split(
    ' ',
  ),
);

export function goalTopics(goal: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  // Keep the learner's casing ("SQL", "German"); compare without it.
  for (const raw of goal.replace(/[^\p{L}\p{N}+#.\- ]/gu, ' ').split(/\s+/)) {
    const w = raw.replace(/^[.\-]+|[.\-]+$/g, '');
    const key = w.toLowerCase();
    if (w.length > 1 && !STOP.has(key) && !seen.has(key)) {
      seen.add(key);
      out.push(w);
    }
  }
  return out.slice(0, 6);
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The subject in a few words: "Get job-ready in SQL" → "SQL", "Learn Rust for systems programming" → "Rust". */
export function goalSubject(goal: string): string {
  const cleaned = goal.trim().replace(/[.!?]+$/, '');
  const inMatch = cleaned.match(/\b(?:in|with)\s+(.{2,60})$/i);
  if (inMatch) return inMatch[1];
  const core = cleaned
    .replace(
      /^(?:i\s+want\s+to\s+|i'd\s+like\s+to\s+)?(?:learn|master|study|understand|get\s+good\s+at|get\s+better\s+at|improve|pass|become\s+(?:a|an)?)\s+/i,
      '',
    )
    .replace(/^(?:the|a|an|my)\s+/i, '')
    .split(/\s+(?:for|to|so|because|by|within|before)\s+/i)[0]
    .trim();
  if (core.length >= 2) return core.slice(0, 60);
  const topics = goalTopics(goal);
  return topics.length ? topics.slice(0, 3).map(cap).join(' ') : cleaned.slice(0, 60);
}
