/** The validate job: every sidecar checked against its text, the format, the event taxonomy and ACLED's coding rules. */
import type { FileSystem } from '../ports';
import { isKnownEvent, type Taxonomy } from '../events/taxonomy';
import { SidecarStore } from '../sidecar/sidecarStore';
import { sidecarPathFor } from '../sidecar/sidecarFormat';
import { validateSidecar } from '../sidecar/validateSidecar';
import { TextIndex } from '../text/textIndex';
import { overlapProblems } from '../exports/overlappingMentions';
import { sidecarCodingProblems } from '../events/codingProblems';
import { findTextFiles } from './collectTextFiles';
import { loadArticle, NoSuchFileError, reportInternalError, reportSidecarProblems, reportWalkProblems, requirePaths, step, type CorpusReporter, type FileProblem } from './corpusJob';
import { fileName } from './corpusPaths';

const SIDECAR_SUFFIX = '.ann.yaml';
/** The article a sidecar belongs to (sidecars of articles are NAME.txt → NAME.ann.yaml). */
const textPathFor = (sidecar: string): string => `${sidecar.slice(0, -SIDECAR_SUFFIX.length)}.txt`;

export interface ValidateCorpusOptions {
  /** Articles, folders, or sidecars (`NAME.ann.yaml`, standing for their text). */
  readonly paths: readonly string[];
  readonly taxonomy: () => Promise<Taxonomy>;
}

export interface ValidateReporter extends CorpusReporter {
  /**
   * A consistency problem found in a sidecar that parsed (offsets, quotes, references, vocabulary), as opposed to
   * `problem`: files that could not be read or parsed.
   */
  finding(p: FileProblem): void;
}

export interface ValidateCorpusResult {
  /** Sidecars looked at (articles without one are skipped). */
  readonly checked: number;
  /** Errors found, an internal error counting as one. */
  readonly errors: number;
  /** Sidecars whose check met a bug (reported as `internal-error`); the others were checked. */
  readonly internalErrors: number;
}

export async function validateCorpus(fs: FileSystem, options: ValidateCorpusOptions, reporter: ValidateReporter): Promise<ValidateCorpusResult> {
  requirePaths(options.paths);
  const taxonomy = await options.taxonomy();
  const asTexts: string[] = [];
  let errors = 0;
  for (const p of options.paths) {
    if (!p.endsWith(SIDECAR_SUFFIX)) {
      asTexts.push(p);
      continue;
    }
    const textPath = textPathFor(p);
    if (!(await fs.stat(p))) throw new NoSuchFileError(p);
    if (!(await fs.stat(textPath))) {
      reporter.problem({ code: 'missing-text', file: p, line: 1, severity: 'error', message: `its text ${fileName(textPath)} is missing` });
      errors++;
      continue;
    }
    asTexts.push(textPath);
  }
  // one walk finds the articles and the sidecars; a sidecar whose article is gone (renamed, deleted) is an error
  const walk = asTexts.length ? await findTextFiles(fs, asTexts, { extensions: ['.txt', SIDECAR_SUFFIX] }) : { files: [], problems: [] };
  reportWalkProblems(reporter, walk.problems);
  const found = walk.files;
  const files = found.filter((f) => !f.endsWith(SIDECAR_SUFFIX));
  const texts = new Set(files);
  for (const sidecar of found) {
    if (!sidecar.endsWith(SIDECAR_SUFFIX) || texts.has(textPathFor(sidecar))) continue;
    if (await fs.stat(textPathFor(sidecar))) continue;
    reporter.problem({ code: 'missing-text', file: sidecar, line: 1, severity: 'error', message: `its text ${fileName(textPathFor(sidecar))} is missing (renamed or deleted?)` });
    errors++;
  }
  const store = new SidecarStore(fs);
  let checked = 0;
  let internalErrors = 0;
  for (const [i, file] of files.entries()) {
    step(reporter, i, files);
    if (!(await fs.stat(sidecarPathFor(file)))) continue;
    checked++;
    try {
      errors += await validateOne(store, file, taxonomy, reporter);
    } catch (e) {
      // a bug one sidecar brings out is reported with its article, and the others are still checked
      reportInternalError(reporter, file, e);
      errors++;
      internalErrors++;
    }
  }
  return { checked, errors, internalErrors };
}

/** Checks one article's sidecar; the number of errors found. */
async function validateOne(store: SidecarStore, file: string, taxonomy: Taxonomy, reporter: ValidateReporter): Promise<number> {
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
