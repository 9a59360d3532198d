// Correct English by construction: the article from the word that follows, plurals from the count.

// Words starting with a vowel letter but a consonant sound ("a university", "a one-week plan"), and
// with a consonant letter but a vowel sound ("an hour").
const CONSONANT_SOUND = /^(uni|use|usu|uti|ure|eu|ewe|one|once|ubiq|uk)/i;
const VOWEL_SOUND = /^(hour|honest|honou?r|heir)/i;
const VOWEL_LETTERS = new Set('AEFHILMNORSX'.split(''));

/** The indefinite article for a word or number: "an" before a vowel sound, else "a". */
export function indefiniteArticle(word: string): 'a' | 'an' {
  const w = word.trim();
  const digits = /^\d+/.exec(w)?.[0];
  if (digits) {
    // 8, 11, 18, 80–89, 800… (plans are at most 52 weeks): "an 8-week plan", "an 11-week plan".
    const n = Number(digits);
    return digits.startsWith('8') || n === 11 || n === 18 ? 'an' : 'a';
  }
  // Acronyms and letter-words are read letter by letter: "an SQL", "a URL", "an f-string", "an x-ray".
  if (/^[A-Z]{2,}\b/.test(w) || /^[a-z]-/i.test(w)) return VOWEL_LETTERS.has(w[0].toUpperCase()) ? 'an' : 'a';
  if (VOWEL_SOUND.test(w)) return 'an';
  if (CONSONANT_SOUND.test(w)) return 'a';
  return /^[aeiou]/i.test(w) ? 'an' : 'a';
}

/** "an intermediate learner", "a 6-week plan". */
export const withArticle = (phrase: string) => `${indefiniteArticle(phrase)} ${phrase}`;

/** "1 session", "3 sessions", "1 week", "2 weeks"; irregular plurals passed explicitly. */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "A", "A and B", "A, B and C" (en), with the language's conjunction. */
export function joinList(items: readonly string[], and: string): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`;
}
