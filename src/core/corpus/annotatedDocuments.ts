/** The annotated articles of a corpus as the export and count jobs read them. */
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

/**
 * Articles under `paths` that have a valid sidecar, re-anchored in memory when their text changed since (nothing
 * is written). Articles without a sidecar are left out silently.
 */
export async function annotatedDocuments(fs: FileSystem, paths: readonly string[], reporter: CorpusReporter): Promise<AnnotatedDocuments> {
  const files = await corpusTexts(fs, paths);
  const store = new SidecarStore(fs);
  const docs: ExportDocument[] = [];
  const failedFiles: string[] = [];
  let unannotated = 0;
  for (const [i, file] of files.entries()) {
    step(reporter, i, files);
    if (!(await fs.stat(sidecarPathFor(file)))) {
      unannotated++;
      continue;
    }
    const loaded = await loadArticle(store, file, reporter);
    if (!loaded || !loaded.sidecar) {
      if (loaded) reportSidecarProblems(reporter, loaded);
      failedFiles.push(file);
      continue;
    }
    const synced = syncToText(loaded.sidecar, loaded.text, loaded.sha256);
    if (synced.rehashed) reporter.problem({ code: 'stale', severity: 'warning', line: 0, file, message: `text changed since annotation (${synced.moved} moved, ${synced.orphaned} orphaned); run annotate to save` });
    docs.push({ name: fileName(file), text: loaded.text, sidecar: synced.sidecar });
  }
  return { docs, failed: failedFiles.length, failedFiles, unannotated };
}
