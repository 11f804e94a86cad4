/**
 * Undo and redo of annotation actions as item-level patches: what one action added, removed or changed, by id.
 * A patch is applied to whatever the sidecar is now (detection may have run, the text may have moved on), not
 * swapped in as a snapshot, so undoing an accept never drops a suggestion that arrived since. Stored spans are
 * kept valid while the text is edited with {@link shiftPatch}. Pure functions; inputs are never modified.
 */
import type { Attribution, DocumentInfo, EventAnnotation, Mention, Rejection, Sidecar, Span } from '../model';
import { shiftForEdits, type TextEdit } from '../anchoring/reanchor';
import { freshIdFor } from '../sidecar/idAllocator';

/** `before` missing: the action added the item; `after` missing: it removed it; both: it changed fields. */
export interface ItemChange<T> {
  id: string;
  before?: T;
  after?: T;
}

export interface SidecarPatch {
  mentions: ItemChange<Mention>[];
  attributions: ItemChange<Attribution>[];
  events: ItemChange<EventAnnotation>[];
  rejectedAdded: Rejection[];
  rejectedRemoved: Rejection[];
  /** Document fields the action changed (status, date); the text name and hash belong to the file, not to it. */
  document?: { before: Partial<DocumentInfo>; after: Partial<DocumentInfo> };
}

type Item = Mention | Attribution | EventAnnotation;
type ListKey = 'mentions' | 'attributions' | 'events';
const LISTS: readonly ListKey[] = ['mentions', 'attributions', 'events'];
const REFERENCE_KEYS = ['actor1', 'actor2', 'place', 'attribution'] as const;
const DOCUMENT_FIELDS = ['status', 'date'] as const;

/** Structural equality of plain sidecar values (key order and undefined keys do not matter). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const rejectionKey = (r: Rejection): string => `${r.kind}|${r.label ?? ''}|${r.start}|${r.end}|${r.text}`;

function diffList<T extends Item>(before: readonly T[], after: readonly T[]): ItemChange<T>[] {
  const old = new Map(before.map((x) => [x.id, x]));
  const changes: ItemChange<T>[] = [];
  for (const x of after) {
    const was = old.get(x.id);
    old.delete(x.id);
    if (!was) changes.push({ id: x.id, after: x });
    else if (was !== x && !sameValue(was, x)) changes.push({ id: x.id, before: was, after: x });
  }
  for (const [id, was] of old) changes.push({ id, before: was });
  return changes;
}

/** What turned `before` into `after`. */
export function diffSidecars(before: Sidecar, after: Sidecar): SidecarPatch {
  const oldRejected = new Set(before.rejected.map(rejectionKey));
  const newRejected = new Set(after.rejected.map(rejectionKey));
  const patch: SidecarPatch = {
    mentions: diffList(before.mentions, after.mentions),
    attributions: diffList(before.attributions, after.attributions),
    events: diffList(before.events, after.events),
    rejectedAdded: after.rejected.filter((r) => !oldRejected.has(rejectionKey(r))),
    rejectedRemoved: before.rejected.filter((r) => !newRejected.has(rejectionKey(r))),
  };
  const docBefore: Partial<DocumentInfo> = {};
  const docAfter: Partial<DocumentInfo> = {};
  let docChanged = false;
  for (const k of DOCUMENT_FIELDS) {
    if (before.document[k] !== after.document[k]) {
      (docBefore as Record<string, unknown>)[k] = before.document[k];
      (docAfter as Record<string, unknown>)[k] = after.document[k];
      docChanged = true;
    }
  }
  if (docChanged) patch.document = { before: docBefore, after: docAfter };
  return patch;
}

export function isEmptyPatch(p: SidecarPatch): boolean {
  return LISTS.every((k) => p[k].length === 0) && p.rejectedAdded.length === 0 && p.rejectedRemoved.length === 0 && !p.document;
}

/** The patch that undoes `p`. */
export function invertPatch(p: SidecarPatch): SidecarPatch {
  const flip = <T>(cs: ItemChange<T>[]): ItemChange<T>[] => cs.map((c) => ({ id: c.id, before: c.after, after: c.before }));
  return {
    mentions: flip(p.mentions),
    attributions: flip(p.attributions),
    events: flip(p.events),
    rejectedAdded: p.rejectedRemoved,
    rejectedRemoved: p.rejectedAdded,
    ...(p.document ? { document: { before: p.document.after, after: p.document.before } } : {}),
  };
}

const startOf = (x: Item): number => ('cue' in x ? x.cue.start : x.start);
const spanKey = (s: Span | undefined): string => (s ? `${s.start}-${s.end}` : '');
/** Two items that stand for the same annotation of the text (same label or type, same place). */
function sameAnnotation(a: Item, b: Item): boolean {
  if ('cue' in a && 'cue' in b) return spanKey(a.cue) === spanKey(b.cue);
  if ('label' in a && 'label' in b) return a.label === b.label && a.start === b.start && a.end === b.end;
  if ('type' in a && 'type' in b) return a.type === b.type && a.subtype === b.subtype && a.start === b.start && a.end === b.end;
  return false;
}

function insertSorted<T extends Item>(items: T[], item: T): void {
  const at = items.findIndex((x) => startOf(x) > startOf(item));
  if (at === -1) items.push(item);
  else items.splice(at, 0, item);
}

