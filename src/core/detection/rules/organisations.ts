/**
 * Organisation rules: capitalised sequences with an organisation head word ("Free Syrian Army"), a single
 * name standing for an institution ("Kremlin spokesman"), a name before "group"/"movement"…, stand-alone
 * acronyms ("RSF", "M23"), and numbers that belong to unit names ("Brigade 93").
 */
import type { MentionCandidate } from '../types';
import { LINKED_MOVEMENT_NAME, ORG_HEADS, TITLE_OF_OBJECTS } from '../lexicon';
import { generatedEntityId } from '../generatedEntityId';
import { addRuleMention, anyActorToken, DEMONYM_LIKE, exactPlaceHit, gap, hasOrgHead, joined, PRIORITY, tokenIndex, type RuleContext } from '../ruleContext';
import { isCueToken, isTitle } from '../wordFlags';
import { nameRuns, sequenceParts } from './nameSequences';

const INSTITUTION_TITLES = new Set(['spokesman', 'spokeswoman', 'spokesperson', 'director', 'envoy', 'chief', 'commander', 'adviser', 'advisor']);
const ORG_NOUNS_AFTER = new Set(['alliance', 'group', 'movement', 'party', 'network', 'organisation', 'organization', 'brigade', 'brigades', 'front', 'gang', 'cartel', 'militia', 'mission', 'newspaper', 'radio', 'television', 'broadcaster', 'daily']);
const NUMBER_WORDS = new Set(['One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten', 'Twelve']);

const addOrg = (out: MentionCandidate[], ctx: RuleContext, a: number, b: number, priority: number): void => addRuleMention(out, ctx, a, b, 'organisation', priority);

/**
 * Organisation names among the capitalised sequences (split at "and", leading titles dropped). Returns the
 * rest, as name runs without connectors, for the person rules (`sequencePersons`).
 */
export function sequenceOrganisations(ctx: RuleContext, out: MentionCandidate[]): Array<[number, number]> {
  const { tokens, text } = ctx;
  const pieces: Array<[number, number]> = [];
  const parts = sequenceParts(ctx);
  for (let n = 0; n < parts.length; n++) {
    const [a1, b1] = parts[n];
    // "Committee to Protect Journalists": an organisation head, "to" and a capitalised aim (and its "and" part)
    const aim = aimAfterTo(ctx, parts, n);
    if (aim > n) {
      addOrg(out, ctx, a1, parts[aim][1], PRIORITY.strong);
      n = aim;
      continue;
    }
    if (hasLinkedOrgWord(ctx, a1, b1)) {
      addOrg(out, ctx, a1, b1, PRIORITY.strong);
      continue;
    }
    if (hasOrgHead(ctx, a1, b1) && b1 > a1 && !anyActorToken(ctx, a1, b1)) {
      addOrg(out, ctx, a1, b1, PRIORITY.strong);
      continue;
    }
    // "Volunteers for the Defence of the Homeland", "Strategic Framework for the Defence of the People of X":
    // names with "for"/"of" and a word of a movement's aims are organisations
    if (b1 - a1 >= 3 && hasConnector(ctx, a1, b1) && anyAimWord(ctx, a1, b1) && !anyPersonTitle(ctx, a1, b1) && !ctx.placeToken[a1]) {
      addOrg(out, ctx, a1, b1, PRIORITY.strong);
      continue;
    }
    // "Iraqi Prime Minister Nouri al-Maliki": the name starts after the last title (not "Hassan Sheikh Mohamud")
    let a2 = a1;
    for (let k = a1; k <= b1; k++) {
      if (isTitle(tokens[k]) && !(MID_NAME_TITLES.has(tokens[k].lower) && k > a2 && k < b1 && ctx.isGivenName(tokens[a2].text))) a2 = k + 1;
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
    // "militias known as Wazalendo", "Dagalo, known as Hemedti": a name given to a group or a person
    const alias = aliasOf(ctx, a2);
    if (alias && b1 - a2 < 4 && !ctx.placeToken[a2] && !anyActorToken(ctx, a2, b1)) {
      if (alias === 'person') addRuleMention(out, ctx, a2, b1, 'person', PRIORITY.pattern);
      else addOrg(out, ctx, a2, b1, PRIORITY.pattern);
      continue;
    }
    // "according to Reuters": an unknown name standing as the source is an organisation (a person has a given name)
    const p1 = tokens[a2 - 1];
    const p2 = tokens[a2 - 2]?.lower === 'the' ? tokens[a2 - 3] : tokens[a2 - 2];
    const viaThe = tokens[a2 - 2]?.lower === 'the' ? tokens[a2 - 1] : undefined;
    const accordingTo = (viaThe ? tokens[a2 - 2]?.lower === 'to' && tokens[a2 - 3]?.lower === 'according' : p1?.lower === 'to' && p2?.lower === 'according');
    if (accordingTo && b1 - a2 < 4 && !ctx.placeToken[a2] && !ctx.countryToken[a2] && !anyActorToken(ctx, a2, b1) && !ctx.isDemonym(tokens[a2].text) && !(b1 > a2 && ctx.isGivenName(tokens[a2].text)) && /^(?:[.,;)]|$)/.test(text.slice(tokens[b1].end, tokens[b1].end + 1))) {
      addOrg(out, ctx, a2, b1, PRIORITY.pattern);
      continue;
    }
    const next = tokens[b1 + 1];
    // ("State television reported": a sentence's first word alone is no name)
    if (next && !tokens[b1].possessive && !(a2 === b1 && ctx.sentenceStarts[a2] === 1) && joined(text, tokens[b1], next) && ORG_NOUNS_AFTER.has(next.lower) && !DEMONYM_LIKE.test(tokens[b1].text) && !/[-‐]\p{Ll}/u.test(tokens[b1].text) && next.text === next.lower && !ctx.actorToken[b1] && !exactPlaceHit(ctx, a2, b1) && !(a2 === b1 && ctx.placeToken[a2])) {
      addOrg(out, ctx, a2, b1, PRIORITY.pattern);
      continue;
    }
    nameRuns(ctx, a2, b1, pieces);
  }
  return pieces;
}

