/**
 * The export formats, in one table that the CLI (`--format`) and the extension (its quick pick) both read:
 * each format's id, description, file naming and renderer. Formats render a document at a time into a sink
 * (GroupWriter), so an export streams; `files` renders a whole group in memory from the same writer.
 */
import type { Taxonomy } from '../events/taxonomy';
import type { ExportDocument, ExportOptions } from './exportDocument';
import { toSpacyJsonl } from './spacyJsonl';
import { hfDatasetCard, hfLabels, toHfJsonl } from './hfJsonl';
import { toConll } from './conll';
import { bratConfig, bratName, bratToolsConfig, bratVisualConfig, toBrat } from './brat';
import { toEventsJsonl } from './eventsJsonl';
import { ACLED_CSV_HEADER, acledCsvRows } from './acledCsv';
import { spacyDocBinWriter } from './spacyDocBin';
import { toDoccano } from './doccano';
import { labelStudioConfig, toLabelStudio } from './labelStudio';
import { toWebannoTsv } from './webannoTsv';
import { ENTITY_LABELS } from '../model';

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
  /** The whole file `name` at once (files per document). */
  file(name: string, content: string | Uint8Array): void;
}

/** One group's files, rendered as its documents arrive: `add` each document once, in order, then `end`. */
export interface GroupWriter {
  add(doc: ExportDocument): void;
  /** What `add` does with the document's chunk, given the chunk (formats with `chunkOf`: it may be made elsewhere). */
  addChunk?(chunk: string | Uint8Array): void;
  end(): void;
}

/** What a format can hold, which decides what the export manifest reports as left out. */
export interface FormatHolds {
  /** `flat`: one label per token, overlapping mentions are left out; `all`: overlaps too; `none`: no mentions. */
  readonly mentions: 'flat' | 'all' | 'none';
  readonly attributions: boolean;
  readonly events: boolean;
  /** Can mark a draft's unreviewed text unknown (`--unreviewed missing`); event records need no marking. */
  readonly missing: boolean;
}

