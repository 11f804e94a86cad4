/**
 * The view of one sentence that event rules read: words and punctuation with UTF-16 offsets into the whole text,
 * lower-cased, each linked to the detected mention that covers it. Built only for sentences that hold a trigger.
 */
import type { MentionLabel } from '../model';

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
}

/** Words keep inner apostrophes, hyphens and digit-group commas ("Sudan's", "el-Fasher", "1,160"), and dotted initials ("U.S."); "control.ISIS" is two words. */
const TOKEN = /(?:\p{Lu}\.){2,}(?![\p{L}\p{N}])|[\p{L}\p{N}]+(?:[’'‐\-,][\p{L}\p{N}]+|(?<=[\p{Lu}\p{N}])\.[\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;

export function sentenceView(text: string, s: number, e: number, mentions: readonly MentionRef[], firstMention: number): SentenceView {
  const inside: MentionRef[] = [];
  for (let i = firstMention; i < mentions.length && mentions[i].s < e; i++) if (mentions[i].s >= s) inside.push(mentions[i]);
  const toks: Tok[] = [];
  const part = text.slice(s, e);
  TOKEN.lastIndex = 0;
  let k = 0;
  for (let m = TOKEN.exec(part); m; m = TOKEN.exec(part)) {
    const w = m[0];
    const ts = s + m.index;
    const te = ts + w.length;
    while (k < inside.length && inside[k].e <= ts) k++;
    const mention = k < inside.length && inside[k].s <= ts && ts < inside[k].e ? k : -1;
    const punct = !/[\p{L}\p{N}]/u.test(w[0]);
    toks.push({ s: ts, e: te, text: w, lower: w.toLowerCase(), punct, mention });
  }
  return { s, e, toks, mentions: inside };
}

/** First index in `mentions` (sorted by start) whose start is at or after `pos`. */
export function firstMentionFrom(mentions: readonly MentionRef[], pos: number): number {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (mentions[mid].s < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
