/**
 * Detection of ACTOR and PLACE mentions (and, through attributions.ts, attributions) in an article.
 *
 * Gazetteer hits come first; rules add names the gazetteer does not know: titled and quoted persons,
 * organisation names by their head word, descriptive group mentions, places by pattern, later surname-only
 * mentions. Everything runs over one token array, so the cost is linear in the text length.
 * See media/docs/guidelines.md for what each rule is meant to capture.
 */
import type { DetectedMention, Detection, Entity, EntityKind, MentionLabel } from '../model';
import { TextIndex } from '../text/textIndex';
import { splitSentences } from '../text/splitSentences';
import { firstTokenFrom, tokenize, type Token } from './tokenize';
import {
  AUXILIARIES,
  CAPITALISED_STOPWORDS,
  GROUP_NOUNS,
  GROUP_NOUN_PAIRS,
  INSTITUTIONAL_MODIFIERS,
  MONTHS_AND_DAYS,
  NAME_PARTICLES,
  NON_PLACE_NAMES,
  ORG_HEADS,
  PERSON_MARKERS,
  PLACE_PREPOSITIONS,
  PLACE_TYPES_AFTER,
  PLACE_TYPES_BEFORE,
  PLACE_TYPE_ADJECTIVES,
  ANONYMOUS_HEADS,
  SUBJECT_ADVERBS,
  TITLES,
  TITLE_OF_OBJECTS,
  WEAK_GROUP_NOUNS,
} from './lexicon';
import { reportingVerb } from './reportingVerbs';
import { detectAttributions } from './detectAttributions';
import { foldName } from '../text/fold';

// Unicode-class patterns live at module level: bundled for Node they would otherwise be rebuilt per call.
const NON_WORD_RUN = /[^\p{L}\p{N}]+/gu;
const LOWER_HYPHEN_TAIL = /[-‐]\p{Ll}+$/u;
const SINGLE_CAPITAL = /^\p{Lu}$/u;
const ARTICLE_NAME = /^(?:al|el)[-‐]\p{Lu}/u;
const HYPHENATED_PAIR = /^(\p{Lu}[\p{L}\p{M}]+)[-‐](\p{Lu}[\p{L}\p{M}]+)$/u;
const COMMA_CAPITAL = /^, \p{Lu}/u;
const STARTS_CAPITAL = /^\p{Lu}/u;
const CAPITALS_ONLY = /^\p{Lu}{2,}$/u;
const HYPHEN_LOWER = /^[-‐]\p{Ll}/u;
const DOT_CAPITAL_END = /\.\p{Lu}$/u;

/** One gazetteer match, UTF-16 offsets (what `Gazetteer.match` returns). */
export interface GazetteerHit {
  readonly start: number;
  readonly end: number;
  readonly entity: Entity | string;
  readonly alias?: string;
}

/** The part of the gazetteer detection needs. */
export interface GazetteerMatcher {
  match(text: string): readonly GazetteerHit[];
  get?(id: string): Entity | undefined;
  /** Whether a capitalised word is a demonym of a known country or region ("Iraqi" yes, "Taliban" no). */
  isDemonym?(word: string): boolean;
}

export interface DetectOptions {
  /** Find attributions too (default true). */
  readonly attributions?: boolean;
}

/** A mention while detection runs: UTF-16 offsets, with the entity kind the rules inferred. */
export interface MentionCandidate {
  start: number;
  end: number;
  label: MentionLabel;
  entity: string;
  kind: EntityKind;
  origin: 'gazetteer' | 'rule';
  /** Higher wins among equally long overlapping candidates. */
  priority: number;
}

const PRIORITY = { gazetteer: 5, title: 6, strong: 4, pattern: 3, weak: 2, guess: 1 } as const;

export { foldName } from '../text/fold';

/** foldName for one token, without Unicode decomposition when the token is plain ASCII letters; kept on the shared word. */
function foldToken(t: Token): string {
  const w = t.word;
  if (w.folded === undefined) w.folded = /^[a-z0-9]+$/.test(w.lower) ? w.lower : foldName(w.text);
  return w.folded;
}

/** Stable generated entity id for a name the gazetteer does not know. */
export function generatedEntityId(name: string): string {
  const slug = foldName(name).replace(NON_WORD_RUN, '-').replace(/^-|-$/g, '');
  return `x-${slug || 'unnamed'}`;
}

/** Surname key of a folded person name: last word without an article particle, or "abdel rahman"/"abu leyla". */
function surnameKeyOfFolded(folded: string): string {
  const words = folded.split(' ');
  if (words.length >= 2 && PERSON_MARKERS.has(words[words.length - 2])) return words.slice(-2).join(' ');
  let last = words[words.length - 1];
  if (words.length >= 2 && (words[words.length - 2] === 'al' || words[words.length - 2] === 'el')) last = words[words.length - 1];
  return last.replace(/^(?:al|el) /, '');
}

function hitEntity(hit: GazetteerHit, gazetteer: GazetteerMatcher): Entity | undefined {
  return typeof hit.entity === 'string' ? gazetteer.get?.(hit.entity) : hit.entity;
}

interface Context {
  readonly text: string;
  /** Demonym test: the gazetteer's country knowledge when it has it, else the word's ending. */
  readonly isDemonym: (word: string) => boolean;
  readonly tokens: Token[];
  /** token index → 1 for the first token of a sentence */
  readonly sentenceStarts: Uint8Array;
  /** ACTOR gazetteer coverage: token index → true */
  readonly actorToken: Uint8Array;
  readonly placeToken: Uint8Array;
  readonly countryToken: Uint8Array;
  /** start * (text length + 1) + end of every gazetteer place hit (numbers: no key string per hit) */
  readonly placeSpans: Set<number>;
  /** capitalised sequences, computed once */
  readonly sequences: Array<[number, number]>;
}

