/**
 * Place rules: a capitalised name before a place type ("Kunduz province"), after "the town of" or with a
 * following ", a town on…", after a place preposition ("in Hodeidah, Sanaa and Saada"), and datelines
 * ("KHARTOUM, Sudan, May 14").
 */
import type { MentionCandidate } from '../types';
import { ANONYMOUS_HEADS, CAPITALISED_STOPWORDS, FACILITY_ADJECTIVES, FACILITY_HEADS, FEATURE_HEADS, GROUP_NOUNS, NON_PLACE_NAMES, PERSON_MARKERS, PLACE_PREPOSITIONS, PLACE_TYPES_AFTER, PLACE_TYPES_BEFORE, PLACE_TYPE_ADJECTIVES, ROLE_AFTER_PLACE_TYPE } from '../lexicon';
import { generatedEntityId } from '../generatedEntityId';
import { addRuleMention, anyWordFlag, DEMONYM_LIKE, gap, gap2, hasOrgHead, joined, PRIORITY, type RuleContext } from '../ruleContext';
import { isNameToken, isTitle, W_TITLE, wordTest } from '../wordFlags';
import { nameRuns, sequenceParts } from './nameSequences';
import { demonymForm } from '../../gazetteer/demonyms';

// Unicode-class patterns live at module level: bundled for Node they would otherwise be rebuilt per call.
const HYPHENATED_PAIR = /^(\p{Lu}[\p{L}\p{M}]+)[-‐](\p{Lu}[\p{L}\p{M}]+)$/u;
const COMMA_CAPITAL = /^, \p{Lu}/u;

/** Words that end the head of an apposition: "a shopkeeper in the city" is about a shopkeeper. */
const APPOSITION_STOPS = new Set(['in', 'of', 'on', 'at', 'from', 'near', 'for', 'with', 'who', 'whose', 'which', 'that', 'and']);

const CAPITAL_NOUNS = new Set(['capital', 'city', 'town', 'village']);


/** "Sunni", "Kurdish": an affiliation adjective (answered once per word). */
const adjectiveDemonym = wordTest((w) => demonymForm(w.text) === 'adjective');

const addPlace = (out: MentionCandidate[], ctx: RuleContext, a: number, b: number, priority: number): void => addRuleMention(out, ctx, a, b, 'city', priority);

