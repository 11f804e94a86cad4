/**
 * The editor's workspace index (core CorpusIndex): the figures of the stats job without reading the corpus
 * again, a saved index that a new session re-reads only where files changed, and entity lookups.
 */
import { describe, expect, it } from 'vitest';
import type { FileSystem, WriteOptions } from '../../src/core/ports';
import { CorpusIndex, packEntries, unpackEntries } from '../../src/core/corpus/corpusIndex';
import { annotateCorpus } from '../../src/core/corpus/annotateCorpus';
import { countCorpus } from '../../src/core/corpus/countCorpus';
import { annotatedDocuments } from '../../src/core/corpus/annotatedDocuments';
import { isCollected } from '../../src/core/corpus/collectTextFiles';
import type { CorpusReporter, FileProblem } from '../../src/core/corpus/corpusJob';
import { MemoryFileSystem } from './memoryFileSystem';
import { buildTestGazetteer } from './detectFixtures';

const ARTICLES = [
  'MOSUL, 1 June 2014\n\nISIL fighters attacked Mosul, officials said. ISIS said it held the city.\n',
  'BAGHDAD, 3 June 2014\n\nThe Peshmerga said Kurdish forces held Kirkuk. ISIL denied it.\n',
];

let built: ReturnType<typeof buildTestGazetteer> | undefined;
const gazetteer = async () => (built ??= buildTestGazetteer());

async function corpus(): Promise<MemoryFileSystem> {
  const fs = new MemoryFileSystem();
  for (let i = 0; i < 6; i++) fs.put(`/ws/articles/a${i}.txt`, `${ARTICLES[i % 2]}(${i})\n`);
  await annotateCorpus(fs, { paths: ['/ws'], gazetteer }, { progress: () => undefined, problem: () => undefined, annotated: () => undefined });
  // an article without a sidecar, a broken sidecar, a text edited since it was annotated, a skipped folder
  fs.put('/ws/articles/new.txt', ARTICLES[0]);
  fs.put('/ws/articles/a1.ann.yaml', 'version: 1\nmentions: [\n');
  fs.put('/ws/articles/a2.txt', `Update. ${fs.text('/ws/articles/a2.txt')}`);
  fs.put('/ws/node_modules/x.txt', ARTICLES[0]);
  fs.put('/ws/node_modules/x.ann.yaml', fs.text('/ws/articles/a0.ann.yaml')!);
  return fs;
}

function reporter(): CorpusReporter & { problems: FileProblem[] } {
  const problems: FileProblem[] = [];
  return { problems, progress: () => undefined, problem: (p) => problems.push(p) };
}

/** Counts the sidecars read through it. */
function counting(inner: FileSystem): FileSystem & { sidecarReads: number } {
  const fs = {
    sidecarReads: 0,
    readFile: async (path: string) => {
      if (path.endsWith('.ann.yaml')) fs.sidecarReads++;
      return inner.readFile(path);
    },
    writeFileAtomic: (path: string, data: Uint8Array, options?: WriteOptions) => inner.writeFileAtomic(path, data, options),
    lock: (path: string) => inner.lock(path),
    openAtomic: (path: string) => inner.openAtomic(path),
    stat: (path: string) => inner.stat(path),
    readDir: (path: string) => inner.readDir(path),
    mkdirp: (path: string) => inner.mkdirp(path),
    remove: (path: string) => inner.remove(path),
  };
  return fs;
}