/** Religious and ethnic affiliations that describe a group without naming one, beyond the -i/-an/-ese/-ish forms. */
const AFFILIATIONS = new Set(['shia', 'shiite', 'shi’ite', "shi'ite", 'sunni', 'christian', 'christians', 'arab', 'arabs', 'muslim', 'muslims', 'jewish', 'druze', 'tuareg', 'fulani', 'peul', 'hutu', 'tutsi', 'rohingya', 'pashtun', 'hazara', 'tamil', 'baluch', 'turkmen', 'amhara', 'oromo', 'dinka', 'nuer', 'zaghawa', 'masalit', 'misseriya', 'dogon', 'bambara', 'maasai', 'karen', 'kachin', 'shan', 'chin', 'mon', 'yazidi', 'alawite', 'coptic', 'catholic', 'protestant', 'evangelical', 'salafist', 'salafi', 'wahhabi', 'sufi', 'mai-mai', 'mai', 'wazalendo', 'anti-balaka', 'seleka', 'janjaweed']);
const DEMONYM_LIKE = /^\p{Lu}[\p{L}’'-]*(?:i|an|ian|ese|ish|ite|ist|ic)$/u;
/** Capitalised words that end sentences' openers but sit inside names ("Human Rights Watch", "Washington Post"). */
const CONNECTORS = new Set(['of', 'for', 'the', 'and']);
const NAME_INNER_WORDS = new Set(['Watch', 'Post', 'Update', 'Video', 'Comment', 'Photo', 'Note']);
const INSTITUTION_TITLES = new Set(['spokesman', 'spokeswoman', 'spokesperson', 'director', 'envoy', 'chief', 'commander', 'adviser', 'advisor']);
const ORG_NOUNS_AFTER = new Set(['alliance', 'group', 'movement', 'party', 'network', 'organisation', 'organization', 'brigade', 'brigades', 'front']);
const FUNCTION_WORDS = new Set(['of', 'in', 'on', 'at', 'to', 'for', 'with', 'by', 'from', 'and', 'or', 'but', 'the', 'a', 'an', 'as', 'than', 'that', 'which', 'who', 'along']);

/** Titles written with a full stop ("Gen.", "Mr.") */
const ABBREVIATED_TITLE = /^(?:gen|col|lt|maj|brig|capt|sgt|mr|mrs|ms|dr|prof|sen|rep|gov|adm)$/i;

// Rule tests that depend on a word's text alone, computed once per interned word (Word.flags) instead of
// Set lookups and regex tests per token.
const W_NAME = 1; // capitalised, not a month or day
const W_STOP = 2; // CAPITALISED_STOPWORDS
const W_LOWER_HYPHEN_TAIL = 4; // "Qaeda-linked"
const W_SINGLE_CAPITAL = 8;
const W_TITLE = 16;
const W_ORG_HEAD = 32;
const W_NAME_INNER = 64;
const W_CUE = 128; // a reporting verb in lower case or capitalised
const W_CONNECTOR = 256; // of, for, the, and
const W_NAME_LINK = 512; // connectors inside capitalised sequences
const W_PARTICLE = 1024; // marks a person's name: "Abu", "al-Assad", "Abdel-Aziz"
const W_NAME_PARTICLE = 2048; // NAME_PARTICLES or PERSON_MARKERS, by lower case

const NAME_LINKS = new Set(['of', 'for', 'the', 'and', 'al', 'el', 'bin', 'ibn', 'de', 'du', 'van', 'von', 'der', 'la', 'le']);

function wordFlags(t: Token): number {
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

const isNameToken = (t: Token): boolean => (wordFlags(t) & W_NAME) !== 0;
const isTitle = (t: Token): boolean => (wordFlags(t) & W_TITLE) !== 0;
const isStopword = (t: Token): boolean => (wordFlags(t) & W_STOP) !== 0;

/** Some token in a..b has the word flag `flag`. */
function anyWordFlag(ctx: Context, a: number, b: number, flag: number): boolean {
  for (let k = a; k <= b; k++) if ((wordFlags(ctx.tokens[k]) & flag) !== 0) return true;
  return false;
}

function anyActorToken(ctx: Context, a: number, b: number): boolean {
  for (let k = a; k <= b; k++) if (ctx.actorToken[k]) return true;
  return false;
}

/** The characters between tokens a and b are exactly the one character `c` (no substring made). */
function gap1(text: string, a: Token, b: Token, c: number): boolean {
  return b.start === a.end + 1 && text.charCodeAt(a.end) === c;
}

/** The characters between tokens a and b are exactly `c` then `d` (", ", ". "). */
function gap2(text: string, a: Token, b: Token, c: number, d: number): boolean {
  return b.start === a.end + 2 && text.charCodeAt(a.end) === c && text.charCodeAt(a.end + 1) === d;
}

/** Only spaces between two tokens (one line). */
function joined(text: string, a: Token, b: Token): boolean {
  for (let i = a.end; i < b.start; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 0xa0) return false;
  }
  return true;
}

function gap(text: string, a: Token, b: Token): string {
  return text.slice(a.end, b.start);
}

/** Capitalised sequences ("Rami Abdel Rahman", "Men of the Army of Naqshbandia"): [first, last] token indexes. */
function capitalisedSequences(ctx: Context): Array<[number, number]> {
  // a loop, not push(...): a spread of a huge array overflows the stack (7 MB articles)
  if (ctx.sequences.length === 0) for (const s of findCapitalisedSequences(ctx)) ctx.sequences.push(s);
  return ctx.sequences;
}

function findCapitalisedSequences(ctx: Context): Array<[number, number]> {
  const { tokens, text } = ctx;
  const out: Array<[number, number]> = [];
  let i = 0;
  while (i < tokens.length) {
    // "Qaeda-linked", "Saudi-led": adjectives, not the start of a name
    const fi = wordFlags(tokens[i]);
    if ((fi & (W_NAME | W_STOP | W_LOWER_HYPHEN_TAIL)) !== W_NAME) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < tokens.length && !tokens[j].possessive) {
      const next = tokens[j + 1];
      const initial = (wordFlags(tokens[j]) & W_SINGLE_CAPITAL) !== 0 && gap2(text, tokens[j], next, 46, 32);
      if (!(gap1(text, tokens[j], next, 32) || initial)) break;
      const fn = wordFlags(next);
      if ((fn & W_NAME) !== 0 && ((fn & W_STOP) === 0 || (fn & W_NAME_INNER) !== 0)) {
        j++;
        continue;
      }
      // connectors inside names: "of the", "for", "and", "al"
      if ((fn & W_NAME_LINK) !== 0) {
        let k = j + 1;
        while (k + 1 < tokens.length && (wordFlags(tokens[k + 1]) & W_CONNECTOR) !== 0 && gap1(text, tokens[k], tokens[k + 1], 32)) k++;
        if (k + 1 < tokens.length && gap1(text, tokens[k], tokens[k + 1], 32) && (wordFlags(tokens[k + 1]) & (W_NAME | W_STOP)) === W_NAME) {
          j = k + 1;
          continue;
        }
      }
      break;
    }
    out.push([i, j]);
    i = j + 1;
  }
  return out;
}

/** Index of the token starting at UTF-16 offset `pos`, or undefined. */
function tokenIndex(ctx: Context, pos: number): number | undefined {
  const i = firstTokenFrom(ctx.tokens, pos);
  return i < ctx.tokens.length && ctx.tokens[i].start === pos ? i : undefined;
}

function spanText(ctx: Context, a: number, b: number): string {
  return ctx.text.slice(ctx.tokens[a].start, ctx.tokens[b].end);
}

function hasOrgHead(ctx: Context, a: number, b: number): boolean {
  for (let k = a; k <= b; k++) if ((wordFlags(ctx.tokens[k]) & W_ORG_HEAD) !== 0) return true;
  return false;
}

/** A gazetteer place covers exactly tokens a..b ("Saudi Arabia"), so they are not a person's name. */
function exactPlaceHit(ctx: Context, a: number, b: number): boolean {
  return ctx.placeSpans.has(ctx.tokens[a].start * (ctx.text.length + 1) + ctx.tokens[b].end);
}

