/**
 * Where an annotation is, for lists of annotations (the Annotations view, pickers): its 1-based line and a
 * one-line snippet of the text around it. Offsets are code points.
 */
import { firstIndexWhere } from '../text/binarySearch';
import type { TextIndex } from '../text/textIndex';

export interface Snippet {
  /** 1-based line of the annotation's start. */
  line: number;
  /** The quote with up to `width` characters either side, cut at line ends, whitespace folded. */
  text: string;
}

/** Line starts (UTF-16) of a text, for repeated lookups. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly index: TextIndex) {
    const t = index.text;
    for (let i = t.indexOf('\n'); i !== -1; i = t.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** 1-based line of code point offset `cp`. */
  lineOf(cp: number): number {
    const u = this.index.toUtf16(cp);
    return firstIndexWhere(this.starts.length, (i) => this.starts[i] > u);
  }

  snippet(start: number, end: number, width = 30): Snippet {
    const t = this.index.text;
    const s = this.index.toUtf16(start);
    const e = this.index.toUtf16(end);
    const line = this.lineOf(start);
    const lineStart = this.starts[line - 1];
    const nl = t.indexOf('\n', e);
    const lineEnd = nl === -1 ? t.length : nl;
    const from = Math.max(lineStart, s - width);
    const to = Math.min(lineEnd, e + width);
    const fold = (x: string) => x.replace(/\s+/g, ' ');
    const before = fold(t.slice(from, s)).replace(/^\S*\s/, from > lineStart ? '' : '$&');
    const after = fold(t.slice(e, to)).replace(/\s\S*$/, to < lineEnd ? '' : '$&');
    return { line, text: `${from > lineStart ? '…' : ''}${before}${fold(t.slice(s, e))}${after}${to < lineEnd ? '…' : ''}`.trim() };
  }
}
