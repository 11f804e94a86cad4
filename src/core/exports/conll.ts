/** CoNLL-2003 BIO columns. */
import { prepare, type ExportDocument, type ExportOptions } from './exportDocument';
import { taggedSentences } from './taggedSentences';

/** CoNLL-2003 style: `-DOCSTART- -X- -X- O` per document, `token -X- _ TAG` per token, a blank line after each sentence. */
export function toConll(docs: readonly ExportDocument[], opts: ExportOptions = {}): string {
  return docs.map((d) => conllDocument(d, opts)).join('');
}

/** The lines of one document, its `-DOCSTART-` first. */
export function conllDocument(d: ExportDocument, opts: ExportOptions = {}): string {
  let out = '-DOCSTART- -X- -X- O\n\n';
  for (const s of taggedSentences(prepare(d, opts))) {
    s.tokens.forEach((t, i) => {
      out += `${t.text} -X- _ ${s.tags[i]}\n`;
    });
    out += '\n';
  }
  return out;
}
