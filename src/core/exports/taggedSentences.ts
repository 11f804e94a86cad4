/** Sentence-grouped training tokens with BIO tags, shared by the token-level formats (Hugging Face, CoNLL). */
import { splitSentences } from '../text/splitSentences';
import { alignTokens, bioTags, trainingTokens, type TrainingToken } from './trainingTokens';
import { spansOf, type Prepared } from './exportDocument';

export interface TaggedSentence {
  tokens: TrainingToken[];
  tags: string[];
}

/** Tokens (split at annotated boundaries) and BIO tags grouped by sentence (ranges from splitSentences). */
export function taggedSentences(p: Prepared): TaggedSentence[] {
  const spans = spansOf(p);
  const tokens = alignTokens(p.doc.text, trainingTokens(p.doc.text), spans);
  const tags = bioTags(tokens, spans);
  const sentences = splitSentences(p.doc.text).map((r) => ({ start: p.index.toCodePoint(r.start), end: p.index.toCodePoint(r.end) }));
  const out: TaggedSentence[] = sentences.map(() => ({ tokens: [], tags: [] }));
  let si = 0;
  tokens.forEach((t, i) => {
    while (si + 1 < sentences.length && t.start >= sentences[si + 1].start) si++;
    if (out.length === 0) out.push({ tokens: [], tags: [] });
    out[si].tokens.push(t);
    out[si].tags.push(tags[i]);
  });
  return out.filter((s) => s.tokens.length > 0);
}
