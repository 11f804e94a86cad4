/**
 * The sidecar format (`NAME.ann.yaml`) itself: its key tables and allowed values, shared by parseSidecar and
 * renderSidecar, plus the small helpers that need no YAML (file naming, an empty sidecar, what is written).
 * Ids are handed out by IdAllocator (idAllocator.ts).
 */
import { SIDECAR_VERSION, type Sidecar } from '../model';
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
// Long values (context, extra quotes) come last so the short, decisive ones line up at the start of a line.
export const TOP_KEYS: readonly string[] = ['version', 'document', 'mentions', 'attributions', 'events', 'rejected', 'conflicts'];
export const DOCUMENT_KEYS: readonly string[] = ['text', 'sha256', 'detector', 'fingerprint', 'date', 'status', 'by', 'at'];
export const SPAN_KEYS: readonly string[] = ['start', 'end', 'text', 'prefix', 'suffix'];
export const MENTION_KEYS: readonly string[] = ['id', 'label', 'start', 'end', 'text', 'entity', 'status', 'origin', 'orphan', 'by', 'at', 'prefix', 'suffix'];
export const ATTRIBUTION_KEYS: readonly string[] = ['id', 'cue', 'source', 'content', 'kind', 'direct', 'sourceEntity', 'status', 'origin', 'orphan', 'by', 'at'];
/** The ACLED coding fields of an event, with ACLED's own names. */
export const ACLED_KEYS: readonly string[] = ['inter1', 'inter2', 'interaction', 'civilian_targeting', 'time_precision', 'geo_precision', 'admin1', 'source_scale', 'notes'];
export const EVENT_KEYS: readonly string[] = [
  'id', 'type', 'subtype', 'start', 'end', 'text', 'actor1', 'actor2', 'place', 'date', 'fatalities', 'attribution',
  ...ACLED_KEYS, 'status', 'origin', 'orphan', 'by', 'at', 'prefix', 'suffix', 'spans',
];
export const REJECTION_KEYS: readonly string[] = ['kind', 'label', 'start', 'end', 'text', 'orphan', 'by', 'at', 'prefix', 'suffix'];
/** What identifies a rejection (the rest is context, provenance and the orphan flag, refreshed on re-anchoring). */
export const REJECTION_ID_KEYS: readonly string[] = ['kind', 'label', 'start', 'end', 'text'];
export const CONFLICT_KEYS: readonly string[] = ['id', 'ours', 'theirs', 'base'];
/** `at`: a date, or a date and time (a warning otherwise). */
export const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
export const STATUSES: readonly string[] = ['suggested', 'accepted'];
export const ORIGINS: readonly string[] = ['gazetteer', 'rule', 'manual', 'import'];
export const DOCUMENT_STATUSES: readonly string[] = ['draft', 'reviewed'];
export const KINDS: readonly string[] = ['named', 'anonymous'];
export const REJECTION_KINDS: readonly string[] = ['mention', 'attribution', 'event'];
/**
 * Values written double-quoted, so that whitespace and YAML-looking text survive (free text, names, times; the
 * detector version, which would read back as a number; the seal, which can be all digits).
 */
export const QUOTED_KEYS: ReadonlySet<string> = new Set(['text', 'prefix', 'suffix', 'notes', 'admin1', 'by', 'at', 'detector', 'fingerprint']);

/** `NAME.txt` → `NAME.ann.yaml` (any extension is replaced; a name without one gets the suffix appended). */
export function sidecarPathFor(textPath: string): string {
  const slash = Math.max(textPath.lastIndexOf('/'), textPath.lastIndexOf('\\'));
  const dot = textPath.lastIndexOf('.');
  const base = dot > slash + 1 ? textPath.slice(0, dot) : textPath;
  return `${base}.ann.yaml`;
}

export function emptySidecar(textName: string, sha256: string): Sidecar {
  return {
    version: SIDECAR_VERSION,
    document: { text: textName, sha256, status: 'draft' },
    mentions: [],
    attributions: [],
    events: [],
    rejected: [],
  };
}

/**
 * Whether an item keeps its `prefix`/`suffix` on disk: only what re-anchoring must find again after an edit
 * (accepted mentions, attributions and events, rejections, and the suggestions an accepted event refers to,
 * `pinned`). Other suggestions are re-detected instead, which keeps sidecars small at corpus scale.
 */
export function keepsContext(item: { status?: string }, list: 'mentions' | 'attributions' | 'events' | 'rejected', pinned = false): boolean {
  return list === 'rejected' || item.status === 'accepted' || pinned;
}

/**
 * Whether an attribution's quotes (cue, source, content) or an event's trigger quote are written. A
 * suggestion's quotes are only ever the text at its offsets: SidecarStore fills them in from the text while it
 * is the text the sidecar was made for; after an edit such a suggestion cannot be placed again, and is dropped
 * and detected anew. Decisions keep theirs, and so do the suggestions an accepted event refers to (`pinned`),
 * which must be re-anchored. A mention always keeps its quote: it names who or where, for the person reading.
 */
export function quotesKept(item: { status?: string }, pinned = false): boolean {
  return item.status === 'accepted' || pinned;
}

/** Ids an accepted event refers to (its roles and its attribution): written whole, as part of that decision. */
export function pinnedIds(sidecar: Pick<Sidecar, 'events'>): ReadonlySet<string> {
  const ids = new Set<string>();
  for (const e of sidecar.events) {
    if (e.status !== 'accepted') continue;
    for (const id of [e.actor1, e.actor2, e.place, e.attribution]) if (id !== undefined) ids.add(id);
  }
  return ids;
}

/** A mention's `origin` when the file has none (the one most suggestions have). */
export const DEFAULT_MENTION_ORIGIN = 'gazetteer';
/** An attribution's or event's `origin` when a version 2 file has none (version 1 leaves it unknown). */
export const DEFAULT_RULE_ORIGIN = 'rule';

/** The length of `text` in code points (what offsets count). */
export function codePointLength(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/**
 * Whether a span's `end` goes without saying: it is where its quote ends. Then a suggestion's is not written,
 * and a reader takes start + the quote's length (a person adding a span by hand need not count either).
 * Decisions (accepted items, rejections) keep theirs.
 */
export function endImplied(span: { start: number; end: number; text?: string }): boolean {
  return typeof span.text === 'string' && span.text !== '' && span.end === span.start + codePointLength(span.text);
}

/** Key-order independent equality of plain data (undefined members count as absent). */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  // lists are compared item by item (their keys listed would be one string per index of a long list)
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length && !a.includes(undefined) && !b.includes(undefined)) {
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(a) && Array.isArray(b) && !a.includes(undefined) && !b.includes(undefined)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * Whether two sidecars hold the same annotations: everything but the format version, the detector stamp and the seal.
 * A version 1 file is rewritten (as version 2) only when this is false.
 */
export function sameAnnotations(a: Sidecar, b: Sidecar): boolean {
  const { detector: _da, fingerprint: _fa, ...docA } = a.document;
  const { detector: _db, fingerprint: _fb, ...docB } = b.document;
  return (
    sameData(docA, docB) &&
    sameData(a.mentions, b.mentions) &&
    sameData(a.attributions, b.attributions) &&
    sameData(a.events, b.events) &&
    sameData(a.rejected, b.rejected) &&
    sameData(a.conflicts ?? [], b.conflicts ?? [])
  );
}
