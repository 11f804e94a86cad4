/**
 * CoNLL-style columns (CoNLL-2003, what `spacy convert` and most NER tools read): the token in the first
 * column, its tag in the last, a blank line between sentences, `-DOCSTART-` lines between documents. Tags may be
 * IOB2, IOB1, BIOES or BILUO; an entity starts at B-/S-/U- or at an I-/E-/L- that does not continue one of its
 * label. The columns hold no text, so the text is rebuilt: a sentence per line, its tokens joined as running
 * text ({@link sentenceText}); documents are named FILE_0001.txt, FILE_0002.txt, ... in order.
 */
import { trainingTokens } from '../exports/trainingTokens';
import type { Problem } from '../problem';
import { splitSentences } from '../text/splitSentences';
import { emptyDocument, problem, type ImportedDocument, type ImportResult, type ImportSource } from './importedDocument';

interface Token {
  word: string;
  tag: string;
  line: number;
}

const NO_SPACE_BEFORE = /^(?:[.,;:!?%)\]}”’»…]+|['’][sS])$/u;
const NO_SPACE_AFTER = /^[(\[{“‘«$]+$/u;

/**
 * A sentence's tokens as running text: punctuation attached the way news is written ("worse." not "worse ."),
 * straight double quotes opening and closing in turn through the document (`quoted`: a quote is open), so the
 * sentence splitter sees the sentence it came from. Where it would still split (wire copy's "control.ISIS"), the
 * space after the break is dropped. Falls back to tokens joined by spaces when the text would not tokenize into
 * the same tokens.
 */
export function sentenceText(words: readonly string[], quoted = false): { text: string; quoted: boolean } {
  let out = '';
  let open = quoted;
  let glue = true;
  for (const w of words) {
    const closing = w === '"' && open;
    if (!glue && !NO_SPACE_BEFORE.test(w) && !closing) out += ' ';
    out += w;
    glue = NO_SPACE_AFTER.test(w) || (w === '"' && !open);
    if (w === '"') open = !open;
  }
  const tokensOf = (t: string): string => trainingTokens(t).map((x) => x.text).join('\u0000');
  const want = words.join('\u0000');
  if (tokensOf(out) !== want) return { text: words.join(' '), quoted: open };
  for (let guard = 0; guard < words.length; guard++) {
    const ranges = splitSentences(out);
    if (ranges.length <= 1) break;
    const cut = ranges[0].end;
    const next = out.slice(0, cut) + out.slice(cut).replace(/^ /, '');
    if (next === out || tokensOf(next) !== want) break;
    out = next;
  }
  return { text: out, quoted: open };
}

export function readConll(source: ImportSource): ImportResult {
  const problems: Problem[] = [];
  const docs: Token[][][] = [];
  let sentence: Token[] = [];
  const current = (): Token[][] => {
    if (!docs.length) docs.push([]);
    return docs[docs.length - 1];
  };
  const endSentence = (): void => {
    if (sentence.length) current().push(sentence);
    sentence = [];
  };
  source.text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (/^-DOCSTART-(\s|$)/.test(line)) {
      endSentence();
      docs.push([]);
      return;
    }
    if (!line.trim()) return endSentence();
    if (line.startsWith('# ')) return; // comment lines of CoNLL-U-like files
    const cols = line.trim().split(/\s+/);
    if (cols.length < 2) return problems.push(problem('expected a token and a tag', i + 1));
    sentence.push({ word: cols[0], tag: cols[cols.length - 1], line: i + 1 });
  });
  endSentence();
  const base = source.name.replace(/\.[^.]*$/, '');
  const documents: ImportedDocument[] = docs
    .filter((d) => d.length > 0)
    .map((sentences, n) => {
      let text = '';
      let cp = 0;
      const doc = emptyDocument(`${base}_${String(n + 1).padStart(4, '0')}.txt`, '', `${source.name} document ${n + 1}`);
      let open: { label: string; start: number; end: number } | undefined;
      let quoted = false;
      const close = (): void => {
        if (open) doc.mentions.push({ start: open.start, end: open.end, label: open.label, status: 'accepted' });
        open = undefined;
      };
      sentences.forEach((s, si) => {
        if (si > 0) {
          text += '\n';
          cp++;
        }
        const rebuilt = sentenceText(s.map((t) => t.word), quoted);
        quoted = rebuilt.quoted;
        const line = rebuilt.text;
        let at = 0;
        s.forEach((t) => {
          // the token's place in the rebuilt line (tokens appear in order, maybe without a space between)
          const found = line.indexOf(t.word, at);
          const before = line.slice(at, found);
          text += before + t.word;
          const start = cp + [...before].length;
          cp = start + [...t.word].length;
          at = found + t.word.length;
          const m = /^([BIESLU])-(.+)$/.exec(t.tag);
          if (t.tag !== 'O' && !m) problems.push(problem(`tag "${t.tag}" is not O or PREFIX-LABEL`, t.line));
          if (!m) return close();
          const [, p, label] = m;
          const continues = open !== undefined && open.label === label && 'IEL'.includes(p);
          if (!continues) {
            close();
            open = { label, start, end: cp };
          } else open!.end = cp;
          if ('ESLU'.includes(p)) close();
        });
        close();
      });
      doc.text = text;
      return doc;
    });
  return { documents, problems };
}
