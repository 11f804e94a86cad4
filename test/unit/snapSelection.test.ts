import { describe, expect, it } from 'vitest';
import { snapSelection } from '../../src/core/review/snapSelection';

/** Snaps the selection of `selected` (its first occurrence, or `[from, to)` within it) and returns the text. */
function snap(text: string, start: number, end: number): string | undefined {
  const r = snapSelection(text, start, end);
  return r && Array.from(text).slice(r.start, r.end).join('');
}
const at = (text: string, part: string) => [text.indexOf(part), text.indexOf(part) + part.length] as const;

describe('snapSelection', () => {
  const text = 'Fighters of Al-Qaeda\'s local unit, "the Islamic State", entered Albu Kamal. The U.S. said.';

  it('trims whitespace and punctuation at both ends', () => {
    expect(snap(text, ...at(text, ' "the Islamic State", '))).toBe('the Islamic State');
    expect(snap(text, ...at(text, 'Albu Kamal. '))).toBe('Albu Kamal');
    expect(snap(text, ...at(text, ', '))).toBeUndefined();
  });

  it('never cuts a word: boundaries inside a word move to its edges', () => {
    expect(snap(text, ...at(text, 'bu Kam'))).toBe('Albu Kamal');
    expect(snap(text, ...at(text, 'l-Qae'))).toBe('Al-Qaeda');
    expect(snap(text, ...at(text, 'ocal uni'))).toBe('local unit');
  });

  it('respects a boundary at a hyphen, drops a possessive, keeps an acronym dot', () => {
    expect(snap(text, ...at(text, 'Qaeda'))).toBe('Qaeda');
    expect(snap(text, ...at(text, "Al-Qaeda's"))).toBe('Al-Qaeda');
    expect(snap(text, ...at(text, 'U.S'))).toBe('U.S.');
    expect(snap(text, ...at(text, 'The U.S. '))).toBe('The U.S.');
  });

  it('snaps a cursor to the word it is in or touches', () => {
    const [s] = at(text, 'Kamal');
    expect(snap(text, s + 2, s + 2)).toBe('Kamal');
    expect(snap(text, s + 5, s + 5)).toBe('Kamal');
    expect(snap(text, s - 1, s - 1)).toBe('Albu');
    expect(snap('a , b', 2, 2)).toBeUndefined();
  });

  it('counts code points: astral characters before and inside the selection', () => {
    const t = '😀 ISIL took 𝐌osul, officials said';
    const cps = Array.from(t);
    const start = cps.indexOf('𝐌');
    expect(snap(t, start + 1, start + 3)).toBe('𝐌osul');
    expect(snapSelection(t, start - 1, start + 7)).toEqual({ start, end: start + 5 });
  });
});