/** Places by pattern: "X province", "the town of X", "in X", datelines. */
export function placePatterns(ctx: RuleContext, out: MentionCandidate[]): void {
  const { tokens, text } = ctx;
  const sequences: Array<[number, number]> = [];
  for (const [a1, b1] of sequenceParts(ctx)) {
    if (hasOrgHead(ctx, a1, b1)) sequences.push([a1, b1]);
    else nameRuns(ctx, a1, b1, sequences);
  }
  const sequenceAt = new Map(sequences.map((q) => [q[0], q] as const));
  for (const [a0, b] of sequences) {
    // "mainly Sunni Anbar province": an affiliation before a place name is not part of it
    let a = a0;
    while (a < b && adjectiveDemonym(tokens[a]) && !ctx.placeToken[a]) a++;
    if (facilityOrFeature(ctx, a, b, out)) continue;
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
    // ("the Anglophone region": a language community, like a demonym)
    const demonym = a === b && !ctx.placeToken[a] && (/(?:ian|ese|ish|phone)$/.test(tokens[a].text) || (determiner && DEMONYM_LIKE.test(tokens[a].text) && !/[-‐]/.test(tokens[a].text)));
    if (typeAfter && !article && !demonym) {
      // "on Let Pan Hla village": a capitalised function word inside the sentence opens the name
      const lead = tokens[a - 1];
      if (lead && a === a0 && lead.cap && CAPITALISED_STOPWORDS.has(lead.text) && !/^(?:The|A|An)$/.test(lead.text) && !ctx.sentenceStarts[a - 1] && joined(text, lead, tokens[a]) && tokens[a - 2] && tokens[a - 2].text === tokens[a - 2].lower && joined(text, tokens[a - 2], lead)) a--;
      const hyphen = HYPHENATED_PAIR.exec(tokens[b].text);
      // ("North-West region" is one region)
      const compass = hyphen && /^(?:North|South|East|West|Central)$/.test(hyphen[1]) && /^(?:North|South|East|West|Central)$/.test(hyphen[2]);
      if (a === b && hyphen && !compass && !PERSON_MARKERS.has(hyphen[1].toLowerCase()) && !/^(?:Al|El)$/.test(hyphen[1])) {
        // "Albukamal-Qaim crossing": two places
        const t = tokens[a];
        const mid = t.start + hyphen[1].length;
        out.push({ start: t.start, end: mid, label: 'PLACE', entity: generatedEntityId(hyphen[1]), kind: 'city', origin: 'rule', priority: PRIORITY.strong });
        out.push({ start: mid + 1, end: t.end, label: 'PLACE', entity: generatedEntityId(hyphen[2]), kind: 'city', origin: 'rule', priority: PRIORITY.strong });
      } else addPlace(out, ctx, a, b, PRIORITY.strong);
      // "the Dnipropetrovsk and Zaporizhzhia regions": the names coordinated before a plural type
      if (/s$/.test(next.lower)) placesCoordinatedBefore(ctx, a, out);
      continue;
    }
    // "Qaim, a town on the Syrian border", "Tell Nasir, an area some miles south of …"
    if (next && next2 && gap(text, tokens[b], next) === ', ' && ['a', 'an', 'the'].includes(next.lower) && /^\s/.test(gap(text, next, next2))) {
      let k = b + 2;
      while (k < tokens.length && k < b + 5 && !PLACE_TYPES_BEFORE.has(tokens[k].lower) && tokens[k].text === tokens[k].lower && !APPOSITION_STOPS.has(tokens[k].lower)) k++;
      // "Pedro Nhamirre, a district administrator": the place noun only modifies a person's role
      if (k < tokens.length && PLACE_TYPES_BEFORE.has(tokens[k].lower) && !ctx.actorToken[a] && !ROLE_AFTER_PLACE_TYPE.has(tokens[k + 1]?.lower ?? '')) {
        addPlace(out, ctx, a, b, PRIORITY.pattern);
        continue;
      }
    }
    // "the town of X"
    const prev = tokens[a - 1];
    const prev2 = tokens[a - 2];
    if (prev && prev2 && prev.text === 'of' && PLACE_TYPES_BEFORE.has(prev2.lower) && joined(text, prev2, prev) && joined(text, prev, tokens[a])) {
      // ("the village of Aita al-Shaab": a place even where its words look like a person's name)
      addPlace(out, ctx, a, b, PRIORITY.strong);
      coordinatedPlaces(ctx, b, sequenceAt, out);
      continue;
    }
    // "its capital, Irbil --", "the provincial capital, Kunduz."
    if (prev && gap2(text, prev, tokens[a], 44, 32) && CAPITAL_NOUNS.has(prev.lower) && b - a < 3 && !ctx.actorToken[a] && /^(?:[,.;]|\s+[-–—])/.test(text.slice(tokens[b].end, tokens[b].end + 3))) {
      addPlace(out, ctx, a, b, PRIORITY.pattern);
      continue;
    }
    // "according to Reuters": a source, not a place
    if (prev?.lower === 'to' && prev2?.lower === 'according') continue;
    if (prev && PLACE_PREPOSITIONS.has(prev.lower) && joined(text, prev, tokens[a]) && b - a < 3 && !ctx.actorToken[a]) {
      if (tokens[a].allCaps && !ctx.placeToken[a]) continue;
      if (next && joined(text, tokens[b], next) && (GROUP_NOUNS.has(next.lower) || isTitle(next) || ANONYMOUS_HEADS.has(next.lower))) continue;
      if (a === b && DEMONYM_LIKE.test(tokens[a].text) && !ctx.placeToken[a] && next && joined(text, tokens[b], next) && next.text === next.lower) continue;
      addPlace(out, ctx, a, b, PRIORITY.guess);
      coordinatedPlaces(ctx, b, sequenceAt, out);
    }
  }
  datelines(ctx, out);
}