export interface ExportFormat {
  /** The `--format` value. */
  readonly id: string;
  readonly description: string;
  /** Name ending of a group's single file (`corpus.spacy.jsonl`); undefined for brat's files per document. */
  readonly extension?: string;
  readonly holds: FormatHolds;
  /** True when `--scheme` applies. */
  readonly tagged?: boolean;
  /** It looks entities up (`ExportOptions.entities`): only then does an export load the gazetteer. */
  readonly usesEntities?: boolean;
  /** Renders a group into `sink` a document at a time, keeping nothing of a document once it is added. */
  writer(group: ExportGroupName, opts: ExportOptions, taxonomy: Taxonomy, sink: ExportSink): GroupWriter;
  /** A whole group rendered in memory (the same bytes the writer gives). */
  files(group: ExportGroup, opts: ExportOptions, taxonomy: Taxonomy): ExportFile[];
  /** Files about the whole export, written once at the top of the output folder after every group's files. */
  /**
   * For formats whose group file is their documents' chunks one after another, each depending on its document
   * only: the chunk `add` appends for it, whatever the group and the documents before (the export job may make
   * it off its thread and hand it to `addChunk`).
   */
  chunkOf?(doc: ExportDocument, opts: ExportOptions): string | Uint8Array;
  corpusFiles?(written: readonly { group: string; files: readonly ExportFile[] }[], opts: ExportOptions, taxonomy: Taxonomy): ExportFile[];
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

/**
 * What a single-file format writes: `start` once (the file exists even for a group without documents, so a
 * training pipeline never finds its test file missing), a chunk per document, a last chunk at the end.
 * Without `start`, the file appears only once something is written (Hugging Face refuses an empty split).
 */
interface FileRenderer {
  readonly start?: string;
  add(doc: ExportDocument): string | Uint8Array;
  end?(): string | Uint8Array;
}

/** A format that renders a whole group into one file named GROUP.EXTENSION. */
function singleFile(
  id: string,
  description: string,
  extension: string,
  holds: FormatHolds,
  renderer: (opts: ExportOptions) => FileRenderer,
  extra: Partial<Omit<ExportFormat, 'writer' | 'files'>> = {},
): ExportFormat {
  return format({
    id,
    description,
    extension,
    holds,
    ...extra,
    writer(group, opts, _taxonomy, sink) {
      const name = `${group.name}.${extension}`;
      const r = renderer(opts);
      if (r.start !== undefined) sink.append(name, r.start);
      const put = (chunk: string | Uint8Array): void => {
        if (r.start !== undefined || chunk.length > 0) sink.append(name, chunk);
      };
      return {
        add: (doc) => put(r.add(doc)),
        addChunk: put,
        end: () => {
          if (r.end) put(r.end());
        },
      };
    },
  });
}

/**
 * File base names per document for formats with files per document, in the order the documents come: the name
 * without `.txt`, folded to letters, digits, '_' and '-'; names that fold together ("a b.txt", "a_b.txt") are
 * numbered so none overwrites another.
 */
function baseNamer(): (doc: ExportDocument) => string {
  const used = new Set<string>();
  return (d) => {
    const base = bratName(d.name.replace(/\.txt$/i, '')) || 'document';
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
    used.add(name);
    return name;
  };
}

export function documentBaseNames(docs: readonly ExportDocument[]): string[] {
  return docs.map(baseNamer());
}

/** What brat's configuration files need of the documents (their event types): kept instead of the documents. */
function eventTypesOnly(d: ExportDocument): ExportDocument {
  const events = d.sidecar.events.map((e) => ({ ...e, text: '', prefix: undefined, suffix: undefined, spans: undefined, notes: undefined }));
  return { name: d.name, text: '', sidecar: { ...d.sidecar, mentions: [], attributions: [], rejected: [], events } };
}

const brat = format({
  id: 'brat',
  description: 'brat standoff (.txt + .ann, annotation.conf, visual.conf, tools.conf)',
  holds: { mentions: 'all', attributions: true, events: true, missing: false },
  usesEntities: true,
  writer(group, opts, taxonomy, sink) {
    const folder = group.split ? `${group.name}/` : '';
    const nameOf = baseNamer();
    const seen: ExportDocument[] = [];
    return {
      add(d) {
        const name = nameOf(d);
        const { txt, ann } = toBrat(d, opts);
        sink.file(`${folder}${name}.txt`, txt);
        sink.file(`${folder}${name}.ann`, ann);
        seen.push(eventTypesOnly(d));
      },
      end() {
        sink.file(`${folder}annotation.conf`, bratConfig(taxonomy, seen));
        sink.file(`${folder}visual.conf`, bratVisualConfig(taxonomy, seen));
        sink.file(`${folder}tools.conf`, bratToolsConfig());
      },
    };
  },
});

const webanno = format({
  id: 'webanno',
  description: 'WebAnno TSV 3.3 for WebAnno and INCEpTION (one .tsv per document)',
  holds: { mentions: 'all', attributions: false, events: false, missing: false },
  writer(group, opts, _taxonomy, sink) {
    const folder = group.split ? `${group.name}/` : '';
    const nameOf = baseNamer();
    return { add: (d) => sink.file(`${folder}${nameOf(d)}.tsv`, toWebannoTsv(d, opts)), end: () => undefined };
  },
});

/** Label Studio's task list, one task a document: the JSON array toLabelStudio writes, built element by element. */
function labelStudioTasks(opts: ExportOptions): FileRenderer {
  let count = 0;
  return {
    start: '',
    add(d) {
      const one = toLabelStudio([d], opts);
      // `[\n {…}\n]\n` → ` {…}` (its id renumbered to its place in the group)
      const task = one.slice(2, one.length - 3).replace(/^( {2}"id": )1,$/m, `$1${++count},`);
      return `${count === 1 ? '[\n' : ',\n'}${task}`;
    },
    end: () => (count === 0 ? '[]\n' : '\n]\n'),
  };
}

const labelStudio = singleFile(
  'label-studio',
  'Label Studio tasks JSON (annotations and predictions) and its labelling config',
  'label-studio.json',
  { mentions: 'all', attributions: false, events: false, missing: false },
  labelStudioTasks,
  { corpusFiles: (_, opts) => [{ name: 'label-studio.xml', content: labelStudioConfig(opts.labels ?? ENTITY_LABELS) }] },
);

const hf = singleFile(
  'hf',
  'Hugging Face token classification dataset folder (JSONL, dataset card with ClassLabel names, labels.json)',
  'hf.jsonl',
  { mentions: 'flat', attributions: false, events: false, missing: true },
  // no `start`: an empty split is left out, load_dataset refuses a split without data
  (opts) => ({ add: (d) => toHfJsonl([d], opts) }),
  {
    tagged: true,
    chunkOf: (d, opts) => toHfJsonl([d], opts),
    corpusFiles: (written, opts) => [
      { name: 'README.md', content: hfDatasetCard(written.flatMap((w) => w.files.map((f) => ({ group: w.group, file: f.name }))), opts) },
      { name: 'labels.json', content: hfLabels(opts) },
    ],
  },
);

/** Each document on its own (formats whose group file is their documents' chunks one after another). */
const each = (render: (docs: readonly ExportDocument[], opts: ExportOptions) => string) => (opts: ExportOptions): FileRenderer => ({ start: '', add: (d) => render([d], opts) });
/** The chunk such a format's renderer adds for a document (the same render, so the two cannot differ). */
const eachChunk = (render: (docs: readonly ExportDocument[], opts: ExportOptions) => string) => ({ chunkOf: (d: ExportDocument, opts: ExportOptions) => render([d], opts) });

export const EXPORT_FORMATS: readonly ExportFormat[] = [
  singleFile('jsonl', 'spaCy-style spans (JSONL)', 'spacy.jsonl', { mentions: 'flat', attributions: false, events: false, missing: false }, each(toSpacyJsonl), eachChunk(toSpacyJsonl)),
  singleFile('spacy', 'spaCy DocBin for spacy train (.spacy)', 'spacy', { mentions: 'flat', attributions: true, events: false, missing: true }, (opts) => {
    // a DocBin is compressed as a whole: its bytes come at the end, only each document's tokens and spans kept
    const docBin = spacyDocBinWriter(opts);
    return { start: '', add: (d) => (docBin.add(d), ''), end: () => docBin.bytes() };
  }),
  hf,
  singleFile('conll', 'CoNLL-2003 BIO (spacy convert reads it)', 'conll', { mentions: 'flat', attributions: false, events: false, missing: false }, each(toConll), { tagged: true, ...eachChunk(toConll) }),
  brat,
  singleFile('events', 'event records (JSONL)', 'events.jsonl', { mentions: 'none', attributions: false, events: true, missing: true }, each(toEventsJsonl), eachChunk(toEventsJsonl)),
  singleFile(
    'acled-csv',
    'events as ACLED columns (CSV)',
    'acled.csv',
    { mentions: 'none', attributions: false, events: true, missing: true },
    (opts) => ({ start: ACLED_CSV_HEADER, add: (d) => acledCsvRows(d, opts) }),
    { usesEntities: true },
  ),
  singleFile('doccano', 'doccano sequence labelling JSONL', 'doccano.jsonl', { mentions: 'all', attributions: false, events: false, missing: false }, each(toDoccano), eachChunk(toDoccano)),
  labelStudio,
  webanno,
];

export function exportFormat(id: string): ExportFormat | undefined {
  return EXPORT_FORMATS.find((f) => f.id === id);
}
