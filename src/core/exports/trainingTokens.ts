/**
 * CoNLL-like tokens for training exports, with code point offsets (the sidecar's unit): punctuation is
 * separate, hyphenated words ("al-Qaim", "Shia-dominated") and numbers ("1,500", "06/25/2014") stay whole,
 * dotted acronyms and known abbreviations keep their dots ("U.S.", "Gen."), possessive "'s" is split off.
 */
import { firstIndexWhere } from '../text/binarySearch';
import { TextIndex } from '../text/textIndex';

export interface TrainingToken {
  text: string;
  /** Code point offsets, end exclusive. */
  start: number;
  end: number;
}

export interface LabelledSpan {
  start: number;
  end: number;
  label: string;
}

const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'gen', 'col', 'lt', 'sgt', 'capt', 'maj', 'brig', 'adm', 'cmdr', 'sen', 'rep', 'gov',
  'prof', 'st', 'jr', 'sr', 'inc', 'corp', 'co', 'ltd', 'no', 'vs', 'etc', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul',
  'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mt', 'ft', 'approx', 'est',
]);

/**
 * What separates tokens: JavaScript's \s, Unicode White_Space (adds NEL U+0085) and the information separators
 * U+001C-U+001F, which Python's `str.split()` splits at too. A token never contains any of them, so column
 * formats read back by `line.split()` (spaCy's CoNLL converter) see the tokens written.
 */
export const SEPARATOR = String.raw`[\s\p{White_Space}\u001c-\u001f]`;
const NOT_SEPARATOR = String.raw`[^\s\p{White_Space}\u001c-\u001f]`;

// Order matters: acronyms, numbers, words, a possessive standing alone, then any other single character.
const TOKEN_RE = new RegExp(
  [
    String.raw`(?:\p{L}\.){2,}`, // U.S. U.N.
    String.raw`\p{N}+(?:[.,:/]\p{N}+)*`, // 1,500 3.5 06/25/2014 12:30
    String.raw`[\p{L}\p{M}\p{N}]+(?:[-‐'’][\p{L}\p{M}\p{N}]+)*`, // words, al-Qaim, Qaeda's (split below)
    // "'s" as written back by a token format ("Qaeda 's"): one token again, so imports re-export the same tokens
    String.raw`['’][sS](?![\p{L}\p{M}\p{N}])`,
    NOT_SEPARATOR,
  ].join('|'),
  'gu',
);

export function trainingTokens(text: string): TrainingToken[] {
  const index = new TextIndex(text);
  const out: TrainingToken[] = [];
  const push = (s16: number, e16: number): void => {
    out.push({ text: text.slice(s16, e16), start: index.toCodePoint(s16), end: index.toCodePoint(e16) });
  };
  for (const m of text.matchAll(TOKEN_RE)) {
    const s = m.index;
    let e = s + m[0].length;
    const word = m[0];
    if (/^\p{L}/u.test(word)) {
      // Possessive: "Qaeda's" -> "Qaeda" + "'s"
      const poss = /['’][sS]$/.exec(word);
      if (poss && word.length > 2) {
        push(s, e - 2);
        push(e - 2, e);
        continue;
      }
      // Keep the dot of a known abbreviation: "Gen." "Sept."
      if (text[e] === '.' && ABBREVIATIONS.has(word.toLowerCase())) e++;
    }
    push(s, e);
  }
  // Abbreviation dots were consumed above; drop the duplicate '.' tokens they left behind.
  return out.filter((t, i) => !(t.text === '.' && i > 0 && out[i - 1].end > t.start));
}

export interface BioResult {
  tags: string[];
  /** Spans whose start or end falls inside a token rather than on a token boundary. */
  misaligned: number;
}

/**
 * B-/I-/O tags for tokens. A token is tagged when it overlaps a span (so a span ending inside a token still
 * tags it); such spans are counted as misaligned. Overlapping spans: the earlier (then longer) span wins.
 */
export function bioTagsWithReport(tokens: readonly TrainingToken[], spans: readonly LabelledSpan[]): BioResult {
  const tags = tokens.map(() => 'O');
  let misaligned = 0;
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end || a.label.localeCompare(b.label));
  for (const span of sorted) {
    if (span.end <= span.start) continue;
    const touched: number[] = [];
    for (let i = lowerBound(tokens, span.start); i < tokens.length && tokens[i].start < span.end; i++) {
      if (tokens[i].end > span.start) touched.push(i);
    }
    if (touched.length === 0) {
      misaligned++;
      continue;
    }
    const first = tokens[touched[0]];
    const last = tokens[touched[touched.length - 1]];
    if (first.start !== span.start || last.end !== span.end) misaligned++;
    if (touched.some((i) => tags[i] !== 'O')) continue;
    touched.forEach((ti, k) => {
      tags[ti] = `${k === 0 ? 'B' : 'I'}-${span.label}`;
    });
  }
  return { tags, misaligned };
}

export function bioTags(tokens: readonly TrainingToken[], spans: readonly LabelledSpan[]): string[] {
  return bioTagsWithReport(tokens, spans).tags;
}

/** First token whose end is after `cp`. */
function lowerBound(tokens: readonly TrainingToken[], cp: number): number {
  return firstIndexWhere(tokens.length, (i) => tokens[i].end > cp);
}

/**
 * Splits tokens where a span starts or ends inside them ("Albukamal-Qaim" with two PLACE spans becomes
 * "Albukamal", "-", "Qaim"), so exported tags match the annotation exactly.
 */
export function alignTokens(text: string, tokens: readonly TrainingToken[], spans: readonly LabelledSpan[]): TrainingToken[] {
  const cuts = [...new Set(spans.flatMap((s) => [s.start, s.end]))].sort((a, b) => a - b);
  const index = new TextIndex(text);
  const out: TrainingToken[] = [];
  for (const t of tokens) {
    const inner: number[] = [];
    for (let k = firstIndexWhere(cuts.length, (i) => cuts[i] > t.start); k < cuts.length && cuts[k] < t.end; k++) inner.push(cuts[k]);
    if (inner.length === 0) {
      out.push(t);
      continue;
    }
    // each piece is tokenized again ("Kurdish-controlled" cut after "Kurdish" gives "-", "controlled"), so every
    // token written reads back as itself when a token format is imported and tokenized again
    let from = t.start;
    for (const c of [...inner, t.end]) {
      for (const piece of trainingTokens(index.slice(from, c))) out.push({ text: piece.text, start: from + piece.start, end: from + piece.end });
      from = c;
    }
  }
  return out;
}
