/** The validate job: every sidecar checked against its text, the format, the event taxonomy and ACLED's coding rules. */
import type { FileSystem } from '../ports';
import type { Taxonomy } from '../events/taxonomy';
import { findTextFiles } from './collectTextFiles';
import { NoSuchFileError, reportWalkProblems, requirePaths, type CorpusReporter, type FileProblem } from './corpusJob';
import { forEachArticle, reportOutcomeError, type ArticleReaders } from './articleReader';
import { fileName } from './corpusPaths';

const SIDECAR_SUFFIX = '.ann.yaml';
/** The article a sidecar belongs to (sidecars of articles are NAME.txt → NAME.ann.yaml). */
const textPathFor = (sidecar: string): string => `${sidecar.slice(0, -SIDECAR_SUFFIX.length)}.txt`;

export interface ValidateCorpusOptions {
  /** Articles, folders, or sidecars (`NAME.ann.yaml`, standing for their text). */
  readonly paths: readonly string[];
  readonly taxonomy: () => Promise<Taxonomy>;
  /** The host's, to check sidecars off this thread (the findings are the same, in the same order). */
  readonly readers?: ArticleReaders;
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
  let checked = 0;
  let internalErrors = 0;
  await forEachArticle(fs, files, reporter, { kind: 'validate', taxonomy }, options.readers, (outcome, file) => {
    if ('value' in outcome && outcome.value === 'none') return;
    checked++;
    // a bug one sidecar brings out is reported with its article, and the others are still checked
    if (reportOutcomeError(reporter, file, outcome)) {
      errors++;
      internalErrors++;
    } else errors += outcome.value as number;
  });
  return { checked, errors, internalErrors };
}
