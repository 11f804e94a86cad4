import { describe, expect, it } from 'vitest';
import { acceptAll, acceptItem, addMention, mergeSuggestions, rejectItem, removeItem, upsertEvent } from '../../src/core/review/mergeSuggestions';
import { emptySidecar } from '../../src/core/sidecar/sidecarFormat';
import { attributionSeed, eventSeed, hash64, mentionSeed } from '../../src/core/sidecar/idAllocator';
import type { Detection, MentionLabel, Sidecar } from '../../src/core/model';

const text = 'ISIL took Mosul. Officials said the army fled. 😀 Kirkuk';
//            0123456789012345678901234567890123456789012345 6 78901234
const det = (): Detection => ({
  mentions: [
    { label: 'ACTOR', start: 0, end: 4, text: 'ISIL', entity: 'isil', origin: 'gazetteer' },
    { label: 'PLACE', start: 10, end: 15, text: 'Mosul', entity: 'mosul', origin: 'gazetteer' },
    { label: 'ACTOR', start: 36, end: 40, text: 'army', origin: 'rule' },
    { label: 'PLACE', start: 49, end: 55, text: 'Kirkuk', origin: 'gazetteer' },
  ],
  attributions: [{ cue: { start: 27, end: 31, text: 'said' }, source: { start: 17, end: 26, text: 'Officials' }, content: { start: 32, end: 45, text: 'the army fled' }, kind: 'anonymous', direct: false }],
});

function base(): Sidecar {
  return emptySidecar('a.txt', '0'.repeat(64));
}

/** The id detection gives a mention (the same on every machine). */
const mid = (label: MentionLabel, start: number, end: number) => `m-${hash64(mentionSeed({ label, start, end, text: [...text].slice(start, end).join('') })).slice(0, 6)}`;
const ISIL = mid('ACTOR', 0, 4);
const MOSUL = mid('PLACE', 10, 15);
const ARMY = mid('ACTOR', 36, 40);
const KIRKUK = mid('PLACE', 49, 55);
const SAID = `a-${hash64(attributionSeed({ cue: { start: 27, end: 31, text: 'said' } })).slice(0, 6)}`;

