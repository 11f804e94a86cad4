/** The annotated articles of a corpus as the export, count and agreement jobs read them. */
import type { FileSystem } from '../ports';
import type { ExportDocument } from '../exports/exportDocument';
import { SidecarStore } from '../sidecar/sidecarStore';
import { sidecarPathFor } from '../sidecar/sidecarFormat';
import { syncToText } from '../review/annotateDocument';
import { corpusTexts, loadArticle, reportSidecarProblems, step, type CorpusReporter } from './corpusJob';
import { fileName } from './corpusPaths';

export interface AnnotatedDocuments {
  readonly docs: ExportDocument[];
  /** Articles whose text or sidecar could not be read (reported). */
  readonly failed: number;
  /** Their text paths. */
  readonly failedFiles: readonly string[];
  /** Articles without a sidecar. */
  readonly unannotated: number;
}

export interface VisitedDocuments {
  /** Documents passed to the visitor. */
  readonly documents: number;
  /** Articles whose text or sidecar could not be read (reported). */
  readonly failed: number;
  /** Their text paths. */
  readonly failedFiles: readonly string[];
  /** Articles without a sidecar. */
  readonly unannotated: number;
}

/**
 * Articles under `paths` that have a valid sidecar, re-anchored in memory when their text changed since (nothing
 * is written), handed to `visit` one at a time in path order: the next is read only once `visit` has returned,
 * so a job that keeps nothing of a document holds one in memory however large the corpus. Articles without a
 * sidecar are left out silently.
 */
export async function forEachAnnotatedDocument(
  fs: FileSystem,
  paths: readonly string[],
  reporter: CorpusReporter,
  visit: (doc: ExportDocument) => void | Promise<void>,
): Promise<VisitedDocuments> {
  const files = await corpusTexts(fs, paths, reporter);
  const store = new SidecarStore(fs);
  let documents = 0;
  let unannotated = 0;
  const failedFiles: string[] = [];
  for (const [i, file] of files.entries()) {
    step(reporter, i, files);
    const doc = await readAnnotatedDocument(fs, store, file, reporter);
    if (doc === 'failed') failedFiles.push(file);
    if (doc === undefined) unannotated++;
    if (typeof doc !== 'object') continue;
    documents++;
    await visit(doc);
  }
  return { documents, failed: failedFiles.length, failedFiles, unannotated };
}

/**
 * One article as {@link forEachAnnotatedDocument} reads it: the document; `'failed'` when its text or sidecar
 * could not be read (reported); undefined when it has no sidecar.
 */
export async function readAnnotatedDocument(fs: FileSystem, store: SidecarStore, file: string, reporter: CorpusReporter): Promise<ExportDocument | 'failed' | undefined> {
  if (!(await fs.stat(sidecarPathFor(file)))) return undefined;
  const loaded = await loadArticle(store, file, reporter);
  if (!loaded || !loaded.sidecar) {
    if (loaded) reportSidecarProblems(reporter, loaded);
    return 'failed';
  }
  const synced = syncToText(loaded.sidecar, loaded.text, loaded.sha256);
  if (synced.rehashed) reporter.problem({ code: 'stale', severity: 'warning', line: 0, file, message: `text changed since annotation (${synced.moved} moved, ${synced.orphaned} orphaned); run annotate to save` });
  return { name: fileName(file), text: loaded.text, sidecar: synced.sidecar };
}

/** All of them at once, for jobs that compare documents with each other (agreement). */
export async function annotatedDocuments(fs: FileSystem, paths: readonly string[], reporter: CorpusReporter): Promise<AnnotatedDocuments> {
  const docs: ExportDocument[] = [];
  const { failed, failedFiles, unannotated } = await forEachAnnotatedDocument(fs, paths, reporter, (d) => void docs.push(d));
  return { docs, failed, failedFiles, unannotated };
}
