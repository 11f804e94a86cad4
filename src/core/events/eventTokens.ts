/**
 * The view of one sentence that event rules read: words and punctuation with UTF-16 offsets into the whole text,
 * lower-cased, each linked to the detected mention that covers it. Built only for sentences that hold a trigger.
 */
import type { MentionLabel } from '../model';
import { firstIndexWhere } from '../text/binarySearch';
import { InternTable } from '../text/internTable';
import type { Party } from './eventRoles';

export interface Tok {
  /** UTF-16 offsets into the whole text. */
  s: number;
  e: number;
  text: string;
  lower: string;
  /** Punctuation rather than a word. */
  punct: boolean;
  /** Index into the sentence's mention list, -1 when no mention covers the token. */
  mention: number;
  /** The interned word, shared by every token with the same text (holds the answers of wordTest). */
  word: EventWord;
}

/** A detected mention in UTF-16 offsets, with what event rules need to know about it. */
export interface MentionRef {
  s: number;
  e: number;
  label: MentionLabel;
  text: string;
  entity?: string;
  /** Code point offsets, to point back at the mention. */
  cpStart: number;
  cpEnd: number;
  /** Part of an attribution's source: a speaker, not a party to the event. */
  speaker: boolean;
  /** Inside the dateline ("KABUL, Afghanistan, Oct. 3 (AP) -"). */
  dateline: boolean;
}

export interface SentenceView {
  /** UTF-16 range of the sentence. */
  s: number;
  e: number;
  toks: Tok[];
  /** Mentions inside the sentence, by start. */
  mentions: MentionRef[];
  /** Token range of each mention (end exclusive), by mention index. */
  mT0: number[];
  mT1: number[];
  /** Per-sentence memo of rule results (keyed by the rule), so repeated look-ups stay cheap. */
  memo: Map<string, unknown>;
  /** Parties found at a token, keyed by token index and look-up flags (partyAt): numbers, so a look-up allocates nothing. */
  parties: Map<number, Party | undefined>;
}


const OTHER_WORD_CHAR = /[\p{L}\p{N}]/u;
const UPPER = /\p{Lu}/u;

function isWordChar(c: number, text: string, i: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return OTHER_WORD_CHAR.test(text[i]);
}

function isUpper(c: number, text: string, i: number): boolean {
  if (c < 128) return c >= 65 && c <= 90;
  return UPPER.test(text[i]);
}

/**
 * Word and punctuation tokens of text[s, e): words keep inner apostrophes, hyphens and digit-group commas
 * ("Sudan's", "el-Fasher", "1,160") and the dots of initials ("U.S.", "U.S"), but "control.ISIS" is two words.
 * A scan by character code: this runs on every sentence that may hold an event.
 */
function tokensOf(text: string, s: number, e: number, push: (ts: number, te: number) => void): void {
  let i = s;
  while (i < e) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0) {
      i++;
      continue;
    }
    if (!isWordChar(c, text, i)) {
      // one code unit, or a whole surrogate pair
      const n = c >= 0xd800 && c <= 0xdbff && i + 1 < e ? 2 : 1;
      push(i, i + n);
      i += n;
      continue;
    }
    const start = i;
    // dotted initials: "U.S.", "U.N."
    if (isUpper(c, text, i) && text.charCodeAt(i + 1) === 46 && i + 2 < e && isUpper(text.charCodeAt(i + 2), text, i + 2) && text.charCodeAt(i + 3) === 46) {
      let j = i;
      while (j + 1 < e && isUpper(text.charCodeAt(j), text, j) && text.charCodeAt(j + 1) === 46) j += 2;
      if (j >= e || !isWordChar(text.charCodeAt(j), text, j)) {
        push(start, j);
        i = j;
        continue;
      }
    }
    i++;
    for (;;) {
      while (i < e && isWordChar(text.charCodeAt(i), text, i)) i++;
      const d = text.charCodeAt(i);
      const joiner = d === 0x2019 || d === 39 || d === 0x2010 || d === 45 || d === 44 || (d === 46 && isUpper(text.charCodeAt(i - 1), text, i - 1)) || (d === 46 && text.charCodeAt(i - 1) >= 48 && text.charCodeAt(i - 1) <= 57);
      if (joiner && i + 1 < e && isWordChar(text.charCodeAt(i + 1), text, i + 1)) {
        i++;
        continue;
      }
      break;
    }
    push(start, i);
  }
}

export interface EventWord {
  readonly text: string;
  readonly lower: string;
  readonly punct: boolean;
  /** wordTest bits already answered for this word, and their answers. */
  known: number;
  answers: number;
}

/** Token texts interned across sentences and documents: a repeated word costs no new strings (see InternTable). */
const words = new InternTable<EventWord>((w) => ({ text: w, lower: w.toLowerCase(), punct: !isWordChar(w.charCodeAt(0), w, 0), known: 0, answers: 0 }), 1 << 19);

let testBits = 0;

/**
 * A test of a token's word alone (its text and lower case), answered once per interned word and then read from
 * a bit of it: the rules ask the same lexicon questions of the same words in every sentence, and a bit on the
 * word costs less than a Set or regex look-up each time. At most 32 tests.
 */
export function wordTest(test: (lower: string, text: string) => boolean): (t: Tok) => boolean {
  if (testBits >= 32) throw new Error('wordTest: more than 32 word tests');
  const bit = 1 << testBits++;
  return (t) => {
    const w = t.word;
    if ((w.known & bit) !== 0) return (w.answers & bit) !== 0;
    const yes = test(w.lower, w.text);
    w.known |= bit;
    if (yes) w.answers |= bit;
    return yes;
  };
}

export function sentenceView(text: string, s: number, e: number, mentions: readonly MentionRef[], firstMention: number): SentenceView {
  const inside: MentionRef[] = [];
  for (let i = firstMention; i < mentions.length && mentions[i].s < e; i++) if (mentions[i].s >= s) inside.push(mentions[i]);
  const toks: Tok[] = [];
  let k = 0;
  words.trim();
  tokensOf(text, s, e, (ts, te) => {
    const w = words.get(text, ts, te);
    while (k < inside.length && inside[k].e <= ts) k++;
    const mention = k < inside.length && inside[k].s <= ts && ts < inside[k].e ? k : -1;
    toks.push({ s: ts, e: te, text: w.text, lower: w.lower, punct: w.punct, mention, word: w });
  });
  // plain arrays: a typed one per sentence would get an off-heap store, dearer to make and collect
  const mT0 = new Array<number>(inside.length).fill(toks.length);
  const mT1 = new Array<number>(inside.length).fill(toks.length);
  for (let t = toks.length - 1; t >= 0; t--) {
    const k = toks[t].mention;
    if (k < 0) continue;
    mT0[k] = t;
    if (mT1[k] === toks.length) mT1[k] = t + 1;
  }
  // a mention that starts inside a token ("al-Qaeda's" covers "al-Qaeda") starts at the token after
  for (let k = 0; k < inside.length; k++) {
    if (mT0[k] !== toks.length) continue;
    let t = 0;
    while (t < toks.length && toks[t].s < inside[k].s) t++;
    mT0[k] = t;
    let u = t;
    while (u < toks.length && toks[u].s < inside[k].e) u++;
    mT1[k] = u;
  }
  return { s, e, toks, mentions: inside, mT0, mT1, memo: new Map(), parties: new Map() };
}

/** First index in `mentions` (sorted by start) whose start is at or after `pos`. */
export function firstMentionFrom(mentions: readonly MentionRef[], pos: number): number {
  return firstIndexWhere(mentions.length, (i) => mentions[i].s >= pos);
}
