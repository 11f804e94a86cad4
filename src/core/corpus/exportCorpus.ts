/**
 * The export job: the annotated articles rendered in one format and written into an output folder, with a
 * `manifest.json` beside the data saying what was taken and what was left out and why.
 *
 * Documents: reviewed ones; drafts with accepted work only with `unreviewed: 'missing'` (and only in formats
 * that can mark their unreviewed text unknown); everything with `includeSuggestions`. With a split, every
 * group with a share gets its files even when no document fell into it (empty files, and a warning), so a
 * training pipeline never finds its test file missing; Hugging Face leaves empty splits out of its card.
 */
import type { FileSystem } from '../ports';
import type { Gazetteer } from '../gazetteer/gazetteer';
import type { Taxonomy } from '../events/taxonomy';
import { documentChoice, prepare, type ExportDocument, type ExportOptions, type LeftOut, type TagScheme, type Unreviewed } from '../exports/exportDocument';
import type { ExportFile, ExportFormat } from '../exports/exportFormats';
import { countLosses, documentEntry, MANIFEST_FILE, type ExportManifest, type ManifestDocument } from '../exports/exportManifest';
import { splitOf } from '../exports/splitOf';
import { MENTION_LABELS } from '../model';
import { annotatedDocuments } from './annotatedDocuments';
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
  /** Canonical names, ACLED codes and coordinates of linked entities. */
  readonly gazetteer: () => Promise<Gazetteer>;
  /** The event types brat's annotation.conf declares. */
  readonly taxonomy: () => Promise<Taxonomy>;
}

export interface ExportCorpusResult {
  readonly documents: number;
  /** Articles skipped because their text or sidecar could not be read (reported). */
  readonly failed: number;
  /** Absolute paths, in the order written (the manifest last). */
  readonly written: readonly string[];
  readonly manifest: ExportManifest;
}

const GROUPS = ['train', 'dev', 'test'] as const;

export async function exportCorpus(fs: FileSystem, options: ExportCorpusOptions, reporter: CorpusReporter): Promise<ExportCorpusResult> {
  await checkOutputFolder(fs, options.out, options.paths);
  const gazetteer = await options.gazetteer();
  const taxonomy = await options.taxonomy();
  const { docs, failed, failedFiles, unannotated } = await annotatedDocuments(fs, options.paths, reporter);
  const { format } = options;
  const unreviewed: Unreviewed = options.unreviewed ?? 'skip';
  const opts: ExportOptions = { includeSuggestions: options.includeSuggestions === true, unreviewed, scheme: options.scheme, entities: (id) => gazetteer.get(id) };
  const split = options.split ? ([...options.split] as [number, number, number]) : undefined;

  const leftOut: LeftOut[] = failedFiles.map((f) => ({ document: fileName(f), kind: 'document', reason: 'unreadable' }));
  const groups = new Map<string, ExportDocument[]>(split ? GROUPS.filter((_, i) => split[i] > 0).map((g) => [g, []]) : [['corpus', []]]);
  const entries: ManifestDocument[] = [];
  const notHeld = { mentions: 0, attributions: 0, events: 0 };
  for (const d of docs) {
    const choice = documentChoice(d, opts);
    if (!choice.export) {
      leftOut.push({ document: d.name, kind: 'document', reason: choice.reason });
      continue;
    }
    if (choice.missing && !format.holds.missing) {
      leftOut.push({ document: d.name, kind: 'document', reason: 'cannot-mark-missing', detail: `${format.id} has no way to mark text unknown` });
      continue;
    }
    const group = split ? splitOf(d.sidecar.document.sha256, split) : 'corpus';
    groups.get(group)!.push(d);
    const e = documentEntry(prepare(d, opts), group, format.holds);
    entries.push(e.entry);
    leftOut.push(...e.leftOut);
    for (const k of ['mentions', 'attributions', 'events'] as const) notHeld[k] += e.notHeld[k];
  }

  const warnings: string[] = [];
  const exported = entries.length;
  if (split) {
    for (const [g, list] of groups) {
      if (list.length === 0) warnings.push(`--split ${split.join('/')}: no document fell into ${g} (${exported} documents exported; each document goes by its hash, so a small corpus can leave a group empty)`);
    }
  }
  if (exported === 0) warnings.push(`no document was exported${docs.length ? ` (${docs.length} annotated, none reviewed${unreviewed === 'skip' ? '; mark documents reviewed, or use --unreviewed missing' : ''})` : ''}`);

  await fs.mkdirp(options.out);
  const written: string[] = [];
  const relative: string[] = [];
  const write = async (file: ExportFile): Promise<void> => {
    const target = outputPath(options.out, file.name);
    await fs.mkdirp(folderOf(target));
    await fs.writeFileAtomic(target, typeof file.content === 'string' ? new TextEncoder().encode(file.content) : file.content);
    written.push(target);
    relative.push(file.name);
  };
  const byGroup: { group: string; files: ExportFile[] }[] = [];
  for (const [group, list] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const files = format.files({ name: group, docs: list, split: split !== undefined }, opts, taxonomy);
    byGroup.push({ group, files });
    for (const f of files) await write(f);
  }
  for (const f of format.corpusFiles?.(byGroup, opts, taxonomy) ?? []) await write(f);

  const totals = { articles: docs.length + failed, exported, mentions: Object.fromEntries(MENTION_LABELS.map((l) => [l, 0])) as ExportManifest['totals']['mentions'], attributions: 0, events: 0, notHeld, unannotated };
  for (const e of entries) {
    for (const l of MENTION_LABELS) totals.mentions[l] += e.mentions[l];
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
    groups: [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([name, list]) => ({ name, documents: list.length })),
    documents: entries,
    totals,
    reasons,
    leftOut,
    losses: countLosses(leftOut),
    warnings,
  };
  await write({ name: MANIFEST_FILE, content: JSON.stringify(manifest, null, 2) + '\n' });
  return { documents: exported, failed, written, manifest };
}
