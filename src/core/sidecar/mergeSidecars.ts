/**
 * Three-way merge of sidecars by item id (base = as loaded, ours = being saved, theirs = on disk now). Pure data:
 * each side's changes apply, field by field within an item (one side accepts while the other re-anchors or
 * links an entity: both stay); where both changed one field differently theirs is kept and counted as a
 * conflict. A decision is never dropped for a change that is none: a suggestion we accepted that they deleted
 * without rejecting it (annotate no longer proposing it) stays accepted; a rejection beats their change.
 */
import { SIDECAR_VERSION, type Attribution, type Conflict, type EventAnnotation, type Mention, type Rejection, type Sidecar, type Span } from '../model';
import { IdAllocator, type IdKind } from './idAllocator';
import { sameData as same } from './sidecarFormat';

interface Merged<T> {
  items: T[];
  conflicts: number;
}

/** Fields that change together: a span's offsets, quote and context are one value. */
const SPAN_FIELDS = ['start', 'end', 'text', 'prefix', 'suffix'];

function pick(x: object, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = (x as Record<string, unknown>)[k];
  return out;
}

/** Field-level three-way merge of one item both sides changed; `conflict` when some field went both ways. */
function mergeItem<T extends object>(b: T, o: T, t: T): { item: T; conflict: boolean } {
  const keys = new Set([...Object.keys(b), ...Object.keys(o), ...Object.keys(t)]);
  const groups: string[][] = [];
  if (SPAN_FIELDS.some((k) => keys.has(k))) groups.push(SPAN_FIELDS);
  for (const k of keys) if (!SPAN_FIELDS.includes(k)) groups.push([k]);
  const out: Record<string, unknown> = {};
  let conflict = false;
  for (const g of groups) {
    const [bg, og, tg] = [pick(b, g), pick(o, g), pick(t, g)];
    // context is derived from the text at the offsets (and not kept on suggestions): only where the span is
    // decides whether a side changed it, so one side re-anchoring while the other accepts is no conflict
    const where = g === SPAN_FIELDS ? (x: Record<string, unknown>) => pick(x, ['start', 'end', 'text']) : (x: Record<string, unknown>) => x;
    let chosen = tg;
    if (same(where(bg), where(tg))) chosen = og;
    else if (!same(where(bg), where(og)) && !same(where(og), where(tg))) conflict = true;
    // both sides have the span at the same place: keep the one that carries re-anchoring context
    const other = chosen === og ? tg : og;
    if (g === SPAN_FIELDS && chosen.prefix === undefined && other.prefix !== undefined && same(where(chosen), where(other))) chosen = other;
    for (const k of g) if (chosen[k] !== undefined) out[k] = chosen[k];
  }
  return { item: out as T, conflict };
}

/**
 * Three-way merge of one list by id: each side's changes apply, field by field when both changed one item.
 * `rejected(side, item)` says whether that side rejected the item (it then stays deleted).
 */
function mergeById<T extends { id: string; status?: string }>(base: T[], ours: T[], theirs: T[], rejected: (side: 'ours' | 'theirs', item: T) => boolean): Merged<T> {
  const b = new Map(base.map((x) => [x.id, x]));
  const o = new Map(ours.map((x) => [x.id, x]));
  const t = new Map(theirs.map((x) => [x.id, x]));
  const ids = [...new Set([...theirs.map((x) => x.id), ...ours.map((x) => x.id), ...base.map((x) => x.id)])];
  const items: T[] = [];
  let conflicts = 0;
  for (const id of ids) {
    const bi = b.get(id);
    const oi = o.get(id);
    const ti = t.get(id);
    const oursChanged = !same(bi, oi);
    const theirsChanged = !same(bi, ti);
    let pick: T | undefined;
    if (!oursChanged) pick = ti;
    else if (!theirsChanged) pick = oi;
    else if (same(oi, ti)) pick = ti;
    else if (bi && oi && ti) {
      const m = mergeItem(bi, oi, ti);
      pick = m.item;
      if (m.conflict) conflicts++;
    } else if (bi && !oi && ti) {
      // we deleted it, they changed it: our rejection stands, else theirs is kept; their accept of a suggestion
      // we merely dropped (annotate re-detecting it under a new id) is a decision, not a conflict
      pick = rejected('ours', bi) ? undefined : ti;
      if (pick && !(ti.status === 'accepted' && bi.status !== 'accepted')) conflicts++;
    } else if (bi && oi && !ti) {
      // they deleted it, we changed it: our accept of a suggestion stands against a deletion that is no
      // rejection (annotate dropping a suggestion it no longer makes); otherwise theirs (deleted) is kept
      const accepted = oi.status === 'accepted' && bi.status !== 'accepted' && !rejected('theirs', bi);
      pick = accepted ? oi : undefined;
      if (!accepted) conflicts++;
    } else {
      pick = ti;
      conflicts++;
    }
    if (pick) items.push(pick);
  }
  return { items, conflicts };
}

function rejectionKey(r: Rejection): string {
  return `${r.kind}|${r.label ?? ''}|${r.start}|${r.end}|${r.text}`;
}

