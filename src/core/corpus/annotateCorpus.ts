/**
 * The annotate job: detection suggestions written or merged into every article's sidecar. Several documents can
 * be in flight while worker threads annotate them whole (annotateArticle.ts: load, detect, merge, save), or a
 * detector elsewhere works on them for this thread; what the job reports stays in path order, so the output is
 * the same however many run at once.
 *
 * A document is skipped, without parsing its sidecar or running detection, when its sidecar is sealed for the
 * text as it is and for this detector (see sidecar/sealSidecar.ts): annotate wrote it, nobody changed it since,
 * and detection would find the same. The detector is made only once a document needs it.
 */
import type { FileSystem } from '../ports';
import type { Detection } from '../model';
import type { GazetteerMatcher } from '../detection/detect';
import { DETECTOR_VERSION } from '../detection/detectorVersion';
import { SidecarStore, type RawArticle } from '../sidecar/sidecarStore';
import { isSealed } from '../sidecar/sealSidecar';
import { detectWithEvents } from '../review/annotateDocument';
import type { FileProblem } from '../problem';
import { corpusTexts, reportInternalError, step, type CorpusReporter } from './corpusJob';
import { annotateArticle, type ArticleAnnotator, type ArticleJob, type ArticleOutcome, type ArticleSettings } from './annotateArticle';
import { inOrder } from './inOrder';
import { inShard, type Shard } from './shardOf';
import { learnedFingerprint, learnFromSidecar, withLearned, type LearnedModel } from '../learning/learnedSuggestions';
import { sha256Hex } from '../text/decodeText';
import { ACLED_TAXONOMY, type Taxonomy } from '../events/taxonomy';

/**
 * Detection of one text at a time, possibly of several at once (a pool of workers). It finds what
 * {@link detectWithEvents} finds: mentions, attributions and events, relative dates read against `date`.
 */
export interface Detector {
  detect(text: string, date: string | undefined): Promise<Detection>;
  /** Called once, when the job is done with it. */
  close?(): Promise<void>;
}

/** Detection in this thread. */
export function inlineDetector(gazetteer: GazetteerMatcher): Detector {
  return { detect: async (text, date) => detectWithEvents(text, gazetteer, date) };
}

/** What a detector is made for. */
export interface DetectorSetup {
  /** At most this many documents will be given to it. */
  readonly documents: number;
  /** Learned suggestions: their names go on top of the gazetteer (withLearned), as in this thread. */
  readonly learned?: LearnedModel;
}

/** What worker threads that take whole articles are made for. */
export type ArticleSetup = DetectorSetup & ArticleSettings;

export interface AnnotateCorpusOptions {
  readonly paths: readonly string[];
  /** Loaded when a document first needs detection, in this thread, when no `detector` is given. */
  readonly gazetteer?: () => Promise<GazetteerMatcher>;
  /** Made when a document first needs detection; closed when the job ends. */
  readonly detector?: (setup: DetectorSetup) => Promise<Detector>;
  /**
   * Whole articles annotated elsewhere (worker threads that load, detect, merge and save as this thread would):
   * made when a document first needs annotating, closed when the job ends; undefined from it, this thread does
   * them with `detector`.
   */
  readonly articles?: (setup: ArticleSetup) => Promise<ArticleAnnotator | undefined>;
  /**
   * What detection depends on besides the text and DETECTOR_VERSION (the workspace gazetteer, the place data),
   * as a string that changes when they do. Given, sidecars are sealed and unchanged documents skipped.
   */
  readonly inputs?: () => Promise<string>;
  /** Documents read and waiting for detection at once (default 1); each holds its text and sidecar. */
  readonly inFlight?: number;
  /**
   * The event vocabulary (loaded once the articles are found): event suggestions of other types are not made,
   * its own sub-types of ACLED's types name the events whose quote holds their keywords. A taxonomy other than
   * ACLED's is part of the seal (a sealed document sees it change).
   */
  readonly taxonomy?: () => Promise<Taxonomy>;
  /** Only the articles of this shard (see shardOf.ts). */
  readonly shard?: Shard;
  /** Report what would change, write nothing. */
  readonly dryRun?: boolean;
  /**
   * Learned suggestions (conflict-learned.yaml): first updated from the decisions in every sidecar (under
   * `documentKey(file)`, every shard's too, so that shards suggest what one run would), then used: learned
   * names suggested everywhere, names rejected often enough nowhere.
   */
  readonly learning?: { readonly model: LearnedModel; documentKey(file: string): string };
  /** The publication date the user gives an article (`--date`, a table of dates): its `document.date`. */
  readonly dateOf?: (file: string) => string | undefined;
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
  /** Sealed and unchanged: neither parsed nor detected nor written. */
  readonly skipped?: boolean;
}

export interface AnnotateReporter extends CorpusReporter {
  annotated(file: AnnotatedFile): void;
}

export interface AnnotateCorpusResult {
  readonly total: number;
  /** Articles left unchanged because of errors (reported). */
  readonly failed: number;
  /** Articles skipped because their sealed sidecar was unchanged (included in `total`). */
  readonly skipped: number;
  /** Of the failed articles, those that met a bug (reported as `internal-error`); the others were annotated. */
  readonly internalErrors: number;
  /** The learned model changed (the host saves it). */
  readonly learnedChanged?: boolean;
}

/** What one document reported, replayed in path order. */
interface Outcome {
  readonly reports: Array<(reporter: AnnotateReporter) => void>;
  readonly failed: boolean;
  readonly skipped?: boolean;
  /** The failure was a bug (an exception), not bad input. */
  readonly internal?: boolean;
}

