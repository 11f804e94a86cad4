/**
 * What every export format shares: the document shape, which items are exported, and the filtered, sorted
 * view of one document the formats render.
 *
 * What is exported: an item (mention, attribution, event) goes out when it is `accepted`, or its document is
 * `reviewed`, or `includeSuggestions` is set; orphans and items whose offsets no longer match the text never do.
 * Offsets in spaCy and brat output are code points, the sidecar's own unit (Python `str` indices).
 * All format functions are pure and deterministic (same input, same string).
 */
import { createHash } from 'node:crypto';
import type { Attribution, Entity, EventAnnotation, Mention, MentionLabel, Sidecar, Span, Status } from '../model';
import { TextIndex } from '../text/textIndex';
import type { LabelledSpan } from './trainingTokens';

export interface ExportDocument {
  /** Document name, usually the text file name without folder. */
  name: string;
  text: string;
  sidecar: Sidecar;
}

export interface ExportOptions {
  includeSuggestions?: boolean;
  /** Mention labels to export (default: all). */
  labels?: readonly MentionLabel[];
  /** Entity lookup for canonical names, ACLED `inter`, country and coordinates. */
  entities?: (id: string) => Entity | undefined;
}

interface Item {
  status: Status;
  orphan?: boolean;
}

/** True when an item belongs in training data (see the module comment). */
export function isExported(item: Item, doc: ExportDocument, opts: ExportOptions = {}): boolean {
  if (item.orphan) return false;
  return item.status === 'accepted' || doc.sidecar.document.status === 'reviewed' || opts.includeSuggestions === true;
}

function spanMatches(index: TextIndex, s: Span): boolean {
  return Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end > s.start && s.end <= index.length && index.slice(s.start, s.end) === s.text;
}


/** One document as the formats see it: only exported items whose spans match the text, in text order. */
export interface Prepared {
  doc: ExportDocument;
  index: TextIndex;
  sha256: string;
  mentions: Mention[];
  attributions: Attribution[];
  events: EventAnnotation[];
}

export function prepare(doc: ExportDocument, opts: ExportOptions): Prepared {
  const index = new TextIndex(doc.text);
  const labels = opts.labels ?? ['ACTOR', 'PLACE'];
  const mentions = doc.sidecar.mentions
    .filter((m) => labels.includes(m.label) && isExported(m, doc, opts) && spanMatches(index, m))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.label.localeCompare(b.label) || a.id.localeCompare(b.id));
  const attributions = doc.sidecar.attributions
    .filter((a) => isExported(a, doc, opts) && spanMatches(index, a.cue) && (!a.source || spanMatches(index, a.source)) && (!a.content || spanMatches(index, a.content)))
    .sort((a, b) => a.cue.start - b.cue.start || a.id.localeCompare(b.id));
  const events = doc.sidecar.events
    .filter((e) => isExported(e, doc, opts) && spanMatches(index, e))
    .sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
  const sha256 = doc.sidecar.document.sha256 || createHash('sha256').update(doc.text, 'utf8').digest('hex');
  return { doc, index, sha256, mentions, attributions, events };
}

export const spansOf = (p: Prepared): LabelledSpan[] => p.mentions.map((m) => ({ start: m.start, end: m.end, label: m.label }));
