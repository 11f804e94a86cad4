/**
 * Annotating with several documents in flight (a detector elsewhere, as the CLI's worker threads), in shards,
 * and as a JSON-lines stream: the same output as one document at a time, in the same order.
 */
import { describe, expect, it } from 'vitest';
import type { Detection } from '../../src/core/model';
import { detectWithEvents, referenceDate } from '../../src/core/review/annotateDocument';
import { annotateCorpus, inlineDetector, type AnnotatedFile, type Detector } from '../../src/core/corpus/annotateCorpus';
import { annotateStream, annotateText, newSidecar } from '../../src/core/corpus/annotateStream';
import { inOrder } from '../../src/core/corpus/inOrder';
import { diskSidecar } from '../../src/core/sidecar/canonicalSidecar';
import { inShard, shardKey, shardOf } from '../../src/core/corpus/shardOf';
import { CancelledError, type FileProblem } from '../../src/core/corpus/corpusJob';
import { MemoryFileSystem } from './memoryFileSystem';
import { buildTestGazetteer } from './detectFixtures';
import { prng as mulberry32 } from './prng';

const ARTICLES = [
  'MOSUL, 1 June 2014\n\nISIL fighters attacked Mosul, officials said.\n',
  'BAGHDAD, 3 June 2014\n\nThe Peshmerga said Kurdish forces held Kirkuk.\n',
  'RAQQA, 5 June 2014\n\nThe Free Syrian Army clashed with ISIL near Raqqa, the Syrian Observatory for Human Rights said.\n',
];

function corpus(n: number): MemoryFileSystem {
  const fs = new MemoryFileSystem();
  for (let i = 0; i < n; i++) fs.put(`/ws/articles/a${String(i).padStart(2, '0')}.txt`, `${ARTICLES[i % ARTICLES.length]}(${i})\n`);
  return fs;
}

let built: ReturnType<typeof buildTestGazetteer> | undefined;
const gazetteer = () => (built ??= buildTestGazetteer());

/** A detector port that answers after random delays (out of order) and counts the texts it holds at once. */
function slowDetector(seed: number): Detector & { max: number; calls: number; closed: boolean } {
  const random = mulberry32(seed);
  let held = 0;
  const d = {
    max: 0,
    calls: 0,
    closed: false,
    detect: async (text: string, date: string | undefined): Promise<Detection> => {
      d.calls++;
      d.max = Math.max(d.max, ++held);
      await new Promise((r) => setTimeout(r, Math.floor(random() * 8)));
      held--;
      return detectWithEvents(text, gazetteer(), date);
    },
    close: async () => {
      d.closed = true;
    },
  };
  return d;
}

/** Everything a job reports, as lines, in the order reported. */
function transcript() {
  const lines: string[] = [];
  return {
    lines,
    reporter: {
      progress: (done: number, total: number, file: string) => lines.push(`progress ${done}/${total} ${file}`),
      problem: (p: FileProblem) => lines.push(`problem ${p.file} ${p.message}`),
      annotated: (a: AnnotatedFile) => lines.push(`annotated ${JSON.stringify(a)}`),
    },
  };
}

describe('inOrder', () => {
  it('emits in item order whatever finishes first, never running more than the window', async () => {
    const random = mulberry32(7);
    let running = 0;
    let max = 0;
    const out: number[] = [];
    await inOrder(Array.from({ length: 40 }, (_, i) => i), 5, async (x) => {
      max = Math.max(max, ++running);
      await new Promise((r) => setTimeout(r, Math.floor(random() * 5)));
      running--;
      return x * 2;
    }, (r, i) => {
      expect(r).toBe(i * 2);
      out.push(r);
    });
    expect(out).toEqual(Array.from({ length: 40 }, (_, i) => i * 2));
    expect(max).toBe(5);
  });

  it('pulls a stream only as the window has room, and throws a failure in its turn after the rest settled', async () => {
    let pulled = 0;
    async function* items() {
      for (let i = 0; i < 10; i++) {
        pulled++;
        yield i;
      }
    }
    const emitted: number[] = [];
    let settled = 0;
    const run = inOrder(items(), 3, async (x) => {
      await new Promise((r) => setTimeout(r, x === 4 ? 1 : 5));
      settled++;
      if (x === 4) throw new Error('four');
      return x;
    }, (r) => {
      // when item r is emitted, at most the window beyond it has been pulled
      expect(pulled).toBeLessThanOrEqual(r + 3);
      emitted.push(r);
    });
    await expect(run).rejects.toThrow('four');
    expect(emitted).toEqual([0, 1, 2, 3]);
    // items 5 and 6 had started; they finished before the error came out
    expect(settled).toBe(7);
  });
});

describe('annotate with documents in flight', () => {
  it('gives the same sidecars and the same reports in the same order as one at a time', async () => {
    const one = corpus(24);
    const many = corpus(24);
    const a = transcript();
    const b = transcript();
    await annotateCorpus(one, { paths: ['/ws'], gazetteer: async () => gazetteer() }, a.reporter);
    const detector = slowDetector(1);
    await annotateCorpus(many, { paths: ['/ws'], detector: async () => detector, inFlight: 6 }, b.reporter);
    expect(b.lines).toEqual(a.lines);
    for (const [path, file] of one.files) expect(many.text(path), path).toBe(new TextDecoder().decode(file.data));
    expect(detector.calls).toBe(24);
    // the job holds at most its window of documents, and closes the detector it was given
    expect(detector.max).toBeLessThanOrEqual(6);
    expect(detector.max).toBeGreaterThan(1);
    expect(detector.closed).toBe(true);
  });

  it('reports the files before a cancel in order, and closes the detector', async () => {
    const fs = corpus(20);
    const t = transcript();
    let polls = 0;
    const detector = slowDetector(2);
    const run = annotateCorpus(fs, { paths: ['/ws'], detector: async () => detector, inFlight: 4 }, { ...t.reporter, cancelled: () => ++polls > 8 });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    const done = t.lines.filter((l) => l.startsWith('progress')).map((l) => l.split(' ')[1]);
    expect(done).toEqual(done.map((_, i) => `${i + 1}/20`));
    expect(detector.closed).toBe(true);
  });
});

