/**
 * Saving never corrupts or silently changes what a person has: a sidecar that is not UTF-8 is refused and kept
 * byte for byte, a read-only sidecar is refused, the mode of a replaced sidecar is kept, a symlinked sidecar
 * stays a symlink (its target is written), and walking a corpus does not follow symlinked folders out of it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SidecarConflictError, SidecarStore } from '../../src/core/sidecar/sidecarStore';
import { emptySidecar } from '../../src/core/sidecar/sidecarFormat';
import { renderSidecar } from '../../src/core/sidecar/renderSidecar';
import { parseSidecar } from '../../src/core/sidecar/parseSidecar';
import { sha256Hex } from '../../src/core/text/decodeText';
import { collectTextFiles, findTextFiles } from '../../src/core/corpus/collectTextFiles';
import type { Mention, Sidecar } from '../../src/core/model';
import { blockingReadFileSystem, nodeFileSystem } from '../../src/node/nodeFileSystem';

/** The extension's port and the command line's (blocking calls): the same contract. */
const PORTS = [['asynchronous', nodeFileSystem], ['blocking', blockingReadFileSystem]] as const;
import { MemoryFileSystem } from './memoryFileSystem';

const TEXT = 'ISIL took Mosul. Officials said the army fled.';
const SHA = sha256Hex(new TextEncoder().encode(TEXT));
const mention = (id: string, start: number, end: number, status: Mention['status'] = 'suggested'): Mention => ({ id, label: 'ACTOR', start, end, text: TEXT.slice(start, end), status, origin: 'rule' });
const seeded = (): Sidecar => ({ ...emptySidecar('a.txt', SHA), mentions: [mention('m1', 0, 4), mention('m2', 10, 15)] });

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'ca-safety-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A Latin-1 copy of a sidecar with a person's note "Pr\xe9sident" in it: invalid UTF-8. */
function latin1Sidecar(): Uint8Array {
  const yaml = `${renderSidecar(seeded())}# checked by the Pr\u00e9sident's office\n`;
  return Uint8Array.from(yaml, (c) => c.charCodeAt(0));
}

describe('sidecars that are not UTF-8', () => {
  it('are refused with not-utf8 and never overwritten', async () => {
    const bytes = latin1Sidecar();
    const fs = new MemoryFileSystem({ '/w/a.txt': TEXT, '/w/a.ann.yaml': bytes });
    const store = new SidecarStore(fs);
    const loaded = await store.load('/w/a.txt');
    expect(loaded.sidecar).toBeUndefined();
    expect(loaded.problems).toEqual([expect.objectContaining({ code: 'not-utf8', severity: 'error', line: expect.any(Number) })]);
    expect(loaded.problems[0].line).toBeGreaterThan(1);
    await expect(store.save(loaded, seeded())).rejects.toThrow(SidecarConflictError);
    expect(fs.files.get('/w/a.ann.yaml')!.data).toEqual(bytes);
  });

  it('are refused when someone saved one as Latin-1 between load and save', async () => {
    const fs = new MemoryFileSystem({ '/w/a.txt': TEXT, '/w/a.ann.yaml': renderSidecar(seeded()) });
    const store = new SidecarStore(fs);
    const loaded = await store.load('/w/a.txt');
    fs.put('/w/a.ann.yaml', latin1Sidecar());
    await expect(store.save(loaded, { ...seeded(), mentions: [mention('m1', 0, 4, 'accepted')] })).rejects.toThrow(SidecarConflictError);
    expect(fs.files.get('/w/a.ann.yaml')!.data).toEqual(latin1Sidecar());
  });
});

