/**
 * Annotating one article of the annotate job: load, detect, merge and save its sidecar, with what happened
 * reported as plain data. The job runs it in its own thread, or hands it to worker threads that run this same
 * function on their own file-system port (`ArticleAnnotator`), so a document costs the job's thread only its
 * turn in the output.
 */
import type { Detector } from './annotateCorpus';
import type { AnnotatedFile } from './annotateCorpus';
import type { FileProblem } from '../problem';
import type { LearnedModel } from '../learning/learnedSuggestions';
import type { Taxonomy } from '../events/taxonomy';
import { SidecarConflictError, type RawArticle, type SidecarStore } from '../sidecar/sidecarStore';
import { annotateWithDetection, referenceDate } from '../review/annotateDocument';
import { loadArticle, reportInternalError, reportSidecarProblems, type CorpusReporter } from './corpusJob';

/** What the job passes on to every article, the same for all. */
export interface ArticleSettings {
  readonly learned?: LearnedModel;
  /** A workspace taxonomy (not ACLED's: undefined then, so that a copy in a worker is not taken for another). */
  readonly taxonomy?: Taxonomy;
  readonly dryRun?: boolean;
}

/** One article to annotate. */
export interface ArticleJob {
  readonly file: string;
  /** The seal for this article's detector inputs (see sealSidecar.ts), when the job seals. */
  readonly seal?: string;
  /** The publication date the user gives it. */
  readonly date?: string;
  /** Its bytes, when the job read them already (to look at the seal). */
  readonly raw?: RawArticle;
}

/** Something annotating an article reported, in the order it did. */
export type ArticleReport = { readonly problem: FileProblem } | { readonly annotated: AnnotatedFile };

export interface ArticleOutcome {
  readonly reports: ArticleReport[];
  readonly failed: boolean;
  /** The failure was a bug (an exception), not bad input. */
  readonly internal?: boolean;
}

/** Articles annotated elsewhere (worker threads), each as {@link annotateArticle} would in the job's thread. */
export interface ArticleAnnotator {
  annotate(job: ArticleJob): Promise<ArticleOutcome>;
  /** Called once, when the job is done with it. */
  close?(): Promise<void>;
}

export async function annotateArticle(store: SidecarStore, detector: () => Promise<Detector>, settings: ArticleSettings, job: ArticleJob): Promise<ArticleOutcome> {
  const reports: ArticleReport[] = [];
  const later: CorpusReporter = { progress: () => undefined, problem: (problem) => reports.push({ problem }) };
  const annotated = (a: AnnotatedFile): void => void reports.push({ annotated: a });
  const { file, seal, date } = job;
  // a read that failed when the job looked at the seal is done again here, where its error is reported
  const loaded = await loadArticle(store, file, later, job.raw);
  if (!loaded) return { reports, failed: true };
  if (!loaded.sidecar) {
    reportSidecarProblems(later, loaded);
    later.problem({ code: 'not-written', severity: 'error', line: 0, file: loaded.sidecarPath, message: 'not changed (fix the errors above first)' });
    return { reports, failed: true };
  }
  let result: ReturnType<typeof annotateWithDetection>;
  try {
    const detected = await (await detector()).detect(loaded.text, referenceDate(loaded.sidecar, loaded.text, date));
    result = annotateWithDetection(loaded.sidecar, loaded.text, loaded.sha256, detected, {
      ...(settings.learned ? { learned: settings.learned } : {}),
      ...(date ? { date } : {}),
      ...(settings.taxonomy ? { taxonomy: settings.taxonomy } : {}),
    });
  } catch (e) {
    // a bug that one document brings out (a stack overflow on a huge input, say) must not cost the rest of the corpus
    reportInternalError(later, file, e);
    return { reports, failed: true, internal: true };
  }
  const done = { sidecarPath: loaded.sidecarPath, added: result.added, removed: result.removed, rehashed: result.rehashed, moved: result.moved, orphaned: result.orphaned };
  if (settings.dryRun) {
    annotated({ ...done, written: false, merged: false, conflicts: 0 });
    return { reports, failed: false };
  }
  // a version 1 file stays byte for byte when nothing changed (it is never sealed); a version 2 file that
  // only lacks its seal gets it, so the next run skips it
  if (!result.changed && loaded.base && (loaded.sidecar.version === 1 || seal === undefined)) {
    annotated({ ...done, written: true, merged: false, conflicts: 0 });
    return { reports, failed: false };
  }
  try {
    const saved = await store.save(loaded, result.sidecar, seal !== undefined ? { seal } : {});
    annotated({ ...done, written: true, merged: saved.merged, conflicts: saved.conflicts });
    return { reports, failed: false };
  } catch (e) {
    later.problem({ code: 'not-written', severity: 'error', line: 0, file: loaded.sidecarPath, message: (e as Error).message });
    if (e instanceof SidecarConflictError) for (const p of e.problems) later.problem({ ...p, file: loaded.sidecarPath });
    return { reports, failed: true };
  }
}
