/**
 * Character classes shared by the detection tokenizer, the gazetteer's word scanner and name folding, each
 * defined once here: the Unicode letter/number/mark classes of a code point, apostrophes and hyphens.
 *
 * The apostrophe and hyphen sets are nested on purpose, and each user takes the set it needs:
 * - in a word of running text (tokenizer) ' and ’ join parts ("Qa’im") and mark a possessive;
 * - a gazetteer word also joins over ʿ (ayin) and ʾ (hamza) of transliterated names ("Qaʿim");
 * - folding (the name comparison key) removes those and the look-alikes ` and ‘ as well.
 * Char-code tests are written out as comparisons (they run per character); the strings say the same and a
 * unit test keeps both in step.
 */

/** Apostrophes inside a word of running text and before a possessive s. */
export const WORD_APOSTROPHES = "'’";
/** WORD_APOSTROPHES plus the modifier letters ʿ ʾ used as apostrophes in transliterated names. */
export const NAME_APOSTROPHES = `${WORD_APOSTROPHES}ʿʾ`;
/** NAME_APOSTROPHES plus ` and ‘, typed for an apostrophe: every mark name folding drops. */
export const FOLDED_APOSTROPHES = `${NAME_APOSTROPHES}\`‘`;

/** Hyphens inside a word of running text ("al-Qaim"): hyphen-minus and U+2010. */
export const WORD_HYPHENS = '-‐';
/** WORD_HYPHENS plus the en dash: what may join two words of one gazetteer alias. */
export const NAME_DASHES = `${WORD_HYPHENS}–`;

export const isWordApostrophe = (c: number): boolean => c === 39 || c === 0x2019;
export const isNameApostrophe = (c: number): boolean => c === 39 || c === 0x2019 || c === 0x2bf || c === 0x2be;
export const isWordHyphen = (c: number): boolean => c === 45 || c === 0x2010;
export const isNameDash = (c: number): boolean => c === 45 || c === 0x2010 || c === 0x2013;

/** Every character of FOLDED_APOSTROPHES, for `replace`. */
export const FOLDED_APOSTROPHE = new RegExp(`[${FOLDED_APOSTROPHES}]`, 'gu');
/** The characters folding turns into spaces: word hyphens, underscore and dot. */
export const FOLDED_SEPARATOR = new RegExp(`[${WORD_HYPHENS}_.]`, 'gu');

// Unicode classes of a code point as bits.
export const LETTER = 1;
export const UPPER = 2;
export const NUMBER = 4;
export const MARK = 8;

const RE_L = /\p{L}/u;
const RE_LU = /\p{Lu}/u;
const RE_N = /\p{N}/u;
const RE_M = /\p{M}/u;

function classifyChar(ch: string): number {
  let c = 0;
  if (RE_L.test(ch)) c |= LETTER;
  if (RE_LU.test(ch)) c |= UPPER;
  if (RE_N.test(ch)) c |= NUMBER;
  if (RE_M.test(ch)) c |= MARK;
  return c;
}

/** Class bits of the ASCII characters, for loops that test char codes below 128 inline. */
export const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_CLASS[c] = classifyChar(String.fromCharCode(c));

// BMP class bits, filled on first sight (most texts use a few hundred distinct characters)
const BMP_CLASS = new Uint8Array(0x10000);
const BMP_KNOWN = new Uint8Array(0x10000);

/** Class bits of the code point `cp`; lone surrogates belong to no class (astral code points are classified each time: they are rare). */
export function charClass(cp: number): number {
  if (cp < 128) return ASCII_CLASS[cp];
  if (cp < 0x10000) {
    if (BMP_KNOWN[cp] === 0) {
      BMP_CLASS[cp] = cp >= 0xd800 && cp <= 0xdfff ? 0 : classifyChar(String.fromCharCode(cp));
      BMP_KNOWN[cp] = 1;
    }
    return BMP_CLASS[cp];
  }
  return classifyChar(String.fromCodePoint(cp));
}
