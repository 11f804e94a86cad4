import { describe, expect, it } from 'vitest';
import { evaluate, formatReport, type Annotations } from '../../src/core/corpus/evaluate';
import type { Mention, Sidecar } from '../../src/core/model';

function mention(id: string, label: 'ACTOR' | 'PLACE', start: number, end: number, entity: string): Mention {
  return { id, label, start, end, text: 'x'.repeat(end - start), entity, status: 'accepted', origin: 'manual' };
}

const gold: Sidecar = {
  version: 1,
  document: { text: 'a.txt', sha256: '0', status: 'reviewed' },
  mentions: [mention('m1', 'ACTOR', 0, 4, 'isil'), mention('m2', 'PLACE', 10, 16, 'qaim'), mention('m3', 'ACTOR', 20, 24, 'isil'), mention('m4', 'PLACE', 30, 36, 'mosul')],
  attributions: [
    { id: 'a1', cue: { start: 40, end: 44, text: 'said' }, source: { start: 45, end: 54, text: 'officials' }, kind: 'anonymous', direct: false, status: 'accepted' },
    { id: 'a2', cue: { start: 60, end: 64, text: 'told' }, source: { start: 50, end: 59, text: 'x' }, kind: 'named', direct: true, status: 'accepted' },
  ],
  events: [],
  rejected: [],
};

describe('evaluate', () => {
  it('scores a perfect prediction as 1 everywhere', () => {
    const r = evaluate([gold], [gold]);
    expect(r.exact.ALL).toMatchObject({ precision: 1, recall: 1, f1: 1, tp: 4 });
    expect(r.linking).toMatchObject({ pairs: 6, agreed: 6, accuracy: 1 });
    expect(r.attributions).toMatchObject({ cueRecall: 1, sourceRecall: 1, kindAccuracy: 1, directAccuracy: 1 });
  });

  it('separates exact from overlap matches and counts errors', () => {
    const predicted: Annotations = {
      mentions: [
        { label: 'ACTOR', start: 0, end: 4, entity: 'a' },
        { label: 'PLACE', start: 9, end: 16, entity: 'b' }, // overlaps m2, not exact
        { label: 'ACTOR', start: 20, end: 24, entity: 'c' }, // splits the isil entity
        { label: 'ACTOR', start: 30, end: 36, entity: 'd' }, // wrong label for m4
      ],
      attributions: [{ cue: { start: 40, end: 44 }, source: { start: 45, end: 50 }, kind: 'named', direct: false }],
    };
    const r = evaluate([gold], [predicted]);
    expect(r.exact.ACTOR).toMatchObject({ tp: 2, fp: 1, fn: 0 });
    expect(r.exact.PLACE).toMatchObject({ tp: 0, fp: 1, fn: 2 });
    expect(r.overlap.PLACE).toMatchObject({ tp: 1, fp: 0, fn: 1 });
    expect(r.overlap.ALL.f1).toBeCloseTo((2 * (3 / 4) * (3 / 4)) / (3 / 4 + 3 / 4));
    // one exact pair (m1, m3): gold says same entity, prediction says different
    expect(r.linking).toMatchObject({ pairs: 1, agreed: 0, accuracy: 0 });
    expect(r.attributions).toMatchObject({ cuesFound: 1, cueRecall: 0.5, sourcesFound: 1, sourceRecall: 0.5, kindCorrect: 0, directCorrect: 1 });
  });

  it('ignores orphaned gold annotations and rejects mismatched inputs', () => {
    const withOrphan: Sidecar = { ...gold, mentions: [...gold.mentions, { ...mention('m5', 'ACTOR', 70, 75, 'z'), orphan: true }] };
    expect(evaluate([withOrphan], [gold]).exact.ALL.fn).toBe(0);
    expect(() => evaluate([gold], [])).toThrow(/1 gold documents but 0 predictions/);
  });

  it('refuses gold whose quotes do not match the text', () => {
    const text = 'ISIL took Qaim and Mosul said officials today told x';
    const stale: Sidecar = { ...gold, mentions: [mention('m1', 'ACTOR', 0, 4, 'isil')], attributions: [] };
    expect(() => evaluate([stale], [stale], [text])).toThrow(/does not match its text at 0-4/);
    const fresh: Sidecar = { ...stale, mentions: [{ ...stale.mentions[0], text: 'ISIL' }] };
    expect(evaluate([fresh], [fresh], [text]).exact.ALL.f1).toBe(1);
  });

  it('formats a readable table', () => {
    const text = formatReport(evaluate([gold], [gold]));
    expect(text).toContain('ACTOR   exact');
    expect(text).toContain('cue recall');
    expect(text).toContain('a.txt');
  });
});
