import { describe, expect, it } from 'vitest';
import { expertsForModuleHref, fallbackTerms, searchTerms, splitWords } from '@/lib/experts/search-terms';

describe('search terms', () => {
  it('splits phrases into words, each once whatever the case, in order', () => {
    expect(splitWords(['Goethe B2/C1 German exam', 'german, EXAM'])).toEqual(['Goethe', 'B2', 'C1', 'German', 'exam']);
    expect(searchTerms(['Goethe B2 German exam'])).toEqual(['goethe', 'b2', 'german', 'exam']);
    expect(searchTerms(['a b c d e'], 3)).toEqual(['a', 'b', 'c']);
  });

  it('falls back on the words of a free-text search, not its operators or exclusions', () => {
    expect(fallbackTerms('German B2')).toEqual(['german', 'b2']);
    expect(fallbackTerms('"Goethe exam" or telc -python')).toEqual(['goethe', 'exam', 'telc']);
    expect(fallbackTerms('german')).toEqual(['german']);
  });
});

describe('"Find an expert for this" link', () => {
  it('sends the curriculum subject and the module topics as separate words, subject first', () => {
    expect(expertsForModuleHref({ goal: 'Pass the Goethe B2 German exam', topics: ['Goethe B2 German exam', 'key concepts'] })).toBe(
      '/experts?topics=Goethe,B2,German,exam,key,concepts',
    );
    expect(expertsForModuleHref({ goal: 'Get job-ready in SQL', topics: ['window functions'] })).toBe(
      '/experts?topics=SQL,window,functions',
    );
  });

  it('stays within the ten topics the directory reads, keeping the subject', () => {
    const href = expertsForModuleHref({ goal: 'Learn Rust', topics: ['one two three four five six seven eight nine ten eleven'] });
    const terms = decodeURIComponent(href.split('topics=')[1]).split(',');
    expect(terms).toHaveLength(10);
    expect(terms[0]).toBe('Rust');
  });

  it('encodes words that need it', () => {
    expect(expertsForModuleHref({ goal: 'Learn Māori', topics: ['Te reo'] })).toBe(`/experts?topics=${encodeURIComponent('Māori')},Te,reo`);
  });
});