describe('mergeSuggestions', () => {
  it('adds new suggestions with hash ids and code point offsets, without context', () => {
    const r = mergeSuggestions(base(), det(), text);
    expect(r).toMatchObject({ added: 5, removed: 0 });
    expect(r.sidecar.mentions.map((m) => [m.id, m.text, m.status])).toEqual([
      [ISIL, 'ISIL', 'suggested'],
      [MOSUL, 'Mosul', 'suggested'],
      [ARMY, 'army', 'suggested'],
      [KIRKUK, 'Kirkuk', 'suggested'],
    ]);
    expect(ISIL).toMatch(/^m-[0-9a-f]{6}$/);
    expect(r.sidecar.mentions[3]).toEqual({ id: KIRKUK, label: 'PLACE', start: 49, end: 55, text: 'Kirkuk', status: 'suggested', origin: 'gazetteer' });
    expect(r.sidecar.attributions[0]).toEqual({ id: SAID, status: 'suggested', origin: 'rule', kind: 'anonymous', direct: false, cue: { start: 27, end: 31, text: 'said' }, source: { start: 17, end: 26, text: 'Officials' }, content: { start: 32, end: 45, text: 'the army fled' } });
  });

  it('gives the same suggestion the same id whatever else the sidecar holds', () => {
    const other = { ...base(), mentions: [{ id: 'm1', label: 'ACTOR' as const, start: 17, end: 26, text: 'Officials', status: 'accepted' as const, origin: 'manual' as const }] };
    const a = mergeSuggestions(base(), det(), text).sidecar.mentions.map((m) => m.id);
    const b = mergeSuggestions(other, det(), text).sidecar.mentions.map((m) => m.id);
    expect(b).toEqual(['m1', ...a]);
  });

  it('is stable when run twice', () => {
    const once = mergeSuggestions(base(), det(), text).sidecar;
    const twice = mergeSuggestions(once, det(), text);
    expect(twice).toMatchObject({ added: 0, removed: 0 });
    expect(twice.sidecar).toEqual(once);
  });

  it('never removes or changes accepted items, and does not duplicate them', () => {
    let s = mergeSuggestions(base(), det(), text).sidecar;
    s = acceptItem(s, ARMY);
    s = { ...s, mentions: s.mentions.map((m) => (m.id === ARMY ? { ...m, entity: 'iraqi-army' } : m)) };
    const r = mergeSuggestions(s, { mentions: [{ label: 'ACTOR', start: 36, end: 40, text: 'army', entity: 'other', origin: 'rule' }], attributions: [] }, text);
    expect(r.sidecar.mentions).toEqual([expect.objectContaining({ id: ARMY, status: 'accepted', entity: 'iraqi-army' })]);
    expect(r.removed).toBe(4); // three stale mentions and the stale attribution
    expect(r.added).toBe(0);
  });

  it('never re-adds a rejected suggestion, but does add one with another label', () => {
    let s = mergeSuggestions(base(), det(), text).sidecar;
    s = rejectItem(s, MOSUL);
    s = rejectItem(s, SAID);
    expect(s.rejected).toEqual([
      { kind: 'mention', label: 'PLACE', start: 10, end: 15, text: 'Mosul' },
      { kind: 'attribution', start: 27, end: 31, text: 'said' },
    ]);
    const d = det();
    d.mentions.push({ label: 'ACTOR', start: 10, end: 15, text: 'Mosul', origin: 'rule' });
    const r = mergeSuggestions(s, d, text);
    expect(r.added).toBe(1);
    expect(r.sidecar.mentions.filter((m) => m.text === 'Mosul').map((m) => m.label)).toEqual(['ACTOR']);
    expect(r.sidecar.attributions).toEqual([]);
  });

  it('drops stale suggestions but keeps those an accepted event points to, so it never loses a role', () => {
    let s = mergeSuggestions(base(), det(), text).sidecar;
    const added = upsertEvent(s, { type: 'Battles', subtype: 'Armed clash', start: 0, end: 15, text: 'ISIL took Mosul', actor1: ISIL, place: MOSUL, attribution: SAID, status: 'accepted' });
    s = added.sidecar;
    const r = mergeSuggestions(s, { mentions: det().mentions.slice(0, 1), attributions: [] }, text);
    expect(r.removed).toBe(2);
    expect(r.sidecar.mentions.map((m) => m.id)).toEqual([ISIL, MOSUL]);
    expect(r.sidecar.attributions.map((a) => a.id)).toEqual([SAID]);
    expect(r.sidecar.events[0]).toEqual({ id: added.id, type: 'Battles', subtype: 'Armed clash', start: 0, end: 15, text: 'ISIL took Mosul', actor1: ISIL, place: MOSUL, attribution: SAID, status: 'accepted' });
  });

  it('clears references of a suggested event to stale suggestions', () => {
    let s = mergeSuggestions(base(), det(), text).sidecar;
    const added = upsertEvent(s, { type: 'Battles', subtype: 'Armed clash', start: 0, end: 15, text: 'ISIL took Mosul', actor1: ISIL, place: MOSUL, attribution: SAID, status: 'suggested', origin: 'rule' });
    s = added.sidecar;
    const r = mergeSuggestions(s, { mentions: det().mentions.slice(0, 1), attributions: [] }, text);
    expect(r.removed).toBe(4);
    expect(r.sidecar.events[0]).toEqual({ id: added.id, type: 'Battles', subtype: 'Armed clash', start: 0, end: 15, text: 'ISIL took Mosul', actor1: ISIL, status: 'suggested', origin: 'rule' });
  });

  it('drops an attribution suggestion whose source or content changed, and proposes the new one', () => {
    const s = mergeSuggestions(base(), det(), text).sidecar;
    const d = det();
    d.attributions[0] = { ...d.attributions[0], content: undefined, kind: 'named' };
    const r = mergeSuggestions(s, d, text);
    expect(r).toMatchObject({ added: 1, removed: 1 });
    expect(r.sidecar.attributions).toEqual([expect.objectContaining({ id: SAID, kind: 'named', status: 'suggested' })]);
    expect(r.sidecar.attributions[0].content).toBeUndefined();
  });

  it('ignores detections outside the text and duplicates within one detection', () => {
    const d = det();
    d.mentions.push({ ...d.mentions[0] }, { label: 'PLACE', start: 50, end: 99, text: 'x', origin: 'rule' });
    expect(mergeSuggestions(base(), d, text).sidecar.mentions).toHaveLength(4);
  });

  it('does not modify its input', () => {
    const s = mergeSuggestions(base(), det(), text).sidecar;
    const copy = structuredClone(s);
    mergeSuggestions(s, { mentions: [], attributions: [] }, text);
    rejectItem(s, ISIL);
    acceptAll(s, text);
    expect(s).toEqual(copy);
  });
});

