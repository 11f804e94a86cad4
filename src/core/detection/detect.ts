/**
 * Detection of ACTOR and PLACE mentions (and, through detectAttributions.ts, attributions) in an article:
 * the orchestration. Gazetteer hits come first and mark the tokens they cover; the rules (rules/) then add
 * names the gazetteer does not know; overlaps are resolved (resolveOverlaps.ts), mentions of one name are
 * linked (linkMentions.ts) and countries acting as states become actors. Everything runs over one token
 * array, so the cost is linear in the text length. See media/docs/guidelines.md for what each rule is meant
 * to capture.
 */
import type { DetectedMention, Detection, Entity, Span } from '../model';
import { TextIndex } from '../text/textIndex';
import { splitSentences } from '../text/splitSentences';
import { unwrapLines } from '../text/unwrapLines';
import { tokenize, type Token } from './tokenize';
import { CAPITALISED_STOPWORDS, TITLES } from './lexicon';
import { reportingVerb } from './reportingVerbs';
import { detectAttributions } from './detectAttributions';
import type { DetectOptions, GazetteerHit, GazetteerMatcher, MentionCandidate } from './types';
import { createRuleContext, PRIORITY, type RuleContext } from './ruleContext';
import { acronyms, actorBranches, definedNames, extendNumberedNames, ordinalUnits, sequenceOrganisations } from './rules/organisations';
import { leaderBodies, sequencePersons, titledPersons } from './rules/persons';
import { descriptiveGroups, pluralGroups } from './rules/groups';
import { placePatterns } from './rules/places';
import { relabelActingCountries } from './rules/countryActors';
import { resolveOverlaps } from './resolveOverlaps';
import { linkMentions } from './linkMentions';
import { dropDemonyms } from './rules/demonymMentions';
import { isStopword, isTitle, wordTest } from './wordFlags';

const reportingForm = wordTest((w) => reportingVerb(w.lower) !== undefined);

export type { DetectOptions, GazetteerHit, GazetteerMatcher, MentionCandidate } from './types';
export { generatedEntityId } from './generatedEntityId';
export { foldName } from '../text/fold';

// Unicode-class patterns live at module level: bundled for Node they would otherwise be rebuilt per call.
const HYPHEN_LOWER = /^[-‐]\p{Ll}/u;
const DOT_CAPITAL_END = /\.\p{Lu}$/u;
const TITLE_FOLLOWER = /^(?:\.| \p{Lu})/u;
/** Title words that modify another title ("Foreign Minister"), never standing before a name themselves. */
const TITLE_MODIFIERS = new Set(['foreign', 'defense', 'defence', 'interior', 'vice', 'grand', 'crown', 'deputy', 'official']);
/** Between a title and the name it comes before: a space, or an abbreviation's dot and a space ("Gen. "). */
const TITLE_GAP = /^\.? $/;
const PRO_ANTI = /(?:^|[^\p{L}])(?:anti|pro)[-‐]$/iu;
/** "Moscow-based", "U.S.-born": the place stays a place before these. */
const PLACE_COMPOUND = /^[-‐](?:based|born|bound|headquartered|registered|educated|raised|made)\b/;

/** Finds ACTOR and PLACE mentions (and attributions) in `text`. Offsets in the result are code points. */
export function detect(text: string, gazetteer: GazetteerMatcher, options: DetectOptions = {}): Detection {
  // hard-wrapped lines are joined for the rules (same offsets); quotes are taken from the text as it is
  const flat = unwrapLines(text);
  const detection = detectCandidates(flat, gazetteer);
  const index = options.index?.text === text ? options.index : new TextIndex(text);
  const mentions: DetectedMention[] = detection.mentions.map((m) => {
    const start = index.toCodePoint(m.start);
    const end = index.toCodePoint(m.end);
    return { label: m.label, start, end, text: text.slice(m.start, m.end), entity: m.entity, origin: m.origin };
  });
  let attributions = options.attributions === false ? [] : detectAttributions(flat, detection.tokens, detection.sentences, detection.mentions, index);
  if (flat !== text) {
    const quote = <T extends Span | undefined>(s: T): T => (s ? { ...s, text: index.slice(s.start, s.end) } : s);
    attributions = attributions.map((a) => ({ ...a, cue: quote(a.cue), ...(a.source ? { source: quote(a.source) } : {}), ...(a.content ? { content: quote(a.content) } : {}) }));
  }
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
  const ctx = createRuleContext(text, tokens, sentences, gazetteer);
  const candidates: MentionCandidate[] = [];
  gazetteerCandidates(ctx, hits, gazetteer, candidates);
  // rule order matters: later rules read earlier candidates, and ties among overlaps go to the earlier one
  titledPersons(ctx, candidates);
  leaderBodies(ctx, candidates);
  sequencePersons(ctx, sequenceOrganisations(ctx, candidates), candidates);
  descriptiveGroups(ctx, candidates);
  pluralGroups(ctx, candidates);
  placePatterns(ctx, candidates);
  acronyms(ctx, candidates);
  definedNames(ctx, candidates);
  ordinalUnits(ctx, candidates);
  actorBranches(ctx, candidates);
  extendNumberedNames(ctx, candidates);
  const mentions = dropDemonyms(ctx, linkMentions(ctx, resolveOverlaps(candidates, text.length)));
  relabelActingCountries(ctx, mentions, (id) => hitCapital(id, gazetteer));
  return { mentions, tokens, sentences };
}

