/**
 * What a sidecar looks like on disk, independent of how the YAML text is produced: lists sorted, keys in the
 * order of the key tables, defaults and context that is not kept left out. Both writers (the Document-based
 * one and the canonical string builder) write exactly this, so they cannot drift apart.
 */
import { SIDECAR_VERSION, type Conflict, type EventAnnotation, type Mention, type Sidecar } from '../model';
import { ATTRIBUTION_KEYS, DEFAULT_MENTION_ORIGIN, DEFAULT_RULE_ORIGIN, DOCUMENT_KEYS, EVENT_KEYS, keepsContext, MENTION_KEYS, pinnedIds, quotesKept, REJECTION_KEYS, SPAN_KEYS } from './sidecarFormat';
import { entityImplied, impliedCivilianTargeting, impliedInteraction, impliedNotes, impliedTimePrecision, isRuleSuggestion, withImpliedCoding } from './impliedValues';

function compareIds(a: string, b: string): number {
  const na = Number(a.replace(/^\D+/, ''));
  const nb = Number(b.replace(/^\D+/, ''));
  if (a.replace(/\d+$/, '') === b.replace(/\d+$/, '') && Number.isFinite(na) && Number.isFinite(nb) && na !== nb) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

function bySpan<T extends { start: number; end: number; id: string }>(a: T, b: T): number {
  return a.start - b.start || a.end - b.end || compareIds(a.id, b.id);
}

function str(a: string | undefined, b: string | undefined): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Sorted copies of all lists, in the order they are written. */
export function sortSidecar(s: Sidecar): Sidecar {
  return {
    ...s,
    mentions: [...s.mentions].sort(bySpan),
    attributions: [...s.attributions].sort((a, b) => a.cue.start - b.cue.start || a.cue.end - b.cue.end || compareIds(a.id, b.id)),
    events: [...s.events].sort(bySpan),
    rejected: [...s.rejected].sort((a, b) => a.start - b.start || a.end - b.end || str(a.kind, b.kind) || str(a.label, b.label) || str(a.text, b.text)),
  };
}

export type ListKey = 'mentions' | 'attributions' | 'events' | 'rejected';

export const ITEM_KEYS: Record<ListKey, readonly string[]> = {
  mentions: MENTION_KEYS,
  attributions: ATTRIBUTION_KEYS,
  events: EVENT_KEYS,
  rejected: REJECTION_KEYS,
};
const ATTRIBUTION_SPANS: ReadonlySet<string> = new Set(['cue', 'source', 'content']);

function diskSpan(span: object, context: boolean, quote = true): Record<string, unknown> {
  const src = span as Record<string, unknown>;
  // every span keeps its `end`: scorers and scripts read offsets from the YAML as they are (a missing end broke them)
  const out: Record<string, unknown> = {};
  for (const k of SPAN_KEYS) {
    const v = src[k];
    if (v === undefined || (!context && (k === 'prefix' || k === 'suffix'))) continue;
    if (k === 'text' && !quote) continue;
    out[k] = v;
  }
  return out;
}

/** The notes of a rule suggestion as the text implies them (impliedNotes), when the writer has the text. */
export type NotesOf = (e: EventAnnotation) => string;

/** Of a rule suggestion's ACLED coding, the values that differ from what the rest implies (see impliedValues). */
/** The ACLED coding a rule suggestion's line leaves out when it is the implied one (codingKept). */
const IMPLIED_CODING = ['interaction', 'civilian_targeting', 'time_precision'] as const;

function codingKept(e: EventAnnotation, k: string, v: unknown, notesOf: NotesOf | undefined): boolean {
  if (k === 'interaction') return v !== impliedInteraction(e);
  if (k === 'civilian_targeting') return v !== impliedCivilianTargeting(e);
  if (k === 'time_precision') return v !== impliedTimePrecision(e);
  if (k === 'notes') return !notesOf || v !== notesOf(e);
  return true;
}

/**
 * What of an item is written, in key order: no `status` for a suggestion (the default), `orphan` only when
 * true, context only where keepsContext says, no empty `spans`; no value a reader takes by default (a mention's
 * `origin: gazetteer`, an attribution's or event's `origin: rule`, `direct: false`) and, on suggested
 * attributions and events, no quotes (quotesKept). Every span keeps its `end` (external scorers read it).
 * A rule suggestion leaves out what the rest of it implies (impliedValues): a mention's generated entity id, an
 * event's derivable ACLED coding, and its notes when `notesOf` (given the text) says they are the implied ones.
 * `pinned`: an accepted event refers to the item (see pinnedIds), which is then written whole.
 */
export function diskItem(list: ListKey, item: object, pinned = false, notesOf?: NotesOf): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  diskFields(list, item, pinned, notesOf, (k, v) => {
    out[k] = v;
  });
  return out;
}

