/**
 * Cases the decision fuzz (decisionFuzz.test.ts) found, each reduced to a few lines: merges that put a
 * decision on the wrong item or dropped it, and re-anchoring that moved a span onto a copy of its words.
 */
import { describe, expect, it } from 'vitest';
import type { Attribution, EventAnnotation, Mention, Sidecar } from '../../src/core/model';
import { mergeSidecars } from '../../src/core/sidecar/mergeSidecars';
import { emptySidecar } from '../../src/core/sidecar/sidecarFormat';
import { renderSidecar } from '../../src/core/sidecar/renderSidecar';
import { SidecarStore } from '../../src/core/sidecar/sidecarStore';
import { acceptItem, addMention, mergeSuggestions, rejectItem } from '../../src/core/review/mergeSuggestions';
import { addContext, reanchor } from '../../src/core/anchoring/reanchor';
import { sha256Hex } from '../../src/core/text/decodeText';
import { syncToText } from '../../src/core/review/annotateDocument';
import { MemoryFileSystem } from './memoryFileSystem';
import { annotateCorpus } from '../../src/core/corpus/annotateCorpus';
import { parseSidecar } from '../../src/core/sidecar/parseSidecar';
import { buildTestGazetteer } from './detectFixtures';

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

  it('keeps an accept of an item both sides added when the other side only suggests it (no sidecar before either)', () => {
    // an editor detects an article with no sidecar and accepts; annotate creates the sidecar with the same
    // suggestion first: the editor's save merges against nothing, and theirs used to win the status
    const empty = sidecar([]);
    const suggested = sidecar([mention('m1', 'Mosul'), mention('m2', 'Kirkuk')]);
    const accepted = { ...acceptItem(suggested, 'm1'), mentions: acceptItem(suggested, 'm1').mentions.map((m) => (m.id === 'm1' ? { ...m, by: 'amal', at: '2026-12-01T10:00:00Z' } : m)) };
    for (const [ours, theirs] of [
      [accepted, suggested],
      [suggested, accepted],
    ]) {
      const merged = mergeSidecars(empty, ours, theirs);
      expect(merged.sidecar.mentions.map((m) => [m.id, m.status])).toEqual([
        ['m1', 'accepted'],
        ['m2', 'suggested'],
      ]);
      expect(merged.sidecar.mentions[0]).toMatchObject({ by: 'amal' });
      expect(merged.conflicts).toBe(0);
    }
    // two annotators who both accepted it agree
    const alsoAccepted = { ...accepted, mentions: accepted.mentions.map((m) => (m.id === 'm1' ? { ...m, by: 'bo' } : m)) };
    expect(mergeSidecars(empty, accepted, alsoAccepted).sidecar.mentions.map((m) => m.status)).toEqual(['accepted', 'suggested']);
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

describe('event roles found by the decision fuzz', () => {
  const event = (place: string | undefined, status: EventAnnotation['status'] = 'suggested'): EventAnnotation => {
    const e: EventAnnotation = { id: 'e-1', type: 'Battles', subtype: 'Non-state actor overtakes territory', start: 0, end: at('Mosul') + 5, text: TEXT.slice(0, at('Mosul') + 5), status, origin: 'rule' };
    if (place) e.place = place;
    return e;
  };
  const withEvent = (mentions: Mention[], e: EventAnnotation): Sidecar => ({ ...sidecar(mentions), events: [e] });

  it('keeps the roles an event was accepted with when the other side cleared them (a stale suggestion dropped)', () => {
    const base = withEvent([mention('m-mosul', 'Mosul')], event('m-mosul'));
    const theirs = acceptItem(base, 'e-1', TEXT); // accepts the event and the mention it points to
    const ours = withEvent([], event(undefined)); // an editor whose reload dropped the stale suggestion
    const merged = mergeSidecars(base, ours, theirs).sidecar;
    expect(merged.events[0]).toMatchObject({ status: 'accepted', place: 'm-mosul' });
    expect(merged.mentions.map((m) => [m.id, m.status])).toEqual([['m-mosul', 'accepted']]);
  });

  it('keeps a suggested mention an accepted event points to when the other side dropped it', () => {
    const base = withEvent([mention('m-mosul', 'Mosul')], event('m-mosul'));
    const theirs = withEvent([mention('m-mosul', 'Mosul')], event('m-mosul', 'accepted')); // accepted in the file by hand
    const ours = withEvent([], event(undefined));
    const merged = mergeSidecars(base, ours, theirs).sidecar;
    expect(merged.events[0].place).toBe('m-mosul');
    expect(merged.mentions.map((m) => m.id)).toEqual(['m-mosul']);
  });

  it('points references to a duplicate left out of a merge at the one kept', () => {
    const base = sidecar([]);
    const ours = withEvent([mention('m-a', 'Mosul')], event('m-a'));
    const theirs = withEvent([mention('m-b', 'Mosul')], { ...event('m-b'), id: 'e-2', subtype: 'Armed clash' });
    const merged = mergeSidecars(base, ours, theirs).sidecar;
    expect(merged.mentions).toHaveLength(1);
    expect(merged.events.map((e) => e.place)).toEqual([merged.mentions[0].id, merged.mentions[0].id]);
  });

  it('does not drop a suggested mention an accepted event points to when the text changes', () => {
    const s = withEvent([mention('m-mosul', 'Mosul')], event('m-mosul', 'accepted'));
    const edited = TEXT.replace('Mosul', 'Mosul city'); // the suggestion no longer sits on its quote exactly
    const synced = syncToText(addContext(s, TEXT), `Update. ${edited}`, 'other').sidecar;
    expect(synced.events[0].place).toBe('m-mosul');
    expect(synced.mentions.map((m) => m.id)).toEqual(['m-mosul']);
  });
});

describe('suggestions an accepted event refers to', () => {
  it('are written whole, so that they are re-anchored with the event after an edit, not orphaned', async () => {
    const gazetteer = buildTestGazetteer();
    const text = 'MOSUL, 1 June 2014\n\nISIL fighters attacked Mosul on Monday, officials said.\n';
    const fs = new MemoryFileSystem({ '/ws/a.txt': text });
    const annotate = () => annotateCorpus(fs, { paths: ['/ws'], gazetteer: async () => gazetteer }, { progress: () => {}, problem: (p) => expect.fail(p.message), annotated: () => {} });
    await annotate();
    const path = '/ws/a.ann.yaml';
    const before = parseSidecar(fs.text(path)!).sidecar!;
    const event = before.events.find((e) => e.attribution !== undefined)!;
    expect(event).toBeDefined();
    // a person accepts the event in the file (its attribution stays a suggestion), then the text changes
    fs.put(path, fs.text(path)!.replace(new RegExp(`(\\{id: ${event.id},.*)\\}$`, 'm'), '$1, status: accepted}'));
    await annotate();
    const yaml = fs.text(path)!;
    expect(yaml).toMatch(new RegExp(`\\{id: ${event.attribution}, cue: \\{start: \\d+, end: \\d+, text: "said"`));
    fs.put('/ws/a.txt', `Updated on Tuesday.\n${text}`);
    await annotate();
    const after = parseSidecar(fs.text(path)!).sidecar!;
    const attribution = after.attributions.find((a) => a.id === event.attribution)!;
    expect(after.events.find((e) => e.id === event.id)).toMatchObject({ status: 'accepted', attribution: event.attribution });
    expect(attribution.orphan).toBeUndefined();
    const shifted = `Updated on Tuesday.\n${text}`;
    for (const span of [attribution.cue, attribution.source!, attribution.content!]) expect(shifted.slice(span.start, span.end)).toBe(span.text);
  });
});

describe('rejections found by the decision fuzz', () => {
  it('drops a suggestion left on the place a rejection was re-anchored to', () => {
    const text = 'Officials said it. Residents said so.';
    const cue = (start: number) => ({ start, end: start + 4, text: 'said' });
    const s: Sidecar = {
      ...emptySidecar('a.txt', 'x'),
      attributions: [{ id: 'a-2', cue: cue(29), kind: 'anonymous', direct: false, status: 'suggested', origin: 'rule' }],
      rejected: [{ kind: 'attribution', ...cue(10) }],
    };
    const withContexts = { ...s, rejected: addContext(s, text).rejected };
    // 19 code points at the top: the rejected "said" moves to 29, where the other suggestion's quote now is
    const synced = syncToText(withContexts, `Update: corrected. ${text}`, 'y').sidecar;
    expect(synced.rejected.map((r) => [r.start, r.orphan])).toEqual([[29, undefined]]);
    expect(synced.attributions.filter((a) => a.cue.start === 29)).toEqual([]);
  });
});

describe('rejected events found by the decision fuzz', () => {
  const text = 'ISIL attacked Baghdad. Then ISIL attacked Baghdad.';
  const event = (id: string, start: number): EventAnnotation => ({ id, type: 'Battles', subtype: 'Armed clash', start, end: start + 21, text: 'ISIL attacked Baghdad', status: 'suggested', origin: 'rule' });
  const rejection = (start: number) => ({ kind: 'event' as const, label: 'Battles/Armed clash', start, end: start + 21, text: 'ISIL attacked Baghdad' });

  it('removes a kept event suggestion that a rejection now covers (annotate)', () => {
    const s: Sidecar = { ...emptySidecar('a.txt', 'x'), events: [event('e-1', 28)], rejected: [rejection(28)] };
    const detected = {
      mentions: [],
      attributions: [],
      events: [{ type: 'Battles', subtype: 'Armed clash', start: 28, end: 49, text: 'ISIL attacked Baghdad', trigger: { start: 33, end: 41, text: 'attacked' }, spans: [], civilianTargeting: false }],
    };
    expect(mergeSuggestions(s, detected, text).sidecar.events).toEqual([]);
  });

  it('drops an event suggestion left on the place a rejection was re-anchored to', () => {
    const s: Sidecar = { ...emptySidecar('a.txt', 'x'), events: [event('e-2', 28)], rejected: [rejection(0)] };
    const withContexts = { ...s, rejected: addContext(s, text).rejected };
    // 28 code points at the top: the rejected first sentence moves to 28, where the other suggestion's quote now is
    const synced = syncToText(withContexts, `UPDATE: this was corrected. ${text}`, 'y').sidecar;
    expect(synced.rejected.map((r) => [r.start, r.orphan])).toEqual([[28, undefined]]);
    expect(synced.events.filter((e) => e.start === 28)).toEqual([]);
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
