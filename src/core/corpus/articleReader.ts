/**
 * One article's share of a read job (validate, stats, export), as plain data: what reading, parsing and
 * checking it gave and the reports made on the way, in the order made. A host can run it off the job's thread
 * (the `ArticleReader` port: the CLI's reader threads) and the job replays the outcomes in path order, so what
 * it reports is the same wherever the work was done; without a reader the job runs the same `readArticle` itself.
 */
import type { FileSystem } from '../ports';
import type { FileProblem } from '../problem';
import type { ExportDocument } from '../exports/exportDocument';
import { isKnownEvent, type Taxonomy } from '../events/taxonomy';
import { SidecarStore } from '../sidecar/sidecarStore';
import { sidecarPathFor } from '../sidecar/sidecarFormat';
import { validateSidecar } from '../sidecar/validateSidecar';
import { TextIndex } from '../text/textIndex';
import { overlapProblems } from '../exports/overlappingMentions';
import { sidecarCodingProblems } from '../events/codingProblems';
import { syncToText } from '../review/annotateDocument';
import { documentCounts, type DocumentCounts } from './corpusStats';
import { CancelledError, loadArticle, reportInternalError, reportSidecarProblems, step, type CorpusReporter } from './corpusJob';
import { fileName } from './corpusPaths';
import { inOrder } from './inOrder';
import { exportPartOf, type ExportPart, type ExportPartSettings } from './exportPart';

/** What is made of each article: the document (export), its figures (stats), or the check of its sidecar (validate). */
export type ArticleTask =
  | { readonly kind: 'document' }
  | { readonly kind: 'counts' }
  | { readonly kind: 'validate'; readonly taxonomy: Taxonomy }
  | { readonly kind: 'export'; readonly settings: ExportPartSettings };

/** The value an article gives for each task. */
export interface ArticleValues {
  /** The document; 'failed': its text or sidecar could not be read (reported); 'none': it has no sidecar. */
  document: ExportDocument | 'failed' | 'none';
  counts: DocumentCounts | 'failed' | 'none';
  /** What the export makes of the document (see exportPart). */
  export: ExportPart | 'failed' | 'none';
  /** The errors found in its sidecar; 'none': it has no sidecar. */
  validate: number | 'none';
}

/** A report made while an article was read: a problem (unreadable input) or a finding (validate's checks). */
export type ArticleReport = { readonly problem: FileProblem } | { readonly finding: FileProblem };

/** What an article gave for task kind K (a reader's outcomes are `ArticleOutcome`, of the kind it was made for). */
export type ArticleOutcome<K extends ArticleTask['kind'] = ArticleTask['kind']> = {
  readonly reports: readonly ArticleReport[];
} & ({ readonly value: ArticleValues[K] } | { readonly error: { readonly stack: string } });

/**
 * Runs `readArticle` for one task on articles, each call standing alone (a host may run several at once,
 * anywhere); closed once the job is done.
 */
export interface ArticleReader {
  /** Articles a call to `read` takes (for a thread, one message each way per batch rather than per article). */
  readonly batch: number;
  /** Batches worth having in hand at once (the job reads no further ahead). */
  readonly inFlight: number;
  /** The outcomes of `files`, in their order. */
  read(files: readonly string[]): Promise<ArticleOutcome[]>;
  close(): Promise<void>;
}

/** A host's readers for `articles` articles; undefined: the job reads them itself. */
export type ArticleReaders = (task: ArticleTask, articles: number) => ArticleReader | undefined;

/**
 * Reads `files` for `task` (on the host's readers when it has them for so many) and hands each outcome to `take`
 * in path order, its reports made again first, after the progress step of its article: the same reports in the
 * same order however the reading was done. At most the reader's `inFlight` batches are in hand at once. An
 * outcome's `error` (a bug) is `take`'s to report; an exception in `take` goes up.
 */
