/**
 * Prodigy JSONL (`{"text", "spans": [{"start", "end", "label"}], "answer", "meta"}`), as `prodigy db-out` writes
 * it. Offsets are code points (Python). Only accepted answers are imported (a task without `answer` counts as
 * accepted); rejected and ignored ones are reported and left out. Also the reader of spaCy-style span JSONL.
 */
import type { Problem } from '../problem';
import { TextIndex } from '../text/textIndex';
import { emptyDocument, isObject, jsonLines, lineName, problem, textName, validSpan, type ImportedDocument, type ImportResult, type ImportSource } from './importedDocument';

export function readSpanJsonl(source: ImportSource, answers: boolean): ImportResult {
  const problems: Problem[] = [];
  const documents: ImportedDocument[] = [];
  for (const { line, value } of jsonLines(source.text, problems)) {
    if (!isObject(value) || typeof value.text !== 'string') {
      problems.push(problem('expected an object with a "text" string', line));
      continue;
    }
    if (answers && value.answer !== undefined && value.answer !== 'accept') {
      problems.push(problem(`answer "${String(value.answer)}": not imported`, line, 'warning'));
      continue;
    }
    const meta = isObject(value.meta) ? value.meta : {};
    const doc = emptyDocument(typeof meta.name === 'string' ? textName(meta.name) : lineName(source.name, line), value.text, `${source.name}:${line}`);
    if (meta.status === 'reviewed' || meta.status === 'draft') doc.status = meta.status;
    const index = new TextIndex(value.text);
    for (const s of Array.isArray(value.spans) ? value.spans : []) {
      if (!isObject(s) || typeof s.start !== 'number' || typeof s.end !== 'number' || typeof s.label !== 'string' || !validSpan(index, { start: s.start, end: s.end })) {
        problems.push(problem(`span ${JSON.stringify(s)} is not a span of the text`, line));
        continue;
      }
      const entity = typeof s.kb_id === 'string' && s.kb_id ? s.kb_id : undefined;
      doc.mentions.push({ start: s.start, end: s.end, label: s.label, status: 'accepted', ...(entity ? { entity } : {}) });
    }
    documents.push(doc);
  }
  return { documents, problems };
}

export const readProdigy = (source: ImportSource): ImportResult => readSpanJsonl(source, true);
