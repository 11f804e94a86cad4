/**
 * Work per document must grow linearly with its size. Nothing is timed (figures live in
 * test/bench/scaleBench.mjs): the tests count reads instead, through getters and a proxy, which a quadratic
 * implementation multiplies by the input size.
 */
import { describe, expect, it } from 'vitest';
import type { DetectedMention, Mention } from '../../src/core/model';
import { detect } from '../../src/core/detection/detect';
import { mergeSuggestions } from '../../src/core/review/mergeSuggestions';
import { emptySidecar } from '../../src/core/sidecar/sidecarFormat';
import { splitSentences } from '../../src/core/text/splitSentences';
import { TestGazetteer } from './detectFixtures';

/** A string that counts every property read (characters, `length`, methods). */
function countingString(s: string): { text: string; reads: () => number } {
  let reads = 0;
  const target = new String(s);
  const proxy = new Proxy(target, {
    get(t, key) {
      reads++;
      const v = Reflect.get(t, key) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
    },
  });
  return { text: proxy as unknown as string, reads: () => reads };
}

describe('linear time per document', () => {
  it('reads each existing id once per merge, not once per added suggestion', () => {
    const n = 2000;
    const text = 'Mosul '.repeat(2 * n);
    let idReads = 0;
    const accepted: Mention[] = [];
    for (let i = 0; i < n; i++) {
      const m = { label: 'PLACE', start: i * 6, end: i * 6 + 5, text: 'Mosul', status: 'accepted', origin: 'manual' } as Mention;
      Object.defineProperty(m, 'id', { enumerable: true, get: () => (idReads++, `m${i + 1}`) });
      accepted.push(m);
    }
    const detected: DetectedMention[] = [];
    for (let i = n; i < 2 * n; i++) detected.push({ label: 'PLACE', start: i * 6, end: i * 6 + 5, text: 'Mosul', origin: 'gazetteer' });
    const r = mergeSuggestions({ ...emptySidecar('a.txt', 'x'), mentions: accepted }, { mentions: detected, attributions: [] }, text);
    expect(r.added).toBe(n);
    expect(new Set(r.sidecar.mentions.map((m) => m.id)).size).toBe(2 * n);
    expect(idReads).toBeLessThan(10 * n);
  });

  it('reads each character of a run of dotted initials ("A.A.A.") a bounded number of times', () => {
    const s = `${'A.'.repeat(2000)} Then it ended. Next one.`;
    const { text, reads } = countingString(s);
    const sentences = splitSentences(text);
    expect(sentences.at(-1)).toEqual({ start: s.length - 'Next one.'.length, end: s.length });
    expect(reads()).toBeLessThan(40 * s.length);
  });

  it('looks at a bounded window of a run-on sentence per reporting verb ("officials said " x2000, one 30 KB sentence)', () => {
    // ("said " x4000 has no attribution at all: a reporting verb is not a source)
    expect(detect('said '.repeat(4000), new TestGazetteer([])).attributions).toEqual([]);
    const { attributions } = detect('officials said '.repeat(2000), new TestGazetteer([]));
    expect(attributions.length).toBeGreaterThan(1000);
    const quoted = attributions.reduce((n, a) => n + (a.content?.text.length ?? 0) + (a.source?.text.length ?? 0), 0);
    expect(quoted).toBeLessThan(2100 * attributions.length);
  });
});
