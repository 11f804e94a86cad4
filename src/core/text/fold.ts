/**
 * Name folding: the comparison key under which spelling variants of a name meet ("Al-Qa'im", "al Qaim",
 * "AL-QAIM" → "al qaim"). Case, diacritics, apostrophes and hyphens do not distinguish names in news copy.
 */
import { FOLDED_APOSTROPHE, FOLDED_SEPARATOR } from './charClasses';

/** Folds a whole name: no diacritics, apostrophes or case; hyphens, dots and underscores as spaces; no leading "the". */
export function foldName(name: string): string {
  // ASCII needs no decomposition; most names in English copy are ASCII
  const decomposed = /^[\x00-\x7f]*$/.test(name) ? name : name.normalize('NFKD').replace(/\p{M}/gu, '');
  return decomposed
    .replace(FOLDED_APOSTROPHE, '')
    .replace(FOLDED_SEPARATOR, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^the /, '');
}

/** Folds one word (no spaces inside): the per-token key the gazetteer matches on. */
export function foldWord(word: string): string {
  if (/^[A-Za-z0-9]+$/.test(word)) return word.toLowerCase();
  const decomposed = /^[\x00-\x7f]*$/.test(word) ? word : word.normalize('NFKD').replace(/\p{M}/gu, '');
  return decomposed.replace(FOLDED_APOSTROPHE, '').toLowerCase();
}

/** Arabic article particles written before a name ("al-", "el-", assimilated "ash-", "ad-"…). */
export const ARTICLE_PARTICLES: ReadonlySet<string> = new Set(['al', 'el', 'ad', 'ar', 'as', 'ash', 'at', 'az', 'an']);
