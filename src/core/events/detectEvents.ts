/**
 * ACLED event suggestions for a whole article, from its text, the mention and attribution detection and the
 * reference (dateline) date. Contract:
 * - triggers come from the event lexicon; a trigger that is negated, modal, planned, threatened, hypothetical,
 *   generic (ongoing, repeated, aggregated over a period) or only background to another event is not an event;
 * - triggers of one clause that share their acting side make one happening ("raided the hotel, killing three");
 * - each happening gets its type and sub-type (classifyEvent), roles (eventRoles), the most specific place of
 *   its clause, a date (the clause's date phrase, else the paragraph's, else the reference date), fatalities
 *   (ACLED rules, extractFatalities) and the attribution that reports it;
 * - one event per distinct happening: a later report of the same (type, place, date, sides), or a definite
 *   reference back ("the attack", "the raid"), is folded into the first report, which keeps its span;
 * - one event per named place when a clause lists several ("broke the sieges on Kadugli and Dilling").
 * Roles are mention spans; bare group nouns that fill a role ("gunmen", "police") come back as extra mentions.
 * All returned offsets are code points.
 */
import type { DetectedEvent, DetectedMention, DetectedRole, Detection, Entity, MentionLabel } from '../model';
import { TextIndex } from '../text/textIndex';
import { firstIndexWhere } from '../text/binarySearch';
import { splitSentences } from '../text/splitSentences';
import { foldName } from '../text/fold';
import { InternTable } from '../text/internTable';
import { resolveDates } from './dates';
import { datelineRange } from './datelineRange';
import { datelinePlace } from './datelinePlace';
import { extractFatalities } from './fatalities';
import { ACLED_TAXONOMY, suggestSubtypes, type Taxonomy } from './taxonomy';
import {
  ANAPHORIC_DETERMINERS,
  BACKGROUND_PREPOSITIONS,
  CIVILIAN_NOUNS,
  CIVILIAN_OBJECTS,
  CIVILIAN_PERSONS,
  CROWD_NOUNS,
  CROWD_PARTIES,
  FORCE_CUES,
  GENERIC_CUES,
  INTENT_VERBS,
  INTERVENTION_CUES,
  MILITARY_TARGETS,
  MODALS,
  NEGATIONS,
  NEW_EVENT_MARKERS,
  NON_TERRITORY_OBJECTS,
  NONSTATE_NOUNS,
  PHRASES,
  STATE_NOUNS,
  TERRITORY_NOUNS,
  TRIGGER_FORMS,
  WEAPON_PAIRS,
  WEAPONS,
  type PhraseRule,
  type Tense,
  type TriggerClass,
  type Weapon,
} from './eventLexicon';
import { classifyEvent, type FrameFacts } from './classifyEvent';
import { actorType, admin1Of, eventNotes, geoPrecision, interactionCode, sourceScale, type SideFacts } from './acledCoding';
import { consistentSuggestion } from './codingProblems';
import { demonstrativeBefore, GROUP_HEADS, isClauseBreak, isPronoun, namesTarget, ownerOfTarget, partyAfter, partyAt, partyOfMention, subjectBefore, victimParty, type Party, type RoleContext } from './eventRoles';
import { firstMentionFrom, sentenceView, wordTest, type MentionRef, type SentenceView, type Tok } from './eventTokens';

export interface EventDetection {
  events: DetectedEvent[];
  /** Actor mentions the events need that the mention detection did not make (bare group nouns in a role). */
  mentions: DetectedMention[];
}

export interface DetectEventsOptions {
  /** Reference date (ISO): the sidecar's document date or the dateline. Without it only dates with a year are given. */
  date?: string;
  /** Event names must exist in it (default ACLED_TAXONOMY); events whose sub-type it lacks are left out. */
  taxonomy?: Taxonomy;
  /** Gazetteer lookup, for the kind of a linked entity (state forces, armed group, country). */
  entityOf?: (id: string) => Entity | undefined;
  isDemonym?: (word: string) => boolean;
  /** The text's index, when the caller has one. */
  index?: TextIndex;
  /** Receives one line per trigger decision (for tuning rules; off by default). */
  trace?: (line: string) => void;
}

// ---------------------------------------------------------------------------------------------------------------
// words

const set = (s: string): ReadonlySet<string> => new Set(s.trim().split(/\s+/));
const PHRASE_HEADS = new Map<string, PhraseRule[]>();
for (const p of PHRASES) for (const h of p.heads) PHRASE_HEADS.set(h, [...(PHRASE_HEADS.get(h) ?? []), p]);
const EXTRA_HEADS = set('air suicide took taken take takes taking left leave leaves leaving');
const PREFILTER = new Set([...TRIGGER_FORMS.keys(), ...PHRASE_HEADS.keys(), ...EXTRA_HEADS]);

const AUX = set('is are was were be been being has have had did do does got gets get having');
const BE = set('is are was were be been being got get gets');
const ADVERBS = set(`also later reportedly allegedly then still eventually already just again jointly subsequently apparently
  purportedly swiftly quickly briefly initially finally immediately recently previously earlier separately further
  both all themselves itself deliberately indiscriminately repeatedly fiercely heavily newly partially completely`);
const DETERMINERS = set('the a an this that these those its their his her our my some several many few any each every');
const NOUN_BEFORE = set(`heavy deadly fresh bloody coordinated suspected major new twin first second third latest fierce brief
  failed fatal massive renewed separate large-scale overnight early late morning night day-long daylong five-hour
  terrorist terror military government rebel militant insurgent jihadist armed gun suicide car roadside mortar rocket
  artillery drone air missile chemical grenade bomb aerial cross-border retaliatory similar such mass violent peaceful
  ground sectarian tribal ethnic joint counter`);
const NOUN_AFTER = set('on against by in at near that which was were has had is killed left came of targeting hit struck between broke erupted raged flared intensified began started continued spread');
const LIGHT_VERBS = set(`launched launch launches launching carried carry carries staged stage mounted mount conducted conduct waged wage
  unleashed led lead made make makes executed fired fire fires firing`);
const PERSON_OBJECTS = set(`official officials journalist journalists doctor doctors nurse nurses civilians civilian women woman children child
  villagers people workers worker man men girls boys girl boy students student teacher teachers priest priests neighbour neighbor
  son daughter brother brothers father mother wife husband family families passengers hostages tourists foreigners foreigner
  national nationals engineer engineers residents resident farmers farmer traders chief leader leaders couple`);
const NOT_ABDUCT_TAKE = set('part place power control over responsibility hold refuge shelter steps action aim note advantage');
const THREAT_NOUNS = set('threat threats fear fears risk risks warning warnings plan plans possibility prospect danger spectre specter brink verge');
/** Verbs whose object event has not happened ("encouraging an uprising", "to prevent attacks"). */
const IRREALIS_VERBS = set(`encourage encouraged encouraging encourages prevent prevents prevented preventing avoid avoids avoided avoiding
  stop stops stopped stopping call calls called calling urge urges urged urging demand demands demanded demanding plan plans planned planning
  prepare prepares preparing fear fears feared fearing risk risks risked risking seek seeks seeking sought want wants wanted wanting
  foment foments fomenting incite incites incited inciting threaten threatens threatened threatening order orders ordered ordering
  considering consider considers promise promises promised promising`);
const AGGREGATE_WORDS = set('swathes swaths large much many parts areas territory ground dozens numerous several towns cities villages regions provinces districts lands land most');
const DURATION_UNITS = set('months weeks years days decades hours');
const DIRECTIONS = set(`north south east west northeast northwest southeast southwest northern southern eastern western central
  north-east north-west south-east south-west`);
const DISTANCE_UNITS = set('km kilometres kilometers miles mile metres meters');
const LOCATIVE = set('in at near outside around inside into across on over throughout within');
const VILLAGE_CUES = set('village villages neighbourhood neighborhood camp suburb district quarter hamlet market');
const TOWN_CUES = set('town city port');
const FACILITY_CUES = set('hotel airport airbase base hospital mosque church school prison barracks stadium university compound checkpoint');
const REGION_CUES = set('province region state governorate oblast county territory area');
const REFLEXIVE = set('himself herself themselves itself');
const LEAD_SENTENCES = 2;
const RESPONSIBILITY_VERBS = set('claimed claims claim claiming');
const SUBORDINATE_GERUND_HEADS = set('continued began started kept resumed stopped');
const REPORTING = set('said says told reported added stated announced confirmed claimed according');

