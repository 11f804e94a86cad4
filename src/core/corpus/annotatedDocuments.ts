/** The annotated articles of a corpus as the export, count and agreement jobs read them. */
import type { FileSystem } from '../ports';
import type { ExportDocument } from '../exports/exportDocument';
import { SidecarStore } from '../sidecar/sidecarStore';
import { sidecarPathFor } from '../sidecar/sidecarFormat';
import { syncToText } from '../review/annotateDocument';
import { corpusTexts, loadArticle, reportInternalError, reportSidecarProblems, step, type CorpusReporter } from './corpusJob';
import { fileName } from './corpusPaths';

export interface AnnotatedDocuments {
  readonly docs: ExportDocument[];
  /** Articles whose text or sidecar could not be read (reported). */
  readonly failed: number;
  /** Their text paths. */
  readonly failedFiles: readonly string[];
  /** Articles that met a bug while read (reported as `internal-error`). */
  readonly internalErrors: number;
  /** Articles without a sidecar. */
  readonly unannotated: number;
}

export interface VisitedDocuments {
  /** Documents the visitor took (not those it met a bug on). */
  readonly documents: number;
  /** Articles whose text or sidecar could not be read (reported). */
  readonly failed: number;
  /** Their text paths. */
  readonly failedFiles: readonly string[];
  /** Articles that met a bug while read or visited (reported as `internal-error`); the others were visited. */
  readonly internalErrors: number;
  /** Their text paths. */
  readonly internalFiles: readonly string[];
  /** Articles without a sidecar. */
  readonly unannotated: number;
}

/**
 * Articles under `paths` that have a valid sidecar, re-anchored in memory when their text changed since (nothing
 * is written), handed to `visit` one at a time in path order: the next is read only once `visit` has returned,
 * so a job that keeps nothing of a document holds one in memory however large the corpus. Articles without a
 * sidecar are left out silently. An exception while one is read or visited (a bug, not bad input) is reported as
 * `internal-error` for that article and the others are still visited, as annotate does.
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
  const internalFiles: string[] = [];
  for (const [i, file] of files.entries()) {
    step(reporter, i, files);
    try {
      const doc = await readAnnotatedDocument(fs, store, file, reporter);
      if (doc === 'failed') failedFiles.push(file);
      if (doc === undefined) unannotated++;
      if (typeof doc !== 'object') continue;
      await visit(doc);
      documents++;
    } catch (e) {
      reportInternalError(reporter, file, e);
      internalFiles.push(file);
    }
  }
  return { documents, failed: failedFiles.length, failedFiles, internalErrors: internalFiles.length, internalFiles, unannotated };
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
  const { failed, failedFiles, internalErrors, unannotated } = await forEachAnnotatedDocument(fs, paths, reporter, (d) => void docs.push(d));
  return { docs, failed, failedFiles, internalErrors, unannotated };
}
