/**
 * Sentence-grouped training tokens with BIO tags, shared by the token-level formats (Hugging Face, CoNLL,
 * WebAnno TSV).
 *
 * - Tokens are the training tokens split at every exported mention boundary, so each token lies wholly inside
 *   or outside each mention.
 * - Tags come from the document's flat mentions (no overlaps; see `flatMentions`), in the scheme asked for:
 *   IOB2 (B- on every first token), IOB1 (B- only where an entity directly follows one of the same label) or
 *   BIOES. Every scheme is valid by construction: an I-/E- tag always continues an entity of its label.
 * - `null` is "unknown": tokens of a mention left out of the flat set for overlapping a longer one, and, in a
 *   draft exported with `unreviewed: 'missing'`, every token outside its accepted mentions (except those of
 *   rejected suggestions, which a person did mark as no mention).
 * - Sentences are splitSentences' ranges, joined where a mention crosses from one into the next (a line break
 *   inside a name), so a sentence boundary never cuts a mention.
 */
import { firstIndexWhere } from '../text/binarySearch';
import { splitSentences } from '../text/splitSentences';
import { alignTokens, trainingTokens, type TrainingToken } from './trainingTokens';
import { spanMatches, type Prepared, type TagScheme } from './exportDocument';

export interface TaggedSentence {
  tokens: TrainingToken[];
  /** One tag per token; null where the label is unknown. */
  tags: (string | null)[];
}

/** The tags a scheme uses for the labels, "O" first: the ClassLabel names of the Hugging Face export. */
export function tagNames(labels: readonly string[], scheme: TagScheme = 'iob2'): string[] {
  const prefixes = scheme === 'bioes' ? ['B', 'I', 'E', 'S'] : ['B', 'I'];
  return ['O', ...labels.flatMap((l) => prefixes.map((p) => `${p}-${l}`))];
}

/** Tags for tokens from the index of the flat span covering each (-1: none) and the spans' labels. */
export function schemeTags(spanOf: readonly number[], labelOf: (span: number) => string, scheme: TagScheme): string[] {
  return spanOf.map((s, i) => {
    if (s < 0) return 'O';
    const label = labelOf(s);
    const first = i === 0 || spanOf[i - 1] !== s;
    const last = i === spanOf.length - 1 || spanOf[i + 1] !== s;
    if (scheme === 'bioes') return `${first && last ? 'S' : first ? 'B' : last ? 'E' : 'I'}-${label}`;
    if (scheme === 'iob1') return `${first && i > 0 && spanOf[i - 1] >= 0 && labelOf(spanOf[i - 1]) === label ? 'B' : 'I'}-${label}`;
    return `${first ? 'B' : 'I'}-${label}`;
  });
}

/** Tokens of a prepared document, split at its mention boundaries. */
export function documentTokens(p: Prepared): TrainingToken[] {
  return alignTokens(p.doc.text, trainingTokens(p.doc.text), p.mentions);
}

/** Index of the span (sorted, non-overlapping) covering each token, -1 for none. */
function coveringSpan(tokens: readonly TrainingToken[], spans: readonly { start: number; end: number }[]): number[] {
  return tokens.map((t) => {
    const i = firstIndexWhere(spans.length, (k) => spans[k].end > t.start);
    return i < spans.length && spans[i].start <= t.start && t.end <= spans[i].end ? i : -1;
  });
}

/** Marks the tokens that touch any of the spans. */
function markTouched(tokens: readonly TrainingToken[], spans: Iterable<{ start: number; end: number }>): Uint8Array {
  const marks = new Uint8Array(tokens.length);
  for (const s of spans) for (let i = firstIndexWhere(tokens.length, (k) => tokens[k].end > s.start); i < tokens.length && tokens[i].start < s.end; i++) marks[i] = 1;
  return marks;
}

export function taggedSentences(p: Prepared, scheme: TagScheme = 'iob2'): TaggedSentence[] {
  const tokens = documentTokens(p);
  const spanOf = coveringSpan(tokens, p.flat);
  const tags: (string | null)[] = schemeTags(spanOf, (s) => p.flat[s].label, scheme);
  const overlapped = markTouched(tokens, p.overlapped.map((o) => o.mention));
  const rejected = p.missing ? markTouched(tokens, p.doc.sidecar.rejected.filter((r) => r.kind === 'mention' && spanMatches(p.index, r))) : undefined;
  tokens.forEach((_, i) => {
    if (spanOf[i] < 0 && (overlapped[i] || (rejected && !rejected[i]))) tags[i] = null;
  });

  const ranges = sentenceRanges(p);
  const out = new Map<number, TaggedSentence>();
  tokens.forEach((t, i) => {
    const g = Math.max(0, firstIndexWhere(ranges.length, (k) => ranges[k].start > t.start) - 1);
    let s = out.get(g);
    if (!s) out.set(g, (s = { tokens: [], tags: [] }));
    s.tokens.push(t);
    s.tags.push(tags[i]);
  });
  return [...out.values()];
}

/** Sentence ranges in code points: splitSentences' ranges, joined where an exported mention runs across a boundary. */
export function sentenceRanges(p: Prepared): { start: number; end: number }[] {
  const ranges = splitSentences(p.doc.text).map((r) => ({ start: p.index.toCodePoint(r.start), end: p.index.toCodePoint(r.end) }));
  const sentenceAt = (cp: number): number => Math.max(0, firstIndexWhere(ranges.length, (k) => ranges[k].start > cp) - 1);
  // joined[k]: sentence k+1 continues sentence k
  const joined = new Uint8Array(Math.max(0, ranges.length - 1));
  for (const m of p.mentions) for (let k = sentenceAt(m.start); k < sentenceAt(m.end - 1); k++) joined[k] = 1;
  const out: { start: number; end: number }[] = [];
  ranges.forEach((r, k) => {
    if (k > 0 && joined[k - 1]) out[out.length - 1].end = r.end;
    else out.push({ ...r });
  });
  return out;
}
