/**
 * Who and where, for one trigger in one sentence: the acting side (subject, or the "by X" of a passive or a
 * noun), the side acted on, and the most specific place of the clause. Parties are detected mentions, or bare
 * group nouns ("gunmen", "police") that the mention detector leaves alone; their kind (state forces, non-state,
 * other) comes from the gazetteer entity where the mention links to one, else from the group noun.
 */
import type { Entity } from '../model';
import { wordTest, type MentionRef, type SentenceView, type Tok } from './eventTokens';
import { CIVILIAN_PERSONS, CROWD_PARTIES, NONSTATE_NOUNS, STATE_NOUNS } from './eventLexicon';

/** `civilian`: unarmed victims ("32 people"), ACLED's Civilians. */
export type PartyKind = 'state' | 'nonstate' | 'other' | 'civilian';

export interface Party {
  /** UTF-16 offsets. */
  s: number;
  e: number;
  text: string;
  /** The detected mention it is, or undefined for a bare group noun the event adds as a mention. */
  mention?: MentionRef;
  kind?: PartyKind;
  /** People who protest ("Hundreds of residents protested"): ACLED's protesters, yet no conflict party to annotate. */
  crowd?: true;
  /** A name (gazetteer or rule entity) rather than a group noun or pronoun. */
  named: boolean;
  /** Identity for comparing reports: entity id, else the folded text. */
  key: string;
  /** Token range in the sentence (end exclusive). */
  t0: number;
  t1: number;
}

export interface RoleContext {
  entityOf?: (id: string) => Entity | undefined;
  isDemonym?: (word: string) => boolean;
  /** A speaker may be a party ("ISIS claimed responsibility for the attack"). */
  speakersOk?: boolean;
  /** The side acted on may be named as an owner ("a National Army base", "an army convoy"). */
  owners?: boolean;
}

const AUX = new Set('is are was were be been being has have had did do does got get gets having'.split(' '));
const SKIPPABLE = new Set(
  `also later reportedly allegedly then still eventually already just first again jointly subsequently heavily
   apparently purportedly swiftly quickly briefly initially finally immediately yesterday today overnight once
   recently previously earlier separately further both all each themselves itself had have has`.split(/\s+/),
);
/** Words that end a clause when looking for roles. */
export const CLAUSE_BREAKS = new Set(
  `; : — – ( ) but while whereas although though because when before after as until unless if where whom whose since`.split(/\s+/),
);
const DETERMINERS = new Set('the a an this that these those its their his her our some several many dozens hundreds thousands'.split(' '));
const DEMONSTRATIVES = new Set('these those the such'.split(' '));
const PRONOUNS = new Set('they it he she them'.split(' '));
/** Group nouns that become actor mentions when they fill a role. */
export const GROUP_HEADS = new Set([...NONSTATE_NOUNS, ...CROWD_PARTIES, ...'troops soldiers police policemen army forces military guards commandos coalition gendarmes marines paratroopers units defences defenses peacekeepers government regime junta'.split(' ')]);
const LINKED_TO = /^[-‐](?:linked|affiliated|allied|aligned|backed|inspired|sponsored|supported|funded|trained|armed)$/;
const STATE_INSTITUTIONS = new Set('ministry ministries cabinet presidency staff gendarmerie'.split(' '));
const ORG_NAME_HEADS = new Set('army front movement alliance brigade brigades militia group council organization organisation forces force'.split(' '));
/** Nouns after a party word that make it a modifier: "police station", "army checkpoint", "RSF spokesman". */
const MODIFIED_HEADS = /^(?:station|stations|post|posts|base|bases|checkpoint|checkpoints|headquarters|chief|commander|commanders|spokesman|spokeswoman|spokesperson|officials?|sources?|positions?|uniforms?|fatigues|vehicles?|convoy|operation|operations|campaign|offensive|leader|leaders|member|members|statement|official|radio|website|channel|account|media|territory|stronghold)$/;
/** Of those, the ones whose owner is the side attacked ("attacked an army post"). */
const TARGET_HEADS = /^(?:post|posts|base|bases|checkpoint|checkpoints|headquarters|positions?|convoy|station|stations|vehicles?|patrol|outpost|barracks)$/;
const REPORTING = /^(?:said|says|say|told|tells|reported|reports|added|stated|announced|confirmed|claimed|claims|according)$/;
const MEDIA_WORDS = new Set('reporter reporters correspondent correspondents journalist journalists photographer crew'.split(' '));

