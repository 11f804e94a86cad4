import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SidecarConflictError, SidecarStore } from '../../src/core/sidecar/sidecarStore';
import { mergeSidecars } from '../../src/core/sidecar/mergeSidecars';
import { emptySidecar } from '../../src/core/sidecar/sidecarFormat';
import { parseSidecar } from '../../src/core/sidecar/parseSidecar';
import { renderSidecar } from '../../src/core/sidecar/renderSidecar';
import { sha256Hex } from '../../src/core/text/decodeText';
import { TextDecodeError } from '../../src/core/text/decodeText';
import type { Mention, Sidecar } from '../../src/core/model';
import { MemoryFileSystem } from './memoryFileSystem';
import { nodeFileSystem } from '../../src/node/nodeFileSystem';

const TEXT = 'ISIL took Mosul. Officials said the army fled.';
const SHA = sha256Hex(new TextEncoder().encode(TEXT));

function mention(id: string, start: number, end: number, label: 'ACTOR' | 'PLACE' = 'ACTOR'): Mention {
  return { id, label, start, end, text: TEXT.slice(start, end), status: 'suggested', origin: 'rule' };
}

function seeded(): Sidecar {
  return { ...emptySidecar('a.txt', SHA), mentions: [mention('m1', 0, 4), mention('m2', 10, 15, 'PLACE')] };
}

function setup(sidecarYaml?: string): MemoryFileSystem {
  const files: Record<string, string> = { '/w/a.txt': TEXT };
  if (sidecarYaml !== undefined) files['/w/a.ann.yaml'] = sidecarYaml;
  return new MemoryFileSystem(files);
}

