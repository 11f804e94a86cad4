/**
 * doccano sequence-labelling JSONL: `{"text", "label": [[start, end, "LABEL"], ...]}` (also `labels`), or the
 * newer `{"text", "entities": [{"start_offset", "end_offset", "label"}]}`. Offsets are UTF-16 code units, as
 * doccano counts them by default. The document name, status and entity ids come from `meta` when this tool
 * exported the file (`meta.name`, `meta.status`, `meta.entities`); otherwise a document is named after the file
 * and its line.
 */
import type { Problem } from '../problem';
import { TextIndex } from '../text/textIndex';
import { emptyDocument, fromUtf16, isObject, jsonLines, lineName, problem, textName, type ImportResult, type ImportSource } from './importedDocument';

export function readDoccano(source: ImportSource): ImportResult {
  const problems: Problem[] = [];
  const documents = [];
  for (const { line, value } of jsonLines(source.text, problems)) {
    if (!isObject(value) || typeof value.text !== 'string') {
      problems.push(problem('expected an object with a "text" string', line));
      continue;
    }
    const meta = isObject(value.meta) ? value.meta : {};
    const doc = emptyDocument(typeof meta.name === 'string' ? textName(meta.name) : lineName(source.name, line), value.text, `${source.name}:${line}`);
    if (meta.status === 'reviewed' || meta.status === 'draft') doc.status = meta.status;
    const index = new TextIndex(value.text);
    const spans: [unknown, unknown, unknown][] = [];
    const labels = value.label ?? value.labels;
    if (Array.isArray(labels)) for (const l of labels) if (Array.isArray(l)) spans.push([l[0], l[1], l[2]]);
    if (Array.isArray(value.entities)) for (const e of value.entities) if (isObject(e)) spans.push([e.start_offset, e.end_offset, e.label]);
    const entities = new Map<string, string>();
    if (Array.isArray(meta.entities)) for (const e of meta.entities) if (Array.isArray(e) && typeof e[2] === 'string') entities.set(`${e[0]} ${e[1]}`, e[2]);
    for (const [s, e, label] of spans) {
      const span = typeof s === 'number' && typeof e === 'number' ? fromUtf16(index, s, e) : undefined;
      if (!span || typeof label !== 'string') {
        problems.push(problem(`label ${JSON.stringify([s, e, label])} is not a span of the text`, line));
        continue;
      }
      const entity = entities.get(`${s} ${e}`);
      doc.mentions.push({ ...span, label, status: 'accepted', ...(entity ? { entity } : {}) });
    }
    documents.push(doc);
  }
  return { documents, problems };
}
