/** The stats job: {@link corpusStats} over the annotated articles under some paths. */
import type { FileSystem } from '../ports';
import { annotatedDocuments } from './annotatedDocuments';
import type { CorpusReporter } from './corpusJob';
import { corpusStats, type CorpusStats } from './corpusStats';

export interface CountCorpusResult {
  readonly stats: CorpusStats;
  /** Articles left out because their text or sidecar could not be read (reported). */
  readonly failed: number;
}

export async function countCorpus(fs: FileSystem, paths: readonly string[], reporter: CorpusReporter): Promise<CountCorpusResult> {
  const { docs, failed } = await annotatedDocuments(fs, paths, reporter);
  return { stats: corpusStats(docs), failed };
}
