/**
 * Inter-annotator agreement of annotator B against annotator A over the same documents (paired by document
 * name), from their sidecars and the texts. Pure: data in, a plain JSON-able report out (numbers, strings,
 * null for undefined values; no undefined, NaN or Infinity), so `JSON.stringify` is the `--format json` output.
 *
 * What counts: by default only `accepted` items (a suggestion is the detector's, not a decision of the
 * annotator); `includeSuggestions` counts suggested items too. Orphans never count, nor items whose quote is
 * not what their offsets select in the given text (stale sidecar); every item left out is counted in `skipped`.
 *
 * Labels: mentions give ACTOR and PLACE spans, attributions give CUE and (when present) SOURCE spans. ALL pools
 * the four. The measures:
 * - spans: precision/recall/F1 of B against A per label, exact (identical bounds) and overlap, one-to-one;
 * - tokens: Cohen's kappa and nominal Krippendorff's alpha over token labels (see tokenLabels), one layer for
 *   mentions (ACTOR/PLACE/O) and one for attributions (SOURCE/CUE/O), since an actor often lies inside a source;
 *   per label the same measures on label-vs-rest;
 * - unitizing: Krippendorff's u-alpha over the code points of the texts per label and over all (unitizingAlpha);
 *   the corpus figure lays the documents end to end as one continuum;
 * - events: see eventAgreement;
 * - disagreements: what an editor view can open, see {@link Disagreement}.
 */
import { isEntityLabel, type EventAnnotation, type Mention, type Sidecar, type Span } from '../model';
import { TextIndex } from '../text/textIndex';
import { codingAgreement, eventAgreement, pairEvents, type CodingAgreement, type EventAgreement, type PairedEvents } from './eventAgreement';
import { matchSpans } from './matchSpans';
import { tokenLabels, OUTSIDE } from './tokenLabels';
import { unitizingAlpha, type Unit, type UnitizingScore } from './unitizingAlpha';

export type SpanLabel = 'ACTOR' | 'PLACE' | 'SOURCE' | 'CUE';
export const SPAN_LABELS: readonly SpanLabel[] = ['ACTOR', 'PLACE', 'SOURCE', 'CUE'];
export type SpanLabelKey = SpanLabel | 'ALL';
export const SPAN_LABEL_KEYS: readonly SpanLabelKey[] = [...SPAN_LABELS, 'ALL'];

export type TokenLayer = 'mentions' | 'attributions';
export const TOKEN_LAYERS: Readonly<Record<TokenLayer, readonly SpanLabel[]>> = { mentions: ['ACTOR', 'PLACE'], attributions: ['SOURCE', 'CUE'] };

export interface AnnotatedDocument {
  /** The document's name, the key that pairs A's and B's sidecars and finds the text (usually the text file name). */
  readonly name: string;
  readonly sidecar: Sidecar;
}

export interface AgreementInput {
  readonly a: readonly AnnotatedDocument[];
  readonly b: readonly AnnotatedDocument[];
  /** Text of each document by name. */
  readonly texts: ReadonlyMap<string, string>;
  /** Display names of the two annotators (default "A" and "B"). */
  readonly annotators?: { readonly a: string; readonly b: string };
}

export interface AgreementOptions {
  /** Count suggested items too (default: accepted items only). */
  readonly includeSuggestions?: boolean;
}

export interface SpanScores {
  /** Pairs of matching spans. */
  readonly tp: number;
  /** B's spans without a match. */
  readonly fp: number;
  /** A's spans without a match. */
  readonly fn: number;
  readonly precision: number | null;
  readonly recall: number | null;
  readonly f1: number | null;
}

export interface TokenLayerAgreement extends CodingAgreement {
  /** Per label: that label against everything else. */
  readonly labels: Readonly<Partial<Record<SpanLabel, CodingAgreement>>>;
}

export interface Skipped {
  readonly suggested: number;
  readonly orphan: number;
  /** Quote does not match the text at its offsets. */
  readonly stale: number;
}

