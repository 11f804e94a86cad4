/**
 * Person rules: names after a title ("President Bashar al-Assad"), and capitalised name runs that a context
 * marks as a person: a reporting verb before or after, an apposition, a byline, or a name particle
 * ("Abu", "al-"). Surname-only mentions are linked later (linkMentions.ts).
 */
import type { Token } from '../tokenize';
import type { MentionCandidate } from '../types';
import { CAPITALISED_STOPWORDS, FACILITY_HEADS, FEATURE_HEADS, NAME_PARTICLES, ORG_HEADS, PLACE_TYPES_BEFORE, ROLE_AFTER_PLACE_TYPE, TITLE_OF_OBJECTS } from '../lexicon';
import { MID_NAME_TITLES } from './organisations';
import { addRuleMention, anyWordFlag, exactPlaceHit, gap, hasOrgHead, joined, PRIORITY, type RuleContext } from '../ruleContext';
import { isCueToken, isNameToken, isTitle, W_PARTICLE, W_SINGLE_CAPITAL, wordFlags, wordTest } from '../wordFlags';

/** Titles written with a full stop ("Gen.", "Mr.") */
const ABBREVIATED_TITLE = /^(?:gen|col|lt|maj|brig|capt|sgt|mr|mrs|ms|dr|prof|sen|rep|gov|adm)$/i;

const addPerson = (out: MentionCandidate[], ctx: RuleContext, a: number, b: number, priority: number): void => addRuleMention(out, ctx, a, b, 'person', priority);

/** "the Obama administration", "the Assad regime": a leader's name before the body that follows him. */
export function leaderBodies(ctx: RuleContext, out: MentionCandidate[]): void {
  const { tokens, text } = ctx;
  for (let i = 1; i + 1 < tokens.length; i++) {
    const next = tokens[i + 1];
    if (!leaderBody(next)) continue;
    const t = tokens[i];
    if (!t.cap || t.allCaps || tokens[i - 1].lower !== 'the' || !joined(text, t, next)) continue;
    if (ctx.countryToken[i] || ctx.actorToken[i] || ctx.isDemonym(t.text) || CAPITALISED_STOPWORDS.has(t.text) || isTitle(t) || ORG_HEADS.has(t.text)) continue;
    addPerson(out, ctx, i, i, PRIORITY.title);
  }
}

const LEADER_BODIES = new Set(['administration', 'regime', 'presidency', 'era', 'cabinet', 'loyalists']);
const leaderBody = wordTest((w) => LEADER_BODIES.has(w.text));

