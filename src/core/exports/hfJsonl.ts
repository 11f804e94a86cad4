/** Hugging Face token-classification JSONL. */
import { prepare, type ExportDocument, type ExportOptions } from './exportDocument';
import { taggedSentences } from './taggedSentences';

/**
 * Hugging Face token-classification JSONL, one record per sentence (keeps sequences short for transformer
 * models): `{"id":"NAME#N","tokens":[...],"ner_tags":["B-ACTOR","O",...]}`, N counting from 0 per document.
 */
export function toHfJsonl(docs: readonly ExportDocument[], opts: ExportOptions = {}): string {
  return docs.map((d) => hfJsonlLines(d, opts)).join('');
}

/** The lines of one document. */
export function hfJsonlLines(d: ExportDocument, opts: ExportOptions = {}): string {
  let out = '';
  taggedSentences(prepare(d, opts)).forEach((s, i) => {
    out += JSON.stringify({ id: `${d.name}#${i}`, tokens: s.tokens.map((t) => t.text), ner_tags: s.tags }) + '\n';
  });
  return out;
}
