/**
 * What the rules ask of a word's text alone, answered once per interned word (`Word.flags`, `Word.folded`)
 * instead of Set lookups, regex tests and folding per token. Each W_ constant is one bit of `wordFlags`.
 */
import { foldName } from '../text/fold';
import { reportingVerb } from './reportingVerbs';
import { CAPITALISED_STOPWORDS, MONTHS_AND_DAYS, NAME_PARTICLES, ORG_HEADS, PERSON_MARKERS, TITLES } from './lexicon';
import type { Token, Word } from './tokenize';

// Unicode-class patterns live at module level: bundled for Node they would otherwise be rebuilt per call.
const LOWER_HYPHEN_TAIL = /[-‐]\p{Ll}+$/u;
const SINGLE_CAPITAL = /^\p{Lu}$/u;
const ARTICLE_NAME = /^(?:al|el)[-‐]\p{Lu}/u;

export const W_NAME = 1; // capitalised, not a month or day
export const W_STOP = 2; // CAPITALISED_STOPWORDS
export const W_LOWER_HYPHEN_TAIL = 4; // "Qaeda-linked"
export const W_SINGLE_CAPITAL = 8;
export const W_TITLE = 16;
export const W_ORG_HEAD = 32;
export const W_NAME_INNER = 64;
export const W_CUE = 128; // a reporting verb in lower case or capitalised
export const W_CONNECTOR = 256; // of, for, the, and
export const W_NAME_LINK = 512; // connectors inside capitalised sequences
export const W_PARTICLE = 1024; // marks a person's name: "Abu", "al-Assad", "Abdel-Aziz"
export const W_NAME_PARTICLE = 2048; // NAME_PARTICLES or PERSON_MARKERS, by lower case

const CONNECTORS = new Set(['of', 'for', 'the', 'and']);
/** Capitalised stopwords that still sit inside names ("Human Rights Watch", "Washington Post"). */
const NAME_INNER_WORDS = new Set(['Watch', 'Post', 'Update', 'Video', 'Comment', 'Photo', 'Note']);
const NAME_LINKS = new Set(['of', 'for', 'the', 'and', 'al', 'el', 'bin', 'ibn', 'de', 'du', 'van', 'von', 'der', 'la', 'le']);

/** The W_ bits of a token's word, computed on first use. */
export function wordFlags(t: Token): number {
  const w = t.word;
  if (w.flags >= 0) return w.flags;
  let f = 0;
  if (w.cap && !MONTHS_AND_DAYS.has(w.text)) f |= W_NAME;
  if (CAPITALISED_STOPWORDS.has(w.text)) f |= W_STOP;
  if (LOWER_HYPHEN_TAIL.test(w.text)) f |= W_LOWER_HYPHEN_TAIL;
  if (SINGLE_CAPITAL.test(w.text)) f |= W_SINGLE_CAPITAL;
  if (TITLES.has(w.lower)) f |= W_TITLE;
  if (ORG_HEADS.has(w.text)) f |= W_ORG_HEAD;
  if (NAME_INNER_WORDS.has(w.text)) f |= W_NAME_INNER;
  if (reportingVerb(w.lower) !== undefined && (w.text === w.lower || w.cap)) f |= W_CUE;
  if (CONNECTORS.has(w.text)) f |= W_CONNECTOR;
  if (NAME_LINKS.has(w.text)) f |= W_NAME_LINK;
  if (NAME_PARTICLES.has(w.lower) || PERSON_MARKERS.has(w.lower)) f |= W_NAME_PARTICLE;
  if (PERSON_MARKERS.has(w.lower) || ARTICLE_NAME.test(w.text) || w.lower === 'al' || /^(?:abdel|abdul|abd|abu)[-‐]/iu.test(w.text)) f |= W_PARTICLE;
  w.flags = f;
  return f;
}

export const isNameToken = (t: Token): boolean => (wordFlags(t) & W_NAME) !== 0;
export const isTitle = (t: Token): boolean => (wordFlags(t) & W_TITLE) !== 0;
export const isStopword = (t: Token): boolean => (wordFlags(t) & W_STOP) !== 0;

export function isCueToken(t: Token | undefined): boolean {
  return t !== undefined && (wordFlags(t) & W_CUE) !== 0;
}

let testBits = 0;

/**
 * A rule's own test of a token's word alone, answered once per interned word and then read from a bit of it
 * (like the W_ flags, for tests that belong to one rule's lexicon). At most 32 tests.
 */
export function wordTest(test: (w: Word) => boolean): (t: Token) => boolean {
  if (testBits >= 32) throw new Error('wordTest: more than 32 word tests');
  const bit = 1 << testBits++;
  return (t) => {
    const w = t.word;
    if ((w.known & bit) !== 0) return (w.answers & bit) !== 0;
    const yes = test(w);
    w.known |= bit;
    if (yes) w.answers |= bit;
    return yes;
  };
}

/** foldName for one token, without Unicode decomposition when the token is plain ASCII letters; kept on the shared word. */
export function foldToken(t: Token): string {
  const w = t.word;
  if (w.folded === undefined) w.folded = /^[a-z0-9]+$/.test(w.lower) ? w.lower : foldName(w.text);
  return w.folded;
}
