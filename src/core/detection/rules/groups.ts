/**
 * Group rules: descriptive group mentions, modifiers plus a group noun ("Iraqi security forces", "Sunni
 * militants", "government troops"), an unknown name used as a modifier ("Taliban gunmen" → "Taliban"), and
 * capitalised plurals standing alone ("the Kurds", "Sunnis").
 */
import type { MentionCandidate } from '../types';
import { AUXILIARIES, CAPITALISED_STOPWORDS, GROUP_NOUNS, GROUP_NOUN_PAIRS, INSTITUTIONAL_MODIFIERS, LINKED_MOVEMENT_NAME, ORG_HEADS, WEAK_GROUP_NOUNS } from '../lexicon';
import { reportingVerb } from '../reportingVerbs';
import { demonymForm } from '../../gazetteer/demonyms';
import { generatedEntityId } from '../generatedEntityId';
import { joined, PRIORITY, tokenIndex, type RuleContext } from '../ruleContext';
import { isTitle, wordTest } from '../wordFlags';

/** Religious and ethnic affiliations that describe a group without naming one, beyond the -i/-an/-ese/-ish forms. */
const AFFILIATIONS = new Set(['shia', 'shiite', 'shi’ite', "shi'ite", 'sunni', 'christian', 'christians', 'arab', 'arabs', 'muslim', 'muslims', 'jewish', 'druze', 'tuareg', 'fulani', 'peul', 'hutu', 'tutsi', 'rohingya', 'pashtun', 'hazara', 'tamil', 'baluch', 'turkmen', 'amhara', 'oromo', 'dinka', 'nuer', 'zaghawa', 'masalit', 'misseriya', 'dogon', 'bambara', 'maasai', 'karen', 'kachin', 'shan', 'chin', 'mon', 'yazidi', 'alawite', 'coptic', 'catholic', 'protestant', 'evangelical', 'salafist', 'salafi', 'wahhabi', 'sufi', 'mai-mai', 'mai', 'wazalendo', 'anti-balaka', 'seleka', 'janjaweed']);

