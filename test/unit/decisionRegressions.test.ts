/**
 * Cases the decision fuzz (decisionFuzz.test.ts) found, each reduced to a few lines: merges that put a
 * decision on the wrong item or dropped it, and re-anchoring that moved a span onto a copy of its words.
 */
import { describe, expect, it } from 'vitest';
import type { Attribution, Mention, Sidecar } from '../../src/core/model';
import { mergeSidecars } from '../../src/core/sidecar/mergeSidecars';
import { emptySidecar } from '../../src/core/sidecar/sidecarFormat';
import { renderSidecar } from '../../src/core/sidecar/renderSidecar';
import { SidecarStore } from '../../src/core/sidecar/sidecarStore';
import { acceptItem, addMention, mergeSuggestions, rejectItem } from '../../src/core/review/mergeSuggestions';
import { addContext, reanchor } from '../../src/core/anchoring/reanchor';
import { sha256Hex } from '../../src/core/text/decodeText';
import { MemoryFileSystem } from './memoryFileSystem';

const TEXT = 'ISIL fighters took Mosul on Tuesday. Peshmerga units moved towards Kirkuk.';
const SHA = sha256Hex(new TextEncoder().encode(TEXT));
const at = (quote: string) => [...TEXT.slice(0, TEXT.indexOf(quote))].length;
function mention(id: string, quote: string, label: Mention['label'] = 'PLACE', status: Mention['status'] = 'suggested'): Mention {
  const start = at(quote);
  return { id, label, start, end: start + [...quote].length, text: quote, status, origin: 'gazetteer' };
}
const sidecar = (mentions: Mention[], attributions: Attribution[] = []): Sidecar => addContext({ ...emptySidecar('a.txt', SHA), mentions, attributions }, TEXT);

describe('merges found by the decision fuzz', () => {
  it('keeps our accept on its item when they gave its id to another item', () => {
    const base = sidecar([mention('m5', 'Mosul')]);
    const ours = acceptItem(base, 'm5');
    const theirs = sidecar([mention('m5', 'Kirkuk')]); // Mosul dropped, the id reused for Kirkuk
    const merged = mergeSidecars(base, ours, theirs).sidecar.mentions;
    expect(merged.filter((m) => m.status === 'accepted').map((m) => m.text)).toEqual(['Mosul']);
    expect(merged.find((m) => m.text === 'Kirkuk')).toMatchObject({ id: 'm5', status: 'suggested' });
  });

  it('does not turn our accepted PLACE into their ACTOR suggestion on the same span', () => {
    const base = sidecar([mention('m2', 'Peshmerga', 'PLACE')]);
    const theirs = sidecar([mention('m2', 'Peshmerga', 'ACTOR')]);
    const merged = mergeSidecars(base, acceptItem(base, 'm2'), theirs).sidecar.mentions;
    expect(merged.some((m) => m.label === 'PLACE' && m.status === 'accepted')).toBe(true);
  });

  it('keeps their new item when we rejected the old one that had its id', () => {
    const base = sidecar([mention('m5', 'Mosul')]);
    const ours = rejectItem(base, 'm5');
    const theirs = sidecar([{ ...mention('m5', 'Kirkuk'), status: 'accepted' }]);
    const merged = mergeSidecars(base, ours, theirs).sidecar;
    expect(merged.mentions.map((m) => [m.text, m.status])).toEqual([['Kirkuk', 'accepted']]);
    expect(merged.rejected.map((r) => r.text)).toEqual(['Mosul']);
  });

  it('drops a suggestion re-created under a new id when the other side rejected it', () => {
    const base = sidecar([mention('m1', 'Mosul')]);
    const theirs = rejectItem(base, 'm1');
    const ours = sidecar([mention('m7', 'Mosul')]); // annotate dropped m1 and proposed the same span anew
    expect(mergeSidecars(base, ours, theirs).sidecar.mentions).toEqual([]);
  });

  it('leaves one suggestion when both sides proposed the same one under different ids', () => {
    const base = sidecar([]);
    const merged = mergeSidecars(base, sidecar([mention('m1', 'Mosul')]), sidecar([mention('m2', 'Mosul')])).sidecar;
    expect(merged.mentions.map((m) => m.text)).toEqual(['Mosul']);
  });

  it('removes a kept suggestion that a rejection now covers (annotate)', () => {
    const s = { ...sidecar([mention('m1', 'Mosul')]), rejected: [{ kind: 'mention' as const, label: 'PLACE', start: at('Mosul'), end: at('Mosul') + 5, text: 'Mosul' }] };
    const detected = { mentions: [{ label: 'PLACE' as const, start: at('Mosul'), end: at('Mosul') + 5, text: 'Mosul', origin: 'gazetteer' as const }], attributions: [] };
    expect(mergeSuggestions(s, detected, TEXT).sidecar.mentions).toEqual([]);
  });

  it('gives the in-memory sidecar its decisions back after a merged save (rebase)', async () => {
    const fs = new MemoryFileSystem({ '/w/a.txt': TEXT, '/w/a.ann.yaml': renderSidecar(sidecar([mention('m1', 'Mosul'), mention('m2', 'Kirkuk')])) });
    const store = new SidecarStore(fs);
    const loaded = await store.load('/w/a.txt');
    const sent = acceptItem(loaded.sidecar!, 'm1');
    fs.put('/w/a.ann.yaml', renderSidecar(addMention(loaded.sidecar!, TEXT, { start: 0, end: 4, label: 'ACTOR' }).sidecar)); // someone else
    const saving = store.save(loaded, sent);
    const now = acceptItem(sent, 'm2'); // accepted while the save runs
    const r = await saving;
    const kept = r.rebase(now);
    expect(kept.mentions.filter((m) => m.status === 'accepted').map((m) => m.text).sort()).toEqual(['ISIL', 'Kirkuk', 'Mosul']);
    expect(r.sidecar.mentions.find((m) => m.text === 'Kirkuk')?.status).toBe('suggested');
  });
});

describe('re-anchoring found by the decision fuzz', () => {
  it('keeps an orphan an orphan unless its quote and whole recorded context are found again', () => {
    const text = '"We will return," the governor said. "We will return," the governor said.';
    const s = addContext({ ...emptySidecar('a.txt', 'x'), mentions: [{ id: 'm1', label: 'ACTOR', start: 1, end: 3, text: 'We', status: 'accepted', origin: 'manual' }] }, text);
    const orphaned = { ...s, mentions: s.mentions.map((m) => ({ ...m, orphan: true })) };
    const edited = `ISIL ${text.replace('return', 'rurn')}`; // the first copy edited: the second now matches its suffix
    expect(reanchor(orphaned, edited).sidecar.mentions[0].orphan).toBe(true);
  });

});
