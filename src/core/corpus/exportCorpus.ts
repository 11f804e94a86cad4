/**
 * The export job: the annotated articles rendered in one format and written into an output folder, with a
 * `manifest.json` beside the data saying what was taken and what was left out and why.
 *
 * Documents: reviewed ones; drafts with accepted work only with `unreviewed: 'missing'` (and only in formats
 * that can mark their unreviewed text unknown); everything with `includeSuggestions`. With a split, every
 * group with a share gets its files even when no document fell into it (empty files, and a warning), so a
 * training pipeline never finds its test file missing; Hugging Face leaves empty splits out of its card.
 *
 * Streamed: a document is read, rendered into its group's files and dropped before the next is read; what is
 * kept of it is its line of the manifest. Files grow on disk (temporary files renamed into place at the end).
 */
import type { AtomicFile, FileSystem } from '../ports';
import type { Gazetteer } from '../gazetteer/gazetteer';
import type { Taxonomy } from '../events/taxonomy';
import type { ExportOptions, LeftOut, TagScheme, Unreviewed } from '../exports/exportDocument';
import type { ExportFile, ExportFormat, ExportSink, GroupWriter } from '../exports/exportFormats';
import { countLosses, MANIFEST_FILE, type ExportManifest, type ManifestDocument } from '../exports/exportManifest';
import { ENTITY_LABELS } from '../model';
import { forEachAnnotatedDocument, forEachArticleValue } from './annotatedDocuments';
import { exportPart, type ExportPart, type ExportPartSettings } from './exportPart';
import type { ArticleReaders } from './articleReader';
import type { CorpusReporter } from './corpusJob';
import { fileName, folderOf, isWithin, outputPath } from './corpusPaths';
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
  /** Drafts with accepted work: left out (default) or exported with the rest of their text unknown. */
  readonly unreviewed?: Unreviewed;
  /** Tag scheme of the BIO formats (default IOB2). */
  readonly scheme?: TagScheme;
  /** Recorded in the manifest; the host decides what a loss means for its exit status. */
  readonly strict?: boolean;
  /** Canonical names, ACLED codes and coordinates of linked entities; asked for only by formats that use them. */
  readonly gazetteer: () => Promise<Gazetteer>;
  /** The event types brat's annotation.conf declares. */
  readonly taxonomy: () => Promise<Taxonomy>;
  /** Rendered output held before it is written out (default 1 MB): the memory an export needs beyond one document. */
  readonly bufferBytes?: number;
  /** The host's, to read articles off this thread (the output is the same). */
  readonly readers?: ArticleReaders;
}

export interface ExportCorpusResult {
  readonly documents: number;
  /** Articles skipped because their text or sidecar could not be read (reported). */
  readonly failed: number;
  /** Articles skipped because they met a bug (reported as `internal-error`); the others were exported. */
  readonly internalErrors: number;
  /** Absolute paths, in the order written (the manifest last). */
  readonly written: readonly string[];
  readonly manifest: ExportManifest;
}

const GROUPS = ['train', 'dev', 'test'] as const;

