/**
 * Countries acting as states: a country mention that is the subject of a verb ("Iran is directing",
 * "Rwanda denies", "the United States and Iran both oppose") is relabelled PLACE → ACTOR. Runs on the
 * resolved and linked mentions, so it sees each country's neighbour.
 */
import type { MentionCandidate } from '../types';
import { AUXILIARIES, GROUP_NOUNS, PLACE_PREPOSITIONS, SUBJECT_ADVERBS } from '../lexicon';
import { reportingVerb } from '../reportingVerbs';
import { gap, tokenIndex, type RuleContext } from '../ruleContext';

/** Words after which a country is an object or a place, never a subject ("of Iran", "with Russia", "in Mali"). */
const OBJECT_MARKERS = new Set(['of', 'with', 'by', 'for', 'on', 'against', 'over', 'under', 'about', 'than', 'like']);
const objectPosition = (w: string): boolean => PLACE_PREPOSITIONS.has(w) || OBJECT_MARKERS.has(w);

const FUNCTION_WORDS = new Set(['of', 'in', 'on', 'at', 'to', 'for', 'with', 'by', 'from', 'and', 'or', 'but', 'the', 'a', 'an', 'as', 'than', 'that', 'which', 'who', 'along']);

/**
 * Relabels, in place, the country mentions (sorted by start) that act as states, and the capitals that speak for
 * theirs ("Moscow says", "Washington denied"): only before a reporting verb, where no reading as a place is left.
 */
export function relabelActingCountries(ctx: RuleContext, mentions: MentionCandidate[], isCapital: (entity: string) => boolean = () => false): void {
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i];
    if (m.label === 'PLACE' && m.kind !== 'country' && m.origin === 'gazetteer' && isCapital(m.entity) && capitalSpeaks(ctx, m)) {
      m.label = 'ACTOR';
      continue;
    }
    if (m.label === 'PLACE' && m.kind === 'country' && countryActsAsState(ctx, m, mentions[i + 1])) {
      m.label = 'ACTOR';
      // a coordinated pair ("the United States and Iran both oppose") acts together
      const n = mentions[i + 1];
      if (n && n.kind === 'country' && /^\s+(?:and|or)\s+(?:the\s+)?$/.test(ctx.text.slice(m.end, n.start))) n.label = 'ACTOR';
    }
  }
}

/** The first and last token of the mention, unless it is possessive ("Russia's") and so no subject. */
function subjectTokens(ctx: RuleContext, m: MentionCandidate): [number, number] | undefined {
  const { tokens } = ctx;
  const first = tokenIndex(ctx, m.start);
  if (first === undefined) return undefined;
  let last = first;
  while (last + 1 < tokens.length && tokens[last + 1].start < m.end) last++;
  return tokens[last].possessive ? undefined : [first, last];
}

/** A capital right before a reporting verb, opening its clause ("Moscow says it targets only …"). */
function capitalSpeaks(ctx: RuleContext, m: MentionCandidate): boolean {
  const { tokens, text } = ctx;
  const range = subjectTokens(ctx, m);
  if (!range) return false;
  const [first, last] = range;
  const prev = tokens[first - 1];
  if (prev && prev.sentence === tokens[first].sentence && !/^(?:and|but|while|as|that)$/.test(prev.lower) && !/[,;:]\s*$/.test(text.slice(prev.end, tokens[first].start))) return false;
  let k = last + 1;
  while (k < tokens.length && SUBJECT_ADVERBS.has(tokens[k].lower) && tokens[k].text === tokens[k].lower) k++;
  const v = tokens[k];
  return v !== undefined && v.sentence === tokens[last].sentence && v.text === v.lower && /^ $/.test(gap(text, tokens[k - 1], v)) && reportingVerb(v.lower) !== undefined && !/ing$/.test(v.lower);
}

/** Country names act as states when they are the subject of a verb ("Iran is directing", "Rwanda denies"). */
function countryActsAsState(ctx: RuleContext, m: MentionCandidate, next: MentionCandidate | undefined): boolean {
  const { tokens, text } = ctx;
  const range = subjectTokens(ctx, m);
  if (!range) return false;
  const [first, last] = range;
  const prev = tokens[first - 1];
  // "in western Myanmar said": a region of the country, after a preposition
  if (prev && /^(?:north|south|east|west|central|northern|southern|eastern|western|north-?eastern|north-?western|south-?eastern|south-?western)$/.test(prev.lower) && prev.text === prev.lower) return false;
  // "drones launched overnight by Russia", "prisoners held by Russia": the agent of a passive acts as a state
  if (prev && prev.lower === 'by' && passiveBefore(ctx, first - 1) && !modifiesNext(ctx, last)) return true;
  if (prev && objectPosition(prev.lower)) return false;
  // "the borders of Niger, Mali and Burkina Faso meet": the last items of a list after a preposition
  // (commas are no tokens: the list is its places and "and"/"or")
  if (prev && (prev.lower === 'and' || prev.lower === 'or' || /^,\s*$/.test(gap(text, prev, tokens[first])))) {
    let q = first - 1;
    while (q > 0 && (tokens[q].lower === 'and' || tokens[q].lower === 'or' || ctx.countryToken[q] || ctx.placeToken[q])) q--;
    if (q < first - 1 && objectPosition(tokens[q].lower)) return false;
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

const PASSIVE_ADVERBS = new Set(['overnight', 'jointly', 'directly', 'mainly', 'largely', 'partly', 'heavily', 'openly']);

const IRREGULAR_PARTICIPLES = new Set(['held', 'led', 'run', 'shot', 'hit', 'struck', 'taken', 'seized', 'built', 'made', 'sent', 'brought', 'caught', 'fought', 'won', 'set', 'put', 'shut', 'thrown', 'given', 'driven', 'written', 'known', 'seen']);

/** Whether the word before "by" at `by` (an adverb or two between allowed) is a past participle: a passive's agent follows. */
function passiveBefore(ctx: RuleContext, by: number): boolean {
  let k = by - 1;
  while (k >= 0 && k >= by - 3 && (SUBJECT_ADVERBS.has(ctx.tokens[k].lower) || PASSIVE_ADVERBS.has(ctx.tokens[k].lower))) k--;
  const v = ctx.tokens[k];
  if (!v || v.text !== v.lower || !/^ $/.test(gap(ctx.text, v, ctx.tokens[k + 1]))) return false;
  return (/[^e]ed$/.test(v.lower) && v.lower.length > 4) || IRREGULAR_PARTICIPLES.has(v.lower);
}

/** Whether the country ending at token `last` modifies the word after it ("by US Secretary ...", "by U.S. airstrikes"). */
function modifiesNext(ctx: RuleContext, last: number): boolean {
  const n = ctx.tokens[last + 1];
  if (!n || gap(ctx.text, ctx.tokens[last], n) !== ' ') return false;
  if (n.text !== n.lower) return true;
  return !FUNCTION_WORDS.has(n.lower) && !AUXILIARIES.has(n.lower) && !/ed$/.test(n.lower);
}
