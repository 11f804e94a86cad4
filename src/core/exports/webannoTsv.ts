/**
 * WebAnno TSV 3.3, the column format WebAnno and INCEpTION import and export: one file per document, the
 * NamedEntity layer with `identifier` (the entity id) and `value` (the label).
 *
 * As INCEpTION writes it: `#FORMAT=WebAnno TSV 3.3`, the layer line, two empty lines; per sentence an empty
 * line, `#Text=` lines (the sentence split at line feeds, control characters escaped) and one line per token
 * `SENT-TOKEN<TAB>BEGIN-END<TAB>TOKEN<TAB>IDENTIFIER<TAB>VALUE<TAB>`. Offsets are UTF-16 code units (Java).
 * `_` is "no annotation", `*` "no value"; a mention over several tokens or stacked with another carries a
 * disambiguation id (`ACTOR[3]`); stacked values are joined by `|`. Overlapping mentions are all written.
 * Tokens are the training tokens, split at every mention boundary; sentences never cut a mention.
 */
import type { Mention } from '../model';
import { firstIndexWhere } from '../text/binarySearch';
import { prepare, type ExportDocument, type ExportOptions } from './exportDocument';
import { documentTokens, sentenceRanges } from './taggedSentences';

export const WEBANNO_NE_LAYER = 'de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity';
export const WEBANNO_HEADER = `#FORMAT=WebAnno TSV 3.3\n#T_SP=${WEBANNO_NE_LAYER}|identifier|value\n\n`;

/** Feature values: the reserved characters backslash-escaped (`->` as one unit). */
export function escapeValue(v: string): string {
  return v.replace(/\\|\[|\]|\||_|->|;|\t|\n|\*/g, (c) => (c === '\t' ? '\\t' : c === '\n' ? '\\n' : `\\${c}`));
}

/** `#Text=` lines: control characters escaped as INCEpTION's writer does. */
export function escapeText(line: string): string {
  return line.replace(/[\u0000-\u001f\\]/g, (c) => {
    const named: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r', '\b': '\\b', '\\': '\\\\' };
    return named[c] ?? `\\${c}`;
  });
}

export function toWebannoTsv(doc: ExportDocument, opts: ExportOptions = {}): string {
  const p = prepare(doc, opts);
  const tokens = documentTokens(p);
  const u16 = (cp: number): number => p.index.toUtf16(cp);
  // mentions of each token, outer (earlier, then longer) first
  const order = [...p.mentions].sort((a, b) => a.start - b.start || b.end - a.end || a.label.localeCompare(b.label) || a.id.localeCompare(b.id));
  const onToken: Mention[][] = tokens.map(() => []);
  const needsId = new Set<Mention>();
  for (const m of order) {
    let covered = 0;
    for (let i = firstIndexWhere(tokens.length, (x) => tokens[x].end > m.start); i < tokens.length && tokens[i].start < m.end; i++) {
      if (m.start <= tokens[i].start && tokens[i].end <= m.end) {
        onToken[i].push(m);
        covered++;
      }
    }
    if (covered > 1) needsId.add(m);
  }
  for (const ms of onToken) if (ms.length > 1) for (const m of ms) needsId.add(m);
  const ids = new Map<Mention, number>();
  for (const m of order) if (needsId.has(m)) ids.set(m, ids.size + 1);
  const suffix = (m: Mention): string => (ids.has(m) ? `[${ids.get(m)}]` : '');

  let out = WEBANNO_HEADER;
  const ranges = sentenceRanges(p);
  let k = 0;
  let n = 0;
  ranges.forEach((r) => {
    const first = k;
    while (k < tokens.length && tokens[k].start < r.end) k++;
    if (k === first) return;
    const sentence = p.index.slice(tokens[first].start, tokens[k - 1].end);
    out += '\n' + sentence.split('\n').map((l) => `#Text=${escapeText(l)}\n`).join('');
    n++;
    for (let i = first; i < k; i++) {
      const t = tokens[i];
      const ms = onToken[i];
      const identifier = ms.length ? ms.map((m) => `${m.entity ? escapeValue(m.entity) : '*'}${suffix(m)}`).join('|') : '_';
      const value = ms.length ? ms.map((m) => `${escapeValue(m.label)}${suffix(m)}`).join('|') : '_';
      out += `${n}-${i - first + 1}\t${u16(t.start)}-${u16(t.end)}\t${t.text}\t${identifier}\t${value}\t\n`;
    }
  });
  return out;
}