const TO_HEADS = new Set(['Committee', 'Campaign', 'Movement', 'Coalition', 'Alliance', 'Council', 'Commission', 'Front', 'Group', 'Foundation', 'Initiative', 'Fund', 'Network', 'Organisation', 'Organization', 'League', 'Association', 'Society']);

/** The index of the last part of "Head to Aim [and Aim]" starting at part n; n when the part is no such head. */
function aimAfterTo(ctx: RuleContext, parts: ReadonlyArray<readonly [number, number]>, n: number): number {
  const { tokens, text } = ctx;
  const [a1, b1] = parts[n];
  const to = tokens[b1 + 1];
  if (!TO_HEADS.has(tokens[b1].text) || (b1 === a1 && ctx.sentenceStarts[a1] === 1) || to?.text !== 'to' || !joined(text, tokens[b1], to)) return n;
  const next = parts[n + 1];
  if (!next || next[0] !== b1 + 2 || !joined(text, to, tokens[next[0]]) || ctx.placeToken[next[0]] || ctx.countryToken[next[0]] || ctx.actorToken[next[0]]) return n;
  // the aim is a verb: lower-case in its own right ("Protect", "Support", "Stop"), not a name
  if (ctx.isGivenName(tokens[next[0]].text) || ctx.isDemonym(tokens[next[0]].text)) return n;
  const and = tokens[next[1] + 1];
  const more = parts[n + 2];
  if (and?.text === 'and' && more && more[0] === next[1] + 2 && joined(text, tokens[next[1]], and) && joined(text, and, tokens[more[0]])) return n + 2;
  return n + 1;
}

/** A word of a linked movement name in [a, b] that is not a known place. */
function hasLinkedOrgWord(ctx: RuleContext, a: number, b: number): boolean {
  for (let k = a; k <= b; k++) if (LINKED_MOVEMENT_NAME.test(ctx.tokens[k].text) && !ctx.placeToken[k]) return true;
  return false;
}