// asked of most tokens near a trigger: answered once per word (wordTest)
const clauseBreakWord = wordTest((w) => CLAUSE_BREAKS.has(w));
const groupHead = wordTest((w) => GROUP_HEADS.has(w));
const reportingWord = wordTest((w) => REPORTING.test(w));
/** Words the look-back for a subject walks over without counting them as content. */
const skippable = wordTest((w) => AUX.has(w) || SKIPPABLE.has(w) || /^[,"“”]$/.test(w) || /ly$/.test(w));
const contentWord = wordTest((w, text) => !/^(?:believed|thought|said|reported|suspected|to|be|known|locally|armed|heavily|of|from|members|anti-\S+|elite|special|allied)$/.test(w) && !DETERMINERS.has(w) && !/^\p{Lu}/u.test(text));

export function isClauseBreak(t: Tok): boolean {
  return clauseBreakWord(t);
}

function partyKindOfEntity(e: Entity | undefined): PartyKind | undefined {
  if (!e) return undefined;
  switch (e.kind) {
    case 'state_force':
    case 'government':
    case 'country':
      return 'state';
    case 'armed_group':
      return e.inter === 8 ? 'other' : 'nonstate';
    case 'group':
      return undefined;
    default:
      return 'other';
  }
}

/** The kind of a party from its words: its head noun, "pro-X", or a named organisation's last word. */
export function kindFromWords(words: readonly string[], ctx: RoleContext): PartyKind | undefined {
  if (words.length === 0) return undefined;
  const lower = words.map((w) => w.toLowerCase());
  const head = lower[lower.length - 1];
  if (lower[0].startsWith('pro-') || lower[0].startsWith('anti-')) return 'nonstate';
  if (NONSTATE_NOUNS.has(head)) return 'nonstate';
  if (lower.some((w) => w === 'rebel' || w === 'militant' || w === 'insurgent' || w === 'opposition' || w === 'separatist' || w === 'jihadist')) return 'nonstate';
  const lastWord = words[words.length - 1];
  // "Defense Ministry", "the General Staff", "the Interior Ministry": a state's institutions
  if (STATE_INSTITUTIONS.has(head) && /^\p{Lu}/u.test(lastWord)) return 'state';
  if (ORG_NAME_HEADS.has(head) && words.length > 1 && /^\p{Lu}/u.test(lastWord)) {
    // a name: "Somali National Army", "Sudanese Armed Forces" are a state's; "Arakan Army", "National Liberation Army" are not
    return ctx.isDemonym?.(words[0]) || /^(?:National|Royal|Federal|Armed|People's|Popular)$/.test(words[0]) && words.length === 2 ? 'state' : 'nonstate';
  }
  if (STATE_NOUNS.has(head)) return 'state';
  return undefined;
}

/** A detected mention as a party, looking at the group noun right after it ("Ukrainian" + "troops"). */
export function partyOfMention(view: SentenceView, m: MentionRef, ctx: RoleContext): Party {
  const toks = view.toks;
  const k = view.mentions.indexOf(m);
  let t0: number;
  let t1: number;
  if (k >= 0) {
    t0 = view.mT0[k];
    t1 = view.mT1[k];
  } else {
    t0 = toks.findIndex((t) => t.s >= m.s);
    if (t0 < 0) t0 = toks.length;
    t1 = t0;
    while (t1 < toks.length && toks[t1].s < m.e) t1++;
  }
  const entity = m.entity ? ctx.entityOf?.(m.entity) : undefined;
  let kind = partyKindOfEntity(entity);
  const next = toks[t1];
  const words = toks.slice(t0, t1).map((t) => t.text);
  if (kind === undefined || kind === 'state') {
    // "Russian" (a demonym mention) followed by "troops"
    const head = next && !next.punct && GROUP_HEADS.has(next.lower) ? next.text : undefined;
    const own = kindFromWords(head ? [...words, head] : words, ctx);
    if (own !== undefined && (kind === undefined || own === 'nonstate')) kind = own;
  }
  if (kind === undefined && m.label === 'PLACE') kind = 'state';
  return { s: m.s, e: m.e, text: m.text, mention: m, kind, named: true, key: m.entity ?? m.text.toLowerCase(), t0, t1 };
}

/** Whether the mention `mi` is the first part of "X-linked", "X-backed" (one token, or joined to the next). */
function linkedModifier(view: SentenceView, mi: number): boolean {
  const m = view.mentions[mi];
  const last = view.toks[view.mT1[mi] - 1];
  if (last.e > m.e) return LINKED_TO.test(last.lower.slice(last.lower.length - (last.e - m.e)));
  const after = view.toks[view.mT1[mi]];
  return after !== undefined && after.s === last.e && LINKED_TO.test(after.lower);
}

function groupParty(view: SentenceView, i: number, ctx: RoleContext): Party {
  const t = view.toks[i];
  // "Heavily armed militants" → militants; kind from the noun and an adjective such as "rebel" before it
  const words = [t.text];
  const prev = view.toks[i - 1];
  if (prev && !prev.punct && prev.mention < 0 && /^(?:rebel|militant|government|security|armed|pro-\S+)$/.test(prev.lower)) words.unshift(prev.text);
  // "suicide bombers": the kind of bomber is part of the noun
  if (prev?.lower === 'suicide' && /^bombers?$/.test(t.lower)) return { s: prev.s, e: t.e, text: `${prev.text} ${t.text}`, kind: kindFromWords(words, ctx), named: false, key: `suicide ${t.lower}`, t0: i - 1, t1: i + 1 };
  return { s: t.s, e: t.e, text: t.text, kind: kindFromWords(words, ctx), named: false, key: t.lower, t0: i, t1: i + 1 };
}

/** The party covering token i, if any: an ACTOR mention (or a country as agent), else a bare group noun. */
export function partyAt(view: SentenceView, i: number, ctx: RoleContext, allowPlaces = false): Party | undefined {
  const t = view.toks[i];
  if (!t || t.punct) return undefined;
  if (t.mention < 0 && !groupHead(t)) return undefined;
  // memo per sentence and kind of look-up
  const key = i * 8 + (allowPlaces ? 4 : 0) + (ctx.speakersOk ? 2 : 0) + (ctx.owners ? 1 : 0);
  if (view.parties.has(key)) return view.parties.get(key);
  const p = partyAtUncached(view, i, ctx, allowPlaces);
  view.parties.set(key, p);
  return p;
}

function partyAtUncached(view: SentenceView, i: number, ctx: RoleContext, allowPlaces: boolean): Party | undefined {
  const t = view.toks[i];
  if (t.mention >= 0) {
    const m = view.mentions[t.mention];
    if ((m.speaker && !ctx.speakersOk) || m.dateline) return undefined;
    if (m.label === 'ACTOR') {
      const ent = m.entity ? ctx.entityOf?.(m.entity) : undefined;
      if (ent?.kind === 'media') return undefined;
      const afterTok = view.toks[view.mT1[t.mention]];
      if (afterTok && MODIFIED_HEADS.test(afterTok.lower) && !(ctx.owners && TARGET_HEADS.test(afterTok.lower))) return undefined;
      // "a Fox News reporter": the outlet is not a party
      const after = afterTok;
      if (after && MEDIA_WORDS.has(after.lower)) return undefined;
      // "the al-Qaida-linked group", "Iran-backed militias": the group acts, not the one it is linked to
      if (linkedModifier(view, t.mention)) return undefined;
      return partyOfMention(view, m, ctx);
    }
    if (allowPlaces) {
      const ent = m.entity ? ctx.entityOf?.(m.entity) : undefined;
      if (ent?.kind === 'country') return partyOfMention(view, m, ctx);
    }
    return undefined;
  }
  if (GROUP_HEADS.has(t.lower)) {
    const next = view.toks[i + 1];
    // "two fighter jets bombed the village": a kind of aircraft, not a fighter
    if (t.lower === 'fighter' && next && /^(?:jets?|planes?|aircraft|bombers?)$/.test(next.lower)) return undefined;
    // "gang members", "militia members": the group
    if (next && /^members?$/.test(next.lower)) {
      const p = groupParty(view, i, ctx);
      return { ...p, e: next.e, text: `${t.text} ${next.text}`, t1: i + 2 };
    }
    // "government forces", "army troops": one party, named by its head
    if (next && !next.punct && next.mention < 0 && GROUP_HEADS.has(next.lower)) {
      const head = groupParty(view, i + 1, ctx);
      return { ...head, s: t.s, text: `${t.text} ${next.text}`, t0: i, kind: kindFromWords([t.text, next.text], ctx) ?? head.kind };
    }
    // "police station", "army post", "military base": a modifier, not the party
    if (next && !next.punct && (MODIFIED_HEADS.test(next.lower) || /^units?$/.test(next.lower)) && !(ctx.owners && TARGET_HEADS.test(next.lower))) return undefined;
    return groupParty(view, i, ctx);
  }
  return undefined;
}

/**
 * The head party of the noun phrase that ends just before token `i`, looking left: a named mention that
 * modifies a group noun wins over the noun ("ISIS militants" → ISIS); "X of Y" gives Y when Y is named
 * ("Fighters of the RSF"), "X from Y" gives X ("gunmen believed to be from ISIS"); a coordination gives its
 * first member ("the SAF and allied Joint Forces" → SAF).
 */
export function subjectBefore(view: SentenceView, i: number, from: number, ctx: RoleContext, allowPlaces = true, stop?: (j: number) => boolean): Party | undefined {
  const toks = view.toks;
  let j = i - 1;
  let steps = 0;
  while (j >= from && steps < 12) {
    const t = toks[j];
    // "the Rapid Support Forces (RSF) shelled": the name before the bracketed acronym, else the acronym (a
    // place before it is more likely the end of a name not found: "Tehreek-e-Taliban Pakistan (TTP)")
    if (t.lower === ')') {
      const open = bracketOpening(toks, j, from);
      if (open >= 0) {
        j = open - 1 >= from && partyAt(view, open - 1, ctx) ? open - 1 : j - 1;
        steps++;
        continue;
      }
    }
    if (isClauseBreak(t) && t.lower !== 'since') break;
    // the subject is another event noun ("a suicide car bomb explosion ... killed one soldier")
    if (stop?.(j)) return undefined;
    // "Police said 20 people were killed": the speaker is the subject of "said", not of the event
    if (j < i - 1 && reportingWord(t)) return undefined;
    if (t.lower === ',') {
      // skip a ", which fight alongside the army," relative clause back to its antecedent
      let q = j - 1;
      while (q > from && q >= j - 10 && toks[q].lower !== ',') q--;
      if (q > from && toks[q].lower === ',' && /^(?:which|who)$/.test(toks[q + 1]?.lower ?? '')) {
        j = q - 1;
        steps++;
        continue;
      }
    }
    if (t.lower === 'who' || t.lower === 'which' || t.lower === 'that') {
      // the relative pronoun's antecedent is the subject ("insurgents who wounded", "el-Fasher, which fell")
      j--;
      if (toks[j]?.lower === ',') j--;
      steps++;
      continue;
    }
    const p = partyAt(view, j, ctx, allowPlaces);
    if (p) {
      // "from ISIS" is a modifier of the noun before it
      const before = toks[p.t0 - 1];
      if (before && before.lower === 'from') {
        j = p.t0 - 2;
        steps++;
        continue;
      }
      // "A drone strike in Ethiopia's Amhara region killed": where it happened, not who struck
      if (p.mention?.label === 'PLACE' && before && /^(?:in|near|at|outside|across|around)$/.test(before.lower)) {
        j = p.t0 - 2;
        steps++;
        continue;
      }
      // "Rwandan troops deployed to help Mozambique's army fight the insurgency recaptured": the side the
      // participle's purpose acts on is not the subject; the noun the participle follows is
      const outer = participleSubject(view, p.t0, from, ctx);
      return firstConjunct(view, headOfPhrase(view, outer ?? p, ctx), from, ctx);
    }
    if (PRONOUNS.has(t.lower)) return undefined;
    // "since 2021", "since January": one step, whatever its words
    if (toks[j - 1]?.lower === 'since' && /^(?:\d{4}|january|february|march|april|may|june|july|august|september|october|november|december)$/.test(t.lower)) {
      j -= 2;
      steps++;
      continue;
    }
    // "Rwandan troops deployed in the province since 2021 retook": a participle phrase after its noun
    if (j < i - 1 && t.text === t.lower && /[^e]ed$/.test(t.lower) && j - 1 >= from && partyAt(view, j - 1, ctx, false)) {
      j--;
      continue;
    }
    // "Gang members armed with automatic rifles attacked": skip the participle phrase
    if (t.lower === 'with' && /^(?:armed|equipped|laden)$/.test(toks[j - 1]?.lower ?? '')) {
      j -= 2;
      steps++;
      continue;
    }
    if (!skippable(t)) {
      // a content word that is not a party: the subject is probably something else ("the shelling", "a vehicle")
      if (contentWord(t)) {
        steps += 2;
      }
    }
    j--;
    steps++;
  }
  return undefined;
}

/** The party before "deployed to help …" when the phrase holds token `at`; undefined when there is none. */
function participleSubject(view: SentenceView, at: number, from: number, ctx: RoleContext): Party | undefined {
  const toks = view.toks;
  for (let q = at - 1; q >= Math.max(from + 2, at - 10); q--) {
    if (isClauseBreak(toks[q]) || toks[q].lower === ',') return undefined;
    if (toks[q].lower !== 'to') continue;
    const part = toks[q - 1];
    if (part.text !== part.lower || !(/[^e]ed$/.test(part.lower) || /^(?:sent|brought|flown|drawn)$/.test(part.lower))) continue;
    const p = partyAt(view, q - 2, ctx, false);
    if (p) return p;
  }
  return undefined;
}

/** The "(" that opens the bracket closed at `close`, a few words back and not before `from`; -1 when none. */
function bracketOpening(toks: readonly Tok[], close: number, from: number): number {
  for (let k = close - 1; k >= from && k >= close - 5; k--) {
    if (toks[k].lower === '(') return k;
    if (toks[k].lower === ')') return -1;
  }
  return -1;
}

/** A group noun right after a named mention is that mention's ("ISIS militants" → ISIS); "Fighters of the RSF" → RSF. */
function headOfPhrase(view: SentenceView, p: Party, ctx: RoleContext): Party {
  const toks = view.toks;
  if (!p.named) {
    let prev = toks[p.t0 - 1];
    // "JNIM) fighters" after "Jama'at Nusrat al-Islam wal-Muslimin (JNIM": the bracketed name's
    if (prev?.lower === ')' && toks[p.t0 - 3]?.lower === '(') prev = toks[p.t0 - 2];
    if (prev && prev.mention >= 0) {
      const m = view.mentions[prev.mention];
      if (m.label === 'ACTOR' && (!m.speaker || ctx.speakersOk)) return partyOfMention(view, m, ctx);
      // "Iraqi troops" where the demonym is a PLACE-labelled mention: the troops, state
    }
    // "Fighters of Sudan's paramilitary Rapid Support Forces": the named group after "of"
    const of = toks[p.t1];
    if (of && of.lower === 'of') {
      for (let k = p.t1 + 1; k < Math.min(toks.length, p.t1 + 6); k++) {
        const q = partyAt(view, k, ctx);
        if (q?.named) return q;
        if (toks[k].punct) break;
      }
    }
  }
  return p;
}

function firstConjunct(view: SentenceView, p: Party, from: number, ctx: RoleContext): Party {
  const toks = view.toks;
  let best = p;
  let k = best.t0 - 1;
  // "X and allied Y", "X, Y and Z", "Peshmerga and Kurdish anti-terror units"
  while (k > from) {
    // modifiers of the next member ("allied", "Kurdish anti-terror"), never a verb such as "said"
    let m = k;
    while (m > from && m > k - 3 && !toks[m].punct && toks[m].mention < 0 && toks[m].lower !== 'and' && !AUX.has(toks[m].lower) && !/^(?:said|says|told|tell|reported|added|claimed|stated)$/.test(toks[m].lower)) m--;
    if (toks[m].lower === 'and') k = m;
    const t = toks[k];
    if (t.lower !== 'and') break;
    let j = k - 1;
    while (j >= from && !toks[j].punct && toks[j].mention < 0 && /^(?:allied|other|local|the|its|their|government|pro-government)$/.test(toks[j].lower)) j--;
    const q = partyAt(view, j, ctx, true);
    if (!q) break;
    best = headOfPhrase(view, q, ctx);
    k = best.t0 - 1;
  }
  return best;
}

/** The party right after token i, skipping determiners and adjectives ("by the paramilitary", "with the Peshmerga"). */
export function partyAfter(view: SentenceView, i: number, ctx: RoleContext, maxGap = 4, allowPlaces = true): Party | undefined {
  const toks = view.toks;
  let located = false;
  for (let j = i + 1, gap = 0; j < toks.length && gap <= maxGap; j++, gap++) {
    const t = toks[j];
    // ('killed 15 "terrorists"': a quoted party is still the party, not a quoted modifier: '"terrorist attacks"')
    const quote = /^["“”]$/.test(t.lower);
    if (t.punct && t.lower !== '-' && t.lower !== '‐' && !quote) return undefined;
    if (quote) {
      const q = j + 1 < toks.length ? partyAt(view, j + 1, ctx, allowPlaces) : undefined;
      return q && /^["“”]$/.test(toks[q.t1]?.lower ?? '') ? q : undefined;
    }
    const p = partyAt(view, j, ctx, allowPlaces);
    // "an attack on a village in northern Burkina Faso": where the thing acted on is, not a side
    if (p && located && p.mention?.label === 'PLACE') return undefined;
    if (j > i + 1 && /^(?:in|near|outside|around)$/.test(t.lower)) located = true;
    if (p) {
      // "by Sudan's paramilitary Rapid Support Forces": the country's named force, not the country
      if (p.mention?.label === 'PLACE' && /['’]s$/.test(toks[p.t1 - 1]?.text ?? '')) {
        for (let q = p.t1; q < Math.min(toks.length, p.t1 + 3) && !toks[q].punct; q++) {
          const n = toks[q].mention >= 0 ? partyAt(view, q, ctx, false) : undefined;
          if (n?.named && n.mention?.label === 'ACTOR') return n;
        }
      }
      // "RSF forces", "Peshmerga fighters": the name
      if (p.named) return p;
      const nextMention = partyAt(view, p.t1, ctx);
      return nextMention?.named && toks[p.t1].lower !== 'and' ? nextMention : p;
    }
    if (isClauseBreak(t)) return undefined;
  }
  return undefined;
}

/** Whether the party is a pronoun-like reference that needs an antecedent ("these forces", "the group"). */
export function demonstrativeBefore(view: SentenceView, p: Party): boolean {
  const prev = view.toks[p.t0 - 1];
  return !p.named && prev !== undefined && DEMONSTRATIVES.has(prev.lower);
}

export function isPronoun(t: Tok | undefined): boolean {
  return t !== undefined && PRONOUNS.has(t.lower);
}

/** The party is named as the owner of a position ("an Iraqi army checkpoint", "a military base"). */
export function namesTarget(view: SentenceView, p: Party): boolean {
  return TARGET_HEADS.test(view.toks[p.t1]?.lower ?? '');
}

/** A bare group noun that only names the owner of what was attacked ("a military base", "an army post"). */
export function ownerOfTarget(view: SentenceView, p: Party): boolean {
  return !p.named && namesTarget(view, p);
}

const VICTIM_MODIFIERS = new Set('young old elderly local innocent unarmed displaced foreign female male pregnant ordinary fellow aid medical health hospital election school'.split(' '));

/**
 * The unarmed people at token k as a party: the person noun with the words that make one phrase of it
 * ("displaced families", "staff members", "an elderly woman"), never reaching into a mention.
 */
export function victimParty(view: SentenceView, k: number, ctx: RoleContext): Party {
  const toks = view.toks;
  let t0 = k;
  let t1 = k + 1;
  while (t1 < toks.length && t1 < k + 3 && toks[t1].mention < 0 && (CIVILIAN_PERSONS.has(toks[t1].lower) || /^(?:members|workers)$/.test(toks[t1].lower))) t1++;
  const modifier = (t: Tok): boolean => t.mention < 0 && !t.punct && (VICTIM_MODIFIERS.has(t.lower) || (/^\p{Lu}/u.test(t.text) && ctx.isDemonym?.(t.text) === true));
  while (t0 > 0 && t0 > k - 2 && modifier(toks[t0 - 1])) t0--;
  const words = toks.slice(t0, t1);
  return { s: words[0].s, e: words[words.length - 1].e, text: words.map((t) => t.text).join(' '), kind: 'civilian', named: false, key: toks[t1 - 1].lower, t0, t1 };
}
