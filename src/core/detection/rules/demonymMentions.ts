/**
 * Demonyms are not mentions on their own: an adjective ("Yemeni tribal leaders", "13 Ukrainian troops", "Arab
 * military intervention") describes, and a plural after a number, quantifier or possessive ("six Canadians",
 * "many Yemenis", "Afghanistan's Shiites") counts people rather than naming a party. Whatever rule or gazetteer
 * alias produced such a span, it goes; a person who shares the word ("Holm" for a linked "Anders Holm") stays.
 */
import { demonymForm, type DemonymForm } from '../../gazetteer/demonyms';
import type { Token } from '../tokenize';
import { wordTest } from '../wordFlags';
import { tokenIndex, type RuleContext } from '../ruleContext';
import type { MentionCandidate } from '../types';

const adjective = wordTest((w) => demonymForm(w.text) === 'adjective');
const plural = wordTest((w) => demonymForm(w.text) === 'plural');
/** demonymForm of a token's word, answered once per word. */
const wordDemonymForm = (t: Token): DemonymForm | undefined => (adjective(t) ? 'adjective' : plural(t) ? 'plural' : undefined);

const QUANTIFIERS = new Set(['many', 'all', 'some', 'several', 'most', 'few', 'other', 'fellow', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'dozen', 'dozens', 'hundreds', 'thousands', 'millions', 'of', 'fewer', 'both', 'ordinary', 'young', 'foreign']);

/** The mentions (sorted) without demonym-only spans. */
export function dropDemonyms(ctx: RuleContext, mentions: MentionCandidate[]): MentionCandidate[] {
  const { text, tokens } = ctx;
  // mentions come by start: a cursor finds the token a one-word mention is, whose word knows its answer
  let cursor = 0;
  return mentions.filter((m) => {
    // the longest demonyms ("Papua New Guinean") are shorter than this: no slice for longer names
    if (m.kind === 'person' || m.end - m.start > 24) return true;
    while (cursor < tokens.length && tokens[cursor].start < m.start) cursor++;
    const tok = tokens[cursor];
    const form = tok !== undefined && tok.start === m.start && tok.end === m.end ? wordDemonymForm(tok) : demonymForm(text.slice(m.start, m.end));
    if (form === undefined) return true;
    if (form === 'adjective') return false;
    const first = tokenIndex(ctx, m.start);
    const prev = first !== undefined ? tokens[first - 1] : undefined;
    if (!prev || prev.sentence !== tokens[first!].sentence) return true;
    return !(prev.possessive || /^\d/.test(prev.text) || QUANTIFIERS.has(prev.lower));
  });
}
