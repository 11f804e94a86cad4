/** spaCy-style span JSONL. */
import { prepare, spansOf, type ExportDocument, type ExportOptions } from './exportDocument';

/** spaCy-style JSONL: one document per line, `{"text","spans":[{"start","end","label"}],"meta":{"name","sha256"}}`. */
export function toSpacyJsonl(docs: readonly ExportDocument[], opts: ExportOptions = {}): string {
  return docs.map((d) => spacyJsonlLine(d, opts)).join('');
}

/** The line of one document. */
export function spacyJsonlLine(d: ExportDocument, opts: ExportOptions = {}): string {
  const p = prepare(d, opts);
  return JSON.stringify({ text: d.text, spans: spansOf(p), meta: { name: d.name, sha256: p.sha256 } }) + '\n';
}