describe('SidecarStore', () => {
  it('loads a text without a sidecar as an empty draft and saves it', async () => {
    const fs = setup();
    const store = new SidecarStore(fs);
    const loaded = await store.load('/w/a.txt');
    expect(loaded).toMatchObject({ sidecarPath: '/w/a.ann.yaml', text: TEXT, sha256: SHA, problems: [] });
    expect(loaded.base).toBeUndefined();
    expect(loaded.sidecar).toEqual(emptySidecar('a.txt', SHA));
    const r = await store.save(loaded, seeded());
    expect(r).toMatchObject({ merged: false, conflicts: 0 });
    expect(parseSidecar(fs.text('/w/a.ann.yaml')!).sidecar).toEqual(seeded());
    expect(fs.writes).toEqual(['/w/a.ann.yaml']);
  });

  it('keeps comments a person wrote when saving', async () => {
    const fs = setup(`# checked by Amal\n${renderSidecar(seeded())}`.replace('mentions:', '# second pass pending\nmentions:'));
    const store = new SidecarStore(fs);
    const loaded = await store.load('/w/a.txt');
    await store.save(loaded, { ...loaded.sidecar!, mentions: [{ ...loaded.sidecar!.mentions[0], status: 'accepted' }] });
    const out = fs.text('/w/a.ann.yaml')!;
    expect(out).toContain('# checked by Amal');
    expect(out).toContain('# second pass pending\nmentions:');
    expect(out).not.toContain('id: m2');
  });

  it('refuses to overwrite a sidecar that does not parse', async () => {
    const broken = 'version: 1\ndocument: {text: a.txt\n';
    const fs = setup(broken);
    const store = new SidecarStore(fs);
    const loaded = await store.load('/w/a.txt');
    expect(loaded.sidecar).toBeUndefined();
    expect(loaded.problems[0].line).toBeGreaterThan(0);
    await expect(store.save(loaded, seeded())).rejects.toThrow(SidecarConflictError);
    expect(fs.text('/w/a.ann.yaml')).toBe(broken);
  });

  it('refuses when someone else broke the file between load and save', async () => {
    const fs = setup(renderSidecar(seeded()));
    const store = new SidecarStore(fs);
    const loaded = await store.load('/w/a.txt');
    fs.put('/w/a.ann.yaml', 'mentions: [oops');
    await expect(store.save(loaded, seeded())).rejects.toThrow(/changed by someone else and now has errors/);
    expect(fs.text('/w/a.ann.yaml')).toBe('mentions: [oops');
  });

  it('merges with a concurrent writer by item id (three-way)', async () => {
    const fs = setup(renderSidecar(seeded()));
    const store = new SidecarStore(fs);
    const loaded = await store.load('/w/a.txt');
    // they accept m1, add m3 (ISIL's "army"), and add a comment
    const theirs: Sidecar = { ...seeded(), mentions: [{ ...mention('m1', 0, 4), status: 'accepted' }, mention('m2', 10, 15, 'PLACE'), mention('m3', 36, 40)] };
    fs.put('/w/a.ann.yaml', renderSidecar(theirs).replace('mentions:', '# theirs\nmentions:'));
    // we remove m2 and add our own m3 (Officials), not knowing about theirs
    const ours: Sidecar = { ...seeded(), mentions: [mention('m1', 0, 4), mention('m3', 17, 26)] };
    const r = await store.save(loaded, ours);
    expect(r).toMatchObject({ merged: true, conflicts: 0 });
    const written = parseSidecar(fs.text('/w/a.ann.yaml')!).sidecar!;
    expect(written.mentions.map((m) => [m.id, m.text, m.status])).toEqual([
      ['m1', 'ISIL', 'accepted'],
      [expect.stringMatching(/^m-[0-9a-f]{6}$/), 'Officials', 'suggested'],
      ['m3', 'army', 'suggested'],
    ]);
    expect(fs.text('/w/a.ann.yaml')).toContain('# theirs\nmentions:');
    // the next save starts from what was written
    const again = await store.save(r.loaded, { ...written, document: { ...written.document, status: 'reviewed' } });
    expect(again.merged).toBe(false);
  });

  it('keeps theirs and counts a conflict when both changed the same item', async () => {
    const fs = setup(renderSidecar(seeded()));
    const store = new SidecarStore(fs);
    const loaded = await store.load('/w/a.txt');
    fs.put('/w/a.ann.yaml', renderSidecar({ ...seeded(), mentions: [{ ...mention('m1', 0, 4), entity: 'isil' }, mention('m2', 10, 15, 'PLACE')] }));
    const r = await store.save(loaded, { ...seeded(), mentions: [{ ...mention('m1', 0, 4), entity: 'daesh' }, { ...mention('m2', 10, 15, 'PLACE'), status: 'accepted' }] });
    expect(r.conflicts).toBe(1);
    expect(r.sidecar.mentions).toEqual([{ ...mention('m1', 0, 4), entity: 'isil' }, { ...mention('m2', 10, 15, 'PLACE'), status: 'accepted' }]);
  });

  it('merges when someone created the sidecar after we loaded without one', async () => {
    const fs = setup();
    const store = new SidecarStore(fs);
    const loaded = await store.load('/w/a.txt');
    fs.put('/w/a.ann.yaml', renderSidecar(seeded()));
    const r = await store.save(loaded, { ...emptySidecar('a.txt', SHA), mentions: [mention('m1', 36, 40)] });
    expect(r.merged).toBe(true);
    expect(r.sidecar.mentions.map((m) => m.text)).toEqual(['ISIL', 'Mosul', 'army']);
  });

  it('creates a sidecar that did not exist without the lock, and takes the lock to merge with one made meanwhile', async () => {
    const fs = setup();
    const locked: string[] = [];
    const lock = fs.lock.bind(fs);
    fs.lock = (path) => (locked.push(path), lock(path));
    const store = new SidecarStore(fs);
    await store.save(await store.load('/w/a.txt'), seeded());
    // nothing was there: created by the port's create-if-absent, which no other writer can race
    expect(locked).toEqual([]);
    expect(fs.writes).toEqual(['/w/a.ann.yaml']);
    fs.files.delete('/w/a.ann.yaml');
    const loaded = await store.load('/w/a.txt');
    let sneaked = false;
    fs.beforeWrite = () => {
      // the editor creates it first, between our read and our create
      if (sneaked) return;
      sneaked = true;
      fs.put('/w/a.ann.yaml', renderSidecar({ ...seeded(), mentions: [{ ...mention('m1', 0, 4), status: 'accepted' }, mention('m2', 10, 15, 'PLACE')] }));
    };
    const r = await store.save(loaded, { ...emptySidecar('a.txt', SHA), mentions: [mention('m3', 36, 40)] });
    expect(r.merged).toBe(true);
    expect(locked).toEqual(['/w/a.ann.yaml']);
    expect(r.sidecar.mentions.map((m) => [m.text, m.status])).toEqual([['ISIL', 'accepted'], ['Mosul', 'suggested'], ['army', 'suggested']]);
  });

  it('rejects binary texts on load', async () => {
    const fs = new MemoryFileSystem({ '/w/b.txt': new Uint8Array([1, 2, 0, 3]) });
    await expect(new SidecarStore(fs).load('/w/b.txt')).rejects.toThrow(TextDecodeError);
  });

  it('writes atomically on a real file system and leaves no temp files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sidecar-store-'));
    try {
      writeFileSync(join(dir, 'a.txt'), TEXT);
      const store = new SidecarStore(nodeFileSystem);
      const loaded = await store.load(join(dir, 'a.txt'));
      await store.save(loaded, seeded());
      // a concurrent writer on disk
      const first = await store.load(join(dir, 'a.txt'));
      writeFileSync(join(dir, 'a.ann.yaml'), renderSidecar({ ...seeded(), mentions: [...seeded().mentions, mention('m3', 36, 40)] }));
      const r = await store.save(first, { ...seeded(), mentions: [{ ...mention('m1', 0, 4), status: 'accepted' }, mention('m2', 10, 15, 'PLACE')] });
      expect(r.merged).toBe(true);
      expect(readdirSync(dir).sort()).toEqual(['a.ann.yaml', 'a.txt']);
      const onDisk = parseSidecar(readFileSync(join(dir, 'a.ann.yaml'), 'utf8')).sidecar!;
      expect(onDisk.mentions.map((m) => [m.id, m.status])).toEqual([['m1', 'accepted'], ['m2', 'suggested'], ['m3', 'suggested']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('mergeSidecars', () => {
  it('applies deletions from either side and unions rejections', () => {
    const base = { ...seeded(), rejected: [{ kind: 'mention' as const, label: 'ACTOR', start: 36, end: 40, text: 'army' }] };
    const ours = { ...base, mentions: [mention('m1', 0, 4)], rejected: [...base.rejected, { kind: 'mention' as const, label: 'PLACE', start: 10, end: 15, text: 'Mosul' }] };
    const theirs = { ...base, rejected: [] };
    const r = mergeSidecars(base, ours, theirs);
    expect(r.conflicts).toBe(0);
    expect(r.sidecar.mentions.map((m) => m.id)).toEqual(['m1']);
    expect(r.sidecar.rejected).toEqual([{ kind: 'mention', label: 'PLACE', start: 10, end: 15, text: 'Mosul' }]);
  });

  it('renames our clashing new ids and the event references to them', () => {
    const base = seeded();
    const theirs = { ...base, mentions: [...base.mentions, mention('m3', 36, 40)] };
    const ours: Sidecar = { ...base, mentions: [...base.mentions, mention('m3', 17, 26)], events: [{ id: 'e1', type: 'Battles', subtype: 'Armed clash', start: 0, end: 15, text: 'ISIL took Mosul', actor1: 'm3', status: 'accepted' }] };
    const r = mergeSidecars(base, ours, theirs);
    expect(r.sidecar.mentions.map((m) => [m.id, m.text])).toEqual([['m1', 'ISIL'], ['m2', 'Mosul'], ['m3', 'army'], [expect.stringMatching(/^m-[0-9a-f]{6}$/), 'Officials']]);
    expect(r.sidecar.events[0].actor1).toBe(r.sidecar.mentions[3].id);
  });

  it('takes the same item added on both sides (the same hash id) as one, and keeps provenance and conflicts', () => {
    const base = seeded();
    const army = { ...mention('m-3f9a1c', 36, 40), status: 'accepted' as const };
    const theirs: Sidecar = { ...base, mentions: [...base.mentions, { ...army, by: 'amal', at: '2025-03-01T14:05:00Z' }], conflicts: [{ id: 'm2', ours: null, theirs: { id: 'm2' } }] };
    const ours: Sidecar = { ...base, mentions: [...base.mentions, { ...army, by: 'bo', at: '2025-03-01T15:00:00Z' }] };
    const r = mergeSidecars(base, ours, theirs);
    expect(r.sidecar.mentions.map((m) => m.id)).toEqual(['m1', 'm2', 'm-3f9a1c']);
    expect(r.conflicts).toBe(0); // both accepted it: who and when differ, the decision does not (theirs' provenance kept)
    expect(r.sidecar.mentions[2]).toMatchObject({ by: 'amal' });
    expect(r.sidecar.conflicts).toEqual([{ id: 'm2', ours: null, theirs: { id: 'm2' } }]);
    expect(r.sidecar.version).toBe(2);
  });
});
