/**
 * The annotate job as a stage of a data pipeline (a Spark `RDD.pipe`, a Beam or shell stage): JSON lines
 * `{"id": "...", "text": "..."}` in, one JSON line out per line in, in the same order. A good line gives the
 * sidecar its text would get from `annotate` on a file (the YAML file's content as JSON), `document.text` being
 * the id (an optional `"date"`, the publication date, is its `document.date`, as `annotate --date` gives it); a bad one gives `{"id": ..., "error": "..."}` and a problem, so the output still lines up with the input.
 */
import type { Detection, Sidecar } from '../model';
import type { FileProblem } from '../problem';
import { emptySidecar } from '../sidecar/sidecarFormat';
import { diskSidecar } from '../sidecar/canonicalSidecar';
import { annotateWithDetection, referenceDate } from '../review/annotateDocument';
import { sha256Hex } from '../text/decodeText';
import type { Detector } from './annotateCorpus';
import { inOrder } from './inOrder';
import type { LearnedModel } from '../learning/learnedSuggestions';
import type { Taxonomy } from '../events/taxonomy';
import { parseDateValue } from '../events/dates';

export interface AnnotateStreamOptions {
  readonly detector: Detector;
  /** Lines read and waiting for detection at once (default 1). */
  readonly inFlight?: number;
  /** Names the input in problems (default `<stdin>`). */
  readonly source?: string;
  /** Learned suggestions, as annotate uses them (the detector has the learned names on top already). */
  readonly learned?: LearnedModel;
  /** Event names for the suggestions (the workspace taxonomy); default ACLED. */
  readonly taxonomy?: Taxonomy;
}

export interface AnnotateStreamReporter {
  /** One output line (no newline), in input order. */
  line(json: string): void;
  problem(p: FileProblem): void;
}

export interface AnnotateStreamResult {
  readonly total: number;
  readonly failed: number;
  /** Of the failed lines, those that met a bug (an `internal-error` line); the stream went on after each. */
  readonly internalErrors: number;
}

type Parsed = { readonly id: string | number; readonly text: string; readonly date?: string } | { readonly id: unknown; readonly error: string; readonly code: 'unreadable' | 'schema' };

function parseLine(line: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    return { id: null, error: `not JSON: ${(e as Error).message}`, code: 'unreadable' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { id: null, error: 'expected an object {"id": ..., "text": ...}', code: 'schema' };
  const { id, text, date } = value as { id?: unknown; text?: unknown; date?: unknown };
  if (typeof id !== 'string' && typeof id !== 'number') return { id: id ?? null, error: '"id" must be a string or a number', code: 'schema' };
  if (typeof text !== 'string') return { id, error: '"text" must be a string', code: 'schema' };
  if (date === undefined || date === null) return { id, text };
  const iso = typeof date === 'string' ? parseDateValue(date) : undefined;
  if (!iso) return { id, error: '"date" must be a date such as "2020-03-06"', code: 'schema' };
  return { id, text, date: iso };
}

/** The empty sidecar of a new article with this name and text (its date, for detection: referenceDate). */
export function newSidecar(name: string, text: string): Sidecar {
  return emptySidecar(name, sha256Hex(new TextEncoder().encode(text)));
}

/** The sidecar `annotate` would write for a new article (`fresh`, from newSidecar) given `detection` of its text. */
export function annotateText(fresh: Sidecar, text: string, detection: Detection, learned?: LearnedModel, more: { date?: string; taxonomy?: Taxonomy } = {}): Sidecar {
  return annotateWithDetection(fresh, text, fresh.document.sha256, detection, { ...(learned ? { learned } : {}), ...more }).sidecar;
}

export async function annotateStream(lines: AsyncIterable<string> | Iterable<string>, options: AnnotateStreamOptions, reporter: AnnotateStreamReporter): Promise<AnnotateStreamResult> {
  const source = options.source ?? '<stdin>';
  let total = 0;
  let failed = 0;
  let internalErrors = 0;
  // blank lines (a trailing newline, a pasted gap) are not records
  async function* records(): AsyncGenerator<{ line: string; number: number }> {
    let number = 0;
    for await (const line of lines) {
      number++;
      if (line.trim() !== '') yield { line, number };
    }
  }
  await inOrder(
    records(),
    options.inFlight ?? 1,
    async ({ line, number }) => {
      const parsed = parseLine(line);
      if ('error' in parsed) return { number, id: parsed.id, error: parsed.error, code: parsed.code };
      const fresh = newSidecar(String(parsed.id), parsed.text);
      const more = { ...(parsed.date ? { date: parsed.date } : {}), ...(options.taxonomy ? { taxonomy: options.taxonomy } : {}) };
      try {
        const sidecar = annotateText(fresh, parsed.text, await options.detector.detect(parsed.text, referenceDate(fresh, parsed.text, parsed.date)), options.learned, more);
        return { number, id: parsed.id, sidecar, text: parsed.text };
      } catch (e) {
        // one text that brings out a bug answers with an error line; a pipeline stage must not die on it
        return { number, id: parsed.id, error: `internal error (please report it): ${(e as Error)?.stack ?? String(e)}`, code: 'internal-error' as const };
      }
    },
    (r) => {
      total++;
      if ('sidecar' in r && r.sidecar) {
        // what the file mode writes, as data (the text given: notes it implies are left out there too)
        reporter.line(JSON.stringify(diskSidecar(r.sidecar, r.text)));
        return;
      }
      failed++;
      if (r.code === 'internal-error') internalErrors++;
      reporter.problem({ code: r.code ?? 'schema', severity: 'error', file: source, line: r.number, message: r.error ?? 'unreadable line' });
      reporter.line(JSON.stringify({ id: r.id, error: r.error }));
    },
  );
  return { total, failed, internalErrors };
}
