/** The export job: the annotated articles rendered in one format and written into an output folder. */
import type { FileSystem } from '../ports';
import type { Gazetteer } from '../gazetteer/gazetteer';
import type { Taxonomy } from '../events/taxonomy';
import type { ExportDocument, ExportOptions } from '../exports/exportDocument';
import type { ExportFormat } from '../exports/exportFormats';
import { splitOf } from '../exports/splitOf';
import { annotatedDocuments } from './annotatedDocuments';
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
  /** Canonical names, ACLED codes and coordinates of linked entities. */
  readonly gazetteer: () => Promise<Gazetteer>;
  /** The event types brat's annotation.conf declares. */
  readonly taxonomy: () => Promise<Taxonomy>;
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
  const gazetteer = await options.gazetteer();
  const taxonomy = await options.taxonomy();
  const { docs, failed } = await annotatedDocuments(fs, options.paths, reporter);
  const opts: ExportOptions = { includeSuggestions: options.includeSuggestions === true, entities: (id) => gazetteer.get(id) };
  const split = options.split ? ([...options.split] as [number, number, number]) : undefined;
  const groups = new Map<string, ExportDocument[]>();
  for (const d of docs) {
    const key = split ? splitOf(d.sidecar.document.sha256, split) : 'corpus';
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  await fs.mkdirp(options.out);
  const written: string[] = [];
  for (const [group, list] of [...groups].sort()) {
    for (const file of options.format.files({ name: group, docs: list, split: split !== undefined }, opts, taxonomy)) {
      const target = outputPath(options.out, file.name);
      await fs.mkdirp(folderOf(target));
      await fs.writeFileAtomic(target, typeof file.content === 'string' ? new TextEncoder().encode(file.content) : file.content);
      written.push(target);
    }
  }
  return { documents: docs.length, failed, written };
}
