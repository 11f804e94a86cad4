/** The stats job: {@link corpusStats} over the annotated articles under some paths, a document at a time. */
import type { FileSystem } from '../ports';
import { forEachAnnotatedDocument } from './annotatedDocuments';
import type { CorpusReporter } from './corpusJob';
import { CorpusCounter, type CorpusStats } from './corpusStats';

export interface CountCorpusResult {
  readonly stats: CorpusStats;
  /** Articles left out because their text or sidecar could not be read (reported). */
  readonly failed: number;
  /** Articles left out because they met a bug (reported as `internal-error`). */
  readonly internalErrors: number;
}

export async function countCorpus(fs: FileSystem, paths: readonly string[], reporter: CorpusReporter): Promise<CountCorpusResult> {
  const counter = new CorpusCounter();
  // (CorpusCounter.add makes a document's figures whole before it adds them: one that meets a bug adds nothing)
  const { failed, internalErrors } = await forEachAnnotatedDocument(fs, paths, reporter, (d) => counter.add(d.sidecar));
  return { stats: counter.stats(), failed, internalErrors };
}
