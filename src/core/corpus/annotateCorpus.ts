/**
 * The annotate job: detection suggestions written or merged into every article's sidecar. Several documents can
 * be in flight while a detector elsewhere (worker threads) works on them; what the job reports stays in path
 * order, so the output is the same however many run at once.
 */
import type { FileSystem } from '../ports';
import type { Detection } from '../model';
import { detect, type GazetteerMatcher } from '../detection/detect';
import { SidecarConflictError, SidecarStore } from '../sidecar/sidecarStore';
import { annotateWithDetection } from '../review/annotateDocument';
import type { FileProblem } from '../problem';
import { corpusTexts, loadArticle, reportSidecarProblems, step, type CorpusReporter } from './corpusJob';
import { inOrder } from './inOrder';
import { inShard, type Shard } from './shardOf';

/** Detection of one text at a time, possibly of several at once (a pool of workers). */
export interface Detector {
  detect(text: string): Promise<Detection>;
  /** Called once, when the job is done with it. */
  close?(): Promise<void>;
}

/** Detection in this thread. */
export function inlineDetector(gazetteer: GazetteerMatcher): Detector {
  return { detect: async (text) => detect(text, gazetteer) };
}

export interface AnnotateCorpusOptions {
  readonly paths: readonly string[];
  /** Loaded once the articles are found, for detection in this thread when no `detector` is given. */
  readonly gazetteer?: () => Promise<GazetteerMatcher>;
  /** Made once the articles are found (`documents`: how many this run annotates); closed when the job ends. */
  readonly detector?: (documents: number) => Promise<Detector>;
  /** Documents read and waiting for detection at once (default 1); each holds its text and sidecar. */
  readonly inFlight?: number;
  /** Only the articles of this shard (see shardOf.ts). */
  readonly shard?: Shard;
  /** Report what would change, write nothing. */
  readonly dryRun?: boolean;
}

/** What happened to one article's sidecar. */
export interface AnnotatedFile {
  readonly sidecarPath: string;
  readonly added: number;
  readonly removed: number;
  /** The text changed since the sidecar was written: spans were re-anchored. */
  readonly rehashed: boolean;
  readonly moved: number;
  readonly orphaned: number;
  /** False in a dry run. */
  readonly written: boolean;
  /** The sidecar had changed on disk meanwhile and was merged; `conflicts` items kept the version on disk. */
  readonly merged: boolean;
  readonly conflicts: number;
}

export interface AnnotateReporter extends CorpusReporter {
  annotated(file: AnnotatedFile): void;
}

export interface AnnotateCorpusResult {
  readonly total: number;
  /** Articles left unchanged because of errors (reported). */
  readonly failed: number;
}

/** What one document reported, replayed in path order. */
interface Outcome {
  readonly reports: Array<(reporter: AnnotateReporter) => void>;
  readonly failed: boolean;
}

export async function annotateCorpus(fs: FileSystem, options: AnnotateCorpusOptions, reporter: AnnotateReporter): Promise<AnnotateCorpusResult> {
  const found = await corpusTexts(fs, options.paths);
  const files = options.shard ? inShard(found, options.paths, options.shard) : found;
  const detector = options.detector ? await options.detector(files.length) : await gazetteerDetector(options);
  const store = new SidecarStore(fs);
  let failed = 0;

  const annotateOne = async (file: string, i: number): Promise<Outcome> => {
    const reports: Outcome['reports'] = [];
    const later: AnnotateReporter = {
      progress: (done, total, file) => reports.push((r) => r.progress(done, total, file)),
      problem: (p: FileProblem) => reports.push((r) => r.problem(p)),
      annotated: (a) => reports.push((r) => r.annotated(a)),
      cancelled: () => reporter.cancelled?.() === true,
    };
    step(later, i, files);
    const loaded = await loadArticle(store, file, later);
    if (!loaded) return { reports, failed: true };
    if (!loaded.sidecar) {
      reportSidecarProblems(later, loaded);
      later.problem({ code: 'not-written', severity: 'error', line: 0, file: loaded.sidecarPath, message: 'not changed (fix the errors above first)' });
      return { reports, failed: true };
    }
    const result = annotateWithDetection(loaded.sidecar, loaded.text, loaded.sha256, await detector.detect(loaded.text));
    const done = { sidecarPath: loaded.sidecarPath, added: result.added, removed: result.removed, rehashed: result.rehashed, moved: result.moved, orphaned: result.orphaned };
    if (options.dryRun) {
      later.annotated({ ...done, written: false, merged: false, conflicts: 0 });
      return { reports, failed: false };
    }
    try {
      const saved = await store.save(loaded, result.sidecar);
      later.annotated({ ...done, written: true, merged: saved.merged, conflicts: saved.conflicts });
      return { reports, failed: false };
    } catch (e) {
      later.problem({ code: 'not-written', severity: 'error', line: 0, file: loaded.sidecarPath, message: (e as Error).message });
      if (e instanceof SidecarConflictError) for (const p of e.problems) later.problem({ ...p, file: loaded.sidecarPath });
      return { reports, failed: true };
    }
  };

  try {
    await inOrder(files, options.inFlight ?? 1, annotateOne, (outcome) => {
      for (const report of outcome.reports) report(reporter);
      if (outcome.failed) failed++;
    });
  } finally {
    await detector.close?.();
  }
  return { total: files.length, failed };
}

async function gazetteerDetector(options: AnnotateCorpusOptions): Promise<Detector> {
  if (!options.gazetteer) throw new Error('annotateCorpus needs a gazetteer or a detector');
  return inlineDetector(await options.gazetteer());
}
