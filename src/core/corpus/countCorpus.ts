/** The stats job: {@link corpusStats} over the annotated articles under some paths, a document at a time. */
import type { FileSystem } from '../ports';
import { forEachArticleValue } from './annotatedDocuments';
import type { ArticleReaders } from './articleReader';
import type { CorpusReporter } from './corpusJob';
import { CorpusCounter, type CorpusStats } from './corpusStats';

export interface CountCorpusResult {
  readonly stats: CorpusStats;
  /** Articles left out because their text or sidecar could not be read (reported). */
  readonly failed: number;
  /** Articles left out because they met a bug (reported as `internal-error`). */
  readonly internalErrors: number;
}

/** `readers`: the host's, to read and count articles off this thread (the figures are the same). */
export async function countCorpus(fs: FileSystem, paths: readonly string[], reporter: CorpusReporter, readers?: ArticleReaders): Promise<CountCorpusResult> {
  const counter = new CorpusCounter();
  // a document's figures are made whole where it is read, then added: one that meets a bug adds nothing
  const { failed, internalErrors } = await forEachArticleValue(fs, paths, reporter, { kind: 'counts' }, readers, (c) => counter.addCounts(c));
  return { stats: counter.stats(), failed, internalErrors };
}