function looksLikePerson(ctx: Context, a: number, b: number): boolean {
  for (let k = a; k <= b; k++) {
    const t = ctx.tokens[k];
    if (t.allCaps && t.text.length > 1) return false;
    if (ctx.actorToken[k] || ctx.countryToken[k]) return false;
  }
  return !exactPlaceHit(ctx, a, b) && !(a === b && ctx.placeToken[a]) && !hasOrgHead(ctx, a, b);
}

/** Splits a capitalised sequence at "and" unless the part before it is inside an "of"/"for" name. */
function splitAtAnd(ctx: Context, a: number, b: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let s = a;
  let sawOf = false;
  for (let k = a; k <= b; k++) {
    const w = ctx.tokens[k].text;
    if (w === 'of' || w === 'for') sawOf = true;
    if (w === 'and' && !sawOf) {
      let e = k - 1;
      while (e >= s && (wordFlags(ctx.tokens[e]) & W_CONNECTOR) !== 0) e--;
      if (e >= s) out.push([s, e]);
      s = k + 1;
      while (s <= b && (wordFlags(ctx.tokens[s]) & W_CONNECTOR) !== 0) s++;
    }
  }
  if (s <= b) out.push([s, b]);
  return out;
}

/** Runs of name tokens without the connectors "of", "for", "the", "and" (for person and place rules). */
function nameRuns(ctx: Context, a: number, b: number, out: Array<[number, number]>): void {
  let s = -1;
  for (let k = a; k <= b + 1; k++) {
    const connector = k > b || (wordFlags(ctx.tokens[k]) & W_CONNECTOR) !== 0;
    if (!connector && s < 0) s = k;
    if (connector && s >= 0) {
      out.push([s, k - 1]);
      s = -1;
    }
  }
}

function isCueToken(t: Token | undefined): boolean {
  return t !== undefined && (wordFlags(t) & W_CUE) !== 0;
}

/** A rule mention over tokens a..b with a generated entity id. */
function addRuleMention(out: MentionCandidate[], ctx: Context, a: number, b: number, kind: 'person' | 'organisation' | 'city', priority: number): void {
  out.push({
    start: ctx.tokens[a].start,
    end: ctx.tokens[b].end,
    label: kind === 'city' ? 'PLACE' : 'ACTOR',
    entity: generatedEntityId(spanText(ctx, a, b)),
    kind,
    origin: 'rule',
    priority,
  });
}

const addPerson = (out: MentionCandidate[], ctx: Context, a: number, b: number, priority: number): void => addRuleMention(out, ctx, a, b, 'person', priority);
const addOrg = (out: MentionCandidate[], ctx: Context, a: number, b: number, priority: number): void => addRuleMention(out, ctx, a, b, 'organisation', priority);
const addPlace = (out: MentionCandidate[], ctx: Context, a: number, b: number, priority: number): void => addRuleMention(out, ctx, a, b, 'city', priority);

/** Name tokens after a title: "President [Bashar al-Assad]", "Secretary of State [John Kerry]", "spokesman, [X Y],". */
function titledPersons(ctx: Context, out: MentionCandidate[]): void {
  const { tokens, text } = ctx;
  for (let i = 0; i < tokens.length; i++) {
    if (!isTitle(tokens[i])) continue;
    let j = i + 1;
    // further titles and "of State"
    while (j < tokens.length && joinedOrDot(text, tokens[j - 1], tokens[j])) {
      if (isTitle(tokens[j])) {
        j++;
        continue;
      }
      if (tokens[j].text === 'of' && j + 1 < tokens.length && TITLE_OF_OBJECTS.has(tokens[j + 1].text)) {
        j += 2;
        continue;
      }
      break;
    }
    if (j >= tokens.length) break;
    const g = gap(text, tokens[j - 1], tokens[j]);
    const apposition = g === ', ';
    if (!(g === ' ' || g === '. ' || apposition)) continue;
    if (g === '. ' && !ABBREVIATED_TITLE.test(tokens[j - 1].text)) continue;
    let k = j;
    while (k < tokens.length && k - j < 5) {
      const t = tokens[k];
      const ok = (isNameToken(t) && !CAPITALISED_STOPWORDS.has(t.text) && !isTitle(t)) || (k > j && NAME_PARTICLES.has(t.lower) && k + 1 < tokens.length && isNameToken(tokens[k + 1]));
      if (!ok) break;
      if (t.possessive) {
        k++;
        break;
      }
      if (k + 1 < tokens.length) {
        const g2 = gap(text, t, tokens[k + 1]);
        if (!(g2 === ' ' || (g2 === '. ' && SINGLE_CAPITAL.test(t.text)))) {
          k++;
          break;
        }
      }
      k++;
    }
    const last = k - 1;
    if (last < j) continue;
    if (apposition) {
      const after = tokens[last + 1];
      const ga = after ? gap(text, tokens[last], after) : '';
      if (!(ga.startsWith(',') || ga.startsWith('.') || isCueToken(after))) continue;
    }
    if (hasOrgHead(ctx, j, last) || ctx.actorToken[j] || exactPlaceHit(ctx, j, last)) continue;
    addPerson(out, ctx, j, last, PRIORITY.title);
  }
}

function joinedOrDot(text: string, a: Token, b: Token): boolean {
  const g = gap(text, a, b);
  return g === ' ' || (g === '. ' && ABBREVIATED_TITLE.test(a.text));
}