const ALIAS_GROUP_NOUNS = new Set(['militia', 'militias', 'militiamen', 'group', 'groups', 'gang', 'gangs', 'movement', 'faction', 'factions', 'force', 'forces', 'fighters', 'rebels', 'coalition', 'alliance', 'brigade', 'unit', 'units', 'network', 'cell', 'organisation', 'organization', 'party', 'front', 'army', 'insurgents', 'jihadists', 'vigilantes']);

/**
 * Whether the name at token a is an alias ("known as X", "calling itself X", "dubbed X"): 'group' when a group
 * noun or an actor comes just before, 'person' after a capitalised name and a comma; undefined otherwise.
 */
function aliasOf(ctx: RuleContext, a: number): 'group' | 'person' | undefined {
  const { tokens, text } = ctx;
  const p1 = tokens[a - 1];
  const p2 = tokens[a - 2];
  if (!p1 || !p2 || !joined(text, p1, tokens[a])) return undefined;
  let intro = -1;
  if (p1.lower === 'as' && p2.lower === 'known') intro = a - 2;
  else if ((p1.lower === 'themselves' || p1.lower === 'itself') && /^call(?:s|ed|ing)?$/.test(p2.lower)) intro = a - 2;
  else if (p1.lower === 'dubbed' || p1.lower === 'nicknamed' || p1.lower === 'named') intro = a - 1;
  if (intro < 1) return undefined;
  for (let k = intro - 1; k >= Math.max(0, intro - 3); k--) {
    const t = tokens[k];
    if (ALIAS_GROUP_NOUNS.has(t.lower) && t.text === t.lower) return 'group';
    if (ctx.actorToken[k]) return 'group';
    if (t.lower === 'who' || t.lower === 'which') continue;
    if (t.cap && k === intro - 1 && /^,\s*$/.test(text.slice(t.end, tokens[intro].start)) && !ctx.placeToken[k] && ctx.isGivenName(tokens[k - 1]?.text ?? '')) return 'person';
  }
  return undefined;
}

/** Words of a movement's aims inside "for"/"of" names. */
const AIM_WORDS = new Set(['Defence', 'Defense', 'Liberation', 'Salvation', 'Resistance', 'Support', 'Protection', 'Framework', 'Volunteers', 'Mobilization', 'Mobilisation', 'Restoration', 'Struggle', 'Reconciliation', 'Justice', 'Democracy', 'Development', 'Unity', 'Freedom', 'Independence', 'Sovereignty', 'Emancipation', 'Rescue', 'Recovery']);

/** Titles that sit inside a personal name after a given name ("Hassan Sheikh Mohamud", "Ahmad Shah Massoud"). */
export const MID_NAME_TITLES = new Set(['sheikh', 'shaikh', 'sharif', 'mirza', 'sayed', 'syed', 'sayyid', 'shah', 'khan', 'pasha', 'bey', 'haji']);

function hasConnector(ctx: RuleContext, a: number, b: number): boolean {
  for (let k = a + 1; k < b; k++) if (ctx.tokens[k].text === 'for' || ctx.tokens[k].text === 'of') return true;
  return false;
}

/** A title of a person among a..b ("Minister for the Defence of …"); "Defence" or "Interior" alone are not. */
function anyPersonTitle(ctx: RuleContext, a: number, b: number): boolean {
  for (let k = a; k <= b; k++) if (isTitle(ctx.tokens[k]) && !AIM_WORDS.has(ctx.tokens[k].text) && !TITLE_OF_OBJECTS.has(ctx.tokens[k].text)) return true;
  return false;
}

function anyAimWord(ctx: RuleContext, a: number, b: number): boolean {
  for (let k = a; k <= b; k++) if (AIM_WORDS.has(ctx.tokens[k].text)) return true;
  return false;
}

