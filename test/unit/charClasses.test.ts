import { describe, expect, it } from 'vitest';
import {
  charClass,
  FOLDED_APOSTROPHE,
  FOLDED_APOSTROPHES,
  FOLDED_SEPARATOR,
  isNameApostrophe,
  isNameDash,
  isWordApostrophe,
  isWordHyphen,
  LETTER,
  MARK,
  NAME_APOSTROPHES,
  NAME_DASHES,
  NUMBER,
  UPPER,
  WORD_APOSTROPHES,
  WORD_HYPHENS,
} from '../../src/core/text/charClasses';

const members = (test: (c: number) => boolean): string => {
  let out = '';
  for (let c = 0; c < 0x10000; c++) if (test(c)) out += String.fromCharCode(c);
  return out;
};
const sorted = (s: string): string => [...s].sort().join('');
const regexMembers = (re: RegExp): string => members((c) => new RegExp(re.source, 'u').test(String.fromCharCode(c)));

describe('character classes', () => {
  it('char-code tests and member strings name the same characters', () => {
    expect(members(isWordApostrophe)).toBe(sorted(WORD_APOSTROPHES));
    expect(members(isNameApostrophe)).toBe(sorted(NAME_APOSTROPHES));
    expect(members(isWordHyphen)).toBe(sorted(WORD_HYPHENS));
    expect(members(isNameDash)).toBe(sorted(NAME_DASHES));
    expect(regexMembers(FOLDED_APOSTROPHE)).toBe(sorted(FOLDED_APOSTROPHES));
    expect(regexMembers(FOLDED_SEPARATOR)).toBe(sorted(`${WORD_HYPHENS}_.`));
  });

  it('keeps the exact sets each caller had', () => {
    expect(sorted(WORD_APOSTROPHES)).toBe(sorted("'’"));
    expect(sorted(NAME_APOSTROPHES)).toBe(sorted("'’ʿʾ"));
    expect(sorted(FOLDED_APOSTROPHES)).toBe(sorted("'’ʿʾ`‘"));
    expect(sorted(NAME_DASHES)).toBe(sorted('-‐–'));
  });

  it('classifies code points as the Unicode property escapes do', () => {
    const bits = (ch: string): number =>
      (/\p{L}/u.test(ch) ? LETTER : 0) | (/\p{Lu}/u.test(ch) ? UPPER : 0) | (/\p{N}/u.test(ch) ? NUMBER : 0) | (/\p{M}/u.test(ch) ? MARK : 0);
    for (let c = 0; c < 0x10000; c++) {
      const expected = c >= 0xd800 && c <= 0xdfff ? 0 : bits(String.fromCharCode(c));
      if (charClass(c) !== expected) expect([c, charClass(c)]).toEqual([c, expected]);
    }
    expect(charClass(0x1d400)).toBe(LETTER | UPPER); // 𝐀, astral
    expect(charClass(0x1f600)).toBe(0); // emoji
  });
});
