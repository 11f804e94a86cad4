/**
 * Keeping annotations attached to their text when the text changes.
 *
 * Every span (rejections included) stores its quote plus up to 32 code points of context on each side. Re-anchoring looks for the
 * quote again and only moves a span when the context makes the new place unambiguous; otherwise the span is
 * marked `orphan` with its old offsets and quote kept, so nothing is dropped or silently misplaced.
 */
import type { Attribution, EventAnnotation, Sidecar, Span } from '../model';
import { TextIndex } from '../text/textIndex';

/** Code points of context kept on each side of a span. */
export const CONTEXT_LENGTH = 32;

/** A text edit in code points against the ORIGINAL text (all edits of one change refer to the same text). */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface ReanchorResult {
  sidecar: Sidecar;
  /** Spans now at a different place (or with a corrected quote). */
  moved: number;
  /** Spans that could not be placed with confidence (including ones that stayed orphaned). */
  orphaned: number;
}

function indexOf(text: TextIndex | string): TextIndex {
  return typeof text === 'string' ? new TextIndex(text) : text;
}

export function contextOf(text: TextIndex | string, start: number, end: number): { prefix: string; suffix: string } {
  const idx = indexOf(text);
  return {
    prefix: idx.slice(Math.max(0, start - CONTEXT_LENGTH), start),
    suffix: idx.slice(end, Math.min(idx.length, end + CONTEXT_LENGTH)),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Visiting every span of a sidecar

type SpanOwner = { orphan?: boolean };

/** Rebuilds the sidecar with `fn` applied to each span; `fn` returns the new span and whether it is orphaned. */
function mapSpans(sidecar: Sidecar, fn: (span: Span, orphan: boolean) => { span: Span; orphan: boolean }): Sidecar {
  const one = <T extends Span & SpanOwner>(item: T): T => {
    const r = fn(item, item.orphan === true);
    const out = { ...item, ...r.span } as T;
    if (r.orphan) out.orphan = true;
    else delete out.orphan;
    return out;
  };
  const attribution = (a: Attribution): Attribution => {
    let orphan = false;
    const out: Attribution = { ...a };
    for (const key of ['cue', 'source', 'content'] as const) {
      const span = a[key];
      if (!span) continue;
      const r = fn(span, a.orphan === true);
      out[key] = r.span;
      orphan ||= r.orphan;
    }
    if (orphan) out.orphan = true;
    else delete out.orphan;
    return out;
  };
  // an event's further quotes (`spans`) move with it; one that cannot be placed orphans the event
  const event = (e: EventAnnotation): EventAnnotation => {
    const out = one(e);
    if (!e.spans?.length) return out;
    let orphan = out.orphan === true;
    out.spans = e.spans.map((span) => {
      const r = fn(span, e.orphan === true);
      orphan ||= r.orphan;
      return r.span;
    });
    if (orphan) out.orphan = true;
    return out;
  };
  return {
    ...sidecar,
    mentions: sidecar.mentions.map(one),
    attributions: sidecar.attributions.map(attribution),
    events: sidecar.events.map(event),
    // rejections are decisions too: placed wrongly they would stop blocking, and the suggestion come back
    rejected: sidecar.rejected.map(one),
  };
}

function withContext(span: Span, idx: TextIndex): Span {
  const { prefix, suffix } = contextOf(idx, span.start, span.end);
  return { ...span, prefix, suffix };
}

/** Fills prefix/suffix on every span that is placed (orphans keep the context they had). */
export function addContext(sidecar: Sidecar, text: TextIndex | string): Sidecar {
  const idx = indexOf(text);
  return mapSpans(sidecar, (span, orphan) => {
    if (orphan || span.end > idx.length || span.start > span.end || idx.slice(span.start, span.end) !== span.text) {
      return { span, orphan };
    }
    return { span: withContext(span, idx), orphan };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Live edits

function sortedEdits(edits: readonly TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].start < sorted[i - 1].end) throw new Error('shiftForEdits: edits overlap; they must all refer to the original text');
  }
  return sorted;
}

function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * Maps an offset of the original text through the edits. An insertion exactly at a span's start pushes the span
 * right; one exactly at its end stays outside it.
 */
function mapOffset(p: number, edits: TextEdit[], lengths: number[], isEnd: boolean): number {
  let delta = 0;
  for (let i = 0; i < edits.length; i++) {
    const e = edits[i];
    const before = e.end < p || (e.end === p && (e.start < p || !isEnd));
    if (before) {
      delta += lengths[i] - (e.end - e.start);
    } else if (e.start < p && p < e.end) {
      // Inside a replaced stretch: clamp to its edge.
      return isEnd ? e.start + lengths[i] + delta : e.start + delta;
    } else {
      break;
    }
  }
  return p + delta;
}

/**
 * Shifts all spans for edits made in a live editor. `edits` are code point ranges of the text before the
 * change, non-overlapping, in any order (VS Code's `contentChanges` of one event, converted to code points).
 * A span an edit touches inside is marked `orphan` (its quote is kept) so that {@link reanchor} or a person
 * can settle it; spans only moved by edits before them keep their quote and stay placed.
 */
export function shiftForEdits(sidecar: Sidecar, edits: readonly TextEdit[]): Sidecar {
  if (edits.length === 0) return sidecar;
  const sorted = sortedEdits(edits);
  const lengths = sorted.map((e) => codePointLength(e.newText));
  // (rejections included: typing above a rejected suggestion must not let the detector suggest it again)
  return mapSpans(sidecar, (span, orphan) => {
    const start = mapOffset(span.start, sorted, lengths, false);
    const end = Math.max(start, mapOffset(span.end, sorted, lengths, true));
    const touched = sorted.some((e) => (e.start < span.end && e.end > span.start) || (e.start === e.end && e.start > span.start && e.start < span.end));
    return { span: { ...span, start, end }, orphan: orphan || touched };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Re-anchoring against a new text

/** Quotes are matched on this many leading UTF-16 units, then verified: keeps the automaton small. */
const HEAD = 16;

/** Aho–Corasick over UTF-16 code units: every occurrence of every quote in one pass over the text. */
function findAll(text: string, quotes: string[]): Map<string, number[]> {
  const heads = [...new Set(quotes.map((q) => q.slice(0, HEAD)))];
  const headMatches = findHeads(text, heads);
  const found = new Map<string, number[]>();
  for (const q of quotes) {
    const starts = headMatches.get(q.slice(0, HEAD)) ?? [];
    found.set(q, q.length <= HEAD ? starts : starts.filter((p) => text.startsWith(q, p)));
  }
  return found;
}

function findHeads(text: string, patterns: string[]): Map<string, number[]> {
  const next: Map<number, number>[] = [new Map()];
  const fail: number[] = [0];
  const out: number[][] = [[]];
  patterns.forEach((p, pi) => {
    let node = 0;
    for (let i = 0; i < p.length; i++) {
      const c = p.charCodeAt(i);
      let n = next[node].get(c);
      if (n === undefined) {
        n = next.length;
        next.push(new Map());
        fail.push(0);
        out.push([]);
        next[node].set(c, n);
      }
      node = n;
    }
    out[node].push(pi);
  });
  // Breadth-first failure links; each node's outputs include those of its failure chain.
  const queue: number[] = [];
  for (const n of next[0].values()) queue.push(n);
  for (let qi = 0; qi < queue.length; qi++) {
    const node = queue[qi];
    for (const [c, child] of next[node]) {
      let f = fail[node];
      while (f !== 0 && !next[f].has(c)) f = fail[f];
      const target = next[f].get(c);
      fail[child] = target !== undefined && target !== child ? target : 0;
      if (out[fail[child]].length) out[child] = out[child].concat(out[fail[child]]);
      queue.push(child);
    }
  }
  const found = new Map<string, number[]>(patterns.map((p) => [p, []]));
  const lists = patterns.map((p) => found.get(p)!);
  let node = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    while (node !== 0 && !next[node].has(c)) node = fail[node];
    node = next[node].get(c) ?? 0;
    for (const pi of out[node]) lists[pi].push(i + 1 - patterns[pi].length);
  }
  return found;
}

/** Length of the common tail of `a` and the text ending at `end` (UTF-16). */
function commonBefore(text: string, end: number, a: string): number {
  let n = 0;
  while (n < a.length && end - n - 1 >= 0 && text.charCodeAt(end - n - 1) === a.charCodeAt(a.length - n - 1)) n++;
  return n;
}

function commonAfter(text: string, start: number, a: string): number {
  let n = 0;
  while (n < a.length && start + n < text.length && text.charCodeAt(start + n) === a.charCodeAt(n)) n++;
  return n;
}

/** Minimum context agreement (UTF-16 units, boundary bonuses included) to move a span. */
const MIN_SCORE = 24;
/** The best place must beat the runner-up by this much, or the span is ambiguous. */
const MIN_MARGIN = 8;
const BOUNDARY_BONUS = 8;
/** With neither side agreeing completely, both must agree on at least this many units. */
const MIN_SIDE = 6;

interface SpanInfo {
  prefix?: string;
  suffix?: string;
  /** The stored context is a full CONTEXT_LENGTH, so it did not stop at the text's edge. */
  fullPrefix: boolean;
  fullSuffix: boolean;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

interface Placement {
  start: number; // UTF-16
  end: number;
  score: number;
  /** Placed on no evidence but its quote being at its old offsets (no context): says nothing about edits. */
  weak?: boolean;
}

/** Length (UTF-16) of the context window that makes two occurrences indistinguishable. */
const WINDOW = 2 * CONTEXT_LENGTH;
/** Context agreement of at least this many units on one side puts a candidate in a lookup bucket. */
const KEY = 8;

/** Occurrences of one quote grouped by identical surroundings, with lookup by the text just around them. */
interface QuoteIndex {
  groups: number[][];
  byBefore: Map<string, number[]>;
  byAfter: Map<string, number[]>;
  /** Groups with an occurrence near either edge of the text (short stored context can match there). */
  nearEdge: number[];
}

class Anchorer {
  readonly idx: TextIndex;
  private readonly indexes = new Map<string, QuoteIndex>();

  private found?: Map<string, number[]>;
  /** Shift of the last span placed, per list: the next span has most likely moved by the same amount. */
  lastShift = 0;

  constructor(
    readonly text: string,
    private readonly quotes: string[],
  ) {
    this.idx = new TextIndex(text);
  }

  /** Occurrences of every quote, found in one pass the first time a span actually has to be searched for. */
  get occurrences(): Map<string, number[]> {
    this.found ??= findAll(this.text, this.quotes);
    return this.found;
  }

  private quoteIndex(quote: string): QuoteIndex {
    let qi = this.indexes.get(quote);
    if (qi) return qi;
    const t = this.text;
    const byWindow = new Map<string, number>();
    qi = { groups: [], byBefore: new Map(), byAfter: new Map(), nearEdge: [] };
    for (const p of this.occurrences.get(quote) ?? []) {
      const e = p + quote.length;
      const w = `${t.slice(Math.max(0, p - WINDOW), p)}\u0000${t.slice(e, e + WINDOW)}`;
      let g = byWindow.get(w);
      if (g === undefined) {
        g = qi.groups.length;
        byWindow.set(w, g);
        qi.groups.push([]);
        push(qi.byBefore, t.slice(Math.max(0, p - KEY), p), g);
        push(qi.byAfter, t.slice(e, e + KEY), g);
        if (p < WINDOW || e > t.length - WINDOW) qi.nearEdge.push(g);
      }
      qi.groups[g].push(p);
    }
    this.indexes.set(quote, qi);
    return qi;
  }

  /**
   * Context agreement of a candidate (UTF-16 units, plus a bonus per side that agrees completely; a side whose
   * stored context stopped at the text's edge must stop there again). `strong` when one side agrees completely
   * or both sides agree in part: one partly matching side alone is what an unrelated place with the same
   * phrase looks like. `edges` when every side whose stored context stopped at the text's edge stops there
   * here too.
   */
  score(span: SpanInfo, start: number, end: number): { score: number; strong: boolean; edges: boolean } {
    let score = 0;
    let lp = 0;
    let ls = 0;
    let full = false;
    let edges = true;
    if (span.prefix !== undefined) {
      lp = commonBefore(this.text, start, span.prefix);
      score += lp;
      const atEdge = lp === span.prefix.length && start - lp === 0;
      if (lp === span.prefix.length && (span.fullPrefix || atEdge)) {
        score += BOUNDARY_BONUS;
        full = true;
      }
      if (!span.fullPrefix && !atEdge) edges = false;
    }
    if (span.suffix !== undefined) {
      ls = commonAfter(this.text, end, span.suffix);
      score += ls;
      const atEdge = ls === span.suffix.length && end + ls === this.text.length;
      if (ls === span.suffix.length && (span.fullSuffix || atEdge)) {
        score += BOUNDARY_BONUS;
        full = true;
      }
      if (!span.fullSuffix && !atEdge) edges = false;
    }
    return { score, strong: full || (lp >= MIN_SIDE && ls >= MIN_SIDE), edges };
  }

  /**
   * Where `span` is in the text now, undefined when that is not clear. An orphan (its offsets are stale) comes
   * back only where its quote and recorded context agree completely: a partial match may just be a copy whose
   * twin was edited.
   */
  place(span: Span, orphan = false): Placement | undefined {
    const oldStart = this.idx.toUtf16(span.start);
    const q = span.text.length;
    const hasContext = span.prefix !== undefined || span.suffix !== undefined;
    const atOld = span.end <= this.idx.length && this.idx.slice(span.start, span.end) === span.text;
    if (q === 0) return atOld ? { start: oldStart, end: oldStart, score: 0, weak: true } : undefined;
    if (!hasContext) {
      // Nothing to compare but the quote: stay, or move only to its single occurrence (see also byNeighbours).
      if (atOld) return { start: oldStart, end: oldStart + q, score: 0, weak: true };
      const positions = this.occurrences.get(span.text) ?? [];
      return positions.length === 1 ? { start: positions[0], end: positions[0] + q, score: 0 } : undefined;
    }
    const info: SpanInfo = {
      prefix: span.prefix,
      suffix: span.suffix,
      fullPrefix: span.prefix !== undefined && codePointLength(span.prefix) >= CONTEXT_LENGTH,
      fullSuffix: span.suffix !== undefined && codePointLength(span.suffix) >= CONTEXT_LENGTH,
    };
    const max = (span.prefix !== undefined ? span.prefix.length + BOUNDARY_BONUS : 0) + (span.suffix !== undefined ? span.suffix.length + BOUNDARY_BONUS : 0);
    if (atOld && this.score(info, oldStart, oldStart + q).score === max) return { start: oldStart, end: oldStart + q, score: max };
    const guess = oldStart + this.lastShift;
    if (guess >= 0 && this.text.startsWith(span.text, guess) && this.score(info, guess, guess + q).score === max) {
      return { start: guess, end: guess + q, score: max };
    }

    // Only candidates agreeing on KEY units of context on some side (or near an edge) can reach a score that
    // matters: MIN_SCORE for the best, MIN_SCORE - MIN_MARGIN for a rival.
    const qi = this.quoteIndex(span.text);
    const candidates = new Set<number>(qi.nearEdge);
    if (span.prefix !== undefined && span.prefix.length >= KEY) for (const g of qi.byBefore.get(span.prefix.slice(-KEY)) ?? []) candidates.add(g);
    if (span.suffix !== undefined && span.suffix.length >= KEY) for (const g of qi.byAfter.get(span.suffix.slice(0, KEY)) ?? []) candidates.add(g);
    let best: Placement | undefined;
    let bestCount = 0;
    let bestStrong = false;
    let bestEdges = true;
    let edgesElsewhere = false;
    let second = -1;
    for (const g of candidates) {
      const p = qi.groups[g][0];
      const { score, strong, edges } = this.score(info, p, p + q);
      if (!best || score > best.score) {
        if (best) edgesElsewhere ||= bestEdges;
        bestEdges = edges;
        if (best) second = Math.max(second, best.score);
        best = { start: p, end: p + q, score };
        bestCount = qi.groups[g].length;
        bestStrong = strong;
      } else {
        second = Math.max(second, score);
        edgesElsewhere ||= edges;
      }
    }
    // Recorded at the text's edge, the best place is not there while another is: one of them is a repeated
    // sentence, and which one depends on whether the text was edited at the edge or beside the span. Orphan.
    if (best && !bestEdges && edgesElsewhere) return undefined;
    // Several occurrences with identical surroundings are indistinguishable.
    if (best && bestStrong && bestCount === 1 && best.score >= Math.min(MIN_SCORE, max) && best.score - second >= MIN_MARGIN && (!orphan || best.score === max)) {
      // The quote is still where it was, with one side of its context intact: an edit just beside it (not a
      // move) is the likelier story, so leaving needs a clear lead; when in doubt it is an orphan, not a guess.
      if (atOld && best.start !== oldStart) {
        const old = this.score(info, oldStart, oldStart + q);
        if (old.strong && best.score - old.score < 2 * MIN_MARGIN) return undefined;
      }
      return best;
    }
    return this.fuzzy(span);
  }

  /**
   * The quote itself changed: accept the stretch between an exact prefix and an exact suffix when both are
   * long, unique, and the stretch is a small edit of the old quote.
   */
  fuzzy(span: Span): Placement | undefined {
    const prefix = span.prefix ?? '';
    const suffix = span.suffix ?? '';
    if (prefix.length < 16 || suffix.length < 16) return undefined;
    const q = span.text.length;
    const slack = Math.max(3, Math.floor(q * 0.3));
    const maxDistance = Math.max(1, Math.floor(q * 0.25));
    let found: Placement | undefined;
    let count = 0;
    for (let p = this.text.indexOf(prefix); p !== -1; p = this.text.indexOf(prefix, p + 1)) {
      const from = p + prefix.length;
      const window = this.text.slice(from, from + q + slack + suffix.length);
      const s = window.indexOf(suffix, Math.max(0, q - slack));
      if (s === -1 || s > q + slack) continue;
      const gap = window.slice(0, s);
      if (editDistance(gap, span.text, maxDistance) > maxDistance) continue;
      count++;
      // the quote itself intact inside the stretch (text added at its edges, a line break): just the quote
      const inner = gap.indexOf(span.text);
      const exact = inner !== -1 && gap.indexOf(span.text, inner + 1) === -1;
      found = exact ? { start: from + inner, end: from + inner + q, score: 0 } : { start: from, end: from + s, score: 0 };
      if (count > 1) return undefined;
    }
    return found;
  }
}

/** Levenshtein distance, giving up (returning limit + 1) once it must exceed `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** Where a span went: its old start and end (code points, old text) and how far it moved (code points). */
interface Shift {
  old: number;
  oldEnd: number;
  by: number;
}

/**
 * A span with no context whose quote is neither at its old place nor unique (written by hand, or a rejection
 * made before rejections carried context): placed where the spans placed with evidence on either side of it say
 * the text moved, when exactly one occurrence of its quote lies within their shifts (one shift for an insert at
 * the top, a range for line ends converted between them); before the first of them (after the last), where
 * that one's shift puts it, else when its quote occurs once in the stretch of text before it (after it). An
 * edit between the two could have moved it otherwise: then no occurrence fits, or several, and it is an orphan.
 */
function byNeighbours(span: Span, shifts: readonly Shift[], anchorer: Anchorer): Placement | undefined {
  // the last shift at or before the span, and the first after it
  let lo = 0;
  let hi = shifts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (shifts[mid].old <= span.start) lo = mid + 1;
    else hi = mid;
  }
  const before = shifts[lo - 1];
  const after = shifts[lo];
  if (!before && !after) return undefined;
  const idx = anchorer.idx;
  const q = codePointLength(span.text);
  const min = before && after ? span.start + Math.min(before.by, after.by) : before ? before.oldEnd + before.by : 0;
  const max = before && after ? span.start + Math.max(before.by, after.by) : after ? after.old + after.by - q : idx.length - q;
  const one = before && after ? undefined : span.start + (before ?? after)!.by;
  let found: number | undefined;
  let count = 0;
  for (const p of anchorer.occurrences.get(span.text) ?? []) {
    const cp = idx.toCodePoint(p);
    if (cp < min) continue;
    if (cp > max) break;
    if (cp === one) return { start: p, end: p + span.text.length, score: 0 };
    count++;
    found = p;
  }
  return found === undefined || count > 1 ? undefined : { start: found, end: found + span.text.length, score: 0 };
}

/**
 * Places every span in `newText`: kept where its quote and context still are, moved to the one place its quote
 * and context clearly point to, otherwise marked `orphan` with old offsets and quote. Orphans found again are
 * placed and un-orphaned. Prefix/suffix are refreshed on placed spans.
 */
export function reanchor(sidecar: Sidecar, newText: string): ReanchorResult {
  const quotes = new Set<string>();
  mapSpans(sidecar, (span, orphan) => {
    if (span.text) quotes.add(span.text);
    return { span, orphan };
  });
  const anchorer = new Anchorer(newText, [...quotes]);
  const idx = anchorer.idx;
  // first every span on its own evidence; context-less ones it leaves unplaced then follow their neighbours
  const placements = new Map<Span, Placement | undefined>();
  const shifts: Shift[] = [];
  const pending: Span[] = [];
  mapSpans(sidecar, (span, orphan) => {
    const placed = anchorer.place(span, orphan);
    placements.set(span, placed);
    if (placed) {
      anchorer.lastShift = placed.start - idx.toUtf16(span.start);
      if (!placed.weak) shifts.push({ old: span.start, oldEnd: span.end, by: idx.toCodePoint(placed.start) - span.start });
    } else if (!orphan && span.text && span.prefix === undefined && span.suffix === undefined) pending.push(span);
    return { span, orphan };
  });
  if (pending.length && shifts.length) {
    shifts.sort((a, b) => a.old - b.old);
    for (const span of pending) placements.set(span, byNeighbours(span, shifts, anchorer));
  }
  let moved = 0;
  let orphaned = 0;
  const out = mapSpans(sidecar, (span) => {
    const placed = placements.get(span);
    if (!placed) {
      orphaned++;
      return { span, orphan: true };
    }
    const start = idx.toCodePoint(placed.start);
    const end = idx.toCodePoint(placed.end);
    const text = newText.slice(placed.start, placed.end);
    if (start !== span.start || end !== span.end || text !== span.text) moved++;
    return { span: withContext({ ...span, start, end, text }, idx), orphan: false };
  });
  return { sidecar: out, moved, orphaned };
}
