/**
 * Never lose a decision: an editor-like process saving a decision every ~10 ms and an `annotate`-like process
 * loading, merging and saving the same sidecar in a loop, as two real processes on the real file system.
 * Every decision the editor saved must be in the final sidecars.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { SidecarStore } from '../../src/core/sidecar/sidecarStore';
import { annotateDocument } from '../../src/core/review/annotateDocument';
import { defaultGazetteer } from '../../src/core/gazetteer/defaultGazetteer';
import { parseSidecar } from '../../src/core/sidecar/parseSidecar';
import { blockingReadFileSystem, nodeFileSystem } from '../../src/node/nodeFileSystem';
import { renderSidecar } from '../../src/core/sidecar/renderSidecar';
import { emptySidecar } from '../../src/core/sidecar/sidecarFormat';
import { acceptItem } from '../../src/core/review/mergeSuggestions';
import { sha256Hex } from '../../src/core/text/decodeText';
import type { Mention, Sidecar } from '../../src/core/model';
import { MemoryFileSystem } from './memoryFileSystem';

const ROOT = resolve(__dirname, '..', '..');
const SLOW = 60_000;
const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

function run(script: string, args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => done({ code, out, err }));
  });
}

interface Decision {
  doc: string;
  id: string;
  decision: 'accept' | 'reject';
  label?: string;
  start: number;
}

describe('concurrent saves (two processes)', () => {
  let script: string;
  beforeAll(async () => {
    const out = mkdtempSync(join(tmpdir(), 'ca-stress-bin-'));
    made.push(out);
    script = join(out, 'concurrentWriter.js');
    await build({ entryPoints: [join(__dirname, 'stress', 'concurrentWriter.ts')], outfile: script, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent' });
  }, SLOW);

  // fresh: no sidecar exists at the start, so the first save of each document races the other side's create
  it.each([
    ['merges and saves the same sidecars', false],
    ['and the editor race to create the sidecars, then merge and save them', true],
  ])('loses no decision while annotate %s in a loop', { timeout: SLOW }, async (_, fresh) => {
    const dir = mkdtempSync(join(tmpdir(), 'ca-stress-'));
    made.push(dir);
    // paragraphs of the sample articles as small documents: many saves, each quick
    const paragraphs = ['media/samples/articles', 'test/fixtures/heldout', 'test/fixtures/unseen', 'test/fixtures/fresh']
      .map((d) => join(ROOT, d))
      .flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(join(d, f), 'utf8')))
      .flatMap((t) => t.split(/\n\s*\n/))
      .filter((p) => p.length >= 150);
    const store = new SidecarStore(nodeFileSystem);
    const gazetteer = defaultGazetteer(undefined);
    const order: string[] = [];
    let suggestions = 0;
    for (const [i, p] of paragraphs.entries()) {
      if (suggestions >= 700) break;
      const name = `p${String(i).padStart(3, '0')}.txt`;
      writeFileSync(join(dir, name), p);
      const loaded = await store.load(join(dir, name));
      const r = annotateDocument(loaded.sidecar!, loaded.text, loaded.sha256, gazetteer);
      if (r.sidecar.mentions.length + r.sidecar.attributions.length < 3) continue;
      if (!fresh) await store.save(loaded, r.sidecar);
      suggestions += r.sidecar.mentions.length + r.sidecar.attributions.length;
      order.push(name);
    }
    writeFileSync(join(dir, 'order.json'), JSON.stringify(order));
    writeFileSync(join(dir, 'current'), order[0]);

    const [editor, annotate] = await Promise.all([run(script, ['editor', dir]), run(script, ['annotate', dir])]);
    expect(editor.err.replace(/^editor saves \d+\n$/, '')).toBe('');
    expect(annotate.err).toBe('');
    expect([editor.code, annotate.code]).toEqual([0, 0]);
    const decisions = editor.out.trim().split('\n').map((l) => JSON.parse(l) as Decision);
    const annotateSaves = Number(annotate.out.trim());
    expect(decisions.length).toBe(suggestions);
    expect(decisions.length + annotateSaves).toBeGreaterThan(1500);

    const lost: Decision[] = [];
    for (const d of decisions) {
      const s = parseSidecar(readFileSync(join(dir, d.doc.replace(/\.txt$/, '.ann.yaml')), 'utf8')).sidecar!;
      const items = [...s.mentions, ...s.attributions];
      if (d.decision === 'accept') {
        if (items.find((x) => x.id === d.id)?.status !== 'accepted') lost.push(d);
      } else {
        const kind = d.id.startsWith('m') ? 'mention' : 'attribution';
        const kept = s.rejected.some((r) => r.kind === kind && r.start === d.start && (d.label === undefined || r.label === d.label));
        if (!kept || items.some((x) => x.id === d.id)) lost.push(d);
      }
    }
    expect(lost).toEqual([]);
  });
});

const TEXT = 'ISIL took Mosul. Officials said the army fled.';
const SHA = sha256Hex(new TextEncoder().encode(TEXT));
const mention = (id: string, start: number, end: number): Mention => ({ id, label: 'ACTOR', start, end, text: TEXT.slice(start, end), status: 'suggested', origin: 'rule' });
const seeded = (): Sidecar => ({ ...emptySidecar('a.txt', SHA), mentions: [mention('m1', 0, 4), mention('m2', 10, 15)] });

describe('compare-and-swap against writers that take no lock', () => {
  it('merges again when the file changed between reading it and renaming over it', async () => {
    const fs = new MemoryFileSystem({ '/w/a.txt': TEXT, '/w/a.ann.yaml': renderSidecar(seeded()) });
    const store = new SidecarStore(fs);
    const loaded = await store.load('/w/a.txt');
    let sneaked = false;
    fs.beforeWrite = () => {
      // a text editor saves an accept of m2 right before our rename, once
      if (sneaked) return;
      sneaked = true;
      fs.put('/w/a.ann.yaml', renderSidecar(acceptItem(seeded(), 'm2')));
    };
    const r = await store.save(loaded, acceptItem(seeded(), 'm1'));
    expect(r.merged).toBe(true);
    const onDisk = parseSidecar(fs.text('/w/a.ann.yaml')!).sidecar!;
    expect(onDisk.mentions.map((m) => [m.id, m.status])).toEqual([['m1', 'accepted'], ['m2', 'accepted']]);
  });

  it('gives up with a message, writing nothing, on a file that changes at every try', async () => {
    const fs = new MemoryFileSystem({ '/w/a.txt': TEXT, '/w/a.ann.yaml': renderSidecar(seeded()) });
    const store = new SidecarStore(fs);
    const loaded = await store.load('/w/a.txt');
    let n = 0;
    fs.beforeWrite = () => fs.put('/w/a.ann.yaml', renderSidecar({ ...seeded(), document: { ...seeded().document, date: `2014-06-${String((n++ % 28) + 1).padStart(2, '0')}` } }));
    await expect(store.save(loaded, acceptItem(seeded(), 'm1'))).rejects.toThrow(/kept changing/);
    expect(fs.writes).toEqual([]);
  });
});

describe.each([['asynchronous', nodeFileSystem], ['blocking', blockingReadFileSystem]] as const)('sidecar lock files (node adapter, %s)', (_, port) => {
  it('is released after a save and leaves no lock file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ca-lock-'));
    made.push(dir);
    const release = await port.lock(join(dir, 'a.ann.yaml'));
    const lock = JSON.parse(readFileSync(join(dir, '.a.ann.yaml.lock'), 'utf8')) as { pid: number; host: string; time: string };
    expect(lock).toMatchObject({ pid: process.pid, host: hostname() });
    await release();
    expect(existsSync(join(dir, '.a.ann.yaml.lock'))).toBe(false);
  });

  it('waits while another holder is alive, then takes the lock', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ca-lock-'));
    made.push(dir);
    const first = await port.lock(join(dir, 'a.ann.yaml'));
    let second = false;
    const waiting = port.lock(join(dir, 'a.ann.yaml')).then((release) => ((second = true), release));
    await new Promise((r) => setTimeout(r, 100));
    expect(second).toBe(false);
    await first();
    await (await waiting)();
    expect(second).toBe(true);
  });

  it('breaks a lock whose holder died (a killed annotate)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ca-lock-'));
    made.push(dir);
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(join(dir, '.a.ann.yaml.lock'), JSON.stringify({ pid: Number(dead.stdout), host: hostname(), time: new Date().toISOString(), token: 'x' }));
    const release = await port.lock(join(dir, 'a.ann.yaml'));
    expect(JSON.parse(readFileSync(join(dir, '.a.ann.yaml.lock'), 'utf8')).pid).toBe(process.pid);
    await release();
    expect(readdirSync(dir)).toEqual([]);
  });
});
