/**
 * Sentence splitting tuned for wire copy. Intl.Segmenter breaks after "Gen.", "U.S." and "Mr.", so this is a
 * single linear scan with an abbreviation list. Offsets are UTF-16 (JS string indices).
 */

// Unicode-class patterns live at module level: bundled for Node they would otherwise be rebuilt per call.
const LETTER_OR_DOT = /[\p{L}.]/u;
const SENTENCE_OPENER = /[\p{Lu}\p{N}"“‘'(«\p{Lo}]/u;
const SINGLE_CAPITAL = /^\p{Lu}$/u;
const DOTTED_LETTERS = /^(?:\p{L}\.)+\p{L}$/u;

export interface TextRange {
  readonly start: number;
  readonly end: number;
}

const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'gen', 'col', 'lt', 'sgt', 'capt', 'cpt', 'maj', 'brig', 'adm', 'cmdr', 'sen', 'rep',
  'gov', 'prof', 'st', 'jr', 'sr', 'inc', 'corp', 'co', 'ltd', 'no', 'vs', 'etc', 'jan', 'feb', 'mar', 'apr',
  'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mt', 'ft', 'approx', 'est', 'fig', 'vol', 'rev',
]);

const CLOSERS = new Set(['"', '”', '’', "'", ')', ']', '»']);

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 0x3000 || c === 0x202f;
}

function isNewline(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

/** What can end a sentence: . ! ? and the line breaks of isNewline. */
const BREAK_CANDIDATE = /[.!?\n\r\u2028\u2029]/g;

/** Longer letter-and-dot runs are not abbreviations; the bound keeps "A.A.A.…" runs linear (each dot scanned back). */
const MAX_ABBREVIATION = 32;

/** LETTER_OR_DOT at text[i], without the regex for ASCII (this runs back over the word before every '.'). */
function isLetterOrDot(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return c === 46 || ((c | 32) >= 97 && (c | 32) <= 122);
  return LETTER_OR_DOT.test(text[i]);
}

/** True when the '.' at `dot` ends an abbreviation or an initial rather than a sentence. */
function isAbbreviation(text: string, dot: number): boolean {
  let i = dot - 1;
  while (i >= 0 && isLetterOrDot(text, i)) {
    if (dot - i > MAX_ABBREVIATION) return false;
    i--;
  }
  const word = text.slice(i + 1, dot);
  if (word.length === 0) return false;
  // Initials and dotted acronyms: "J.", "U.S", "U.N"
  if (SINGLE_CAPITAL.test(word) || DOTTED_LETTERS.test(word)) return true;
  return ABBREVIATIONS.has(word.toLowerCase());
}

/** Splits at . ! ? (plus closing quotes) followed by space and an upper-case letter, digit or quote, and at line breaks. */
export function splitSentences(text: string): TextRange[] {
  // detection and the event pass split the same document one after the other: the second call is a copy
  if (text === lastText) return lastSentences.slice();
  const out = split(text);
  lastText = text;
  lastSentences = out;
  return out.slice();
}

/** The last text split and its sentences (one document held: the pair of calls above comes back to back). */
let lastText: string | undefined;
let lastSentences: TextRange[] = [];

function split(text: string): TextRange[] {
  const out: TextRange[] = [];
  let start = 0;
  const push = (end: number): void => {
    let s = start;
    let e = end;
    while (s < e && (isSpace(text.charCodeAt(s)) || isNewline(text.charCodeAt(s)))) s++;
    while (e > s && (isSpace(text.charCodeAt(e - 1)) || isNewline(text.charCodeAt(e - 1)))) e--;
    if (e > s) out.push({ start: s, end: e });
  };
  const n = text.length;
  for (let i = 0; i < n; i++) {
    // the regular expression engine skips to the next . ! ? or line break far faster than a loop by char code
    BREAK_CANDIDATE.lastIndex = i;
    if (!BREAK_CANDIDATE.test(text)) break;
    i = BREAK_CANDIDATE.lastIndex - 1;
    const c = text.charCodeAt(i);
    if (isNewline(c)) {
      push(i);
      start = i + 1;
      continue;
    }
    if (c !== 46 && c !== 33 && c !== 63) continue; // . ! ?
    if (c === 46 && isAbbreviation(text, i)) continue;
    let j = i + 1;
    while (j < n && (text.charCodeAt(j) === 46 || text.charCodeAt(j) === 33 || text.charCodeAt(j) === 63)) j++;
    while (j < n && CLOSERS.has(text[j])) j++;
    if (j >= n) break;
    if (!isSpace(text.charCodeAt(j)) && !isNewline(text.charCodeAt(j))) continue;
    let k = j;
    while (k < n && isSpace(text.charCodeAt(k))) k++;
    if (k < n && !isNewline(text.charCodeAt(k)) && !SENTENCE_OPENER.test(text[k])) continue;
    push(j);
    start = j;
    i = j - 1;
  }
  push(n);
  return out;
}