/** Name tokens after a title: "President [Bashar al-Assad]", "Secretary of State [John Kerry]", "spokesman, [X Y],". */
export function titledPersons(ctx: RuleContext, out: MentionCandidate[]): void {
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
      const midTitle = k > j && MID_NAME_TITLES.has(t.lower) && ctx.isGivenName(tokens[j].text) && k + 1 < tokens.length && isNameToken(tokens[k + 1]) && !isTitle(tokens[k + 1]);
      const ok = (isNameToken(t) && !CAPITALISED_STOPWORDS.has(t.text) && (!isTitle(t) || midTitle)) || (k > j && NAME_PARTICLES.has(t.lower) && k + 1 < tokens.length && isNameToken(tokens[k + 1]));
      if (!ok) break;
      if (t.possessive) {
        k++;
        break;
      }
      if (k + 1 < tokens.length) {
        const g2 = gap(text, t, tokens[k + 1]);
        if (!(g2 === ' ' || (g2 === '. ' && (wordFlags(t) & W_SINGLE_CAPITAL) !== 0))) {
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
    // "Grand Mosque", "private Saudi firms": a facility or a demonym after a title word is no person
    if (FACILITY_HEADS.has(tokens[j].text) || FEATURE_HEADS.has(tokens[j].text) || FACILITY_HEADS.has(tokens[last].text) || (j === last && ctx.isDemonym(tokens[j].text))) continue;
    addPerson(out, ctx, j, last, PRIORITY.title);
  }
}

function joinedOrDot(text: string, a: Token, b: Token): boolean {
  const g = gap(text, a, b);
  return g === ' ' || (g === '. ' && ABBREVIATED_TITLE.test(a.text));
}

function looksLikePerson(ctx: RuleContext, a: number, b: number): boolean {
  if (FACILITY_HEADS.has(ctx.tokens[a].text) || FACILITY_HEADS.has(ctx.tokens[b].text) || FEATURE_HEADS.has(ctx.tokens[b].text)) return false;
  for (let k = a; k <= b; k++) {
    const t = ctx.tokens[k];
    if (t.allCaps && t.text.length > 1) return false;
    if (ctx.actorToken[k] || ctx.countryToken[k]) return false;
  }
  return !exactPlaceHit(ctx, a, b) && !(a === b && ctx.placeToken[a]) && !hasOrgHead(ctx, a, b);
}

/**
 * Quoted speakers, appositions, bylines and particle names among the name runs that the organisation rules
 * left (`sequenceOrganisations`): "Rami Abdel Rahman said", "said Ahmed Hassan,", "Abu Mohammed al-Julani".
 */
export function sequencePersons(ctx: RuleContext, runs: ReadonlyArray<[number, number]>, out: MentionCandidate[]): void {
  const { tokens, text } = ctx;
  for (const [a, b] of runs) {
    const n = b - a + 1;
    const prev = tokens[a - 1];
    const next = tokens[b + 1];
    if (!looksLikePerson(ctx, a, b)) continue;
    // "Bab Al Nour, a market district": a place in apposition, whatever its words
    if (next && gap(text, tokens[b], next) === ', ' && ['a', 'an', 'the'].includes(next.lower) && placeApposition(ctx, b + 1)) continue;
    const afterGap = next ? gap(text, tokens[b], next) : '';
    let cueAfter = isCueToken(next) && afterGap === ' ';
    if (!cueAfter && next && afterGap === ' ' && ['also', 'later', 'has', 'had', 'then'].includes(next.lower) && isCueToken(tokens[b + 2])) cueAfter = true;
    if (!cueAfter && next && afterGap === ', ' && isCueToken(next)) cueAfter = true;
    const cueBefore = prev !== undefined && isCueToken(prev) && gap(text, prev, tokens[a]) === ' ' && (afterGap.startsWith(',') || afterGap.startsWith('.') || !next);
    const appositionAfter = next !== undefined && afterGap === ', ' && ['a', 'an', 'the', 'another', 'who', 'whose', 'known'].includes(next.lower) && !placeApposition(ctx, b + 1);
    const byline = prev !== undefined && prev.lower === 'by' && n >= 2 && n <= 3 && /^\s*(?:[–—-]|\n|,|$)/.test(afterGap);
    const particle = n >= 2 && anyWordFlag(ctx, a, b, W_PARTICLE);
    let given = -1;
    // "Olena Marchuk, 80, had": an age in apposition; "Contributing: Laura Finch", "… Tom Harker contributed"
    const age = next !== undefined && afterGap === ', ' && /^\d{1,3}$/.test(next.text) && /^[,)]/.test(text.slice(next.end, next.end + 1));
    const contributor = (next?.lower === 'contributed' && afterGap === ' ') || (prev?.lower === 'contributing' && /^:\s*$/.test(gap(text, prev, tokens[a])));
    if (n >= 2 && (cueAfter || cueBefore || appositionAfter || byline || age || contributor)) {
      addPerson(out, ctx, a, b, PRIORITY.strong);
    } else if (particle) {
      addPerson(out, ctx, a, b, PRIORITY.pattern);
    } else if (n >= 2 && (given = givenNameAt(ctx, a, b)) >= 0) {
      addPerson(out, ctx, given, b, PRIORITY.pattern);
    } else if (n === 1 && cueAfter && ctx.sentenceStarts[a] === 1 && !/s$/.test(tokens[a].text)) {
      // "Dagalo said ..." at the start of a sentence: a surname used alone
      addPerson(out, ctx, a, a, PRIORITY.weak);
    }
  }
}