function hitCapital(id: string, gazetteer: GazetteerMatcher): boolean {
  return gazetteer.get?.(id)?.capital === true;
}

function hitEntity(hit: GazetteerHit, gazetteer: GazetteerMatcher): Entity | undefined {
  return typeof hit.entity === 'string' ? gazetteer.get?.(hit.entity) : hit.entity;
}

/** Gazetteer hits (sorted by start) as candidates, marking the tokens they cover so rules can tell names they already know. */
function gazetteerCandidates(ctx: RuleContext, hits: readonly GazetteerHit[], gazetteer: GazetteerMatcher, out: MentionCandidate[]): void {
  const { text, tokens } = ctx;
  let cursor = 0;
  for (const hit of hits) {
    const entity = hitEntity(hit, gazetteer);
    if (!entity) continue;
    // (hits come by start: the first token that ends after this one's start only moves forward)
    while (cursor < tokens.length && tokens[cursor].end <= hit.start) cursor++;
    // a hit that is one token asks its word (answered once per word), else its own text
    const tok = tokens[cursor];
    const oneToken = tok !== undefined && tok.start === hit.start && tok.end === hit.end;
    const surface = oneToken ? tok.text : text.slice(hit.start, hit.end);
    const hyphenAfter = text.charCodeAt(hit.end) === 45 || text.charCodeAt(hit.end) === 0x2010;
    if (entity.label === 'PLACE' && ((oneToken ? isStopword(tok) || reportingForm(tok) : CAPITALISED_STOPWORDS.has(surface) || reportingVerb(surface.toLowerCase()) !== undefined) || (hyphenAfter && HYPHEN_LOWER.test(text.slice(hit.end, hit.end + 2)) && !PLACE_COMPOUND.test(text.slice(hit.end, hit.end + 16))))) continue;
    // "anti-US cleric", "pro-Russia rebels": a stance, not a place
    const before = text.charCodeAt(hit.start - 1);
    if (entity.label === 'PLACE' && (before === 45 || before === 0x2010) && PRO_ANTI.test(text.slice(Math.max(0, hit.start - 5), hit.start))) continue;
    // "Brig. Gen.", "Governor Ali": a title word is no place, whatever GeoNames holds
    const after = text.charCodeAt(hit.end);
    if (entity.label === 'PLACE' && (after === 46 || after === 32) && (oneToken ? isTitle(tok) : TITLES.has(surface.toLowerCase())) && TITLE_FOLLOWER.test(text.slice(hit.end, hit.end + 2))) continue;
    // "Defense Minister Pedro Sanchez", "Gen. Santos": a name after a person's title is the person's, whatever
    // GeoNames holds
    const prevTok = tokens[cursor - 1];
    if (entity.label === 'PLACE' && prevTok !== undefined && isTitle(prevTok) && prevTok.cap && !TITLE_MODIFIERS.has(prevTok.lower) && TITLE_GAP.test(text.slice(prevTok.end, hit.start))) continue;
    let hitEnd = hit.end;
    if (text[hitEnd] === '.' && DOT_CAPITAL_END.test(text.slice(hitEnd - 2, hitEnd))) hitEnd++;
    for (let k = cursor; k < tokens.length && tokens[k].start < hitEnd; k++) {
      if (entity.label === 'ACTOR') ctx.actorToken[k] = 1;
      else ctx.placeToken[k] = 1;
      if (entity.kind === 'country') ctx.countryToken[k] = 1;
    }
    if (entity.label === 'PLACE') ctx.placeSpans.add(hit.start * (text.length + 1) + hitEnd);
    out.push({ start: hit.start, end: hitEnd, label: entity.label, entity: entity.id, kind: entity.kind, origin: 'gazetteer', priority: PRIORITY.gazetteer });
  }
}