describe('corpus index', () => {
  it('gives the figures, failures and problems of the stats job', async () => {
    const fs = await corpus();
    const index = new CorpusIndex(fs, 'v1');
    await index.refresh(['/ws']);
    const r = reporter();
    const counted = await countCorpus(fs, ['/ws'], r);
    const fromIndex = index.stats('/ws');
    expect(fromIndex.stats).toEqual(counted.stats);
    expect(fromIndex.failed).toBe(counted.failed);
    expect(fromIndex.failed).toBe(1);
    expect(fromIndex.problems).toEqual(r.problems);
    expect(fromIndex.problems.map((p) => p.code)).toContain('stale');
    expect(() => index.stats('/nowhere')).not.toThrow();
    const empty = new CorpusIndex(new MemoryFileSystem({ '/e/readme.md': 'x' }), 'v1');
    await empty.refresh(['/e']);
    expect(() => empty.stats('/e')).toThrow('no .txt articles under /e');
  });

  it('a saved index is read again only where a text or sidecar changed, appeared or went', async () => {
    const inner = await corpus();
    const first = new CorpusIndex(inner, 'v1');
    await first.refresh(['/ws']);
    const saved = JSON.parse(JSON.stringify(first));
    const fs = counting(inner);
    const next = CorpusIndex.restore(fs, 'v1', saved);
    expect(next.size).toBe(first.size);
    expect(await next.refresh(['/ws'])).toBe(0);
    expect(fs.sidecarReads).toBe(0);
    expect(next.stats('/ws')).toEqual(first.stats('/ws'));

    inner.put('/ws/articles/a3.ann.yaml', inner.text('/ws/articles/a3.ann.yaml')!.replace('status: draft', 'status: reviewed'));
    await inner.remove('/ws/articles/a4.ann.yaml');
    inner.put('/ws/articles/new.ann.yaml', inner.text('/ws/articles/a0.ann.yaml')!.replace('a0.txt', 'new.txt'));
    expect(await next.refresh(['/ws'])).toBe(2);
    expect(fs.sidecarReads).toBe(2);
    const r = reporter();
    expect(next.stats('/ws').stats).toEqual((await countCorpus(inner, ['/ws'], r)).stats);
    expect(next.stats('/ws').stats.reviewed).toBe(1);

    // another build's index, or something else entirely, is not trusted
    expect(CorpusIndex.restore(fs, 'v2', saved).size).toBe(0);
    expect(CorpusIndex.restore(fs, 'v1', { version: 99, key: 'v1', entries: saved.entries }).size).toBe(0);
    expect(CorpusIndex.restore(fs, 'v1', 'garbage').size).toBe(0);
  });

  it('finds every mention of an entity, counts them outside one article, and lists entities with their spellings', async () => {
    const fs = await corpus();
    const index = new CorpusIndex(fs, 'v1');
    await index.refresh(['/ws']);
    const { docs } = await annotatedDocuments(fs, ['/ws'], reporter());
    // editor positions (line, UTF-16 character) as the text gives them, so references need not read it
    const at = (text: string, cp: number): [number, number] => {
      const before = [...text].slice(0, cp).join('');
      return [before.split('\n').length - 1, before.length - (before.lastIndexOf('\n') + 1)];
    };
    const isil = docs.flatMap((d) =>
      d.sidecar.mentions.filter((m) => m.entity === 'isil' && !m.orphan).map((m) => ({ text: `/ws/articles/${d.name}`, start: m.start, end: m.end, position: [...at(d.text, m.start), ...at(d.text, m.end)] })),
    );
    expect(isil.length).toBeGreaterThan(4);
    expect(index.mentionsOf('isil')).toEqual(isil);
    expect(isil.some((m) => m.position[0] > 0)).toBe(true);
    expect(index.countOf('isil')).toBe(isil.length);
    expect(index.countOf('isil', '/ws/articles/a0.txt')).toBe(isil.filter((m) => m.text !== '/ws/articles/a0.txt').length);
    const a0 = [...index.entities()].filter((e) => e.text === '/ws/articles/a0.txt' && e.entity === 'isil');
    expect(a0).toHaveLength(1);
    expect(a0[0].spellings.map(([t]) => t)).toEqual(['ISIL', 'ISIS']);
    const [text, start, end] = a0[0].spellings[1];
    expect(fs.text('/ws/articles/a0.txt')!.slice(start, end)).toBe(text);
    expect(a0[0].positions?.[1]).toEqual([...at(fs.text('/ws/articles/a0.txt')!, start), ...at(fs.text('/ws/articles/a0.txt')!, end)]);
    // a restored index counts the same, and forgetting an article takes its mentions out of the counts
    const restored = CorpusIndex.restore(fs, 'v1', JSON.parse(JSON.stringify(index)));
    expect(restored.mentionsOf('isil')).toEqual(isil);
    expect(restored.useOf('isil', '/ws/articles/a0.txt')).toEqual(index.useOf('isil', '/ws/articles/a0.txt'));
    index.remove('/ws/articles/a0.txt');
    expect(index.mentionsOf('isil').some((m) => m.text === '/ws/articles/a0.txt')).toBe(false);
    expect(index.countOf('isil')).toBe(isil.filter((m) => m.text !== '/ws/articles/a0.txt').length);
    expect(index.useOf('isil').documents).toBe(new Set(isil.filter((m) => m.text !== '/ws/articles/a0.txt').map((m) => m.text)).size);
  });

  it('is saved a line per article and loaded back the same; a file cut short, of another build or absent gives an empty index', async () => {
    const fs = await corpus();
    const index = new CorpusIndex(fs, 'v1');
    await index.refresh(['/ws']);
    await fs.mkdirp('/storage');
    const bytes = await index.save('/storage/corpus-index.jsonl');
    const saved = fs.text('/storage/corpus-index.jsonl')!;
    expect(new TextEncoder().encode(saved).length).toBe(bytes);
    expect(saved.trimEnd().split('\n')).toHaveLength(index.size + 1);
    const loaded = await CorpusIndex.load(fs, 'v1', '/storage/corpus-index.jsonl');
    expect(loaded.toJSON()).toEqual(index.toJSON());
    expect(loaded.mentionsOf('isil')).toEqual(index.mentionsOf('isil'));
    expect(loaded.spellings()).toEqual(index.spellings());
    expect((await CorpusIndex.load(fs, 'v2', '/storage/corpus-index.jsonl')).size).toBe(0);
    expect((await CorpusIndex.load(fs, 'v1', '/storage/none.jsonl')).size).toBe(0);
    fs.put('/storage/cut.jsonl', saved.slice(0, saved.length - 40));
    expect((await CorpusIndex.load(fs, 'v1', '/storage/cut.jsonl')).size).toBe(0);
  });

  it('hands its entries to another thread packed (one buffer, one string) and takes them back the same', async () => {
    const fs = await corpus();
    const index = new CorpusIndex(fs, 'v1');
    await index.refresh(['/ws']);
    const other = new CorpusIndex(fs, 'v1');
    for (const batch of index.batches(2)) {
      expect(batch.length).toBeLessThanOrEqual(2);
      const packed = packEntries(batch);
      // what a structured clone would carry: a string and an Int32Array
      other.add(unpackEntries(structuredClone(packed)));
    }
    expect(other.toJSON()).toEqual(index.toJSON());
    expect(other.useOf('isil', '/ws/articles/a0.txt')).toEqual(index.useOf('isil', '/ws/articles/a0.txt'));
    other.retain(new Set(['/ws/articles/a0.txt']));
    expect(other.size).toBe(1);
    expect(other.useOf('isil').mentions).toBe(index.mentionsOf('isil').filter((m) => m.text === '/ws/articles/a0.txt').length);
  });

  it('lists each entity once with each spelling where it is first met, in path order', async () => {
    const fs = await corpus();
    const index = new CorpusIndex(fs, 'v1');
    await index.refresh(['/ws']);
    const isil = index.spellings().find((e) => e.entity === 'isil')!;
    expect(isil.label).toBe('ACTOR');
    expect(isil.spellings.map((s) => [s.spelling, s.text])).toEqual([
      ['ISIL', '/ws/articles/a0.txt'],
      ['ISIS', '/ws/articles/a0.txt'],
    ]);
    for (const s of isil.spellings) expect(fs.text(s.text)!.slice(s.start, s.end)).toBe(s.spelling);
    expect(new Set(index.spellings().map((e) => e.entity)).size).toBe(index.spellings().length);
  });

  it('a watcher path counts only where a walk of the root would look', () => {
    expect(isCollected('/ws/articles/a.txt', '/ws')).toBe(true);
    expect(isCollected('/ws/node_modules/a.txt', '/ws')).toBe(false);
    expect(isCollected('/ws/.git/a.txt', '/ws/')).toBe(false);
    expect(isCollected('/wsx/a.txt', '/ws')).toBe(false);
  });
});