/**
 * diskItem's keys and values, handed to `field` one after the other in key order instead of built into an
 * object: the canonical writer writes them straight into the item's line (an object per item, and one per span,
 * were most of what a long article's sidecar allocated).
 */
export function diskFields(list: ListKey, item: object, pinned: boolean, notesOf: NotesOf | undefined, field: (k: string, v: unknown) => void): void {
  const src = item as Record<string, unknown>;
  const context = keepsContext(src, list, pinned);
  const quotes = list === 'mentions' || list === 'rejected' || quotesKept(src, pinned);
  const rule = (list === 'mentions' || list === 'events') && isRuleSuggestion(src, list === 'mentions' ? DEFAULT_MENTION_ORIGIN : DEFAULT_RULE_ORIGIN);
  const derived = rule && !pinned;
  for (const k of ITEM_KEYS[list]) {
    const v = src[k];
    if (v === undefined) {
      // a rule mention without an entity must say so: left out, its entity would read as the generated one
      if (k === 'entity' && rule && list === 'mentions') field(k, null);
      continue;
    }
    if (k === 'orphan' && v !== true) continue;
    if (k === 'status' && v === 'suggested') continue;
    if (!context && (k === 'prefix' || k === 'suffix')) continue;
    if (k === 'text' && !quotes) continue;
    if (k === 'origin' && v === (list === 'mentions' ? DEFAULT_MENTION_ORIGIN : DEFAULT_RULE_ORIGIN)) continue;
    if (k === 'direct' && v === false) continue;
    if (derived && list === 'mentions' && k === 'entity' && entityImplied(src as unknown as Mention)) continue;
    if (derived && list === 'events' && !codingKept(src as unknown as EventAnnotation, k, v, notesOf)) continue;
    if (list === 'attributions' && ATTRIBUTION_SPANS.has(k) && typeof v === 'object' && v !== null) field(k, diskSpan(v, context, quotes));
    else if (k === 'spans' && list === 'events') {
      // a suggestion's further quotes follow its trigger: offsets only
      if (Array.isArray(v) && v.length) field(k, v.map((x: object) => diskSpan(x, context, quotes)));
    } else field(k, v);
  }
}

/** Each item of `list` as written, given the ids accepted events refer to. */
export function diskItems(list: ListKey, items: readonly object[], pinned: ReadonlySet<string>, notesOf?: NotesOf): Record<string, unknown>[] {
  return items.map((x) => diskItem(list, x, list !== 'rejected' && pinned.has((x as { id: string }).id), notesOf));
}

/** notesOf for a writer given the text the sidecar was made for (computed only if some suggestion has notes). */
export function notesFor(sidecar: Sidecar, text: string | undefined): NotesOf | undefined {
  if (text === undefined || !sidecar.events.some((e) => e.notes !== undefined && e.status !== 'accepted')) return undefined;
  return impliedNotes(text);
}