/** Sets on `current` the fields that differ between `before` and `after`, as they are in `after`. */
function applyFields<T extends Item>(current: T, before: T, after: T): T {
  const out = { ...current } as Record<string, unknown>;
  const b = before as unknown as Record<string, unknown>;
  const a = after as unknown as Record<string, unknown>;
  for (const k of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (k === 'id' || sameValue(b[k], a[k])) continue;
    if (a[k] === undefined) delete out[k];
    else out[k] = a[k];
  }
  return out as unknown as T;
}

/**
 * Applies `patch` to `current`: added items come back (at their place in the list; a re-detected suggestion of
 * the same annotation gives way, an id taken meanwhile by another item gets a fresh one), removed items go
 * (with the references events had to them), changed fields are set. Items already gone are left alone.
 */
export function applyPatch(current: Sidecar, patch: SidecarPatch): Sidecar {
  let out: Sidecar = { ...current };
  // ids of restored items that were taken meanwhile (only the patch's own events point to them) ...
  const renamed = new Map<string, string>();
  // ... and re-detected duplicates a restored item replaced (any event may point to those)
  const replaced = new Map<string, string>();
  const removed = new Set<string>();
  for (const list of LISTS) {
    const items = [...(out[list] as Item[])];
    for (const change of patch[list] as ItemChange<Item>[]) {
      const at = items.findIndex((x) => x.id === change.id);
      if (!change.after) {
        if (at >= 0) {
          items.splice(at, 1);
          removed.add(change.id);
        }
        continue;
      }
      if (!change.before) {
        let add = change.after;
        if (at >= 0) {
          if (sameAnnotation(items[at], add)) items.splice(at, 1);
          else {
            const id = freshIdFor({ ...out, [list]: items }, add);
            renamed.set(add.id, id);
            add = { ...add, id };
          }
        }
        // the detector may have suggested the same thing again meanwhile: the restored item replaces it
        for (let i = items.length - 1; i >= 0; i--) {
          const x = items[i];
          if (x.status === 'suggested' && !x.orphan && sameAnnotation(x, add)) {
            items.splice(i, 1);
            replaced.set(x.id, add.id);
          }
        }
        insertSorted(items, add);
        continue;
      }
      if (at >= 0) items[at] = applyFields(items[at], change.before, change.after);
    }
    out = { ...out, [list]: items };
  }
  const liveIds = new Set([...out.mentions, ...out.attributions].map((x) => x.id));
  const patchEvents = new Set(patch.events.map((c) => renamed.get(c.id) ?? c.id));
  out.events = out.events.map((e) => {
    let ev = e;
    for (const key of REFERENCE_KEYS) {
      const ref = ev[key];
      if (ref === undefined) continue;
      const to = replaced.get(ref) ?? (patchEvents.has(ev.id) ? renamed.get(ref) : undefined);
      if (to !== undefined) ev = { ...ev, [key]: to };
      else if (removed.has(ref) && !liveIds.has(ref)) {
        ev = { ...ev };
        delete ev[key];
      }
    }
    return ev;
  });
  const drop = new Set(patch.rejectedRemoved.map(rejectionKey));
  const rejected = out.rejected.filter((r) => !drop.has(rejectionKey(r)));
  const have = new Set(rejected.map(rejectionKey));
  for (const r of patch.rejectedAdded) if (!have.has(rejectionKey(r))) rejected.push(r);
  out.rejected = rejected;
  if (patch.document) out.document = { ...out.document, ...patch.document.after };
  return out;
}

const SPAN_FIELDS = ['start', 'end', 'text', 'cue', 'source', 'content'];
const movesSpans = (c: ItemChange<Item>): boolean => !c.before || !c.after || SPAN_FIELDS.some((k) => !sameValue((c.before as unknown as Record<string, unknown>)[k], (c.after as unknown as Record<string, unknown>)[k]));

/**
 * Moves the spans a patch stores along with edits of the text (code point ranges of the text before the edit,
 * as for shiftForEdits), so an undo after typing elsewhere puts items back at the right place. Only the items
 * whose spans the patch applies are shifted: field changes such as an accept carry no position.
 */
export function shiftPatch(patch: SidecarPatch, edits: readonly TextEdit[]): SidecarPatch {
  if (edits.length === 0) return patch;
  const shifted = <T extends Item>(list: ListKey, changes: ItemChange<T>[]): ItemChange<T>[] =>
    changes.map((c) => {
      if (!movesSpans(c as ItemChange<Item>)) return c;
      const one = (x: T | undefined): T | undefined => {
        if (!x) return x;
        const s = shiftForEdits({ version: 1, document: { text: '', sha256: '', status: 'draft' }, mentions: [], attributions: [], events: [], rejected: [], [list]: [x] }, edits);
        return (s[list] as Item[])[0] as T;
      };
      return { id: c.id, before: one(c.before), after: one(c.after) };
    });
  const rejections = (rs: Rejection[]): Rejection[] =>
    rs.length === 0 ? rs : shiftForEdits({ version: 1, document: { text: '', sha256: '', status: 'draft' }, mentions: [], attributions: [], events: [], rejected: rs }, edits).rejected;
  return {
    ...patch,
    mentions: shifted('mentions', patch.mentions),
    attributions: shifted('attributions', patch.attributions),
    events: shifted('events', patch.events),
    rejectedAdded: rejections(patch.rejectedAdded),
    rejectedRemoved: rejections(patch.rejectedRemoved),
  };
}
