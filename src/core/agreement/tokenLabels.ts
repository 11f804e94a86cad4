/**
 * Token labels of two annotators over one text, the units of token-level kappa and nominal alpha.
 *
 * How tokens are made: the training-export tokenizer (trainingTokens: words, numbers, acronyms, punctuation;
 * whitespace is no token), then split where either annotator's span starts or ends (alignTokens), so every
 * token lies wholly inside or outside each span and both annotators label the very same tokens. A token's
 * label is the label of the span covering it (bioTags without its B-/I- prefix: the earlier, then longer, of
 * two overlapping spans wins), 'O' when none does.
 */
import { alignTokens, bioTags, trainingTokens, type LabelledSpan, type TrainingToken } from '../exports/trainingTokens';

export const OUTSIDE = 'O';

export interface TokenLabels {
  readonly tokens: TrainingToken[];
  readonly a: string[];
  readonly b: string[];
}

const strip = (tag: string): string => (tag === OUTSIDE ? tag : tag.slice(2));

export function tokenLabels(text: string, a: readonly LabelledSpan[], b: readonly LabelledSpan[]): TokenLabels {
  const tokens = alignTokens(text, trainingTokens(text), [...a, ...b]);
  return { tokens, a: bioTags(tokens, a).map(strip), b: bioTags(tokens, b).map(strip) };
}