/** Organisation names, quoted speakers, appositions and particle names among capitalised sequences. */
function sequenceRules(ctx: Context, out: MentionCandidate[]): void {
  const { tokens, text } = ctx;
  const pieces: Array<[number, number]> = [];
  for (const [a0, b0] of capitalisedSequences(ctx)) {
    for (const [a1, b1] of splitAtAnd(ctx, a0, b0)) {
      if (hasOrgHead(ctx, a1, b1) && b1 > a1 && !anyActorToken(ctx, a1, b1)) {
        addOrg(out, ctx, a1, b1, PRIORITY.strong);
        continue;
      }
      // "Iraqi Prime Minister Nouri al-Maliki": the name starts after the last title
      let a2 = a1;
      for (let k = a1; k <= b1; k++) {
        if (isTitle(tokens[k])) a2 = k + 1;
        else if (a2 === k && tokens[k].text === 'of' && TITLE_OF_OBJECTS.has(tokens[k + 1]?.text ?? '')) a2 = k + 2;
        else if (a2 === k + 1 && k > a1 && tokens[k - 1].text === 'of' && TITLE_OF_OBJECTS.has(tokens[k].text)) a2 = k + 1;
      }
      if (a2 > b1) continue;
      // "Kremlin spokesman", "The Pentagon said": a single name standing for an institution
      const after1 = tokens[b1 + 1];
      if (a2 === b1 && !ctx.placeToken[a2] && !ctx.actorToken[a2] && !ORG_HEADS.has(tokens[a2].text) && !DEMONYM_LIKE.test(tokens[a2].text) && after1 && joined(text, tokens[b1], after1)) {
        const before1 = tokens[a2 - 1];
        const institutional = INSTITUTION_TITLES.has(after1.lower) || (before1?.lower === 'the' && isCueToken(after1) && !/s$/.test(tokens[a2].text));
        if (institutional && !tokens[a2].allCaps) {
          addOrg(out, ctx, a2, b1, PRIORITY.pattern);
          continue;
        }
      }
      const next = tokens[b1 + 1];
      if (next && !tokens[b1].possessive && joined(text, tokens[b1], next) && ORG_NOUNS_AFTER.has(next.lower) && !DEMONYM_LIKE.test(tokens[b1].text) && !/[-‐]\p{Ll}/u.test(tokens[b1].text) && next.text === next.lower && !ctx.actorToken[b1] && !exactPlaceHit(ctx, a2, b1) && !(a2 === b1 && ctx.placeToken[a2])) {
        addOrg(out, ctx, a2, b1, PRIORITY.pattern);
        continue;
      }
      nameRuns(ctx, a2, b1, pieces);
    }
  }
  for (const [a, b] of pieces) {
    const n = b - a + 1;
    const prev = tokens[a - 1];
    const next = tokens[b + 1];
    if (!looksLikePerson(ctx, a, b)) continue;
    const afterGap = next ? gap(text, tokens[b], next) : '';
    let cueAfter = isCueToken(next) && afterGap === ' ';
    if (!cueAfter && next && afterGap === ' ' && ['also', 'later', 'has', 'had', 'then'].includes(next.lower) && isCueToken(tokens[b + 2])) cueAfter = true;
    if (!cueAfter && next && afterGap === ', ' && isCueToken(next)) cueAfter = true;
    const cueBefore = prev !== undefined && isCueToken(prev) && gap(text, prev, tokens[a]) === ' ' && (afterGap.startsWith(',') || afterGap.startsWith('.') || !next);
    const appositionAfter = next !== undefined && afterGap === ', ' && ['a', 'an', 'the', 'another', 'who', 'whose', 'known'].includes(next.lower);
    const byline = prev !== undefined && prev.lower === 'by' && n >= 2 && n <= 3 && /^\s*(?:[–—-]|\n|,|$)/.test(afterGap);
    const particle = n >= 2 && anyWordFlag(ctx, a, b, W_PARTICLE);
    if (n >= 2 && (cueAfter || cueBefore || appositionAfter || byline)) {
      addPerson(out, ctx, a, b, PRIORITY.strong);
    } else if (particle) {
      addPerson(out, ctx, a, b, PRIORITY.pattern);
    } else if (n === 1 && cueAfter && ctx.sentenceStarts[a] === 1 && !/s$/.test(tokens[a].text)) {
      // "Dagalo said ..." at the start of a sentence: a surname used alone
      addPerson(out, ctx, a, a, PRIORITY.weak);
    }
  }
}

/** Stand-alone acronyms are organisations ("RSF", "JNIM", "M23"), unless the gazetteer says otherwise. */
function acronyms(ctx: Context, out: MentionCandidate[]): void {
  const { tokens } = ctx;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    // dotted forms ("U.S.", "U.N.") are left to the gazetteer: mostly countries
    if (!t.allCaps || t.text.length < 2 || t.text.length > 9 || t.text.includes('.') || ctx.placeToken[i] || ctx.actorToken[i]) continue;
    if (/^(?:PM|TV|AM|GMT|UTC|OK|ID|CEO|VIDEO|WATCH|NEWS|UPDATE|BREAKING|AK|RPG|IED|UAV|SUV|MP|MPS|HQ|KM)$/.test(t.text.replace(/\./g, ''))) continue;
    // an all-caps line (headline or dateline) is not an acronym context
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    if ((prev && prev.allCaps && joined(ctx.text, prev, t)) || (next && next.allCaps && joined(ctx.text, t, next))) continue;
    out.push({ start: t.start, end: t.end, label: 'ACTOR', entity: generatedEntityId(t.text), kind: 'organisation', origin: 'rule', priority: PRIORITY.guess });
  }
}

function isGroupNounAt(ctx: Context, i: number): number {
  const t = ctx.tokens[i];
  const pair = GROUP_NOUN_PAIRS.get(t.lower);
  const next = ctx.tokens[i + 1];
  if (pair && next && pair.has(next.lower) && joined(ctx.text, t, next)) return 2;
  if (GROUP_NOUNS.has(t.lower) && t.text === t.lower) return 1;
  return 0;
}

/** Descriptive group mentions: modifiers + group noun ("Iraqi security forces", "Sunni militants", "US troops"). */
function descriptiveGroups(ctx: Context, out: MentionCandidate[]): void {
  const { tokens, text } = ctx;
  const orgByFirstWord = new Map<string, MentionCandidate>();
  for (const c of out) {
    if (c.kind !== 'organisation' || c.origin !== 'rule') continue;
    const first = tokenIndex(ctx, c.start);
    if (first !== undefined && tokens[first].end < c.end && !orgByFirstWord.has(tokens[first].text)) orgByFirstWord.set(tokens[first].text, c);
  }
  for (let i = 0; i < tokens.length; i++) {
    const width = isGroupNounAt(ctx, i);
    if (width === 0) continue;
    let end = i + width - 1;
    // "army forces": extend over a following group noun
    while (end + 1 < tokens.length && joined(text, tokens[end], tokens[end + 1]) && GROUP_NOUNS.has(tokens[end + 1].lower) && tokens[end + 1].text === tokens[end + 1].lower && !tokens[end].possessive) end++;
    let start = i;
    let capitalised = false;
    let k = i - 1;
    while (k >= 0 && joined(text, tokens[k], tokens[k + 1]) && !tokens[k].possessive) {
      const t = tokens[k];
      if (ctx.actorToken[k] && !ctx.placeToken[k] && !ctx.countryToken[k]) break; // "ISIL fighters": the name alone
      const org = orgByFirstWord.get(t.text);
      if (org && k === i - 1) {
        // "Wagner fighters" after "the Wagner Group": the name alone, linked to the organisation
        out.push({ start: t.start, end: t.end, label: 'ACTOR', entity: org.entity, kind: org.kind, origin: 'rule', priority: PRIORITY.pattern });
        break;
      }
      if (t.cap && (ORG_HEADS.has(t.text) || /^[^-‐]*ed$/.test(t.text))) break; // "Sudan Liberation Army faction", "Suspected jihadists"
      if (t.cap && !CAPITALISED_STOPWORDS.has(t.text) && !isTitle(t) && (ctx.sentenceStarts[k] === 0 || ctx.placeToken[k] || DEMONYM_LIKE.test(t.text))) {
        if (t.allCaps && !ctx.placeToken[k] && !/^(?:U\.?S\.?|US|UK|U\.K\.|UN|U\.N\.|EU)$/.test(t.text)) break;
        capitalised = true;
        start = k;
        k--;
        continue;
      }
      if (INSTITUTIONAL_MODIFIERS.has(t.lower) || /^(?:pro|anti)[-‐]/.test(t.lower) || (GROUP_NOUNS.has(t.lower) && t.text === t.lower && k === start - 1)) {
        start = k;
        k--;
        continue;
      }
      break;
    }
    if (start === i && !(width === 2 && tokens[i].lower === 'security')) {
      // no modifier: the next group noun may still have one of its own ("government troops")
      i += width - 1;
      continue;
    }
    if (!capitalised && start !== i && (WEAK_GROUP_NOUNS.has(tokens[end].lower) || !INSTITUTIONAL_MODIFIERS.has(tokens[start].lower) && !/^(?:pro|anti)[-‐]/.test(tokens[start].lower))) {
      i = end;
      continue;
    }
    if (capitalised && modifierIsName(ctx, start, i - 1)) {
      // "Taliban gunmen", "Al Shabaab fighters": an unknown name used as a modifier is annotated alone
      const name = text.slice(tokens[start].start, tokens[i - 1].end);
      out.push({ start: tokens[start].start, end: tokens[i - 1].end, label: 'ACTOR', entity: generatedEntityId(name), kind: 'organisation', origin: 'rule', priority: PRIORITY.pattern });
      i = end;
      continue;
    }
    const spanned = text.slice(tokens[start].start, tokens[end].end);
    out.push({ start: tokens[start].start, end: tokens[end].end, label: 'ACTOR', entity: generatedEntityId(spanned), kind: 'group', origin: 'rule', priority: PRIORITY.strong });
    i = end;
  }
}

