/**
 * A merge of two sides made against different versions of the text must not pair old offsets with the new
 * hash (nothing would ever re-anchor them): the older side is re-anchored to the current text first.
 */
import { describe, expect, it } from 'vitest';
import { SidecarStore } from '../../src/core/sidecar/sidecarStore';
import { renderSidecar } from '../../src/core/sidecar/renderSidecar';
import { validateSidecar } from '../../src/core/sidecar/validateSidecar';
import { emptySidecar } from '../../src/core/sidecar/sidecarFormat';
import { addContext } from '../../src/core/anchoring/reanchor';
import { acceptItem, rejectItem } from '../../src/core/review/mergeSuggestions';
import { mergeSidecars } from '../../src/core/sidecar/mergeSidecars';
import { annotateDocument } from '../../src/core/review/annotateDocument';
import { sha256Hex } from '../../src/core/text/decodeText';
import type { Mention, Sidecar } from '../../src/core/model';
import { TestGazetteer } from './detectFixtures';
import { MemoryFileSystem } from './memoryFileSystem';

const V1 = 'ISIL fighters took Mosul on Tuesday. Officials said the army fled Mosul and Tikrit.';
const V2 = `UPDATE: corrected the date.\r\n${V1}`;
const sha = (t: string) => sha256Hex(new TextEncoder().encode(t));
const at = (text: string, quote: string, nth = 0): number => {
  let p = -1;
  for (let i = 0; i <= nth; i++) p = text.indexOf(quote, p + 1);
  return [...text.slice(0, p)].length;
};
const mention = (id: string, text: string, quote: string, nth = 0): Mention => {
  const start = at(text, quote, nth);
  return { id, label: quote === 'ISIL' ? 'ACTOR' : 'PLACE', start, end: start + quote.length, text: quote, status: 'suggested', origin: 'gazetteer' };
};
function v1Sidecar(): Sidecar {
  const s: Sidecar = { ...emptySidecar('a.txt', sha(V1)), mentions: [mention('m1', V1, 'ISIL'), mention('m2', V1, 'Mosul'), mention('m3', V1, 'Mosul', 1), mention('m4', V1, 'Tikrit')] };
  return addContext(s, V1);
}
const gazetteer = new TestGazetteer([
  { id: 'isil', name: 'ISIL', label: 'ACTOR', kind: 'armed_group', aliases: [] },
  { id: 'mosul', name: 'Mosul', label: 'PLACE', kind: 'city', aliases: [] },
  { id: 'tikrit', name: 'Tikrit', label: 'PLACE', kind: 'city', aliases: [] },
]);

function expectPlaced(s: Sidecar, text: string): void {
  expect(s.document.sha256).toBe(sha(text));
  const errors = validateSidecar(s, text, { sha256: sha(text) }).filter((p) => p.severity === 'error' || p.code === 'orphan');
  expect(errors).toEqual([]);
}

describe('merging sides made against different texts', () => {
  it('re-anchors a hand edit made against the old text before merging it into annotate’s re-anchored save', async () => {
    const fs = new MemoryFileSystem({ '/w/a.txt': V1, '/w/a.ann.yaml': renderSidecar(v1Sidecar()) });
    const store = new SidecarStore(fs);
    fs.put('/w/a.txt', V2); // the text is edited
    const loaded = await store.load('/w/a.txt'); // annotate: re-anchors to V2 and merges suggestions
    const result = annotateDocument(loaded.sidecar!, loaded.text, loaded.sha256, gazetteer);
    expect(result.rehashed).toBe(true);
    // meanwhile a person accepts m3 (the second Mosul) in the file, which still describes V1
    fs.put('/w/a.ann.yaml', renderSidecar(acceptItem(v1Sidecar(), 'm3')));
    const saved = await store.save(loaded, result.sidecar);
    expect(saved.merged).toBe(true);
    expect(saved.conflicts).toBe(0);
    // read as every front end reads it (the store fills in the quotes a file leaves out)
    const onDisk = (await store.load('/w/a.txt')).sidecar!;
    expectPlaced(onDisk, V2);
    const m3 = onDisk.mentions.find((m) => m.id === 'm3')!;
    expect(m3).toMatchObject({ status: 'accepted', start: at(V2, 'Mosul', 1), text: 'Mosul' });
  });

  it('re-anchors our stale side when the file on disk was already re-anchored to the new text', async () => {
    const fs = new MemoryFileSystem({ '/w/a.txt': V1, '/w/a.ann.yaml': renderSidecar(v1Sidecar()) });
    const store = new SidecarStore(fs);
    const editor = await store.load('/w/a.txt'); // the editor loaded V1 and its sidecar
    fs.put('/w/a.txt', V2);
    const annotate = await store.load('/w/a.txt');
    await store.save(annotate, annotateDocument(annotate.sidecar!, annotate.text, annotate.sha256, gazetteer).sidecar);
    // the editor, still on V1, accepts m4 (Tikrit) and saves
    const saved = await store.save(editor, acceptItem(editor.sidecar!, 'm4'));
    expect(saved.merged).toBe(true);
    // read as every front end reads it (the store fills in the quotes a file leaves out)
    const onDisk = (await store.load('/w/a.txt')).sidecar!;
    expectPlaced(onDisk, V2);
    expect(onDisk.mentions.find((m) => m.id === 'm4')).toMatchObject({ status: 'accepted', start: at(V2, 'Tikrit'), text: 'Tikrit' });
  });
});

describe('merging keeps decisions', () => {
  const base = (): Sidecar => v1Sidecar();
  it('keeps our accept and their entity link on the same item (field by field, no conflict)', () => {
    const theirs = { ...base(), mentions: base().mentions.map((m) => (m.id === 'm2' ? { ...m, entity: 'mosul' } : m)) };
    const r = mergeSidecars(base(), acceptItem(base(), 'm2'), theirs);
    expect(r.conflicts).toBe(0);
    expect(r.sidecar.mentions.find((m) => m.id === 'm2')).toMatchObject({ status: 'accepted', entity: 'mosul' });
  });

  it('keeps our accept of a suggestion they dropped without rejecting it', () => {
    const theirs = { ...base(), mentions: base().mentions.filter((m) => m.id !== 'm2') };
    const r = mergeSidecars(base(), acceptItem(base(), 'm2'), theirs);
    expect(r.sidecar.mentions.find((m) => m.id === 'm2')?.status).toBe('accepted');
  });

  it('keeps our rejection of an item they changed', () => {
    const theirs = { ...base(), mentions: base().mentions.map((m) => (m.id === 'm2' ? { ...m, entity: 'mosul' } : m)) };
    const r = mergeSidecars(base(), rejectItem(base(), 'm2'), theirs);
    expect(r.sidecar.mentions.find((m) => m.id === 'm2')).toBeUndefined();
    expect(r.sidecar.rejected).toEqual([expect.objectContaining({ kind: 'mention', start: at(V1, 'Mosul'), text: 'Mosul' })]);
  });
});