/**
 * Capitalised words that are given names too but open place or institution names: toponym heads ("San", "Fort",
 * Arabic "Bab", "Deir", "Tel") and words of names and titles ("Grand", "Liberation"). Places the gazetteer
 * knows are ruled out by their tokens.
 */
const NOT_GIVEN_HERE = new Set(['san', 'santa', 'santo', 'sao', 'saint', 'st', 'port', 'fort', 'new', 'el', 'al', 'umm', 'ras', 'tel', 'tal', 'ain', 'bir', 'deir', 'kafr', 'beit', 'bab', 'wadi', 'jebel', 'jabal', 'mount', 'lake', 'grand', 'great', 'holy', 'royal', 'golden', 'independence', 'liberty', 'victory', 'freedom', 'unity', 'justice', 'peace', 'hope', 'faith', 'glory', 'will', 'mark', 'grant', 'rich', 'bill', 'major', 'general', 'king', 'prince', 'duke', 'earl', 'baron', 'lord', 'sky', 'summer', 'winter', 'north', 'south', 'east', 'west', 'central', 'human', 'red', 'green', 'black', 'white', 'islamic', 'national', 'royal', 'special', 'joint', 'federal', 'supreme', 'high', 'united', 'free', 'popular', 'democratic', 'social', 'liberation', 'salvation', 'christian', 'jihad', 'sharia', 'christmas', 'easter']);

/**
 * Start of a personal name at the end of run a..b: the first token k whose word is a known given name, with
 * one to three capitalised words after it to b ("Anders Holm", "Ruth K. Gallo", "…for Human Rights Anders
 * Turk"); -1 when there is none. The given name must not be a place, an actor, a title or a demonym here.
 */
function givenNameAt(ctx: RuleContext, a: number, b: number): number {
  const { tokens } = ctx;
  for (let k = Math.max(a, b - 3); k < b; k++) {
    const t = tokens[k];
    if (!ctx.isGivenName(t.text) || NOT_GIVEN_HERE.has(t.lower) || t.allCaps || t.possessive) continue;
    if (ctx.placeToken[k] || ctx.countryToken[k] || ctx.actorToken[k] || isTitle(t) || ctx.isDemonym(t.text)) continue;
    let ok = true;
    for (let q = k + 1; q <= b && ok; q++) {
      const u = tokens[q];
      ok = !ctx.countryToken[q] && !ctx.actorToken[q] && !isTitle(u) && !ORG_HEADS.has(u.text) && !FACILITY_HEADS.has(u.text) && !FEATURE_HEADS.has(u.text) && (!u.allCaps || (wordFlags(u) & W_SINGLE_CAPITAL) !== 0) && (q === b || !u.possessive);
    }
    if (ok && !exactPlaceHit(ctx, k, b)) return k;
  }
  return -1;
}

const APPOSITION_STOPS = new Set(['in', 'of', 'on', 'at', 'from', 'near', 'for', 'with', 'who', 'whose', 'which', 'that', 'and']);

/** Token i (after ", ") opens a place apposition: "a market district", "an area about 12 miles". */
function placeApposition(ctx: RuleContext, i: number): boolean {
  const { tokens } = ctx;
  for (let k = i + 1; k < tokens.length && k <= i + 4; k++) {
    // "a district administrator" is a person's role
    if (PLACE_TYPES_BEFORE.has(tokens[k].lower)) return !ROLE_AFTER_PLACE_TYPE.has(tokens[k + 1]?.lower ?? '');
    // the head noun comes first: "a shopkeeper in the city" is a person
    if ((tokens[k].text !== tokens[k].lower && !/^\d/.test(tokens[k].text)) || APPOSITION_STOPS.has(tokens[k].lower)) return false;
  }
  return false;
}