const NUMBER_WORDS = new Set(['One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten', 'Twelve']);

/** "Three Brotherhood Alliance", "Military Operations Command 15", "Brigade 93": numbers belong to unit names. */
function extendNumberedNames(ctx: Context, candidates: MentionCandidate[]): void {
  const { tokens, text } = ctx;
  for (const c of candidates) {
    if (c.origin !== 'rule' || c.kind !== 'organisation') continue;
    const first = tokenIndex(ctx, c.start);
    if (first === undefined) continue;
    const prev = tokens[first - 1];
    if (prev && NUMBER_WORDS.has(prev.text) && ctx.sentenceStarts[first - 1] === 0 && gap(text, prev, tokens[first]) === ' ') c.start = prev.start;
    let last = first;
    while (last + 1 < tokens.length && tokens[last + 1].start < c.end) last++;
    const next = tokens[last + 1];
    if (next && tokens[last].end === c.end && /^\d{1,4}$/.test(next.text) && gap(text, tokens[last], next) === ' ' && ORG_HEADS.has(tokens[last].text)) c.end = next.end;
  }
}

/**
 * Whether capitalised modifier tokens a..b name a group rather than describe one: no place, country, demonym,
 * religious or ethnic affiliation among them ("Sunni militants", "Iraqi troops" describe; "Taliban gunmen" names).
 */
function modifierIsName(ctx: Context, a: number, b: number): boolean {
  for (let k = a; k <= b; k++) {
    const t = ctx.tokens[k];
    if (!t.cap || t.allCaps || ctx.placeToken[k] || ctx.countryToken[k] || ctx.actorToken[k]) return false;
    if (ctx.isDemonym(t.text) || AFFILIATIONS.has(t.lower) || /[-‐]/.test(t.text)) return false;
  }
  return true;
}

const PLURAL_GROUP = /^\p{Lu}[\p{L}’']*(?:is|ians|ans|ites|ists|urds|abs|urks|ds)$/u;

/** "the Kurds", "Sunnis", "the Iranians": capitalised plural group nouns standing alone. */
function pluralGroups(ctx: Context, out: MentionCandidate[]): void {
  const { tokens, text } = ctx;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t.cap || t.allCaps || !PLURAL_GROUP.test(t.text) || ctx.placeToken[i] || ctx.actorToken[i] || CAPITALISED_STOPWORDS.has(t.text)) continue;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    if (prev && prev.cap && !CAPITALISED_STOPWORDS.has(prev.text) && joined(text, prev, t)) continue;
    if (next && next.cap && joined(text, t, next)) continue;
    if (next && joined(text, t, next) && GROUP_NOUNS.has(next.lower)) continue;
    out.push({ start: t.start, end: t.end, label: 'ACTOR', entity: generatedEntityId(t.text), kind: 'group', origin: 'rule', priority: PRIORITY.weak });
  }
}

