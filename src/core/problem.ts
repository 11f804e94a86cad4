/**
 * The one problem type of the core: what the parsers and validators of files a person edits (sidecars, the
 * workspace gazetteer and taxonomy) report instead of throwing. `code` is for programs (hosts pick quick fixes
 * or filter by it); `message` is for people and may be reworded, so nothing should match on its text.
 */
export type ProblemCode =
  /** The YAML does not parse, or the YAML library warns about it. */
  | 'yaml-syntax'
  /** More YAML aliases than allowed: a resource exhaustion ("billion laughs") file. */
  | 'yaml-aliases'
  /** Nothing usable where content is required. */
  | 'empty'
  /** A value of the wrong shape or type: a list where a map belongs, a negative offset, a malformed date. */
  | 'schema'
  | 'missing-key'
  /** A key the format does not know (kept as is). */
  | 'unknown-key'
  /** A value outside its allowed set: label, status, origin, kind, mode. */
  | 'unknown-value'
  | 'unsupported-version'
  /** An id (or a type name, for the taxonomy) used twice. */
  | 'duplicate-id'
  /** Offsets that do not delimit a span of the text: reversed, or past its end. */
  | 'bad-span'
  /** The quoted text differs from the text at the offsets. */
  | 'quote-mismatch'
  /** An item whose text was not found again after the article changed. */
  | 'orphan'
  /** The text changed since it was annotated: its SHA-256 differs from the one recorded. */
  | 'stale'
  /** Mentions whose spans overlap: one label per token formats can keep only one of them. */
  | 'overlap'
  /** A reference to a mention or attribution that does not exist. */
  | 'dangling-ref'
  /** An event type/subtype pair the taxonomy does not have. */
  | 'unknown-event-type'
  /** An event coded in a way ACLED's codebook does not allow (events/codingProblems), e.g. civilians as actor 1. */
  | 'event-coding'
  /** A file too large to read. */
  | 'too-large'
  /** A FIFO, socket or device where a file belongs: reading it could block forever or never end. */
  | 'not-a-file'
  | 'not-utf8'
  /** A file that could not be read or decoded (binary, not UTF-8, permissions). */
  | 'unreadable'
  /** A sidecar left as it was because of the problems reported before. */
  | 'not-written'
  /** A bug met while working on one file (reported with its stack); the job goes on with the others. */
  | 'internal-error'
  /** A sidecar whose text file is gone. */
  | 'missing-text'
  /** git's `<<<<<<<` conflict markers in a sidecar: two versions in one file (`conflict-annotator resolve`). */
  | 'conflict-markers'
  /** An entry of the sidecar's `conflicts:` list: an item two annotators decided differently, not yet settled. */
  | 'unsettled-conflict'
  /** A parser threw where it should have reported; a bug. */
  | 'internal';

export interface Problem {
  code: ProblemCode;
  severity: 'error' | 'warning';
  message: string;
  /** 1-based; 0 when the location is unknown. */
  line: number;
  column?: number;
  /** Where inside the file, e.g. `mentions[3].start`. */
  path?: string;
  /** The file it is about, when the producer knows it (the workspace file loaders do). */
  file?: string;
}

/** A problem that names its file: what corpus jobs report. */
export type FileProblem = Problem & { file: string };

/** `file:line: severity: message`, the form compilers use (the line is left out when unknown). */
export function formatProblem(p: FileProblem, show: (path: string) => string = (x) => x): string {
  return `${show(p.file)}${p.line > 0 ? `:${p.line}` : ''}: ${p.severity}: ${p.message}`;
}