export function diskDocument(document: object): Record<string, unknown> {
  const src = document as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of DOCUMENT_KEYS) if (src[k] !== undefined) out[k] = src[k];
  return out;
}

export function diskConflict(c: Conflict): Record<string, unknown> {
  const out: Record<string, unknown> = { id: c.id, ours: c.ours, theirs: c.theirs };
  if (c.base !== undefined) out.base = c.base;
  return out;
}

/**
 * The file's content as plain data, as a YAML reader gives it back: what the writers write, in key order.
 * `text`: the text the sidecar was made for, when the writer has it (then implied notes are left out).
 */
export function diskSidecar(sidecar: Sidecar, text?: string): Record<string, unknown> {
  const s = sortSidecar(sidecar);
  const pinned = pinnedIds(s);
  const notesOf = notesFor(s, text);
  const out: Record<string, unknown> = {
    version: SIDECAR_VERSION,
    document: diskDocument(s.document),
    mentions: diskItems('mentions', s.mentions, pinned),
    attributions: diskItems('attributions', s.attributions, pinned),
    events: diskItems('events', s.events, pinned, notesOf),
    rejected: diskItems('rejected', s.rejected, pinned),
  };
  if (s.conflicts?.length) out.conflicts = s.conflicts.map(diskConflict);
  return out;
}

/** The sidecar as it reads back after rendering: sorted, version 2, context only where it is kept. */
export function canonicalSidecar(s: Sidecar): Sidecar {
  const sorted = sortSidecar(s);
  const pinned = pinnedIds(sorted);
  const strip = <T extends object>(list: ListKey, items: T[]): T[] =>
    items.map((x) => {
      const out = { ...x } as Record<string, unknown>;
      const pin = list !== 'rejected' && pinned.has(out.id as string);
      if (!keepsContext(out, list, pin)) {
        delete out.prefix;
        delete out.suffix;
        if (list === 'attributions') {
          for (const k of ATTRIBUTION_SPANS) {
            if (!out[k]) continue;
            const { prefix: _p, suffix: _s, ...span } = out[k] as Record<string, unknown>;
            out[k] = span;
          }
        }
      }
      // read back without quotes until SidecarStore fills them in from the text
      if (!quotesKept(out, pin)) {
        if (list === 'attributions') for (const k of ATTRIBUTION_SPANS) if (out[k]) out[k] = { ...(out[k] as object), text: '' };
        if (list === 'events') {
          out.text = '';
          if (Array.isArray(out.spans)) out.spans = out.spans.map(({ prefix: _p, suffix: _s, ...span }: Record<string, unknown>) => ({ ...span, text: '' }));
        }
      }
      if (out.orphan !== true) delete out.orphan;
      // an origin left out reads back as the default
      if ((list === 'attributions' || list === 'events') && out.origin === undefined) out.origin = DEFAULT_RULE_ORIGIN;
      if (list === 'events' && Array.isArray(out.spans) && out.spans.length === 0) delete out.spans;
      // a rule suggestion reads back with the coding its line leaves out (impliedValues)
      // (the writer leaves out the implied values and the reader appends them: taken out first so that they come
      // back where a reader puts them, also on an event whose line gave them explicitly)
      if (list === 'events' && !pin && isRuleSuggestion(out, DEFAULT_RULE_ORIGIN)) {
        const e = out as unknown as EventAnnotation;
        for (const k of IMPLIED_CODING) if (out[k] !== undefined && !codingKept(e, k, out[k], undefined)) delete out[k];
        return withImpliedCoding(e) as unknown as T;
      }
      return out as T;
    });
  const out: Sidecar = {
    ...sorted,
    version: SIDECAR_VERSION,
    mentions: strip('mentions', sorted.mentions),
    attributions: strip('attributions', sorted.attributions),
    events: strip('events', sorted.events),
    rejected: strip('rejected', sorted.rejected),
  };
  if (!out.conflicts?.length) delete out.conflicts;
  return out;
}

