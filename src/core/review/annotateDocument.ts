/**
 * Pre-annotation of one document, shared by the CLI `annotate` command and the editor: re-anchor what a
 * person already did if the text changed, then merge fresh suggestions (mentions, attributions, events)
 * without touching accepted or rejected items.
 */
import type { Detection, Sidecar } from '../model';
import type { GazetteerMatcher } from '../detection/detect';
import { detect } from '../detection/detect';
import { reanchor } from '../anchoring/reanchor';
import { mergeSuggestions } from './mergeSuggestions';
import { datelineDate } from '../events/dates';
import { detectEvents } from '../events/detectEvents';
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
 * Mentions and attributions, then the events they report. Role mentions the events need (bare group nouns
 * such as "gunmen") join the mentions; `date` is the reference for relative dates (the document date).
 */
export function detectWithEvents(text: string, gazetteer: GazetteerMatcher, date: string | undefined, index: TextIndex = new TextIndex(text)): Detection {
  const detection = detect(text, gazetteer);
  const events = detectEvents(text, detection, {
    date,
    index,
    entityOf: gazetteer.get ? (id) => gazetteer.get!(id) : undefined,
    isDemonym: gazetteer.isDemonym ? (w) => gazetteer.isDemonym!(w) : undefined,
  });
  return { mentions: [...detection.mentions, ...events.mentions], attributions: detection.attributions, events: events.events };
}

export function annotateDocument(sidecar: Sidecar, text: string, sha256: string, gazetteer: GazetteerMatcher): AnnotateResult {
  const synced = syncToText(sidecar, text, sha256);
  let current = synced.sidecar;
  if (!current.document.date) {
    const date = datelineDate(text);
    if (date) current = { ...current, document: { ...current.document, date } };
  }
  const index = new TextIndex(text);
  const merged = mergeSuggestions(current, detectWithEvents(text, gazetteer, current.document.date, index), index);
  return { sidecar: merged.sidecar, added: merged.added, removed: merged.removed, moved: synced.moved, orphaned: synced.orphaned, rehashed: synced.rehashed };
}
