// The read jobs (validate, stats, export) give the same output, byte for byte, whether they read in their own
// thread or on reader threads: in the built CLI (--jobs 2 against --jobs 1) and in core with a reader that
// finishes articles out of order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { runCli } from '../../src/cli/runCli';
import { nodeFileSystem } from '../../src/node/nodeFileSystem';
import { testPlaceData } from './detectFixtures';
import { readArticle, type ArticleOutcome, type ArticleReaders } from '../../src/core/corpus/articleReader';
import { SidecarStore } from '../../src/core/sidecar/sidecarStore';
import { validateCorpus } from '../../src/core/corpus/validateCorpus';
import { countCorpus } from '../../src/core/corpus/countCorpus';
import { exportCorpus } from '../../src/core/corpus/exportCorpus';
import { exportFormat } from '../../src/core/exports/exportFormats';
import { defaultGazetteer } from '../../src/core/gazetteer/defaultGazetteer';
import { ACLED_TAXONOMY } from '../../src/core/events/taxonomy';
import type { FileSystem } from '../../src/core/ports';
import type { FileProblem } from '../../src/core/problem';

const ROOT = resolve(__dirname, '..', '..');
const SAMPLES = join(ROOT, 'media', 'samples', 'articles');
const SLOW = 180_000;
const made: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'conflict-readers-'));
  made.push(d);
  return d;
};
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

const bundle = (entry: string, outfile: string) => build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent' });

/**
 * A corpus of `copies` × the samples, annotated once and copied (the same texts, so every copy's sidecar holds),
 * with one article whose text changed since (stale), one whose sidecar does not parse, one with a bad offset and
 * one without a sidecar.
 */
async function corpus(copies: number): Promise<string> {
  const dir = tempDir();
  const seed = join(dir, 'seed');
  cpSync(SAMPLES, seed, { recursive: true, filter: (f) => !f.endsWith('.ann.yaml') });
  const run = await runCli(['annotate', 'seed'], { fs: nodeFileSystem, io: { out: () => undefined, err: () => undefined, cwd: dir }, loadPlaceData: testPlaceData });
  expect(run).toBe(0);
  const names = readdirSync(seed).filter((f) => f.endsWith('.txt'));
  for (let i = 0; i < copies; i++) {
    for (const n of names) {
      const base = n.slice(0, -4);
      const to = join(dir, 'articles', `c${String(i).padStart(3, '0')}`);
      cpSync(join(seed, n), join(to, n));
      cpSync(join(seed, `${base}.ann.yaml`), join(to, `${base}.ann.yaml`));
    }
  }
  rmSync(seed, { recursive: true });
  const [first] = names.map((n) => n.slice(0, -4));
  const at = (i: number, ext: string) => join(dir, 'articles', `c${String(i).padStart(3, '0')}`, `${first}${ext}`);
  writeFileSync(at(1, '.txt'), `Update: ${readFileSync(at(1, '.txt'), 'utf8')}`);
  writeFileSync(at(2, '.ann.yaml'), 'version: 2\ndocument: [not, a, map\n');
  writeFileSync(at(3, '.ann.yaml'), readFileSync(at(3, '.ann.yaml'), 'utf8').replace(/start: (\d+), end: (\d+)/, (_, s) => `start: ${s}, end: 999999`));
  rmSync(at(4, '.ann.yaml'));
  return dir;
}

describe('reader threads in the built CLI', () => {
  let bin: string;
  let dir: string;
  beforeAll(async () => {
    const out = tempDir();
    bin = join(out, 'cli.js');
    await bundle(join(ROOT, 'src', 'cli', 'main.ts'), bin);
    await bundle(join(ROOT, 'src', 'node', 'readWorker.ts'), join(out, 'readWorker.js'));
    // enough articles for the CLI to start reader threads
    dir = await corpus(70);
  }, SLOW);

  const node = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: SLOW });
  const filesOf = (out: string) => Object.fromEntries(readdirSync(join(dir, out)).map((f) => [f, readFileSync(join(dir, out, f), 'utf8')]));

  it('validate, stats and export --jobs 2 print and write exactly what --jobs 1 does', { timeout: SLOW }, () => {
    for (const args of [['validate', 'articles'], ['stats', 'articles']]) {
      const one = node(...args, '--jobs', '1');
      const two = node(...args, '--jobs', '2');
      expect(two.status, args[0]).toBe(one.status);
      expect(two.stdout, args[0]).toBe(one.stdout);
      expect(two.stderr, args[0]).toBe(one.stderr);
    }
    expect(node('validate', 'articles', '--jobs', '2').stdout).toMatch(/bad-span|past the end|999999/);
    for (const format of ['jsonl', 'conll', 'brat']) {
      const one = node('export', 'articles', '--format', format, '--include-suggestions', '-o', `one-${format}`, '--jobs', '1');
      const two = node('export', 'articles', '--format', format, '--include-suggestions', '-o', `two-${format}`, '--jobs', '2');
      expect(two.status).toBe(one.status);
      expect(two.stderr).toBe(one.stderr);
      expect(two.stdout.replace(`two-${format}`, '')).toBe(one.stdout.replace(`one-${format}`, ''));
      expect(filesOf(`two-${format}`)).toEqual(filesOf(`one-${format}`));
    }
    expect(node('stats', 'articles', '--jobs', '2').stderr).toContain('text changed since annotation');
  });
});

