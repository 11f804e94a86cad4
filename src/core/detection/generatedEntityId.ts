/** Entity ids for names the gazetteer does not know: derived from the folded name, so equal names share one id. */
import { foldName } from '../text/fold';

// Unicode-class patterns live at module level: bundled for Node they would otherwise be rebuilt per call.
const NON_WORD_RUN = /[^\p{L}\p{N}]+/gu;

/** Stable generated entity id for a name the gazetteer does not know. */
export function generatedEntityId(name: string): string {
  const slug = foldName(name).replace(NON_WORD_RUN, '-').replace(/^-|-$/g, '');
  return `x-${slug || 'unnamed'}`;
}
