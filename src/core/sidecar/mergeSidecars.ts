/**
 * Three-way merge of sidecars by item id (base = as loaded, ours = being saved, theirs = on disk now). Pure data:
 * each side's changes apply; where both changed one item differently theirs is kept and counted as a conflict.
 */
import { SIDECAR_VERSION, type Attribution, type Conflict, type EventAnnotation, type Mention, type Rejection, type Sidecar, type Span } from '../model';
import { IdAllocator, type IdKind } from './idAllocator';
import { sameData as same } from './sidecarFormat';

interface Merged<T> {
  items: T[];
  conflicts: number;
}

/** Three-way merge of one list by id: each side's changes apply unless both changed the same item differently. */
function mergeById<T extends { id: string }>(base: T[], ours: T[], theirs: T[]): Merged<T> {
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
    else {
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

/** Recorded conflicts of both sides (theirs win for the same id); settling one is a later merge's job. */
function mergeConflicts(ours: Conflict[] | undefined, theirs: Conflict[] | undefined): Conflict[] {
  const out = new Map<string, Conflict>();
  for (const c of [...(ours ?? []), ...(theirs ?? [])]) out.set(c.id, c);
  return [...out.values()];
}

export function mergeSidecars(base: Sidecar, ours: Sidecar, theirs: Sidecar): { sidecar: Sidecar; conflicts: number } {
  const o = renumberClashes(base, ours, theirs);
  const m = mergeById<Mention>(base.mentions, o.mentions, theirs.mentions);
  const a = mergeById<Attribution>(base.attributions, o.attributions, theirs.attributions);
  const e = mergeById<EventAnnotation>(base.events, o.events, theirs.events);
  const docChanged = !same(base.document, o.document);
  const theirDocChanged = !same(base.document, theirs.document);
  const document = docChanged && !theirDocChanged ? o.document : theirs.document;
  const docConflict = docChanged && theirDocChanged && !same(o.document, theirs.document) ? 1 : 0;
  const sidecar: Sidecar = { version: SIDECAR_VERSION, document, mentions: m.items, attributions: a.items, events: e.items, rejected: mergeRejected(base.rejected, o.rejected, theirs.rejected) };
  const conflicts = mergeConflicts(o.conflicts, theirs.conflicts);
  if (conflicts.length) sidecar.conflicts = conflicts;
  return { sidecar, conflicts: m.conflicts + a.conflicts + e.conflicts + docConflict };
}