describe('shards', () => {
  const files = Array.from({ length: 500 }, (_, i) => `/data/corpus/${String(Math.floor(i / 50)).padStart(3, '0')}/article_${i}.txt`);

  it('every article falls in exactly one of N shards, for every N', () => {
    for (const n of [1, 2, 3, 7, 16]) {
      const shards = Array.from({ length: n }, (_, i) => inShard(files, ['/data/corpus'], { index: i + 1, count: n }));
      expect(shards.flat().sort(), `N = ${n}`).toEqual([...files].sort());
      expect(new Set(shards.flat()).size).toBe(files.length);
      // and roughly evenly: no shard gets more than twice its share
      for (const s of shards) expect(s.length).toBeLessThan((2 * files.length) / n + 5);
    }
  });

  it('is keyed by the path under PATHS, so machines mounting the corpus elsewhere agree, and stays the same across runs', () => {
    const moved = files.map((f) => f.replace('/data/corpus', '/mnt/nfs/archive'));
    expect(inShard(moved, ['/mnt/nfs/archive/'], { index: 2, count: 5 }).map((f) => f.replace('/mnt/nfs/archive', '/data/corpus'))).toEqual(inShard(files, ['/data/corpus'], { index: 2, count: 5 }));
    expect(shardKey('/data/corpus/001/article_60.txt', ['/data/corpus'])).toBe('001/article_60.txt');
    expect(shardKey('/data/corpus/001/article_60.txt', ['/data/corpus/001/article_60.txt'])).toBe('article_60.txt');
    expect(shardKey('C:\\data\\corpus\\001\\a.txt', ['C:\\data\\corpus'])).toBe('001/a.txt');
    // pinned: a change here would reshuffle the shards of every array job already under way
    expect([shardOf('000/article_00000.txt', 4), shardOf('001/article_60.txt', 8), shardOf('a.txt', 8), shardOf('a.txt', 3)]).toEqual([3, 0, 1, 2]);
  });

  it('annotate --shard writes the sidecars of its shard only; all shards together annotate everything once', async () => {
    const fs = corpus(12);
    const written: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const before = fs.writes.length;
      const r = await annotateCorpus(fs, { paths: ['/ws/articles'], gazetteer: async () => gazetteer(), shard: { index: i, count: 3 } }, transcript().reporter);
      expect(r.failed).toBe(0);
      written.push(...fs.writes.slice(before));
    }
    expect(written.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `/ws/articles/a${String(i).padStart(2, '0')}.ann.yaml`));
  });
});

describe('annotate as a JSON-lines stream', () => {
  it('gives, line for line, the sidecar annotate writes for the same text, and an error line for a bad line', async () => {
    const fs = corpus(3);
    await annotateCorpus(fs, { paths: ['/ws'], gazetteer: async () => gazetteer() }, transcript().reporter);
    const lines = [0, 1, 2].map((i) => JSON.stringify({ id: `a0${i}.txt`, text: fs.text(`/ws/articles/a0${i}.txt`) }));
    const out: string[] = [];
    const problems: FileProblem[] = [];
    const result = await annotateStream([lines[0], '{"id": 7}', '', lines[1], 'nope', lines[2]], { detector: slowDetector(3), inFlight: 3 }, { line: (l) => out.push(l), problem: (p) => problems.push(p) });
    expect(result).toEqual({ total: 5, failed: 2 });
    expect(out).toHaveLength(5);
    expect(JSON.parse(out[1])).toEqual({ id: 7, error: '"text" must be a string' });
    expect(JSON.parse(out[3])).toMatchObject({ id: null, error: expect.stringMatching(/^not JSON/) });
    expect(problems.map((p) => [p.file, p.line, p.code])).toEqual([['<stdin>', 2, 'schema'], ['<stdin>', 5, 'unreadable']]);
    const { parse } = await import('yaml');
    for (const [k, i] of [[0, 0], [2, 1], [4, 2]]) expect(JSON.parse(out[k])).toEqual(parse(fs.text(`/ws/articles/a0${i}.ann.yaml`)!));
  });

  it('annotateText is what a fresh file gets', async () => {
    const text = ARTICLES[2];
    const fs = new MemoryFileSystem({ '/ws/x.txt': text });
    await annotateCorpus(fs, { paths: ['/ws'], detector: async () => inlineDetector(gazetteer()) }, transcript().reporter);
    const { parse } = await import('yaml');
    const fresh = newSidecar('x.txt', text);
    const sidecar = annotateText(fresh, text, detectWithEvents(text, gazetteer(), referenceDate(fresh, text)));
    expect(sidecar.events.length).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(diskSidecar(sidecar)))).toEqual(parse(fs.text('/ws/x.ann.yaml')!));
  });
});
