import { goalSubject } from '@/lib/curriculum/plan-offline';

// The words a directory search ranks by, with no I/O: each is matched on its own, and an expert who matches
// more of them ranks higher. Postgres still stems each word ('exams' → 'exam') and drops stop words.

const MAX_TERMS = 12;

/** Words of some phrases, each once (compared without case), in order, as written: ["Goethe B2 exam", "german"] → Goethe, B2, exam, german. */
export function splitWords(phrases: readonly string[], max = MAX_TERMS): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const phrase of phrases) {
    for (const w of phrase.split(/[^\p{L}\p{N}]+/u)) {
      const key = w.toLowerCase();
      if (w && !seen.has(key) && out.length < max) {
        seen.add(key);
        out.push(w);
      }
    }
  }
  return out;
}

/** The terms a search ranks by: the words of its phrases, lower-cased, each once. */
export function searchTerms(phrases: readonly string[], max = MAX_TERMS): string[] {
  return splitWords(phrases, max).map((w) => w.toLowerCase());
}

/**
 * The words of a free-text search to fall back on when no expert matches all of it: websearch syntax aside
 * (an excluded `-word` is not something to match, `or` is an operator, quotes only group).
 */
export function fallbackTerms(q: string): string[] {
  const kept = q.split(/\s+/).filter((token) => token && !token.startsWith('-') && token.toLowerCase() !== 'or');
  return searchTerms(kept);
}

/** At most this many terms in a module link: the directory reads at most ten `topics`. */
const MODULE_LINK_TERMS = 10;

/**
 * "Find an expert for this" on a curriculum module: the curriculum's subject (from its goal: "Get job-ready
 * in SQL" → SQL) and the module's topics as
 * separate words (not one long phrase that every word of must match), subject first so it survives the cap,
 * for /experts?topics=… — the directory ranks experts by how many of them they teach.
 */
export function expertsForModuleHref({ topics, goal }: { topics: readonly string[]; goal: string }): string {
  const terms = splitWords([goalSubject(goal), ...topics], MODULE_LINK_TERMS);
  return terms.length ? `/experts?topics=${terms.map(encodeURIComponent).join(',')}` : '/experts';
}
