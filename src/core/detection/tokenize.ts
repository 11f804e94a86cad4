/**
 * Word tokens for the detection rules: one pass over the text, UTF-16 offsets. A possessive "'s" / "’s"
 * is split off so "Al-Qaeda's" yields the name token "Al-Qaeda".
 */
import { firstIndexWhere } from '../text/binarySearch';
import { InternTable } from '../text/internTable';
import { ASCII_CLASS, charClass, isWordApostrophe, isWordHyphen, LETTER, MARK, NUMBER, UPPER } from '../text/charClasses';

// Unicode-class patterns live at module level: bundled for Node they would otherwise be rebuilt per call.
const CAPITAL_DIGITS = /^\p{Lu}\p{N}+$/u;

export interface Token {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly lower: string;
  /** First letter is upper case (or the token is an "al-Name" particle form). */
  readonly cap: boolean;
  /** Every letter is upper case and there are at least two ("ISIL", "M23", "U.S."). */
  readonly allCaps: boolean;
  /** A possessive 's follows directly. */
  readonly possessive: boolean;
  /** Index of the sentence the token is in. */
  sentence: number;
  /** The interned word (shared by every token with the same text). */
  readonly word: Word;
}

/**
 * A distinct token text. Words are interned across calls, so a repeated word costs no new strings, and rule
 * flags derived from the text alone are computed once per word (`flags`, owned by wordFlags.ts; -1 = not yet).
 */
export interface Word {
  readonly text: string;
  readonly lower: string;
  readonly cap: boolean;
  readonly allCaps: boolean;
  flags: number;
  /** The word's folded name key (`foldName`), filled in by wordFlags.ts (`foldToken`) on first use. */
  folded: string | undefined;
  /** wordTest bits (wordFlags.ts) already answered for this word, and their answers. */
  known: number;
  answers: number;
}

// One class so every token has the same shape (the rules read millions of token fields).
class WordToken implements Token {
  sentence = 0;
  constructor(
    readonly start: number,
    readonly end: number,
    readonly word: Word,
    readonly possessive: boolean,
  ) {}

  // read through the word rather than copied: fewer fields per token means less for the collector to move
  get text(): string {
    return this.word.text;
  }

  get lower(): string {
    return this.word.lower;
  }

  get cap(): boolean {
    return this.word.cap;
  }

  get allCaps(): boolean {
    return this.word.allCaps;
  }
}

// Words are interned across calls (see Word).
const words = new InternTable<Word>((word) => (ascii(word) ? asciiWord(word) : unicodeWord(word)), 1 << 19);

// The token grammar, kept as the reference the scanner below implements: dotted acronyms first ("U.S.",
// "U.N."), then words with inner apostrophes, hyphens and marks.
// /(?:\p{Lu}\.){2,}|[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’\-‐][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*/gu
const PARTICLE_NAME = /^(?:al|el|ad|ar|as|ash|at|az|an|ul|wal)[-‐]\p{Lu}/u;

/** The code point at `i` (a lone surrogate stands for itself, as in a /u regex). */
function codePointAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
  }
  return c;
}

const width = (cp: number): number => (cp >= 0x10000 ? 2 : 1);

/** End of the word that starts at `i` (a letter or number there), following the grammar above. */
function wordEnd(text: string, i: number): number {
  const n = text.length;
  i += width(codePointAt(text, i));
  for (;;) {
    while (i < n) {
      const cp = codePointAt(text, i);
      if ((charClass(cp) & (LETTER | NUMBER | MARK)) === 0) break;
      i += width(cp);
    }
    if (i + 1 >= n) return i;
    const sep = text.charCodeAt(i);
    if (!isWordApostrophe(sep) && !isWordHyphen(sep)) return i;
    const cp = codePointAt(text, i + 1);
    if ((charClass(cp) & (LETTER | NUMBER)) === 0) return i;
    i += 1 + width(cp);
  }
}

/** End of a dotted acronym ("U.S.") at `i`, or -1 when there are fewer than two letter-dot pairs. */
function dottedEnd(text: string, i: number): number {
  const n = text.length;
  let pairs = 0;
  for (;;) {
    if (i >= n) break;
    const cp = codePointAt(text, i);
    const w = width(cp);
    if ((charClass(cp) & UPPER) === 0 || text.charCodeAt(i + w) !== 46) break;
    i += w + 1;
    pairs++;
  }
  return pairs >= 2 ? i : -1;
}

