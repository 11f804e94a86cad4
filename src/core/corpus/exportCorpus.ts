/**
 * The export job: the annotated articles rendered in one format and written into an output folder, streamed: a
 * document is read, rendered into its group's files and dropped before the next is read.
 */
import type { AtomicFile, FileSystem } from '../ports';
import type { Gazetteer } from '../gazetteer/gazetteer';
import type { Taxonomy } from '../events/taxonomy';
import type { ExportOptions } from '../exports/exportDocument';
import type { ExportFormat, ExportSink, GroupWriter } from '../exports/exportFormats';
import { splitOf } from '../exports/splitOf';
import { forEachAnnotatedDocument } from './annotatedDocuments';
import type { CorpusReporter } from './corpusJob';
import { folderOf, isWithin, outputPath } from './corpusPaths';
import { collectTextFiles } from './collectTextFiles';
import { InputError } from './corpusErrors';

/**
 * The output folder must be a folder (or not exist yet) and hold none of the input articles: formats such as brat
 * write `.txt` copies whose names could be an article's, so writing among the inputs could destroy one.
 */
async function checkOutputFolder(fs: FileSystem, out: string, paths: readonly string[]): Promise<void> {
  const stat = await fs.stat(out);
  if (stat && !stat.isDirectory) throw new InputError(`-o ${out} is a file; give a folder to export into`);
  const inputs = await collectTextFiles(fs, paths);
  const inside = inputs.find((f) => isWithin(f, out));
  if (inside) throw new InputError(`refusing to export into ${out}: it holds input articles (${inside}); give an empty or new folder`);
}

export interface ExportCorpusOptions {
  readonly paths: readonly string[];
  readonly format: ExportFormat;
  /** Absolute output folder, created when missing. */
  readonly out: string;
  /** train/dev/test ratios; without, one group named "corpus". */
  readonly split?: readonly [number, number, number];
  readonly includeSuggestions?: boolean;
  /** Canonical names, ACLED codes and coordinates of linked entities; asked for only by formats that use them. */
  readonly gazetteer: () => Promise<Gazetteer>;
  /** The event types brat's annotation.conf declares. */
  readonly taxonomy: () => Promise<Taxonomy>;
  /** Rendered output held before it is written out (default 1 MB): the memory an export needs beyond one document. */
  readonly bufferBytes?: number;
}

export interface ExportCorpusResult {
  readonly documents: number;
  /** Articles skipped because their text or sidecar could not be read (reported). */
  readonly failed: number;
  /** Absolute paths, in the order written. */
  readonly written: readonly string[];
}

export async function exportCorpus(fs: FileSystem, options: ExportCorpusOptions, reporter: CorpusReporter): Promise<ExportCorpusResult> {
  await checkOutputFolder(fs, options.out, options.paths);
  // the gazetteer (with its places, the largest thing an export would hold) only for a format that looks entities up
  const gazetteer = options.format.usesEntities ? await options.gazetteer() : undefined;
  const taxonomy = await options.taxonomy();
  const opts: ExportOptions = { includeSuggestions: options.includeSuggestions === true, ...(gazetteer ? { entities: (id: string) => gazetteer.get(id) } : {}) };
  const split = options.split ? ([...options.split] as [number, number, number]) : undefined;
  await fs.mkdirp(options.out);
  // a document at a time: each goes to its group's writer, whose files grow on disk as the buffer fills
  const files = new StreamedFiles(fs, options.out, options.bufferBytes ?? FLUSH_AT);
  const groups = new Map<string, { writer: GroupWriter; names: string[] }>();
  try {
    const { documents, failed } = await forEachAnnotatedDocument(fs, options.paths, reporter, async (d) => {
      const name = split ? splitOf(d.sidecar.document.sha256, split) : 'corpus';
      let group = groups.get(name);
      if (!group) {
        const names: string[] = [];
        group = { writer: options.format.writer({ name, split: split !== undefined }, opts, taxonomy, files.sink(names)), names };
        groups.set(name, group);
      }
      group.writer.add(d);
      await files.flush(false);
    });
    const order = [...groups.keys()].sort();
    for (const name of order) groups.get(name)!.writer.end();
    await files.flush(true);
    await files.close();
    const written = order.flatMap((name) => groups.get(name)!.names.map((n) => outputPath(options.out, n)));
    return { documents, failed, written };
  } catch (e) {
    await files.abort();
    throw e;
  }
}

/** Output (bytes, or UTF-16 units of text) held before the files are written out. */
const FLUSH_AT = 1 << 20;

/**
 * The files of an export as formats render them: appended files stream into temporary files renamed into place
 * at the end, whole files are written as soon as the buffer is flushed. Memory is bounded by the buffer plus the
 * largest single document, not by the corpus.
 */
class StreamedFiles {
  private readonly pending = new Map<string, (string | Uint8Array)[]>();
  private readonly whole: Array<[string, string | Uint8Array]> = [];
  private readonly open = new Map<string, AtomicFile>();
  private size = 0;

  constructor(
    private readonly fs: FileSystem,
    private readonly out: string,
    private readonly bufferBytes: number,
  ) {}

  /** A sink that records, in `names`, each file the first time it is named. */
  sink(names: string[]): ExportSink {
    const seen = new Set<string>();
    const named = (name: string): void => {
      if (!seen.has(name)) names.push(name);
      seen.add(name);
    };
    return {
      append: (name, chunk) => {
        named(name);
        const list = this.pending.get(name);
        if (list) list.push(chunk);
        else this.pending.set(name, [chunk]);
        this.size += chunk.length;
      },
      file: (name, content) => {
        named(name);
        this.whole.push([name, content]);
        this.size += content.length;
      },
    };
  }

  async flush(force: boolean): Promise<void> {
    if (!force && this.size < this.bufferBytes) return;
    for (const [name, content] of this.whole.splice(0)) {
      const target = outputPath(this.out, name);
      await this.fs.mkdirp(folderOf(target));
      await this.fs.writeFileAtomic(target, typeof content === 'string' ? encoder.encode(content) : content);
    }
    for (const [name, chunks] of this.pending) {
      let file = this.open.get(name);
      if (!file) {
        const target = outputPath(this.out, name);
        await this.fs.mkdirp(folderOf(target));
        file = await this.fs.openAtomic(target);
        this.open.set(name, file);
      }
      const text = chunks.every((c) => typeof c === 'string');
      if (text) await file.write(encoder.encode(chunks.join('')));
      else for (const c of chunks) await file.write(typeof c === 'string' ? encoder.encode(c) : c);
    }
    this.pending.clear();
    this.size = 0;
  }

  async close(): Promise<void> {
    for (const file of this.open.values()) await file.close();
    this.open.clear();
  }

  async abort(): Promise<void> {
    for (const file of this.open.values()) await file.abort().catch(() => undefined);
    this.open.clear();
  }
}

const encoder = new TextEncoder();
