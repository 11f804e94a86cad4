/**
 * Pre-annotation of one document, shared by the CLI `annotate` command and the editor: re-anchor what a
 * person already did if the text changed, then merge fresh suggestions (mentions, attributions, events)
 * without touching accepted or rejected items (and, with learned suggestions, without the names people rejected
 * across the workspace).
 */
import type { Attribution, Detection, EventAnnotation, Mention, Sidecar, Span } from '../model';
import type { GazetteerMatcher } from '../detection/detect';
import { detect } from '../detection/detect';
import { DETECTOR_VERSION } from '../detection/detectorVersion';
import { sameAnnotations } from '../sidecar/sidecarFormat';
import { contextOf, reanchor } from '../anchoring/reanchor';
import { clearReferences, mergeSuggestions } from './mergeSuggestions';
import { datelineDate, referenceDate as documentReference } from '../events/dates';
import { detectEvents, withTaxonomy } from '../events/detectEvents';
import type { Taxonomy } from '../events/taxonomy';
import { TextIndex } from '../text/textIndex';
import { withoutSuppressed, type LearnedModel } from '../learning/learnedSuggestions';

export interface AnnotateResult {
  sidecar: Sidecar;
  added: number;
  removed: number;
  /** Spans re-located because the text changed since the sidecar was written. */
  moved: number;
  orphaned: number;
  /** The sidecar's hash was updated to the current text. */
  rehashed: boolean;
  /**
   * Whether `sidecar` needs writing: its annotations differ from the input's, or only its detector stamp does
   * and the file is already version 2 (a version 1 file is not rewritten for the stamp alone).
   */
  changed: boolean;
}

/** Records that the suggestions now come from this detector version. */
export function withDetector(sidecar: Sidecar): Sidecar {
  return sidecar.document.detector === DETECTOR_VERSION ? sidecar : { ...sidecar, document: { ...sidecar.document, detector: DETECTOR_VERSION } };
}

/**
 * Re-anchors the sidecar to the current text when its hash differs. A suggestion (mention, attribution or
 * event) that cannot be placed again is dropped rather than orphaned: it is not a person's work; detection
 * proposes it again where it now is. `orphaned` counts the items a person made that are orphans.
 */
export function syncToText(sidecar: Sidecar, text: string, sha256: string): { sidecar: Sidecar; moved: number; orphaned: number; rehashed: boolean } {
  if (sidecar.document.sha256 === sha256) return { sidecar, moved: 0, orphaned: 0, rehashed: false };
  const r = reanchor(sidecar, text);
  // stale suggestions go (they are detected again), except those an accepted event points to: an accepted
  // event never loses a role to this cleanup
  const roles = new Set(r.sidecar.events.filter((e) => e.status === 'accepted').flatMap((e) => [e.actor1, e.actor2, e.place, e.attribution]));
  const lost = (x: { id: string; status: string; orphan?: boolean }) => x.status === 'suggested' && x.orphan === true && !roles.has(x.id);
  // so do suggestions left on a place a rejection was re-anchored to (a suggestion, found by its quote alone,
  // can stay on a copy of its word that a rejected one moved onto): rejected means gone
  const rejected = new Set(r.sidecar.rejected.filter((x) => !x.orphan).map((x) => `${x.kind}|${x.label ?? ''}|${x.start}|${x.end}|${x.text}`));
  const onRejection = (x: Mention | Attribution) =>
    x.status === 'suggested' && !roles.has(x.id) && rejected.has('cue' in x ? `attribution||${x.cue.start}|${x.cue.end}|${x.cue.text}` : `mention|${x.label}|${x.start}|${x.end}|${x.text}`);
  const dropped = new Set([...r.sidecar.mentions, ...r.sidecar.attributions].filter((x) => lost(x) || (rejected.size > 0 && onRejection(x))).map((x) => x.id));
  const mentions = r.sidecar.mentions.filter((x) => !dropped.has(x.id));
  const attributions = r.sidecar.attributions.filter((x) => !dropped.has(x.id));
  // suggested events carry no context either: one that cannot be placed is detected again too, and so is one
  // left on a rejection's place
  const eventRejected = (e: EventAnnotation) => e.status === 'suggested' && rejected.has(`event|${e.type}/${e.subtype}|${e.start}|${e.end}|${e.text}`);
  const events = clearReferences(r.sidecar.events.filter((e) => !lost(e) && !eventRejected(e)), dropped);
  const orphaned = [...mentions, ...attributions, ...events].filter((x) => x.orphan).length;
  const synced: Sidecar = { ...r.sidecar, document: { ...r.sidecar.document, sha256 }, mentions, attributions, events };
  return { sidecar: synced, moved: r.moved, orphaned, rehashed: true };
}

/** Context for a span whose quote is at its offsets and that has none yet. */
function withMissingContext<T extends Span>(span: T, idx: TextIndex): T {
  if (span.prefix !== undefined || span.suffix !== undefined || span.end > idx.length || idx.slice(span.start, span.end) !== span.text) return span;
  return { ...span, ...contextOf(idx, span.start, span.end) };
}

/**
 * Gives accepted items, events and rejections without context (accepted by editing the file, written by hand,
 * or rejected before rejections carried context) the context re-anchoring needs, while their quotes are still
 * where they say; without it a repeated name cannot be told apart after the next edit.
 */
