/**
 * Moving through a document's annotations the way a reviewer does (next suggestion, previous annotation) and
 * finding the one a command acts on at the cursor or selection. Positions are code points; the order is the
 * text's (start, then end), so "next" from an item's own selection moves past it.
 */
import type { Sidecar, Status } from '../model';

export type ReviewKind = 'mention' | 'attribution' | 'event';

export interface ReviewItem {
  id: string;
  kind: ReviewKind;
  status: Status;
  /** The stretch a reviewer looks at: the mention, the attribution's cue, the event's quote. */
  start: number;
  end: number;
}

/** Placed items in text order; only suggestions when `suggestedOnly`. */
export function reviewItems(sidecar: Sidecar, suggestedOnly: boolean): ReviewItem[] {
  const out: ReviewItem[] = [];
  const keep = (status: Status, orphan?: boolean) => !orphan && (!suggestedOnly || status === 'suggested');
  for (const m of sidecar.mentions) if (keep(m.status, m.orphan)) out.push({ id: m.id, kind: 'mention', status: m.status, start: m.start, end: m.end });
  for (const a of sidecar.attributions) if (keep(a.status, a.orphan)) out.push({ id: a.id, kind: 'attribution', status: a.status, start: a.cue.start, end: a.cue.end });
  for (const e of sidecar.events) if (keep(e.status, e.orphan)) out.push({ id: e.id, kind: 'event', status: e.status, start: e.start, end: e.end });
  return out.sort((a, b) => a.start - b.start || a.end - b.end || a.id.localeCompare(b.id));
}

/**
 * The item after (or before) the selection `[start, end)`, wrapping around at the end of the document.
 * Undefined when there is none.
 */
export function stepItem(items: readonly ReviewItem[], start: number, end: number, direction: 1 | -1): ReviewItem | undefined {
  if (items.length === 0) return undefined;
  const after = (x: ReviewItem) => x.start > start || (x.start === start && x.end > end);
  const before = (x: ReviewItem) => x.start < start || (x.start === start && x.end < end);
  if (direction === 1) return items.find(after) ?? items[0];
  for (let i = items.length - 1; i >= 0; i--) if (before(items[i])) return items[i];
  return items[items.length - 1];
}

const KIND_ORDER: Record<ReviewKind, number> = { mention: 0, attribution: 1, event: 2 };

/**
 * The item a command acts on: the one the selection covers exactly, else one it overlaps; for a cursor, the
 * one around it (or ending right at it). Suggestions first when `preferSuggested`, then mentions before cues
 * before events (an event spans a whole sentence).
 */
export function itemAtSelection(sidecar: Sidecar, start: number, end: number, preferSuggested = false): ReviewItem | undefined {
  const items = reviewItems(sidecar, false);
  const rank = (x: ReviewItem) => (preferSuggested && x.status !== 'suggested' ? 10 : 0) + KIND_ORDER[x.kind];
  const best = (xs: ReviewItem[]) => xs.sort((a, b) => rank(a) - rank(b) || a.end - a.start - (b.end - b.start))[0];
  if (start < end) {
    return best(items.filter((x) => x.start === start && x.end === end)) ?? best(items.filter((x) => x.start < end && start < x.end));
  }
  return best(items.filter((x) => x.start <= start && start < x.end)) ?? best(items.filter((x) => x.end === start && x.start < start));
}
