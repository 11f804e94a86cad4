/**
 * Attribution detection (PARC model: cue, source, content) over the tokens and mentions found by detect.ts.
 * Patterns: `SOURCE VERB`, `VERB SOURCE` after a quote or comma ("…, said Observatory director Rami Abdel
 * Rahman"), `according to SOURCE`, appositions and relative clauses between source and verb, coordinated verbs
 * ("… and accused"), participles (", saying: …"), pronoun sources resolved to the previous named speaker.
 */
import type { DetectedAttribution, Span } from '../model';
import { firstIndexWhere } from '../text/binarySearch';
import type { TextIndex } from '../text/textIndex';
import { firstTokenFrom, type Token } from './tokenize';
import type { MentionCandidate } from './types';
import { REPORT_NOUNS, isVerbOnly, reportingVerb } from './reportingVerbs';
import { isCueToken, wordTest } from './wordFlags';
import { ANONYMITY_MARKERS, ANONYMOUS_HEADS, CUE_ADVERBS, MONTHS_AND_DAYS, PRONOUNS } from './lexicon';

// Unicode-class patterns live at module level: bundled for Node they would otherwise be rebuilt per call.
const LINKED_AFTER = /^[-‐](?:linked|affiliated|allied|aligned|backed|inspired|sponsored|supported|funded|trained)\b/;
const LINE_WORD = /\p{L}[\p{L}'’-]*/gu;
const QUOTE_OPENING = /^(?:\s*(?:that|:|,)?\s*|\s+[\p{L}\s.]{0,40}?\bthat\s*)([“"«])/u;
const STARTS_CAPITAL = /^\p{Lu}/u;
const POSSESSIVE_GAP = /^['’]s? +$/u;
const FIRST_WORD = /^\p{L}+/u;
const reportNoun = wordTest((w) => REPORT_NOUNS.has(w.lower));
/** Whether a cue can start at the word: "according", a report noun or a reporting verb (isCueToken); most words are none. */
const mayOpenCue = wordTest((w) => w.lower === 'according' || REPORT_NOUNS.has(w.lower) || (reportingVerb(w.lower) !== undefined && (w.text === w.lower || w.cap)));
const STARTS_LOWER = /^\p{Ll}/u;
const LAST_WORD = /(\p{L}+)\W*$/u;

interface Range {
  start: number;
  end: number;
}

const NOUN_MARKERS = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'its', 'his', 'her', 'their', 'our', 'my', 'your', 'no', 'any', 'some', 'such', 'for', 'of', 'in', 'with', 'without', 'by', 'to', 'after']);
const LEFT_STOP = new Set([
  'that', 'which', 'who', 'whom', 'whose', 'when', 'while', 'as', 'because', 'but', 'if', 'though', 'although', 'since',
  'is', 'are', 'was', 'were', 'be', 'been', 'being', 'will', 'would', 'could', 'should', 'may', 'might', 'must', 'can',
  'than', 'then', 'where', 'so', 'not', 'did', 'does', 'do',
]);
const LEADING_CONNECTORS = new Set(['but', 'and', 'meanwhile', 'separately', 'however', 'so', 'yet', 'now', 'also', 'still', 'later', 'earlier', 'then']);
const CLAUSE_OPENERS = new Set(['who', 'which', 'whose', 'speaking', 'asking', 'using', 'citing', 'including', 'known', 'according', 'quoted', 'writing', 'adding']);
const CLOSE_QUOTES = new Set(['”', '"', '»', '“']);
/** Verbs that put the speaker after them ("…, said X", "…, added X"); others take an object there. */
const INVERSION_LEMMAS = new Set(['say', 'add', 'write', 'warn', 'explain', 'note', 'insist', 'reply', 'recall', 'claim', 'declare', 'ask', 'complain', 'stress', 'observe', 'argue', 'continue', 'tweet', 'report', 'state', 'concede', 'admit', 'predict', 'suggest', 'conclude', 'acknowledge', 'confirm']);
const MAX_QUOTE = 3000;
const PASSIVE_AUX = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being']);
const INSTITUTION_NOUNS = new Set(['ministry', 'government', 'army', 'military', 'police', 'presidency', 'parliament', 'cabinet', 'embassy', 'junta', 'administration', 'navy', 'gendarmerie']);
/** "the group said", "its agency reported": an organisation named before speaks again. */
const ANAPHORIC_ORG_NOUNS = new Set(['group', 'organisation', 'organization', 'movement', 'network', 'alliance', 'coalition', 'militia', 'agency', 'office', 'committee', 'council', 'mission', 'party', 'company', 'outlet']);
const INSTITUTION_HEADS = /\b(?:army|government|ministry|military|police|forces|force|authorities)$/i;

/**
 * LAST_WORD's group, with the regex run only on the tail that can hold the match: unanchored, it would be
 * tried at every position of a long source. A match ends in the trailing run of non-word characters (\W is
 * ASCII-only here), so it starts in the letters right before that run or inside it; an ASCII non-letter
 * before those bounds the search.
 */
function lastWord(s: string): string {
  let z = s.length;
  while (z > 0 && !isAsciiWordChar(s.charCodeAt(z - 1))) z--;
  let from = z;
  while (from > 0) {
    const c = s.charCodeAt(from - 1);
    if (c < 128 && !((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) break;
    from--;
  }
  return LAST_WORD.exec(from > 0 ? s.slice(from) : s)?.[1] ?? '';
}

function isAsciiWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

const IRREGULAR_PAST = new Set(['said', 'told', 'wrote', 'spoke', 'thought', 'swore', 'gave', 'found', 'felt', 'forecast', 'broadcast', 'undertook', 'made']);

/** Words after which a noun-like verb form is a verb ("they protest", "to estimate", "also stress"). */
const SUBJECT_BEFORE = /^(?:i|we|you|they|to|will|would|could|can|may|might|must|should|shall|did|do|does|also|not|often|still|now|and|who)$/;

/** Lemmas whose to-infinitive carries what is reported ("pledged to derail", "promised not to dissolve"). */
const CHARGE_NOUNS = new Set(['charge', 'claim', 'accusation', 'allegation', 'assertion', 'account', 'version', 'figure', 'toll', 'allegations', 'accusations', 'charges', 'claims']);
const AFTER_PREPOSITION = new Set(['at', 'of', 'for', 'with', 'against', 'among', 'from', 'into', 'about', 'toward', 'towards', 'over']);
const NO_ANSWER_LEMMAS = new Set(['respond', 'reply', 'comment', 'answer']);
const TO_LEMMAS = new Set(['promise', 'pledge', 'vow', 'swear', 'threaten', 'agree', 'expect', 'hope', 'undertake', 'commit', 'guarantee', 'claim', 'urge', 'appeal', 'advocate', 'propose', 'offer', 'fear']);

/**
 * Whether token i is a reporting cue; returns the index of the cue's last token (the particle of "called for",
 * the object of "expressed deep concern"), or -1.
 */
function cueEnd(tokens: Token[], i: number, text: string): number {
  const t = tokens[i];
  if (!isCueToken(t)) return -1;
  const verb = reportingVerb(t.lower);
  if (!verb) return -1;
  // a capitalised form reports only in a headline written in title case: its neighbours are capitalised too
  if (t.text !== t.lower && !(t.cap && (tokens[i - 1]?.cap || tokens[i + 1]?.cap) && isTitleCaseLine(text, t))) return -1;
  const prev = tokens[i - 1];
  // "the claims", "a report" are nouns; "to denounce" and "some called for" are verbs
  const baseForm = !/(?:s|ed|ing)$/.test(t.lower) && !IRREGULAR_PAST.has(t.lower);
  const verbAfterMarker = (prev?.lower === 'to' && baseForm) || (['some', 'these', 'those', 'others'].includes(prev?.lower ?? '') && !baseForm && !/s$/.test(t.lower));
  if (prev && prev.sentence === t.sentence && NOUN_MARKERS.has(prev.lower) && !verbAfterMarker && /^\s+$/.test(text.slice(prev.end, t.start))) return -1;
  // "could not verify the battlefield reports.": a plural that ends its sentence after a determiner is a noun
  if ((t.lower === 'reports' || t.lower === 'claims') && tokens[i + 1]?.sentence !== t.sentence) {
    for (let k = i - 1; k >= Math.max(0, i - 3) && tokens[k].sentence === t.sentence && tokens[k].text === tokens[k].lower; k--) if (NOUN_MARKERS.has(tokens[k].lower)) return -1;
  }
  // "fired at suspects who threw rocks", "looked into claims": after a preposition a form that can be a noun is one
  if (prev && prev.sentence === t.sentence && AFTER_PREPOSITION.has(prev.lower) && !isVerbOnly(t.lower)) return -1;
  // "the conflict has claimed more than 6,000 lives": a toll, no claim
  if (verb.lemma === 'claim' && /^(?:lives|the|more|at|over|some|about|nearly|thousands|hundreds|dozens|\d[\d,.]*)$/.test(tokens[i + 1]?.lower ?? '')) {
    for (let q = i + 1; q < tokens.length && q <= i + 5 && tokens[q].sentence === t.sentence; q++) if (/^lives?$/.test(tokens[q].lower)) return -1;
  }
  // "a suspected commander accused of organizing the attack": the one accused, who says nothing
  // ("the group, which he accused of violating a ceasefire": a subject pronoun before it accuses)
  if (verb.lemma === 'accuse' && tokens[i + 1]?.lower === 'of' && tokens[i + 1].sentence === t.sentence && !/^(?:he|she|they|it|we|i|you)$/.test(prev?.lower ?? '')) return -1;
  // "residents protested in Goma against …": a demonstration; "the Kremlin protested the detention" speaks
  if (verb.lemma === 'protest' && /^(?:in|at|outside|near|across|through|along|on|against|for)$/.test(tokens[i + 1]?.lower ?? '')) return -1;
  // "blocked a highway to protest the killing": what a crowd came out for, no words reported
  if (verb.lemma === 'protest' && prev?.lower === 'to' && !contentFollows(tokens, i, text, verb.lemma)) return -1;
  // "did not (immediately) respond to a request for comment": no word was said
  if (NO_ANSWER_LEMMAS.has(verb.lemma)) {
    let n = i - 1;
    while (n >= 0 && /ly$/.test(tokens[n].lower) && tokens[n].sentence === t.sentence) n--;
    if (n >= 0 && tokens[n].sentence === t.sentence && /^(?:not|never)$|n['’]t$/.test(tokens[n].lower)) return -1;
  }
  // passive "are seriously threatened", "was reported": no speaker
  let k = i - 1;
  while (k >= 0 && /ly$/.test(tokens[k].lower) && tokens[k].sentence === t.sentence) k--;
  // (not "allegiance to IS, said X": an acronym across a comma)
  if (k >= 0 && k < i && PASSIVE_AUX.has(tokens[k].lower) && tokens[k].text === tokens[k].lower && onlySpaces(text.slice(tokens[k].end, tokens[k + 1].start)) && /(?:ed|en|told|said|thought)$/.test(t.lower) && !agentAfter(tokens, i, text)) return -1;
  let end = i;
  if (verb.particles) {
    let p = i + 1;
    if (tokens[p] && /ly$/.test(tokens[p].lower) && !verb.particles.has(tokens[p].lower)) p++;
    const particle = tokens[p];
    if (!particle || particle.sentence !== t.sentence || !verb.particles.has(particle.lower) || !onlySpaces(text.slice(tokens[p - 1].end, particle.start))) return -1;
    end = p;
  } else if (verb.objects) {
    let found = -1;
    for (let q = i + 1; q < tokens.length && q <= i + 4 && tokens[q].sentence === t.sentence; q++) {
      if (verb.objects.has(tokens[q].lower)) {
        found = q;
        break;
      }
    }
    if (found < 0) return -1;
    end = found;
  }
  if (verb.strength === 'weak' && !contentFollows(tokens, i, text, verb.lemma)) return -1;
  // "officials estimate", "they protest" report; "mass protest", "post-traumatic stress" do not
  if (verb.homograph && !(prev && prev.sentence === t.sentence && SUBJECT_BEFORE.test(prev.lower) || (prev && prev.sentence === t.sentence && (ANONYMOUS_HEADS.has(prev.lower) || prev.cap))) && !contentFollows(tokens, i, text, verb.lemma)) return -1;
  return end;
}

/** A that-clause, a colon or quotation, or (for promise-like verbs) a to-infinitive follows the verb at i. */
function contentFollows(tokens: Token[], i: number, text: string, lemma: string): boolean {
  const t = tokens[i];
  const after = text.slice(t.end, t.end + 12);
  if (/^\s*(?:that\b|[:“"«])/.test(after)) return true;
  let q = i + 1;
  if (tokens[q]?.lower === 'not' || /ly$/.test(tokens[q]?.lower ?? '')) q++;
  if (TO_LEMMAS.has(lemma) && tokens[q]?.lower === 'to' && tokens[q].sentence === t.sentence) return true;
  // "sources expect the operation "within the next week"": a quotation a few words on
  const window = text.slice(t.end, t.end + 40);
  const stop = window.search(/[.!?;]/);
  const quote = window.search(/[“"«]/);
  return quote >= 0 && (stop < 0 || quote < stop);
}

/** "dismissed as a sham by Ukraine": a by-agent a few words after a passive cue names the source. */
function agentAfter(tokens: Token[], i: number, text: string): boolean {
  void text;
  return agentIndex(tokens, i) >= 0;
}

/** The phrase after "by": a determiner and capitalised words ("by the Taliban", "by Ukraine and the West"). */
function agentPhrase(tokens: Token[], text: string, by: number): [number, number] | undefined {
  let k = by + 1;
  let last = -1;
  while (k < tokens.length && k <= by + 8 && tokens[k].sentence === tokens[by].sentence && onlySpaces(text.slice(tokens[k - 1].end, tokens[k].start))) {
    const t = tokens[k];
    if (t.cap) last = k;
    else if (!['the', 'and', 'of'].includes(t.lower)) break;
    k++;
  }
  return last > by ? [by + 1, last] : undefined;
}

/** Index of the "by" of a by-agent ("by Ukraine", "by the army") within six words after token i, or -1. */
function agentIndex(tokens: Token[], i: number): number {
  for (let q = i + 1; q < tokens.length && q <= i + 6 && tokens[q].sentence === tokens[i].sentence; q++) {
    if (tokens[q].lower === 'by') return tokens[q + 1] !== undefined && (tokens[q + 1].cap || tokens[q + 1].lower === 'the') ? q : -1;
  }
  return -1;
}

function isTitleCaseLine(text: string, t: Token): boolean {
  const ls = lineStart(text, t.start, 300);
  const le = lineEnd(text, t.end, 300);
  const words = text.slice(ls, le).match(LINE_WORD) ?? [];
  if (words.length < 3) return false;
  const caps = words.filter((w) => STARTS_CAPITAL.test(w)).length;
  return caps / words.length >= 0.6;
}

/** Start of the line containing `pos`, looking back at most `max` characters (text without newlines stays linear). */
function lineStart(text: string, pos: number, max: number): number {
  const floor = Math.max(0, pos - max);
  for (let k = pos - 1; k >= floor; k--) if (text.charCodeAt(k) === 10) return k + 1;
  return floor;
}

function lineEnd(text: string, pos: number, max: number): number {
  const ceiling = Math.min(text.length, pos + max);
  for (let k = pos; k < ceiling; k++) if (text.charCodeAt(k) === 10) return k;
  return ceiling;
}

function onlySpaces(s: string): boolean {
  return /^[ \u00a0]+$/.test(s);
}

/** Words that join a noun phrase to an earlier one ("a spokesman for the group", "the army and the police"). */
const NP_JOINERS = new Set(['of', 'for', 'and', 'or', 'in', 'at', 'from', 'with', 'on', 'to', 'near', 'inside', 'outside', 'within', 'across', 'around', 'among', 'by']);

/** Walks left from token `i` (inclusive) over a noun phrase; returns [first, last] token indexes or undefined. */
function nounPhraseLeft(tokens: Token[], text: string, i: number, limit: number, articleOpens = false): [number, number] | undefined {
  if (i < 0 || i < limit) return undefined;
  let k = i;
  let first = i;
  if (LEFT_STOP.has(tokens[i].lower)) return undefined;
  while (k - 1 >= limit && i - k < 15) {
    const prev = tokens[k - 1];
    // "the ombudsman's office": a possessive stays inside the phrase
    if (prev.sentence !== tokens[i].sentence || !(onlySpaces(text.slice(prev.end, tokens[k].start)) || (prev.possessive && POSSESSIVE_GAP.test(text.slice(prev.end, tokens[k].start))))) break;
    if (LEFT_STOP.has(prev.lower) || reportingVerb(prev.lower) && prev.text === prev.lower && prev.lower !== 'report') break;
    // "attacks on shipping the group says is …": an article opens the phrase unless a word joins it to more
    if (articleOpens && /^(?:the|a|an)$/.test(tokens[k].lower) && prev.text === prev.lower && !prev.possessive && !NP_JOINERS.has(prev.lower)) break;
    k--;
    first = k;
  }
  while (first < i && LEADING_CONNECTORS.has(tokens[first].lower)) first++;
  return [first, i];
}

/** Noun phrase right after a cue up to a comma or full stop: "said [an American official], who …". */
function nounPhraseRight(tokens: Token[], text: string, i: number, sentenceEnd: number): [number, number] | undefined {
  const first = i + 1;
  if (first >= tokens.length || tokens[first].sentence !== tokens[i].sentence) return undefined;
  if (!onlySpaces(text.slice(tokens[i].end, tokens[first].start))) return undefined;
  const f = tokens[first];
  if (['on', 'in', 'at', 'that', 'to', 'it', 'this', 'last', 'late', 'early', 'earlier', 'later', 'yesterday', 'today'].includes(f.lower)) return undefined;
  if (MONTHS_AND_DAYS.has(f.text)) return undefined;
  let k = first;
  while (k - first < 10) {
    const next = tokens[k + 1];
    const g = next ? text.slice(tokens[k].end, next.start) : text.slice(tokens[k].end, sentenceEnd);
    if (!next || next.sentence !== f.sentence || /^[,.;:!?)\]”"’]/.test(g)) return [first, k];
    if (!onlySpaces(g) && g !== '. ') return undefined;
    // "says a cabinet minister who refused to be named": the relative clause stays outside
    if ((next.lower === 'who' || next.lower === 'whose') && k > first) return [first, k];
    // "according to a doctor at the local hospital who spoke on condition of anonymity": the noun, its place aside
    if ((next.lower === 'at' || next.lower === 'in') && k > first && ANONYMOUS_HEADS.has(tokens[k].lower) && !(next.lower === 'in' && STARTS_CAPITAL.test(tokens[k + 2]?.text ?? ''))) return [first, k];
    if (['that', 'were', 'was', 'is', 'are', 'had', 'has', 'would', 'will', 'on', 'in', 'at'].includes(next.lower) && !(next.lower === 'in' && STARTS_CAPITAL.test(tokens[k + 2]?.text ?? ''))) return undefined;
    k++;
  }
  return undefined;
}

function quoteBefore(text: string, pos: number): boolean {
  // closing quote right before pos, allowing ", " or "," between
  const s = text.slice(Math.max(0, pos - 4), pos);
  return /[”"»’][,.]?\s*$|[,.][”"»’]\s*$/.test(s);
}

/** The quotation that ends just before `pos`: from its opening mark (or the paragraph start) to the closing mark. */
function quotationEndingAt(text: string, pos: number): Range | undefined {
  let e = pos;
  while (e > 0 && /[\s,]/.test(text[e - 1])) e--;
  if (!CLOSE_QUOTES.has(text[e - 1]) && text[e - 1] !== '’') return undefined;
  const close = e - 1;
  let contentEnd = close;
  while (contentEnd > 0 && /[,]/.test(text[contentEnd - 1])) contentEnd--;
  // quotations longer than a few paragraphs are not looked for, which keeps the scan bounded
  const floor = Math.max(0, close - MAX_QUOTE);
  const para = lineStart(text, close, close - floor);
  let open = -1;
  for (let k = close - 1; k >= para; k--) {
    if (text[k] === '“' || text[k] === '"' || text[k] === '«' || text[k] === '„') {
      open = k;
      break;
    }
  }
  let s = open >= 0 ? open + 1 : para;
  while (s < contentEnd && /\s/.test(text[s])) s++;
  return contentEnd > s ? { start: s, end: contentEnd } : undefined;
}

/** The quotation that opens right after a cue ("said: “…”", "warned that "…""). */
function quotationAfter(text: string, from: number): Range | undefined {
  const window = text.slice(from, from + 60);
  const m = QUOTE_OPENING.exec(window);
  if (!m) return undefined;
  const open = from + m[0].length - 1;
  const limit = lineEnd(text, open, MAX_QUOTE);
  let close = -1;
  for (let k = open + 1; k < limit; k++) {
    if (text[k] === '”' || text[k] === '"' || text[k] === '»') {
      close = k;
      break;
    }
  }
  let end = close >= 0 ? close : limit;
  while (end > open + 1 && /[\s,]/.test(text[end - 1])) end--;
  return end > open + 1 ? { start: open + 1, end } : undefined;
}

function trimRange(text: string, r: Range): Range | undefined {
  let { start, end } = r;
  while (start < end && /[\s,;:“”"'’]/.test(text[start])) start++;
  while (end > start && /[\s,.;:“”"]/.test(text[end - 1])) end--;
  return end > start ? { start, end } : undefined;
}

/** Comma-separated chunks of a sentence before `pos` (last first). */
function segmentsBefore(text: string, sentenceStart: number, pos: number): Range[] {
  const out: Range[] = [];
  let end = pos;
  for (let k = pos - 1; k >= sentenceStart; k--) {
    if (text[k] === ',') {
      out.push({ start: k + 1, end });
      end = k;
    }
  }
  out.push({ start: sentenceStart, end });
  return out.map((r) => trimRange(text, r)).filter((r): r is Range => r !== undefined && r.end > r.start).slice(0, 4);
}

/**
 * Whether the sentence up to the verb is only a short name and its apposition ("Pedro Nhamirre, a district
 * administrator, said the town fell"): the speaker, with no content before the verb to invert around.
 */
function appositionOnly(text: string, sentenceStart: number, lastClause: Range): boolean {
  if (!/^(?:a|an|the)\s/i.test(text.slice(lastClause.start, lastClause.end))) return false;
  const segs = segmentsBefore(text, sentenceStart, lastClause.start - 1);
  return segs.length === 1 && text.slice(segs[0].start, segs[0].end).split(/\s+/).length <= 6;
}

/** Whether every word of `r` is a lower-case reporting verb that is never a noun ("said", "told"). */
function onlyVerbs(tokens: Token[], r: Range): boolean {
  let k = firstTokenFrom(tokens, r.start);
  if (k >= tokens.length || tokens[k].start >= r.end) return false;
  for (; k < tokens.length && tokens[k].start < r.end; k++) if (tokens[k].text !== tokens[k].lower || !isVerbOnly(tokens[k].lower)) return false;
  return true;
}

/**
 * Where the anonymity markers are in the text, as [start, end) UTF-16 ranges by start: found once per text, not
 * once per cue (a dense run of cues ran every marker over each cue's 2,000-character window). The markers are
 * plain phrases (no anchors, word boundaries or look-arounds, alternatives that start differently), so one
 * matches in a window exactly when one of these ranges lies inside it.
 */
function markerRanges(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const all = ANONYMITY_SCAN;
  all.lastIndex = 0;
  for (let m = all.exec(text); m; m = all.exec(text)) {
    out.push([m.index, m.index + m[0].length]);
    all.lastIndex = m.index + 1;
  }
  return out;
}

/**
 * The markers (case-insensitive phrases) as one scan, in text order. Their phrases start with different words,
 * so at most one matches at a place: this finds the same ranges as scanning for each marker in turn.
 */
const ANONYMITY_SCAN = new RegExp(ANONYMITY_MARKERS.map((re) => `(?:${re.source})`).join('|'), 'gi');

function markerWithin(ranges: ReadonlyArray<readonly [number, number]>, start: number, end: number): boolean {
  for (let k = firstIndexWhere(ranges.length, (j) => ranges[j][0] >= start); k < ranges.length && ranges[k][0] < end; k++) if (ranges[k][1] <= end) return true;
  return false;
}

/** Index of the last token starting before `pos` (-1 when none). */
function tokenIndexAtOrBefore(tokens: Token[], pos: number): number {
  return firstTokenFrom(tokens, pos) - 1;
}

/** UTF-16 units of a sentence on either side of a cue that attribution detection looks at. */
const SENTENCE_WINDOW = 1000;

export function detectAttributions(
  text: string,
  tokens: Token[],
  sentences: ReadonlyArray<{ start: number; end: number }>,
  mentions: readonly MentionCandidate[],
  index: TextIndex,
): DetectedAttribution[] {
  const out: DetectedAttribution[] = [];
  const found: Array<{ sentence: number; source?: Range; entity?: string; named: boolean }> = [];
  let lastNamedPerson: string | undefined;
  let markers: Array<[number, number]> | undefined;
  const mentionsIn = (r: Range): MentionCandidate[] => {
    const res: MentionCandidate[] = [];
    // mentions are sorted by start and do not overlap, so their ends ascend too
    for (let k = firstIndexWhere(mentions.length, (j) => mentions[j].end > r.start); k < mentions.length && mentions[k].start < r.end; k++) res.push(mentions[k]);
    return res;
  };

  const firstActorBetween = (start: number, end: number): MentionCandidate | undefined => {
    for (const m of mentionsIn({ start, end })) if (m.label === 'ACTOR' && m.start >= start && m.end <= end) return m;
    return undefined;
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!mayOpenCue(t)) continue;
    const whole = sentences[t.sentence];
    if (!whole) continue;
    let cue: Range;
    let cueEndToken = i;
    let according = false;
    if (t.lower === 'according' && tokens[i + 1]?.lower === 'to') {
      cue = { start: t.start, end: tokens[i + 1].end };
      cueEndToken = i + 1;
      according = true;
    } else if (reportNoun(t) && tokens[i + 1]?.lower === 'by' && tokens[i + 1].sentence === t.sentence && onlySpaces(text.slice(t.end, tokens[i + 1].start))) {
      // "promises by the Taliban to fight terrorism": the noun is the cue, the by-phrase the source
      cue = { start: t.start, end: t.end };
      cueEndToken = i + 1;
      according = true;
    } else {
      const last = cueEnd(tokens, i, text);
      if (last < 0) continue;
      cue = { start: t.start, end: tokens[last].end };
      cueEndToken = last;
    }
    // Only text near the cue counts: a run-on "sentence" of 100 KB ("said said …") made each cue scan and
    // quote all of it (quadratic time, gigabyte sidecars). Real sentences are far shorter than the window.
    // Built once a cue is found, not for every token.
    const sentence = { start: Math.max(whole.start, t.start - SENTENCE_WINDOW), end: Math.min(whole.end, t.end + SENTENCE_WINDOW) };

    let source: Range | undefined;
    let content: Range | undefined;
    let direct = false;
    let sourceless = false;

    if (according) {
      let np = nounPhraseRight(tokens, text, cueEndToken, sentence.end);
      if (cueEndToken > i && tokens[cueEndToken].lower === 'by') np = agentPhrase(tokens, text, cueEndToken);
      let srcEnd = np ? tokens[np[1]].end : undefined;
      if (np) {
        // "according to the regional governor, Oleh Syniehubov."
        const after = text.slice(srcEnd!, srcEnd! + 2);
        const nextTok = tokens[np[1] + 1];
        if (after === ', ' && nextTok && nextTok.cap) {
          let k = np[1] + 1;
          while (k + 1 < tokens.length && tokens[k + 1].sentence === t.sentence && onlySpaces(text.slice(tokens[k].end, tokens[k + 1].start)) && tokens[k + 1].cap) k++;
          const end = tokens[k].end;
          if (/^[.,]|^$/.test(text.slice(end, end + 1)) || end >= sentence.end) srcEnd = end;
        }
        source = { start: tokens[np[0]].start, end: srcEnd! };
      }
      const before = trimRange(text, { start: sentence.start, end: t.start });
      if (before && before.end - before.start > 10) content = before;
      else if (source) content = trimRange(text, { start: source.end, end: sentence.end });
    } else {
      // VERB SOURCE after a quote or comma
      const beforeCue = text.slice(Math.max(sentence.start, t.start - 3), t.start);
      const afterFrame = /[,”"»’]\s*$/.test(beforeCue) || t.start === sentence.start;
      // "X, who spoke on condition of anonymity, said the town fell": the speaker is before the verb
      const lastClause = /,\s*$/.test(beforeCue) ? segmentsBefore(text, sentence.start, t.start - (beforeCue.length - beforeCue.lastIndexOf(',')))[0] : undefined;
      const relativeBefore = lastClause !== undefined && (CLAUSE_OPENERS.has((FIRST_WORD.exec(text.slice(lastClause.start, lastClause.end))?.[0] ?? '').toLowerCase()) || appositionOnly(text, sentence.start, lastClause));
      // ("TTP, claimed responsibility": what was claimed, not who claims)
      const claimed = /^(?:responsibility|credit)$/.test(tokens[cueEndToken + 1]?.lower ?? '');
      const inverted = afterFrame && !claimed && INVERSION_LEMMAS.has(reportingVerb(t.lower)?.lemma ?? '') ? nounPhraseRight(tokens, text, i, sentence.end) : undefined;
      // "…, which has pledged allegiance to IS, said Kinos Katuho.": a named person ending the sentence speaks
      // even after a relative clause
      const personLast = (np: [number, number]): boolean => {
        const after = tokens[np[1] + 1];
        return (!after || after.sentence !== t.sentence || after.lower === ',') && mentionsIn({ start: tokens[np[0]].start, end: tokens[np[1]].end }).some((m) => m.kind === 'person' && m.end === tokens[np[1]].end);
      };
      const right = inverted && (!relativeBefore || personLast(inverted)) ? inverted : undefined;
      // a pronoun after the verb is a speaker only on its own ("…," said he)
      if (right && (!PRONOUNS.has(tokens[right[0]].text) || right[0] === right[1])) {
        source = { start: tokens[right[0]].start, end: tokens[right[1]].end };
        const q = quotationEndingAt(text, t.start);
        if (q && q.start >= sentence.start - 400) {
          content = q;
          direct = true;
        } else {
          content = trimRange(text, { start: sentence.start, end: t.start });
        }
      } else {
        // SOURCE VERB
        let k = i - 1;
        // "also said", "angrily protested", "later “asserted": adverbs (and an opening quote) stand between
        while (k >= 0 && tokens[k].sentence === t.sentence && (CUE_ADVERBS.has(tokens[k].lower) || (/ly$/.test(tokens[k].text) && tokens[k].text === tokens[k].lower && tokens[k].lower !== 'only')) && /^[ \u00a0“"]+$/.test(text.slice(tokens[k].end, tokens[k + 1].start))) k--;
        const g = k >= 0 ? text.slice(tokens[k].end, tokens[k + 1].start).replace(/[“"]/g, '') : '';
        const participle = /ing$/.test(t.lower);
        if (k >= 0 && tokens[k].sentence === t.sentence && (tokens[k].lower === 'and' || participle && g.includes(','))) {
          // "… and accused …", ", saying: …": the subject of the previous reporting verb or of the sentence
          const lastFound = found[found.length - 1];
          const prevFound = lastFound && lastFound.sentence === t.sentence && lastFound.source ? lastFound : undefined;
          if (prevFound) source = prevFound.source;
          else {
            const subject = firstActorBetween(sentence.start, t.start);
            if (subject) source = { start: subject.start, end: subject.end };
          }
        } else if (k >= 0 && tokens[k].sentence === t.sentence && g.includes(',') && !/[”"»]/.test(g)) {
          const segs = segmentsBefore(text, sentence.start, tokens[k].end + g.indexOf(','));
          const seg1 = segs[0];
          const seg2 = segs[1];
          const firstWord = seg1 ? (FIRST_WORD.exec(text.slice(seg1.start, seg1.end))?.[0] ?? '') : '';
          const pickEnd = (seg: Range): Range | undefined => {
            const last = tokenIndexAtOrBefore(tokens, seg.end);
            const np = nounPhraseLeft(tokens, text, last, tokenIndexAtOrBefore(tokens, seg.start) + 1);
            return np ? { start: tokens[np[0]].start, end: tokens[np[1]].end } : undefined;
          };
          if (seg1 && (CLAUSE_OPENERS.has(firstWord.toLowerCase()) || STARTS_LOWER.test(firstWord) || ['a', 'an', 'the', 'another'].includes(firstWord.toLowerCase()))) {
            if (seg2) source = pickEnd(seg2);
            if (!source) source = pickEnd(seg1);
          } else if (seg1) {
            source = pickEnd(seg1);
            if (source && seg2 && /^(?:The|A|An)\b/.test(text.slice(seg2.start, seg2.end)) && seg2.end - seg2.start < 90 && mentionsIn(source).some((m) => m.kind === 'person')) {
              const s2 = pickEnd(seg2);
              if (s2) source = { start: s2.start, end: source.end };
            } else if (source && seg2 && !mentionsIn(source).some((m) => m.kind === 'person')) {
              // "Gen. Mark Dalton, the alliance's commander, told": the named person before the apposition
              const s2 = pickEnd(seg2);
              if (s2 && mentionsIn(s2).some((m) => m.kind === 'person' && m.end === s2.end)) source = { start: s2.start, end: source.end };
            }
          }
        } else if (k >= 0 && tokens[k].sentence === t.sentence && tokens[k].lower === 'to') {
          // "He … went on TV to denounce …": the subject of the sentence, a pronoun or an actor
          const first = firstTokenFrom(tokens, sentence.start);
          const subject = firstActorBetween(sentence.start, t.start);
          if (first < k && PRONOUNS.has(tokens[first].text)) source = { start: tokens[first].start, end: tokens[first].end };
          else if (subject) source = { start: subject.start, end: subject.end };
        } else if (k >= 0 && tokens[k].sentence === t.sentence && onlySpaces(g) && tokens[k].lower !== 'and') {
          // (a subject right before a finite verb: "attacks on shipping the group says are …" → "the group")
          const np = nounPhraseLeft(tokens, text, k, 0, !/ing$/.test(t.lower));
          if (np) {
            // "…, a charge Kabul denies", "an account the army rejects": the speaker after the report noun
            let from = np[0];
            for (let q = np[0]; q < np[1]; q++) if (CHARGE_NOUNS.has(tokens[q].lower)) from = q + 1;
            source = { start: tokens[from].start, end: tokens[np[1]].end };
          }
        }
        const relative = k >= 0 && ['who', 'which', 'that'].includes(tokens[k].lower);
        // "referendums dismissed as a sham by Ukraine and the West": the by-agent speaks
        const by = /ed$/.test(t.lower) && ['by', 'as'].includes(tokens[cueEndToken + 1]?.lower ?? '') ? agentIndex(tokens, i) : -1;
        if (by >= 0) {
          const np = agentPhrase(tokens, text, by) ?? nounPhraseRight(tokens, text, by, sentence.end);
          if (np) source = { start: tokens[np[0]].start, end: tokens[np[1]].end };
        }
        // "amid reports of killings", "investigating claims of abuse": a noun, no speaker before it but its owner
        const nounOf = cueEndToken === i && /s$/.test(t.lower) && tokens[i + 1]?.lower === 'of' && tokens[i + 1].sentence === t.sentence;
        if (nounOf) {
          // "Yatsenyuk's claims of …": the owner speaks
          const owner = tokens[i - 1];
          let o = i - 1;
          while (owner?.possessive && o > 0 && tokens[o - 1].cap && tokens[o - 1].sentence === t.sentence && onlySpaces(text.slice(tokens[o - 1].end, tokens[o].start))) o--;
          source = owner?.possessive && owner.cap && owner.sentence === t.sentence ? { start: tokens[o].start, end: owner.end } : undefined;
          sourceless = !source;
        }
        if (!source && !relative && !nounOf) {
          const subject = firstActorBetween(sentence.start, t.start);
          if (subject && !/\b(?:that|,)\s*$/.test(text.slice(subject.end, t.start))) source = { start: subject.start, end: subject.end };
        }
        // ", demanding that …", "went on TV to denounce …", "who speaks openly about …": the cue stands even
        // when its speaker is not in reach
        if (!source && relative && tokens[k].lower === 'who') source = { start: tokens[k].start, end: tokens[k].end };
        if (!source && k >= 0 && tokens[k].sentence === t.sentence && ((participle && g.includes(',')) || tokens[k].lower === 'to' || relative)) sourceless = true;
        const qa = quotationAfter(text, cue.end);
        const qb = source && quoteBefore(text, source.start) ? quotationEndingAt(text, source.start) : undefined;
        if (qa && (!qb || text.slice(cue.end, qa.start).length < 40)) {
          content = qa;
          direct = true;
        } else if (qb) {
          content = qb;
          direct = true;
        } else {
          const tail = trimRange(text, { start: cue.end, end: sentence.end });
          const head = source ? trimRange(text, { start: sentence.start, end: source.start }) : undefined;
          if (head && head.end - head.start > 15 && (!tail || tail.end - tail.start < 25)) content = head;
          else if (tail) content = { start: text.slice(tail.start, tail.start + 5) === 'that ' ? tail.start + 5 : tail.start, end: tail.end };
        }
      }
    }
    // a source holds a name or a noun: "said" before "said" is the cue repeated, not a speaker
    if (source && onlyVerbs(tokens, source)) source = undefined;
    if (!source && !according && !sourceless) continue;

    // kind and source entity
    let named = false;
    let sourceEntity: string | undefined;
    if (source) {
      const sourceText = text.slice(source.start, source.end);
      // "the al-Qaida-linked group": the group speaks, not the one it is linked to
      const inside = mentionsIn(source).filter((m) => (m.label === 'ACTOR' || m.kind === 'country') && !LINKED_AFTER.test(text.slice(m.end, m.end + 12)));
      const headText = sourceText.replace(/\s+(?:of|in|at|from|for|on|with|who|familiar|loyal|close|to)\s.*$/s, '');
      const headWord = lastWord(headText).toLowerCase();
      const headEnd = source.start + headText.length;
      // a person counts when named in the head ("Observatory director Rami …") or in a closing apposition
      // "Hadi officials": a person named as a modifier of an anonymous head does not speak
      // "Hadi officials", "Hadi's inner circle": a person modifying the head does not speak
      const modifierOnly = (m: MentionCandidate): boolean => (ANONYMOUS_HEADS.has(headWord) && m.end < headEnd - headWord.length && !/[,(]/.test(text.slice(m.end, headEnd))) || (m.end < headEnd - headWord.length && /^['’]s\s/.test(text.slice(m.end, m.end + 3)));
      const person = inside.find((m) => m.kind === 'person' && (m.end <= headEnd || m.end >= source.end - 1) && !modifierOnly(m));
      if (/^it$/i.test(sourceText.trim())) {
        // "It has also vowed": the organisation named last before it
        const floor = sentences[Math.max(0, t.sentence - 2)].start;
        const org = mentionsIn({ start: floor, end: source.start }).filter((m) => m.label === 'ACTOR' && m.kind !== 'person' && m.kind !== 'group' && m.end <= source.start).pop();
        if (org) {
          named = true;
          sourceEntity = org.entity;
        }
      } else if (/^who$/i.test(sourceText.trim())) {
        // "… Samir Qadri, an aide to the governor who speaks": the person the clause is about
        const before = mentionsIn({ start: sentence.start, end: source.start }).filter((m) => m.kind === 'person' && m.end <= source.start).pop();
        if (before) {
          named = true;
          sourceEntity = before.entity;
        }
      } else if (PRONOUNS.has(sourceText.trim()) && /^(?:he|she)$/i.test(sourceText.trim())) {
        // "he said": the speaker of the attribution just before, else the nearest person named before it
        const prev = found[found.length - 1];
        const floor = Math.max(sentences[Math.max(0, t.sentence - 3)].start, t.start - 3 * SENTENCE_WINDOW);
        const nearest = mentionsIn({ start: floor, end: source.start }).filter((m) => m.kind === 'person' && m.end <= source.start).pop();
        if (prev && prev.source && prev.sentence >= t.sentence - 2) {
          named = prev.named;
          sourceEntity = prev.entity;
        } else if (nearest) {
          named = true;
          sourceEntity = nearest.entity;
        } else if (lastNamedPerson) {
          named = true;
          sourceEntity = lastNamedPerson;
        }
      } else if (person) {
        named = true;
        sourceEntity = person.entity;
      } else {
        // an organisation is the speaker when it is the head ("the General Staff of …", "the Pentagon"),
        // not when a role noun follows it ("a senior State Department official")
        const headPos = headEnd - 1;
        const named1 = inside.find((m) => m.kind !== 'group' && m.start <= headPos && m.end > headPos);
        const org = named1 ?? (!ANONYMOUS_HEADS.has(headWord) ? inside.find((m) => (m.kind !== 'group' || INSTITUTION_HEADS.test(text.slice(m.start, m.end))) && !(m.kind === 'person' && modifierOnly(m))) : undefined);
        if (org) {
          named = true;
          sourceEntity = org.entity;
        } else if (INSTITUTION_NOUNS.has(headWord) || /\bair force$/i.test(sourceText.trim()) || (ANAPHORIC_ORG_NOUNS.has(headWord) && /^(?:the|its)\s/i.test(sourceText))) {
          // "its foreign ministry", "Mali's military government": a state body speaks
          named = true;
        }
      }
      if (!person && markerWithin((markers ??= markerRanges(text)), sentence.start, sentence.end)) named = false;
      if (named && person) lastNamedPerson = person.entity;
    }
    found.push({ sentence: t.sentence, source, named, entity: sourceEntity });
    const span = (r: Range): Span => {
      const start = index.toCodePoint(r.start);
      const end = index.toCodePoint(r.end);
      return { start, end, text: text.slice(r.start, r.end) };
    };
    const attribution: DetectedAttribution = {
      cue: span(cue),
      kind: named ? 'named' : 'anonymous',
      direct,
      ...(source ? { source: span(source) } : {}),
      ...(content ? { content: span(content) } : {}),
      ...(sourceEntity ? { sourceEntity } : {}),
    };
    out.push(attribution);
    i = cueEndToken;
  }
  headlineSources(text, tokens, mentions, index, out);
  return out.sort((x, y) => x.cue.start - y.cue.start);
}

/**
 * Headlines that name a source before a colon ("Officials: Iraqi forces fend off Ramadi attack", "UN: …"): the
 * colon is the cue. The source is a short capitalised phrase opening its own line, headed by a source noun or
 * an actor.
 */
function headlineSources(text: string, tokens: Token[], mentions: readonly MentionCandidate[], index: TextIndex, out: DetectedAttribution[]): void {
  // the cues found so far, in text order and apart; a headline's cue is its own colon, so none covers a later one
  const cues = out.length;
  for (let colon = text.indexOf(':'); colon >= 0; colon = text.indexOf(':', colon + 1)) {
    const ls = lineStart(text, colon, 60);
    if (ls > 0 && text.charCodeAt(ls - 1) !== 10) continue;
    const head = text.slice(ls, colon);
    if (!/^\p{Lu}[\p{L}.'’ -]{1,50}$/u.test(head) || head.split(' ').length > 5) continue;
    const le = lineEnd(text, colon, 300);
    const rest = text.slice(colon + 1, le);
    if (!/^ \p{Lu}/u.test(rest) || le - colon > 200) continue;
    const last = lastWord(head).toLowerCase();
    // (mentions are sorted by start and do not overlap: the first ACTOR from ls on that ends at the colon; a
    // search through all of them, and through all cues below, made a long text's time grow with its square)
    let actor: MentionCandidate | undefined;
    for (let k = firstIndexWhere(mentions.length, (j) => mentions[j].start >= ls); k < mentions.length && mentions[k].start < colon && !actor; k++) {
      if (mentions[k].label === 'ACTOR' && mentions[k].end === colon) actor = mentions[k];
    }
    if (!actor && !ANONYMOUS_HEADS.has(last)) continue;
    const at = index.toCodePoint(colon);
    const before = firstIndexWhere(cues, (j) => out[j].cue.start > at) - 1;
    if (before >= 0 && at < out[before].cue.end) continue;
    void tokens;
    const span = (start: number, end: number): Span => ({ start: index.toCodePoint(start), end: index.toCodePoint(end), text: text.slice(start, end) });
    out.push({
      cue: span(colon, colon + 1),
      kind: actor ? 'named' : 'anonymous',
      direct: false,
      source: span(ls, colon),
      content: span(colon + 2, le),
      ...(actor ? { sourceEntity: actor.entity } : {}),
    });
  }
}