export function anchorDecisions(sidecar: Sidecar, idx: TextIndex): Sidecar {
  const needs = (x: { status: string; orphan?: boolean }) => x.status === 'accepted' && !x.orphan;
  const attribution = (a: Attribution): Attribution => {
    if (!needs(a)) return a;
    const out = { ...a, cue: withMissingContext(a.cue, idx) };
    if (a.source) out.source = withMissingContext(a.source, idx);
    if (a.content) out.content = withMissingContext(a.content, idx);
    return out;
  };
  return {
    ...sidecar,
    mentions: sidecar.mentions.map((m) => (needs(m) ? withMissingContext(m, idx) : m)),
    attributions: sidecar.attributions.map(attribution),
    events: sidecar.events.map((e) => (e.orphan ? e : withMissingContext(e, idx))),
    rejected: sidecar.rejected.map((r) => (r.orphan ? r : withMissingContext(r, idx))),
  };
}

/**
 * Mentions and attributions, then the events they report. Role mentions the events need (bare group nouns
 * such as "gunmen", victims) join the mentions; `date` is the reference for relative dates (referenceDate);
 * events are named by `taxonomy` (default ACLED).
 */
export function detectWithEvents(text: string, gazetteer: GazetteerMatcher, date: string | undefined, index: TextIndex = new TextIndex(text), taxonomy?: Taxonomy): Detection {
  const detection = detect(text, gazetteer, { index });
  const events = detectEvents(text, detection, {
    date,
    index,
    ...(taxonomy ? { taxonomy } : {}),
    entityOf: gazetteer.get ? (id) => gazetteer.get!(id) : undefined,
    isDemonym: gazetteer.isDemonym ? (w) => gazetteer.isDemonym!(w) : undefined,
  });
  return { mentions: [...detection.mentions, ...events.mentions], attributions: detection.attributions, events: events.events };
}

export interface AnnotateOptions {
  /** Learned suggestions: names rejected in enough documents are not suggested (give `withLearned(gazetteer)` too). */
  readonly learned?: LearnedModel;
  /** The document's date as its user gives it (publication metadata): recorded as `document.date`, replacing the one it had. */
  readonly date?: string;
  /**
   * The event vocabulary: only its types are suggested (ACLED's when absent), and its own sub-types of ACLED's
   * types take the events whose quote holds their keywords.
   */
  readonly taxonomy?: Taxonomy;
}

/**
 * The date relative dates in `text` are read against: the date the user gives (`given`, which becomes the
 * document's), else the sidecar's, the dateline's, the file name's or the text's own (events/dates
 * referenceDate). Detection needs it before it runs, so a detector elsewhere (a worker thread) is given it with
 * the text.
 */
export function referenceDate(sidecar: Sidecar, text: string, given?: string): string | undefined {
  return documentReference({ text: sidecar.document.text, date: given ?? sidecar.document.date }, text)?.date;
}

export function annotateDocument(sidecar: Sidecar, text: string, sha256: string, gazetteer: GazetteerMatcher, options: AnnotateOptions = {}): AnnotateResult {
  const index = new TextIndex(text);
  return annotateWithDetection(sidecar, text, sha256, detectWithEvents(text, gazetteer, referenceDate(sidecar, text, options.date), index), options, index);
}

/** A detection of a text made earlier, and the reference date it was made with. */
export interface EarlyDetection {
  readonly date: string | undefined;
  readonly detection: Detection;
}

/**
 * annotateDocument, taking `early` ({@link detectWithEvents} of this very text with this gazetteer, made before it
 * was asked for: the editor detects while it waits to be activated) when it was made for the date the document
 * is read against now, else detecting afresh: the result is the same either way.
 */
export function annotateWithEarlyDetection(sidecar: Sidecar, text: string, sha256: string, gazetteer: GazetteerMatcher, early: EarlyDetection | undefined, options: AnnotateOptions = {}): AnnotateResult {
  return early && early.date === referenceDate(sidecar, text, options.date) ? annotateWithDetection(sidecar, text, sha256, early.detection, options) : annotateDocument(sidecar, text, sha256, gazetteer, options);
}

/**
 * The same with `found` already made by {@link detectWithEvents} on `text` and {@link referenceDate} (with
 * `options.date`), elsewhere (a worker thread, another process); `options.taxonomy` names its events here.
 */
export function annotateWithDetection(sidecar: Sidecar, text: string, sha256: string, found: Detection, options: AnnotateOptions = {}, index = new TextIndex(text)): AnnotateResult {
  const synced = syncToText(sidecar, text, sha256);
  let current = anchorDecisions(synced.sidecar, index);
  if (options.date !== undefined && options.date !== current.document.date) current = { ...current, document: { ...current.document, date: options.date } };
  if (!current.document.date) {
    // the dateline is the document's date; a date from the file name or the text only serves as the reference
    const date = datelineDate(text);
    if (date) current = { ...current, document: { ...current.document, date } };
  }
  // named by the taxonomy here: validate would call other names unknown (the detector may run elsewhere)
  const detected = options.taxonomy ? withTaxonomy(found, options.taxonomy) : found;
  const merged = mergeSuggestions(current, options.learned ? withoutSuppressed(detected, options.learned, current) : detected, index);
  const out = withDetector(merged.sidecar);
  const changed = !sameAnnotations(sidecar, out) || (sidecar.version !== 1 && sidecar.document.detector !== out.document.detector);
  return { sidecar: out, added: merged.added, removed: merged.removed, moved: synced.moved, orphaned: synced.orphaned, rehashed: synced.rehashed, changed };
}