describe('review actions', () => {
  const merged = () => mergeSuggestions(base(), det(), text).sidecar;

  it('accepts one or all', () => {
    expect(acceptItem(merged(), MOSUL).mentions.map((m) => m.status)).toEqual(['suggested', 'accepted', 'suggested', 'suggested']);
    expect(acceptItem(merged(), 'nope')).toEqual(merged());
    const all = acceptAll(merged());
    expect([...all.mentions, ...all.attributions].every((x) => x.status === 'accepted')).toBe(true);
  });

  it('gives an accepted item its re-anchoring context, and records who and when', () => {
    const who = { by: 'amal', at: '2025-03-01T14:05:00Z' };
    const one = acceptItem(merged(), MOSUL, text, who);
    expect(one.mentions[1]).toEqual({ id: MOSUL, label: 'PLACE', start: 10, end: 15, text: 'Mosul', status: 'accepted', origin: 'gazetteer', entity: 'mosul', prefix: 'ISIL took ', suffix: '. Officials said the army fled. ', ...who });
    expect(one.mentions[0]).not.toHaveProperty('prefix');
    const all = acceptAll(merged(), text);
    expect(all.mentions[3]).toMatchObject({ prefix: expect.stringMatching(/fled\. 😀 $/), suffix: '' });
    expect(all.attributions[0]).toMatchObject({ cue: { text: 'said', prefix: 'ISIL took Mosul. Officials ' }, source: { suffix: expect.any(String) }, content: { prefix: expect.any(String) } });
    expect(all.mentions[0]).not.toHaveProperty('by');
    // an item whose quote is no longer at its offsets keeps what it had
    const moved = { ...merged(), mentions: merged().mentions.map((m) => (m.id === ISIL ? { ...m, start: 1, end: 5 } : m)) };
    expect(acceptItem(moved, ISIL, text).mentions[0]).not.toHaveProperty('prefix');
    expect(rejectItem(merged(), ISIL, undefined, who).rejected).toEqual([{ kind: 'mention', label: 'ACTOR', start: 0, end: 4, text: 'ISIL', ...who }]);
  });

  it('removes without remembering a rejection', () => {
    const e = upsertEvent(merged(), { type: 'Battles', subtype: 'Armed clash', start: 0, end: 15, text: 'ISIL took Mosul', actor1: ISIL, status: 'suggested' });
    const s = e.sidecar;
    const r = removeItem(s, ISIL);
    expect(r.mentions.map((m) => m.id)).toEqual([MOSUL, ARMY, KIRKUK]);
    expect(r.rejected).toEqual([]);
    expect(r.events[0].actor1).toBeUndefined();
    expect(rejectItem(s, e.id)).toMatchObject({ events: [], rejected: [{ kind: 'event', label: 'Battles/Armed clash', start: 0, end: 15 }] });
  });

  it('adds a manual mention, accepting an identical suggestion and lifting a rejection', () => {
    const added = addMention(merged(), text, { start: 49, end: 55, label: 'ACTOR', entity: 'kirkuk-council' });
    expect(added.id).toMatch(/^m-[0-9a-f]{6}$/);
    expect(added.sidecar.mentions[4]).toMatchObject({ id: added.id, text: 'Kirkuk', status: 'accepted', origin: 'manual', entity: 'kirkuk-council', prefix: expect.stringContaining('😀') });
    // a manual id hashes the annotator and time too
    const by = addMention(merged(), text, { start: 49, end: 55, label: 'ACTOR' }, { by: 'amal', at: '2025-03-01T14:05:00Z' });
    expect(by.id).not.toBe(added.id);
    expect(by.sidecar.mentions[4]).toMatchObject({ by: 'amal', at: '2025-03-01T14:05:00Z' });
    const again = addMention(rejectItem(merged(), MOSUL), text, { start: 10, end: 15, label: 'PLACE' });
    expect(again.sidecar.rejected).toEqual([]);
    expect(again.sidecar.mentions.find((m) => m.id === again.id)).toMatchObject({ text: 'Mosul', status: 'accepted', origin: 'manual' });
    const same = addMention(merged(), text, { start: 0, end: 4, label: 'ACTOR' });
    expect(same.id).toBe(ISIL);
    expect(same.sidecar.mentions).toHaveLength(4);
    expect(same.sidecar.mentions[0]).toMatchObject({ status: 'accepted', origin: 'gazetteer', prefix: '', suffix: ' took Mosul. Officials said the ' });
    expect(() => addMention(merged(), text, { start: 50, end: 60, label: 'PLACE' })).toThrow(RangeError);
    expect(() => addMention(merged(), text, { start: 5, end: 5, label: 'PLACE' })).toThrow(RangeError);
  });

  it('upserts events', () => {
    const a = upsertEvent(merged(), { type: 'Battles', subtype: 'Armed clash', start: 0, end: 15, text: 'ISIL took Mosul', status: 'suggested' });
    expect(a.id).toBe(`e-${hash64(eventSeed({ type: 'Battles', subtype: 'Armed clash', start: 0, end: 15, text: 'ISIL took Mosul' })).slice(0, 6)}`);
    const b = upsertEvent(a.sidecar, { id: a.id, type: 'Battles', subtype: 'Government regains territory', start: 0, end: 15, text: 'ISIL took Mosul', fatalities: 3, status: 'accepted' });
    expect(b.sidecar.events).toEqual([expect.objectContaining({ id: a.id, subtype: 'Government regains territory', fatalities: 3 })]);
    const c = upsertEvent(b.sidecar, { type: 'Riots', subtype: 'Mob violence', start: 17, end: 31, text: 'Officials said', status: 'suggested' }, { by: 'amal', at: '2025-03-01T14:05:00Z' });
    expect(c.id).toMatch(/^e-[0-9a-f]{6}$/);
    expect(c.sidecar.events[1]).toMatchObject({ id: c.id, by: 'amal', at: '2025-03-01T14:05:00Z' });
    // the same event tagged again without provenance still gets an id of its own
    expect(upsertEvent(a.sidecar, { type: 'Battles', subtype: 'Armed clash', start: 0, end: 15, text: 'ISIL took Mosul', status: 'suggested' }).id).toBe(`e-${hash64(eventSeed({ type: 'Battles', subtype: 'Armed clash', start: 0, end: 15, text: 'ISIL took Mosul' })).slice(0, 8)}`);
  });
});

