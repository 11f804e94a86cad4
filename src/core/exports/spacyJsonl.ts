/** spaCy-style span JSONL. */
import { flatSpansOf, prepare, type ExportDocument, type ExportOptions } from './exportDocument';

/**
 * spaCy-style JSONL: one document per line, `{"text","spans":[{"start","end","label"}],"meta":{"name","sha256",
 * "status"}}`, offsets in code points. The spans never overlap (the flat mentions: longest first, then earliest),
 * so they can be set as `doc.ents` as they are; the export manifest lists the mentions left out.
 */
export function toSpacyJsonl(docs: readonly ExportDocument[], opts: ExportOptions = {}): string {
  return docs
    .map((d) => {
      const p = prepare(d, opts);
      return JSON.stringify({ text: d.text, spans: flatSpansOf(p), meta: { name: d.name, sha256: p.sha256, status: d.sidecar.document.status } }) + '\n';
    })
    .join('');
}
