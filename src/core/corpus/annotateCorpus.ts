/** The annotate job: detection suggestions written or merged into every article's sidecar. */
import type { FileSystem } from '../ports';
import type { GazetteerMatcher } from '../detection/detect';
import { SidecarConflictError, SidecarStore } from '../sidecar/sidecarStore';
import { annotateDocument } from '../review/annotateDocument';
import { corpusTexts, loadArticle, reportSidecarProblems, step, type CorpusReporter } from './corpusJob';
import { learnFromSidecar, withLearned, type LearnedModel } from '../learning/learnedSuggestions';
import type { Taxonomy } from '../events/taxonomy';

export interface AnnotateCorpusOptions {
  readonly paths: readonly string[];
  /** Loaded once the articles are found. */
  readonly gazetteer: () => Promise<GazetteerMatcher>;
  /** Report what would change, write nothing. */
  readonly dryRun?: boolean;
  /**
   * Learned suggestions (conflict-learned.yaml): first updated from the decisions in every sidecar (under
   * `documentKey(file)`), then used: learned names suggested everywhere, names rejected often enough nowhere.
   */
  readonly learning?: { readonly model: LearnedModel; documentKey(file: string): string };
  /** Event names for the suggestions (the workspace taxonomy); loaded once. Default ACLED. */
  readonly taxonomy?: () => Promise<Taxonomy>;
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
}

export interface AnnotateReporter extends CorpusReporter {
  annotated(file: AnnotatedFile): void;
}

export interface AnnotateCorpusResult {
  readonly total: number;
  /** Articles left unchanged because of errors (reported). */
  readonly failed: number;
  /** The learned model changed (the host saves it). */
  readonly learnedChanged?: boolean;
}

export async function annotateCorpus(fs: FileSystem, options: AnnotateCorpusOptions, reporter: AnnotateReporter): Promise<AnnotateCorpusResult> {
  const files = await corpusTexts(fs, options.paths);
  const store = new SidecarStore(fs);
  const learning = options.learning;
  let learnedChanged = false;
  if (learning) {
    // what people decided so far, in every document, before anything is suggested
    for (const file of files) {
      const loaded = await store.load(file).catch(() => undefined);
      if (loaded?.sidecar) learnedChanged = learnFromSidecar(learning.model, learning.documentKey(file), loaded.sidecar) || learnedChanged;
    }
  }
  const base = await options.gazetteer();
  const taxonomy = options.taxonomy ? await options.taxonomy() : undefined;
  const gazetteer = learning ? withLearned(base, learning.model) : base;
  let failed = 0;
  for (const [i, file] of files.entries()) {
    step(reporter, i, files);
    const loaded = await loadArticle(store, file, reporter);
    if (!loaded) {
      failed++;
      continue;
    }
    if (!loaded.sidecar) {
      reportSidecarProblems(reporter, loaded);
      reporter.problem({ code: 'not-written', severity: 'error', line: 0, file: loaded.sidecarPath, message: 'not changed (fix the errors above first)' });
      failed++;
      continue;
    }
    const date = options.dateOf?.(file);
    const result = annotateDocument(loaded.sidecar, loaded.text, loaded.sha256, gazetteer, {
      ...(learning ? { learned: learning.model } : {}),
      ...(date ? { date } : {}),
      ...(taxonomy ? { taxonomy } : {}),
    });
    const done = { sidecarPath: loaded.sidecarPath, added: result.added, removed: result.removed, rehashed: result.rehashed, moved: result.moved, orphaned: result.orphaned };
    if (options.dryRun) {
      reporter.annotated({ ...done, written: false, merged: false, conflicts: 0 });
      continue;
    }
    if (!result.changed && loaded.base) {
      // nothing to write: the file stays byte for byte as it is (a version 1 file stays version 1)
      reporter.annotated({ ...done, written: true, merged: false, conflicts: 0 });
      continue;
    }
    try {
      const saved = await store.save(loaded, result.sidecar);
      reporter.annotated({ ...done, written: true, merged: saved.merged, conflicts: saved.conflicts });
    } catch (e) {
      failed++;
      reporter.problem({ code: 'not-written', severity: 'error', line: 0, file: loaded.sidecarPath, message: (e as Error).message });
      if (e instanceof SidecarConflictError) for (const p of e.problems) reporter.problem({ ...p, file: loaded.sidecarPath });
    }
  }
  return { total: files.length, failed, ...(learning ? { learnedChanged } : {}) };
}
