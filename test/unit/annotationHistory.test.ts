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
    roundTrip(s, (x) => acceptItem(x, 'm1'));
    roundTrip(s, (x) => rejectItem(x, 'm2'));
    roundTrip(s, (x) => removeItem(x, 'a1'));
    roundTrip(s, acceptAll);
    roundTrip(s, (x) => addMention(x, text, { start: 32, end: 40, label: 'ACTOR' }).sidecar);
    roundTrip(s, (x) => relabelMention(x, 'm1', 'PLACE'));
    roundTrip(s, (x) => upsertEvent(x, { type: 'Battles', subtype: 'Armed clash', start: 0, end: 16, text: 'ISIL took Mosul.', actor1: 'm1', place: 'm2', status: 'accepted' }).sidecar);
    roundTrip(s, (x) => ({ ...x, document: { ...x.document, status: 'reviewed' } }));
    expect(isEmptyPatch(diffSidecars(s, s))).toBe(true);
  });

  it('undoing a reject brings the item back once, even if detection re-suggested it meanwhile', () => {
    const s = suggested();
    const removed = removeItem(s, 'm3');
    const patch = diffSidecars(s, removed);
    const redetected = mergeSuggestions(removed, det(), text).sidecar; // re-adds "army" as a new id
    expect(redetected.mentions.filter((m) => m.text === 'army').map((m) => m.id)).toEqual(['m5']);
    const undone = applyPatch(redetected, invertPatch(patch));
    expect(undone.mentions.filter((m) => m.text === 'army').map((m) => m.id)).toEqual(['m3']);
  });

  it('undo applies to the sidecar as it is now: later suggestions and decisions stay', () => {
    const s = suggested();
    const accepted = acceptItem(s, 'm1');
    const patch = diffSidecars(s, accepted);
    const later = acceptItem(accepted, 'm2');
    const undone = applyPatch(later, invertPatch(patch));
    expect(undone.mentions.find((m) => m.id === 'm1')?.status).toBe('suggested');
    expect(undone.mentions.find((m) => m.id === 'm2')?.status).toBe('accepted');
  });

  it('an undo after typing elsewhere puts a removed item back at its moved place', () => {
    const s = suggested();
    const rejected = rejectItem(s, 'm2');
    let patch = diffSidecars(s, rejected);
    const edit = [{ start: 0, end: 0, newText: 'NEW ' }];
    const edited = shiftForEdits(rejected, edit);
    patch = shiftPatch(patch, edit);
    const undone = applyPatch(edited, invertPatch(patch));
    const mosul = undone.mentions.find((m) => m.id === 'm2')!;
    expect([mosul.start, mosul.end, mosul.orphan]).toEqual([14, 19, undefined]);
    expect(undone.rejected).toEqual([]);
  });

  it('shifts rejections with live edits', () => {
    const rejected = rejectItem(suggested(), 'm2');
    const edited = shiftForEdits(rejected, [{ start: 0, end: 0, newText: 'NEW ' }]);
    expect(edited.rejected[0]).toMatchObject({ start: 14, end: 19, text: 'Mosul' });
  });
});

describe('restoreSnapshot (undo of a text edit)', () => {
  it('brings back what a deletion orphaned or dropped, at its place, without duplicates', () => {
    const s0 = upsertEvent(acceptItem(suggested(), 'm2'), { type: 'Battles', subtype: 'Armed clash', start: 0, end: 16, text: 'ISIL took Mosul.', actor1: 'm1', place: 'm2', status: 'accepted' }).sidecar;
    // delete "Mosul" (10..15): the accepted Mosul and the event are orphaned
    const edit = [{ start: 10, end: 15, newText: '' }];
    const deleted = shiftForEdits(s0, edit);
    const shorter = Array.from(text).slice(0, 10).join('') + Array.from(text).slice(15).join('');
    expect(deleted.mentions.find((m) => m.id === 'm2')?.orphan).toBe(true);
    // detection on the shorter text drops the orphaned suggestions
    const afterDetection = mergeSuggestions(deleted, { mentions: [], attributions: [] }, shorter).sidecar;
    expect(afterDetection.mentions.some((m) => m.id === 'm1')).toBe(false);
    expect(afterDetection.events[0].actor1).toBeUndefined();
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
    const later = acceptItem(s0, 'm3');
    const { sidecar, restored } = restoreSnapshot(later, s0, text);
    expect(restored).toBe(0);
    expect(sidecar.mentions.find((m) => m.id === 'm3')?.status).toBe('accepted');
  });
});

describe('relabel and replace', () => {
  it('relabels a suggestion as a person\'s annotation and blocks the old label', () => {
    const s = relabelMention(suggested(), 'm1', 'PLACE');
    expect(s.mentions[0]).toMatchObject({ id: 'm1', label: 'PLACE', status: 'accepted', origin: 'manual' });
    expect(s.rejected).toEqual([{ kind: 'mention', label: 'ACTOR', start: 0, end: 4, text: 'ISIL' }]);
    const again = mergeSuggestions(s, det(), text).sidecar;
    expect(again.mentions.filter((m) => m.start === 0).map((m) => m.label)).toEqual(['PLACE']);
  });

  it('clears event roles that no longer fit the label', () => {
    const s = upsertEvent(suggested(), { type: 'Battles', subtype: 'Armed clash', start: 0, end: 16, text: 'ISIL took Mosul.', actor1: 'm1', place: 'm2', status: 'accepted' }).sidecar;
    const out = relabelMention(s, 'm1', 'PLACE');
    expect(out.events[0].actor1).toBeUndefined();
    expect(out.events[0].place).toBe('m2');
  });

  it('a new mention replaces overlapping ones of the same label; events follow', () => {
    const s = upsertEvent(suggested(), { type: 'Battles', subtype: 'Armed clash', start: 32, end: 45, text: 'the army fled', actor1: 'm3', status: 'accepted' }).sidecar;
    const r = replaceOverlapping(s, text, { start: 32, end: 40, label: 'ACTOR' });
    expect(r.replaced.map((m) => m.id)).toEqual(['m3']);
    expect(r.sidecar.mentions.filter((m) => m.label === 'ACTOR').map((m) => m.text)).toEqual(['ISIL', 'the army']);
    expect(r.sidecar.events[0].actor1).toBe(r.id);
    expect(r.sidecar.rejected).toEqual([{ kind: 'mention', label: 'ACTOR', start: 36, end: 40, text: 'army' }]);
    expect(mergeSuggestions(r.sidecar, det(), text).sidecar.mentions.some((m) => m.text === 'army')).toBe(false);
  });
});
