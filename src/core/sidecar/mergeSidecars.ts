/**
 * Three-way merge of sidecars by item id (base = as loaded, ours = being saved, theirs = on disk now). Pure data:
 * each side's changes apply, field by field within an item (one side accepts while the other re-anchors or
 * links an entity: both stay); where both changed one field differently theirs is kept and counted as a
 * conflict. A decision is never dropped for a change that is none: a suggestion we accepted that they deleted
 * without rejecting it (annotate no longer proposing it) stays accepted; a rejection beats their change.
 */
import type { Attribution, EventAnnotation, Mention, Rejection, Sidecar, Span } from '../model';

/** Key-order independent equality of plain data. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

interface Merged<T> {
  items: T[];
  conflicts: number;
}

/**
 * Fields that change together: a span's offsets, quote and context, and whether it is an orphan, are one value
 * (an attribution's three spans are one), else a span from one side could pair with the other's orphan flag.
 */
const SPAN_FIELDS = ['start', 'end', 'text', 'prefix', 'suffix', 'orphan'];
const ATTRIBUTION_SPAN_FIELDS = ['cue', 'source', 'content', 'orphan'];

function pick(x: object, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = (x as Record<string, unknown>)[k];
  return out;
}

/** Field-level three-way merge of one item both sides changed; `conflict` when some field went both ways. */
function mergeItem<T extends object>(b: T, o: T, t: T): { item: T; conflict: boolean } {
  const keys = new Set([...Object.keys(b), ...Object.keys(o), ...Object.keys(t)]);
  const together = keys.has('cue') ? ATTRIBUTION_SPAN_FIELDS : keys.has('start') ? SPAN_FIELDS : [];
  const groups: string[][] = together.length ? [together] : [];
  for (const k of keys) if (!together.includes(k)) groups.push([k]);
  const out: Record<string, unknown> = {};
  let conflict = false;
  for (const g of groups) {
    const [bg, og, tg] = [pick(b, g), pick(o, g), pick(t, g)];
    let chosen = tg;
    if (same(bg, tg)) chosen = og;
    else if (!same(bg, og) && !same(og, tg)) conflict = true;
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
      // we deleted it, they changed it: our rejection stands, else theirs is kept; if theirs is another item
      // under the same id by now, our deletion was not about it
      pick = rejected('ours', bi) && identity(ti) === identity(bi) ? undefined : ti;
      if (pick && identity(ti) === identity(bi)) conflicts++;
    } else if (bi && oi && !ti && identity(oi) !== identity(bi)) {
      pick = oi; // they deleted the old item; ours is another one that took its id
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

/**
 * Gives our items ids that theirs does not use, when both sides added different items under the same id (both
 * took "the next id") or one side reused an id the other still means the old item by, and rewrites our
 * references accordingly.
 */
/**
 * What an item is about: its quote, the context it was found in, and for a mention its label (annotate
 * proposing an ACTOR where it proposed a PLACE is another suggestion, not an edit of it).
 */
function identity(x: object): string {
  const span = ('cue' in x ? x.cue : x) as Partial<Span>;
  const label = 'label' in x ? String(x.label) : '';
  return `${label}\u0000${span.text}\u0000${span.prefix ?? ''}\u0000${span.suffix ?? ''}`;
}

/**
 * Both sides changed the item under this id into different items: an id was given to a new item after the
 * old one was dropped (annotate no longer proposing it, a person rejecting it and marking something else).
 * Merged field by field, one side's decision would land on the other side's item; they are kept apart. (The
 * same item re-anchored differently by the two sides is kept twice rather than risk that.)
 */
function reused(b: object, o: object, t: object): boolean {
  if (same(o, b) || same(t, b) || same(o, t)) return false;
  return identity(o) !== identity(t);
}

function renumberClashes(base: Sidecar, ours: Sidecar, theirs: Sidecar): Sidecar {
  const renames = new Map<string, string>();
  const used = new Set([...theirs.mentions, ...theirs.attributions, ...theirs.events, ...ours.mentions, ...ours.attributions, ...ours.events].map((x) => x.id));
  const fix = <T extends { id: string }>(prefix: string, b: T[], o: T[], t: T[]): T[] => {
    const baseById = new Map(b.map((x) => [x.id, x]));
    const theirsById = new Map(t.map((x) => [x.id, x]));
    let n = 0;
    for (const id of used) {
      const m = new RegExp(`^${prefix}(\\d+)$`).exec(id);
      if (m) n = Math.max(n, Number(m[1]));
    }
    return o.map((x) => {
      const clash = theirsById.get(x.id);
      const was = baseById.get(x.id);
      if (!clash || same(clash, x) || (was && !reused(was, x, clash))) return x;
      const id = `${prefix}${++n}`;
      used.add(id);
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
  const rejected = mergeRejected(base.rejected, o.rejected, theirs.rejected);
  // one side rejected a suggestion the other re-created under a new id: the rejection wins over a suggestion;
  // both sides proposing the same suggestion under different ids (two annotate runs) leaves one
  const blocked = new Set(rejected.map(rejectionKey));
  const open = <T extends Mention | Attribution | EventAnnotation>(kind: Rejection['kind'], items: T[]): T[] => {
    const place = (x: T) => (kind === 'attribution' ? `${(x as Attribution).cue.start}-${(x as Attribution).cue.end}` : kind === 'mention' ? `${(x as Mention).label}|${(x as Mention).start}-${(x as Mention).end}` : x.id);
    const decided = new Set(items.filter((x) => x.status !== 'suggested' && !x.orphan).map(place));
    const seen = new Set<string>();
    return items.filter((x) => {
      if (x.status !== 'suggested') return true;
      const p = place(x);
      if (blocked.has(rejectionKeyOf(kind, x)) || decided.has(p) || (!x.orphan && seen.has(p))) return false;
      if (!x.orphan) seen.add(p);
      return true;
    });
  };
  return {
    sidecar: { version: 1, document: doc.item, mentions: open('mention', m.items), attributions: open('attribution', a.items), events: open('event', e.items), rejected },
    conflicts: m.conflicts + a.conflicts + e.conflicts + (doc.conflict ? 1 : 0),
  };
}