/** Places by pattern: "X province", "the town of X", "in X", datelines. */
function placePatterns(ctx: Context, out: MentionCandidate[]): void {
  const { tokens, text } = ctx;
  const sequences: Array<[number, number]> = [];
  for (const [a0, b0] of capitalisedSequences(ctx)) {
    for (const [a1, b1] of splitAtAnd(ctx, a0, b0)) {
      if (hasOrgHead(ctx, a1, b1)) sequences.push([a1, b1]);
      else nameRuns(ctx, a1, b1, sequences);
    }
  }
  const sequenceAt = new Map(sequences.map((q) => [q[0], q] as const));
  for (const [a, b] of sequences) {
    if (hasOrgHead(ctx, a, b) || anyWordFlag(ctx, a, b, W_TITLE)) continue;
    if (NON_PLACE_NAMES.has(tokens[a].text)) continue;
    // trim a trailing capitalised type word that is part of the sentence, keep "Sadr City"
    const next = tokens[b + 1];
    const next2 = tokens[b + 2];
    const typeAfter =
      next && !tokens[b].possessive && joined(text, tokens[b], next) &&
      (PLACE_TYPES_AFTER.has(next.lower) ||
        (PLACE_TYPE_ADJECTIVES.has(next.lower) && next2 && joined(text, next, next2) && PLACE_TYPES_AFTER.has(next2.lower)));
    const article = tokens[a - 1] !== undefined && ['a', 'an'].includes(tokens[a - 1].lower);
    const determiner = tokens[a - 1] !== undefined && ['the', 'a', 'an'].includes(tokens[a - 1].lower);
    const demonym = a === b && !ctx.placeToken[a] && (/(?:ian|ese|ish)$/.test(tokens[a].text) || (determiner && DEMONYM_LIKE.test(tokens[a].text)));
    if (typeAfter && !article && !demonym) {
      const hyphen = HYPHENATED_PAIR.exec(tokens[b].text);
      if (a === b && hyphen && !PERSON_MARKERS.has(hyphen[1].toLowerCase()) && !/^(?:Al|El)$/.test(hyphen[1])) {
        // "Albukamal-Qaim crossing": two places
        const t = tokens[a];
        const mid = t.start + hyphen[1].length;
        out.push({ start: t.start, end: mid, label: 'PLACE', entity: generatedEntityId(hyphen[1]), kind: 'city', origin: 'rule', priority: PRIORITY.strong });
        out.push({ start: mid + 1, end: t.end, label: 'PLACE', entity: generatedEntityId(hyphen[2]), kind: 'city', origin: 'rule', priority: PRIORITY.strong });
      } else addPlace(out, ctx, a, b, PRIORITY.strong);
      continue;
    }
    // "Qaim, a town on the Syrian border"
    if (next && next2 && gap(text, tokens[b], next) === ', ' && ['a', 'the'].includes(next.lower) && /^\s/.test(gap(text, next, next2))) {
      let k = b + 2;
      while (k < tokens.length && k < b + 5 && !PLACE_TYPES_BEFORE.has(tokens[k].lower) && tokens[k].text === tokens[k].lower) k++;
      if (k < tokens.length && PLACE_TYPES_BEFORE.has(tokens[k].lower) && !ctx.actorToken[a]) {
        addPlace(out, ctx, a, b, PRIORITY.pattern);
        continue;
      }
    }
    // hyphenated pair before a type: "Albukamal-Qaim crossing"
    const prev = tokens[a - 1];
    const prev2 = tokens[a - 2];
    if (prev && prev2 && prev.text === 'of' && PLACE_TYPES_BEFORE.has(prev2.lower) && joined(text, prev2, prev) && joined(text, prev, tokens[a])) {
      addPlace(out, ctx, a, b, PRIORITY.pattern);
      continue;
    }
    if (prev && PLACE_PREPOSITIONS.has(prev.lower) && joined(text, prev, tokens[a]) && b - a < 3 && !ctx.actorToken[a]) {
      if (tokens[a].allCaps && !ctx.placeToken[a]) continue;
      if (next && joined(text, tokens[b], next) && (GROUP_NOUNS.has(next.lower) || isTitle(next) || ANONYMOUS_HEADS.has(next.lower))) continue;
      if (a === b && DEMONYM_LIKE.test(tokens[a].text) && !ctx.placeToken[a] && next && joined(text, tokens[b], next) && next.text === next.lower) continue;
      addPlace(out, ctx, a, b, PRIORITY.guess);
      // "in Hodeidah, Sanaa and Saada", "between Bandiagara and Goundaka"
      let c = b + 1;
      while (c + 1 < tokens.length) {
        const g = gap(text, tokens[c - 1], tokens[c]);
        let startTok = -1;
        if ((g === ' ' && tokens[c].text === 'and') || (g === ', ' && tokens[c].text === 'and')) startTok = c + 1;
        else if (g === ', ' && isNameToken(tokens[c])) startTok = c;
        if (g === ', ' && startTok === c) {
          const seqAhead = sequenceAt.get(startTok);
          const follow = seqAhead ? text.slice(tokens[seqAhead[1]].end, tokens[seqAhead[1]].end + 5) : '';
          if (!/^(?:,| and\b)/.test(follow)) break;
        }
        if (startTok < 0 || startTok >= tokens.length || !isNameToken(tokens[startTok]) || CAPITALISED_STOPWORDS.has(tokens[startTok].text)) break;
        const seq = sequenceAt.get(startTok);
        if (!seq || hasOrgHead(ctx, seq[0], seq[1]) || ctx.actorToken[seq[0]]) break;
        const after = tokens[seq[1] + 1];
        if (after && joined(text, tokens[seq[1]], after) && GROUP_NOUNS.has(after.lower)) break;
        addPlace(out, ctx, seq[0], seq[1], PRIORITY.guess);
        c = seq[1] + 1;
      }
    }
  }
  // datelines: "KHARTOUM, Sudan, May 14" at the start of a line
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t.allCaps || t.text.length < 3) continue;
    const before = text.slice(Math.max(0, t.start - 2), t.start);
    if (t.start !== 0 && !/\n\s*$|^\s*$/.test(before) && !/\n/.test(before)) continue;
    let j = i;
    while (j + 1 < tokens.length && tokens[j + 1].allCaps && joined(text, tokens[j], tokens[j + 1])) j++;
    const rest = text.slice(tokens[j].end, tokens[j].end + 80).split('\n')[0];
    if (!COMMA_CAPITAL.test(rest) || !/\d|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/.test(rest)) continue;
    addPlace(out, ctx, i, j, PRIORITY.pattern);
  }
}