// the lexicon questions the rules ask of every token near a trigger, answered once per word (wordTest)
const inPrefilter = wordTest((w) => PREFILTER.has(w));
const numberWord = wordTest((w) => /^\d/.test(w) || /^(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|hundreds|several|multiple|twin|numerous|scores)$/.test(w));
/** Modals, negation, auxiliaries, adverbs and "to": the verb group before a trigger. */
const verbGroupWord = wordTest((w) => ADVERBS.has(w) || /ly$/.test(w) || AUX.has(w) || NEGATIONS.has(w) || MODALS.has(w) || /n['’]t$/.test(w) || w === 'to');
const modalOrNegation = wordTest((w) => MODALS.has(w) || NEGATIONS.has(w) || /n['’]t$/.test(w));
const negation = wordTest((w) => NEGATIONS.has(w) || /n['’]t$/.test(w));
/** Words of a noun phrase before its head noun (a mention aside): determiners, modifiers, weapons, names, compounds. */
const nounModifier = wordTest((w, text) => DETERMINERS.has(w) || NOUN_BEFORE.has(w) || WEAPONS.has(w) || /^\p{Lu}/u.test(text) || /-/.test(w));
const irrealisHead = wordTest((w) => IRREALIS_VERBS.has(w) || (/ing$/.test(w) && !/^(?:during|following|including|according|regarding|concerning|morning|evening|bring|ring|king|thing|something|nothing|anything|everything)$/.test(w) && !TRIGGER_FORMS.has(w)));
const determinerOrPossessive = wordTest((w) => DETERMINERS.has(w) || /['’]s$/.test(w));
/** What may stand between a nominal trigger and its determiner (a mention aside). */
const triggerModifier = wordTest((w) => NOUN_BEFORE.has(w) || WEAPONS.has(w) || NEW_EVENT_MARKERS.has(w) || /^\d/.test(w) || /^(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|hundreds|several|multiple|twin|numerous|scores)$/.test(w) || /-/.test(w) || /^(?:such|most|more|very|so|heavy|car|truck|vehicle|explosion)$/.test(w) || /(?:est|ed|ly|al|ic|ous)$/.test(w));

function monthWord(t: Tok): boolean {
  return t.text === 'March' || t.text === 'May';
}

// ---------------------------------------------------------------------------------------------------------------
// types

interface Trig {
  i0: number;
  i1: number;
  cls: TriggerClass;
  lemma: string;
  tense: Tense;
  noun: boolean;
  passive: boolean;
  /** Nominal referring back ("the attack"). */
  anaphoric: boolean;
  /** "the deadliest attack", "a similar siege": a new happening even though definite. */
  newMarker: boolean;
  /** Governed by after/following/amid, or a participle adjunct: part of another event. */
  background: boolean;
  agent?: Party;
  patient?: Party;
  /** Symmetric triggers (clash, battle) have no direction. */
  symmetric: boolean;
  /** Starts its own happening even inside another's clause. */
  /** Its agent claimed responsibility for it ("X claimed responsibility for the attack"). */
  claimed?: boolean;
  standalone?: boolean;
  weapons: Set<Weapon>;
}

interface PlaceRef {
  m: MentionRef;
  rank: number;
  key: string;
  country?: string;
}

interface DateInfo {
  /** Resolved against the reference, or against a stand-in when there is none (for comparing reports only). */
  date: string;
  precision: 1 | 2 | 3 | 4;
  explicit: boolean;
  /** Whether the date may be written: there is a reference date, or the phrase carries its year. */
  known: boolean;
  /** The phrase names no month or year ("on Friday", "last week"). */
  relative: boolean;
}

interface Cand {
  type: string;
  subtype: string;
  weak: boolean;
  mergeOnly: boolean;
  anaphoric: boolean;
  /** Only words that refer back ("the attack", "bodies"): no type of its own. */
  typeless: boolean;
  typelessClass?: TriggerClass;
  /** Refers back ("in the assault") with only generic violence words (kill, attack, fight): any violent report it follows. */
  genericReference: boolean;
  newMarker: boolean;
  sentence: number;
  para: number;
  lastSentence: number;
  span: { s: number; e: number };
  /** The whole clause that reports it (UTF-16), for the notes. */
  clause: { s: number; e: number };
  trig: { s: number; e: number };
  actor1?: Party;
  actor2?: Party;
  symmetric: boolean;
  place?: PlaceRef;
  date: DateInfo;
  /** The toll, read from `region` only when asked (fatalitiesOf): most reports are folded away unread. */
  fat: { region?: { s: number; e: number }; value?: number; done: boolean };
  attribution?: { s: number; e: number };
  civilian: boolean;
  extra: Array<{ s: number; e: number }>;
  /** No agent: a report of victims only ("He was killed January 24 near Mosul"). */
  agentless: boolean;
  /** "Two soldiers were also killed": more dead of the happening just told, whichever side they were on. */
  alsoKilled: boolean;
  /** "The military said it had struck a weapons depot": a strike with no weapon named, maybe one just told. */
  bareStrike: boolean;
  /** Told only as background ("after", "avenging …"): it joins a report of its own time, never re-dates one. */
  background: boolean;
}

interface AttributionRef {
  cue: { s: number; e: number };
  source?: { s: number; e: number };
  content?: { s: number; e: number };
}

interface Doc {
  text: string;
  index: TextIndex;
  ctx: RoleContext;
  /** ctx with speakers allowed as parties, and with owners of targets allowed: made once, not per look-up. */
  speakersCtx: RoleContext;
  ownersCtx: RoleContext;
  mentions: MentionRef[];
  attributions: AttributionRef[];
  sentences: Array<{ s: number; e: number; para: number; heading: boolean; body: number }>;
  reference?: string;
  stand: string;
  /** UTF-16 end of the dateline ("KABUL, Afghanistan, Oct. 3, 2015 (AP) - "), -1 when there is none. */
  datelineEnd: number;
  trace?: (line: string) => void;
  /** Places of the reports found so far, with their sentence: antecedents for "the city", "there". */
  recentPlaces: Array<{ place: PlaceRef; sentence: number }>;
  /** Sentence views built so far, by sentence index. */
  views: Map<number, SentenceView>;
  /** The story's country (`storyCountry`), found once when first asked. */
  story?: { country: string | undefined };
}

/** The view of sentence k, built once. */
function viewOf(doc: Doc, k: number): SentenceView {
  let v = doc.views.get(k);
  if (!v) {
    const sen = doc.sentences[k];
    v = sentenceView(doc.text, sen.s, sen.e, doc.mentions, firstMentionFrom(doc.mentions, sen.s));
    doc.views.set(k, v);
  }
  return v;
}

/** Attributions whose cue or content overlaps [s, e) (attributions are sorted by cue start; contents hold their cue). */
function attributionsIn(doc: Doc, s: number, e: number): AttributionRef[] {
  const out: AttributionRef[] = [];
  const list = doc.attributions;
  // a content can start well before its cue: look back a fixed stretch
  const from = s - 2000;
  for (let k = firstIndexWhere(list.length, (i) => list[i].cue.s >= from); k < list.length && list[k].cue.s < e + 2000; k++) {
    const a = list[k];
    const start = Math.min(a.cue.s, a.content?.s ?? a.cue.s);
    const end = Math.max(a.cue.e, a.content?.e ?? a.cue.e);
    if (start < e && s < end) out.push(a);
  }
  return out;
}

const STAND_IN = '2000-06-15';
/** A number or a counting word (or "a" of "killed a teacher"): without one there is no toll to read. */
const COUNT_HINT = /\d|\b(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|hundreds|thousand|thousands|dozen|dozens|scores|tens)\b/i;
/** Words without which a clause reports no deaths (extractFatalities is skipped). */
const DEATH_HINT = /kill|dead|died|die[sd]?\b|death|toll|lives|perish|slain|massacr|execut|murder|behead|assassinat|lynch|slaughter|bodies|fatalit|themselves|himself|herself/i;
/** How many earlier events a report may be folded into. */
const MERGE_WINDOW = 40;
const VIOLENT_TYPES = new Set(['Battles', 'Explosions/Remote violence', 'Violence against civilians', 'Riots']);
/** A state's forces: "the troops" stay a state's, whoever was named last. */
const STATE_ONLY = set('troops soldiers army police policemen military gendarmes');
/** Words that refer back to any violence ("the attack", "the carnage"), whatever its type. */
const ATTACKERS = set('attackers attacker assailants assailant raiders');
const GENERIC_VIOLENCE = new Set<string>(['attack', 'kill', 'anaphor', 'fight', 'siege']);

// ---------------------------------------------------------------------------------------------------------------
// entry point

export function detectEvents(text: string, detection: Detection, options: DetectEventsOptions = {}): EventDetection {
  const index = options.index ?? new TextIndex(text);
  const doc = prepare(text, detection, index, options);
  const flagged = flaggedSentences(doc);
  const cands: Cand[] = [];
  for (const k of flagged) {
    const sen = doc.sentences[k];
    if (sen.heading) continue;
    const view = viewOf(doc, k);
    // antecedents are looked for two sentences back at most
    if (doc.views.size > 6) for (const old of doc.views.keys()) if (old < k - 3) doc.views.delete(old);
    const lastChar = text.charCodeAt(sen.e - 1);
    if (lastChar === 63 || (text.charCodeAt(sen.e - 2) === 63 && (lastChar === 34 || lastChar === 0x201d || lastChar === 0x2019))) continue;
    cands.push(...sentenceCandidates(doc, view, k));
  }
  const merged = mergeReports(doc, cands);
  return output(doc, merged, options.taxonomy ?? ACLED_TAXONOMY);
}

/** Whether text[a, b) holds an empty line ("\n", spaces, "\n"). */
function blankLineBetween(text: string, a: number, b: number): boolean {
  let newlines = 0;
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      if (++newlines >= 2) return true;
    } else if (c !== 32 && c !== 9 && c !== 13) newlines = 0;
  }
  return false;
}

/** Whether only spaces lie between `at` and the line's start (dir -1) or end (dir 1). */
function onlySpaceTo(text: string, at: number, dir: -1 | 1): boolean {
  for (let i = dir < 0 ? at - 1 : at; i >= 0 && i < text.length; i += dir) {
    const c = text.charCodeAt(i);
    if (c === 10) return true;
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/** `entityOf` for one document, each id looked up once (the rules ask about the same few mentions again and again). */
function entitiesOnce(entityOf: (id: string) => Entity | undefined): (id: string) => Entity | undefined {
  const seen = new Map<string, Entity | undefined>();
  return (id) => {
    let e = seen.get(id);
    if (e === undefined && !seen.has(id)) {
      e = entityOf(id);
      seen.set(id, e);
    }
    return e;
  };
}

function prepare(text: string, detection: Detection, index: TextIndex, options: DetectEventsOptions): Doc {
  const u = (cp: number): number => index.toUtf16(cp);
  // plain loops: a spread of a conditional object and flatMap cost more than the rest of this per document
  const attributions: AttributionRef[] = [];
  const sources: Array<{ s: number; e: number }> = [];
  for (const a of detection.attributions) {
    const ref: AttributionRef = { cue: { s: u(a.cue.start), e: u(a.cue.end) } };
    if (a.source) ref.source = { s: u(a.source.start), e: u(a.source.end) };
    if (a.content) ref.content = { s: u(a.content.start), e: u(a.content.end) };
    attributions.push(ref);
    if (a.source) sources.push({ s: u(a.source.start), e: u(a.source.end) });
  }
  attributions.sort((a, b) => a.cue.s - b.cue.s);
  sources.sort((a, b) => a.s - b.s);
  const dl = datelineRange(index);
  const dlEnd = dl ? u(dl.end) : -1;
  // an undated dateline ("BEIRUT (AP) — ") marks its places too, but dates nothing
  const undated = dl ? undefined : datelinePlace(text);
  const placeDl = dl ? { s: 0, e: dlEnd } : undated && { s: undated.start, e: undated.end };
  const mentions: MentionRef[] = detection.mentions
    .map((m) => {
      const s = u(m.start);
      const e = u(m.end);
      return { s, e, label: m.label, text: m.text, entity: m.entity, cpStart: m.start, cpEnd: m.end, speaker: false, dateline: placeDl !== undefined && s >= placeDl.s && e <= placeDl.e };
    });
  // detection gives mentions in text order; sort only when it does not
  let sorted = true;
  for (let i = 1; i < mentions.length && sorted; i++) sorted = mentions[i - 1].s < mentions[i].s || (mentions[i - 1].s === mentions[i].s && mentions[i - 1].e >= mentions[i].e);
  if (!sorted) mentions.sort((a, b) => a.s - b.s || b.e - a.e);
  let k = 0;
  for (const m of mentions) {
    while (k < sources.length && sources[k].e <= m.s) k++;
    for (let j = k; j < sources.length && sources[j].s < m.e; j++) if (sources[j].s <= m.s && m.e <= sources[j].e) m.speaker = true;
  }
  const raw = splitSentences(text);
  const sentences: Doc['sentences'] = [];
  let para = 0;
  let body = 0;
  for (let i = 0; i < raw.length; i++) {
    const { start: s, end: e } = raw[i];
    if (i > 0 && blankLineBetween(text, raw[i - 1].end, s)) para++;
    // a line of its own without end punctuation: a headline or subhead
    const last = text.charCodeAt(e - 1);
    const punctuated = last === 46 || last === 33 || last === 63 || last === 58 || last === 34 || last === 0x201d || last === 0x2019 || last === 39 || last === 41;
    const heading = (!punctuated && onlySpaceTo(text, s, -1) && onlySpaceTo(text, e, 1)) || e <= dlEnd;
    sentences.push({ s, e, para, heading, body: heading ? -1 : body });
    if (!heading) body++;
  }
  const reference = options.date && /^\d{4}-\d{2}-\d{2}$/.test(options.date) ? options.date : undefined;
  const ctx: RoleContext = { entityOf: options.entityOf && entitiesOnce(options.entityOf), isDemonym: options.isDemonym };
  return { text, index, ctx, speakersCtx: { ...ctx, speakersOk: true }, ownersCtx: { ...ctx, owners: true }, mentions, attributions, sentences, reference, stand: reference ?? STAND_IN, datelineEnd: dlEnd, trace: options.trace, recentPlaces: [], views: new Map() };
}

/** For a word that only starts multi-word triggers ("went" in "went off"): whether one of its partners follows closely. */
function partnerFollows(text: string, from: number, head: string): boolean {
  const rules = PHRASE_HEADS.get(head);
  if (!rules) return EXTRA_HEADS.has(head);
  const next = wordsAfter(text, from);
  return rules.some((r) => next.slice(0, r.within).some((x) => r.next.has(x))) || EXTRA_HEADS.has(head);
}

/** The words of text[from, from + 60) lower-cased: runs of [a-z] then [a-z'-] (by char code when the stretch is ASCII). */
function wordsAfter(text: string, from: number): string[] {
  const end = Math.min(text.length, from + 60);
  for (let i = from; i < end; i++) if (text.charCodeAt(i) >= 128) return text.slice(from, end).toLowerCase().match(/[a-z][a-z'-]*/g) ?? [];
  const out: string[] = [];
  for (let i = from; i < end; ) {
    if (!isLetter(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < end && (isLetter(text.charCodeAt(j)) || text.charCodeAt(j) === 39 || text.charCodeAt(j) === 45)) j++;
    out.push(text.slice(i, j).toLowerCase());
    i = j;
  }
  return out;
}

/** A word's first three characters, lower-cased ASCII letters or "-", as a slot of PREFIX_BITS (-1 when they are not [a-z-]). */
function prefixSlot(text: string, at: number): number {
  let slot = 0;
  for (let i = at; i < at + 3; i++) {
    // | 32 lower-cases ASCII letters and leaves "-" (45) as it is
    const c = text.charCodeAt(i) | 32;
    if (c >= 97 && c <= 122) slot = slot * 27 + (c - 97);
    else if (c === 45) slot = slot * 27 + 26;
    else return -1;
  }
  return slot;
}
/** The first three letters of every word that can start a trigger, one byte per triple: most words of a text are ruled out without a string. */
const PREFIX_BITS = new Uint8Array(27 * 27 * 27);
for (const w of PREFILTER) {
  const slot = w.length >= 3 ? prefixSlot(w, 0) : -1;
  if (slot >= 0) PREFIX_BITS[slot] = 1;
}

/**
 * A zero-filled array of small numbers for one sentence's tokens. A plain array, not a typed one: these are
 * short and made for every sentence and trigger, and a typed array of more than a few dozen bytes gets its own
 * off-heap store, several times dearer to make and to collect.
 */
const zeros = (n: number): number[] => new Array<number>(n).fill(0);

/** First words of WEAPON_PAIRS ("car" of "car bomb"): a pair's key is built only after one. */
const WEAPON_PAIR_HEADS = new Set([...WEAPON_PAIRS.keys()].map((k) => k.slice(0, k.indexOf(' '))));

const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * Sentences holding at least one word that can start a trigger: one scan of the text (words are runs of ASCII
 * letters and hyphens from a letter, three or more long, compared lower-cased), one number look-up per word.
 */
/** The words that pass the prefix number, as written, with their answers (a repeated word is no new string). */
const FLAG_WORDS = new InternTable((text) => {
  const lower = text.toLowerCase();
  return { text, lower, head: PREFILTER.has(lower), trigger: TRIGGER_FORMS.has(lower) };
}, 1 << 16);

function flaggedSentences(doc: Doc): number[] {
  FLAG_WORDS.trim();
  const out: number[] = [];
  const text = doc.text;
  const n = text.length;
  let k = 0;
  const ns = doc.sentences.length;
  for (let i = 0; i < n && k < ns; ) {
    if (!isLetter(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && (isLetter(text.charCodeAt(j)) || text.charCodeAt(j) === 45)) j++;
    const at = i;
    i = j;
    if (j - at < 3 || PREFIX_BITS[prefixSlot(text, at)] !== 1) continue;
    while (k < ns && doc.sentences[k].e <= at) k++;
    if (k >= ns) break;
    if (at < doc.sentences[k].s) continue;
    const w = FLAG_WORDS.get(text, at, j);
    if (w.head && (w.trigger || partnerFollows(text, j, w.lower))) {
      out.push(k);
      i = Math.max(i, doc.sentences[k].e);
      k++;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// triggers in one sentence

function verbTense(w: string): Tense {
  if (/^(?:took|fell|drove|won|blew|went|broke|laid|swore|overran|overtook|retook|withdrew|slew|fought|struck|shot|came)$/.test(w)) return 'past';
  if (/^(?:taken|fallen|driven|blown|gone|broken|sworn|overrun|overtaken|retaken|withdrawn|slain)$/.test(w)) return 'participle';
  if (w === 'left') return 'pastOrParticiple';
  if (/^(?:set|hit|shot|laid)$/.test(w)) return 'pastOrParticiple';
  if (w.endsWith('ing')) return 'gerund';
  if (w.endsWith('ed')) return 'pastOrParticiple';
  if (w.endsWith('s')) return 'present';
  return 'base';
}

function isNumberTok(t: Tok | undefined): boolean {
  return t !== undefined && numberWord(t);
}

function findTriggers(view: SentenceView): Trig[] {
  const toks = view.toks;
  const out: Trig[] = [];
  const used = zeros(toks.length);
  let i = 0;
  let t = toks[0];
  const make = (i1: number, cls: TriggerClass, tense: Tense, lemma = t.lower): Trig => ({
    i0: i, i1, cls, tense, lemma, noun: tense === 'noun' || tense === 'plural', passive: false, anaphoric: false, newMarker: false,
    background: false, symmetric: cls === 'fight' || cls === 'agree', weapons: new Set(),
  });
  for (; i < toks.length; i++) {
    t = toks[i];
    if (t.punct || used[i] || !inPrefilter(t)) continue;
    // a word of a longer name is no trigger: "National Liberation Army", "Islamic Resistance"
    if (t.mention >= 0 && (view.mentions[t.mention].s < t.s || view.mentions[t.mention].e > t.e)) continue;
    let trig: Trig | undefined;
    // air strike, air raid; suicide bombing / bomber / attack
    if (t.lower === 'air' && /^(?:strikes?|raids?)$/.test(toks[i + 1]?.lower ?? '')) trig = make(i + 2, 'air', toks[i + 1].lower.endsWith('s') ? 'plural' : 'noun');
    else if (t.lower === 'suicide') {
      for (let j = i + 1; j <= i + 3 && j < toks.length && !toks[j].punct; j++) {
        if (/^(?:bomb|bombs|bombing|bombings|bomber|bombers|attack|attacks|attacker|attackers|blast|blasts|explosion|explosions)$/.test(toks[j].lower)) {
          trig = make(j + 1, 'suicide', toks[j].lower.endsWith('s') && !/ss$/.test(toks[j].lower) ? 'plural' : 'noun');
          break;
        }
      }
    }
    if (!trig) {
      for (const p of PHRASE_HEADS.get(t.lower) ?? []) {
        for (let j = i + 1; j <= i + p.within && j < toks.length; j++) {
          if (toks[j].punct) break;
          if (p.next.has(toks[j].lower)) {
            if (p.then && !p.then.has(toks[j + 1]?.lower ?? '')) break;
            const headIsNoun = /^(?:oath|prisoner|prisoners|peace)$/.test(t.lower);
            trig = make(p.then ? j + 2 : j + 1, p.cls, headIsNoun ? 'noun' : verbTense(t.lower));
            break;
          }
        }
        if (trig) break;
      }
    }
    if (!trig && /^(?:took|taken|take|takes|taking)$/.test(t.lower)) {
      // "took an election official": abduction when a person is taken; "have taken 3,000 square kilometres": territory
      for (let j = i + 1; j <= i + 6 && j < toks.length; j++) {
        if (toks[j].punct && toks[j].lower !== ',' && toks[j].lower !== '(') break;
        if (NOT_ABDUCT_TAKE.has(toks[j].lower) || NON_TERRITORY_OBJECTS.has(toks[j].lower)) break;
        if (PERSON_OBJECTS.has(toks[j].lower)) {
          trig = make(i + 1, 'abduct', verbTense(t.lower), 'take');
          break;
        }
        if (TERRITORY_NOUNS.has(toks[j].lower) || (toks[j].mention >= 0 && view.mentions[toks[j].mention].label === 'PLACE')) {
          trig = make(i + 1, 'seize', verbTense(t.lower), 'take');
          break;
        }
      }
    }
    if (!trig && /^(?:left|leave|leaves|leaving)$/.test(t.lower)) {
      // "peacekeepers left Mali": a withdrawal when a place is left (the subject is checked with the roles)
      const o = toks[i + 1]?.lower === 'the' ? i + 2 : i + 1;
      if (toks[o] && toks[o].mention >= 0 && view.mentions[toks[o].mention].label === 'PLACE') trig = make(i + 1, 'withdraw', verbTense(t.lower === 'left' ? 'left' : t.lower), 'leave');
    }
    if (!trig) {
      const forms = TRIGGER_FORMS.get(t.lower);
      if (!forms) continue;
      if (monthWord(t) && i > 0) continue;
      const prev = toks[i - 1];
      const next = toks[i + 1];
      const nounReading = forms.find((f) => f.tense === 'noun' || f.tense === 'plural');
      // "hit", "set": past unless "to", a modal or "do" comes before
      const verbs = forms.filter((f) => f.tense !== 'noun' && f.tense !== 'plural');
      const baseCtx = prev && (prev.lower === 'to' || MODALS.has(prev.lower) || /^(?:do|does|did|don't|didn't)$/.test(prev.lower));
      const verbReading = (baseCtx ? undefined : verbs.find((f) => f.tense === 'pastOrParticiple' || f.tense === 'past')) ?? verbs[0];
      let reading = verbReading ?? nounReading!;
      if (nounReading && verbReading) {
        const nounCtx =
          (prev && (DETERMINERS.has(prev.lower) || NOUN_BEFORE.has(prev.lower) || SERIES_BEFORE.has(prev.lower) || isNumberTok(prev) || /['’]s$/.test(prev.lower) || WEAPONS.has(prev.lower) || prev.mention >= 0)) ||
          (prev && toks[i - 2] && DETERMINERS.has(toks[i - 2].lower) && !AUX.has(prev.lower) && !prev.punct) ||
          (next && NOUN_AFTER.has(next.lower)) ||
          (!prev && verbReading.tense === 'gerund');
        const verbCtx = prev && (AUX.has(prev.lower) || prev.lower === 'to' || MODALS.has(prev.lower));
        reading = nounCtx && !verbCtx ? nounReading : verbReading;
      }
      if (reading.cls === 'arrest' && /^warrants?$/.test(next?.lower ?? '')) continue;
      // "an armed uprising", "armed revolt": a war, not a crowd in the street
      if (reading.cls === 'protest' && reading.tense !== 'gerund' && toks[i - 1]?.lower === 'armed') continue;
      trig = make(i + 1, reading.cls, reading.tense, reading.lemma);
    }
    // "U.S. forces destroyed two Houthi drones": weapons stopped in flight, not property destroyed
    if (trig.cls === 'loot' && trig.lemma === 'destroy' && !trig.noun) {
      for (let j = trig.i1; j < Math.min(toks.length, trig.i1 + 5) && !toks[j].punct && !/^(?:with|in|near|on|at|using|by|and|of)$/.test(toks[j].lower); j++) {
        if (!INTERCEPTED.has(toks[j].lower)) continue;
        if (/^(?:drones?|missiles?|rockets?|projectiles?)$/.test(toks[j].lower)) trig.cls = 'intercept';
        break;
      }
    }
    for (let j = trig.i0; j < trig.i1; j++) used[j] = 1;
    out.push(trig);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// is it an event?

type Reality = 'real' | 'unreal' | 'background';

/**
 * For each token, where its clause starts and ends, computed once per sentence and kept for the last few
 * sentences' tokens (the rules look at most a few sentences back): a ring searched by identity, not a WeakMap,
 * whose entries the collector has to trace specially.
 */
const CLAUSE_RING = 8;
const ringToks: Array<readonly Tok[] | undefined> = new Array(CLAUSE_RING).fill(undefined);
const ringClauses: Array<{ start: number[]; end: number[] }> = new Array(CLAUSE_RING);
let ringNext = 0;
const AS_NOT_A_BREAK = set('part well many much long a soon far');
const SINCE_DATE = /^(?:\d{4}|january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|then|last|early|late|mid-\S+)$/;

function clauses(toks: readonly Tok[]): { start: number[]; end: number[] } {
  for (let r = 0; r < CLAUSE_RING; r++) if (ringToks[r] === toks) return ringClauses[r];
  const n = toks.length;
  const start = zeros(n + 1);
  const end = zeros(n + 1);
  const aside = bracketAsides(toks);
  let open = 0;
  for (let i = 0; i <= n; i++) {
    start[i] = open;
    const t = toks[i];
    if (!t) break;
    const asIdiom = t.lower === 'as' && AS_NOT_A_BREAK.has(toks[i + 1]?.lower ?? '');
    // "troops deployed there since 2021 retook": "since" before a date is a preposition, no subordinator
    const sinceDate = t.lower === 'since' && SINCE_DATE.test(toks[i + 1]?.lower ?? '');
    if (!asIdiom && !sinceDate && !aside.has(i) && (isClauseBreak(t) || t.lower === 'that' || t.lower === '“' || t.lower === '"')) open = i + 1;
  }
  let close = n;
  end[n] = n;
  for (let i = n - 1; i >= 0; i--) {
    const t = toks[i];
    const asIdiom = t.lower === 'as' && AS_NOT_A_BREAK.has(toks[i + 1]?.lower ?? '');
    if (!asIdiom && !aside.has(i) && ((isClauseBreak(t) && t.lower !== 'since' && t.lower !== 'as') || t.lower === ';')) close = i;
    end[i] = close;
  }
  const c = { start, end };
  ringToks[ringNext] = toks;
  ringClauses[ringNext] = c;
  ringNext = (ringNext + 1) % CLAUSE_RING;
  return c;
}

/**
 * The brackets of a short aside ("the Rapid Support Forces (RSF) shelled", "(pictured)"): up to three words, no
 * clause word inside and a lower-case word or a comma after, so they break no clause.
 */
function bracketAsides(toks: readonly Tok[]): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < toks.length; i++) {
    if (toks[i].lower !== '(') continue;
    for (let k = i + 1; k < toks.length && k <= i + 4; k++) {
      const w = toks[k].lower;
      if (w === ')') {
        // (not a dateline's "(Reuters) -" or "(CNN) ISIS militants": what comes before it is no part of the clause)
        const next = toks[k + 1];
        if (next && next.text === next.lower && !/^[-–—:]$/.test(next.lower)) out.add(i).add(k);
        break;
      }
      if (isClauseBreak(toks[k]) || w === ',' || w === 'that') break;
    }
  }
  return out;
}

/** Index of the first token of the clause holding token i (after the last clause break before it). */
function clauseStart(toks: readonly Tok[], i: number): number {
  return clauses(toks).start[Math.max(0, Math.min(i, toks.length))];
}

/** Index of the clause break that ends the clause from token i on (or the sentence's end). */
function clauseEnd(toks: readonly Tok[], i: number): number {
  return clauses(toks).end[Math.max(0, Math.min(i, toks.length))];
}

const WANTING = set('plan plans planned planning want wants wanted vow vows vowed threaten threatens threatened call calls called urge urged urges expect expected hope hoped intend intended decide decided refuse refused prepare prepared preparing set due allowed permitted going able');

/** "hundreds of women blocked a highway to protest": a purpose of an act already done, so the protest took place. */
function purposeOfPastAct(toks: readonly Tok[], cs: number, to: number): boolean {
  const before = toks[to - 1];
  if (!before || before.punct || WANTING.has(before.lower) || AUX.has(before.lower)) return false;
  for (let k = cs; k < to - 1; k++) {
    const w = toks[k].lower;
    if (MODALS.has(w) || WANTING.has(w) || w === 'not' || w === 'to') return false;
  }
  for (let k = cs; k < to; k++) if (/^(?:took|went|came|gathered|blocked|marched|rallied|assembled|poured|stormed|converged|staged|held|burned|burnt)$/.test(toks[k].lower)) return true;
  return false;
}

/** Days and times that may stand between a reporting verb and what it reports ("said on Wednesday they had …"). */
const REPORT_TIME = set('on late early last this that monday tuesday wednesday thursday friday saturday sunday night morning evening afternoon yesterday today');

/** The reporting verb right before token k, across "that" and a time ("said on Wednesday that they …"); -1 when none. */
function reportingBefore(toks: readonly Tok[], k: number): number {
  for (let q = k - 1; q >= 0 && q >= k - 5; q--) {
    if (REPORTING.has(toks[q].lower)) return q;
    if (!REPORT_TIME.has(toks[q].lower)) return -1;
  }
  return -1;
}

/** "backed by", "supported by": what follows supports the side that acts. */
const SUPPORTED = set('backed supported aided assisted helped covered');

/** The "backed" of a "backed by" found walking left from `from` down to `lowest` (≥ 1) before any punctuation; -1 when none. */
function supportBefore(toks: readonly Tok[], from: number, lowest: number): number {
  for (let k = from; k >= lowest && !toks[k].punct; k--) if (toks[k].lower === 'by' && SUPPORTED.has(toks[k - 1].lower)) return k - 1;
  return -1;
}

/** Whether the trigger sits in a "backed by (X) airstrikes" phrase: the support, not the act. */
function inSupport(toks: readonly Tok[], tr: Trig): boolean {
  return supportBefore(toks, tr.i0 - 1, Math.max(1, tr.i0 - 4)) >= 0;
}

/** "in earlier strikes", "in recent attacks": a series before the events reported. */
const SERIES_BEFORE = set('earlier previous past recent prior repeated');

function reality(doc: Doc, view: SentenceView, tr: Trig, body: number): Reality {
  const toks = view.toks;
  const i = tr.i0;
  const cs = clauseStart(toks, i);
  const ce = clauseEnd(toks, tr.i1);
  // verb group right before the trigger: modals, negation, "to"
  let j = i - 1;
  while (j >= 0 && verbGroupWord(toks[j])) {
    const w = toks[j].lower;
    if (modalOrNegation(toks[j])) return 'unreal';
    if (w === 'to' && !tr.noun && !(tr.cls === 'protest' && j > 0 && purposeOfPastAct(toks, clauseStart(toks, j - 1), j))) return 'unreal';
    j--;
  }
  const prev = toks[i - 1];
  if (tr.noun) {
    if (prev && /^(?:no|any|possible|potential|planned|future|alleged|attempted|imminent|feared|further|more)$/.test(prev.lower)) return 'unreal';
    // "were not involved in the attack"
    for (let k = i - 1; k >= Math.max(cs, i - 6); k--) if (negation(toks[k])) return 'unreal';
    // "Any U.S. troop pullout from Afghanistan would be tied to ..."
    for (let k = i - 1; k >= Math.max(cs, i - 3); k--) if (toks[k].lower === 'any') return 'unreal';
    // "encouraging a Sunni uprising", "to prevent attacks": the object of a verb of wanting or stopping
    let v = i - 1;
    while (v >= 0 && v >= i - 5 && !toks[v].punct && (toks[v].mention >= 0 || nounModifier(toks[v]))) v--;
    if (v >= 0 && v < i - 1 && irrealisHead(toks[v])) return 'unreal';
    for (let k = tr.i1; k < Math.min(toks.length, tr.i1 + 6); k++) {
      if (MODALS.has(toks[k].lower)) return 'unreal';
      if (/^(?:likely|unlikely|expected|set|due|poised|bound)$/.test(toks[k].lower) && toks[k + 1]?.lower === 'to') return 'unreal';
      if (toks[k].punct || isClauseBreak(toks[k])) break;
    }
  }
  // "vowed to retake", "in an attempt to capture", "plans for an attack", "if", "denied"
  let toAfter = false;
  let ofAfter = false;
  for (let k = i - 1; k >= cs; k--) {
    // scanned right to left: whether a "to" / "of" comes between this word and the trigger
    const w = toks[k].lower;
    if (w === 'if' || w === 'unless' || w === 'whether') return 'unreal';
    if (INTENT_VERBS.has(w) && toAfter) return 'unreal';
    if ((w === 'attempt' || w === 'order' || w === 'bid' || w === 'effort') && toks[k + 1]?.lower === 'to') return 'unreal';
    if (tr.noun && THREAT_NOUNS.has(w) && k >= i - 4 && ofAfter) return 'unreal';
    if (w === 'denied' || w === 'denies' || w === 'deny') return 'unreal';
    if (w === 'to') toAfter = true;
    if (w === 'of' || w === 'for') ofAfter = true;
  }
  for (let k = 0; k < i; k++) if (toks[k].lower === 'if' || toks[k].lower === 'unless') return 'unreal';
  // "saying it was avenging the killing of a commander in a raid last month": the motive, told before
  for (let k = i - 1; k >= Math.max(0, i - 12) && toks[k].lower !== ';'; k--) if (/^(?:avenging|avenge|avenged|avenges)$/.test(toks[k].lower)) return 'background';
  if (cs === 0 && /^(?:should|were)$/.test(toks[0]?.lower ?? '') && toks[0].text !== toks[0].lower) return 'unreal';
  // generic, ongoing, aggregated: the clause up to the trigger and a little after it, not past its first comma
  let we = tr.i1;
  while (we < ce && we < tr.i1 + 8 && toks[we].lower !== ',') we++;
  if (tr.cls === 'fight' && /^(?:alongside|beside)$/.test(toks[tr.i1]?.lower ?? '')) return 'unreal';
  // an apposition before the trigger (", dormant for years,") says nothing about the event's time
  const commas: number[] = [];
  for (let k = cs; k < i; k++) if (toks[k].lower === ',') commas.push(k);
  const apposition = (k: number): boolean => {
    for (let c = 0; c + 1 < commas.length; c++) if (commas[c] < k && k < commas[c + 1] && commas[c + 1] - commas[c] <= 12) return true;
    return false;
  };
  // "has besieged El Fasher, the capital of North Darfur state, for weeks", "has displaced ... since January":
  // a duration or a starting date anywhere in the clause
  // "5,000 civilians have been killed since the army seized power": a perfect up to now from any start
  const perfectNow = /^(?:has|have)$/.test(toks[j + 1]?.lower ?? '') && j + 1 < i;
  // "The war ..., which erupted in April 2023, has killed tens of thousands": what a war has cost, a tally
  if (perfectNow && !tr.noun) {
    let s = cs;
    while (s <= j && (DETERMINERS.has(toks[s].lower) || isNumberTok(toks[s]) || /year|decade|month|^(?:-|long|brutal|bloody|civil|ongoing|current|armed)$/.test(toks[s].lower) || toks[s].mention >= 0)) s++;
    if (s <= j && WAR_NOUNS.has(toks[s].lower)) return 'unreal';
  }
  for (let k = tr.i1; k < ce; k++) {
    if (toks[k].lower === 'since' && (perfectNow || /^(?:\d{4}|january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|then|early|late)$/.test(toks[k + 1]?.lower ?? ''))) return 'unreal';
    const u = toks[k + 1]?.lower ?? '';
    const unit = DURATION_UNITS.has(u) ? k + 1 : isNumberTok(toks[k + 1]) && DURATION_UNITS.has(toks[k + 2]?.lower ?? '') ? k + 2 : -1;
    if (toks[k].lower === 'for' && unit > 0 && toks[unit + 1]?.lower !== 'of') return 'unreal';
  }
  if (periodTally(toks, cs, ce)) return 'unreal';
  for (let k = cs; k < we; k++) {
    const w = toks[k].lower;
    if (k < i && apposition(k)) continue;
    // "to protest against the wave of abductions": what the protest is about may be a series, the protest is not
    if (GENERIC_CUES.has(w) && !(k > tr.i1 && toks.slice(tr.i1, k).some((x) => x.lower === 'against' || x.lower === 'over'))) return 'unreal';
    if (w === 'both' && (toks[k + 1]?.lower === 'sides' || partyAt(view, k + 1, doc.ctx) || toks[k + 1]?.lower === 'the')) return 'unreal';
    if (w === 'for' && (DURATION_UNITS.has(toks[k + 1]?.lower ?? '') || (isNumberTok(toks[k + 1]) && DURATION_UNITS.has(toks[k + 2]?.lower ?? ''))) && toks[k + (DURATION_UNITS.has(toks[k + 1]?.lower ?? '') ? 2 : 3)]?.lower !== 'of') return 'unreal';
    if (w === 'over' && toks[k + 1]?.lower === 'the' && /^(?:past|last)$/.test(toks[k + 2]?.lower ?? '') && toks.slice(k + 3, k + 6).some((x) => /^(?:months|years|decades|decade)$/.test(x.lower))) return 'unreal';
    if ((w === 'years' || w === 'decades' || w === 'rounds') && /^(?:past|recent|the|several|many|two|three|four|five|six|seven|eight|nine|ten|\d+)$/.test(toks[k - 1]?.lower ?? '')) return 'unreal';
    if (w === 'in' && toks[k + 1]?.lower === 'the' && /^(?:war|conflict|insurgency|crisis)$/.test(toks[k + 2]?.lower ?? '') && !dateIn(doc, view, cs, ce)) return 'unreal';
    // "fought more effectively than": a comparison, not a report
    if ((w === 'more' || w === 'less') && /ly$/.test(toks[k + 1]?.lower ?? '')) return 'unreal';
    // before the trigger only a fronted "since" dates the clause ("Since 2021, rebels have attacked"), not one
    // inside the subject ("troops deployed there since 2021 retook")
    if (w === 'since' && k + 1 < toks.length && SINCE_DATE.test(toks[k + 1].lower) && (k > i || k === cs || toks[k - 1]?.lower === ',' || AUX.has(toks[k - 1]?.lower ?? ''))) return 'unreal';
    if (w === 'from' && k < ce - 3 && toks.slice(k + 1, Math.min(ce, k + 5)).some((x) => /^(?:late|early|mid-\S+|january|february|march|april|may|june|july|august|september|october|november|december)$/.test(x.lower)) && toks.slice(k + 1, ce).some((x) => x.lower === 'to' || x.lower === 'until')) return 'unreal';
    // "civilians had been killed in earlier strikes": a toll of a series told before, not a report
    if (w === 'in' && k > i && SERIES_BEFORE.has(toks[k + 1]?.lower ?? '') && /[^s]s$/.test(toks[k + 2]?.lower ?? '')) return 'unreal';
    // "has been fending off an offensive": an ongoing state
    if (w === 'been' && /ing$/.test(toks[k + 1]?.lower ?? '') && /^(?:has|have|had)$/.test(toks[k - 1]?.lower ?? '')) return 'unreal';
  }
  // present perfect with no time: a summary of the war so far ("has captured swathes of territory", "which has clashed with")
  const perfect = /^(?:has|have)$/.test(toks[j + 1]?.lower ?? '') && j + 1 < i;
  const sharedPerfect = toks[i - 1]?.lower === 'and' && toks.slice(Math.max(cs, i - 12), i - 1).some((x) => x.lower === 'has' || x.lower === 'have');
  if (!tr.noun && (perfect || sharedPerfect) && !dateIn(doc, view, cs, ce)) {
    // "which has clashed with", "a group that has pledged allegiance" (not "said that militants have killed")
    const rel = toks.slice(Math.max(0, i - 4), i).some((x, q, w) => x.lower === 'which' || x.lower === 'who' || (x.lower === 'that' && q > 0 && !REPORTING.has(w[q - 1].lower) && !w[q - 1].punct));
    let o = tr.i1;
    while (o < toks.length && o < tr.i1 + 3 && (DETERMINERS.has(toks[o].lower) || /^(?:large|vast|big|huge|of)$/.test(toks[o].lower))) o++;
    const obj = toks[o];
    const bareSeq = o === tr.i1;
    const aggregate = obj !== undefined && (AGGREGATE_WORDS.has(obj.lower) || (bareSeq && obj.mention < 0 && /[^s]s$/.test(obj.lower) && !/^(?:us|this|its|his)$/.test(obj.lower)));
    if (rel || aggregate) return 'unreal';
  }
  // inside "after being ousted in an uprising", "before joining": background to the main clause
  for (let k = Math.max(0, cs - 1, i - 6); k < i - 1; k++) {
    if (/^(?:after|before|since|while|upon)$/.test(toks[k].lower) && /ing$/.test(toks[k + 1].lower)) return 'background';
  }
  if (tr.noun) {
    if (tr.tense === 'plural') {
      const counted = toks.slice(Math.max(0, i - 3), i).some((x) => isNumberTok(x));
      const dated = dateIn(doc, view, cs, ce) !== undefined;
      const definite = prev !== undefined && (prev.lower === 'the' || prev.lower === 'these' || prev.lower === 'those');
      // "its forces had launched air strikes on ...": a report of its own
      let lv = i - 1;
      while (lv >= cs && lv >= i - 3 && (NOUN_BEFORE.has(toks[lv].lower) || WEAPONS.has(toks[lv].lower) || toks[lv].lower === 'out')) lv--;
      const launched = lv >= cs && LIGHT_VERBS.has(toks[lv].lower) && /ed$/.test(toks[lv].lower) && !/^(?:has|have)$/.test(toks[lv - 1]?.lower ?? '');
      // "Israeli strikes killed 25 people": the subject of a past act with its toll
      const acted = /^(?:killed|hit|struck|wounded|injured|destroyed|damaged|left|targeted)$/.test(toks[tr.i1]?.lower ?? '');
      if (!counted && !dated && !definite && !launched && !acted) return 'unreal';
    }
    // governed by after / following / amid / with; "the announcement of", "freeing hostages"
    for (let k = i - 1; k >= Math.max(0, i - 5); k--) {
      const w = toks[k].lower;
      if (BACKGROUND_PREPOSITIONS.has(w) || w === 'with' && (k === 0 || toks[k - 1].text === ',' || /^[A-Z]/.test(toks[k].text))) return 'background';
      if (w === 'of' && /^(?:announcement|announcements|claims?|reports?|news|accounts?|allegations?|evidence|footage|videos?|images?|photos?|aftermath|wake|anniversary|victims?|survivors?|weeks|months|years|days)$/.test(toks[k - 1]?.lower ?? '')) return 'background';
      if ((w === 'for' || w === 'to') && /^(?:retaliation|response|revenge|reprisal|reprisals)$/.test(toks[k - 1]?.lower ?? '')) return 'background';
      // "Somali troops backed by US airstrikes killed …": the support of the side that acts
      if (w === 'by' && SUPPORTED.has(toks[k - 1]?.lower ?? '')) return 'background';
      if (/^(?:free|freed|freeing|rescued|rescuing|released|releasing|release)$/.test(w)) return 'background';
      if (!(DETERMINERS.has(w) || NOUN_BEFORE.has(w) || WEAPONS.has(w) || isNumberTok(toks[k]) || toks[k].mention >= 0 || /['’]s$/.test(w) || /-/.test(w) || STATE_NOUNS.has(w) || NONSTATE_NOUNS.has(w))) break;
    }
    return 'real';
  }
  // verbs: past or perfect; present only in the lead of a story written in the present
  const t = tr.tense;
  if (t === 'base' || t === 'present') {
    // "blocked a highway to protest": the loop above lets "to" through only as the purpose of an act done
    if (prev?.lower === 'to') return 'real';
    if (body >= LEAD_SENTENCES) return 'unreal';
    return 'real';
  }
  if (t === 'gerund') {
    if (prev && SUBORDINATE_GERUND_HEADS.has(prev.lower)) return 'real';
    // "accused the army of bombing markets": an allegation is reported as an event
    if (prev?.lower === 'of' && toks.slice(Math.max(0, i - 8), i).some((x) => /^(?:accused|accusing|accuses|accuse)$/.test(x.lower))) return 'real';
    if (prev && (prev.lower === 'were' || prev.lower === 'was')) return 'real';
    return 'background';
  }
  // participles: adjectival before a noun ("seized weapons", "the abducted villagers")
  if ((t === 'pastOrParticiple' || t === 'participle') && prev && ((DETERMINERS.has(prev.lower) && prev.lower !== 'that') || isNumberTok(prev) || prev.lower === 'of')) {
    const next = toks[tr.i1];
    if (next && !next.punct && !BE.has(next.lower) && next.lower !== 'by' && !LOCATIVE.has(next.lower)) return 'unreal';
  }
  return 'real';
}

/** Aircraft named as the subject of an attack verb. */
const AIRCRAFT = set('aircraft warplane warplanes jet jets helicopter helicopters gunship gunships drone drones');

/** Trigger classes whose verbs take no object: a participle of theirs after a noun is no reduced passive. */
const INTRANSITIVE_CLASSES: ReadonlySet<TriggerClass> = new Set<TriggerClass>(['protest', 'riot', 'fight', 'explode']);

/** Prepositions that open the phrase of an event noun ("fighting between", "an attack by", "shelling of"). */
const EVENT_NOUN_PHRASE = set('between by of with on against');

/**
 * Whether the subject found before a verb at `subjectStart` sits inside the phrase of an event noun that heads
 * the clause's subject: the noun comes first, its phrase opens with a preposition, and no verb, comma or clause
 * break comes between.
 */
function nounSubject(toks: readonly Tok[], nounAt: readonly number[], cs: number, subjectStart: number): boolean {
  for (let q = subjectStart - 1; q >= cs; q--) {
    if (nounAt[q] === 1) return EVENT_NOUN_PHRASE.has(toks[q + 1]?.lower ?? '');
    const w = toks[q].lower;
    if (toks[q].punct || isClauseBreak(toks[q]) || AUX.has(w) || REPORTING.has(w)) return false;
  }
  return false;
}

const TREND_WORDS = set('rampant common commonplace widespread frequent routine endemic rife increasingly');
const TREND_VERBS = set('become becomes became is are remains remain has have been grown grew');

/** Whether the words after an event noun at `i` say it is a trend ("has become rampant", "remains common"). */
function trendAfter(toks: readonly Tok[], i: number): boolean {
  // across its own phrase ("for ransom", "of civilians")
  let k = i;
  if (/^(?:for|of|by|in)$/.test(toks[k]?.lower ?? '')) k += 2;
  let verbs = 0;
  while (k < toks.length && TREND_VERBS.has(toks[k].lower) && verbs < 3) {
    k++;
    verbs++;
  }
  if (verbs === 0) return false;
  if (/^(?:more|so|very|increasingly|all|too)$/.test(toks[k]?.lower ?? '')) k++;
  return TREND_WORDS.has(toks[k]?.lower ?? '');
}

const HANDED_OVER_PEOPLE = /^(?:soldiers?|hostages?|captives?|prisoners?|detainees?|bodies|body|remains|civilians?|children|people|men|women|officers?|policemen|troops|fighters|suspects?|journalists?|workers?)$/;

/** Whether the subject of a passive "abandoned" names people ("the people of X are abandoned"). */
function abandonedPeople(toks: readonly Tok[], tr: Trig): boolean {
  for (let k = tr.i0 - 1; k >= Math.max(0, tr.i0 - 6) && !toks[k].punct; k--) if (toks[k].mention < 0 && CIVILIAN_PERSONS.has(toks[k].lower)) return true;
  return false;
}

/** Whether what a "hand over" trigger hands over is people (captives, soldiers, bodies), before or after it. */
function handsOverPeople(toks: readonly Tok[], tr: Trig): boolean {
  if (tr.passive || toks[tr.i0 - 1]?.lower === 'were' || toks[tr.i0 - 1]?.lower === 'was') {
    for (let k = tr.i0 - 1; k >= Math.max(0, tr.i0 - 5); k--) if (HANDED_OVER_PEOPLE.test(toks[k].lower)) return true;
  }
  for (let k = tr.i0 + 1; k < Math.min(toks.length, tr.i1 + 6); k++) if (HANDED_OVER_PEOPLE.test(toks[k].lower)) return true;
  return false;
}

/** What a war is called as the subject of its toll ("the conflict has killed …"). */
const WAR_NOUNS = set('war wars conflict conflicts fighting violence insurgency insurgencies crisis unrest rebellion uprising civil-war campaign');

/** Weekdays and relative days: a clause that names one tells of a happening, not of a period. */
const DAY_WORDS = set('monday tuesday wednesday thursday friday saturday sunday yesterday today tonight overnight');

/**
 * "more than 1,000 people had been killed in three states this year": a count over the running year or month,
 * a tally ACLED does not code as an event; "earlier this month" dates one happening, and a clause that names
 * a day tells of one.
 */
function periodTally(toks: readonly Tok[], cs: number, ce: number): boolean {
  let period = false;
  let counted = false;
  for (let k = cs; k < ce; k++) {
    const w = toks[k].lower;
    if (DAY_WORDS.has(w)) return false;
    if (isNumberTok(toks[k])) counted = true;
    if (w === 'this' && /^(?:year|month)$/.test(toks[k + 1]?.lower ?? '') && !/^(?:earlier|early|late|later)$/.test(toks[k - 1]?.lower ?? '')) period = true;
  }
  return period && counted;
}

/** Words without which a stretch of text holds no date phrase: most clauses skip the date rules. */
const DATE_HINT = /\d|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|[Tt]oday|[Yy]esterday|[Tt]onight|days?|weeks?|months?|years?|night|ago|previous|recent|past|morning|evening|afternoon|weekend|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b/;

interface FoundDate {
  /** UTF-16 offset of the phrase in the text. */
  at: number;
  info: DateInfo;
}

/** The clause's own date phrase (not the date a statement was made), resolved, or undefined. */
function dateIn(doc: Doc, view: SentenceView, from: number, to: number): DateInfo | undefined {
  const toks = view.toks;
  if (from >= to || from >= toks.length) return undefined;
  const s = toks[from].s;
  const e = toks[Math.min(to, toks.length) - 1].e;
  let best: FoundDate | undefined;
  for (const d of sentenceDates(doc, view)) {
    if (d.at < s || d.at >= e) continue;
    if (!best || d.at < best.at || (d.at === best.at && d.info.precision < best.info.precision)) best = d;
  }
  return best?.info;
}

/** Every date phrase of the sentence, found once: reporting cues ("officials said Saturday") and the dateline blanked. */
function sentenceDates(doc: Doc, view: SentenceView): FoundDate[] {
  const cached = view.memo.get('dates') as FoundDate[] | undefined;
  if (cached) return cached;
  const found: FoundDate[] = [];
  view.memo.set('dates', found);
  const s = view.s;
  let part = doc.text.slice(s, view.e);
  if (!DATE_HINT.test(part)) return found;
  const blank = (a: number, b: number): void => {
    const x = Math.max(0, a - s);
    const y = Math.min(part.length, b - s);
    if (y > x) part = part.slice(0, x) + ' '.repeat(y - x) + part.slice(y);
  };
  if (doc.datelineEnd > s) blank(s, doc.datelineEnd);
  for (const a of attributionsIn(doc, s, view.e)) blank(a.cue.s, a.cue.e + 14);
  const add = (at: number, info: DateInfo): void => {
    found.push({ at: s + at, info });
  };
  for (const r of resolveDates(part, doc.stand)) {
    const known = doc.reference !== undefined || /\b(?:19|20)\d{2}\b/.test(r.phrase);
    const relative = !/\b(?:19|20)\d{2}\b|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec/.test(r.phrase);
    add(r.at, { date: r.date, precision: r.precision, explicit: true, known, relative });
  }
  // each pattern only where its key word is (most sentences have none)
  const year = /(?:19|20)\d\d/.test(part);
  if (year) for (const m of part.matchAll(/\b(?:in|during|of|early|late|mid-?)\s+((?:19|20)\d{2})\b|\bthe\s+((?:19|20)\d{2})\s+[a-z]/g)) {
    add(m.index, { date: `${m[1] ?? m[2]}-01-01`, precision: 4, explicit: true, known: true, relative: false });
  }
  if (/day\s|previous/i.test(part)) for (const m of part.matchAll(/\b(?:a|one)\s+day\s+(?:earlier|before)\b|\bthe\s+(?:previous|day\s+before)\b/gi)) {
    add(m.index, { date: new Date(Date.parse(`${doc.stand}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10), precision: 1, explicit: true, known: doc.reference !== undefined, relative: true });
  }
  if (/year/i.test(part)) for (const m of part.matchAll(/\b(?:last\s+year|a\s+year\s+ago)\b/gi)) {
    add(m.index, { date: `${Number(doc.stand.slice(0, 4)) - 1}-01-01`, precision: 4, explicit: true, known: doc.reference !== undefined, relative: true });
  }
  if (year) for (const m of part.matchAll(/\b(?:in\s+|during\s+|early\s+|late\s+)?(January|February|March|April|May|June|July|August|September|October|November|December)\s+((?:19|20)\d{2})\b/g)) {
    if (found.some((f) => f.at - s === m.index && f.info.precision === 1)) continue;
    const mo = MONTH_NAMES.indexOf(m[1].toLowerCase()) + 1;
    add(m.index, { date: `${m[2]}-${String(mo).padStart(2, '0')}-01`, precision: 3, explicit: true, known: true, relative: false });
  }
  if (/days/i.test(part)) for (const m of part.matchAll(/\b(?:in|over)\s+(?:the\s+)?(?:past|last)\s+(?:few\s+|several\s+|two\s+|three\s+)?days\b|\bin\s+recent\s+days\b/gi)) {
    const d = new Date(Date.parse(`${doc.stand}T00:00:00Z`) - 3 * 86_400_000).toISOString().slice(0, 10);
    add(m.index, { date: d, precision: 2, explicit: true, known: doc.reference !== undefined, relative: true });
  }
  return found;
}

const OBJECT_FILLERS = set('of the town city village over key strategic');
const FACILITY_NOUNS = set('base camp post checkpoint town city village hotel school market hospital compound airport barracks');
const INTERCEPTED = set('drone drones missile missiles rocket rockets aircraft plane planes jet jets helicopter helicopters bomb bombs ied ieds device devices projectile projectiles shell shells');
const LABOUR_STRIKE = set('hunger general labour labor workers teachers doctors');
const CROWD_VIOLENCE = set('rioters stones torched looted');
const DEATH_WORDS = set('killed killing dead died deaths');
const CROWD_CONTROL = set('tear teargas tear-gas water-cannon rubber batons baton stun');
const ARMED_PARADERS = set('military armed fighters militia troops militiamen soldiers');
const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

// ---------------------------------------------------------------------------------------------------------------
// roles of one trigger

function byAgent(view: SentenceView, from: number, to: number, ctx: RoleContext): Party | undefined {
  for (let k = from; k < Math.min(to, view.toks.length); k++) {
    const w = view.toks[k].lower;
    if (w === 'by') return partyAfter(view, k, ctx, 4);
    if (view.toks[k].punct && w !== ',') return undefined;
  }
  return undefined;
}

/** The first actor of the attribution source whose cue is at token `cue` ("Tuareg rebels of the ... said"). */
function speakerOf(doc: Doc, view: SentenceView, cue: number): Party | undefined {
  const t = view.toks[cue];
  const a = attributionsIn(doc, t.s, t.e).find((x) => x.cue.s <= t.s && t.e <= x.cue.e);
  const src = a?.source;
  if (!src) return undefined;
  // the source's first party ("Ethnic rebels in western Myanmar said they ...")
  for (let k = 0; k < view.toks.length; k++) {
    if (view.toks[k].s < src.s || view.toks[k].e > src.e) continue;
    const p = partyAt(view, k, doc.speakersCtx);
    if (p) return p.named ? p : headOfGroup(view, p, doc.ctx);
  }
  return undefined;
}

/** "Tuareg rebels of the Strategic Framework ...": the group noun stands; a name right before it wins ("ISIS militants"). */
function headOfGroup(view: SentenceView, p: Party, ctx: RoleContext): Party {
  const prev = view.toks[p.t0 - 1];
  if (prev && prev.mention >= 0 && view.mentions[prev.mention].label === 'ACTOR') return partyOfMention(view, view.mentions[prev.mention], ctx);
  return p;
}

/** The owner of "its"/"their" at token k: the nearest party before it (a name first), a speaker included. */
function ownerOf(doc: Doc, view: SentenceView, k: number, sentence: number): Party | undefined {
  const ctx = doc.speakersCtx;
  let group: Party | undefined;
  for (let q = k - 1; q >= 0; q--) {
    const p = partyAt(view, q, ctx);
    if (p?.named) return p;
    group ??= p;
  }
  return group ?? antecedent(doc, view, 0, sentence);
}

/** `exclude`: the key of a party that cannot be meant ("the U.S. and the group signed": not the U.S.). */
function antecedent(doc: Doc, view: SentenceView, before: number, sentence: number, exclude?: string): Party | undefined {
  // earlier in the same sentence, else the previous two sentences: the first named actor (a speaker counts too)
  for (let k = before - 1; k >= 0; k--) {
    const p = partyAt(view, k, doc.speakersCtx);
    if (p?.named && p.key !== exclude) return p;
  }
  const named = (v: SentenceView): Party | undefined => {
    for (let k = 0; k < v.toks.length; k++) {
      const p = partyAt(v, k, doc.ctx);
      if (p?.named && p.key !== exclude) return { ...p, t0: -1, t1: -1 };
    }
    for (const m of v.mentions) {
      if (m.label !== 'ACTOR' || !m.speaker || (m.entity ?? m.text.toLowerCase()) === exclude) continue;
      const kind = m.entity ? doc.ctx.entityOf?.(m.entity)?.kind : undefined;
      if (kind === 'armed_group' || kind === 'state_force' || kind === 'government') return { ...partyOfMention(v, m, doc.ctx), t0: -1, t1: -1 };
    }
    return undefined;
  };
  for (let back = 1; back <= 2; back++) {
    const sen = doc.sentences[sentence - back];
    if (!sen) break;
    const found = named(viewOf(doc, sentence - back));
    if (found) return found;
  }
  return undefined;
}

function assignRoles(doc: Doc, view: SentenceView, tr: Trig, sentence: number, nounAt: readonly number[]): void {
  const toks = view.toks;
  const ctx = doc.ctx;
  // (a bomber is a person: "two suicide bombers detonated themselves" has its subject)
  const stop = (j: number): boolean => nounAt[j] === 1 && (j < tr.i0 || j >= tr.i1) && !GROUP_HEADS.has(view.toks[j].lower);
  const cs = clauseStart(toks, tr.i0);
  const ce = clauseEnd(toks, tr.i1);
  const i = tr.i0;
  // passive: "were killed", "was abducted"
  if (!tr.noun) {
    let j = i - 1;
    while (j >= 0 && (ADVERBS.has(toks[j].lower) || /ly$/.test(toks[j].lower))) j--;
    // ("was shot dead": a phrase listed as past is a participle after a form of "be")
    if (j >= 0 && BE.has(toks[j].lower) && (tr.tense === 'participle' || tr.tense === 'pastOrParticiple' || (tr.tense === 'past' && tr.i1 - tr.i0 > 1))) tr.passive = true;
    // "came under fire (from gunmen)": attacked
    if (toks[i + 1]?.lower === 'under' && /^(?:came|come|comes|coming)$/.test(toks[i].lower)) tr.passive = true;
    // a verb with no object ("residents marched in the capital", "fighters clashed") has no passive reading
    if (!tr.passive && (tr.tense === 'participle' || tr.tense === 'pastOrParticiple') && !INTRANSITIVE_CLASSES.has(tr.cls)) {
      // reduced relative: "people killed in an attack", "a drone attack carried out by"
      const p = toks[i - 1];
      const after = toks[tr.i1];
      const atLeast = after?.lower === 'at' && /^(?:least|most)$/.test(toks[tr.i1 + 1]?.lower ?? '');
      const noObject = !atLeast && (!after || after.punct || after.lower === 'by' || /^(?:in|at|during|near|on|when|while|after|before|since|last|this|overnight)$/.test(after.lower));
      if (p && tr.i1 - tr.i0 === 1 && noObject && (p.mention >= 0 || CIVILIAN_NOUNS.has(p.lower) || STATE_NOUNS.has(p.lower) || NONSTATE_NOUNS.has(p.lower) || /^(?:those|others|dead)$/.test(p.lower))) tr.passive = true;
    }
  }
  if (tr.noun) {
    // "attack by rebels", "a drone attack carried out by the RSF" (not "a hospital run by ...")
    let b = tr.i1;
    if (/^(?:attempt|attempts|plot|bid)$/.test(toks[b]?.lower ?? '')) b++;
    if (/^(?:carried|launched|conducted|claimed|mounted|staged|led|perpetrated|committed)$/.test(toks[b]?.lower ?? '')) b += toks[b + 1]?.lower === 'out' ? 2 : 1;
    if (toks[b]?.lower === 'by') tr.agent = partyAfter(view, b, ctx, 4);
    // "The attack on the village of X was carried out by the ADF", "the bombing was blamed on al-Shabaab"
    for (let q = tr.i1; !tr.agent && q < Math.min(toks.length, tr.i1 + 10) && !toks[q].punct && !isClauseBreak(toks[q]); q++) {
      if (!BE.has(toks[q].lower)) continue;
      let v = q + 1;
      const verb = toks[v]?.lower ?? '';
      if (/^(?:carried|launched|conducted|claimed|mounted|staged|perpetrated|committed|blamed)$/.test(verb)) {
        v += toks[v + 1]?.lower === 'out' ? 2 : 1;
        if (toks[v]?.lower === 'by' || (verb === 'blamed' && toks[v]?.lower === 'on')) tr.agent = partyAfter(view, v, ctx, 4);
      }
      break;
    }
    if (!tr.agent) {
      // modifier: "RSF attacks", "a coalition strike", "U.S. airstrike", "ISIS' advances"
      let k = i - 1;
      while (k >= 0 && (WEAPONS.has(toks[k].lower) || NOUN_BEFORE.has(toks[k].lower)) && toks[k].mention < 0) k--;
      const p = partyAt(view, k, ctx, true);
      if (p && (p.named || NONSTATE_NOUNS.has(p.key) || p.key === 'coalition')) tr.agent = p;
      // "a military airstrike", "army shelling": for weapons fired from afar a state modifier is the shooter
      if (!tr.agent && (tr.cls === 'air' || tr.cls === 'shell' || tr.cls === 'strike')) {
        for (let q = i - 1; q >= Math.max(k, 0) && !tr.agent; q--) {
          const s = partyAt(view, q, ctx);
          if (s?.kind === 'state') tr.agent = s;
        }
      }
    }
    if (!tr.agent) {
      // light verb: "launched an attack", "carried out airstrikes"
      let k = i - 1;
      while (k >= 0 && (DETERMINERS.has(toks[k].lower) || NOUN_BEFORE.has(toks[k].lower) || WEAPONS.has(toks[k].lower) || isNumberTok(toks[k]) || toks[k].lower === 'out')) k--;
      if (k >= 0 && LIGHT_VERBS.has(toks[k].lower)) {
        const v = k;
        tr.agent = subjectBefore(view, v, clauseStart(toks, v), ctx);
        if (tr.agent && tr.agent.t0 > 0 && /^(?:its|their)$/.test(toks[tr.agent.t0 - 1].lower)) tr.agent = ownerOf(doc, view, tr.agent.t0 - 1, sentence) ?? tr.agent;
        // "Hezbollah said it fired a barrage of rockets": the speaker
        let p = v - 1;
        while (p > 0 && (AUX.has(toks[p].lower) || ADVERBS.has(toks[p].lower))) p--;
        if (!tr.agent && isPronoun(toks[p]) && p > 0 && REPORTING.has(toks[p - 1].lower)) tr.agent = speakerOf(doc, view, p - 1);
        // "its aircraft carried out strikes": the owner of the aircraft
        let o = v - 1;
        while (o > 0 && !toks[o].punct && !/^(?:its|their)$/.test(toks[o].lower) && o >= v - 3) o--;
        if (!tr.agent && o >= 0 && /^(?:its|their)$/.test(toks[o].lower)) tr.agent = ownerOf(doc, view, o, sentence);
      }
      // "claimed responsibility for the (deadliest) attack", "believed responsible for a (similar) siege"
      let f = k;
      while (f > 0 && f >= k - 2 && toks[f].lower !== 'for' && !toks[f].punct && toks[f].mention < 0) f--;
      if (f >= 1 && toks[f].lower === 'for' && /^(?:responsibility|responsible)$/.test(toks[f - 1].lower)) {
        k = f;
        let v = k - 2;
        while (v >= 0 && (AUX.has(toks[v].lower) || RESPONSIBILITY_VERBS.has(toks[v].lower) || /^(?:believed|thought|held|seen)$/.test(toks[v].lower))) v--;
        // the claimant is also the speaker of "claimed"
        tr.claimed = true;
        tr.agent = subjectBefore(view, v + 1, clauseStart(toks, v + 1), doc.speakersCtx);
        if (tr.agent && demonstrativeBefore(view, tr.agent)) tr.agent = antecedent(doc, view, tr.agent.t0, sentence) ?? tr.agent;
        if (!tr.agent && toks[v]?.lower === 'group') tr.agent = antecedent(doc, view, v, sentence);
      }
    }
    if (!tr.agent) {
      // "The attack ... was claimed by JNIM"
      for (let k = tr.i1; k < Math.min(toks.length, tr.i1 + 20); k++) {
        if (toks[k].lower === 'claimed' && toks[k + 1]?.lower === 'by') {
          tr.agent = partyAfter(view, k + 1, ctx, 3);
          break;
        }
        if (toks[k].lower === ';' || toks[k].lower === '.') break;
      }
    }
    // "attack on X", "clashes with X", "fighting between X and Y"; "fighting broke out in January between X and Y"
    let nextAt = tr.i1;
    if (tr.cls === 'fight') for (let k = tr.i1; k < Math.min(toks.length, tr.i1 + 8) && !toks[k].punct && !isClauseBreak(toks[k]); k++) if (toks[k].lower === 'between') nextAt = k;
    const next = toks[nextAt];
    // "an explosion at an Iraqi army checkpoint": the owner of the position
    if (next?.lower === 'at') {
      const p = partyAfter(view, tr.i1, doc.ownersCtx, 4);
      if (p && namesTarget(view, p)) tr.patient = p;
    }
    if (next && /^(?:on|against|with|between)$/.test(next.lower)) {
      const p = partyAfter(view, nextAt, ctx, 4);
      if (next.lower === 'between' && p) {
        tr.agent ??= p;
        for (let k = p.t1; k < Math.min(toks.length, p.t1 + 3); k++) {
          if (toks[k].lower === 'and') {
            // ("and the U.S.-backed Syrian Democratic Forces": modifiers before the name)
            tr.patient = partyAfter(view, k, ctx, 5);
            break;
          }
        }
        tr.symmetric = true;
      } else if (p) tr.patient = p;
    }
    if (!tr.agent && tr.cls === 'fight') {
      // "Fighting between" handled above; "heavy clashes with" leaves the agent to the frame
    }
    return;
  }
  // verbs
  // "a military patrol hit an improvised explosive device": the patrol is what the device struck
  if (tr.cls === 'hit' && !tr.passive && toks.slice(tr.i1, Math.min(toks.length, tr.i1 + 5)).some((t) => /^(?:mine|mines|landmine|landmines|explosive|explosives|ied|ieds|device)$/.test(t.lower))) {
    tr.patient = subjectBefore(view, i, cs, ctx, false, stop);
    return;
  }
  if (tr.lemma === 'die') {
    // "13 troops have died in an attack": the subject is the victim
    tr.patient = subjectBefore(view, i, cs, ctx, false, stop);
    return;
  }
  if (tr.passive) {
    tr.agent = byAgent(view, tr.i1, ce + 1, ctx);
    // "came under attack from al-Shabaab militants"
    if (!tr.agent && toks[i + 1]?.lower === 'under' && toks[tr.i1]?.lower === 'from') tr.agent = partyAfter(view, tr.i1, ctx, 4);
    // "a Romanian national was abducted": the people the subject names
    let h = i - 1;
    while (h >= cs && (AUX.has(toks[h].lower) || ADVERBS.has(toks[h].lower) || /ly$/.test(toks[h].lower))) h--;
    tr.patient = h >= cs && toks[h].mention < 0 && CIVILIAN_PERSONS.has(toks[h].lower) ? victimParty(view, h, ctx) : subjectBefore(view, i, cs, doc.ownersCtx, true, stop);
    // "Graham Phillips, a Briton working for ... RT, was detained": the head before the apposition
    if (h > cs && toks[h].lower === ',') {
      let q = h - 1;
      while (q > cs && q >= h - 16 && toks[q].lower !== ',' && !isClauseBreak(toks[q])) q--;
      const head = q > cs && toks[q].lower === ',' && /^(?:a|an|the)$/.test(toks[q + 1]?.lower ?? '') ? partyAt(view, q - 1, ctx) : undefined;
      if (head?.named) tr.patient = head;
    }
  } else if (tr.cls === 'seize' && toks[tr.i1 - 1]?.lower === 'to') {
    // "fell to RSF forces"
    tr.agent = partyAfter(view, tr.i1 - 1, ctx, 3);
  } else if (tr.cls === 'seize' && toks[tr.i1 - 1]?.lower === 'into' && toks[tr.i1 + 1]?.lower === 'hands' && toks[tr.i1 + 2]?.lower === 'of') {
    // "fallen into the hands of Sunni militants"
    tr.agent = partyAfter(view, tr.i1 + 2, ctx, 3);
  } else {
    let k = i - 1;
    while (k >= cs && (ADVERBS.has(toks[k].lower) || AUX.has(toks[k].lower) || /ly$/.test(toks[k].lower))) k--;
    // ", killing five": a participle adjunct has the main clause's subject, found by the frame
    if (tr.tense === 'gerund' && toks[i - 1]?.lower === ',') {
      const obj = partyAfter(view, tr.i1 - 1, doc.ownersCtx, 4, false);
      if (obj) tr.patient = obj;
      return;
    }
    // "had killed dozens of fighters and recaptured hills": the first verb's subject
    let subj = toks[k]?.lower === 'and' ? undefined : subjectBefore(view, i, cs, ctx, true, stop);
    // "The gunmen stopped the vehicles ... and opened fire": the clause's subject when the first verb is no trigger
    if (toks[k]?.lower === 'and') {
      let earlierTrigger = false;
      for (let q = cs; q < k && !earlierTrigger; q++) earlierTrigger = nounAt[q] === 1 || TRIGGER_FORMS.has(toks[q].lower);
      for (let q = cs; q < k && !subj && !earlierTrigger; q++) subj = partyAt(view, q, ctx);
    }
    // "Somali troops backed by US airstrikes killed": the side supported
    const sb = supportBefore(toks, k, Math.max(cs + 1, k - 5));
    if (sb > cs && (!subj || subj.t0 > sb)) subj = subjectBefore(view, sb, cs, ctx, true, stop) ?? subj;
    if (subj && subj.t0 > 0 && /^(?:its|their)$/.test(toks[subj.t0 - 1].lower)) {
      // "The army said its troops had ...": the owner
      const owner = ownerOf(doc, view, subj.t0 - 1, sentence);
      if (owner) subj = owner;
    }
    if (!subj && k > cs && WEAPONS.has(toks[k].lower) && toks[k].mention < 0) {
      // "The military said its jets struck": the owner of the weapons
      let o = k - 1;
      while (o > cs && o >= k - 2 && WEAPONS.has(toks[o].lower)) o--;
      if (/^(?:its|their)$/.test(toks[o].lower)) subj = ownerOf(doc, view, o, sentence);
    }
    if (!subj && /^(?:group|movement|organi[sz]ation|faction)$/.test(toks[k]?.lower ?? '') && /^(?:the|this|that)$/.test(toks[k - 1]?.lower ?? '')) {
      // "the group ambushed a police patrol": the armed group named before
      const ante = antecedent(doc, view, k - 1, sentence);
      if (ante && ante.kind !== 'state') subj = ante;
    }
    if (!subj && isPronoun(toks[k])) {
      // "the rebels said they had repelled": the speaker
      const said = reportingBefore(toks, k);
      subj = (said >= 0 ? speakerOf(doc, view, said) : undefined) ?? antecedent(doc, view, k, sentence);
    }
    else if (subj && demonstrativeBefore(view, subj)) {
      const ante = antecedent(doc, view, subj.t0, sentence);
      // "the forces" may be a rebel group's; "the troops" and "the police" are a state's whoever was named last
      if (ante?.kind && !(subj.kind === 'state' && STATE_ONLY.has(subj.text.split(/\s+/).pop()!.toLowerCase()))) subj = { ...subj, kind: ante.kind };
    }
    // "accused the army of bombing"
    if (tr.tense === 'gerund' && toks[i - 1]?.lower === 'of') {
      for (let a = i - 2; a >= Math.max(0, i - 8); a--) {
        if (/^(?:accused|accusing|accuses|accuse)$/.test(toks[a].lower)) {
          subj = partyAfter(view, a, ctx, 4) ?? (toks[a - 1] && BE.has(toks[a - 1].lower) ? subjectBefore(view, a - 1, clauseStart(toks, a - 1), ctx) : subj);
          if (!subj && a >= 2 && toks[a - 1].lower === 'been') subj = subjectBefore(view, a - 2, clauseStart(toks, a - 2), ctx);
          break;
        }
      }
    }
    // "Fighting between the ELN and FARC dissidents has killed 80 people": the subject is the event noun, not
    // the last party of its phrase; the verb then joins the noun's frame
    if (subj && subj.t0 > cs && nounSubject(toks, nounAt, cs, subj.t0)) subj = undefined;
    // "Hundreds of residents protested": the people who protested, ACLED's protesters
    if (!subj && tr.cls === 'protest') {
      // (who protest are ACLED's protesters, a side of the event: not victims)
      // "hundreds of people blocked a highway to protest": the subject of the act the protest is the purpose of
      const from = toks[i - 1]?.lower === 'to' ? cs : i - 4;
      for (let q = i - 1; q >= cs && q >= from && !subj; q--) if (toks[q].mention < 0 && CIVILIAN_PERSONS.has(toks[q].lower) && !CROWD_PARTIES.has(toks[q].lower)) subj = { ...victimParty(view, q, ctx), kind: undefined, crowd: true };
    }
    tr.agent = subj;
    if (tr.symmetric) {
      // "X and Y clashed": the second member; "X clashed with Y"
      if (subj && subj.t1 >= 0) {
        for (let q = subj.t1; q < i; q++) {
          if (toks[q].lower === 'and') {
            const other = partyAfter(view, q, ctx, 3);
            if (other && other.t0 < i) tr.patient = demonstrativeBefore(view, other) ? (antecedent(doc, view, q, sentence, subj.key) ?? other) : other;
            // "the U.S. and the group signed": the armed group named before
            else if (toks[q + 1]?.lower === 'the' && /^(?:group|movement|organi[sz]ation|faction)$/.test(toks[q + 2]?.lower ?? '')) tr.patient = antecedent(doc, view, q, sentence, subj.key);
            break;
          }
        }
      }
      if (!tr.patient) {
        for (let q = tr.i1; q < Math.min(ce, tr.i1 + 3); q++) {
          if (/^(?:with|against)$/.test(toks[q].lower)) {
            tr.patient = partyAfter(view, q, ctx, 4);
            break;
          }
        }
      }
      if (!tr.patient && toks[tr.i1]) tr.patient = partyAfter(view, tr.i1 - 1, ctx, 2);
    } else if (tr.cls !== 'withdraw' && tr.cls !== 'protest') {
      // "pushed the Nusra Front out": the object inside a phrase
      const inner = tr.i1 - tr.i0 > 2 ? partyAfter(view, tr.i0, ctx, 2, false) : undefined;
      const obj = inner && inner.t1 < tr.i1 ? inner : partyAfter(view, tr.i1 - 1, doc.ownersCtx, 4, false);
      if (obj && obj.t0 < ce + 4) tr.patient = obj;
      // "recaptured the village of X from government forces"
      if (!tr.patient && (tr.cls === 'seize' || tr.cls === 'retake')) {
        for (let q = tr.i1; q < Math.min(ce, tr.i1 + 10); q++) {
          if (toks[q].lower === 'from') {
            tr.patient = partyAfter(view, q, ctx, 3, false);
            break;
          }
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// frames: the triggers of one happening in one sentence

interface Frame {
  trigs: Trig[];
  actor1?: Party;
  actor2?: Party;
  /** Further sides acted on, in order (used when actor2 turns out to be the place). */
  patients: Party[];
  symmetric: boolean;
  t0: number;
  t1: number;
}

/** The words right after a verb name unarmed people ("executed at least seven men"). */
function unarmedObject(view: SentenceView, tr: Trig): boolean {
  const toks = view.toks;
  for (let k = tr.i1; k < Math.min(toks.length, tr.i1 + 5); k++) {
    const w = toks[k].lower;
    if (CIVILIAN_PERSONS.has(w)) return true;
    if (STATE_NOUNS.has(w) || NONSTATE_NOUNS.has(w) || toks[k].punct) return false;
  }
  return false;
}

function crowdSubject(view: SentenceView, tr: Trig): boolean {
  if (tr.agent && !tr.agent.named) return CROWD_NOUNS.has(tr.agent.key) || !STATE_NOUNS.has(tr.agent.key);
  const cs = clauseStart(view.toks, tr.i0);
  return view.toks.slice(cs, tr.i0).some((t) => CROWD_NOUNS.has(t.lower));
}

function partiesCompatible(a: Party | undefined, b: Party | undefined): boolean {
  if (!a || !b) return true;
  if (a.key === b.key) return true;
  // victims named as a group ("correspondents") are not the person or outlet named in another report
  if ((a.kind === 'civilian' && b.named) || (b.kind === 'civilian' && a.named)) return false;
  if (softParty(a) && softParty(b)) return a.kind === undefined || b.kind === undefined || a.kind === b.kind;
  if (softParty(a) || softParty(b)) return a.kind === undefined || b.kind === undefined || a.kind === b.kind;
  return false;
}

const GRIEVANCE_GAP = set('to against over at about the a an recent condemn denounce decry demand demanding justice for');

/** Where the grievances of a sentence's protests begin (token indices): their words are not the protest's. */
function grievances(view: SentenceView): number[] {
  let g = view.memo.get('grievances') as number[] | undefined;
  if (!g) view.memo.set('grievances', (g = []));
  return g;
}

/** A violent noun the protest at `protest` is about ("protest the killing", "marched to denounce the arrest"). */
function grievanceOf(toks: readonly Tok[], protest: Trig, tr: Trig): boolean {
  if (protest.cls !== 'protest' || tr.i0 < protest.i1 || tr.i0 - protest.i1 > 4) return false;
  for (let k = protest.i1; k < tr.i0; k++) if (!GRIEVANCE_GAP.has(toks[k].lower)) return false;
  return true;
}

function softParty(p: Party): boolean {
  if (!p.named) return true;
  const e = p.mention?.entity;
  if (e && !e.startsWith('x-')) return false;
  const words = p.text.split(/\s+/);
  const head = words[words.length - 1].toLowerCase();
  if (STATE_NOUNS.has(head) || NONSTATE_NOUNS.has(head)) return true;
  return words.length === 1 && /(?:i|ian|an|ese|ish)$/.test(head);
}

function sentenceCandidates(doc: Doc, view: SentenceView, sentence: number): Cand[] {
  const sen = doc.sentences[sentence];
  const found = findTriggers(view);
  const nounAt = zeros(view.toks.length);
  for (const tr of found) if (tr.noun) for (let k = tr.i0; k < tr.i1; k++) nounAt[k] = 1;
  const trigs: Trig[] = [];
  for (const tr of found) {
    const r = reality(doc, view, tr, sen.body);
    doc.trace?.(`trigger "${view.toks.slice(tr.i0, tr.i1).map((t) => t.text).join(' ')}" ${tr.cls}/${tr.tense}: ${r}`);
    if (r === 'unreal') continue;
    // "blocked a highway to protest the killing of an elder": the grievance, not what the crowd did
    if (tr.noun && trigs.length > 0 && grievanceOf(view.toks, trigs[trigs.length - 1], tr)) {
      grievances(view).push(trigs[trigs.length - 1].i1);
      continue;
    }
    tr.background = r === 'background';
    decorate(view, tr);
    assignRoles(doc, view, tr, sentence, nounAt);
    // "the Syrian air force raided": the agent is the weapon
    if (tr.agent && /\b(?:air force|air forces|aircraft|warplanes?|jets?|drones?|helicopters?|artillery|navy)\b/i.test(tr.agent.text) && tr.cls !== 'fight') tr.weapons.add(/artillery/i.test(tr.agent.text) ? 'shell' : 'air');
    // "a helicopter then fired on people": with no party, an aircraft as the subject is the weapon
    if (!tr.agent && !tr.noun && (tr.cls === 'attack' || tr.cls === 'kill')) {
      for (let k = clauseStart(view.toks, tr.i0); k < tr.i0; k++) if (AIRCRAFT.has(view.toks[k].lower)) tr.weapons.add('air');
    }
    doc.trace?.(`  agent=${tr.agent?.text} patient=${tr.patient?.text} passive=${tr.passive} anaphoric=${tr.anaphoric} weapons=${[...tr.weapons]}`);
    // "in the wake of a coup attempt by presidential guards that collapsed in September": its own event
    if (tr.background && tr.noun && tr.agent && (view.toks[tr.i1]?.lower === 'by' || view.toks[tr.i1 + 1]?.lower === 'by') && dateIn(doc, view, tr.i0, Math.min(view.toks.length, tr.i1 + 10))) {
      tr.background = false;
      tr.standalone = true;
    }
    // "peacekeepers left Mali" is a withdrawal, "planes left the region" is not: leaving needs a party
    if (tr.lemma === 'leave' && !tr.agent) continue;
    // "Kidnapping for ransom has become rampant": a trend, not a happening
    if (tr.noun && trendAfter(view.toks, tr.i1)) continue;
    // "the soldiers were handed over to a humanitarian commission": captives released, not territory
    if (tr.cls === 'withdraw' && view.toks[tr.i0].lower.startsWith('hand') && handsOverPeople(view.toks, tr)) continue;
    // "the people of Bandiagara are abandoned": left to their fate, no territory given up
    if (tr.lemma === 'abandon' && tr.passive && abandonedPeople(view.toks, tr)) continue;
    // protest verbs need a crowd: "the Kremlin protested the detention" is a complaint
    if (tr.cls === 'protest' && !tr.noun && !crowdSubject(view, tr)) continue;
    // the supporter of "troops backed by US airstrikes" is not who acted
    if (tr.background && tr.noun && inSupport(view.toks, tr)) tr.agent = undefined;
    trigs.push(tr);
  }
  if (trigs.length === 0) return [];
  // "X claimed responsibility for the attack ..., saying its fighters had killed 20": the claim goes on telling
  // the attack it refers back to
  const claim = trigs.findIndex((t) => t.claimed && t.anaphoric);
  if (claim >= 0) for (let k = claim + 1; k < trigs.length; k++) trigs[k].anaphoric = true;
  // "The group claimed responsibility in a statement, saying its fighters had killed 40 soldiers": the same
  const bare = view.toks.findIndex((t, k) => t.lower === 'responsibility' && RESPONSIBILITY_VERBS.has(view.toks[k - 1]?.lower ?? '') && view.toks[k + 1]?.lower !== 'for');
  if (claim < 0 && bare > 0 && trigs[0].i0 > bare) for (const t of trigs) t.anaphoric = true;
  // "The militants ... moved into al-Qaim on Friday, pushing out security forces": with no trigger of its own the
  // main clause is told by its participle adjunct
  if (trigs.every((t) => t.background)) {
    const adj = trigs.find((t) => !t.noun && t.tense === 'gerund' && view.toks[t.i0 - 1]?.lower === ',');
    if (adj && !adj.agent) {
      adj.background = false;
      // the sentence's subject: its first party
      for (let k = 0; k < adj.i0 && !adj.agent; k++) adj.agent = partyAt(view, k, doc.ctx);
    }
  }
  const frames: Frame[] = [];
  for (const tr of trigs) {
    const cur = frames[frames.length - 1];
    const own = tr.agent;
    // "its forces had repelled an RSF attack": the attack repelled is the same fight, its side the one repelled
    const repelled = cur !== undefined && tr.noun && cur.trigs.some((x) => !x.noun && x.i1 <= tr.i0 && tr.i0 - x.i1 <= 3 && /^(?:repel|repuls|foil|thwart|fend|beat|push)/.test(view.toks[x.i0].lower));
    if (repelled && own && cur.actor1 && own.key !== cur.actor1.key) cur.actor2 ??= own;
    const distinct = cur && own && cur.actor1 && !partiesCompatible(own, cur.actor1) && !tr.background && !repelled;
    const separate = cur && !tr.background && tr.noun && !tr.anaphoric && cur.trigs.every((x) => x.noun) && tr.i0 - cur.t1 > 12;
    // "... attack that ended Saturday after security forces raided the hotel": a new clause with its own agent
    const newClause = cur && own && !tr.noun && !tr.background && !cur.actor1 && view.toks.slice(cur.t1, tr.i0).some((x) => isClauseBreak(x));
    // "seized two villages and executed seven men": the killing of unarmed people is its own event
    const executions = cur && !tr.noun && (tr.cls === 'kill' || tr.cls === 'attack') && cur.trigs.some((x) => x.cls === 'seize' || x.cls === 'retake') && unarmedObject(view, tr);
    if (executions) {
      frames.push({ trigs: [tr], actor1: tr.agent ?? cur.actor1, actor2: tr.patient, patients: [], symmetric: false, t0: tr.i0, t1: tr.i1 });
      continue;
    }
    // "agreed to a truce ..., but the ceasefire collapsed": a reference back in another clause stands apart
    const otherClause = cur && (tr.anaphoric || cur.trigs.every((x) => x.anaphoric)) && clauseStart(view.toks, tr.i0) !== clauseStart(view.toks, cur.t0);
    if (!cur || distinct || separate || newClause || otherClause || tr.standalone || cur.trigs.some((x) => x.standalone)) {
      frames.push({ trigs: [tr], actor1: tr.agent, actor2: tr.patient, patients: [], symmetric: tr.symmetric, t0: tr.i0, t1: tr.i1 });
      continue;
    }
    cur.trigs.push(tr);
    cur.actor1 ??= tr.agent;
    if (!cur.actor2 && tr.patient && (!cur.actor1 || tr.patient.key !== cur.actor1.key)) cur.actor2 = tr.patient;
    else if (tr.patient && tr.patient.key !== cur.actor1?.key) cur.patients.push(tr.patient);
    cur.symmetric ||= tr.symmetric;
    if (!tr.background) cur.t1 = Math.max(cur.t1, tr.i1);
  }
  let out: Cand[] = [];
  let startTok = 0;
  for (let f = 0; f < frames.length; f++) {
    // up to where the next happening's clause starts: its clause opener, else the last "," or "and" before it
    let endTok = view.toks.length;
    const next = frames[f + 1];
    if (next) {
      const opener = clauseStart(view.toks, next.t0);
      const first = next.actor1 && next.actor1.t0 >= frames[f].t1 ? Math.min(next.actor1.t0, next.t0) : next.t0;
      endTok = first;
      if (opener >= frames[f].t1) endTok = Math.min(endTok, opener);
      else for (let q = first - 1; q > frames[f].t1; q--) if (view.toks[q].lower === ',' || view.toks[q].lower === 'and') { endTok = q; break; }
    }
    out.push(...frameCandidates(doc, view, sentence, frames[f], startTok, Math.max(endTok, frames[f].t1)));
    startTok = Math.min(Math.max(endTok, frames[f].t1), frames[f + 1]?.t0 ?? view.toks.length);
  }
  // "the army pulled out when the militants took control": the withdrawal is part of the takeover
  const takeover = out.find((c) => c.type === 'Battles' && c.subtype !== 'Armed clash' && !c.mergeOnly);
  if (takeover) {
    const part = (c: Cand): boolean => c.subtype === 'Non-violent transfer of territory' && datesCompatible(c.date, takeover.date, false, doc.reference !== undefined, doc.stand) && placesCompatible(c.place, takeover.place);
    // the side that pulled out is the side the place was taken from
    const gone = out.find((c) => part(c) && c.actor1 && c.actor1.key !== takeover.actor1?.key);
    if (gone && !takeover.actor2) takeover.actor2 = gone.actor1;
    out = out.filter((c) => !part(c));
  }
  return out;
}

/** Weapons near the trigger, anaphora and new-event markers of nominals. */
function decorate(view: SentenceView, tr: Trig): void {
  const toks = view.toks;
  const addWeapon = (k: number): void => {
    const t = toks[k];
    if (!t) return;
    const pair = WEAPON_PAIR_HEADS.has(t.lower) ? WEAPON_PAIRS.get(`${t.lower} ${toks[k + 1]?.lower ?? ''}`) : undefined;
    if (pair) tr.weapons.add(pair);
    const w = WEAPONS.get(t.lower);
    if (w && !(t.lower === 'air' && toks[k + 1]?.lower === 'force')) tr.weapons.add(w);
  };
  // the noun phrase of the trigger, and the head word itself ("a suicide car bomb explosion", "artillery shelling")
  if (tr.noun || tr.cls === 'air' || tr.cls === 'suicide') {
    for (let k = tr.i0 - 1; k >= Math.max(0, tr.i0 - 4); k--) {
      if (toks[k].punct || DETERMINERS.has(toks[k].lower)) break;
      addWeapon(k);
    }
  }
  for (let k = tr.i0; k < tr.i1; k++) addWeapon(k);
  // "with warplanes", "using drones", "a mortar round hit", "A Russian missile struck"
  for (let k = tr.i1; k < Math.min(toks.length, tr.i1 + 12); k++) {
    if (/^(?:with|using)$/.test(toks[k].lower)) {
      for (let q = k + 1; q < Math.min(toks.length, k + 4); q++) addWeapon(q);
      break;
    }
    if (toks[k].punct && toks[k].lower !== ',') break;
  }
  if (tr.cls === 'hit' || tr.cls === 'strike' || tr.cls === 'explode') {
    for (let k = tr.i0 - 1; k >= Math.max(0, tr.i0 - 5); k--) {
      if (toks[k].punct) break;
      addWeapon(k);
    }
  }
  if (tr.cls === 'explode' && REFLEXIVE.has(toks[tr.i1]?.lower ?? '')) tr.weapons.add('suicide');
  if (tr.cls === 'explode' && tr.i1 - tr.i0 > 1 && toks.slice(tr.i0, tr.i1).some((t) => REFLEXIVE.has(t.lower))) tr.weapons.add('suicide');
  if (tr.noun) {
    // the noun phrase's own determiner: walk left over modifiers only
    let k = tr.i0 - 1;
    while (k >= 0 && k >= tr.i0 - 5 && !toks[k].punct && !determinerOrPossessive(toks[k]) && (toks[k].mention >= 0 || triggerModifier(toks[k]))) k--;
    const before = toks.slice(Math.max(0, k), tr.i0).map((t) => t.lower);
    tr.newMarker = before.some((w) => NEW_EVENT_MARKERS.has(w));
    let det = k >= 0 && (DETERMINERS.has(toks[k].lower) || /['’]s$/.test(toks[k].lower)) ? toks[k].lower : undefined;
    // "said that airstrikes had hit": a conjunction before a plural, not a determiner
    if ((det === 'that' || det === 'this') && tr.tense === 'plural') det = undefined;
    tr.anaphoric = !tr.newMarker && det !== undefined && (ANAPHORIC_DETERMINERS.has(det) || /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today)['’]s$/.test(det));
    if (tr.cls === 'anaphor') tr.anaphoric = true;
  }
}

function frameCandidates(doc: Doc, view: SentenceView, sentence: number, fr: Frame, startTok: number, endTok: number): Cand[] {
  const toks = view.toks;
  const main = fr.trigs.find((t) => !t.background && !t.anaphoric) ?? fr.trigs.find((t) => !t.background) ?? fr.trigs[0];
  // triggers that only refer back ("in the attack") do not type a frame that has a trigger of its own
  const own = fr.trigs.filter((t) => !t.anaphoric);
  // a frame that only reports on an event told before ("12 civilians were killed in the air strikes") is typed by what it refers to
  const refersBack = fr.trigs.some((t) => t.anaphoric) && !own.some((t) => !t.background && t.agent !== undefined);
  const told = own.length > 0 && !refersBack ? own : fr.trigs;
  // "looted food stores before withdrawing": the attackers' going away after the act types nothing
  const typing = told.some((t) => !t.background) ? told.filter((t) => !(t.background && (t.cls === 'withdraw' || inSupport(toks, t)))) : told;
  const classes = new Set(typing.map((t) => t.cls));
  const weapons = new Set<Weapon>();
  for (const t of typing) for (const w of t.weapons) weapons.add(w);
  const allBackground = fr.trigs.every((t) => t.background);
  // a report about an event already told ("32 people were killed in the attack") unless something here acts on its own
  const anaphoric = (fr.trigs.some((t) => t.anaphoric) && !fr.trigs.some((t) => !t.anaphoric && !t.background && t.agent !== undefined)) || fr.trigs.every((t) => t.anaphoric || t.background);
  const typeless = typing.every((t) => t.anaphoric);
  const newMarker = fr.trigs.some((t) => t.newMarker);
  // 'hit' is an event only when a weapon hits; 'anaphor' only refers back
  if (classes.size === 1 && classes.has('hit') && weapons.size === 0) return [];
  // the clause, but not what belongs to the happening told before it in the sentence
  const cs = Math.max(clauseStart(toks, fr.t0), Math.min(startTok, fr.actor1 && fr.actor1.t0 >= 0 ? fr.actor1.t0 : fr.t0, fr.t0));
  // "to protest the killing of an elder": the grievance tells no force, toll or place of the protest
  const grievance = classes.has('protest') ? grievances(view).find((g) => g > main.i0 && g < endTok) : undefined;
  if (grievance !== undefined) endTok = grievance;
  const words = toks.slice(cs, endTok).map((t) => t.lower);
  // victims and targets: what the triggers act on, not the acting side nor a noun's own modifiers ("terrorist attack")
  const notVictim = zeros(toks.length);
  for (const t of fr.trigs) {
    if (t.agent && t.agent.t0 >= 0) {
      for (let k = Math.max(0, t.agent.t0 - 1); k < t.agent.t1; k++) notVictim[k] = 1;
      // "an airstrike by Myanmar's military": the agent's own group noun
      if (t.agent.named && GROUP_HEADS.has(toks[t.agent.t1]?.lower ?? '')) notVictim[t.agent.t1] = 1;
    }
    if (t.noun) for (let k = t.i0 - 1; k >= Math.max(0, t.i0 - 3) && !DETERMINERS.has(toks[k].lower) && !toks[k].punct; k--) notVictim[k] = 1;
  }
  // up to the end of the clause; a comma ends it unless a participle adjunct follows (", killing 100 soldiers")
  let victimEnd = main.i1;
  while (victimEnd < endTok && !(toks[victimEnd].lower === ',' && !/ing$/.test(toks[victimEnd + 1]?.lower ?? '')) && !(isClauseBreak(toks[victimEnd]) && victimEnd > main.i1)) victimEnd++;
  const victimToks: number[] = [];
  // a passive's victims are its subject: after any "X said" that opens the clause
  let victimStart = main.i0;
  if (main.passive) {
    victimStart = cs;
    for (let k = cs; k < main.i0; k++) if (REPORTING.has(toks[k].lower)) victimStart = k + 1;
  }
  for (let k = victimStart; k < victimEnd; k++) if (!notVictim[k]) victimToks.push(k);
  // "the unsuspecting Ukrainian soldiers waved [it] through, and then mowed them down": "them" is named before
  if (/^(?:them|him|her)$/.test(toks[main.i1]?.lower ?? toks[main.i0 + 1]?.lower ?? '') || toks.slice(main.i0, main.i1 + 1).some((t) => t.lower === 'them')) {
    for (let k = 0; k < main.i0; k++) if (!notVictim[k]) victimToks.push(k);
  }
  // "an elderly woman was wounded when a drone hit a house": the people harmed are told before "when"
  if (toks[cs - 1]?.lower === 'when') {
    const from = clauseStart(toks, cs - 2);
    if (toks.slice(from, cs - 1).some((t) => /^(?:killed|wounded|injured|hurt|dead)$/.test(t.lower))) for (let k = from; k < cs - 1; k++) if (!notVictim[k]) victimToks.push(k);
  }
  // "the deadliest attack ..., when a suicide bomber killed 63 people": the objects of the frame's other verbs
  for (const t of fr.trigs) {
    if (t === main || (t.noun && t.cls !== 'kill') || t.background || t.i0 < victimEnd) continue;
    for (let k = t.i1; k < endTok && !(toks[k].lower === ',' || isClauseBreak(toks[k])); k++) if (!notVictim[k]) victimToks.push(k);
  }
  const victimWords = victimToks.map((k) => toks[k].lower);
  // the first people named as victims decide (armed or not), then what was attacked
  let firstPerson: 'armed' | 'civilian' | undefined;
  let personTok = -1;
  for (const k of victimToks) {
    const w = toks[k].lower;
    // "one of at least 28 people killed": the people after "one of"
    if (/^(?:was|is)$/.test(toks[k + 1]?.lower ?? '') && toks[k + 2]?.lower === 'one' && toks[k + 3]?.lower === 'of') continue;
    if (STATE_NOUNS.has(w) || NONSTATE_NOUNS.has(w)) firstPerson = 'armed';
    // a name's words are not victims ("a hospital run by Doctors Without Borders")
    else if (CIVILIAN_PERSONS.has(w) && toks[k].mention < 0) firstPerson = 'civilian';
    // "shot dead two Palestinians": people counted by their nationality
    else if (toks[k].mention < 0 && isNumberTok(toks[k - 1]) && /^\p{Lu}\p{L}+s$/u.test(toks[k].text) && doc.ctx.isDemonym?.(toks[k].text.slice(0, -1))) firstPerson = 'civilian';
    if (firstPerson) {
      if (toks[k].mention < 0) personTok = k;
      break;
    }
  }
  const armedPerson = firstPerson === 'armed' || (firstPerson === undefined && (fr.actor2?.kind === 'state' || fr.actor2?.kind === 'nonstate'));
  const civilianPerson = firstPerson === 'civilian';
  const militaryObject = victimWords.some((w) => MILITARY_TARGETS.has(w));
  const armedTarget = armedPerson || (!civilianPerson && militaryObject);
  const civilianTarget = civilianPerson || (!armedTarget && victimWords.some((w) => CIVILIAN_OBJECTS.has(w)));
  // a place must change hands for seize/capture; weapons or buildings do not count
  let territory = false;
  if (classes.has('seize') || classes.has('retake')) {
    for (const seizeTrig of fr.trigs.filter((t) => t.cls === 'seize' || t.cls === 'retake')) {
    const head = toks[seizeTrig.i0].lower;
    const last = toks[seizeTrig.i1 - 1].lower;
    // "took control" with no object: of the place just named; "pushing out security forces": from the clause's place
    const bareControl = last === 'control' && toks[seizeTrig.i1]?.lower !== 'of';
    const pushOut = (last === 'out' || last === 'back') && /^(?:push|pushed|pushes|pushing|drive|drove|driven|driving|drives)$/.test(head) && placesOf(doc, view, fr, main, cs, endTok, sentence).length > 0;
    if (bareControl || pushOut) {
      territory = true;
      break;
    }
    const obj = toks.slice(seizeTrig.i1, Math.min(endTok, seizeTrig.i1 + 6));
    const objWords = obj.map((t) => t.lower);
    const firstObjMention = obj.find((t) => t.mention >= 0);
    const objIsPlace = firstObjMention !== undefined && (view.mentions[firstObjMention.mention].label === 'PLACE' || isPlaceLike(doc, view.mentions[firstObjMention.mention]));
    const fellTo = toks[seizeTrig.i1 - 1]?.lower === 'to' || toks[seizeTrig.i1 - 1]?.lower === 'into' || seizeTrig.cls === 'seize' && toks[seizeTrig.i0].lower === 'fall';
    const blocked = objWords.slice(0, 4).some((w) => NON_TERRITORY_OBJECTS.has(w)) && !objIsPlace;
    const itObject = objWords[0] === 'it' && placeAnaphor(doc, view, cs, endTok, sentence) !== undefined;
    territory = !blocked && (objIsPlace || fellTo || itObject || objWords.some((w) => TERRITORY_NOUNS.has(w.replace(/['’]s$/, ''))) || (seizeTrig.passive && subjectIsPlace(view, seizeTrig)));
    if (territory) break;
    }
    if (!territory && !classes.has('attack') && !classes.has('kill') && !classes.has('fight')) return [];
  }
  if (classes.has('intercept') && !words.some((w) => INTERCEPTED.has(w))) {
    classes.delete('intercept');
    if (classes.size === 0) return [];
  }
  // "Hamas fighters fired rockets at Israel, and most were intercepted": the attack by its shooter is the report
  const stopped = fr.trigs.find((t) => t.cls === 'intercept');
  // ("had launched 4 missiles, and that air defenses had downed 52": the defenders' act is the other side's)
  const stoppedByOther = stopped?.agent !== undefined && fr.actor1 !== undefined && stopped.agent.key !== fr.actor1.key;
  if (stopped && (stoppedByOther || (stopped.passive && !stopped.agent)) && classes.size > 1 && fr.actor1 && fr.trigs.some((t) => t !== stopped && t.agent === fr.actor1 && !t.background)) classes.delete('intercept');
  // a labour strike ("teachers went on strike"), not a name's word ("targets of the Kurdistan Workers' Party")
  if (classes.has('strike') && toks.slice(cs, endTok).some((t) => t.mention < 0 && LABOUR_STRIKE.has(t.lower))) return [];
  // "police fired tear gas at students": a protest dispersed, not an attack
  if (classes.has('attack') && !classes.has('kill') && words.some((w) => CROWD_CONTROL.has(w)) && !words.some((w) => DEATH_WORDS.has(w))) {
    classes.delete('attack');
    classes.add('protest');
  }
  // "…, a security official said, blaming al Qaeda militants": the side a source blames did it
  let blamed: Party | undefined;
  if (!fr.actor1) {
    for (let k = fr.t1; k < toks.length; k++) {
      if (!/^(?:blaming|blamed|blames)$/.test(toks[k].lower)) continue;
      const p = partyAfter(view, toks[k + 1]?.lower === 'the' ? k + 1 : k, doc.ctx, 3, false);
      if (p && p.kind !== 'civilian') fr.actor1 = blamed = p;
      break;
    }
  }
  // who marched or paraded (not who dispersed them)
  const marcher = fr.trigs.find((t) => t.cls === 'protest' || t.cls === 'display')?.agent;
  const facts: FrameFacts = {
    classes,
    weapons,
    armedTarget,
    civilianTarget,
    actor1Kind: fr.actor1?.kind,
    actor2Kind: fr.actor2?.kind,
    territory,
    reflexiveBlast: weapons.has('suicide'),
    protestIntervention: classes.has('protest') && words.some((w) => INTERVENTION_CUES.has(w)),
    protestForce: classes.has('protest') && words.some((w) => FORCE_CUES.has(w)),
    crowdViolence: classes.has('protest') && (classes.has('loot') || words.some((w) => CROWD_VIOLENCE.has(w))),
    deaths: classes.has('kill') || words.some((w) => DEATH_WORDS.has(w)),
    strikeNoun: typing.some((t) => t.cls === 'strike' && t.noun),
    crowd: fr.actor1 && !fr.actor1.named && CROWD_PARTIES.has(fr.actor1.key) ? fr.actor1.key : undefined,
    protestVictims: victimWords.some((w) => w === 'protesters' || w === 'protestors' || w === 'demonstrators' || w === 'marchers'),
    armedCrowd: (marcher !== undefined && !marcher.named && (STATE_NOUNS.has(marcher.key) || NONSTATE_NOUNS.has(marcher.key))) || (classes.has('display') && words.some((w) => ARMED_PARADERS.has(w))),
  };
  const cls = classifyEvent(facts);
  // a protest's first side is the crowd; the police who intervened are the second
  if (cls?.type === 'Protests' && fr.actor1?.kind === 'state') {
    fr.actor2 = fr.actor1;
    fr.actor1 = marcher && marcher.kind !== 'state' ? marcher : undefined;
  }
  // "soldiers opened fire on protesters": the crowd fired on is the protest's first side
  if (cls?.type === 'Protests' && !fr.actor1) {
    const crowd = victimToks.find((k) => /^(?:protesters|protestors|demonstrators|marchers)$/.test(toks[k].lower) && toks[k].mention < 0);
    if (crowd !== undefined) {
      const p = partyAt(view, crowd, doc.ctx);
      if (p && p.key !== fr.actor2?.key) fr.actor1 = p;
    }
  }
  // "took over X ... after heavy clashes with the Peshmerga": the side fought for the place
  if (cls && (cls.subtype === 'Non-state actor overtakes territory' || cls.subtype === 'Government regains territory') && !fr.actor2) {
    for (let k = main.i1; k < endTok && !fr.actor2; k++) {
      if (!TRIGGER_FORMS.get(toks[k].lower)?.some((f) => f.cls === 'fight')) continue;
      for (let q = k + 1; q < Math.min(endTok, k + 6); q++) {
        if (!/^(?:with|against)$/.test(toks[q].lower)) continue;
        const p = partyAfter(view, q, doc.ctx, 4);
        if (p && p.key !== fr.actor1?.key) fr.actor2 = p;
        break;
      }
      break;
    }
  }
  // people harmed are the side acted on: the victims of violence against civilians ("killing 32 people"), and the
  // troops killed rather than a bare owner of the place attacked ("stormed a military base, killing 17 soldiers")
  if (cls && personTok >= 0) {
    const civilianEvent = cls.type === 'Violence against civilians' || (cls.type === 'Explosions/Remote violence' && civilianTarget && !armedTarget);
    // the people arrested too ("two correspondents ... were detained")
    if (firstPerson === 'civilian' && (civilianEvent || cls.subtype === 'Arrests')) fr.actor2 = victimParty(view, personTok, doc.ctx);
    else if (firstPerson === 'armed' && VIOLENT_TYPES.has(cls.type) && fr.actor2 && ownerOfTarget(view, fr.actor2)) {
      // (not the attackers' own noun: "came under attack from al-Shabaab militants")
      const ofActor1 = (k: number): boolean => fr.actor1 !== undefined && k >= fr.actor1.t0 && (k < fr.actor1.t1 || (k === fr.actor1.t1 && GROUP_HEADS.has(toks[k].lower)));
      const killed = victimToks.find((k) => k > fr.actor2!.t1 && toks[k].mention < 0 && !ofActor1(k) && (STATE_NOUNS.has(toks[k].lower) || NONSTATE_NOUNS.has(toks[k].lower)) && !MILITARY_TARGETS.has(toks[k + 1]?.lower ?? ''));
      const p = killed !== undefined ? partyAt(view, killed, doc.ctx) : undefined;
      if (p) fr.actor2 = p;
    }
  }
  doc.trace?.(`  frame ${[...classes]} weapons=${[...weapons]} armed=${armedTarget} civilian=${civilianTarget} a1=${fr.actor1?.text}/${fr.actor1?.kind} a2=${fr.actor2?.text}/${fr.actor2?.kind} territory=${territory} -> ${cls?.subtype}`);
  if (!cls) return [];

  // span: from the acting side (when it opens the clause) to the last role or trigger of the clause
  const a1 = fr.actor1;
  let s0 = main.i0;
  if (main.noun) while (s0 > cs && (DETERMINERS.has(toks[s0 - 1].lower) || NOUN_BEFORE.has(toks[s0 - 1].lower) || WEAPONS.has(toks[s0 - 1].lower) || isNumberTok(toks[s0 - 1]) || NEW_EVENT_MARKERS.has(toks[s0 - 1].lower))) s0--;
  let spanS = toks[s0].s;
  if (a1 && a1.t0 >= cs && a1.t0 < main.i0 && main.i0 - a1.t1 <= 8) spanS = Math.min(spanS, a1.s);
  if (main.passive && main.patient && main.patient.t0 >= cs && main.patient.t0 < main.i0) spanS = Math.min(spanS, main.patient.s);
  let spanE = toks[fr.t1 - 1].e;
  if (a1 && a1 !== blamed && a1.t0 >= main.i1 && a1.t0 < endTok) spanE = Math.max(spanE, a1.e);
  const cutoff = reportingCut(view, fr.t1, endTok);
  const clausePlaces = placesOf(doc, view, fr, main, cs, cutoff, sentence, false);
  // none in the clause: the sentence's first place (what placesOf, asked again with `wide`, would find after
  // the same fruitless search)
  const places = clausePlaces.length > 0 ? clausePlaces : cs > 0 ? placesOf(doc, view, fr, main, 0, cutoff, sentence).slice(0, 1) : [];
  // a side acted on that is really the place ("took over Tell Nasir"): the next one
  if (places.length > 0 && fr.actor2?.mention && places.some((p) => p.m === fr.actor2!.mention)) {
    fr.actor2 = fr.patients.find((p) => !p.mention || !places.some((q) => q.m === p.mention));
  }
  const limit = toks[cutoff - 1].e;
  if (fr.actor2 && fr.actor2.e <= limit) spanE = Math.max(spanE, fr.actor2.e);
  if (places.length > 0 && places[0].m.e <= limit) spanE = Math.max(spanE, places[0].m.e);
  const regionS = toks[cs].s;
  // the toll is the frame's, not a contrasting clause's ("claimed the attack, but violence has killed thousands")
  let tollEnd = cutoff;
  for (let k = fr.t1; k < cutoff; k++) if ((toks[k].lower === 'but' && toks[k - 1]?.lower === ',') || toks[k].lower === ';') tollEnd = Math.min(tollEnd, k);
  const regionE = toks[tollEnd - 1].e;
  const region = doc.text.slice(regionS, regionE);
  const tollHint = DEATH_HINT.test(region) && COUNT_HINT.test(region);
  // the clause's date, else one earlier in the sentence ("On Thursday, ... and X did Y"), never a later happening's
  const date = dateIn(doc, view, cs, cutoff) ?? dateIn(doc, view, 0, cutoff);
  const near = attributionsIn(doc, view.s, view.e);
  const attribution = near.find((a) => a.content && a.content.s <= toks[main.i0].s && toks[main.i0].e <= a.content.e) ?? near.find((a) => a.cue.s >= view.s && a.cue.e <= view.e);
  // a bare event noun with nothing attached ("the shift in fighting") is a topic, not a report
  const crowdAnchor = classes.has('protest') && words.some((w) => CROWD_NOUNS.has(w));
  const anchored = crowdAnchor || fr.actor1 !== undefined || fr.actor2 !== undefined || date !== undefined || clausePlaces.length > 0 || tollHint || fr.trigs.some((t) => isNumberTok(toks[t.i0 - 1]));
  const bare = fr.trigs.every((t) => t.noun) && !anchored;
  const base: Cand = {
    type: cls.type,
    subtype: cls.subtype,
    weak: cls.weak,
    mergeOnly: anaphoric || allBackground || bare || (classes.size === 1 && classes.has('anaphor')),
    background: allBackground,
    anaphoric,
    typeless,
    typelessClass: typeless ? main.cls : undefined,
    // "17 soldiers were killed in the assault": a toll of a happening told before, whatever its kind
    genericReference: anaphoric && fr.trigs.some((t) => t.anaphoric) && [...classes].every((k) => GENERIC_VIOLENCE.has(k) || (k === 'seize' && !territory)),
    newMarker,
    sentence,
    para: doc.sentences[sentence].para,
    lastSentence: sentence,
    span: { s: spanS, e: spanE },
    clause: { s: Math.min(spanS, regionS), e: Math.max(spanE, regionE) },
    trig: { s: toks[main.i0].s, e: toks[main.i1 - 1].e },
    actor1: fr.actor1,
    actor2: fr.actor2 && fr.actor1 && fr.actor2.key === fr.actor1.key ? undefined : fr.actor2,
    symmetric: fr.symmetric,
    date: date ?? { date: doc.stand, precision: 1, explicit: false, known: doc.reference !== undefined, relative: true },
    fat: tollHint ? { region: { s: regionS, e: regionE }, done: false } : { done: true },
    attribution: attribution?.cue,
    place: places[0],
    civilian: cls.type === 'Violence against civilians' || (cls.type === 'Explosions/Remote violence' && civilianTarget && !armedTarget),
    extra: [],
    agentless: !fr.actor1,
    // "Two soldiers were also killed"; "… and security forces killed three others": more dead of what was told
    alsoKilled: main.cls === 'kill' && ((!fr.actor1 && main.passive && toks[main.i0 - 1]?.lower === 'also') || (!main.passive && !main.noun && isNumberTok(toks[main.i1]) && toks[main.i1 + 1]?.lower === 'others')),
    // "it struck a depot", "it had targeted Hamas militants": a strike or a target with no weapon named
    bareStrike: classes.size === 1 && (classes.has('strike') || (classes.has('attack') && typing.every((t) => /^target/.test(toks[t.i0].lower)))) && weapons.size === 0 && !fr.trigs.some((t) => t.noun),
  };
  // "at the gate of the base in Hiiraan region": the base named before, not the region
  if (places.length === 1 && places[0].rank <= 2) {
    let facility = false;
    for (let k = cs; k < cutoff && !facility; k++) facility = toks[k].lower === 'the' && FACILITY_NOUNS.has(toks[k + 1]?.lower ?? '');
    const recent = doc.recentPlaces[doc.recentPlaces.length - 1];
    if (facility && recent && sentence - recent.sentence <= 2 && recent.place.rank >= 3 && (!recent.place.country || !places[0].country || recent.place.country === places[0].country)) {
      places[0] = recent.place;
      base.place = recent.place;
    }
  }
  for (const p of places) doc.recentPlaces.push({ place: p, sentence });
  if (places.length <= 1) return [base];
  // one event per listed place, each span ending at its place; the toll goes to the first
  return places.map((p, k) => {
    const c: Cand = { ...base, place: p, extra: [], span: { s: base.span.s, e: Math.max(base.trig.e, p.m.e) } };
    if (k > 0) c.fat = { done: true };
    return c;
  });
}

/** Where the clause's own content ends: before ", officials said" and the like. */
function reportingCut(view: SentenceView, from: number, to: number): number {
  const toks = view.toks;
  for (let k = from; k < to; k++) {
    if (toks[k].lower !== ',' || k + 1 >= to) continue;
    let reporting = false;
    let trigger = false;
    // the reporting clause itself: ", on Friday, residents said" cuts at the second comma
    for (let q = k + 1; q < Math.min(to, k + 11) && toks[q].lower !== ','; q++) {
      if (REPORTING.has(toks[q].lower)) reporting = true;
      if (TRIGGER_FORMS.has(toks[q].lower)) trigger = true;
    }
    if (reporting && !trigger) return k;
  }
  return to;
}

function subjectIsPlace(view: SentenceView, tr: Trig): boolean {
  for (let k = tr.i0 - 1; k >= Math.max(0, tr.i0 - 5); k--) {
    const t = view.toks[k];
    if (t.mention >= 0) return view.mentions[t.mention].label === 'PLACE';
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------------
// places

/** The first token of the place that owns what follows token `k` ("Somalia's" in "Somalia's central Hiraan region"), or -1. */
function possessivePlaceStart(view: SentenceView, k: number, self: number): number {
  const toks = view.toks;
  let q = k;
  if (/^['’]s?$/.test(toks[q]?.lower ?? '')) q--;
  else if (!/['’]s$/.test(toks[q]?.lower ?? '')) return -1;
  const owner = toks[q]?.mention ?? -1;
  if (owner < 0 || owner === self || view.mentions[owner].label !== 'PLACE') return -1;
  while (q > 0 && toks[q - 1].mention === owner) q--;
  return q;
}

function isPlaceLike(doc: Doc, m: MentionRef): boolean {
  if (m.label === 'PLACE') return true;
  // a rule-made "actor" in a place slot ("took over Tell Nasir"), but not a demonym ("in Ukrainian custody")
  if (!m.entity?.startsWith('x-')) return false;
  if (!/\s/.test(m.text) && (doc.ctx.isDemonym?.(m.text) || /(?:ian|ese|ish|i)$/.test(m.text))) return false;
  const last = m.text.split(/\s+/).pop()!.toLowerCase();
  return !STATE_NOUNS.has(last) && !NONSTATE_NOUNS.has(last) && !/^(?:army|front|movement|alliance|brigades?|group|council|party|ministry|forces?|network|agency|office|committee|organi[sz]ation|union|media|news|television|radio)$/.test(last);
}

function placeKind(doc: Doc, m: MentionRef): { rank: number; country?: string } {
  const ent = m.entity ? doc.ctx.entityOf?.(m.entity) : undefined;
  if (ent) {
    switch (ent.kind) {
      case 'country':
        return { rank: 1, country: ent.country ?? m.entity?.replace(/^country-/, '').toUpperCase() };
      case 'region':
      case 'admin_area':
        return { rank: 2, country: ent.country };
      case 'facility':
        return { rank: 4, country: ent.country };
      default:
        return { rank: 3, country: ent.country };
    }
  }
  return { rank: 3 };
}

function placesOf(doc: Doc, view: SentenceView, fr: Frame, main: Trig, cs: number, endTok: number, sentence: number, wide = true): PlaceRef[] {
  const toks = view.toks;
  type C = { ref: PlaceRef; tok: number; locative: boolean; after: boolean };
  const cands: C[] = [];
  // "two villages north of Tarvo": only a bearing, used when nothing else names the place
  const relatives: PlaceRef[] = [];
  const withdraw = fr.trigs.some((t) => t.cls === 'withdraw');
  // the place a trigger acts on directly ("seized Tarvo", "struck Tarvo and Belmira")
  const territorial = fr.trigs.filter((t) => !t.noun && t.cls !== 'protest' && t.cls !== 'agree' && t.cls !== 'allegiance');
  for (let k = cs; k < endTok; k++) {
    const t = toks[k];
    if (t.mention < 0 || (k > cs && toks[k - 1].mention === t.mention)) continue;
    const m = view.mentions[t.mention];
    if (m.dateline || m.speaker) continue;
    // the acting side is not the place ("A U.S. airstrike hit ...")
    if (fr.actor1?.mention === m || fr.trigs.some((x) => x.agent?.mention === m)) continue;
    let objectOfTerritorial = false;
    for (const tr of territorial) {
      if (k < tr.i1 || k > tr.i1 + 3) continue;
      let ok = true;
      for (let q = tr.i1; q < k && ok; q++) ok = DETERMINERS.has(toks[q].lower) || OBJECT_FILLERS.has(toks[q].lower);
      if (ok) objectOfTerritorial = true;
    }
    // the preposition before the name, across "the" and capitalised words ("at the Grand Mosque")
    let pk = k - 1;
    while (pk > cs && pk >= k - 3 && (toks[pk].lower === 'the' || (/^\p{Lu}/u.test(toks[pk].text) && toks[pk].mention < 0) || DIRECTIONS.has(toks[pk].lower))) pk--;
    // "in Somalia's central Hiraan region": the preposition is before the country that owns the region
    const owner = possessivePlaceStart(view, pk, t.mention);
    if (owner > cs) {
      pk = owner - 1;
      while (pk > cs && toks[pk].lower === 'the') pk--;
    }
    const prep = toks[pk]?.lower ?? '';
    if (!(m.label === 'PLACE' || (isPlaceLike(doc, m) && (objectOfTerritorial || LOCATIVE.has(prep))))) continue;
    let end = k;
    while (end + 1 < toks.length && toks[end + 1].mention === t.mention) end++;
    const after1 = toks[end + 1];
    const p1 = toks[k - 1]?.lower ?? '';
    const p2 = toks[k - 2]?.lower ?? '';
    // "Sudan's paramilitary", "Kabul-based", "Saudi-led": modifiers, not where it happened
    if (/['’]s$/.test(toks[end].lower) || (after1 && /^['’]s?$/.test(after1.lower))) {
      const following = (/['’]s$/.test(toks[end].lower) ? toks[end + 1]?.lower : toks[end + 2]?.lower) ?? '';
      if (!DIRECTIONS.has(following) && following !== 'capital') continue;
    }
    if (after1 && /^[-‐]/.test(after1.lower)) continue;
    if (m.text.endsWith('-based') || m.text.endsWith('-led') || m.text.endsWith('-backed')) continue;
    // "border with Niger", "from neighbouring Mali", "12 miles southwest of Kirkuk"
    if (p1 === 'with' && /^(?:border|frontier)$/.test(p2)) continue;
    if ((p1 === 'from' || p2 === 'from') && !withdraw) continue;
    if (p1 === 'of' && (DIRECTIONS.has(p2) || DISTANCE_UNITS.has(p2))) {
      const { rank, country } = placeKind(doc, m);
      relatives.push({ m, rank, key: m.entity ?? m.text.toLowerCase(), country });
      continue;
    }
    if (p1 === 'the' && p2 === 'of' && DIRECTIONS.has(toks[k - 3]?.lower ?? '')) continue;
    // "the Mir Ali area of North Waziristan": the region holds the place just named
    if (p1 === 'of' && (REGION_CUES.has(p2) || VILLAGE_CUES.has(p2) || TOWN_CUES.has(p2)) && (toks[k - 3]?.mention ?? -1) >= 0 && toks[k - 3].mention !== t.mention && isPlaceLike(doc, view.mentions[toks[k - 3].mention])) continue;
    if (p1 === 'between' || p2 === 'between') {
      // "the road between X and Y": the first is where it happened, the second only bounds it
    }
    // "accused Rwanda of sending troops": the one accused, not where it happened
    if (/^(?:accused|accuses|accusing|accuse|blamed|blames|blaming|blame|urged|thanked|condemned|criticised|criticized)$/.test(p1)) continue;
    // "the soldiers withdrew towards Sake": where they went, not where they left
    if (withdraw && /^(?:towards?|to)$/.test(p1)) continue;
    // "turned to Russia for support", "talks with X": a relation, not where it happened
    if (/^(?:to|with|for|against|by)$/.test(p1) && !(p1 === 'to' && /^(?:road|route|highway|way|border)$/.test(p2))) continue;
    const { rank: base, country } = placeKind(doc, m);
    let rank = base;
    // the words naming this place's kind: not past a preposition ("a village in northern Burkina Faso")
    const before = [p1, p2, toks[k - 3]?.lower ?? ''];
    const cut = before.findIndex((w) => /^(?:in|near|outside|around|at|across|from)$/.test(w));
    if (cut >= 0) before.length = cut;
    // "the Hotel Splendid", "Balad airbase": a named facility, the most specific place there is
    if (before.some((w) => VILLAGE_CUES.has(w)) || VILLAGE_CUES.has(after1?.lower ?? '') || FACILITY_CUES.has(p1) || FACILITY_CUES.has(after1?.lower ?? '')) rank = Math.max(rank, 4);
    else if (before.some((w) => TOWN_CUES.has(w))) rank = Math.max(rank, 3);
    else if (REGION_CUES.has(after1?.lower ?? '')) rank = Math.min(rank, 2);
    const placeNoun = (w: string): boolean => TOWN_CUES.has(w) || VILLAGE_CUES.has(w) || REGION_CUES.has(w) || /^(?:outskirts|parts|part|centre|center|heart|capital|districts|neighbourhoods|neighborhoods|areas|suburbs|streets|villages|towns|quarters)$/.test(w);
    const locative = LOCATIVE.has(prep) || objectOfTerritorial ||
      (prep === 'of' && (placeNoun(toks[pk - 1]?.lower ?? '') || REGION_CUES.has(after1?.lower ?? ''))) ||
      (LOCATIVE.has(toks[pk - 2]?.lower ?? '') && placeNoun(toks[pk - 1]?.lower ?? '') && prep === 'of');
    cands.push({ ref: { m, rank, key: m.entity ?? m.text.toLowerCase(), country }, tok: k, locative, after: k >= main.i0 });
  }
  // "el-Fasher, the capital of North Darfur, which fell to RSF forces": the place that fell is the subject
  const fall = fr.trigs.find((t) => t.cls === 'seize' && /^(?:fell|fallen|fall|falls)$/.test(toks[t.i0].lower));
  if (fall) {
    const subject = fallenPlace(doc, view, fall.i0);
    if (subject) return [subject];
  }
  let chosen: C | undefined;
  for (const c of cands) {
    if (!chosen) {
      chosen = c;
      continue;
    }
    const better = (c.locative && !chosen.locative) || (c.locative === chosen.locative && c.ref.rank > chosen.ref.rank);
    if (better) chosen = c;
  }
  if (!chosen) {
    const ante = placeAnaphor(doc, view, cs, endTok, sentence);
    if (ante) return [ante];
    const local = speakerPlace(doc, view, endTok);
    if (local) return [local];
    if (relatives.length > 0) return [relatives[0]];
    // "In Kharkiv, an elderly woman was wounded when a drone hit a house": the sentence's place
    if (cs > 0 && wide) {
      const wider = placesOf(doc, view, fr, main, 0, endTok, sentence);
      if (wider.length > 0) return wider.slice(0, 1);
    }
    return [];
  }
  // "in Burkina Faso's capital", "the capital of Afghanistan": the capital, where the article names it
  if (chosen.ref.rank === 1 && chosen.ref.country) {
    let end = chosen.tok;
    while (end + 1 < toks.length && toks[end + 1].mention === toks[chosen.tok].mention) end++;
    const next = /['’]s$/.test(toks[end].lower) ? toks[end + 1]?.lower : /^['’]s?$/.test(toks[end + 1]?.lower ?? '') ? toks[end + 2]?.lower : undefined;
    const ofCapital = toks[chosen.tok - 1]?.lower === 'of' && toks[chosen.tok - 2]?.lower === 'capital';
    const capital = next === 'capital' || ofCapital ? capitalNamed(doc, chosen.ref.country) : undefined;
    if (capital) return [capital];
  }
  // "on Kadugli and Dilling", "in Hodeidah, Sanaa and the northern stronghold of Saada": one event per place
  if (!chosen.locative || toks[chosen.tok - 1]?.lower === 'between' || toks[chosen.tok - 2]?.lower === 'between') return [chosen.ref];
  const joinedTo = (a: C, b: C): boolean => {
    // b follows a in a coordination: only commas, "and", "as well as" and place words between
    let k = a.tok;
    while (k < endTok && toks[k].mention === toks[a.tok].mention) k++;
    let joined = false;
    for (let q = k; q < b.tok; q++) {
      const w = toks[q].lower;
      if (q - k > 8 || toks[q].mention >= 0) return false;
      if (w === 'and' || w === ',' || w === 'or' || (w === 'as' && toks[q + 1]?.lower === 'well')) joined = true;
      else if (w === 'in' && toks[q + 1]?.lower === 'the' && DIRECTIONS.has(toks[q + 2]?.lower ?? '')) q += 2;
      else if (w === 'country' && toks[q - 1]?.lower === 'the') continue;
      else if (!(DETERMINERS.has(w) || DIRECTIONS.has(w) || /^(?:well|as|of|stronghold|area|region|province|district|city|town|village|around|near|regions|provinces|towns|villages|cities|port)$/.test(w))) return false;
    }
    return joined && b.ref.rank >= Math.min(a.ref.rank, chosen!.ref.rank) - 1 && !(b.ref.rank === 1 && chosen!.ref.rank > 1);
  };
  const ordered = cands.filter((c) => c.tok >= cs).sort((a, b) => a.tok - b.tok);
  const at = ordered.indexOf(chosen);
  let first = at;
  while (first > 0 && joinedTo(ordered[first - 1], ordered[first])) first--;
  let last = at;
  while (last + 1 < ordered.length && joinedTo(ordered[last], ordered[last + 1])) last++;
  const out = ordered.slice(first, last + 1).map((c) => c.ref);
  return out;
}

/** "police in the nearby city of Bannu said gunmen shot dead two policemen": local sources tell of their own place. */
function speakerPlace(doc: Doc, view: SentenceView, endTok: number): PlaceRef | undefined {
  const toks = view.toks;
  for (let k = 0; k < endTok; k++) {
    const t = toks[k];
    if (t.mention < 0 || (k > 0 && toks[k - 1].mention === t.mention)) continue;
    const m = view.mentions[t.mention];
    if (!m.speaker || m.label !== 'PLACE') continue;
    let q = k - 1;
    while (q >= k - 5 && q >= 0 && /^(?:the|nearby|neighbouring|neighboring|of|city|town|village|district|province|region|state|northern|southern|eastern|western|central)$/.test(toks[q].lower)) q--;
    if (toks[q]?.lower !== 'in') continue;
    const { rank, country } = placeKind(doc, m);
    return { m, rank, key: m.entity ?? m.text.toLowerCase(), country };
  }
  return undefined;
}

/** The first mention of a country's capital city in the text (a dateline's only when there is no other). */
function capitalNamed(doc: Doc, country: string): PlaceRef | undefined {
  let found: MentionRef | undefined;
  for (const m of doc.mentions) {
    if (m.label !== 'PLACE' || !m.entity || m.speaker) continue;
    const e = doc.ctx.entityOf?.(m.entity);
    if (!e?.capital || e.country !== country) continue;
    if (!m.dateline) {
      found = m;
      break;
    }
    found ??= m;
  }
  return found && { m: found, rank: 3, key: found.entity ?? found.text.toLowerCase(), country };
}

function fallenPlace(doc: Doc, view: SentenceView, i: number): PlaceRef | undefined {
  const toks = view.toks;
  let k = i - 1;
  while (k >= 0 && (AUX.has(toks[k].lower) || ADVERBS.has(toks[k].lower))) k--;
  if (toks[k]?.lower === 'which' || toks[k]?.lower === 'that') k--;
  if (toks[k]?.lower === ',') k--;
  // the head of "el-Fasher, the capital of North Darfur, which fell": the leftmost place before an apposition
  let best: MentionRef | undefined;
  for (let q = k; q >= Math.max(0, k - 12); q--) {
    const t = toks[q];
    if (t.punct && t.lower !== ',') break;
    if (isClauseBreak(t)) break;
    if (t.mention < 0 || !isPlaceLike(doc, view.mentions[t.mention])) continue;
    const m = view.mentions[t.mention];
    const endTok = toks.findIndex((x) => x.s >= m.e);
    if (q === k || toks[q + 1]?.lower === ',' || endTok === k + 1 || toks[endTok]?.lower === ',') best = m;
  }
  if (!best) return undefined;
  const { rank, country } = placeKind(doc, best);
  return { m: best, rank, key: best.entity ?? best.text.toLowerCase(), country };
}

/** "there", "the city", "the capital": the place of a report just before, else the last place named in the previous two sentences. */
function placeAnaphor(doc: Doc, view: SentenceView, cs: number, endTok: number, sentence: number): PlaceRef | undefined {
  const toks = view.toks;
  let minRank = 0;
  let capital = false;
  for (let k = cs; k < endTok; k++) {
    const w = toks[k].lower;
    if (w === 'there') minRank = Math.max(minRank, 2);
    if ((w === 'city' || w === 'town' || w === 'village' || w === 'capital') && /^(?:the|that)$/.test(toks[k - 1]?.lower ?? '')) minRank = 3;
    if (/^(?:city|town|village|capital)['’]s$/.test(w) && toks[k - 1]?.lower === 'the') minRank = 3;
    if (/^capital(?:['’]s)?$/.test(w) && toks[k - 1]?.lower === 'the' && !/^(?:of|city)$/.test(toks[k + 1]?.lower ?? '')) capital = true;
    // "seized it": the place just named
    if (w === 'it' && k > 0 && TRIGGER_FORMS.get(toks[k - 1].lower)?.some((f) => f.cls === 'seize' || f.cls === 'retake')) minRank = Math.max(minRank, 2);
  }
  if (minRank === 0) return undefined;
  const near = placeBefore(doc, view, cs, sentence, minRank);
  // "in the capital": the capital of the country told (the one just named, else the story's), where the text names it
  if (capital && !(near?.m.entity && doc.ctx.entityOf?.(near.m.entity)?.capital)) {
    const country = near?.country ?? storyCountry(doc);
    const named = country ? capitalNamed(doc, country) : undefined;
    if (named) return named;
  }
  return near;
}

/** The story's country: the dateline's, else the first country named. */
function storyCountry(doc: Doc): string | undefined {
  return (doc.story ??= { country: findStoryCountry(doc) }).country;
}

function findStoryCountry(doc: Doc): string | undefined {
  let first: string | undefined;
  for (const m of doc.mentions) {
    if (m.label !== 'PLACE' || !m.entity) continue;
    const e = doc.ctx.entityOf?.(m.entity);
    if (m.dateline && e?.country) return e.country;
    if (!first && e?.kind === 'country') first = e.country;
  }
  return first;
}

/** The place of a report just before, else the last place of at least `minRank` named in the previous two sentences. */
function placeBefore(doc: Doc, view: SentenceView, cs: number, sentence: number, minRank: number): PlaceRef | undefined {
  const toks = view.toks;
  for (let k = cs - 1; k >= 0; k--) {
    const t = toks[k];
    if (t.mention >= 0 && view.mentions[t.mention].label === 'PLACE' && !view.mentions[t.mention].dateline) {
      const m = view.mentions[t.mention];
      const { rank, country } = placeKind(doc, m);
      if (rank >= minRank) return { m, rank, key: m.entity ?? m.text.toLowerCase(), country };
    }
  }
  for (let r = doc.recentPlaces.length - 1; r >= 0; r--) {
    const { place, sentence: at } = doc.recentPlaces[r];
    if (sentence - at > 2) break;
    if (place.rank >= minRank) return place;
  }
  for (let back = 1; back <= 2; back++) {
    const sen = doc.sentences[sentence - back];
    if (!sen) break;
    let best: MentionRef | undefined;
    for (let i = firstMentionFrom(doc.mentions, sen.s); i < doc.mentions.length && doc.mentions[i].s < sen.e; i++) {
      const m = doc.mentions[i];
      if (m.label === 'PLACE' && !m.dateline && placeKind(doc, m).rank >= minRank) best = m;
    }
    if (best) {
      const { rank, country } = placeKind(doc, best);
      return { m: best, rank, key: best.entity ?? best.text.toLowerCase(), country };
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// one event per happening

function placesCompatible(a: PlaceRef | undefined, b: PlaceRef | undefined): boolean {
  if (!a || !b) return true;
  if (a.key === b.key || foldName(a.m.text) === foldName(b.m.text)) return true;
  if (a.rank === 1 && b.country && a.country === b.country) return true;
  if (b.rank === 1 && a.country && a.country === b.country) return true;
  // the dateline is where the report was filed: a place in its country (or one the gazetteer does not know) may
  // be where it happened
  if (a.m.dateline !== b.m.dateline && (a.country === undefined || b.country === undefined || a.country === b.country)) return true;
  return false;
}

/** A place only a rule found, in no gazetteer (no country known), and not a dateline. */
function unknownPlace(p: PlaceRef): boolean {
  return p.country === undefined && !p.m.dateline && !/^(?:geonames|region|country)-/.test(p.m.entity ?? '');
}

function dayNumber(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
}

function datesCompatible(a: DateInfo, b: DateInfo, loose: boolean, reference: boolean, stand: string): boolean {
  if (loose && (!a.explicit || !b.explicit)) return true;
  if (a.date === b.date && a.precision === b.precision) return true;
  if (!a.explicit || !b.explicit) {
    // an undated report is today's news: the same as a recent day or week, not as "in December"
    const x = a.explicit ? a : b;
    if (!x.explicit || x.precision <= 2) return true;
    if (!reference) return false;
    return x.precision === 3 ? x.date.slice(0, 7) === stand.slice(0, 7) : x.date.slice(0, 4) === stand.slice(0, 4);
  }
  // without a reference date, "late last week" and "January 24" cannot be compared, but "in December" is
  // another time than "on Friday"
  if (!reference && a.relative !== b.relative) {
    const abs = a.relative ? b : a;
    return abs.precision <= 2;
  }
  const p = Math.max(a.precision, b.precision);
  if (p === 4) return a.date.slice(0, 4) === b.date.slice(0, 4);
  if (p === 3) return a.date.slice(0, 7) === b.date.slice(0, 7);
  if (p === 2) return Math.abs(dayNumber(a.date) - dayNumber(b.date)) <= 7;
  return a.date === b.date;
}

function rolesCompatible(e: Cand, c: Cand): boolean {
  if (partiesCompatible(e.actor1, c.actor1) && partiesCompatible(e.actor2, c.actor2)) return true;
  if (e.symmetric || c.symmetric) return partiesCompatible(e.actor1, c.actor2) && partiesCompatible(e.actor2, c.actor1);
  return false;
}

function canMerge(doc: Doc, e: Cand, c: Cand, reference: boolean, stand: string): boolean {
  if (c.newMarker) return false;
  const near = c.sentence - e.lastSentence <= 2;
  const adjacent = c.sentence - e.lastSentence <= 1;
  // (its victims may be the other side, so no roles are compared; its toll adds to the event's)
  if (c.alsoKilled && adjacent && VIOLENT_TYPES.has(e.type)) return placesCompatible(e.place, c.place) && datesCompatible(e.date, c.date, true, reference, stand);
  // "Jihadists have killed 12 farmers … stormed farms outside Kwajafa and opened fire on the farmers": the same
  // victims named again with "the", a sentence on, are the same happening told more precisely
  const sameVictims = c.actor2 !== undefined && e.actor2 !== undefined && c.actor2.key === e.actor2.key && e.type === c.type && adjacent && definite(doc, c.actor2);
  const loose = c.anaphoric || c.mergeOnly || sameVictims;
  if (!loose) {
    if (e.type !== c.type) {
      // a victims-only report or a default-typed first report may still be the same happening
      const sameActor = e.actor1 !== undefined && c.actor1 !== undefined && e.actor1.key === c.actor1.key;
      // "... set fire to dozens of homes": the destruction is part of the attack just told
      // (not by another side, nor with a place of its own after a report that had none: "In the West Bank, settlers
      // set fire to homes" after a rocket barrage is another happening)
      const arson = c.subtype === 'Looting/property destruction' && VIOLENT_TYPES.has(e.type) && near && !(e.actor1?.kind && c.actor1?.kind && e.actor1.kind !== c.actor1.kind) && !(c.place && !e.place);
      // the state's own account of what was just told: "An airstrike killed five … The military said it had struck
      // a weapons depot there"; "… shot dead by troops. The military said soldiers had fired at suspects"
      const stateSays = c.attribution !== undefined && c.actor1?.kind === 'state' && (!e.actor1 || e.actor1.kind === 'state');
      const ownStrike = c.bareStrike && e.type === 'Explosions/Remote violence' && c.sentence - e.lastSentence <= 2;
      const ownShooting = !c.actor2 && e.actor1 !== undefined && VIOLENT_TYPES.has(e.type) && adjacent;
      if (stateSays && (ownStrike || ownShooting)) return placesCompatible(e.place, c.place) && datesCompatible(e.date, c.date, true, reference, stand);
      // "M23 captured Rubaya … the soldiers withdrew": the side that lost it, the same happening as its capture
      // (two relative days cannot be told apart without a reference date)
      if (c.subtype === 'Non-violent transfer of territory' && /overtakes territory|regains territory/.test(e.subtype) && adjacent) return placesCompatible(e.place, c.place) && (!reference || datesCompatible(e.date, c.date, true, reference, stand));
      // "three protesters were arrested": the intervention in the protest just told
      if (c.subtype === 'Arrests' && e.type === 'Protests' && near && (c.actor2 === undefined || CROWD_PARTIES.has(c.actor2.key))) return placesCompatible(e.place, c.place);
      if (!((c.weak && c.agentless && near) || (c.weak && sameActor) || (e.weak && sameActor && adjacent) || arson || toldAttackers(doc, e, c, near))) return false;
    } else if (e.subtype !== c.subtype && !c.weak && !e.weak) {
      // "a raid by rebels on an election office" then "the rebels took an election official": one attack
      const sameActor = e.actor1 !== undefined && c.actor1 !== undefined && e.actor1.key === c.actor1.key;
      if (!(e.type === 'Violence against civilians' && sameActor && adjacent) && !toldAttackers(doc, e, c, near)) return false;
    }
  } else if (e.type === c.type && e.type === 'Strategic developments' && e.subtype !== c.subtype && !c.weak) {
    // "the detention of journalists" is no part of an annexation told before: strategic sub-types are different acts
    return false;
  } else if (e.type !== c.type) {
    // a report with no type of its own, or one that refers back in generic words, joins violence of any type
    const anyViolence = c.typeless || (c.genericReference && near);
    if (!(anyViolence ? (!c.typeless || GENERIC_VIOLENCE.has(c.typelessClass ?? '')) && VIOLENT_TYPES.has(e.type) : c.weak)) return false;
  }
  // a report that refers back may name the place more precisely ("the attack in the X neighbourhood"); "in northern
  // Burkina Faso" then "in Tawori", a village no gazetteer knows, when one of the two is undated and only one has a toll
  const inCountry = e.place && c.place && ((e.place.rank === 1 && unknownPlace(c.place)) || (c.place.rank === 1 && unknownPlace(e.place))) &&
    (!e.date.explicit || !c.date.explicit) && (fatalitiesOf(doc, e) === undefined || fatalitiesOf(doc, c) === undefined);
  if (!placesCompatible(e.place, c.place) && !(loose && c.place && e.place && c.place.rank > e.place.rank) && !inCountry) return false;
  if (!datesCompatible(e.date, c.date, loose && !c.background, reference, stand)) return false;
  // "seven civilians were killed by stray bullets during the clashes": caught between the sides, not a side
  const caught = loose && c.actor1 === undefined && c.actor2?.kind === 'civilian' && e.type === 'Battles';
  if (!rolesCompatible(e, c) && !caught) return false;
  // "the attack", "bodies" refer back to violence, not to a deal
  if (loose && c.typeless && !VIOLENT_TYPES.has(e.type) && VIOLENT_TYPES.has(c.type)) return false;
  if (!loose && !near) {
    // far apart, the same happening only when something specific is shared, and no other toll is given
    const samePlace = e.place && c.place && e.place.key === c.place.key;
    const sameActor = e.actor1 && c.actor1 && e.actor1.key === c.actor1.key;
    if (!samePlace && !sameActor) return false;
    // another toll means another happening, unless the same side is named (claims differ: the first report's stands)
    if (!sameActor) {
      const fe = fatalitiesOf(doc, e);
      const fc = fatalitiesOf(doc, c);
      if (fe !== undefined && fc !== undefined && fe !== fc) return false;
    }
  }
  return true;
}

/** "The attackers also killed a vigilante", "troops repelled the attackers": the attack just told, going on (no date of its own). */
function toldAttackers(doc: Doc, e: Cand, c: Cand, near: boolean): boolean {
  return near && !c.date.explicit && VIOLENT_TYPES.has(e.type) && VIOLENT_TYPES.has(c.type) && [c.actor1, c.actor2].some((p) => p !== undefined && ATTACKERS.has(p.key) && definite(doc, p));
}

/** The party is named with "the" ("the farmers"): someone already told of. */
function definite(doc: Doc, p: { s: number }): boolean {
  return /\bthe\s+$/i.test(doc.text.slice(Math.max(0, p.s - 4), p.s));
}

/** The report's toll by ACLED's rules, read once. */
function fatalitiesOf(doc: Doc, c: Cand): number | undefined {
  if (!c.fat.done) {
    const r = c.fat.region!;
    c.fat.value = extractFatalities(doc.text.slice(r.s, r.e))?.count;
    c.fat.done = true;
  }
  return c.fat.value;
}

function absorb(doc: Doc, e: Cand, c: Cand): void {
  e.extra.push(c.span, ...c.extra);
  e.lastSentence = Math.max(e.lastSentence, c.sentence);
  e.actor1 ??= c.actor1;
  e.actor2 ??= c.actor2 && (!e.actor1 || c.actor2.key !== e.actor1.key) ? c.actor2 : undefined;
  if (!e.place || (c.place && (c.place.rank > e.place.rank || (e.place.m.dateline && !c.place.m.dateline)))) e.place = c.place ?? e.place;
  if ((!e.date.explicit && c.date.explicit) || (c.date.explicit && c.date.precision < e.date.precision && datesCompatible(e.date, c.date, false, true, e.date.date))) e.date = c.date;
  const more = c.alsoKilled ? fatalitiesOf(doc, c) : undefined;
  if (fatalitiesOf(doc, e) === undefined) e.fat = { value: fatalitiesOf(doc, c), done: true };
  else if (more !== undefined) e.fat = { value: fatalitiesOf(doc, e)! + more, done: true };
  e.attribution ??= c.attribution;
  // (a bare "it had struck / targeted X" tells no weapon: it does not retype the strike it joins)
  if (e.weak && !c.weak && !c.mergeOnly && !c.bareStrike && (e.type !== c.type || e.subtype !== c.subtype)) {
    e.type = c.type;
    e.subtype = c.subtype;
    e.weak = false;
    e.civilian = c.civilian;
  }
  if (e.type === 'Protests' && c.subtype === 'Arrests' && e.subtype === 'Peaceful protest') e.subtype = 'Protest with intervention';
  if (e.type === 'Violence against civilians' && c.type === e.type && e.subtype !== c.subtype) {
    // the most serious part: an attack that killed, else the abduction
    const subtypes = [e.subtype, c.subtype];
    if (subtypes.includes('Attack') && (fatalitiesOf(doc, e) || fatalitiesOf(doc, c))) e.subtype = 'Attack';
    else if (subtypes.includes('Abduction/forced disappearance')) e.subtype = 'Abduction/forced disappearance';
  }
  e.civilian ||= c.civilian && e.type === c.type;
}

function previousSentencePlace(doc: Doc, sentence: number): PlaceRef | undefined {
  const here = doc.sentences[sentence];
  const sen = doc.sentences[sentence - 1];
  if (!sen || sen.para !== here.para || sen.heading) return undefined;
  let best: MentionRef | undefined;
  for (let i = firstMentionFrom(doc.mentions, sen.s); i < doc.mentions.length && doc.mentions[i].s < sen.e; i++) {
    const m = doc.mentions[i];
    if (m.label === 'PLACE' && !m.dateline && placeKind(doc, m).rank >= 3) best = m;
  }
  if (!best) return undefined;
  const { rank, country } = placeKind(doc, best);
  return { m: best, rank, key: best.entity ?? best.text.toLowerCase(), country };
}

function mergeReports(doc: Doc, cands: Cand[]): Cand[] {
  const events: Cand[] = [];
  let lastExplicit: { para: number; date: DateInfo; sentence: number } | undefined;
  for (const c of cands) {
    // undated report: the paragraph's date, else the reference date
    if (!c.date.explicit && lastExplicit && lastExplicit.para === c.para && c.sentence - lastExplicit.sentence <= 2) c.date = { ...lastExplicit.date, explicit: false };
    if (c.date.explicit) lastExplicit = { para: c.para, date: c.date, sentence: c.sentence };
    let target: Cand | undefined;
    // the last reports only: a long file of many articles stays linear
    for (let k = events.length - 1; k >= Math.max(0, events.length - MERGE_WINDOW); k--) {
      if (canMerge(doc, events[k], c, doc.reference !== undefined, doc.stand)) {
        target = events[k];
        break;
      }
    }
    doc.trace?.(`candidate ${c.type}/${c.subtype}${c.mergeOnly ? ' (merge only)' : ''} [${c.date.date}${c.date.explicit ? '!' : ''} ${c.place?.m.text ?? '-'} ${c.actor1?.text ?? '-'}/${c.actor2?.text ?? '-'} f=${fatalitiesOf(doc, c)}] "${doc.text.slice(c.span.s, c.span.e)}" -> ${target ? `merged into "${doc.text.slice(target.span.s, target.span.e)}"` : c.mergeOnly ? 'dropped' : 'new'}`);
    if (target) absorb(doc, target, c);
    else if (!c.mergeOnly) {
      // no place named: where the story just was ("Peshmerga later raided the hotel")
      const prev = events[events.length - 1];
      if (!c.place && prev?.place && c.para - prev.para <= 0 && c.sentence - prev.lastSentence <= 2) c.place = prev.place;
      // else the place the previous sentence of the paragraph named ("... in the Abu Shouk camp. They beat the young men.")
      if (!c.place) c.place = previousSentencePlace(doc, c.sentence);
      events.push(c);
    }
  }
  for (const e of events) if (e.subtype === 'Peaceful protest' && dispersedAfter(doc, e)) e.subtype = 'Protest with intervention';
  // the lead names no place for what it tells: where it was filed
  const filed = doc.mentions.find((m) => m.dateline && m.label === 'PLACE');
  if (filed) {
    const { rank, country } = placeKind(doc, filed);
    const para = doc.sentences.find((x) => x.e > filed.s)?.para;
    for (const e of events) if (e.para === para) e.place ??= { m: filed, rank, key: filed.entity ?? filed.text.toLowerCase(), country };
  }
  return events;
}

const DISPERSAL = /\b(?:tear[- ]?gas|water[- ]cannons?|dispersed?|dispersing|rubber bullets|batons?)\b/i;

/** "… protested in Goma. Police fired tear gas to disperse the crowd": the protest's next sentence tells of its dispersal. */
function dispersedAfter(doc: Doc, e: Cand): boolean {
  const next = doc.sentences[e.lastSentence + 1];
  return next !== undefined && next.para === doc.sentences[e.lastSentence].para && DISPERSAL.test(doc.text.slice(next.s, next.e));
}

// ---------------------------------------------------------------------------------------------------------------
// output

function taxonomyHas(t: Taxonomy, type: string, subtype: string): boolean {
  return t.types.some((x) => x.name === type && x.subtypes.some((s) => s.name === subtype || s.name.replace('protestors', 'protesters') === subtype));
}

const sideOf = (doc: Doc, p: Party | undefined): SideFacts | undefined =>
  p && { text: p.text, kind: p.kind, ...(p.mention?.entity ? { entity: doc.ctx.entityOf?.(p.mention.entity) } : {}) };

/** ACLED's fields of a detected event (acledCoding), set on `ev` where the text tells them. */
function codeForAcled(doc: Doc, e: Cand, ev: DetectedEvent): void {
  const text = doc.text;
  const placeEntity = e.place?.m.entity ? doc.ctx.entityOf?.(e.place.m.entity) : undefined;
  const country = e.place?.country ?? placeEntity?.country;
  const inter1 = e.actor1?.crowd && e.type === 'Protests' ? 6 : actorType(sideOf(doc, e.actor1) ?? { text: '' }, country);
  // violence against civilians always has the civilians as its second side
  const inter2 = e.actor2 && ev.actor2 ? actorType(sideOf(doc, e.actor2)!, country) : e.civilian ? 7 : undefined;
  if (inter1 !== undefined) ev.inter1 = inter1;
  if (inter2 !== undefined) ev.inter2 = inter2;
  // no interaction without the acting side's type: "10" would say state forces acted alone
  const interaction = interactionCode(inter1, inter2);
  if (interaction !== undefined) ev.interaction = interaction;
  if (e.place) {
    const m = e.place.m;
    const before = text.slice(Math.max(0, m.s - 40), m.s);
    const after = text.slice(m.e, m.e + 80);
    ev.geoPrecision = geoPrecision(e.place.rank, before, after);
    const admin1 = admin1Of({ text: m.text, entity: placeEntity, rank: e.place.rank }, after);
    if (admin1) ev.admin1 = admin1;
  }
  if (e.attribution) {
    const a = attributionsIn(doc, e.attribution.s, e.attribution.e).find((x) => x.cue.s === e.attribution!.s && x.cue.e === e.attribution!.e);
    if (a?.source) {
      const src = a.source;
      let named: MentionRef | undefined;
      for (let k = firstMentionFrom(doc.mentions, src.s); k < doc.mentions.length && doc.mentions[k].s < src.e && !named; k++) if (doc.mentions[k].e <= src.e && doc.mentions[k].entity) named = doc.mentions[k];
      const scale = sourceScale({ text: text.slice(src.s, src.e), ...(named?.entity ? { entity: doc.ctx.entityOf?.(named.entity) } : {}) }, country);
      if (scale) ev.sourceScale = scale;
    }
  }
  ev.notes = eventNotes(text.slice(e.clause.s, e.clause.e), ev.date ? { date: ev.date, precision: e.date.precision } : undefined, ev.fatalities, 1 + ev.spans.length);
}

/**
 * The workspace's own sub-types of ACLED's types, with their keywords: a rule event of that type whose clause
 * holds one of the keywords takes the workspace sub-type (the workspace is more specific than ACLED's).
 */
function customSubtypes(taxonomy: Taxonomy): Taxonomy | undefined {
  if (taxonomy === ACLED_TAXONOMY) return undefined;
  const types = taxonomy.types
    .filter((t) => ACLED_TAXONOMY.types.some((a) => a.name === t.name))
    .map((t) => ({ name: t.name, subtypes: t.subtypes.filter((s) => (s.keywords?.length ?? 0) > 0 && !taxonomyHas(ACLED_TAXONOMY, t.name, s.name)) }))
    .filter((t) => t.subtypes.length > 0);
  return types.length > 0 ? { types } : undefined;
}

/**
 * Events of a detection named by a workspace taxonomy (as `detectEvents` with that taxonomy would name them):
 * its own sub-types take events whose quote holds their keywords, and events whose sub-type it lacks are left
 * out. For detection made elsewhere (a worker thread) with the default taxonomy.
 */
export function withTaxonomy(detection: Detection, taxonomy: Taxonomy): Detection {
  if (!detection.events || taxonomy === ACLED_TAXONOMY) return detection;
  const custom = customSubtypes(taxonomy);
  const events: DetectedEvent[] = [];
  for (const e of detection.events) {
    const own = custom ? suggestSubtypes(custom, e.text).find((x) => x.type === e.type) : undefined;
    const named = own ? { ...e, subtype: own.subtype } : e;
    if (taxonomyHas(taxonomy, named.type, named.subtype)) events.push(named);
  }
  return { ...detection, events };
}

function output(doc: Doc, events: Cand[], taxonomy: Taxonomy): EventDetection {
  const custom = customSubtypes(taxonomy);
  const idx = doc.index;
  const cp = (u16: number): number => idx.toCodePoint(u16);
  const extraMentions = new Map<string, DetectedMention>();
  const role = (p: Party | undefined): DetectedRole | undefined => {
    if (!p) return undefined;
    if (p.mention) return { label: p.mention.label, start: p.mention.cpStart, end: p.mention.cpEnd };
    const start = cp(p.s);
    const end = cp(p.e);
    // unarmed victims and people who protest are no conflict party (the mention guidelines leave them out of
    // ACTOR): their own label
    const label: MentionLabel = p.kind === 'civilian' || p.crowd ? 'CIVILIAN' : 'ACTOR';
    const key = `${label}:${start}-${end}`;
    if (!extraMentions.has(key)) {
      const slug = foldName(p.text).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
      extraMentions.set(key, { label, start, end, text: idx.slice(start, end), entity: `x-${slug || 'group'}`, origin: 'rule' });
    }
    return { label, start, end };
  };
  const out: DetectedEvent[] = [];
  for (const e of events) {
    if (custom) {
      const own = suggestSubtypes(custom, doc.text.slice(e.span.s, e.span.e)).find((x) => x.type === e.type);
      if (own) e.subtype = own.subtype;
    }
    if (!taxonomyHas(taxonomy, e.type, e.subtype)) continue;
    const start = cp(e.span.s);
    const end = cp(e.span.e);
    const ev: DetectedEvent = {
      type: e.type,
      subtype: e.subtype,
      start,
      end,
      text: idx.slice(start, end),
      trigger: { start: cp(e.trig.s), end: cp(e.trig.e), text: doc.text.slice(e.trig.s, e.trig.e) },
      spans: e.extra
        .filter((x) => x.s !== e.span.s || x.e !== e.span.e)
        .map((x) => ({ start: cp(x.s), end: cp(x.e), text: doc.text.slice(x.s, x.e) })),
      civilianTargeting: e.civilian,
    };
    const a1 = role(e.actor1);
    const a2 = role(e.actor2);
    if (a1) ev.actor1 = a1;
    if (a2 && !(a1 && a1.start === a2.start && a1.end === a2.end)) ev.actor2 = a2;
    if (e.place) ev.place = { label: e.place.m.label, start: e.place.m.cpStart, end: e.place.m.cpEnd };
    if (e.date.known) {
      ev.date = e.date.date;
      ev.datePrecision = e.date.precision === 4 ? 3 : e.date.precision;
    }
    const toll = fatalitiesOf(doc, e);
    if (toll !== undefined) ev.fatalities = toll;
    if (e.attribution) ev.attribution = { start: cp(e.attribution.s), end: cp(e.attribution.e) };
    codeForAcled(doc, e, ev);
    // never a coding ACLED's rules object to (codingProblems): recoded where a small change does it, else left out
    const consistent = consistentSuggestion(ev, { actor1: e.actor1?.mention?.entity, actor2: e.actor2?.mention?.entity }, (t, s) => taxonomyHas(taxonomy, t, s));
    if (consistent) out.push(consistent);
  }
  return { events: out, mentions: [...extraMentions.values()] };
}

