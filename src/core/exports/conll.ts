/** CoNLL-2003 BIO columns, in the form `spacy convert` reads. */
import { prepare, type ExportDocument, type ExportOptions } from './exportDocument';
import { taggedSentences } from './taggedSentences';

/** The document separator line spaCy's CoNLL converter splits documents at (CoNLL-2003 wrote `-X- -X- O`). */
export const DOCSTART = '-DOCSTART- -X- O O';

/**
 * CoNLL-2003 style: `-DOCSTART- -X- O O` and a blank line per document, `token -X- _ TAG` per token, a blank
 * line after each sentence. Tags follow `opts.scheme` (IOB2 by default). The format has no "unknown" tag, so
 * tokens of a mention left out for overlapping a longer one are O (the export manifest lists such mentions),
 * and drafts cannot be exported with their unreviewed text unknown.
 */
export function toConll(docs: readonly ExportDocument[], opts: ExportOptions = {}): string {
  let out = '';
  for (const d of docs) {
    out += `${DOCSTART}\n\n`;
    for (const s of taggedSentences(prepare(d, opts), opts.scheme)) {
      s.tokens.forEach((t, i) => {
        out += `${t.text} -X- _ ${s.tags[i] ?? 'O'}\n`;
      });
      out += '\n';
    }
  }
  return out;
}
