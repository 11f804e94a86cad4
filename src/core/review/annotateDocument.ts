/**
 * Pre-annotation of one document, shared by the CLI `annotate` command and the editor: re-anchor what a
 * person already did if the text changed, then merge fresh suggestions without touching accepted or rejected
 * items.
 */
import type { Sidecar } from '../model';
import type { GazetteerMatcher } from '../detection/detect';
import { detect } from '../detection/detect';
import { contextOf, reanchor } from '../anchoring/reanchor';
import { mergeSuggestions } from './mergeSuggestions';
import { datelineDate } from '../events/dates';
import { TextIndex } from '../text/textIndex';

export interface AnnotateResult {
  sidecar: Sidecar;
  added: number;
  removed: number;
  /** Spans re-located because the text changed since the sidecar was written. */
  moved: number;
  orphaned: number;
  /** The sidecar's hash was updated to the current text. */
  rehashed: boolean;
}

/** Re-anchors the sidecar to the current text when its hash differs. */
export function syncToText(sidecar: Sidecar, text: string, sha256: string): { sidecar: Sidecar; moved: number; orphaned: number; rehashed: boolean } {
  if (sidecar.document.sha256 === sha256) return { sidecar, moved: 0, orphaned: 0, rehashed: false };
  const r = reanchor(sidecar, text);
  return { sidecar: { ...r.sidecar, document: { ...r.sidecar.document, sha256 } }, moved: r.moved, orphaned: r.orphaned, rehashed: true };
}

/**
 * Rejections written before they carried context get it while they still sit on their quote, so that they
 * can be re-anchored after the next edit (without it a repeated name cannot be told apart).
 */
function withRejectionContext(sidecar: Sidecar, index: TextIndex): Sidecar {
  if (sidecar.rejected.every((r) => r.prefix !== undefined || r.suffix !== undefined || r.orphan)) return sidecar;
  const rejected = sidecar.rejected.map((r) => {
    if (r.prefix !== undefined || r.suffix !== undefined || r.orphan || r.end > index.length || index.slice(r.start, r.end) !== r.text) return r;
    return { ...r, ...contextOf(index, r.start, r.end) };
  });
  return { ...sidecar, rejected };
}

export function annotateDocument(sidecar: Sidecar, text: string, sha256: string, gazetteer: GazetteerMatcher): AnnotateResult {
  const synced = syncToText(sidecar, text, sha256);
  const index = new TextIndex(text);
  let current = withRejectionContext(synced.sidecar, index);
  if (!current.document.date) {
    const date = datelineDate(text);
    if (date) current = { ...current, document: { ...current.document, date } };
  }
  const merged = mergeSuggestions(current, detect(text, gazetteer), index);
  return { sidecar: merged.sidecar, added: merged.added, removed: merged.removed, moved: synced.moved, orphaned: synced.orphaned, rehashed: synced.rehashed };
}
