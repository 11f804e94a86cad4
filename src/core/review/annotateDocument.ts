/**
 * Pre-annotation of one document, shared by the CLI `annotate` command and the editor: re-anchor what a
 * person already did if the text changed, then merge fresh suggestions without touching accepted or rejected
 * items.
 */
import type { Detection, Sidecar } from '../model';
import type { GazetteerMatcher } from '../detection/detect';
import { detect } from '../detection/detect';
import { reanchor } from '../anchoring/reanchor';
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

export function annotateDocument(sidecar: Sidecar, text: string, sha256: string, gazetteer: GazetteerMatcher): AnnotateResult {
  return annotateWithDetection(sidecar, text, sha256, detect(text, gazetteer));
}

/** The same with `detection` already run on `text` (elsewhere: a worker thread, another process). */
export function annotateWithDetection(sidecar: Sidecar, text: string, sha256: string, detection: Detection): AnnotateResult {
  const synced = syncToText(sidecar, text, sha256);
  let current = synced.sidecar;
  if (!current.document.date) {
    const date = datelineDate(text);
    if (date) current = { ...current, document: { ...current.document, date } };
  }
  const index = new TextIndex(text);
  const merged = mergeSuggestions(current, detection, index);
  return { sidecar: merged.sidecar, added: merged.added, removed: merged.removed, moved: synced.moved, orphaned: synced.orphaned, rehashed: synced.rehashed };
}
