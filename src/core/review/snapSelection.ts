/**
 * Snaps a selection a person made to what they meant to tag: whitespace and punctuation at either end are
 * trimmed (a closing quote, a comma, a full stop, a possessive 's), and a boundary that falls inside a word is
 * moved to the word's edge, so a span never cuts a word ("l-Qae" → "Al-Qaeda"). A boundary at a hyphen or an
 * apostrophe is a choice and stays ("Qaeda" of "Al-Qaeda"). The dot of a dotted acronym stays ("U.S.").
 * An empty selection snaps to the word it touches. Offsets are code points, as in sidecars.
 */
import { charClass, LETTER, MARK, NUMBER } from '../text/charClasses';
import { TextIndex } from '../text/textIndex';

export interface SnappedRange {
  start: number;
  end: number;
}

const WORD = LETTER | MARK | NUMBER;

/** The code point starting at UTF-16 offset `i` (or the pair `i` is the second half of). */
function cpAt(text: string, i: number): number {
  if (i < 0 || i >= text.length) return -1;
  const c = text.charCodeAt(i);
  if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
    const h = text.charCodeAt(i - 1);
    if (h >= 0xd800 && h <= 0xdbff) return text.codePointAt(i - 1) ?? -1;
  }
  return text.codePointAt(i) ?? -1;
}

const isWord = (text: string, i: number): boolean => {
  const cp = cpAt(text, i);
  return cp >= 0 && (charClass(cp) & WORD) !== 0;
};
/** UTF-16 width of the code point before offset `i`. */
const widthBefore = (text: string, i: number): number => (i >= 2 && cpAt(text, i - 1) > 0xffff ? 2 : 1);
const widthAt = (text: string, i: number): number => (cpAt(text, i) > 0xffff ? 2 : 1);

export function snapSelection(text: string | TextIndex, start: number, end: number): SnappedRange | undefined {
  const idx = typeof text === 'string' ? new TextIndex(text) : text;
  const t = idx.text;
  let s = idx.toUtf16(Math.max(0, Math.min(start, end)));
  let e = idx.toUtf16(Math.max(start, end));
  if (s === e) {
    // a cursor: the word it is in or touches
    if (!isWord(t, s) && !isWord(t, s - 1)) return undefined;
    if (!isWord(t, s)) s -= widthBefore(t, s);
    e = s;
  } else {
    // trim non-word characters at both ends
    while (s < e && !isWord(t, s)) s += widthAt(t, s);
    while (e > s && !isWord(t, e - 1)) e -= widthBefore(t, e);
    if (s >= e) return undefined;
  }
  // never cut a word: move boundaries inside a letter run to its edges
  while (s > 0 && isWord(t, s - 1) && isWord(t, s)) s -= widthBefore(t, s);
  while (e < t.length && isWord(t, e - 1 < 0 ? 0 : e - 1) && isWord(t, e)) e += widthAt(t, e);
  if (s === e) {
    // the cursor case: grow over the word
    while (e < t.length && isWord(t, e)) e += widthAt(t, e);
    if (s === e) return undefined;
  }
  // a possessive 's is not part of the name ("Qaeda's" → "Qaeda")
  if (e - s > 2 && /['’][sS]$/.test(t.slice(s, e)) && !isWord(t, e)) e -= 2;
  // the final dot of a dotted acronym belongs to it ("U.S.", "U.N.")
  if (t[e] === '.' && /(?:^|[^\p{L}])(?:\p{L}\.)+\p{L}$/u.test(t.slice(Math.max(0, e - 12), e))) e += 1;
  return { start: idx.toCodePoint(s), end: idx.toCodePoint(e) };
}