export async function forEachArticle<K extends ArticleTask['kind']>(
  fs: FileSystem,
  files: readonly string[],
  reporter: CorpusReporter & { finding?(p: FileProblem): void },
  task: Extract<ArticleTask, { kind: K }>,
  readers: ArticleReaders | undefined,
  take: (outcome: ArticleOutcome<K>, file: string) => void | Promise<void>,
): Promise<void> {
  const reader = files.length > 0 ? readers?.(task, files.length) : undefined;
  const store = new SidecarStore(fs);
  const emit = async (outcome: ArticleOutcome<K>, i: number): Promise<void> => {
    step(reporter, i, files);
    replayReports(reporter, outcome);
    await take(outcome, files[i]);
  };
  // polled before articles are read, as their progress step would
  const checkCancelled = (): void => {
    if (reporter.cancelled?.()) throw new CancelledError();
  };
  try {
    if (!reader) {
      await inOrder(files, 1, (file) => (checkCancelled(), readArticle(fs, store, task, file) as Promise<ArticleOutcome<K>>), emit);
      return;
    }
    const size = Math.max(1, Math.floor(reader.batch));
    const batches: string[][] = [];
    for (let i = 0; i < files.length; i += size) batches.push(files.slice(i, i + size));
    await inOrder(
      batches,
      reader.inFlight,
      (batch) => (checkCancelled(), reader.read(batch) as Promise<ArticleOutcome<K>[]>),
      async (outcomes, b) => {
        for (const [j, outcome] of outcomes.entries()) await emit(outcome, b * size + j);
      },
    );
  } finally {
    await reader?.close();
  }
}

/** An outcome's error reported as `internal-error` for its article (true), as a bug met in this thread would be. */
export function reportOutcomeError(reporter: CorpusReporter, file: string, outcome: ArticleOutcome): outcome is Extract<ArticleOutcome, { error: unknown }> {
  if (!('error' in outcome)) return false;
  reportInternalError(reporter, file, outcome.error);
  return true;
}

/**
 * One article as the export and stats jobs read it: the document, re-anchored in memory when its text changed
 * since (a `stale` warning; nothing is written); `'failed'` when its text or sidecar could not be read
 * (reported); undefined when it has no sidecar.
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

/** One article's outcome; an exception (a bug, not bad input) is its `error`, after what was reported before it. */
export async function readArticle(fs: FileSystem, store: SidecarStore, task: ArticleTask, file: string): Promise<ArticleOutcome> {
  const reports: ArticleReport[] = [];
  const reporter: CorpusReporter & { finding(p: FileProblem): void } = {
    progress: () => undefined,
    problem: (problem) => void reports.push({ problem }),
    finding: (finding) => void reports.push({ finding }),
  };
  try {
    const value = await valueOf(fs, store, task, file, reporter);
    return { reports, value };
  } catch (e) {
    return { reports, error: { stack: (e as Error)?.stack ?? String(e) } };
  }
}

async function valueOf(fs: FileSystem, store: SidecarStore, task: ArticleTask, file: string, reporter: CorpusReporter & { finding(p: FileProblem): void }): Promise<ArticleValues[ArticleTask['kind']]> {
  if (task.kind === 'validate') {
    if (!(await fs.stat(sidecarPathFor(file)))) return 'none';
    return validateOne(store, file, task.taxonomy, reporter);
  }
  const doc = await readAnnotatedDocument(fs, store, file, reporter);
  if (doc === undefined) return 'none';
  if (doc === 'failed' || task.kind === 'document') return doc;
  return task.kind === 'export' ? exportPartOf(doc, task.settings) : documentCounts(doc.sidecar);
}

/** Checks one article's sidecar; the number of errors found. */
async function validateOne(store: SidecarStore, file: string, taxonomy: Taxonomy, reporter: CorpusReporter & { finding(p: FileProblem): void }): Promise<number> {
  const loaded = await loadArticle(store, file, reporter);
  if (!loaded) return 1;
  reportSidecarProblems(reporter, loaded);
  let errors = loaded.problems.filter((p) => p.severity === 'error').length;
  if (!loaded.sidecar) return errors;
  // one index of the text for both checks (each would scan the text for astral characters)
  const index = new TextIndex(loaded.text);
  const problems = [
    ...validateSidecar(loaded.sidecar, index, { sha256: loaded.sha256, isKnownEvent: (t, s) => isKnownEvent(taxonomy, t, s), locate: loaded.locate }),
    ...overlapProblems(loaded.sidecar, index, loaded.locate),
    ...sidecarCodingProblems(loaded.sidecar, loaded.locate),
  ];
  // found in full before any is reported: a bug halfway leaves no partial list
  for (const p of problems) reporter.finding({ ...p, file: loaded.sidecarPath });
  errors += problems.filter((p) => p.severity === 'error').length;
  return errors;
}

/** The reports of an outcome made again to the job's reporter, in their order. */
export function replayReports(reporter: CorpusReporter & { finding?(p: FileProblem): void }, outcome: ArticleOutcome): void {
  for (const r of outcome.reports) {
    if ('problem' in r) reporter.problem(r.problem);
    else reporter.finding?.(r.finding);
  }
}