/** Names coordinated before the place at token `a` ("Kherson, Mykolaiv and Odesa regions"), as places. */
function placesCoordinatedBefore(ctx: RuleContext, a: number, out: MentionCandidate[]): void {
  const { tokens, text } = ctx;
  let k = a - 1;
  while (k >= 1) {
    const g = gap(text, tokens[k - 1], tokens[k]);
    const conj = tokens[k].text === 'and' && (g === ' ' || g === ', ');
    const comma = gap(text, tokens[k], tokens[k + 1]) === ', ' && isNameToken(tokens[k]);
    const end = conj ? k - 1 : comma ? k : -1;
    if (end < 0 || !isNameToken(tokens[end]) || CAPITALISED_STOPWORDS.has(tokens[end].text) || ctx.actorToken[end]) return;
    let start = end;
    while (start - 1 >= 0 && start > end - 3 && joined(text, tokens[start - 1], tokens[start]) && isNameToken(tokens[start - 1]) && !CAPITALISED_STOPWORDS.has(tokens[start - 1].text)) start--;
    if (ctx.sentenceStarts[start] === 1 || hasOrgHead(ctx, start, end)) return;
    addPlace(out, ctx, start, end, PRIORITY.guess);
    k = start - 1;
  }
}

/** "in Hodeidah, Sanaa and Saada", "between Bandiagara and Goundaka": the places coordinated after the one ending at b. */
function coordinatedPlaces(ctx: RuleContext, b: number, sequenceAt: ReadonlyMap<number, [number, number]>, out: MentionCandidate[]): void {
  const { tokens, text } = ctx;
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

/**
 * Named features and facilities: a capitalised feature head belongs to the name ("Tigris River", "Lake Chad"); a
 * facility head does not ("Palm Tree Cafe" → Palm Tree, "Hotel Meridian" → Meridian) unless the rest is only
 * an adjective ("Grand Mosque"). Returns whether run a..b was one.
 */
function facilityOrFeature(ctx: RuleContext, a: number, b: number, out: MentionCandidate[]): boolean {
  if (b === a) return false;
  const { tokens } = ctx;
  const first = tokens[a].text;
  const last = tokens[b].text;
  if (ctx.actorToken[a] && !ctx.placeToken[a]) return false;
  // "the Niger River", "the Jordan Valley": a country's name is a feature's name too
  if (FEATURE_HEADS.has(last) || (['Lake', 'Mount', 'Mt', 'Wadi', 'Jebel', 'Jabal'].includes(first) && !FACILITY_HEADS.has(last))) {
    addPlace(out, ctx, a, b, PRIORITY.strong);
    return true;
  }
  if (ctx.countryToken[a]) return false;
  if (FACILITY_HEADS.has(last) && !FACILITY_HEADS.has(first)) {
    let onlyAdjectives = true;
    for (let k = a; k < b && onlyAdjectives; k++) onlyAdjectives = FACILITY_ADJECTIVES.has(tokens[k].text);
    if (onlyAdjectives) addPlace(out, ctx, a, b, PRIORITY.strong);
    else if (!ctx.placeToken[a] && !anyWordFlag(ctx, a, b - 1, W_TITLE)) addPlace(out, ctx, a, b - 1, PRIORITY.strong);
    else return false;
    return true;
  }
  if (FACILITY_HEADS.has(first) && !FACILITY_HEADS.has(last) && b - a <= 3) {
    addPlace(out, ctx, a + 1, b, PRIORITY.strong);
    return true;
  }
  return false;
}

/** Datelines: "KHARTOUM, Sudan, May 14" at the start of a line. */
function datelines(ctx: RuleContext, out: MentionCandidate[]): void {
  const { tokens, text } = ctx;
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