describe('reading articles with a reader that finishes out of order', () => {
  /** Runs readArticle, each batch's outcomes held back a random while, some in hand at once. */
  const shuffled = (fs: FileSystem): ArticleReaders => (task) => {
    const store = new SidecarStore(fs);
    let seed = 7;
    const wait = () => new Promise((r) => setTimeout(r, (seed = (seed * 48271) % 2147483647) % 5));
    return {
      batch: 3,
      inFlight: 4,
      read: async (files): Promise<ArticleOutcome[]> => {
        const outcomes: ArticleOutcome[] = [];
        for (const file of files) outcomes.push(await readArticle(fs, store, task, file));
        await wait();
        return outcomes;
      },
      close: async () => undefined,
    };
  };
  /** A file system on which looking for one sidecar is a bug (an exception that is not bad input). */
  const buggy = (bad: string): FileSystem => ({ ...nodeFileSystem, stat: (p) => (p.includes(bad) && p.endsWith('.ann.yaml') ? Promise.reject(new TypeError('boom')) : nodeFileSystem.stat(p)) });

  it('reports the same problems and findings in the same order, internal errors included', { timeout: SLOW }, async () => {
    const dir = await corpus(5);
    const fs = buggy(join('c000', ''));
    const record = () => {
      const lines: string[] = [];
      const line = (kind: string) => (p: FileProblem) => void lines.push(`${kind} ${p.file}:${p.line} ${p.code} ${p.message.split('\n')[0]}`);
      return { lines, reporter: { progress: (d: number, t: number, f: string) => void lines.push(`progress ${d}/${t} ${f}`), problem: line('problem'), finding: line('finding') } };
    };
    const paths = [join(dir, 'articles')];
    const a = record();
    const b = record();
    const va = await validateCorpus(fs, { paths, taxonomy: async () => ACLED_TAXONOMY }, a.reporter);
    const vb = await validateCorpus(fs, { paths, taxonomy: async () => ACLED_TAXONOMY, readers: shuffled(fs) }, b.reporter);
    expect(vb).toEqual(va);
    expect(va.internalErrors).toBeGreaterThan(0);
    expect(b.lines).toEqual(a.lines);
    const c = record();
    const d = record();
    const ca = await countCorpus(fs, paths, c.reporter);
    const cb = await countCorpus(fs, paths, d.reporter, shuffled(fs));
    expect(cb).toEqual(ca);
    expect(ca.internalErrors).toBeGreaterThan(0);
    expect(d.lines).toEqual(c.lines);
    for (const format of ['jsonl', 'conll', 'doccano', 'brat']) {
      const e = record();
      const f = record();
      const run = (out: string, reporter: ReturnType<typeof record>['reporter'], readers?: ArticleReaders) =>
        exportCorpus(fs, { paths, format: exportFormat(format)!, out: join(dir, out), split: [60, 20, 20], includeSuggestions: true, gazetteer: async () => defaultGazetteer(undefined), taxonomy: async () => ACLED_TAXONOMY, bufferBytes: 4096, ...(readers ? { readers } : {}) }, reporter);
      const ea = await run(`inline-${format}`, e.reporter);
      const eb = await run(`shuffled-${format}`, f.reporter, shuffled(fs));
      expect(eb.manifest, format).toEqual(ea.manifest);
      expect(f.lines, format).toEqual(e.lines);
      const tree = (out: string) => Object.fromEntries(readdirSync(join(dir, out), { recursive: true }).map(String).sort().map((n) => [n, statSync(join(dir, out, n)).isFile() ? readFileSync(join(dir, out, n), 'utf8') : '']));
      expect(tree(`shuffled-${format}`), format).toEqual(tree(`inline-${format}`));
    }
  });
});
