import { describe, expect, it } from 'vitest';
import { applyPatch, diffSidecars, invertPatch, isEmptyPatch, shiftPatch } from '../../src/core/review/annotationHistory';
import { acceptAll, acceptItem, addMention, mergeSuggestions, rejectItem, relabelMention, removeItem, replaceOverlapping, upsertEvent } from '../../src/core/review/mergeSuggestions';
import { restoreSnapshot } from '../../src/core/anchoring/restoreSnapshot';
import { shiftForEdits } from '../../src/core/anchoring/reanchor';
import { renderSidecar } from '../../src/core/sidecar/renderSidecar';
import { emptySidecar } from '../../src/core/sidecar/sidecarFormat';
import type { Detection, Sidecar } from '../../src/core/model';

const text = 'ISIL took Mosul. Officials said the army fled. 😀 Kirkuk';
const det = (): Detection => ({
  mentions: [
    { label: 'ACTOR', start: 0, end: 4, text: 'ISIL', entity: 'isil', origin: 'gazetteer' },
    { label: 'PLACE', start: 10, end: 15, text: 'Mosul', entity: 'mosul', origin: 'gazetteer' },
    { label: 'ACTOR', start: 36, end: 40, text: 'army', origin: 'rule' },
    { label: 'PLACE', start: 49, end: 55, text: 'Kirkuk', origin: 'gazetteer' },
  ],
  attributions: [{ cue: { start: 27, end: 31, text: 'said' }, source: { start: 17, end: 26, text: 'Officials' }, kind: 'anonymous', direct: false }],
});
const suggested = (): Sidecar => mergeSuggestions(emptySidecar('a.txt', '0'.repeat(64)), det(), text).sidecar;
const yaml = (s: Sidecar) => renderSidecar(s);
/** The id of the mention quoting `quote` in `s` (hash ids of format 2: looked up, never assumed). */
const idOf = (s: Sidecar, quote: string): string => {
  const m = s.mentions.find((x) => x.text === quote);
  if (!m) throw new Error(`no mention "${quote}"`);
  return m.id;
};
const ISIL = idOf(suggested(), 'ISIL');
const MOSUL = idOf(suggested(), 'Mosul');
const ARMY = idOf(suggested(), 'army');
const SAID = suggested().attributions[0].id;

/** Runs `action`, then checks that the inverse patch restores the sidecar and the patch redoes it. */
function roundTrip(before: Sidecar, action: (s: Sidecar) => Sidecar): Sidecar {
  const after = action(before);
  const patch = diffSidecars(before, after);
  expect(isEmptyPatch(patch)).toBe(false);
  const undone = applyPatch(after, invertPatch(patch));
  expect(yaml(undone)).toBe(yaml(before));
  expect(yaml(applyPatch(undone, patch))).toBe(yaml(after));
  return after;
}

