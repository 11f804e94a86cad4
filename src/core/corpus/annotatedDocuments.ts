/** The annotated articles of a corpus as the export, count and agreement jobs read them. */
import type { FileSystem } from '../ports';
import type { ExportDocument } from '../exports/exportDocument';
import { corpusTexts, reportInternalError, type CorpusReporter } from './corpusJob';
import { forEachArticle, reportOutcomeError, type ArticleReaders, type ArticleTask, type ArticleValues } from './articleReader';

export { readAnnotatedDocument } from './articleReader';

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
 * is written), handed to `visit` one at a time in path order: the next is taken only once `visit` has returned,
 * so a job that keeps nothing of a document holds a few in memory however large the corpus (the host's
 * `readers` may read a few ahead, off this thread). Articles without a sidecar are left out silently. An
 * exception while one is read or visited (a bug, not bad input) is reported as `internal-error` for that article
 * and the others are still visited, as annotate does.
 */
export async function forEachAnnotatedDocument(
  fs: FileSystem,
  paths: readonly string[],
  reporter: CorpusReporter,
  visit: (doc: ExportDocument) => void | Promise<void>,
  readers?: ArticleReaders,
): Promise<VisitedDocuments> {
  return forEachArticleValue(fs, paths, reporter, { kind: 'document' }, readers, visit);
}

/** {@link forEachAnnotatedDocument} for any task whose value is a document's or what was made of it. */
export async function forEachArticleValue<K extends 'document' | 'counts' | 'export'>(
  fs: FileSystem,
  paths: readonly string[],
  reporter: CorpusReporter,
  task: Extract<ArticleTask, { kind: K }>,
  readers: ArticleReaders | undefined,
  visit: (value: Exclude<ArticleValues[K], 'failed' | 'none'>) => void | Promise<void>,
): Promise<VisitedDocuments> {
  const files = await corpusTexts(fs, paths, reporter);
  let documents = 0;
  let unannotated = 0;
  const failedFiles: string[] = [];
  const internalFiles: string[] = [];
  await forEachArticle(fs, files, reporter, task, readers, async (outcome, file) => {
    try {
      if (reportOutcomeError(reporter, file, outcome)) return void internalFiles.push(file);
      const value = outcome.value as ArticleValues[K];
      if (value === 'failed') failedFiles.push(file);
      if (value === 'none') unannotated++;
      if (value === 'failed' || value === 'none') return;
      await visit(value as Exclude<ArticleValues[K], 'failed' | 'none'>);
      documents++;
    } catch (e) {
      reportInternalError(reporter, file, e);
      internalFiles.push(file);
    }
  });
  return { documents, failed: failedFiles.length, failedFiles, internalErrors: internalFiles.length, internalFiles, unannotated };
}

/** All of them at once, for jobs that compare documents with each other (agreement). */
export async function annotatedDocuments(fs: FileSystem, paths: readonly string[], reporter: CorpusReporter): Promise<AnnotatedDocuments> {
  const docs: ExportDocument[] = [];
  const { failed, failedFiles, internalErrors, unannotated } = await forEachAnnotatedDocument(fs, paths, reporter, (d) => void docs.push(d));
  return { docs, failed, failedFiles, internalErrors, unannotated };
}
