import { describe, expect, it } from 'vitest';
import { itemAtSelection, reviewItems, stepItem } from '../../src/core/review/reviewNavigation';
import { annotationCounts, formatProgress, reviewProgress } from '../../src/core/review/annotationCounts';
import { emptySidecar } from '../../src/core/sidecar/sidecarFormat';
import type { Sidecar } from '../../src/core/model';

function sidecar(): Sidecar {
  return {
    ...emptySidecar('a.txt', '0'.repeat(64)),
    mentions: [
      { id: 'm1', label: 'ACTOR', start: 0, end: 4, text: 'ISIL', status: 'suggested', origin: 'gazetteer' },
      { id: 'm2', label: 'PLACE', start: 10, end: 15, text: 'Mosul', status: 'accepted', origin: 'gazetteer' },
      { id: 'm3', label: 'ACTOR', start: 36, end: 40, text: 'army', status: 'suggested', origin: 'rule' },
      { id: 'm4', label: 'PLACE', start: 60, end: 66, text: 'Kirkuk', status: 'suggested', origin: 'gazetteer', orphan: true },
    ],
    attributions: [{ id: 'a1', cue: { start: 27, end: 31, text: 'said' }, source: { start: 17, end: 26, text: 'Officials' }, kind: 'anonymous', direct: false, status: 'suggested' }],
    events: [{ id: 'e1', type: 'Battles', subtype: 'Armed clash', start: 0, end: 16, text: 'ISIL took Mosul.', status: 'accepted' }],
    rejected: [{ kind: 'mention', label: 'ACTOR', start: 17, end: 26, text: 'Officials' }],
  };
}

describe('review navigation', () => {
  it('lists placed suggestions in text order and steps through them, wrapping around', () => {
    const items = reviewItems(sidecar(), true);
    expect(items.map((x) => x.id)).toEqual(['m1', 'a1', 'm3']);
    expect(stepItem(items, 0, 0, 1)?.id).toBe('m1');
    expect(stepItem(items, 0, 4, 1)?.id).toBe('a1');
    expect(stepItem(items, 36, 40, 1)?.id).toBe('m1');
    expect(stepItem(items, 27, 31, -1)?.id).toBe('m1');
    expect(stepItem(items, 0, 4, -1)?.id).toBe('m3');
    expect(stepItem([], 0, 0, 1)).toBeUndefined();
    expect(reviewItems(sidecar(), false).map((x) => x.id)).toEqual(['m1', 'e1', 'm2', 'a1', 'm3']);
  });

  it('finds the item at a selection or cursor: exact span first, mentions before events', () => {
    const s = sidecar();
    expect(itemAtSelection(s, 0, 4)?.id).toBe('m1');
    expect(itemAtSelection(s, 0, 16)?.id).toBe('e1');
    expect(itemAtSelection(s, 2, 2)?.id).toBe('m1');
    expect(itemAtSelection(s, 4, 4)?.id).toBe('e1');
    expect(itemAtSelection(s, 40, 40)?.id).toBe('m3');
    expect(itemAtSelection(s, 12, 12, true)?.id).toBe('m2');
    expect(itemAtSelection(s, 50, 50)).toBeUndefined();
  });

  it('counts once for every view: orphans apart, a rejection is a decision', () => {
    const c = annotationCounts(sidecar());
    expect(c).toMatchObject({ accepted: 2, suggested: 3, rejected: 1, orphaned: 1, events: 1, attributions: { named: 0, anonymous: 1 } });
    expect(c.mentions).toEqual({ ACTOR: { accepted: 0, suggested: 2 }, PLACE: { accepted: 1, suggested: 0 } });
    const p = reviewProgress(c);
    expect(p).toEqual({ decided: 3, total: 6, done: false });
    expect(formatProgress(p)).toBe('3/6');
  });
});

describe('context snippets', () => {
  it('gives the line and a one-line snippet cut at word boundaries', async () => {
    const { LineIndex } = await import('../../src/core/review/contextSnippet');
    const { TextIndex } = await import('../../src/core/text/textIndex');
    const text = 'Headline here\nISIL fighters seized the town of Al-Qaim on Friday, officials in Baghdad said.\n';
    const lines = new LineIndex(new TextIndex(text));
    const at = text.indexOf('Al-Qaim');
    expect(lines.snippet(at, at + 7)).toEqual({ line: 2, text: '…fighters seized the town of Al-Qaim on Friday, officials in…' });
    expect(lines.snippet(0, 8)).toEqual({ line: 1, text: 'Headline here' });
    expect(lines.lineOf(text.length)).toBe(3);
  });
});

describe('entity choices of the event role pickers', () => {
  it('lists each entity once with context, the pre-filled choice first, then entities in the event', async () => {
    const { entityChoices } = await import('../../src/core/review/entityChoices');
    const { TextIndex } = await import('../../src/core/text/textIndex');
    const text = 'ISIL took Mosul.\nThe army fled as ISIL advanced on Tikrit.\nISIL and the army fought near Mosul again.';
    const at = (q: string, n = 0) => {
      let i = -1;
      for (let k = 0; k <= n; k++) i = text.indexOf(q, i + 1);
      return { start: i, end: i + q.length };
    };
    const m = (id: string, q: string, n: number, label: 'ACTOR' | 'PLACE', entity: string) => ({ id, label, ...at(q, n), text: q, entity, status: 'suggested' as const, origin: 'gazetteer' as const });
    const s = {
      ...emptySidecar('a.txt', '0'.repeat(64)),
      mentions: [m('m1', 'ISIL', 0, 'ACTOR', 'isil'), m('m2', 'army', 0, 'ACTOR', 'army'), m('m3', 'ISIL', 1, 'ACTOR', 'isil'), m('m4', 'ISIL', 2, 'ACTOR', 'isil'), m('m5', 'army', 1, 'ACTOR', 'army'), m('m6', 'Mosul', 0, 'PLACE', 'mosul')],
    };
    const event = { start: at('The army').start, end: at('Tikrit.').end };
    const rows = entityChoices(s, new TextIndex(text), 'ACTOR', event, 'm4', (id) => ({ isil: 'Islamic State', army: 'Iraqi Army' })[id]);
    expect(rows.map((r) => [r.label, r.id])).toEqual([['Islamic State', 'm4'], ['Iraqi Army', 'm2']]);
    expect(rows[0].description).toBe('pre-filled · 3 mentions · suggested');
    expect(rows[1]).toMatchObject({ inEvent: true, detail: 'L2: The army fled as ISIL advanced on Tikrit.' });
    expect(entityChoices(s, new TextIndex(text), 'PLACE', event).map((r) => r.label)).toEqual(['Mosul']);
  });
});