describe('annotation history patches', () => {
  it('undo and redo every review action exactly', () => {
    const s = suggested();
    expect([ISIL, MOSUL, ARMY, SAID].every((id) => /^[ma]-[0-9a-f]{6,}$/.test(id))).toBe(true);
    roundTrip(s, (x) => acceptItem(x, ISIL, text));
    roundTrip(s, (x) => rejectItem(x, MOSUL));
    roundTrip(s, (x) => removeItem(x, SAID));
    roundTrip(s, (x) => acceptAll(x, text));
    roundTrip(s, (x) => addMention(x, text, { start: 32, end: 40, label: 'ACTOR' }).sidecar);
    roundTrip(s, (x) => relabelMention(x, ISIL, 'PLACE', undefined, text));
    roundTrip(s, (x) => upsertEvent(x, { type: 'Battles', subtype: 'Armed clash', start: 0, end: 16, text: 'ISIL took Mosul.', actor1: ISIL, place: MOSUL, status: 'accepted' }).sidecar);
    roundTrip(s, (x) => ({ ...x, document: { ...x.document, status: 'reviewed' } }));
    expect(isEmptyPatch(diffSidecars(s, s))).toBe(true);
  });

  it('undoing a removal brings the item back once, even if detection re-suggested it meanwhile', () => {
    const s = acceptItem(suggested(), ARMY, text);
    const removed = removeItem(s, ARMY);
    const patch = diffSidecars(s, removed);
    const redetected = mergeSuggestions(removed, det(), text).sidecar; // re-adds "army" as a suggestion
    expect(redetected.mentions.filter((m) => m.text === 'army').map((m) => m.status)).toEqual(['suggested']);
    const undone = applyPatch(redetected, invertPatch(patch));
    expect(undone.mentions.filter((m) => m.text === 'army').map((m) => [m.id, m.status])).toEqual([[ARMY, 'accepted']]);
  });

  it('an item brought back whose id another item took meanwhile gets a fresh hash id', () => {
    const s = suggested();
    const removed = removeItem(s, ARMY);
    const patch = diffSidecars(s, removed);
    // a different mention now holds the id (a hand edit, or a merge)
    const other = { ...removed, mentions: [...removed.mentions, { id: ARMY, label: 'ACTOR' as const, start: 49, end: 55, text: 'Kirkuk', status: 'accepted' as const, origin: 'manual' as const }] };
    const undone = applyPatch(other, invertPatch(patch));
    const army = undone.mentions.filter((m) => m.text === 'army');
    expect(army).toHaveLength(1);
    expect(army[0].id).not.toBe(ARMY);
    expect(army[0].id).toMatch(/^m-[0-9a-f]{8,}/);
    expect(new Set(undone.mentions.map((m) => m.id)).size).toBe(undone.mentions.length);
  });

  it('undo applies to the sidecar as it is now: later suggestions and decisions stay', () => {
    const s = suggested();
    const accepted = acceptItem(s, ISIL, text);
    const patch = diffSidecars(s, accepted);
    const later = acceptItem(accepted, MOSUL, text);
    const undone = applyPatch(later, invertPatch(patch));
    expect(undone.mentions.find((m) => m.id === ISIL)?.status).toBe('suggested');
    expect(undone.mentions.find((m) => m.id === ISIL)?.prefix).toBeUndefined();
    expect(undone.mentions.find((m) => m.id === MOSUL)?.status).toBe('accepted');
  });

  it('an undo after typing elsewhere puts a removed item back at its moved place', () => {
    const s = suggested();
    const rejected = rejectItem(s, MOSUL);
    let patch = diffSidecars(s, rejected);
    const edit = [{ start: 0, end: 0, newText: 'NEW ' }];
    const edited = shiftForEdits(rejected, edit);
    patch = shiftPatch(patch, edit);
    const undone = applyPatch(edited, invertPatch(patch));
    const mosul = undone.mentions.find((m) => m.id === MOSUL)!;
    expect([mosul.start, mosul.end, mosul.orphan]).toEqual([14, 19, undefined]);
    expect(undone.rejected).toEqual([]);
  });

  it('shifts rejections with live edits', () => {
    const rejected = rejectItem(suggested(), MOSUL);
    const edited = shiftForEdits(rejected, [{ start: 0, end: 0, newText: 'NEW ' }]);
    expect(edited.rejected[0]).toMatchObject({ start: 14, end: 19, text: 'Mosul' });
  });
});