export function tokenize(text: string): Token[] {
  // a long-running process meets ever new words (numbers, typos): start over rather than grow without bound
  words.trim();
  const tokens: Token[] = [];
  const len = text.length;
  let i = 0;
  while (i < len) {
    const c0 = text.charCodeAt(i);
    let cls: number;
    let cp = c0;
    if (c0 < 128) cls = ASCII_CLASS[c0];
    else {
      cp = codePointAt(text, i);
      cls = charClass(cp);
    }
    if ((cls & (LETTER | NUMBER)) === 0) {
      i += width(cp);
      continue;
    }
    const start = i;
    let end = (cls & UPPER) !== 0 && text.charCodeAt(start + width(cp)) === 46 ? dottedEnd(text, start) : -1;
    if (end < 0) end = wordEnd(text, start);
    i = end;
    const n = end - start;
    let wordEndPos = end;
    let possessive = false;
    const last = text.charCodeAt(end - 1);
    const beforeLast = n > 2 ? text.charCodeAt(end - 2) : 0;
    if ((last === 115 || last === 83) && isWordApostrophe(beforeLast)) {
      wordEndPos = end - 2;
      possessive = true;
    } else if ((last === 115 || last === 83) && isWordApostrophe(text.charCodeAt(end)) && !isLetter(text[end + 1])) {
      possessive = true; // plural possessive: "the rebels' spokesman"
    }
    if (possessive && nameInnerPossessive(text, start, wordEndPos, end)) {
      // "People's Defence Force", "Kurdistan Workers' Party": the possessive is a word of the name
      wordEndPos = text.charCodeAt(end) === 39 || text.charCodeAt(end) === 8217 ? end + 1 : end;
      i = wordEndPos;
      possessive = false;
    }
    tokens.push(new WordToken(start, wordEndPos, words.get(text, start, wordEndPos), possessive));
  }
  return tokens;
}

function ascii(word: string): boolean {
  for (let k = 0; k < word.length; k++) if (word.charCodeAt(k) >= 128) return false;
  return true;
}

// allCaps needs at least two characters in the match; a one-letter word ("A", "A's") is never all caps
// either way, so the flag depends on the word alone.

/** Plain ASCII words: case flags from char codes. */
function asciiWord(word: string): Word {
  const n = word.length;
  const first = word.charCodeAt(0);
  const upper = first >= 65 && first <= 90;
  const lower = word.toLowerCase();
  let allCaps = false;
  if (upper && n >= 2) {
    let letters = 0;
    let hasLower = false;
    let digitsAfterFirst = word.length > 1;
    for (let k = 0; k < word.length; k++) {
      const c = word.charCodeAt(k);
      if (c >= 97 && c <= 122) hasLower = true;
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) letters++;
      if (k > 0 && !(c >= 48 && c <= 57)) digitsAfterFirst = false;
    }
    allCaps = !hasLower && (letters >= 2 || digitsAfterFirst);
  }
  const cap = upper || isParticleName(word, lower);
  return { text: word, lower, cap, allCaps, flags: -1, folded: undefined, known: 0, answers: 0 };
}

/** "al-Qaim", "ad-Dawla": a lower-case article particle joined to a capitalised name. */
function isParticleName(word: string, lower: string): boolean {
  return (lower.startsWith('al-') || lower.startsWith('el-') || (lower.length > 3 && lower[2] === '-') || (lower.length > 4 && lower[3] === '-')) && PARTICLE_NAME.test(word);
}

/** Words with non-ASCII characters: case flags by the Unicode case mappings. */
function unicodeWord(word: string): Word {
  const n = word.length;
  const first = word.charCodeAt(0);
  const upper = first < 128 ? first >= 65 && first <= 90 : word[0] !== word[0].toLowerCase();
  const lower = word.toLowerCase();
  let allCaps = false;
  if (upper) {
    const up = word.toUpperCase();
    allCaps = up === word && up !== lower && n >= 2 && (countLetters(word) >= 2 || CAPITAL_DIGITS.test(word));
  }
  const cap = upper || (first < 128 && isParticleName(word, lower));
  return { text: word, lower, cap, allCaps, flags: -1, folded: undefined, known: 0, answers: 0 };
}

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && ch.toLowerCase() !== ch.toUpperCase();
}

function countLetters(word: string): number {
  let n = 0;
  for (const ch of word) if (ch.toLowerCase() !== ch.toUpperCase()) n++;
  return n;
}

/** Index of the first token starting at or after UTF-16 offset `pos` (binary search: tokens are in text order). */
export function firstTokenFrom(tokens: readonly Token[], pos: number): number {
  return firstIndexWhere(tokens.length, (i) => tokens[i].start >= pos);
}

/** Plural nouns whose possessive opens or continues many group names ("People's", "Workers'", "Women's"). */
const NAME_POSSESSIVES = new Set(['People', 'Peoples', 'Workers', 'Women', 'Martyrs', 'Citizens', 'Children', 'Mothers']);

/**
 * Whether the possessive word at start..wordEnd (the word itself; `end` where its "'s" or "s" ends) is one of
 * NAME_POSSESSIVES followed by a space and a capitalised word: a word of a name, not a possessive.
 */
function nameInnerPossessive(text: string, start: number, wordEnd: number, end: number): boolean {
  const plural = wordEnd === end;
  const word = text.slice(start, plural ? end : wordEnd);
  if (!NAME_POSSESSIVES.has(word)) return false;
  const after = plural ? end + 1 : end;
  return text.charCodeAt(after) === 32 && /\p{Lu}/u.test(text[after + 1] ?? '');
}
