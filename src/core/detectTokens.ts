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
    if (/['’]s$/u.test(word) && word.length > 2) {
      word = word.slice(0, -2);
      possessive = true;
    } else if (/s['’]$/u.test(text.slice(m.index, m.index + word.length + 1)) && text[m.index + word.length] !== undefined) {
      possessive = /['’]/u.test(text[m.index + word.length]) && !/\p{L}/u.test(text[m.index + word.length + 1] ?? '');
    }
    const first = word.codePointAt(0) ?? 0;
    const firstChar = String.fromCodePoint(first);
    const upper = firstChar !== firstChar.toLowerCase();
    const letters = word.replace(/[^\p{L}]/gu, '');
    tokens.push({
      start: m.index,
      end: m.index + word.length,
      text: word,
      lower: word.toLowerCase(),
      cap: upper || PARTICLE_NAME.test(word),
      allCaps: letters.length >= 2 ? letters === letters.toUpperCase() && letters !== letters.toLowerCase() : /^\p{Lu}\p{N}+$/u.test(word),
      possessive,
      sentence: 0,
    });
  }
  return tokens;
}

/** The non-word characters between two tokens (or up to `end`). */
export function gapBetween(text: string, a: Token | undefined, b: Token | undefined): string {
  const s = a ? a.end : 0;
  const e = b ? b.start : text.length;
  return text.slice(s, e);
}