describe('restoreSnapshot (undo of a text edit)', () => {
  it('brings back what a deletion orphaned or dropped, at its place, without duplicates', () => {
    const s0 = upsertEvent(acceptItem(suggested(), MOSUL, text), { type: 'Battles', subtype: 'Armed clash', start: 0, end: 16, text: 'ISIL took Mosul.', actor1: ISIL, place: MOSUL, status: 'accepted' }).sidecar;
    // delete "Mosul" (10..15): the accepted Mosul and the event are orphaned
    const edit = [{ start: 10, end: 15, newText: '' }];
    const deleted = shiftForEdits(s0, edit);
    const shorter = Array.from(text).slice(0, 10).join('') + Array.from(text).slice(15).join('');
    expect(deleted.mentions.find((m) => m.id === MOSUL)?.orphan).toBe(true);
    // detection on the shorter text drops the suggestions it no longer makes (not ISIL: the accepted event names it)
    const afterDetection = mergeSuggestions(deleted, { mentions: [], attributions: [] }, shorter).sidecar;
    expect(afterDetection.mentions.some((m) => m.id === ARMY)).toBe(false);
    expect(afterDetection.attributions).toEqual([]);
    expect(afterDetection.events[0].actor1).toBe(ISIL);
    // undo: the text is back, live shifting cannot place the items again
    const undoneText = shiftForEdits(afterDetection, [{ start: 10, end: 10, newText: 'Mosul' }]);
    const redetected = mergeSuggestions(undoneText, det(), text).sidecar;
    const { sidecar, restored } = restoreSnapshot(redetected, s0, text);
    expect(restored).toBeGreaterThan(0);
    expect(yaml(mergeSuggestions(sidecar, det(), text).sidecar)).toBe(yaml(s0));
    expect(yaml(sidecar)).toBe(yaml(s0));
  });

  it('keeps decisions made since on other items and leaves placed items alone', () => {
    const s0 = suggested();
    const later = acceptItem(s0, ARMY, text);
    const { sidecar, restored } = restoreSnapshot(later, s0, text);
    expect(restored).toBe(0);
    expect(sidecar.mentions.find((m) => m.id === ARMY)?.status).toBe('accepted');
  });
});

describe('relabel and replace', () => {
  it('relabels a suggestion as a person\'s annotation and blocks the old label', () => {
    const s = relabelMention(suggested(), ISIL, 'PLACE', undefined, text);
    expect(s.mentions[0]).toMatchObject({ id: ISIL, label: 'PLACE', status: 'accepted', origin: 'manual', suffix: ' took Mosul. Officials said the ' });
    expect(s.rejected).toEqual([{ kind: 'mention', label: 'ACTOR', start: 0, end: 4, text: 'ISIL' }]);
    const again = mergeSuggestions(s, det(), text).sidecar;
    expect(again.mentions.filter((m) => m.start === 0).map((m) => m.label)).toEqual(['PLACE']);
  });

  it('clears event roles that no longer fit the label', () => {
    const s = upsertEvent(suggested(), { type: 'Battles', subtype: 'Armed clash', start: 0, end: 16, text: 'ISIL took Mosul.', actor1: ISIL, place: MOSUL, status: 'accepted' }).sidecar;
    const out = relabelMention(s, ISIL, 'PLACE');
    expect(out.events[0].actor1).toBeUndefined();
    expect(out.events[0].place).toBe(MOSUL);
  });

  it('a new mention replaces overlapping ones of the same label; events follow', () => {
    const s = upsertEvent(suggested(), { type: 'Battles', subtype: 'Armed clash', start: 32, end: 45, text: 'the army fled', actor1: ARMY, status: 'accepted' }).sidecar;
    const r = replaceOverlapping(s, text, { start: 32, end: 40, label: 'ACTOR' });
    expect(r.replaced.map((m) => m.id)).toEqual([ARMY]);
    expect(r.sidecar.mentions.filter((m) => m.label === 'ACTOR').map((m) => m.text)).toEqual(['ISIL', 'the army']);
    expect(r.sidecar.events[0].actor1).toBe(r.id);
    expect(r.sidecar.rejected).toEqual([{ kind: 'mention', label: 'ACTOR', start: 36, end: 40, text: 'army' }]);
    expect(mergeSuggestions(r.sidecar, det(), text).sidecar.mentions.some((m) => m.text === 'army')).toBe(false);
  });
});