/** Union of both sides' rejections, minus those either side removed. */
function mergeRejected(base: Rejection[], ours: Rejection[], theirs: Rejection[]): Rejection[] {
  const o = new Set(ours.map(rejectionKey));
  const t = new Set(theirs.map(rejectionKey));
  const dropped = new Set(base.map(rejectionKey).filter((k) => !o.has(k) || !t.has(k)));
  const out = new Map<string, Rejection>();
  for (const r of [...theirs, ...ours]) if (!dropped.has(rejectionKey(r))) out.set(rejectionKey(r), r);
  return [...out.values()];
}

function spanIdentity(s: Span): string {
  return `${s.start}|${s.end}|${s.text}`;
}

/** What an item is, as opposed to what was decided about it: the same id and identity on both sides is one item. */
function identity(kind: IdKind, x: Mention | Attribution | EventAnnotation): string {
  if (kind === 'm') return `${(x as Mention).label}|${spanIdentity(x as Mention)}`;
  if (kind === 'a') return spanIdentity((x as Attribution).cue);
  return spanIdentity(x as EventAnnotation);
}

/**
 * Gives our newly added items ids that theirs does not use, when both sides added different items under the
 * same id (version 1 ids: both took "the next id"; rarely, a short hash shared by two items), and rewrites our
 * references accordingly. The same item added on both sides (one suggestion, one hash) keeps its id.
 */
function renumberClashes(base: Sidecar, ours: Sidecar, theirs: Sidecar): Sidecar {
  const renames = new Map<string, string>();
  const ids = new IdAllocator(theirs);
  for (const list of [ours.mentions, ours.attributions, ours.events]) for (const x of list) ids.reserve(x.id);
  const fix = <T extends Mention | Attribution | EventAnnotation>(kind: IdKind, b: T[], o: T[], t: T[]): T[] => {
    const inBase = new Set(b.map((x) => x.id));
    const theirsById = new Map(t.map((x) => [x.id, x]));
    return o.map((x) => {
      const clash = theirsById.get(x.id);
      if (inBase.has(x.id) || !clash || same(clash, x) || identity(kind, clash) === identity(kind, x)) return x;
      const id = ids.next(kind, `${x.id}\u0000${identity(kind, x)}`);
      renames.set(x.id, id);
      return { ...x, id };
    });
  };
  const mentions = fix('m', base.mentions, ours.mentions, theirs.mentions);
  const attributions = fix('a', base.attributions, ours.attributions, theirs.attributions);
  const events = fix('e', base.events, ours.events, theirs.events).map((e) => {
    let out = e;
    for (const key of ['actor1', 'actor2', 'place', 'attribution'] as const) {
      const ref = out[key];
      if (ref !== undefined && renames.has(ref)) out = { ...out, [key]: renames.get(ref) };
    }
    return out;
  });
  return renames.size ? { ...ours, mentions, attributions, events } : ours;
}

/** The rejection a rejected item leaves behind, as rejectItem records it (its key only). */
function rejectionKeyOf(kind: Rejection['kind'], item: Mention | Attribution | EventAnnotation): string {
  if (kind === 'mention') {
    const m = item as Mention;
    return rejectionKey({ kind, label: m.label, start: m.start, end: m.end, text: m.text });
  }
  if (kind === 'attribution') {
    const a = item as Attribution;
    return rejectionKey({ kind, start: a.cue.start, end: a.cue.end, text: a.cue.text });
  }
  const e = item as EventAnnotation;
  return rejectionKey({ kind, label: `${e.type}/${e.subtype}`, start: e.start, end: e.end, text: e.text });
}

/** Recorded conflicts of both sides (theirs win for the same id); settling one is a later merge's job. */
function mergeConflicts(ours: Conflict[] | undefined, theirs: Conflict[] | undefined): Conflict[] {
  const out = new Map<string, Conflict>();
  for (const c of [...(ours ?? []), ...(theirs ?? [])]) out.set(c.id, c);
  return [...out.values()];
}

export function mergeSidecars(base: Sidecar, ours: Sidecar, theirs: Sidecar): { sidecar: Sidecar; conflicts: number } {
  const o = renumberClashes(base, ours, theirs);
  const inBase = new Set(base.rejected.map(rejectionKey));
  const added = { ours: new Set(o.rejected.map(rejectionKey).filter((k) => !inBase.has(k))), theirs: new Set(theirs.rejected.map(rejectionKey).filter((k) => !inBase.has(k))) };
  const rejectedAs =
    (kind: Rejection['kind']) =>
    (side: 'ours' | 'theirs', item: Mention | Attribution | EventAnnotation): boolean =>
      added[side].has(rejectionKeyOf(kind, item));
  const m = mergeById<Mention>(base.mentions, o.mentions, theirs.mentions, rejectedAs('mention'));
  const a = mergeById<Attribution>(base.attributions, o.attributions, theirs.attributions, rejectedAs('attribution'));
  const e = mergeById<EventAnnotation>(base.events, o.events, theirs.events, rejectedAs('event'));
  const doc = mergeItem(base.document, o.document, theirs.document);
  const sidecar: Sidecar = { version: SIDECAR_VERSION, document: doc.item, mentions: m.items, attributions: a.items, events: e.items, rejected: mergeRejected(base.rejected, o.rejected, theirs.rejected) };
  const conflicts = mergeConflicts(o.conflicts, theirs.conflicts);
  if (conflicts.length) sidecar.conflicts = conflicts;
  return { sidecar, conflicts: m.conflicts + a.conflicts + e.conflicts + (doc.conflict ? 1 : 0) };
}
