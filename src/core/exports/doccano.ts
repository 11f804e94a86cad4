/**
 * doccano sequence-labelling JSONL, the file doccano imports and exports: one document per line,
 * `{"text","label":[[start,end,"ACTOR"],...],"meta":{...}}`. Offsets are UTF-16 code units, as doccano counts them
 * (a JavaScript string's indices; its "count grapheme clusters" project option is off by default). Overlapping
 * mentions are all written (doccano allows them when the project does). doccano keeps other keys as metadata,
 * so `meta` carries the document name, hash, status and each span's entity id for a lossless way back.
 */
import { prepare, type ExportDocument, type ExportOptions } from './exportDocument';

export function toDoccano(docs: readonly ExportDocument[], opts: ExportOptions = {}): string {
  let out = '';
  for (const d of docs) {
    const p = prepare(d, opts);
    const u16 = (cp: number): number => p.index.toUtf16(cp);
    const label = p.mentions.map((m) => [u16(m.start), u16(m.end), m.label]);
    const entities = p.mentions.filter((m) => m.entity).map((m) => [u16(m.start), u16(m.end), m.entity]);
    out += JSON.stringify({ text: d.text, label, meta: { name: d.name, sha256: p.sha256, status: d.sidecar.document.status, entities } }) + '\n';
  }
  return out;
}
