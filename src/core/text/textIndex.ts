/**
 * Converts between Unicode code point offsets (the sidecar's unit, Python's `str` indices) and UTF-16 code
 * unit offsets (JS strings, VS Code positions). Text without astral characters takes a fast path where both
 * units coincide.
 */
import { firstIndexWhere } from './binarySearch';

const HIGH_SURROGATE = /[\uD800-\uDBFF]/;

export class TextIndex {
  /** UTF-16 offsets of the high surrogate of every astral character, ascending. Empty for BMP-only text. */
  private readonly astral: number[] = [];

  constructor(readonly text: string) {
    // most texts have no astral character: the regular expression engine finds that out far faster than a loop
    if (!HIGH_SURROGATE.test(text)) return;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          this.astral.push(i);
          i++;
        }
      }
    }
  }

  get hasAstral(): boolean {
    return this.astral.length > 0;
  }

  /** Length of the text in code points. */
  get length(): number {
    return this.text.length - this.astral.length;
  }

  /** Code point offset → UTF-16 offset. Offsets past the end clamp to the end. */
  toUtf16(cp: number): number {
    if (this.astral.length === 0) {
      return Math.min(cp, this.text.length);
    }
    // Each astral character before the target adds one extra code unit; astral[i] as a code point offset is
    // astral[i] - i.
    const astral = this.astral;
    const before = firstIndexWhere(astral.length, (i) => astral[i] - i >= cp);
    return Math.min(cp + before, this.text.length);
  }

  /** UTF-16 offset → code point offset. An offset inside a surrogate pair maps to the pair's start. */
  toCodePoint(u16: number): number {
    if (this.astral.length === 0) {
      return Math.min(u16, this.text.length);
    }
    const astral = this.astral;
    const lo = firstIndexWhere(astral.length, (i) => astral[i] >= u16);
    // lo astral chars start before u16; if u16 is the low surrogate of astral[lo-1], snap back.
    if (lo > 0 && this.astral[lo - 1] === u16 - 1) {
      return u16 - 1 - (lo - 1);
    }
    return Math.min(u16, this.text.length) - lo;
  }

  /** The text between two code point offsets. */
  slice(start: number, end: number): string {
    return this.text.slice(this.toUtf16(start), this.toUtf16(end));
  }
}
