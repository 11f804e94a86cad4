/** Line tables give the positions VS Code would (line, UTF-16 character) for code point offsets. */
import { describe, expect, it } from 'vitest';
import { lineTableOf, positionIn } from '../../src/core/text/lineTable';
import { TextIndex } from '../../src/core/text/textIndex';

/** The expected position, from the text itself. */
function reference(text: string, cp: number): [number, number] {
  const u = new TextIndex(text).toUtf16(cp);
  const before = text.slice(0, u);
  const line = before.split('\n').length - 1;
  return [line, u - (before.lastIndexOf('\n') + 1)];
}

describe('lineTable', () => {
  it('matches positions taken from the text, with and without astral characters', () => {
    for (const text of ['', 'one line', 'a\nbc\n\ndef\n', 'x😀y\n😀😀 z\nend 𝔸\n', '\n\n😀\n']) {
      const table = lineTableOf(text);
      const length = new TextIndex(text).length;
      for (let cp = 0; cp <= length; cp++) expect([cp, positionIn(table, cp)]).toEqual([cp, reference(text, cp)]);
    }
  });

  it('stores only line starts and astral offsets', () => {
    expect(lineTableOf('ab\ncd\n')).toEqual([[3, 6], []]);
    expect(lineTableOf('a😀\nb')).toEqual([[3], [1]]);
  });
});
