/**
 * The read paths stream: stats, export and evaluate take a document at a time and drop it before reading the
 * next, and a streamed export writes the same bytes as rendering every group in memory.
 */
import { describe, expect, it } from 'vitest';
import type { Sidecar } from '../../src/core/model';
import type { FileSystem } from '../../src/core/ports';
import type { ExportDocument } from '../../src/core/exports/exportDocument';
import { documentBaseNames, EXPORT_FORMATS, type ExportFile, type ExportFormat, type ExportGroup } from '../../src/core/exports/exportFormats';
import type { ExportOptions } from '../../src/core/exports/exportDocument';
import { toSpacyJsonl } from '../../src/core/exports/spacyJsonl';
import { toSpacyDocBin } from '../../src/core/exports/spacyDocBin';
import { toHfJsonl } from '../../src/core/exports/hfJsonl';
import { toConll } from '../../src/core/exports/conll';
import { toEventsJsonl } from '../../src/core/exports/eventsJsonl';
import { toAcledCsv } from '../../src/core/exports/acledCsv';
import { toDoccano } from '../../src/core/exports/doccano';
import { toLabelStudio } from '../../src/core/exports/labelStudio';
import { toWebannoTsv } from '../../src/core/exports/webannoTsv';
import { bratConfig, bratToolsConfig, bratVisualConfig, toBrat } from '../../src/core/exports/brat';
import { splitOf } from '../../src/core/exports/splitOf';
import { ACLED_TAXONOMY } from '../../src/core/events/taxonomy';
import { renderSidecar } from '../../src/core/sidecar/renderSidecar';
import { sha256Hex } from '../../src/core/text/decodeText';
import { annotatedDocuments, forEachAnnotatedDocument } from '../../src/core/corpus/annotatedDocuments';
import { exportCorpus } from '../../src/core/corpus/exportCorpus';
import { countCorpus } from '../../src/core/corpus/countCorpus';
import { corpusStats } from '../../src/core/corpus/corpusStats';
import { CancelledError, type CorpusReporter } from '../../src/core/corpus/corpusJob';
import { Gazetteer } from '../../src/core/gazetteer/gazetteer';
import { MemoryFileSystem } from './memoryFileSystem';
import { EXPORT_ENTITIES, loadExportDocs } from './exportFixtures';

/** `n` articles, copies of the export fixtures each with a line of its own (so hashes, and split groups, differ). */
function corpus(n: number): MemoryFileSystem {
  const fs = new MemoryFileSystem();
  const docs = loadExportDocs();
  for (let i = 0; i < n; i++) {
    const d = docs[i % docs.length];
    const name = `doc${String(i).padStart(3, '0')}`;
    const text = `${d.text}\n(Copy ${i}.)\n`;
    const sha256 = sha256Hex(new TextEncoder().encode(text));
    const sidecar: Sidecar = { ...d.sidecar, document: { ...d.sidecar.document, text: `${name}.txt`, sha256, status: i % 4 === 0 ? 'reviewed' : 'draft' } };
    fs.put(`/ws/articles/${name}.txt`, text);
    fs.put(`/ws/articles/${name}.ann.yaml`, renderSidecar(sidecar));
  }
  return fs;
}