/**
 * The seal's inputs: everything detection depends on besides the text. A learned model changes what is
 * suggested in every document, so it is part of them.
 */
async function sealInputs(options: AnnotateCorpusOptions, taxonomy: Taxonomy | undefined): Promise<string | undefined> {
  if (!options.inputs) return undefined;
  const learned = options.learning ? learnedFingerprint(options.learning.model) : 'none';
  // a workspace taxonomy names the events, so it is an input too
  const names = taxonomy && taxonomy !== ACLED_TAXONOMY ? `\ntaxonomy ${sha256Hex(new TextEncoder().encode(JSON.stringify(taxonomy)))}` : '';
  return `detector ${DETECTOR_VERSION}\n${await options.inputs()}\nlearned ${learned}${names}`;
}

export async function annotateCorpus(fs: FileSystem, options: AnnotateCorpusOptions, reporter: AnnotateReporter): Promise<AnnotateCorpusResult> {
  const found = await corpusTexts(fs, options.paths, reporter);
  const files = options.shard ? inShard(found, options.paths, options.shard) : found;
  const store = new SidecarStore(fs);
  const learning = options.learning;
  let learnedChanged = false;
  if (learning) {
    // what people decided so far, in every document, before anything is suggested
    for (const file of found) {
      const loaded = await store.load(file).catch(() => undefined);
      if (loaded?.sidecar) learnedChanged = learnFromSidecar(learning.model, learning.documentKey(file), loaded.sidecar) || learnedChanged;
    }
  }
  const taxonomy = options.taxonomy ? await options.taxonomy() : undefined;
  const sealAll = await sealInputs(options, taxonomy);
  // a date the user gives a document is an input of that document's detection
  const sealOf = (file: string): string | undefined => {
    const date = options.dateOf?.(file);
    return sealAll !== undefined && date ? `${sealAll}\ndate ${date}` : sealAll;
  };
  let made: Promise<Detector> | undefined;
  const detector = (): Promise<Detector> => (made ??= makeDetector(options, files.length));
  let failed = 0;
  let skipped = 0;
  let internalErrors = 0;

  const settings: ArticleSettings = {
    ...(learning ? { learned: learning.model } : {}),
    ...(taxonomy && taxonomy !== ACLED_TAXONOMY ? { taxonomy } : {}),
    ...(options.dryRun ? { dryRun: true } : {}),
  };
  // worker threads that take whole articles when the host has them, else this thread with its detector
  let annotator: Promise<ArticleAnnotator> | undefined;
  const articles = (): Promise<ArticleAnnotator> =>
    (annotator ??= (async () => {
      const setup = { documents: files.length, ...settings };
      const elsewhere = options.articles ? await options.articles(setup) : undefined;
      return elsewhere ?? { annotate: (job) => annotateArticle(store, detector, settings, job) };
    })());

  const annotateOne = async (file: string, i: number): Promise<Outcome> => {
    const reports: Outcome['reports'] = [];
    const later: CorpusReporter = {
      progress: (done, total, file) => reports.push((r) => r.progress(done, total, file)),
      problem: (p: FileProblem) => reports.push((r) => r.problem(p)),
      cancelled: () => reporter.cancelled?.() === true,
    };
    step(later, i, files);
    const seal = sealOf(file);
    const date = options.dateOf?.(file);
    let raw: RawArticle | undefined;
    if (seal !== undefined) {
      raw = await store.readRaw(file).catch(() => undefined);
      if (raw?.sidecarBytes && isSealed(raw.sidecarBytes, seal, sha256Hex(raw.textBytes))) {
        const sidecarPath = raw.sidecarPath;
        reports.push((r) => r.annotated({ sidecarPath, added: 0, removed: 0, rehashed: false, moved: 0, orphaned: 0, written: false, merged: false, conflicts: 0, skipped: true }));
        return { reports, failed: false, skipped: true };
      }
    }
    const job: ArticleJob = { file, ...(seal !== undefined ? { seal } : {}), ...(date ? { date } : {}), ...(raw ? { raw } : {}) };
    const outcome = await (await articles()).annotate(job).catch((e: unknown): ArticleOutcome => {
      // a worker that stopped costs the documents it held, not the rest of the corpus
      const lost: FileProblem[] = [];
      reportInternalError({ progress: () => undefined, problem: (p) => lost.push(p) }, file, e);
      return { reports: lost.map((problem) => ({ problem })), failed: true, internal: true };
    });
    for (const report of outcome.reports) {
      if ('problem' in report) reports.push((r) => r.problem(report.problem));
      else reports.push((r) => r.annotated(report.annotated));
    }
    return { reports, failed: outcome.failed, ...(outcome.internal ? { internal: true } : {}) };
  };

  try {
    await inOrder(files, options.inFlight ?? 1, annotateOne, (outcome) => {
      for (const report of outcome.reports) report(reporter);
      if (outcome.failed) failed++;
      if (outcome.internal) internalErrors++;
      if (outcome.skipped) skipped++;
    });
  } finally {
    if (annotator) await (await annotator.catch(() => undefined))?.close?.();
    if (made) await (await made.catch(() => undefined))?.close?.();
  }
  return { total: files.length, failed, skipped, internalErrors, ...(learning ? { learnedChanged } : {}) };
}

async function makeDetector(options: AnnotateCorpusOptions, documents: number): Promise<Detector> {
  const learned = options.learning?.model;
  if (options.detector) return options.detector({ documents, ...(learned ? { learned } : {}) });
  if (!options.gazetteer) throw new Error('annotateCorpus needs a gazetteer or a detector');
  const base = await options.gazetteer();
  return inlineDetector(learned ? withLearned(base, learned) : base);
}
