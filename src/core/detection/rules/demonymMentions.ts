/**
 * Demonyms are not mentions on their own: an adjective ("Yemeni tribal leaders", "13 Ukrainian troops", "Arab
 * military intervention") describes, and a plural after a number, quantifier or possessive ("six Canadians",
 * "many Yemenis", "Afghanistan's Shiites") counts people rather than naming a party. Whatever rule or gazetteer
 * alias produced such a span, it goes; a person who shares the word ("Holm" for a linked "Anders Holm") stays.
 */
import { demonymForm } from '../../gazetteer/demonyms';
import { tokenIndex, type RuleContext } from '../ruleContext';
import type { MentionCandidate } from '../types';

const QUANTIFIERS = new Set(['many', 'all', 'some', 'several', 'most', 'few', 'other', 'fellow', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'dozen', 'dozens', 'hundreds', 'thousands', 'millions', 'of', 'fewer', 'both', 'ordinary', 'young', 'foreign']);

/** The mentions (sorted) without demonym-only spans. */
export function dropDemonyms(ctx: RuleContext, mentions: MentionCandidate[]): MentionCandidate[] {
  const { text, tokens } = ctx;
  return mentions.filter((m) => {
    // the longest demonyms ("Papua New Guinean") are shorter than this: no slice for longer names
    if (m.kind === 'person' || m.end - m.start > 24) return true;
    const form = demonymForm(text.slice(m.start, m.end));
    if (form === undefined) return true;
    if (form === 'adjective') return false;
    const first = tokenIndex(ctx, m.start);
    const prev = first !== undefined ? tokens[first - 1] : undefined;
    if (!prev || prev.sentence !== tokens[first!].sentence) return true;
    return !(prev.possessive || /^\d/.test(prev.text) || QUANTIFIERS.has(prev.lower));
  });
}