/** A group as the formats rendered it before exports streamed: every document at once. */
function wholeGroup(id: string, group: ExportGroup, opts: ExportOptions): ExportFile[] {
  const one = (ext: string, content: string | Uint8Array): ExportFile[] => [{ name: `${group.name}.${ext}`, content }];
  const folder = group.split ? `${group.name}/` : '';
  switch (id) {
    case 'jsonl':
      return one('spacy.jsonl', toSpacyJsonl(group.docs, opts));
    case 'spacy':
      return one('spacy', toSpacyDocBin(group.docs, opts));
    case 'hf': {
      const content = toHfJsonl(group.docs, opts);
      return content ? one('hf.jsonl', content) : [];
    }
    case 'conll':
      return one('conll', toConll(group.docs, opts));
    case 'events':
      return one('events.jsonl', toEventsJsonl(group.docs, opts));
    case 'acled-csv':
      return one('acled.csv', toAcledCsv(group.docs, opts));
    case 'doccano':
      return one('doccano.jsonl', toDoccano(group.docs, opts));
    case 'label-studio':
      return one('label-studio.json', toLabelStudio(group.docs, opts));
    case 'webanno': {
      const names = documentBaseNames(group.docs);
      return group.docs.map((d, i) => ({ name: `${folder}${names[i]}.tsv`, content: toWebannoTsv(d, opts) }));
    }
    case 'brat': {
      const names = documentBaseNames(group.docs);
      return [
        ...group.docs.flatMap((d, i) => {
          const { txt, ann } = toBrat(d, opts);
          return [{ name: `${folder}${names[i]}.txt`, content: txt }, { name: `${folder}${names[i]}.ann`, content: ann }];
        }),
        { name: `${folder}annotation.conf`, content: bratConfig(ACLED_TAXONOMY, group.docs) },
        { name: `${folder}visual.conf`, content: bratVisualConfig(ACLED_TAXONOMY, group.docs) },
        { name: `${folder}tools.conf`, content: bratToolsConfig() },
      ];
    }
  }
  throw new Error(`no whole-group renderer for ${id}: add it here`);
}

const quiet: CorpusReporter = { progress: () => undefined, problem: (p) => expect.fail(`unexpected problem ${p.message}`) };
const gazetteer = async () => {
  const g = new Gazetteer();
  for (const e of EXPORT_ENTITIES) g.add(e, 'builtin');
  return g;
};
const taxonomy = async () => ACLED_TAXONOMY;

/**
 * A file system that counts the articles read and not yet let go of: `release` is called by whoever consumes a
 * document (a visitor, a fake export format), so the highest count is how many documents were held at once.
 */
function counting(inner: MemoryFileSystem): { fs: FileSystem; held: () => number; max: () => number; release: () => void; log: string[] } {
  let held = 0;
  let max = 0;
  const log: string[] = [];
  const fs: FileSystem = {
    readFile: async (path) => {
      if (path.endsWith('.txt')) {
        held++;
        max = Math.max(max, held);
        log.push(`read ${path.slice(path.lastIndexOf('/') + 1)}`);
      }
      return inner.readFile(path);
    },
    writeFileAtomic: (path, data, options) => inner.writeFileAtomic(path, data, options),
    lock: (path) => inner.lock(path),
    openAtomic: async (path) => {
      const file = await inner.openAtomic(path);
      return { ...file, write: async (data) => (log.push(`write ${path.slice(path.lastIndexOf('/') + 1)}`), file.write(data)) };
    },
    stat: (path) => inner.stat(path),
    readDir: (path) => inner.readDir(path),
    mkdirp: (path) => inner.mkdirp(path),
    remove: (path) => inner.remove(path),
  };
  return { fs, held: () => held, max: () => max, release: () => void held--, log };
}

