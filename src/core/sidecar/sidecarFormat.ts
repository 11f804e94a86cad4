/**
 * The sidecar format (`NAME.ann.yaml`) itself: its key tables and allowed values, shared by parseSidecar and
 * renderSidecar, plus the small helpers that need no YAML (file naming, an empty sidecar, the next free id).
 */
import type { Sidecar } from '../model';
import type { Problem } from '../problem';

/** Maps a path such as `mentions[3]` or `events[0].actor1` to a 1-based line, 0 when unknown. */
export type Locate = (path: string) => number;

export interface ParseResult {
  sidecar?: Sidecar;
  problems: Problem[];
  locate: Locate;
}

/** More aliases than this is treated as a resource exhaustion attack (a "billion laughs" file). */
export const MAX_ALIAS_COUNT = 100;
/** The comment every rendered file starts with; a person's own header comments are kept after it. */
export const HEADER = ' Conflict Annotator sidecar. Offsets are Unicode code points into the text file, end exclusive.';

// Keys in the order they are written; a key not listed at its level is a person's addition and is kept.
export const TOP_KEYS: readonly string[] = ['version', 'document', 'mentions', 'attributions', 'events', 'rejected'];
export const DOCUMENT_KEYS: readonly string[] = ['text', 'sha256', 'date', 'status'];
export const SPAN_KEYS: readonly string[] = ['start', 'end', 'text', 'prefix', 'suffix'];
export const MENTION_KEYS: readonly string[] = ['id', 'label', 'start', 'end', 'text', 'entity', 'status', 'origin', 'orphan', 'prefix', 'suffix'];
export const ATTRIBUTION_KEYS: readonly string[] = ['id', 'cue', 'source', 'content', 'kind', 'direct', 'sourceEntity', 'status', 'origin', 'orphan'];
export const EVENT_KEYS: readonly string[] = [
  'id', 'type', 'subtype', 'start', 'end', 'text', 'actor1', 'actor2', 'place', 'date', 'fatalities', 'attribution',
  'status', 'origin', 'orphan', 'prefix', 'suffix',
];
export const REJECTION_KEYS: readonly string[] = ['kind', 'label', 'start', 'end', 'text', 'orphan', 'prefix', 'suffix'];
/** What makes two rejections the same one (their context is refreshed on re-anchoring). */
export const REJECTION_IDENTITY_KEYS: readonly string[] = ['kind', 'label', 'start', 'end', 'text'];
export const STATUSES: readonly string[] = ['suggested', 'accepted'];
export const ORIGINS: readonly string[] = ['gazetteer', 'rule', 'manual', 'import'];
export const DOCUMENT_STATUSES: readonly string[] = ['draft', 'reviewed'];
export const KINDS: readonly string[] = ['named', 'anonymous'];
export const REJECTION_KINDS: readonly string[] = ['mention', 'attribution', 'event'];
/** Values written double-quoted, so that whitespace and YAML-looking text survive. */
export const QUOTED_KEYS: ReadonlySet<string> = new Set(['text', 'prefix', 'suffix']);

/** `NAME.txt` → `NAME.ann.yaml` (any extension is replaced; a name without one gets the suffix appended). */
export function sidecarPathFor(textPath: string): string {
  const slash = Math.max(textPath.lastIndexOf('/'), textPath.lastIndexOf('\\'));
  const dot = textPath.lastIndexOf('.');
  const base = dot > slash + 1 ? textPath.slice(0, dot) : textPath;
  return `${base}.ann.yaml`;
}

export function emptySidecar(textName: string, sha256: string): Sidecar {
  return {
    version: 1,
    document: { text: textName, sha256, status: 'draft' },
    mentions: [],
    attributions: [],
    events: [],
    rejected: [],
  };
}

/**
 * Hands out free ids with this prefix, one more than the largest numeric suffix in use: the items are scanned
 * once, so a merge that adds n suggestions stays linear (calling nextId per item rescanned them all).
 */
export function idAllocator(items: readonly { id: string }[], prefix: 'm' | 'a' | 'e'): () => string {
  let max = 0;
  for (const item of items) {
    if (item.id.startsWith(prefix)) {
      const n = Number(item.id.slice(prefix.length));
      if (Number.isSafeInteger(n) && n > max) max = n;
    }
  }
  return () => `${prefix}${++max}`;
}

/** The next free id with this prefix: one more than the largest numeric suffix in use. */
export function nextId(sidecar: Sidecar, prefix: 'm' | 'a' | 'e'): string {
  return idAllocator(prefix === 'm' ? sidecar.mentions : prefix === 'a' ? sidecar.attributions : sidecar.events, prefix)();
}
