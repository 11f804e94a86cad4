/**
 * The export formats, in one table that the CLI (`--format`) and the extension (its quick pick) both read:
 * each format's id, description, file naming and renderer. Formats render a document at a time into a sink
 * (GroupWriter), so an export streams; `files` renders a whole group in memory from the same writer.
 */
import type { Taxonomy } from '../events/taxonomy';
import type { ExportDocument, ExportOptions } from './exportDocument';
import { spacyJsonlLine } from './spacyJsonl';
import { hfJsonlLines } from './hfJsonl';
import { conllDocument } from './conll';
import { bratConfig, bratName, toBrat } from './brat';
import { eventsJsonlLines } from './eventsJsonl';
import { ACLED_CSV_HEADER, acledCsvRows } from './acledCsv';
import { spacyDocBinWriter } from './spacyDocBin';

/** A file to write, named relative to the output folder. */
export interface ExportFile {
  readonly name: string;
  /** Text (written as UTF-8) or bytes (binary formats such as spaCy's DocBin). */
  readonly content: string | Uint8Array;
}

/** The documents that go into one set of files: the whole corpus ("corpus"), or one of train/dev/test with a split. */
export interface ExportGroup extends ExportGroupName {
  readonly docs: readonly ExportDocument[];
}

export interface ExportGroupName {
  readonly name: string;
  /** True when the corpus is split, so each group needs files of its own. */
  readonly split: boolean;
}

/**
 * Where a format puts a group's files as it renders them (names relative to the output folder). The export job
 * writes them out as they grow, so a corpus never has to fit in memory; each file appears whole.
 */
export interface ExportSink {
  /** Appends to the file `name`, created (even empty) by its first chunk. */
  append(name: string, chunk: string | Uint8Array): void;
  /** The whole file `name` at once (brat's files per document). */
  file(name: string, content: string | Uint8Array): void;
}

/** One group's files, rendered as its documents arrive: `add` each document once, in order, then `end`. */
export interface GroupWriter {
  add(doc: ExportDocument): void;
  end(): void;
}

export interface ExportFormat {
  /** The `--format` value. */
  readonly id: string;
  readonly description: string;
  /** Name ending of a group's single file (`corpus.spacy.jsonl`); undefined for brat's files per document. */
  readonly extension?: string;
  /** It looks entities up (`ExportOptions.entities`): only then does an export load the gazetteer. */
  readonly usesEntities?: boolean;
  /** Renders a group into `sink` a document at a time, keeping nothing of a document once it is added. */
  writer(group: ExportGroupName, opts: ExportOptions, taxonomy: Taxonomy, sink: ExportSink): GroupWriter;
  /** A whole group rendered in memory (the same bytes the writer gives). */
  files(group: ExportGroup, opts: ExportOptions, taxonomy: Taxonomy): ExportFile[];
}

/** The files a writer produces, in the order it names them, collected in memory. */
function filesOf(format: Pick<ExportFormat, 'writer'>, group: ExportGroup, opts: ExportOptions, taxonomy: Taxonomy): ExportFile[] {
  const files = new Map<string, (string | Uint8Array)[]>();
  const sink: ExportSink = {
    append: (name, chunk) => void (files.get(name) ?? files.set(name, []).get(name)!).push(chunk),
    file: (name, content) => void files.set(name, [content]),
  };
  const writer = format.writer(group, opts, taxonomy, sink);
  for (const d of group.docs) writer.add(d);
  writer.end();
  return [...files].map(([name, chunks]) => ({ name, content: joinChunks(chunks) }));
}

function joinChunks(chunks: readonly (string | Uint8Array)[]): string | Uint8Array {
  if (chunks.every((c) => typeof c === 'string')) return chunks.join('');
  const bytes = chunks.map((c) => (typeof c === 'string' ? new TextEncoder().encode(c) : c));
  const out = new Uint8Array(bytes.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of bytes) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}

function format(f: Omit<ExportFormat, 'files'>): ExportFormat {
  return { ...f, files: (group, opts, taxonomy) => filesOf(f, group, opts, taxonomy) };
}

/** What a single-file format writes: `start` once, a chunk per document, a last chunk at the end. */
interface FileRenderer {
  readonly start?: string;
  add(doc: ExportDocument): string;
  end?(): string | Uint8Array;
}

/** A format that renders a whole group into one file named GROUP.EXTENSION. */
function singleFile(id: string, description: string, extension: string, renderer: (opts: ExportOptions) => FileRenderer, usesEntities = false): ExportFormat {
  return format({
    id,
    description,
    extension,
    ...(usesEntities ? { usesEntities } : {}),
    writer(group, opts, _taxonomy, sink) {
      const name = `${group.name}.${extension}`;
      const r = renderer(opts);
      sink.append(name, r.start ?? '');
      return {
        add: (doc) => sink.append(name, r.add(doc)),
        end: () => {
          if (r.end) sink.append(name, r.end());
        },
      };
    },
  });
}

const brat = format({
  id: 'brat',
  description: 'brat standoff (.txt + .ann + annotation.conf)',
  writer(group, opts, taxonomy, sink) {
    const folder = group.split ? `${group.name}/` : '';
    // bratName folds punctuation ("a b.txt" and "a_b.txt" meet): number repeats so no document overwrites another
    const used = new Set<string>();
    return {
      add(d) {
        const { txt, ann } = toBrat(d, opts);
        let name = bratName(d.name);
        for (let n = 2; used.has(name); n++) name = `${bratName(d.name)}_${n}`;
        used.add(name);
        sink.file(`${folder}${name}.txt`, txt);
        sink.file(`${folder}${name}.ann`, ann);
      },
      end: () => sink.file(`${folder}annotation.conf`, bratConfig(taxonomy)),
    };
  },
});

export const EXPORT_FORMATS: readonly ExportFormat[] = [
  singleFile('jsonl', 'spaCy-style spans (JSONL)', 'spacy.jsonl', (opts) => ({ add: (d) => spacyJsonlLine(d, opts) })),
  singleFile('spacy', 'spaCy DocBin for spacy train (.spacy)', 'spacy', (opts) => {
    const docBin = spacyDocBinWriter(opts);
    return { add: (d) => (docBin.add(d), ''), end: () => docBin.bytes() };
  }),
  singleFile('hf', 'Hugging Face token classification (tokens + BIO tags)', 'hf.jsonl', (opts) => ({ add: (d) => hfJsonlLines(d, opts) })),
  singleFile('conll', 'CoNLL-2003 BIO', 'conll', (opts) => ({ add: (d) => conllDocument(d, opts) })),
  brat,
  singleFile('events', 'event records (JSONL)', 'events.jsonl', (opts) => ({ add: (d) => eventsJsonlLines(d, opts) })),
  singleFile('acled-csv', 'events as ACLED columns (CSV)', 'acled.csv', (opts) => ({ start: ACLED_CSV_HEADER, add: (d) => acledCsvRows(d, opts) }), true),
];

export function exportFormat(id: string): ExportFormat | undefined {
  return EXPORT_FORMATS.find((f) => f.id === id);
}