describe('streaming read paths', () => {
  it('a streamed export writes exactly what rendering each group in memory gives, for every format, split or not', { timeout: 60_000 }, async () => {
    const fs = corpus(6);
    const { docs } = await annotatedDocuments(fs, ['/ws/articles'], quiet);
    const entities = await gazetteer();
    for (const format of EXPORT_FORMATS) {
      for (const split of [undefined, [40, 30, 30] as [number, number, number]]) {
        const out = `/out/${format.id}${split ? '-split' : ''}`;
        // a small buffer, so files are written out many times along the way
        const result = await exportCorpus(fs, { paths: ['/ws/articles'], format, out, split, includeSuggestions: true, gazetteer, taxonomy, bufferBytes: 2048 }, quiet);
        // what the export did before it streamed: group every document, render each group whole with the
        // renderers of whole groups
        const groups = new Map<string, ExportDocument[]>(split ? ['dev', 'test', 'train'].map((g) => [g, []]) : [['corpus', []]]);
        for (const d of docs) groups.get(split ? splitOf(d.sidecar.document.sha256, split) : 'corpus')!.push(d);
        const opts = { includeSuggestions: true, unreviewed: 'skip' as const, scheme: 'iob2' as const, entities: (id: string) => entities.get(id) };
        const expected = [...groups].sort().flatMap(([name, list]) => wholeGroup(format.id, { name, docs: list, split: split !== undefined }, opts));
        const corpusFiles = { hf: ['README.md', 'labels.json'], 'label-studio': ['label-studio.xml'] }[format.id as 'hf'] ?? [];
        expect(result.written, format.id).toEqual([...expected.map((f) => f.name), ...corpusFiles, 'manifest.json'].map((n) => `${out}/${n}`));
        expect(result.manifest.documents.map((d) => d.name).sort()).toEqual(docs.map((d) => d.name).sort());
        for (const f of expected) {
          const want = typeof f.content === 'string' ? new TextEncoder().encode(f.content) : f.content;
          expect(Buffer.from(await fs.readFile(`${out}/${f.name}`)).equals(Buffer.from(want)), `${format.id} ${f.name}`).toBe(true);
        }
        if (split) expect(groups.size, 'the corpus falls in more than one group').toBeGreaterThan(1);
      }
    }
    expect(fs.pending.size).toBe(0);
  });

  it('stats reads one document at a time and counts what reading them all would', async () => {
    const inner = corpus(8);
    const c = counting(inner);
    const seen: string[] = [];
    const visited = await forEachAnnotatedDocument(c.fs, ['/ws'], quiet, (d) => {
      seen.push(d.name);
      c.release();
    });
    expect(visited).toEqual({ documents: 8, failed: 0, failedFiles: [], internalErrors: 0, internalFiles: [], unannotated: 0 });
    expect(c.max()).toBe(1);
    expect(seen).toHaveLength(8);
    const counted = await countCorpus(inner, ['/ws'], quiet);
    expect(counted.stats).toEqual(corpusStats((await annotatedDocuments(inner, ['/ws'], quiet)).docs));
  });

  it('export hands each document to the format before reading the next, and writes files out as they grow', async () => {
    const inner = corpus(30);
    const c = counting(inner);
    // a format that keeps nothing: each document is let go of as soon as it is added
    const fake: ExportFormat = {
      id: 'fake',
      description: 'one line per document',
      extension: 'txt',
      holds: { mentions: 'all', attributions: false, events: false, missing: false },
      writer: (group, _opts, _taxonomy, sink) => ({
        add: (d) => {
          sink.append(`${group.name}.lines`, `${`${d.name} ${d.text.length} `.padEnd(999, '.')}\n`);
          c.release();
        },
        end: () => undefined,
      }),
      files: () => [],
    };
    const result = await exportCorpus(c.fs, { paths: ['/ws'], format: fake, out: '/out', includeSuggestions: true, gazetteer, taxonomy, bufferBytes: 5000 }, quiet);
    expect(result).toMatchObject({ documents: 30, failed: 0, written: ['/out/corpus.lines', '/out/manifest.json'] });
    expect(c.max()).toBe(1);
    // output reached the file system long before the last article was read
    expect(c.log.indexOf('write corpus.lines')).toBeLessThan(c.log.indexOf('read doc010.txt'));
    expect(inner.text('/out/corpus.lines')?.split('\n').filter((l) => l.startsWith('doc'))).toHaveLength(30);
  });

  it('a cancelled export leaves no half-written file behind', async () => {
    const fs = corpus(20);
    let n = 0;
    const reporter: CorpusReporter = { ...quiet, cancelled: () => ++n > 15 };
    const jsonl = EXPORT_FORMATS.find((f) => f.id === 'jsonl')!;
    await expect(exportCorpus(fs, { paths: ['/ws'], format: jsonl, out: '/out', includeSuggestions: true, gazetteer, taxonomy, bufferBytes: 1000 }, reporter)).rejects.toBeInstanceOf(CancelledError);
    expect(fs.pending.size).toBe(0);
    expect(await fs.stat('/out/corpus.spacy.jsonl')).toBeUndefined();
  });
});