/** Country names act as states when they are the subject of a verb ("Iran is directing", "Rwanda denies"). */
function countryActsAsState(ctx: Context, m: MentionCandidate, next: MentionCandidate | undefined): boolean {
  const { tokens, text } = ctx;
  const first = tokenIndex(ctx, m.start);
  if (first === undefined) return false;
  let last = first;
  while (last + 1 < tokens.length && tokens[last + 1].start < m.end) last++;
  if (tokens[last].possessive) return false;
  const prev = tokens[first - 1];
  if (prev && (PLACE_PREPOSITIONS.has(prev.lower) || ['of', 'with', 'by', 'for', 'on', 'against', 'over', 'under', 'about', 'than', 'like', 'and', 'or'].includes(prev.lower))) {
    if (!(prev.lower === 'and' || prev.lower === 'or')) return false;
  }
  let k = last + 1;
  let coordinated = false;
  if (k < tokens.length && /^[ ]$/.test(gap(text, tokens[last], tokens[k])) && (tokens[k].lower === 'and' || tokens[k].lower === 'or') && next) {
    // coordination: "the United States and Iran both oppose"
    const nextFirst = tokenIndex(ctx, next.start);
    if (nextFirst === k + 1 || (nextFirst === k + 2 && tokens[k + 1].lower === 'the')) {
      let nl = nextFirst;
      while (nl + 1 < tokens.length && tokens[nl + 1].start < next.end) nl++;
      k = nl + 1;
      coordinated = true;
      if (k < tokens.length && !/^\s+$/.test(gap(text, tokens[nl], tokens[k]))) return false;
    } else return false;
  } else if (k < tokens.length && !/^ $/.test(gap(text, tokens[last], tokens[k]))) return false;
  while (k < tokens.length && SUBJECT_ADVERBS.has(tokens[k].lower) && tokens[k].text === tokens[k].lower) k++;
  const v = tokens[k];
  if (!v || v.text !== v.lower) return false;
  if (AUXILIARIES.has(v.lower) || reportingVerb(v.lower)) return true;
  if (coordinated && !FUNCTION_WORDS.has(v.lower)) return true;
  return /(?:[^s'’]s|ed)$/.test(v.lower) && !/(?:is|ss|us|ics|ness)$/.test(v.lower) && v.lower.length > 3 && !GROUP_NOUNS.has(v.lower);
}

/** Offsets taken by chosen candidates; kept between calls and cleared after use, so no fresh megabyte per call. */
let takenScratch = new Uint8Array(0);

/**
 * Candidate indexes in the order of `(x, y) => y.end - y.start - (x.end - x.start) || y.priority - x.priority ||
 * x.start - y.start`, ties in input order (a stable sort): packed into one number per candidate and sorted as a
 * Float64Array, far cheaper than a comparator. Undefined when the fields do not fit in 53 bits.
 */
function overlapOrder(candidates: readonly MentionCandidate[], textLength: number): Uint32Array | undefined {
  const n = candidates.length;
  let maxLen = 0;
  for (const c of candidates) {
    const len = c.end - c.start;
    if (len > maxLen) maxLen = len;
    if (len < 0 || c.priority < 0 || c.priority > 15 || !Number.isInteger(c.priority) || c.start < 0) return undefined;
  }
  const bits = (x: number): number => Math.max(1, Math.ceil(Math.log2(x + 1)));
  const lenBits = bits(maxLen);
  const startBits = bits(textLength);
  const indexBits = bits(n);
  if (lenBits + 4 + startBits + indexBits > 53) return undefined;
  const keys = new Float64Array(n);
  const startScale = 2 ** indexBits;
  const priorityScale = startScale * 2 ** startBits;
  const lenScale = priorityScale * 16;
  for (let i = 0; i < n; i++) {
    const c = candidates[i];
    keys[i] = (maxLen - (c.end - c.start)) * lenScale + (15 - c.priority) * priorityScale + c.start * startScale + i;
  }
  keys.sort();
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = keys[i] % startScale;
  return order;
}

/** Longest candidate first, then highest priority; a candidate overlapping a chosen one is dropped. */
function resolveOverlaps(candidates: MentionCandidate[], textLength: number): MentionCandidate[] {
  const order = overlapOrder(candidates, textLength);
  if (takenScratch.length < textLength + 1) takenScratch = new Uint8Array(textLength + 1);
  const taken = takenScratch;
  if (!order) {
    const sorted = [...candidates].sort((x, y) => y.end - y.start - (x.end - x.start) || y.priority - x.priority || x.start - y.start);
    const chosen: MentionCandidate[] = [];
    for (const c of sorted) {
      // longest first, so a chosen span overlapping c is at least as long and covers one of c's end points
      if (c.end > c.start && (taken[c.start] || taken[c.end - 1])) continue;
      taken.fill(1, c.start, c.end);
      chosen.push(c);
    }
    for (const c of chosen) taken.fill(0, c.start, c.end);
    return chosen.sort((x, y) => x.start - y.start);
  }
  // offsets copied in input order into typed arrays: the loop below visits candidates in length order, and
  // reading scattered objects there costs more than the copy
  const n = candidates.length;
  const starts = new Int32Array(n);
  const ends = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = candidates[i];
    starts[i] = c.start;
    ends[i] = c.end;
  }
  const chosen = new Uint32Array(n);
  let m = 0;
  for (let r = 0; r < n; r++) {
    const k = order[r];
    const s = starts[k];
    const e = ends[k];
    // longest first, so a chosen span overlapping this one is at least as long and covers one of its end points
    if (e > s && (taken[s] || taken[e - 1])) continue;
    taken.fill(1, s, e);
    chosen[m++] = k;
  }
  for (let r = 0; r < m; r++) for (let q = starts[chosen[r]], e = ends[chosen[r]]; q < e; q++) taken[q] = 0;
  // by start, ties in choice order (what a stable sort gives): start and choice rank packed into one number
  // (overlapOrder checked that start and index bits fit in 53)
  const rankScale = 2 ** Math.max(1, Math.ceil(Math.log2(n + 1)));
  const keys = new Float64Array(m);
  for (let r = 0; r < m; r++) keys[r] = starts[chosen[r]] * rankScale + r;
  keys.sort();
  const out: MentionCandidate[] = [];
  for (let r = 0; r < m; r++) out.push(candidates[chosen[keys[r] % rankScale]]);
  return out;
}

/** Surname-only mentions ("Maliki", "Abdel Rahman") linked to the full name used in the same document. */
function linkPersons(ctx: Context, mentions: MentionCandidate[]): MentionCandidate[] {
  const { tokens, text } = ctx;
  const bySurname = new Map<string, { entity: string; first: string }>();
  for (const m of mentions) {
    if (m.kind !== 'person') continue;
    const folded = foldName(text.slice(m.start, m.end));
    const words = folded.split(' ');
    if (words.length < 2) continue;
    const key = surnameKeyOfFolded(folded);
    const known = bySurname.get(key);
    if (known && known.first[0] === words[0][0]) m.entity = known.entity;
    else if (!known) bySurname.set(key, { entity: m.entity, first: words[0] });
  }
  for (const m of mentions) {
    if (m.kind !== 'person' || m.origin === 'gazetteer') continue;
    const folded = foldName(text.slice(m.start, m.end));
    if (!folded.includes(' ') || /^(?:al|el)\b/i.test(folded)) {
      const known = bySurname.get(surnameKeyOfFolded(folded));
      if (known) m.entity = known.entity;
    }
  }
  if (bySurname.size === 0) return mentions;
  const covered = new Uint8Array(tokens.length);
  for (const m of mentions) {
    // a town that shares a known person's surname ("Obama") yields to the person
    if (m.label === 'PLACE' && m.kind === 'city') continue;
    for (let k = tokenIndex(ctx, m.start) ?? tokens.length; k < tokens.length && tokens[k].start < m.end; k++) covered[k] = 1;
  }
  const added: MentionCandidate[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (covered[i] || !t.cap) continue;
    const nextTok = tokens[i + 1];
    // the particle and the next word together ("Abu Leyla"), else the word alone
    let last = -1;
    let entity = '';
    if ((wordFlags(t) & W_NAME_PARTICLE) !== 0 && nextTok && !covered[i + 1] && joined(text, t, nextTok)) {
      const two = foldName(`${t.text} ${nextTok.text}`).replace(/^(?:al|el) /, '');
      const known = two ? bySurname.get(two) : undefined;
      if (known) {
        last = i + 1;
        entity = known.entity;
      }
    }
    if (last < 0) {
      const one = foldToken(t).replace(/^(?:al|el) /, '');
      const known = one ? bySurname.get(one) : undefined;
      if (!known) continue;
      last = i;
      entity = known.entity;
    }
    const after = tokens[last + 1];
    if (after && joined(text, tokens[last], after) && after.cap && !after.allCaps && !isStopword(after)) continue;
    added.push({ start: t.start, end: tokens[last].end, label: 'ACTOR', entity, kind: 'person', origin: 'rule', priority: PRIORITY.title + 1 });
    i = last;
  }
  return added.length ? resolveOverlaps([...mentions, ...added], text.length) : mentions;
}

/**
 * A name a rule found once ("the town of al-Qaim") is the same name elsewhere in the document ("al-Qaim had
 * fallen"): later and earlier occurrences get the same label and entity.
 */
function propagateNames(ctx: Context, mentions: MentionCandidate[]): MentionCandidate[] {
  const { tokens, text } = ctx;
  const known = new Map<string, Map<string, MentionCandidate>>();
  const maxWords = new Map<string, number>();
  for (const m of mentions) {
    if (m.origin !== 'rule' || m.kind === 'group' || m.end - m.start < 4) continue;
    const first = tokenIndex(ctx, m.start);
    if (first === undefined) continue;
    const key = foldName(text.slice(m.start, m.end));
    const head = foldName(tokens[first].text);
    let byKey = known.get(head);
    if (!byKey) known.set(head, (byKey = new Map()));
    if (!byKey.has(key)) byKey.set(key, m);
    maxWords.set(head, Math.max(maxWords.get(head) ?? 1, key.split(' ').length));
  }
  if (known.size === 0) return mentions;
  const added: MentionCandidate[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t.cap) continue;
    const head = foldToken(t);
    const byKey = known.get(head);
    if (!byKey) continue;
    // keys are folded words joined by single spaces, so they can be built token by token
    let key = head;
    let last = -1;
    let found: MentionCandidate | undefined;
    const limit = Math.min(tokens.length, i + (maxWords.get(head) ?? 1) + 2);
    for (let k = i; k < limit; k++) {
      if (k > i) {
        if (!joined(text, tokens[k - 1], tokens[k]) || tokens[k - 1].possessive) break;
        key = `${key} ${foldToken(tokens[k])}`;
      }
      const hit = byKey.get(key);
      if (hit) {
        last = k;
        found = hit;
      }
    }
    const m = found;
    if (!m || last < 0) continue;
    added.push({ ...m, start: t.start, end: tokens[last].end, priority: PRIORITY.guess });
    i = last;
  }
  return resolveOverlaps([...mentions, ...added], text.length);
}