export async function exportCorpus(fs: FileSystem, options: ExportCorpusOptions, reporter: CorpusReporter): Promise<ExportCorpusResult> {
  await checkOutputFolder(fs, options.out, options.paths);
  const { format } = options;
  // the gazetteer (with its places, the largest thing an export would hold) only for a format that looks entities up
  const gazetteer = format.usesEntities ? await options.gazetteer() : undefined;
  const taxonomy = await options.taxonomy();
  const unreviewed: Unreviewed = options.unreviewed ?? 'skip';
  const opts: ExportOptions = { includeSuggestions: options.includeSuggestions === true, unreviewed, scheme: options.scheme, ...(gazetteer ? { entities: (id: string) => gazetteer.get(id) } : {}) };
  const split = options.split ? ([...options.split] as [number, number, number]) : undefined;

  await fs.mkdirp(options.out);
  const files = new StreamedFiles(fs, options.out, options.bufferBytes ?? FLUSH_AT);
  // every group with a share, written even when no document falls into it
  const groups = new Map<string, { writer: GroupWriter; names: string[]; documents: number }>();
  for (const name of split ? GROUPS.filter((_, i) => split[i] > 0) : ['corpus']) {
    const names: string[] = [];
    groups.set(name, { writer: format.writer({ name, split: split !== undefined }, opts, taxonomy, files.sink(names)), names, documents: 0 });
  }
  const leftOut: LeftOut[] = [];
  const entries: ManifestDocument[] = [];
  const notHeld = { mentions: 0, attributions: 0, events: 0 };
  let visited;
  try {
    const take = async (part: ExportPart, render: (writer: GroupWriter) => void): Promise<void> => {
      if (!('group' in part)) return void leftOut.push(part.leftOut);
      const group = groups.get(part.group)!;
      // a document that meets a bug while rendered leaves nothing in the files nor in the manifest (the job
      // reports it and goes on): its entry is made first, its chunks reach the files only once it is whole
      files.whole(() => render(group.writer));
      group.documents++;
      entries.push(part.entry);
      leftOut.push(...part.leftOut);
      for (const k of ['mentions', 'attributions', 'events'] as const) notHeld[k] += part.notHeld[k];
      await files.flush(false);
    };
    if (format.chunkOf && !format.usesEntities && [...groups.values()].every((g) => g.writer.addChunk)) {
      // chunks that stand alone are rendered where the document is read (on the host's reader threads)
      const settings: ExportPartSettings = { format: format.id, includeSuggestions: opts.includeSuggestions === true, unreviewed, scheme: options.scheme, ...(split ? { split } : {}) };
      visited = await forEachArticleValue(fs, options.paths, reporter, { kind: 'export', settings }, options.readers, (part) => take(part, (w) => w.addChunk!('chunk' in part ? part.chunk! : '')));
    } else {
      visited = await forEachAnnotatedDocument(fs, options.paths, reporter, (d) => take(exportPart(d, format, opts, split, false), (w) => w.add(d)));
    }
    for (const name of [...groups.keys()].sort()) groups.get(name)!.writer.end();
    await files.flush(true);
    await files.close();
  } catch (e) {
    await files.abort();
    throw e;
  }
  const { documents: annotated, failed, failedFiles, internalErrors, internalFiles, unannotated } = visited;
  // unreadable articles first, as they were found, then those that met a bug, then what was left out of the others
  leftOut.unshift(
    ...failedFiles.map((f): LeftOut => ({ document: fileName(f), kind: 'document', reason: 'unreadable' })),
    ...internalFiles.map((f): LeftOut => ({ document: fileName(f), kind: 'document', reason: 'internal-error' })),
  );

  const warnings: string[] = [];
  const exported = entries.length;
  if (split) {
    for (const [g, group] of groups) {
      if (group.documents === 0) warnings.push(`--split ${split.join('/')}: no document fell into ${g} (${exported} documents exported; each document goes by its hash, so a small corpus can leave a group empty)`);
    }
  }
  if (exported === 0) warnings.push(`no document was exported${annotated ? ` (${annotated} annotated, none reviewed${unreviewed === 'skip' ? '; mark documents reviewed, or use --unreviewed missing' : ''})` : ''}`);

  const order = [...groups.keys()].sort((a, b) => a.localeCompare(b));
  const written: string[] = [];
  const relative: string[] = [];
  const byGroup: { group: string; files: ExportFile[] }[] = [];
  for (const name of order) {
    const names = groups.get(name)!.names;
    // the corpus files need only the names of what was written (their content is on disk)
    byGroup.push({ group: name, files: names.map((n) => ({ name: n, content: '' })) });
    for (const n of names) {
      written.push(outputPath(options.out, n));
      relative.push(n);
    }
  }
  const write = async (file: ExportFile): Promise<void> => {
    const target = outputPath(options.out, file.name);
    await fs.mkdirp(folderOf(target));
    await fs.writeFileAtomic(target, typeof file.content === 'string' ? new TextEncoder().encode(file.content) : file.content);
    written.push(target);
    relative.push(file.name);
  };
  for (const f of format.corpusFiles?.(byGroup, opts, taxonomy) ?? []) await write(f);

  const totals = { articles: annotated + failed + internalErrors, exported, mentions: Object.fromEntries(ENTITY_LABELS.map((l) => [l, 0])) as ExportManifest['totals']['mentions'], attributions: 0, events: 0, notHeld, unannotated };
  for (const e of entries) {
    for (const l of ENTITY_LABELS) totals.mentions[l] += e.mentions[l];
    totals.attributions += e.attributions;
    totals.events += e.events;
  }
  const reasons: ExportManifest['reasons'] = {};
  for (const l of leftOut) reasons[l.reason] = (reasons[l.reason] ?? 0) + 1;
  const manifest: ExportManifest = {
    format: format.id,
    options: { unreviewed, includeSuggestions: opts.includeSuggestions === true, split: split ?? null, scheme: format.tagged ? (options.scheme ?? 'iob2') : null, strict: options.strict === true },
    holds: format.holds,
    files: [...relative, MANIFEST_FILE],
    groups: order.map((name) => ({ name, documents: groups.get(name)!.documents })),
    documents: entries,
    totals,
    reasons,
    leftOut,
    losses: countLosses(leftOut),
    warnings,
  };
  await write({ name: MANIFEST_FILE, content: JSON.stringify(manifest, null, 2) + '\n' });
  return { documents: exported, failed, internalErrors, written, manifest };
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
  private readonly wholeFiles: Array<[string, string | Uint8Array]> = [];
  /** While a document renders (see `whole`): what it writes, put in the files once it is done. */
  private holding: Array<() => void> | undefined;
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
    const sink: ExportSink = {
      append: (name, chunk) => {
        if (this.holding) return void this.holding.push(() => sink.append(name, chunk));
        named(name);
        const list = this.pending.get(name);
        if (list) list.push(chunk);
        else this.pending.set(name, [chunk]);
        this.size += chunk.length;
      },
      file: (name, content) => {
        if (this.holding) return void this.holding.push(() => sink.file(name, content));
        named(name);
        this.wholeFiles.push([name, content]);
        this.size += content.length;
      },
    };
    return sink;
  }

  /**
   * Runs `render` (a writer's `add`) with what it writes held apart: it reaches the files only when `render`
   * returns, so a document that throws halfway leaves none of its chunks (nor its file names) behind.
   */
  whole(render: () => void): void {
    const held: Array<() => void> = [];
    this.holding = held;
    try {
      render();
    } finally {
      this.holding = undefined;
    }
    for (const put of held) put();
  }

  async flush(force: boolean): Promise<void> {
    if (!force && this.size < this.bufferBytes) return;
    for (const [name, content] of this.wholeFiles.splice(0)) {
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
