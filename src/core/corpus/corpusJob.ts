/**
 * What the corpus jobs (annotate, validate, export, count, evaluate) share: the reporter a host implements to
 * show progress and problems, cancellation, and reading the articles. Jobs never print: the CLI turns reports
 * into lines, the extension into a progress notification and its output channel.
 */
import type { FileSystem } from '../ports';
import type { LoadedSidecar, RawArticle, SidecarStore } from '../sidecar/sidecarStore';
import { TextDecodeError } from '../text/decodeText';
import { findTextFiles, type WalkProblem } from './collectTextFiles';
import type { FileProblem } from '../problem';
import { CancelledError, InputError, NoPathsError } from './corpusErrors';

export { CancelledError, InputError, NoPathsError, NoSuchFileError } from './corpusErrors';

export { formatProblem, type FileProblem } from '../problem';

export interface CorpusReporter {
  /** Called as the job starts on `file`, the `done`-th of `total`. */
  progress(done: number, total: number, file: string): void;
  problem(p: FileProblem): void;
  /** Polled before each file; the job stops with a {@link CancelledError} when it returns true. */
  cancelled?(): boolean;
}

/** `file:line: severity: message`, with paths shown by `show` (hosts print them relative to their folder). */
export function requirePaths(paths: readonly string[]): void {
  if (paths.length === 0) throw new NoPathsError();
}

/** An entry the walk skipped (a symlink loop, an unreadable folder, a FIFO named like an article), as a warning. */
export function reportWalkProblems(reporter: CorpusReporter, problems: readonly WalkProblem[]): void {
  for (const p of problems) reporter.problem({ code: p.code, severity: 'warning', line: 0, file: p.path, message: p.message });
}

/** The articles under `paths`, reporting the entries skipped on the way; an error when there are none. */
export async function corpusTexts(fs: FileSystem, paths: readonly string[], reporter: CorpusReporter): Promise<string[]> {
  requirePaths(paths);
  const { files, problems } = await findTextFiles(fs, paths);
  reportWalkProblems(reporter, problems);
  if (files.length === 0) throw new InputError(`no .txt articles under ${paths.join(', ')}`);
  return files;
}

/** Reports progress for file `i` (0-based) after checking for cancellation. */
export function step(reporter: CorpusReporter, i: number, files: readonly string[]): void {
  if (reporter.cancelled?.()) throw new CancelledError();
  reporter.progress(i + 1, files.length, files[i]);
}

/**
 * Loads a text and its sidecar (from `raw` when they were read already); reports why not and returns undefined
 * for unreadable input.
 */
export async function loadArticle(store: SidecarStore, file: string, reporter: CorpusReporter, raw?: RawArticle): Promise<LoadedSidecar | undefined> {
  try {
    return await store.load(file, raw);
  } catch (e) {
    reporter.problem({ code: 'unreadable', severity: 'error', line: 0, file, message: e instanceof TextDecodeError ? e.message : `cannot read: ${(e as Error).message}` });
    return undefined;
  }
}

/** The sidecar's own parse and format problems, with their severity. */
export function reportSidecarProblems(reporter: CorpusReporter, loaded: LoadedSidecar): void {
  for (const p of loaded.problems) reporter.problem({ ...p, file: loaded.sidecarPath });
}

/**
 * A bug one article brought out (an exception, not bad input) reported as `internal-error` with the article's
 * name and the stack, so the job can go on with the others; a cancellation goes on up.
 */
export function reportInternalError(reporter: CorpusReporter, file: string, e: unknown): void {
  if (e instanceof CancelledError) throw e;
  reporter.problem({ code: 'internal-error', severity: 'error', line: 0, file, message: `internal error (please report it): ${(e as Error)?.stack ?? String(e)}` });
}
