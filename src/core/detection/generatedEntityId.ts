/** Entity ids for names the gazetteer does not know: derived from the folded name, so equal names share one id. */
import { foldName } from '../text/fold';

// Unicode-class patterns live at module level: bundled for Node they would otherwise be rebuilt per call.
const NON_WORD_RUN = /[^\p{L}\p{N}]+/gu;

/** Stable generated entity id for a name the gazetteer does not know. */
export function generatedEntityId(name: string): string {
  // the rules name the same few names in every document: each is folded once (a bounded memo)
  let id = ids.get(name);
  if (id === undefined) {
    const folded = foldName(name);
    const slug = isAsciiWord(folded) ? folded.replace(/ /g, '-') : folded.replace(NON_WORD_RUN, '-').replace(/^-|-$/g, '');
    id = `x-${slug || 'unnamed'}`;
    if (ids.size >= MAX_IDS) ids.clear();
    ids.set(name, id);
  }
  return id;
}

const ids = new Map<string, string>();
const MAX_IDS = 1 << 16;

/**
 * Whether a folded name is ASCII letters and digits with single spaces inside (what folding makes of most names):
 * then each space alone is a non-word run and the slug needs no regular expression.
 */
function isAsciiWord(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c === 32 && i > 0 && i < s.length - 1 && s.charCodeAt(i - 1) !== 32))) return false;
  }
  return true;
}