export interface DocumentAgreement {
  readonly name: string;
  readonly exact: Readonly<Record<SpanLabelKey, SpanScores>>;
  readonly overlap: Readonly<Record<SpanLabelKey, SpanScores>>;
  readonly tokens: Readonly<Record<TokenLayer, CodingAgreement>>;
  readonly unitizing: Readonly<Record<SpanLabelKey, UnitizingScore>>;
  readonly events: { readonly a: number; readonly b: number; readonly paired: number };
  readonly skipped: { readonly a: Skipped; readonly b: Skipped };
}

export type DisagreementKind = 'missing' | 'extra' | 'label' | 'boundary';

export interface DisagreementSpan {
  /** Id of the mention, attribution or event in that annotator's sidecar. */
  readonly id: string;
  /** ACTOR/PLACE/SOURCE/CUE, or "type / sub-type" for an event. */
  readonly label: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * One difference, seen from A: `missing` (A has it, B not), `extra` (B has it, A not), `label` (overlapping
 * spans, different label; for events a different type or sub-type), `boundary` (same label, overlapping, other
 * bounds). Event pairs are formed by overlap, so their bounds are not compared.
 */
export interface Disagreement {
  readonly document: string;
  /** A's label (B's for `extra`); EVENT for events. */
  readonly label: SpanLabel | 'EVENT';
  readonly kind: DisagreementKind;
  readonly a: DisagreementSpan | null;
  readonly b: DisagreementSpan | null;
}

export type UnpairedReason = 'onlyA' | 'onlyB' | 'noText';

export interface AgreementReport {
  readonly annotators: { readonly a: string; readonly b: string };
  readonly includeSuggestions: boolean;
  /** Scored documents, sorted by name. */
  readonly documents: readonly DocumentAgreement[];
  /** Documents that could not be scored: a sidecar on one side only, or no text. */
  readonly unpaired: readonly { readonly name: string; readonly reason: UnpairedReason }[];
  readonly exact: Readonly<Record<SpanLabelKey, SpanScores>>;
  readonly overlap: Readonly<Record<SpanLabelKey, SpanScores>>;
  readonly tokens: Readonly<Record<TokenLayer, TokenLayerAgreement>>;
  readonly unitizing: Readonly<Record<SpanLabelKey, UnitizingScore>>;
  readonly events: EventAgreement;
  readonly skipped: { readonly a: Skipped; readonly b: Skipped };
  readonly disagreements: readonly Disagreement[];
}

interface SpanItem {
  id: string;
  label: SpanLabel;
  start: number;
  end: number;
  text: string;
}

interface Counted {
  spans: SpanItem[];
  events: EventAnnotation[];
  mentions: readonly Mention[];
  skipped: { suggested: number; orphan: number; stale: number };
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

const ratio = (x: number, y: number): number | null => (y === 0 ? null : x / y);

function scores(c: Counts): SpanScores {
  return { ...c, precision: ratio(c.tp, c.tp + c.fp), recall: ratio(c.tp, c.tp + c.fn), f1: ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn) };
}

const emptyCounts = (): Record<SpanLabelKey, Counts> =>
  Object.fromEntries(SPAN_LABEL_KEYS.map((l) => [l, { tp: 0, fp: 0, fn: 0 }])) as Record<SpanLabelKey, Counts>;

const scoresOf = (c: Record<SpanLabelKey, Counts>): Record<SpanLabelKey, SpanScores> =>
  Object.fromEntries(SPAN_LABEL_KEYS.map((l) => [l, scores(c[l])])) as Record<SpanLabelKey, SpanScores>;

function addCounts(into: Record<SpanLabelKey, Counts>, from: Record<SpanLabelKey, Counts>): void {
  for (const l of SPAN_LABEL_KEYS) {
    into[l].tp += from[l].tp;
    into[l].fp += from[l].fp;
    into[l].fn += from[l].fn;
  }
}

function quoteMatches(index: TextIndex, s: Span): boolean {
  return Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end > s.start && s.end <= index.length && index.slice(s.start, s.end) === s.text;
}

/** The spans and events of one sidecar that count, with what was left out and why. */
function counted(sidecar: Sidecar, index: TextIndex, includeSuggestions: boolean): Counted {
  const skipped = { suggested: 0, orphan: 0, stale: 0 };
  const counts = (item: { status: string; orphan?: boolean }, spans: readonly Span[]): boolean => {
    if (item.orphan) skipped.orphan++;
    else if (item.status !== 'accepted' && !includeSuggestions) skipped.suggested++;
    else if (!spans.every((s) => quoteMatches(index, s))) skipped.stale++;
    else return true;
    return false;
  };
  const spans: SpanItem[] = [];
  for (const m of sidecar.mentions) {
    // the mention layer is the guidelines' actors and places; victims (CIVILIAN) come with their events' roles
    if (!isEntityLabel(m.label)) continue;
    if (counts(m, [m])) spans.push({ id: m.id, label: m.label, start: m.start, end: m.end, text: m.text });
  }
  for (const a of sidecar.attributions) {
    if (!counts(a, a.source ? [a.cue, a.source] : [a.cue])) continue;
    spans.push({ id: a.id, label: 'CUE', start: a.cue.start, end: a.cue.end, text: a.cue.text });
    if (a.source) spans.push({ id: a.id, label: 'SOURCE', start: a.source.start, end: a.source.end, text: a.source.text });
  }
  spans.sort((x, y) => x.start - y.start || x.end - y.end || x.label.localeCompare(y.label) || x.id.localeCompare(y.id));
  const events = sidecar.events.filter((e) => counts(e, [e])).sort((x, y) => x.start - y.start || x.end - y.end || x.id.localeCompare(y.id));
  return { spans, events, mentions: sidecar.mentions, skipped };
}

const toDisagreementSpan = (s: SpanItem): DisagreementSpan => ({ id: s.id, label: s.label, start: s.start, end: s.end, text: s.text });
const eventSpan = (e: EventAnnotation): DisagreementSpan => ({ id: e.id, label: `${e.type} / ${e.subtype}`, start: e.start, end: e.end, text: e.text });

/** Span counts per label (exact and overlap) and the span disagreements of one document. */
function compareSpans(name: string, a: readonly SpanItem[], b: readonly SpanItem[]) {
  const exact = emptyCounts();
  const overlap = emptyCounts();
  const disagreements: Disagreement[] = [];
  for (const layer of Object.values(TOKEN_LAYERS)) {
    const leftA: SpanItem[] = [];
    const leftB: SpanItem[] = [];
    for (const label of layer) {
      const la = a.filter((s) => s.label === label);
      const lb = b.filter((s) => s.label === label);
      const exactPairs = matchSpans(la, lb, 'exact').length;
      const pairs = matchSpans(la, lb, 'overlap');
      for (const [key, tp] of [[exact, exactPairs], [overlap, pairs.length]] as const) {
        for (const l of [label, 'ALL'] as const) {
          key[l].tp += tp;
          key[l].fp += lb.length - tp;
          key[l].fn += la.length - tp;
        }
      }
      const pairedA = new Set(pairs.map(([ai]) => ai));
      const pairedB = new Set(pairs.map(([, bi]) => bi));
      for (const [ai, bi] of pairs) {
        if (la[ai].start !== lb[bi].start || la[ai].end !== lb[bi].end) {
          disagreements.push({ document: name, label, kind: 'boundary', a: toDisagreementSpan(la[ai]), b: toDisagreementSpan(lb[bi]) });
        }
      }
      pushAll(leftA, la.filter((_, i) => !pairedA.has(i)));
      pushAll(leftB, lb.filter((_, i) => !pairedB.has(i)));
    }
    // Left-overs that overlap can only differ in label (same-label overlaps were matched above).
    const relabelled = matchSpans(leftA, leftB, 'overlap');
    for (const [ai, bi] of relabelled) {
      disagreements.push({ document: name, label: leftA[ai].label, kind: 'label', a: toDisagreementSpan(leftA[ai]), b: toDisagreementSpan(leftB[bi]) });
    }
    const takenA = new Set(relabelled.map(([ai]) => ai));
    const takenB = new Set(relabelled.map(([, bi]) => bi));
    leftA.forEach((s, i) => takenA.has(i) || disagreements.push({ document: name, label: s.label, kind: 'missing', a: toDisagreementSpan(s), b: null }));
    leftB.forEach((s, i) => takenB.has(i) || disagreements.push({ document: name, label: s.label, kind: 'extra', a: null, b: toDisagreementSpan(s) }));
  }
  return { exact, overlap, disagreements };
}

function eventDisagreements(name: string, p: PairedEvents): Disagreement[] {
  const out: Disagreement[] = [];
  const pairedA = new Set(p.pairs.map(([ai]) => ai));
  const pairedB = new Set(p.pairs.map(([, bi]) => bi));
  for (const [ai, bi] of p.pairs) {
    const ea = p.a.events[ai];
    const eb = p.b.events[bi];
    if (ea.type !== eb.type || ea.subtype !== eb.subtype) out.push({ document: name, label: 'EVENT', kind: 'label', a: eventSpan(ea), b: eventSpan(eb) });
  }
  p.a.events.forEach((e, i) => pairedA.has(i) || out.push({ document: name, label: 'EVENT', kind: 'missing', a: eventSpan(e), b: null }));
  p.b.events.forEach((e, i) => pairedB.has(i) || out.push({ document: name, label: 'EVENT', kind: 'extra', a: null, b: eventSpan(e) }));
  return out;
}

const LABEL_ORDER: readonly string[] = [...SPAN_LABELS, 'EVENT'];
const KIND_ORDER: readonly DisagreementKind[] = ['missing', 'extra', 'label', 'boundary'];
const startOf = (d: Disagreement): number => Math.min(d.a?.start ?? Infinity, d.b?.start ?? Infinity);

function byPosition(x: Disagreement, y: Disagreement): number {
  return startOf(x) - startOf(y) || LABEL_ORDER.indexOf(x.label) - LABEL_ORDER.indexOf(y.label) || KIND_ORDER.indexOf(x.kind) - KIND_ORDER.indexOf(y.kind);
}

const labelled = (spans: readonly SpanItem[], labels: readonly SpanLabel[]) => spans.filter((s) => labels.includes(s.label)).map((s) => ({ start: s.start, end: s.end, label: s.label }));
const binary = (labels: readonly string[], label: string): string[] => labels.map((l) => (l === label ? l : OUTSIDE));
const toUnits = (spans: readonly SpanItem[], shift: number): Unit[] => spans.map((s) => ({ start: s.start + shift, end: s.end + shift, category: s.label }));

function unitizingRecord(length: number, a: readonly Unit[], b: readonly Unit[]): Record<SpanLabelKey, UnitizingScore> {
  const r = unitizingAlpha(length, a, b, SPAN_LABELS);
  return { ...(r.categories as Record<SpanLabel, UnitizingScore>), ALL: r.all };
}

const addSkipped = (x: Skipped, y: Skipped): Skipped => ({ suggested: x.suggested + y.suggested, orphan: x.orphan + y.orphan, stale: x.stale + y.stale });
const NO_SKIPS: Skipped = { suggested: 0, orphan: 0, stale: 0 };

function byName(docs: readonly AnnotatedDocument[], side: string): Map<string, Sidecar> {
  const out = new Map<string, Sidecar>();
  for (const d of docs) {
    if (out.has(d.name)) throw new Error(`computeAgreement: annotator ${side} has two sidecars for ${d.name}`);
    out.set(d.name, d.sidecar);
  }
  return out;
}

export function computeAgreement(input: AgreementInput, options: AgreementOptions = {}): AgreementReport {
  const includeSuggestions = options.includeSuggestions === true;
  const sidecarsA = byName(input.a, 'A');
  const sidecarsB = byName(input.b, 'B');
  const names = [...new Set([...sidecarsA.keys(), ...sidecarsB.keys()])].sort();
  const unpaired: { name: string; reason: UnpairedReason }[] = [];
  const documents: DocumentAgreement[] = [];
  const disagreements: Disagreement[] = [];
  const exact = emptyCounts();
  const overlap = emptyCounts();
  const tokensA: Record<TokenLayer, string[]> = { mentions: [], attributions: [] };
  const tokensB: Record<TokenLayer, string[]> = { mentions: [], attributions: [] };
  const unitsA: Unit[] = [];
  const unitsB: Unit[] = [];
  let continuum = 0;
  const paired: PairedEvents[] = [];
  let skippedA = NO_SKIPS;
  let skippedB = NO_SKIPS;

  for (const name of names) {
    const sa = sidecarsA.get(name);
    const sb = sidecarsB.get(name);
    const text = input.texts.get(name);
    if (!sa || !sb || text === undefined) {
      unpaired.push({ name, reason: !sa ? 'onlyB' : !sb ? 'onlyA' : 'noText' });
      continue;
    }
    const index = new TextIndex(text);
    const ca = counted(sa, index, includeSuggestions);
    const cb = counted(sb, index, includeSuggestions);
    const spans = compareSpans(name, ca.spans, cb.spans);
    addCounts(exact, spans.exact);
    addCounts(overlap, spans.overlap);

    const tokens = {} as Record<TokenLayer, CodingAgreement>;
    for (const [layer, labels] of Object.entries(TOKEN_LAYERS) as [TokenLayer, readonly SpanLabel[]][]) {
      const t = tokenLabels(text, labelled(ca.spans, labels), labelled(cb.spans, labels));
      tokens[layer] = codingAgreement(t.a, t.b);
      pushAll(tokensA[layer], t.a);
      pushAll(tokensB[layer], t.b);
    }

    const ua = toUnits(ca.spans, 0);
    const ub = toUnits(cb.spans, 0);
    pushAll(unitsA, toUnits(ca.spans, continuum));
    pushAll(unitsB, toUnits(cb.spans, continuum));
    continuum += index.length;

    const events = pairEvents({ events: ca.events, mentions: ca.mentions }, { events: cb.events, mentions: cb.mentions });
    paired.push(events);
    pushAll(disagreements, [...spans.disagreements, ...eventDisagreements(name, events)].sort(byPosition));

    skippedA = addSkipped(skippedA, ca.skipped);
    skippedB = addSkipped(skippedB, cb.skipped);
    documents.push({
      name,
      exact: scoresOf(spans.exact),
      overlap: scoresOf(spans.overlap),
      tokens,
      unitizing: unitizingRecord(index.length, ua, ub),
      events: { a: ca.events.length, b: cb.events.length, paired: events.pairs.length },
      skipped: { a: { ...ca.skipped }, b: { ...cb.skipped } },
    });
  }

  const tokens = {} as Record<TokenLayer, TokenLayerAgreement>;
  for (const [layer, labels] of Object.entries(TOKEN_LAYERS) as [TokenLayer, readonly SpanLabel[]][]) {
    const a = tokensA[layer];
    const b = tokensB[layer];
    const perLabel: Partial<Record<SpanLabel, CodingAgreement>> = {};
    for (const l of labels) perLabel[l] = codingAgreement(binary(a, l), binary(b, l));
    tokens[layer] = { ...codingAgreement(a, b), labels: perLabel };
  }

  return {
    annotators: { a: input.annotators?.a ?? 'A', b: input.annotators?.b ?? 'B' },
    includeSuggestions,
    documents,
    unpaired,
    exact: scoresOf(exact),
    overlap: scoresOf(overlap),
    tokens,
    unitizing: unitizingRecord(continuum, unitsA, unitsB),
    events: eventAgreement(paired),
    skipped: { a: skippedA, b: skippedB },
    disagreements,
  };
}

/** `out.push(...items)` without the spread, which overflows the call stack on huge documents. */
function pushAll<T>(out: T[], items: Iterable<T>): void {
  for (const x of items) out.push(x);
}
