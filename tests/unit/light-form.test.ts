import { describe, expect, it } from 'vitest';
import { readField } from '@/components/forms/use-light-form';

// The auth forms' values are read from the DOM the way react-hook-form reads them, so the zod schemas (and the
// server) see the same shapes: a radio group's value, a lone checkbox's boolean, a checkbox group's array.
const input = (type: string, value = '', checked = false, isConnected = true) =>
  ({ type, value, checked, isConnected }) as HTMLInputElement;

describe('readField', () => {
  it('reads a text field as its value', () => {
    expect(readField([input('email', 'a@b.c')])).toBe('a@b.c');
  });
  it('reads a radio group as the checked one, or null when none is', () => {
    expect(readField([input('radio', 'learner'), input('radio', 'expert', true)])).toBe('expert');
    expect(readField([input('radio', 'learner'), input('radio', 'expert')])).toBeNull();
  });
  it('reads a lone checkbox as a boolean and a group as the checked values', () => {
    expect(readField([input('checkbox', 'on', true)])).toBe(true);
    expect(readField([input('checkbox', 'on', false)])).toBe(false);
    expect(readField([input('checkbox', 'a', true), input('checkbox', 'b'), input('checkbox', 'c', true)])).toEqual(['a', 'c']);
  });
  it('ignores inputs no longer in the document, and has no value without any', () => {
    expect(readField([input('text', 'old', false, false), input('text', 'new')])).toBe('new');
    expect(readField([])).toBeUndefined();
  });
});