/** Acronyms whose letters are the initials of an organisation named in the document share its entity (RSF, FSA). */
function linkAcronyms(ctx: Context, mentions: MentionCandidate[]): void {
  const initials = new Map<string, string>();
  for (const m of mentions) {
    if (m.label !== 'ACTOR' || m.kind === 'person') continue;
    const words = ctx.text.slice(m.start, m.end).split(/[\s-]+/).filter((w) => STARTS_CAPITAL.test(w));
    if (words.length >= 2) initials.set(words.map((w) => w[0]).join(''), m.entity);
  }
  for (const m of mentions) {
    const surface = ctx.text.slice(m.start, m.end);
    if (m.origin === 'rule' && CAPITALS_ONLY.test(surface)) {
      const entity = initials.get(surface);
      if (entity) m.entity = entity;
    }
  }
}

/** Finds ACTOR and PLACE mentions (and attributions) in `text`. Offsets in the result are code points. */
export function detect(text: string, gazetteer: GazetteerMatcher, options: DetectOptions = {}): Detection {
  const detection = detectCandidates(text, gazetteer);
  const index = new TextIndex(text);
  const mentions: DetectedMention[] = detection.mentions.map((m) => {
    const start = index.toCodePoint(m.start);
    const end = index.toCodePoint(m.end);
    return { label: m.label, start, end, text: text.slice(m.start, m.end), entity: m.entity, origin: m.origin };
  });
  const attributions = options.attributions === false ? [] : detectAttributions(text, detection.tokens, detection.sentences, detection.mentions, index);
  return { mentions, attributions };
}

export interface CandidateDetection {
  readonly mentions: MentionCandidate[];
  readonly tokens: Token[];
  readonly sentences: Array<{ start: number; end: number }>;
}

/** Mentions with UTF-16 offsets plus the tokens and sentences they were found in (shared with attributions). */
export function detectCandidates(text: string, gazetteer: GazetteerMatcher): CandidateDetection {
  // the gazetteer first, while the heap holds no tokens yet (its garbage then costs less to collect)
  const hits = [...gazetteer.match(text)].sort((x, y) => x.start - y.start);
  const tokens = tokenize(text);
  const sentences = splitSentences(text);
  const sentenceStarts = new Uint8Array(tokens.length);
  let s = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    while (s < sentences.length && sentences[s].end <= t.start) s++;
    t.sentence = s;
    if (s < sentences.length && (i === 0 || tokens[i - 1].sentence !== s)) sentenceStarts[i] = 1;
  }
  const ctx: Context = {
    text,
    isDemonym: gazetteer.isDemonym ? (w) => gazetteer.isDemonym!(w) || /(?:ist|ite|ic)s?$/.test(w) : (w) => DEMONYM_LIKE.test(w),
    tokens,
    sentenceStarts,
    actorToken: new Uint8Array(tokens.length),
    placeToken: new Uint8Array(tokens.length),
    countryToken: new Uint8Array(tokens.length),
    placeSpans: new Set<number>(),
    sequences: [],
  };
  const candidates: MentionCandidate[] = [];
  // gazetteer hits, marking the tokens they cover so rules can tell names they already know
  let cursor = 0;
  for (const hit of hits) {
    const entity = hitEntity(hit, gazetteer);
    if (!entity) continue;
    const surface = text.slice(hit.start, hit.end);
    if (entity.label === 'PLACE' && (CAPITALISED_STOPWORDS.has(surface) || reportingVerb(surface.toLowerCase()) !== undefined || HYPHEN_LOWER.test(text.slice(hit.end, hit.end + 2)))) continue;
    let hitEnd = hit.end;
    if (text[hitEnd] === '.' && DOT_CAPITAL_END.test(text.slice(hitEnd - 2, hitEnd)) ) hitEnd++;
    while (cursor < tokens.length && tokens[cursor].end <= hit.start) cursor++;
    for (let k = cursor; k < tokens.length && tokens[k].start < hitEnd; k++) {
      if (entity.label === 'ACTOR') ctx.actorToken[k] = 1;
      else ctx.placeToken[k] = 1;
      if (entity.kind === 'country') ctx.countryToken[k] = 1;
    }
    if (entity.label === 'PLACE') ctx.placeSpans.add(hit.start * (text.length + 1) + hitEnd);
    candidates.push({ start: hit.start, end: hitEnd, label: entity.label, entity: entity.id, kind: entity.kind, origin: 'gazetteer', priority: PRIORITY.gazetteer });
  }
  titledPersons(ctx, candidates);
  sequenceRules(ctx, candidates);
  descriptiveGroups(ctx, candidates);
  pluralGroups(ctx, candidates);
  placePatterns(ctx, candidates);
  acronyms(ctx, candidates);
  extendNumberedNames(ctx, candidates);
  let mentions = resolveOverlaps(candidates, text.length);
  mentions = linkPersons(ctx, mentions);
  mentions = propagateNames(ctx, mentions);
  linkAcronyms(ctx, mentions);
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i];
    if (m.label === 'PLACE' && m.kind === 'country' && countryActsAsState(ctx, m, mentions[i + 1])) {
      m.label = 'ACTOR';
      // a coordinated pair ("the United States and Iran both oppose") acts together
      const n = mentions[i + 1];
      if (n && n.kind === 'country' && /^\s+(?:and|or)\s+(?:the\s+)?$/.test(text.slice(m.end, n.start))) n.label = 'ACTOR';
    }
  }
  return { mentions, tokens, sentences };
}
