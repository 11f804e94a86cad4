import { describe, expect, it } from 'vitest';
import { InternTable } from '../../src/core/text/internTable';

describe('InternTable', () => {
  it('gives one entry per distinct substring, made once, whatever text it is read from', () => {
    let made = 0;
    const table = new InternTable((text) => ({ text, n: ++made }), 1000);
    const a = table.get('the war, the end', 0, 3);
    expect(a.text).toBe('the');
    expect(table.get('the war, the end', 9, 12)).toBe(a);
    expect(table.get('xthe', 1, 4)).toBe(a);
    expect(table.get('them', 0, 4).text).toBe('them');
    expect(table.get('th', 0, 2).text).toBe('th');
    expect(table.get('xyz', 1, 1)).toBe(table.get('abc', 2, 2));
    expect(made).toBe(4);
  });

  it('keeps every word apart past many entries (the table grows) and starts over past its limit', () => {
    const table = new InternTable((text) => ({ text }), 50_000);
    const words = Array.from({ length: 40_000 }, (_, i) => `w${i.toString(36)}`);
    const first = words.map((w) => table.get(` ${w} `, 1, w.length + 1));
    words.forEach((w, i) => {
      expect(first[i].text).toBe(w);
      expect(table.get(w, 0, w.length)).toBe(first[i]);
    });
    table.trim();
    expect(table.get(words[0], 0, words[0].length)).toBe(first[0]);
    for (let i = 0; i < 20_000; i++) table.get(`v${i}`, 0, `v${i}`.length);
    table.trim();
    const again = table.get(words[0], 0, words[0].length);
    expect(again).not.toBe(first[0]);
    expect(again.text).toBe(words[0]);
  });
});
