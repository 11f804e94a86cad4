/**
 * Name folding: the comparison key under which spelling variants of a name meet ("Al-Qa'im", "al Qaim",
 * "AL-QAIM" → "al qaim"). Case, diacritics, apostrophes and hyphens do not distinguish names in news copy.
 */
import { FOLDED_APOSTROPHE, FOLDED_SEPARATOR } from './charClasses';

/** Folds a whole name: no diacritics, apostrophes or case; hyphens, dots and underscores as spaces; no leading "the". */
export function foldName(name: string): string {
  // most names in English copy are ASCII: one pass by char code instead of six regular-expression passes
  if (name.length <= MAX_FAST && isAscii(name)) return foldAscii(name);
  const decomposed = /^[\x00-\x7f]*$/.test(name) ? name : name.normalize('NFKD').replace(/\p{M}/gu, '');
  return decomposed
    .replace(FOLDED_APOSTROPHE, '')
    .replace(FOLDED_SEPARATOR, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^the /, '');
}

const MAX_FAST = 256;
const codes: number[] = [];

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * foldName on ASCII text, the same steps in one pass: ' and ` dropped; - _ . and white space runs as one
 * space, none at either end; lower case; then no leading "the ".
 */
function foldAscii(name: string): string {
  let n = 0;
  let space = false;
  for (let i = 0; i < name.length; i++) {
    let c = name.charCodeAt(i);
    if (c === 39 || c === 96) continue;
    if (c === 32 || c === 45 || c === 46 || c === 95 || (c >= 9 && c <= 13)) {
      space = true;
      continue;
    }
    if (space && n > 0) codes[n++] = 32;
    space = false;
    if (c >= 65 && c <= 90) c += 32;
    codes[n++] = c;
  }
  let from = 0;
  if (n >= 4 && codes[0] === 116 && codes[1] === 104 && codes[2] === 101 && codes[3] === 32) from = 4;
  codes.length = n;
  return String.fromCharCode.apply(null, from === 0 ? codes : codes.slice(from));
}

/** Folds one word (no spaces inside): the per-token key the gazetteer matches on. */
export function foldWord(word: string): string {
  if (/^[A-Za-z0-9]+$/.test(word)) return word.toLowerCase();
  const decomposed = /^[\x00-\x7f]*$/.test(word) ? word : word.normalize('NFKD').replace(/\p{M}/gu, '');
  return decomposed.replace(FOLDED_APOSTROPHE, '').toLowerCase();
}

/** Arabic article particles written before a name ("al-", "el-", assimilated "ash-", "ad-"…). */
export const ARTICLE_PARTICLES: ReadonlySet<string> = new Set(['al', 'el', 'ad', 'ar', 'as', 'ash', 'at', 'az', 'an']);
