/**
 * Where a text's lines start, kept small enough to store per article in the workspace index, so an editor can
 * turn a code point offset into a (line, UTF-16 character) position without reading the text again (Find All
 * References over thousands of articles must not open each one).
 */
import { firstIndexWhere } from './binarySearch';

/**
 * `[lineStarts, astral]`: the code point offsets at which lines 1, 2 … start (line 0 starts at 0), and the code
 * point offsets of astral characters (two UTF-16 units each; usually none).
 */
export type LineTable = readonly [ArrayLike<number>, ArrayLike<number>];

export function lineTableOf(text: string): LineTable {
  const starts: number[] = [];
  const astral: number[] = [];
  let cp = 0;
  for (let i = 0; i < text.length; i++, cp++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(cp + 1);
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        astral.push(cp);
        i++;
      }
    }
  }
  return [starts, astral];
}

/** The zero-based line and UTF-16 character of code point offset `cp`. */
export function positionIn([starts, astral]: LineTable, cp: number): readonly [number, number] {
  // lines starting at or before cp: line 0 plus those of `starts`
  const line = firstIndexWhere(starts.length, (i) => starts[i] > cp);
  const lineStart = line === 0 ? 0 : starts[line - 1];
  // each astral character from the line start up to cp is one more UTF-16 unit
  const extra = astral.length === 0 ? 0 : firstIndexWhere(astral.length, (i) => astral[i] >= cp) - firstIndexWhere(astral.length, (i) => astral[i] >= lineStart);
  return [line, cp - lineStart + extra];
}
