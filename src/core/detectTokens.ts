/**
 * Word tokens for the detection rules: one regex pass over the text, UTF-16 offsets. A possessive "'s" / "’s"
 * is split off so "Al-Qaeda's" yields the name token "Al-Qaeda".
 */

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
}

// Dotted acronyms first ("U.S.", "U.N."), then words with inner apostrophes, hyphens and marks.
const WORD = /(?:\p{Lu}\.){2,}|[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’\-‐][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*/gu;
const PARTICLE_NAME = /^(?:al|el|ad|ar|as|ash|at|az|an|ul)[-‐]\p{Lu}/u;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    let word = m[0];
    let possessive = false;
    const n = word.length;
    const last = word.charCodeAt(n - 1);
    const beforeLast = n > 2 ? word.charCodeAt(n - 2) : 0;
    if ((last === 115 || last === 83) && (beforeLast === 39 || beforeLast === 0x2019)) {
      word = word.slice(0, -2);
      possessive = true;
    } else if ((last === 115 || last === 83) && isApostrophe(text.charCodeAt(m.index + n)) && !isLetter(text[m.index + n + 1])) {
      possessive = true; // plural possessive: "the rebels' spokesman"
    }
    const first = word.charCodeAt(0);
    const upper = first < 128 ? first >= 65 && first <= 90 : word[0] !== word[0].toLowerCase();
    const lower = word.toLowerCase();
    let allCaps = false;
    if (upper) {
      const up = word.toUpperCase();
      allCaps = up === word && up !== lower && n >= 2 && (countLetters(word) >= 2 || /^\p{Lu}\p{N}+$/u.test(word));
    }
    tokens.push({
      start: m.index,
      end: m.index + word.length,
      text: word,
      lower,
      cap: upper || (first < 128 && (lower.startsWith('al-') || lower.startsWith('el-') || (lower.length > 3 && lower[2] === '-') || (lower.length > 4 && lower[3] === '-')) && PARTICLE_NAME.test(word)),
      allCaps,
      possessive,
      sentence: 0,
    });
  }
  return tokens;
}

function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019;
}

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && ch.toLowerCase() !== ch.toUpperCase();
}

function countLetters(word: string): number {
  let n = 0;
  for (const ch of word) if (ch.toLowerCase() !== ch.toUpperCase()) n++;
  return n;
}

/** The non-word characters between two tokens (or up to `end`). */
export function gapBetween(text: string, a: Token | undefined, b: Token | undefined): string {
  const s = a ? a.end : 0;
  const e = b ? b.start : text.length;
  return text.slice(s, e);
}