// Unicode-class patterns live at module level: bundled for Node they would otherwise be rebuilt per call.
const PLURAL_GROUP = /^\p{Lu}[\p{L}’']*(?:is|ians|ans|ites|ists|urds|abs|urks|ds)$/u;
// asked of every token: answered once per word
const pluralGroup = wordTest((w) => PLURAL_GROUP.test(w.text));
const pairHead = wordTest((w) => GROUP_NOUN_PAIRS.has(w.lower));
const groupNoun = wordTest((w) => GROUP_NOUNS.has(w.lower) && w.text === w.lower);

function isGroupNounAt(ctx: RuleContext, i: number): number {
  const t = ctx.tokens[i];
  const pair = pairHead(t) ? GROUP_NOUN_PAIRS.get(t.lower) : undefined;
  const next = ctx.tokens[i + 1];
  if (pair && next && pair.has(next.lower) && joined(ctx.text, t, next)) return 2;
  if (groupNoun(t)) return 1;
  // "The U.S. military said", "the Turkish military struck": a country's military acting, not a modifier
  // ("Iraqi military advisers", "Russian military movements")
  if (t.text === 'military' && i > 0 && joined(ctx.text, ctx.tokens[i - 1], t)) {
    const country = ctx.countryToken[i - 1];
    if ((country || ctx.isDemonym(ctx.tokens[i - 1].text)) && (!next || next.sentence !== t.sentence || !joined(ctx.text, t, next) || (country ? verbLike(next.lower) : pastOrSaid(next.lower)))) return 1;
  }
  return 0;
}

function verbLike(w: string): boolean {
  return AUXILIARIES.has(w) || reportingVerb(w) !== undefined || /(?:ed|[^s'’]s)$/.test(w);
}

/** A past tense, an auxiliary or a reporting verb: never a noun a military modifies (unlike "movements"). */
const IRREGULAR_PAST = new Set(['struck', 'hit', 'shot', 'fought', 'took', 'led', 'began', 'sent', 'drove', 'won', 'threw', 'broke', 'overran', 'retook', 'withdrew', 'met', 'held', 'made', 'found', 'lost', 'left']);
function pastOrSaid(w: string): boolean {
  return AUXILIARIES.has(w) || reportingVerb(w) !== undefined || /[^e]ed$/.test(w) || IRREGULAR_PAST.has(w);
}

/** Person roles after a group ("Yemeni government officials", "U.S. military officials"): the group is a modifier. */
const ROLE_NOUNS = new Set(['officials', 'official', 'sources', 'source', 'leaders', 'leader', 'commanders', 'commander', 'diplomats', 'diplomat', 'ministers', 'minister', 'spokesman', 'spokeswoman', 'spokesperson', 'member', 'members', 'officers', 'officer', 'representatives', 'representative', 'envoy', 'envoys', 'advisers', 'adviser', 'advisors', 'advisor', 'analysts', 'analyst', 'experts', 'expert']);

/** Adjectives that open a described group before its capitalised modifier ("central Iraqi government", "local Sunni tribes"). */
const LEADING_ADJECTIVES = new Set(['central', 'local', 'national', 'federal', 'interim', 'transitional', 'provincial', 'regional', 'exiled', 'joint', 'allied', 'foreign', 'international']);

/** Descriptive group mentions: modifiers + group noun ("Iraqi security forces", "Sunni militants", "US troops"). */
export function descriptiveGroups(ctx: RuleContext, out: MentionCandidate[]): void {
  const { tokens, text } = ctx;
  const orgByFirstWord = new Map<string, MentionCandidate>();
  for (const c of out) {
    if (c.kind !== 'organisation' || c.origin !== 'rule') continue;
    const first = tokenIndex(ctx, c.start);
    // "the Ukrainian Ministry of Defense" does not make "Ukrainian troops" a mention of the ministry, nor "U.S.
    // Central Command" "U.S. military" one of the command
    if (first !== undefined && tokens[first].end < c.end && !orgByFirstWord.has(tokens[first].text) && !ctx.isDemonym(tokens[first].text) && !ctx.placeToken[first] && !ctx.countryToken[first]) orgByFirstWord.set(tokens[first].text, c);
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
      if (LINKED_MOVEMENT_NAME.test(t.text)) break; // "Jaish-e-Mohammed militants": the name alone (organisations.ts)
      const org = orgByFirstWord.get(t.text);
      if (org && k === i - 1) {
        // "Wagner fighters" after "the Wagner Group": the name alone, linked to the organisation
        out.push({ start: t.start, end: t.end, label: 'ACTOR', entity: org.entity, kind: org.kind, origin: 'rule', priority: PRIORITY.pattern });
        break;
      }
      if (t.cap && (ORG_HEADS.has(t.text) || /^[^-‐]*ed$/.test(t.text))) break; // "Sudan Liberation Army faction", "Suspected jihadists"
      // at a sentence start only a known place or demonym is a modifier ("Ethnic rebels" is not "Sunni rebels")
      const opensClause = ctx.sentenceStarts[k] === 1 || (k > 0 && t.start - tokens[k - 1].end > 1 && /[-–—:]\s*$/.test(text.slice(tokens[k - 1].end, t.start)));
      if (t.cap && !CAPITALISED_STOPWORDS.has(t.text) && !isTitle(t) && (!opensClause || ctx.placeToken[k] || demonymForm(t.text) !== undefined)) {
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
    // "Yemeni government officials" describe people by their side: no group mention, unless a country's own
    // officials speak ("U.S. military officials": one described actor, the country inside it)
    const after = tokens[end + 1];
    if (after && joined(text, tokens[end], after) && ROLE_NOUNS.has(after.lower) && after.text === after.lower && !tokens[end].possessive) {
      if (!(ctx.countryToken[start] && (after.lower === 'officials' || after.lower === 'sources'))) {
        i = end;
        continue;
      }
      end++;
    }
    if (capitalised && start > 0 && joined(text, tokens[start - 1], tokens[start])) {
      // "central Iraqi government", "national and French security forces", "Saudi and Yemeni official sources"
      const p1 = tokens[start - 1];
      const p2 = tokens[start - 2];
      if (LEADING_ADJECTIVES.has(p1.lower) && p1.text === p1.lower) start--;
      else if (p1.lower === 'and' && p2 && joined(text, p2, p1) && ((LEADING_ADJECTIVES.has(p2.lower) && p2.text === p2.lower) || ctx.isDemonym(p2.text))) start -= 2;
    }
    const spanned = text.slice(tokens[start].start, tokens[end].end);
    out.push({ start: tokens[start].start, end: tokens[end].end, label: 'ACTOR', entity: generatedEntityId(spanned), kind: 'group', origin: 'rule', priority: PRIORITY.strong });
    i = end;
  }
}

/**
 * Whether capitalised modifier tokens a..b name a group rather than describe one: no place, country, demonym,
 * religious or ethnic affiliation among them ("Sunni militants", "Iraqi troops" describe; "Taliban gunmen" names).
 */
function modifierIsName(ctx: RuleContext, a: number, b: number): boolean {
  for (let k = a; k <= b; k++) {
    const t = ctx.tokens[k];
    if (!t.cap || t.allCaps || ctx.placeToken[k] || ctx.countryToken[k] || ctx.actorToken[k]) return false;
    if (ctx.isDemonym(t.text) || AFFILIATIONS.has(t.lower) || /[-‐]/.test(t.text)) return false;
  }
  return true;
}

/** "the Kurds", "Sunnis", "the Iranians": capitalised plural group nouns standing alone. */
export function pluralGroups(ctx: RuleContext, out: MentionCandidate[]): void {
  const { tokens, text } = ctx;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t.cap || t.allCaps || !pluralGroup(t) || ctx.placeToken[i] || ctx.actorToken[i] || CAPITALISED_STOPWORDS.has(t.text)) continue;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    if (prev && prev.cap && !CAPITALISED_STOPWORDS.has(prev.text) && joined(text, prev, t)) continue;
    if (next && next.cap && joined(text, t, next)) continue;
    if (next && joined(text, t, next) && GROUP_NOUNS.has(next.lower)) continue;
    out.push({ start: t.start, end: t.end, label: 'ACTOR', entity: generatedEntityId(t.text), kind: 'group', origin: 'rule', priority: PRIORITY.weak });
  }
}