describe('mergeSuggestions: events', () => {
  // "ISIL took Mosul" as a detected event whose roles are spans of the detected mentions
  const withEvent = (over: Partial<NonNullable<Detection['events']>[number]> = {}): Detection => ({
    ...det(),
    events: [
      {
        type: 'Battles',
        subtype: 'Non-state actor overtakes territory',
        start: 0,
        end: 15,
        text: 'ISIL took Mosul',
        trigger: { start: 5, end: 9, text: 'took' },
        spans: [],
        actor1: { label: 'ACTOR', start: 0, end: 4 },
        place: { label: 'PLACE', start: 10, end: 15 },
        date: '2014-06-21',
        attribution: { start: 27, end: 31 },
        civilianTargeting: false,
        ...over,
      },
    ],
  });

  it('adds detected events as rule suggestions whose roles are the ids of the sidecar mentions and attributions', () => {
    const r = mergeSuggestions(base(), withEvent(), text);
    expect(r.added).toBe(6);
    expect(r.sidecar.events).toEqual([
      expect.objectContaining({ id: expect.stringMatching(/^e-[0-9a-f]{6}/), type: 'Battles', subtype: 'Non-state actor overtakes territory', start: 0, end: 15, text: 'ISIL took Mosul', actor1: ISIL, place: MOSUL, date: '2014-06-21', attribution: SAID, status: 'suggested', origin: 'rule', suffix: '. Officials said the army fled. ' }),
    ]);
    const again = mergeSuggestions(r.sidecar, withEvent(), text);
    expect(again).toMatchObject({ added: 0, removed: 0 });
    expect(again.sidecar.events).toEqual(r.sidecar.events);
  });

  it('leaves events alone when the detection carries none', () => {
    const s = mergeSuggestions(base(), withEvent(), text).sidecar;
    expect(mergeSuggestions(s, det(), text).sidecar.events).toEqual(s.events);
  });

  it('never re-adds a rejected event, and removes stale suggested events', () => {
    let s = mergeSuggestions(base(), withEvent(), text).sidecar;
    s = rejectItem(s, s.events[0].id);
    // (with the event's context, so the rejection is re-anchored with it when the text changes)
    expect(s.rejected).toEqual([{ kind: 'event', label: 'Battles/Non-state actor overtakes territory', start: 0, end: 15, text: 'ISIL took Mosul', prefix: '', suffix: s.rejected[0].suffix }]);
    expect(text.slice(15).startsWith(s.rejected[0].suffix!)).toBe(true);
    const again = mergeSuggestions(s, withEvent(), text);
    expect(again.sidecar.events).toEqual([]);
    expect(again.added).toBe(0);

    const t = mergeSuggestions(base(), withEvent(), text).sidecar;
    const stale = mergeSuggestions(t, { ...det(), events: [] }, text);
    expect(stale).toMatchObject({ removed: 1 });
    expect(stale.sidecar.events).toEqual([]);
  });

  it('never changes an accepted event, and accepting an event accepts the mentions and attribution it points to', () => {
    let s = mergeSuggestions(base(), withEvent(), text).sidecar;
    s = acceptItem(s, s.events[0].id);
    expect(s.mentions.filter((m) => m.status === 'accepted').map((m) => m.id)).toEqual([ISIL, MOSUL]);
    expect(s.attributions[0].status).toBe('accepted');
    // the detector now proposes the same event with other roles, and no longer the mentions it pointed to
    const changed = withEvent({ actor1: undefined, place: { label: 'PLACE', start: 49, end: 55 }, date: undefined });
    changed.mentions = changed.mentions.slice(2);
    changed.attributions = [];
    const r = mergeSuggestions(s, changed, text);
    expect(r.sidecar.events).toEqual(s.events);
    expect(r.sidecar.mentions.map((m) => m.id)).toEqual([ISIL, MOSUL, ARMY, KIRKUK]);
    expect(r.sidecar.attributions.map((a) => a.id)).toEqual([SAID]);
  });

  it('keeps suggested mentions an accepted event points to when the detector drops them', () => {
    let s = mergeSuggestions(base(), withEvent(), text).sidecar;
    s = { ...s, events: s.events.map((e) => ({ ...e, status: 'accepted' as const })) };
    const r = mergeSuggestions(s, { mentions: [], attributions: [], events: [] }, text);
    expect(r.sidecar.mentions.map((m) => [m.id, m.status])).toEqual([[ISIL, 'suggested'], [MOSUL, 'suggested']]);
    expect(r.sidecar.events[0]).toMatchObject({ actor1: ISIL, place: MOSUL, attribution: SAID });
  });
});
