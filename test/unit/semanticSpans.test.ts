import { describe, expect, it } from 'vitest';
import { semanticSpans } from '../../src/core/review/semanticSpans';
import { annotationsAt, occurrences } from '../../src/core/review/annotationQueries';
import type { Sidecar } from '../../src/core/model';

const cps = (s: string) => Array.from(s).length;

describe('semanticSpans', () => {
  it('gives line/character runs in UTF-16 after astral characters, split at line ends, CR left out', () => {
    const text = '🔥 ISIL in Al\r\nQaim said';
    const at = (q: string) => cps(text.slice(0, text.indexOf(q)));
    const runs = semanticSpans({
      mentions: [
        { label: 'ACTOR', start: at('ISIL'), end: at('ISIL') + 4, text: 'ISIL', status: 'accepted' },
        { label: 'PLACE', start: at('Al'), end: at('Al') + cps('Al\r\nQaim'), text: 'Al\r\nQaim' },
      ],
      attributions: [{ cue: { start: at('said'), end: at('said') + 4, text: 'said' }, kind: 'anonymous' }],
    }, text);
    expect(runs).toEqual([
      { line: 0, character: 3, length: 4, type: 'actor', modifiers: ['accepted'] },
      { line: 0, character: 11, length: 2, type: 'place', modifiers: ['suggested'] },
      { line: 1, character: 0, length: 4, type: 'place', modifiers: ['suggested'] },
      { line: 1, character: 5, length: 4, type: 'attributionCue', modifiers: ['suggested', 'anonymous'] },
    ]);
  });

  it('never overlaps runs and skips orphans', () => {
    const text = 'Iraqi security officials said';
    const runs = semanticSpans({
      mentions: [{ label: 'ACTOR', start: 0, end: 24, text: 'Iraqi security officials' }, { label: 'PLACE', start: 0, end: 5, text: 'Iraqi', orphan: true }],
      attributions: [{ cue: { start: 25, end: 29, text: 'said' }, source: { start: 0, end: 24, text: 'Iraqi security officials' }, kind: 'anonymous' }],
    }, text);
    for (let i = 1; i < runs.length; i++) expect(runs[i].character).toBeGreaterThanOrEqual(runs[i - 1].character + runs[i - 1].length);
    expect(runs.map((r) => r.type)).toEqual(['actor', 'attributionCue']);
  });
});

describe('annotation queries', () => {
  const sidecar: Sidecar = {
    version: 1,
    document: { text: 'a.txt', sha256: '0', status: 'draft' },
    mentions: [{ id: 'm1', label: 'ACTOR', start: 0, end: 4, text: 'ISIL', status: 'suggested', origin: 'gazetteer' }],
    attributions: [{ id: 'a1', cue: { start: 5, end: 9, text: 'said' }, content: { start: 10, end: 20, text: 'x' }, kind: 'anonymous', direct: false, status: 'suggested' }],
    events: [{ id: 'e1', type: 'Battles', subtype: 'Armed clash', start: 0, end: 20, text: 'x', status: 'accepted' }],
    rejected: [],
  };

  it('lists the most specific annotation first', () => {
    expect(annotationsAt(sidecar, 1).map((a) => a.kind)).toEqual(['mention', 'event']);
    expect(annotationsAt(sidecar, 6).map((a) => a.kind)).toEqual(['attribution', 'event']);
    expect(annotationsAt(sidecar, 12).map((a) => (a.kind === 'attribution' ? a.part : a.kind))).toEqual(['event', 'content']);
  });

  it('finds whole-word occurrences as code point ranges', () => {
    const text = '😀 Qaim, Qaimx and al-Qaim; Qaim';
    expect(occurrences(text, 'Qaim').map((o) => Array.from(text).slice(o.start, o.end).join(''))).toEqual(['Qaim', 'Qaim', 'Qaim']);
    expect(occurrences(text, 'Qaim')[0]).toEqual({ start: 2, end: 6 });
  });
});