/** "33rd Front", "5th Brigade", "101st Airborne Division": an ordinal before an organisation head. */
export function ordinalUnits(ctx: RuleContext, out: MentionCandidate[]): void {
  const { tokens, text } = ctx;
  for (let i = 0; i + 1 < tokens.length; i++) {
    const c = tokens[i].text.charCodeAt(0);
    if (c < 48 || c > 57 || !ORDINAL.test(tokens[i].text)) continue;
    let j = i + 1;
    while (j < tokens.length && tokens[j].cap && !tokens[j].allCaps && joined(text, tokens[j - 1], tokens[j]) && j - i <= 3) {
      if (ORG_HEADS.has(tokens[j].text)) {
        addOrg(out, ctx, i, j, PRIORITY.strong);
        break;
      }
      j++;
    }
  }
}

const ORDINAL = /^\d+(?:st|nd|rd|th)$/;

const BRANCH_HEADS = new Set(['Province', 'Branch', 'Wing', 'Affiliate', 'Chapter']);

/** "Islamic State West Africa Province", "Islamic State Sahel Province": a known group's branch is a name of its own. */
export function actorBranches(ctx: RuleContext, out: MentionCandidate[]): void {
  const { tokens, text } = ctx;
  const n = out.length;
  for (let c = 0; c < n; c++) {
    const m = out[c];
    if (m.origin !== 'gazetteer' || m.label !== 'ACTOR') continue;
    const first = tokenIndex(ctx, m.start);
    if (first === undefined) continue;
    let last = first;
    while (last + 1 < tokens.length && tokens[last + 1].start < m.end) last++;
    if (tokens[last].possessive) continue;
    for (let j = last + 1; j < tokens.length && j <= last + 4 && tokens[j].cap && !tokens[j].allCaps && joined(text, tokens[j - 1], tokens[j]); j++) {
      if (BRANCH_HEADS.has(tokens[j].text)) {
        addOrg(out, ctx, first, j, PRIORITY.strong);
        break;
      }
      if (tokens[j].possessive) break;
    }
  }
}

/** Stand-alone acronyms are organisations ("RSF", "JNIM", "M23"), unless the gazetteer says otherwise. */
export function acronyms(ctx: RuleContext, out: MentionCandidate[]): void {
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

/** Small words inside an organisation's name ("Group to Support Islam and Muslims"). */
const NAME_CONNECTORS = new Set(['to', 'for', 'of', 'and', 'the', 'in', 'on']);

/**
 * "the Group to Support Islam and Muslims (JNIM)": a name with an organisation head and small words inside,
 * spelled out before its acronym in brackets, is one organisation (the capitalised pieces are no places).
 */
export function definedNames(ctx: RuleContext, out: MentionCandidate[]): void {
  const { tokens, text } = ctx;
  for (let i = 2; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t.allCaps || t.text.length < 2 || t.text.length > 9 || text.charCodeAt(t.start - 1) !== 40 || text.charCodeAt(t.end) !== 41 || text.charCodeAt(t.start - 2) !== 32) continue;
    const b = i - 1;
    if (tokens[b].end !== t.start - 2 || !/^\p{Lu}/u.test(tokens[b].text)) continue;
    let a = b;
    while (a - 1 >= 0 && gap(text, tokens[a - 1], tokens[a]) === ' ' && ctx.sentenceStarts[a] === 0 && (/^\p{Lu}/u.test(tokens[a - 1].text) || NAME_CONNECTORS.has(tokens[a - 1].text))) a--;
    while (a < b && NAME_CONNECTORS.has(tokens[a].lower)) a++;
    let heads = 0;
    let inner = 0;
    for (let k = a; k <= b; k++) {
      if (ORG_HEADS.has(tokens[k].text)) heads++;
      if (NAME_CONNECTORS.has(tokens[k].text)) inner++;
    }
    if (heads === 0 || inner === 0 || anyActorToken(ctx, a, b)) continue;
    // ("the Democratic Republic of Congo (DRC)": the gazetteer's place)
    let known = false;
    for (let k = a; k <= b; k++) if (ctx.placeToken[k]) known = true;
    if (!known) addOrg(out, ctx, a, b, PRIORITY.strong);
  }
}

/** "Three Brotherhood Alliance", "Military Operations Command 15", "Brigade 93": numbers belong to unit names. */
export function extendNumberedNames(ctx: RuleContext, candidates: MentionCandidate[]): void {
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