describe.skipIf(process.platform === 'win32').each(PORTS)('file modes and symlinks (node adapter, %s)', (_, port) => {
  async function saveAccepting(dir: string): Promise<void> {
    const store = new SidecarStore(port);
    const loaded = await store.load(join(dir, 'a.txt'));
    await store.save(loaded, { ...loaded.sidecar!, mentions: [mention('m1', 0, 4, 'accepted'), mention('m2', 10, 15)] });
  }

  it('refuses to replace a read-only sidecar (chmod 444), with a message saying so', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), TEXT);
    const yaml = renderSidecar(seeded());
    writeFileSync(join(dir, 'a.ann.yaml'), yaml);
    chmodSync(join(dir, 'a.ann.yaml'), 0o444);
    await expect(saveAccepting(dir)).rejects.toThrow(/read-only/);
    expect(readFileSync(join(dir, 'a.ann.yaml'), 'utf8')).toBe(yaml);
    expect(statSync(join(dir, 'a.ann.yaml')).mode & 0o777).toBe(0o444);
  });

  it('keeps the mode of the sidecar it replaces', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), TEXT);
    writeFileSync(join(dir, 'a.ann.yaml'), renderSidecar(seeded()));
    chmodSync(join(dir, 'a.ann.yaml'), 0o640);
    await saveAccepting(dir);
    expect(parseSidecar(readFileSync(join(dir, 'a.ann.yaml'), 'utf8')).sidecar!.mentions[0].status).toBe('accepted');
    expect(statSync(join(dir, 'a.ann.yaml')).mode & 0o777).toBe(0o640);
  });

  it('writes through a symlinked sidecar to its target, so the link stays', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'store'));
    writeFileSync(join(dir, 'a.txt'), TEXT);
    writeFileSync(join(dir, 'store', 'a.ann.yaml'), renderSidecar(seeded()));
    symlinkSync(join('store', 'a.ann.yaml'), join(dir, 'a.ann.yaml'));
    await saveAccepting(dir);
    expect(lstatSync(join(dir, 'a.ann.yaml')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'a.ann.yaml'))).toBe(join('store', 'a.ann.yaml'));
    expect(parseSidecar(readFileSync(join(dir, 'store', 'a.ann.yaml'), 'utf8')).sidecar!.mentions[0].status).toBe('accepted');
  });

  it('does not descend into symlinked folders found while walking, and says so; explicit paths are followed', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'corpus', 'real'), { recursive: true });
    mkdirSync(join(dir, 'elsewhere'));
    writeFileSync(join(dir, 'corpus', 'real', 'x.txt'), TEXT);
    writeFileSync(join(dir, 'elsewhere', 'y.txt'), TEXT);
    symlinkSync(join(dir, 'elsewhere'), join(dir, 'corpus', 'link'));
    symlinkSync(join(dir, 'corpus', 'real', 'x.txt'), join(dir, 'corpus', 'alias.txt'));
    const found = await findTextFiles(nodeFileSystem, [join(dir, 'corpus')]);
    expect(found.files).toEqual([join(dir, 'corpus', 'alias.txt'), join(dir, 'corpus', 'real', 'x.txt')]);
    expect(found.problems).toEqual([expect.objectContaining({ path: join(dir, 'corpus', 'link'), message: expect.stringMatching(/symlinked folder.*not followed/) })]);
    expect(await collectTextFiles(nodeFileSystem, [join(dir, 'corpus')])).toEqual(found.files);
    expect(await collectTextFiles(nodeFileSystem, [join(dir, 'corpus', 'link')])).toEqual([join(dir, 'corpus', 'link', 'y.txt')]);
  });
});

describe.each(PORTS)('compare-and-swap of the node adapter (%s)', (_, port) => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  const leftovers = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

  it('renames only over the bytes it was given, and leaves no temporary file when it does not', async () => {
    const dir = tempDir();
    const path = join(dir, 'a.ann.yaml');
    expect(await port.writeFileAtomic(path, bytes('one\n'), { expect: null })).toBe(true);
    expect(await port.writeFileAtomic(path, bytes('two\n'), { expect: null })).toBe(false); // it exists now
    expect(await port.writeFileAtomic(path, bytes('two\n'), { expect: bytes('one\n') })).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe('two\n');
    // someone else's save: the same size with other bytes, a longer file with our bytes at its start, a shorter one
    for (const theirs of ['tWo\n', 'two\nand more\n', 'tw']) {
      writeFileSync(path, theirs);
      expect(await port.writeFileAtomic(path, bytes('three\n'), { expect: bytes('two\n') })).toBe(false);
      expect(readFileSync(path, 'utf8')).toBe(theirs);
    }
    rmSync(path);
    expect(await port.writeFileAtomic(path, bytes('three\n'), { expect: bytes('two\n') })).toBe(false); // deleted meanwhile
    expect(leftovers(dir)).toEqual([]);
  });

  it('creates a file that must not exist atomically: of writers racing to create it, exactly one does', async () => {
    const dir = tempDir();
    const path = join(dir, 'a.ann.yaml');
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => port.writeFileAtomic(path, bytes(`writer ${i}\n`), { expect: null })));
    expect(results.filter((r) => r)).toHaveLength(1);
    expect(readFileSync(path, 'utf8')).toBe(`writer ${results.indexOf(true)}\n`);
    expect(readdirSync(dir)).toEqual(['a.ann.yaml']);
  });
});
