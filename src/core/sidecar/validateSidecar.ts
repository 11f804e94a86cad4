/**
 * Checks a parsed sidecar against its text: hash, offsets, quotes (in code points), ids and references.
 * Schema-level checks (types, labels, statuses) happen in parseSidecar; this is about consistency.
 */
import type { Sidecar, Span } from '../model';
import type { Locate } from './sidecarFormat';
import type { Problem, ProblemCode } from '../problem';
import { TextIndex } from '../text/textIndex';
import { describeConflict } from './describeConflict';

export interface ValidateOptions {
  /** SHA-256 of the text file bytes as read now. */
  sha256?: string;
  /** ACLED vocabulary check; unknown type/subtype pairs are reported when given. */
  isKnownEvent?: (type: string, subtype: string) => boolean;
  /** Maps `mentions[3]` to a 1-based line (parseSidecar returns one); lines are 0 without it. */
  locate?: Locate;
}

function short(s: string): string {
  return JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);
}

/** ACLED's interaction code: both actor types, the smaller first; one actor alone is its type times ten. */
export function expectedInteraction(inter1: number, inter2: number): number {
  if (inter1 === 0 || inter2 === 0) return Math.max(inter1, inter2) * 10;
  return Math.min(inter1, inter2) * 10 + Math.max(inter1, inter2);
}

export function validateSidecar(sidecar: Sidecar, text: string | TextIndex, options: ValidateOptions = {}): Problem[] {
  const idx = typeof text === 'string' ? new TextIndex(text) : text;
  const locate = options.locate ?? (() => 0);
  const problems: Problem[] = [];
  const add = (code: ProblemCode, path: string, message: string, severity: Problem['severity'] = 'error') =>
    problems.push({ code, line: locate(path), message: `${path}: ${message}`, severity, path });

  if (options.sha256 !== undefined && options.sha256.toLowerCase() !== sidecar.document.sha256.toLowerCase()) {
    problems.push({ code: 'stale', line: locate('document.sha256'), message: 'text changed since annotation; re-anchor', severity: 'warning', path: 'document.sha256' });
  }

  // paths are made only for a problem: most items have none, and building one for each was a visible cost
  const checkSpan = (path: () => string, span: Span, orphan: boolean, noQuote = false) => {
    if (orphan) return; // offsets of an orphan refer to an older text; reported once per item below
    if (span.start > span.end) {
      add('bad-span', path(), `start ${span.start} is after end ${span.end}`);
      return;
    }
    if (span.end > idx.length) {
      add('bad-span', path(), `offsets ${span.start}-${span.end} are past the end of the text (${idx.length} code points)`);
      return;
    }
    if (noQuote) return;
    const actual = idx.slice(span.start, span.end);
    if (actual !== span.text) add('quote-mismatch', path(), `quote ${short(span.text)} does not match the text at ${span.start}-${span.end} (${short(actual)})`);
  };

  const ids = new Map<string, () => string>();
  const checkId = (path: () => string, id: string) => {
    const first = ids.get(id);
    if (first) add('duplicate-id', `${path()}.id`, `duplicate id '${id}' (also ${first()})`);
    else ids.set(id, path);
  };

  const mentionIds = new Set<string>();
  sidecar.mentions.forEach((m, i) => {
    const path = () => `mentions[${i}]`;
    checkId(path, m.id);
    mentionIds.add(m.id);
    checkSpan(path, m, !!m.orphan);
    if (m.orphan) add('orphan', path(), `orphaned mention ${short(m.text)}: its text was not found after a change; fix or remove it`, 'warning');
  });
  const attributionIds = new Set<string>();
  sidecar.attributions.forEach((a, i) => {
    const path = () => `attributions[${i}]`;
    checkId(path, a.id);
    attributionIds.add(a.id);
    // a suggestion's quotes are left out of the file (filled in only for the text it was made for): then its
    // offsets are all there is to check
    const unquoted = (s: Span) => a.status !== 'accepted' && s.text === '';
    checkSpan(() => `${path()}.cue`, a.cue, !!a.orphan, unquoted(a.cue));
    if (a.source) checkSpan(() => `${path()}.source`, a.source, !!a.orphan, unquoted(a.source));
    if (a.content) checkSpan(() => `${path()}.content`, a.content, !!a.orphan, unquoted(a.content));
    if (a.orphan) add('orphan', path(), `orphaned attribution (cue ${short(a.cue.text)}): fix or remove it`, 'warning');
  });
  sidecar.events.forEach((e, i) => {
    const at = () => `events[${i}]`;
    const path = at();
    checkId(at, e.id);
    checkSpan(at, e, !!e.orphan, e.status !== 'accepted' && e.text === '');
    e.spans?.forEach((span, j) => checkSpan(() => `${path}.spans[${j}]`, span, !!e.orphan, e.status !== 'accepted' && span.text === ''));
    if (e.orphan) add('orphan', path, `orphaned event ${short(e.text)}: fix or remove it`, 'warning');
    if (e.interaction !== undefined && e.inter1 !== undefined) {
      const expected = expectedInteraction(e.inter1, e.inter2 ?? 0);
      if (e.interaction !== expected) add('schema', `${path}.interaction`, `interaction ${e.interaction} does not match inter1 ${e.inter1} and inter2 ${e.inter2 ?? 0} (ACLED: ${expected})`, 'warning');
    }
    for (const key of ['actor1', 'actor2', 'place'] as const) {
      const ref = e[key];
      if (ref !== undefined && !mentionIds.has(ref)) add('dangling-ref', `${path}.${key}`, `refers to mention '${ref}', which does not exist`);
    }
    if (e.attribution !== undefined && !attributionIds.has(e.attribution)) add('dangling-ref', `${path}.attribution`, `refers to attribution '${e.attribution}', which does not exist`);
    if (options.isKnownEvent && !options.isKnownEvent(e.type, e.subtype)) add('unknown-event-type', `${path}.subtype`, `unknown ACLED event type/subtype '${e.type}' / '${e.subtype}'`);
  });
  sidecar.rejected.forEach((r, i) => {
    if (r.start > r.end) add('bad-span', `rejected[${i}]`, `start ${r.start} is after end ${r.end}`, 'warning');
    if (r.orphan) add('orphan', `rejected[${i}]`, `orphaned rejection of ${short(r.text)}: its text was not found after a change, so the suggestion may come back`, 'warning');
  });
  // an open conflict is an error: until a person settles it, the item holds one side's decision only
  sidecar.conflicts?.forEach((c, i) => {
    add('unsettled-conflict', `conflicts[${i}]`, `merge conflict: ${describeConflict(c)}; settle it in the editor (quick fix) or with \`conflict-annotator settle --take ours|theirs|both\``);
  });
  return problems;
}
