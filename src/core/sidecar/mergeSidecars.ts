/**
 * Three-way merge of sidecars by item id. Pure data: each side's changes apply, field by field within an item
 * (one side accepts while the other re-anchors or links an entity: both stay). Who decided (`by`/`at`) never
 * makes a conflict by itself: two annotators accepting the same item agree.
 *
 * Two uses. The store's concurrent save (base = as loaded, ours = being saved, theirs = on disk now): where
 * both changed one field differently theirs is kept and counted. A decision is never dropped for a change that
 * is none: a suggestion we accepted that they deleted without rejecting it (annotate no longer proposing it)
 * stays accepted; a rejection beats their change.
 *
 * The merge driver and recovery (`record`): each true conflict, the same item decided differently, becomes an
 * entry of the `conflicts:` list with both sides and the base, for a person to settle; the item list holds
 * ours (theirs when ours removed it) meanwhile. Items both sides added under different ids at the same place
 * (two annotators tagging one name by hand) are paired first: the same decision is one item, a different one a
 * conflict.
 */
import { SIDECAR_VERSION, type Attribution, type Conflict, type EventAnnotation, type Mention, type Rejection, type Sidecar, type Span } from '../model';
import { IdAllocator, type IdKind } from './idAllocator';
import { sameData as same } from './sidecarFormat';
import { diskDocument, diskItem } from './canonicalSidecar';

export interface MergeOptions {
  /** Record true conflicts in `conflicts:` and keep ours meanwhile (the merge driver); else keep theirs and count. */
  readonly record?: boolean;
}

type ItemList = 'mentions' | 'attributions' | 'events';
type Side = 'ours' | 'theirs';

interface Merged<T> {
  items: T[];
  conflicts: number;
  /** The conflicts as entries of the `conflicts:` list (record mode). */
  recorded: Conflict[];
}

/**
 * Fields that change together: a span's offsets, quote and context, and whether it is an orphan, are one value
 * (an attribution's three spans are one), else a span from one side could pair with the other's orphan flag.
 */
const SPAN_FIELDS = ['start', 'end', 'text', 'prefix', 'suffix', 'orphan'];
const ATTRIBUTION_SPAN_FIELDS = ['cue', 'source', 'content', 'orphan'];
/** Who decided and when: taken with the decision, never a conflict of its own. */
const PROVENANCE_FIELDS = ['by', 'at'];

/** Where a span group puts the item, without the context (derived from the text, and not kept on suggestions). */
function place(g: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { orphan: g.orphan === true };
  for (const k of ['start', 'end', 'text']) if (k in g) out[k] = g[k];
  for (const k of ['cue', 'source', 'content']) {
    const span = g[k] as Span | undefined;
    if (span) out[k] = pick(span, ['start', 'end', 'text']);
  }
  return out;
}

function hasContext(g: Record<string, unknown>): boolean {
  if (g.prefix !== undefined) return true;
  return ['cue', 'source', 'content'].some((k) => (g[k] as Span | undefined)?.prefix !== undefined);
}

/** An item without what is not a decision: who and when, re-anchoring context (at any depth). */
function decision(x: object): unknown {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) {
    if (v === undefined || PROVENANCE_FIELDS.includes(k) || k === 'prefix' || k === 'suffix') continue;
    out[k] = v && typeof v === 'object' && !Array.isArray(v) ? decision(v) : v;
  }
  return out;
}

function pick(x: object, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = (x as Record<string, unknown>)[k];
  return out;
}

/**
 * Field-level three-way merge of one item both sides changed; `conflict` when some field went both ways, and
 * that field is then taken from `prefer`.
 */
function mergeItem<T extends object>(b: T, o: T, t: T, prefer: Side = 'theirs'): { item: T; conflict: boolean } {
  const keys = new Set([...Object.keys(b), ...Object.keys(o), ...Object.keys(t)]);
  const together = keys.has('cue') ? ATTRIBUTION_SPAN_FIELDS : keys.has('start') ? SPAN_FIELDS : [];
  const groups: string[][] = together.length ? [together] : [];
  if (PROVENANCE_FIELDS.some((k) => keys.has(k))) groups.push(PROVENANCE_FIELDS);
  for (const k of keys) if (!together.includes(k) && !PROVENANCE_FIELDS.includes(k)) groups.push([k]);
  const out: Record<string, unknown> = {};
  let conflict = false;
  for (const g of groups) {
    const [bg, og, tg] = [pick(b, g), pick(o, g), pick(t, g)];
    // context is derived from the text at the offsets (and not kept on suggestions): only where the span is
    // decides whether a side changed it, so one side re-anchoring while the other accepts is no conflict
    const where = g === together ? place : (x: Record<string, unknown>) => x;
    let chosen = prefer === 'theirs' ? tg : og;
    if (same(where(bg), where(tg))) chosen = og;
    else if (same(where(bg), where(og))) chosen = tg;
    else if (!same(where(og), where(tg)) && g !== PROVENANCE_FIELDS) conflict = true;
    // both sides have the span at the same place: keep the one that carries re-anchoring context
    const other = chosen === og ? tg : og;
    if (g === together && !hasContext(chosen) && hasContext(other) && same(where(chosen), where(other))) chosen = other;
    for (const k of g) if (chosen[k] !== undefined) out[k] = chosen[k];
  }
  return { item: out as T, conflict };
}

/**
 * Three-way merge of one list by id: each side's changes apply, field by field when both changed one item.
 * `rejected(side, item)` says whether that side rejected the item (it then stays deleted); an item `keep` names
 * (a role of an accepted event) is not lost to a side that dropped it without rejecting it.
 */
function mergeById<T extends Mention | Attribution | EventAnnotation>(
  list: ItemList,
  base: T[],
  ours: T[],
  theirs: T[],
  rejected: (side: Side, item: T) => boolean,
  record: boolean,
  keep: (id: string) => boolean = () => false,
): Merged<T> {
  const b = new Map(base.map((x) => [x.id, x]));
  const o = new Map(ours.map((x) => [x.id, x]));
  const t = new Map(theirs.map((x) => [x.id, x]));
  const ids = [...new Set([...theirs.map((x) => x.id), ...ours.map((x) => x.id), ...base.map((x) => x.id)])];
  const items: T[] = [];
  const recorded: Conflict[] = [];
  let conflicts = 0;
  const side = (x: T | undefined) => (x ? diskItem(list, x) : null);
  const conflict = (id: string, bi: T | undefined, oi: T | undefined, ti: T | undefined) => {
    conflicts++;
    if (!record) return;
    const c: Conflict = { id, ours: side(oi), theirs: side(ti) };
    if (bi) c.base = side(bi);
    recorded.push(c);
  };
  for (const id of ids) {
    const oi = o.get(id);
    const ti = t.get(id);
    // both sides added the same item (annotate and an editor each detecting an article that had no sidecar):
    // a plain suggestion on one side is what the other side decided about, its base, so the decision stands
    const bi = b.get(id) ?? addedTwice(oi, ti);
    const oursChanged = !same(bi, oi);
    const theirsChanged = !same(bi, ti);
    let pick: T | undefined;
    if (!oursChanged) pick = ti;
    else if (!theirsChanged) pick = oi;
    else if (same(oi, ti)) pick = ti;
    else if (oi && ti) {
      // both changed it (or both added it under one id): field by field, against nothing when it is new; two
      // decisions that differ are one conflict as a whole (an ACTOR linked to an entity by one and made a
      // PLACE by the other is neither), and ours stands meanwhile
      const m = mergeItem(bi ?? ({} as T), oi, ti, record ? 'ours' : 'theirs');
      const decided = record && oi.status === 'accepted' && ti.status === 'accepted' && !same(decision(oi), decision(ti));
      pick = decided ? oi : m.item;
      if (m.conflict || decided) conflict(id, bi, oi, ti);
    } else if (record && bi) {
      // one side removed it, the other changed it: a suggestion the other merely moved follows the removal; an
      // accept of a suggestion the remover dropped without rejecting it (annotate no longer proposing it)
      // stands; anything else is the same item decided two ways
      const [removedBy, kept]: readonly [Side, T] = oi ? ['theirs', oi] : ['ours', ti!];
      if (kept.status !== 'accepted') pick = undefined;
      else if (bi.status !== 'accepted' && !rejected(removedBy, bi)) pick = kept;
      else {
        pick = kept;
        conflict(id, bi, oi, ti);
      }
    } else if (bi && !oi && ti) {
      // we deleted it, they changed it: our rejection stands, else theirs is kept; their accept of a suggestion
      // we merely dropped (annotate re-detecting it under a new id) is a decision, not a conflict; if theirs is
      // another item under the same id by now, our deletion was not about it
      const sameItem = identity(ti) === identity(bi);
      pick = rejected('ours', bi) && sameItem ? undefined : ti;
      if (pick && sameItem && !(ti.status === 'accepted' && bi.status !== 'accepted')) conflicts++;
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
    if (!pick && keep(id)) {
      const item: T | undefined = bi ?? oi ?? ti;
      if (item && !rejected('ours', item) && !rejected('theirs', item)) pick = oi ?? ti;
    }
    if (pick) items.push(pick);
  }
  return { items, conflicts, recorded };
}

/** The plain suggestion of an item both sides added, when the other side decided about that same item. */
function addedTwice<T extends Mention | Attribution | EventAnnotation>(o: T | undefined, t: T | undefined): T | undefined {
  if (!o || !t || identity(o) !== identity(t)) return undefined;
  const plain = (x: T) => x.status === 'suggested' && x.by === undefined && x.at === undefined;
  if (plain(t) && !plain(o)) return t;
  if (plain(o) && !plain(t)) return o;
  return undefined;
}

export function rejectionKey(r: Rejection): string {
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

/**
 * What an item is, as opposed to what was decided about it: the same id and identity on both sides is one item.
 * Every side is brought to the same text before a merge, so where an item is in it says which one it is; a
 * mention's label counts too (annotate proposing an ACTOR where it proposed a PLACE is another suggestion).
 */
function identity(x: Mention | Attribution | EventAnnotation): string {
  if ('cue' in x) return spanIdentity(x.cue);
  if ('label' in x) return `${x.label}|${spanIdentity(x)}`;
  return `${x.type}/${x.subtype}|${spanIdentity(x)}`;
}

/**
 * Both sides changed the item under this id into different items: an id was given to a new item after the
 * old one was dropped (version 1 ids: "the next id"; format 2: the same label and quote found at the old place).
 * Merged field by field, one side's decision would land on the other side's item; they are kept apart. (The
 * same item re-anchored differently by the two sides is kept twice rather than risk that.)
 */
function reused(b: Mention | Attribution | EventAnnotation, o: Mention | Attribution | EventAnnotation, t: Mention | Attribution | EventAnnotation): boolean {
  if (same(o, b) || same(t, b) || same(o, t)) return false;
  return identity(o) !== identity(t);
}

/**
 * Gives our items ids that theirs does not use, when both sides added different items under the same id
 * (version 1 ids: both took "the next id"; rarely, a short hash shared by two items) or one side reused an id
 * the other still means the old item by, and rewrites our references accordingly. The same item added on both
 * sides (one suggestion, one hash) keeps its id.
 */
function renumberClashes(base: Sidecar, ours: Sidecar, theirs: Sidecar): Sidecar {
  const renames = new Map<string, string>();
  const ids = new IdAllocator(theirs);
  for (const list of [ours.mentions, ours.attributions, ours.events]) for (const x of list) ids.reserve(x.id);
  const fix = <T extends Mention | Attribution | EventAnnotation>(kind: IdKind, b: T[], o: T[], t: T[]): T[] => {
    const baseById = new Map(b.map((x) => [x.id, x]));
    const theirsById = new Map(t.map((x) => [x.id, x]));
    return o.map((x) => {
      const clash = theirsById.get(x.id);
      const was = baseById.get(x.id);
      if (!clash || same(clash, x) || (was ? !reused(was, x, clash) : identity(clash) === identity(x))) return x;
      const id = ids.next(kind, `${x.id}\u0000${identity(x)}`);
      renames.set(x.id, id);
      return { ...x, id };
    });
  };
  const mentions = fix('m', base.mentions, ours.mentions, theirs.mentions);
  const attributions = fix('a', base.attributions, ours.attributions, theirs.attributions);
  const events = fix('e', base.events, ours.events, theirs.events).map((e) => renameReferences(e, renames));
  return renames.size ? { ...ours, mentions, attributions, events } : ours;
}

/** The rejection a rejected item leaves behind, as rejectItem records it (its key only). */
export function rejectionKeyOf(kind: Rejection['kind'], item: Mention | Attribution | EventAnnotation): string {
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

const ROLES = ['actor1', 'actor2', 'place', 'attribution', 'date', 'fatalities'] as const;

/**
 * An event one side accepted while the other still had it as a suggestion keeps the roles (and date and toll)
 * it was accepted with: the other side's change was detection upkeep (annotate re-deriving a suggestion's roles,
 * or clearing one whose mention went stale), not a decision, and would otherwise take a role from an accepted
 * event.
 */
function withAcceptedRoles(merged: Merged<EventAnnotation>, base: Sidecar, ours: Sidecar, theirs: Sidecar): Merged<EventAnnotation> {
  const byId = (s: Sidecar) => new Map(s.events.map((x) => [x.id, x]));
  const [b, o, t] = [byId(base), byId(ours), byId(theirs)];
  const items = merged.items.map((x) => {
    if (x.status !== 'accepted' || b.get(x.id)?.status === 'accepted') return x;
    const sides = [o.get(x.id), t.get(x.id)];
    const accepting = sides.filter((y) => y?.status === 'accepted');
    if (accepting.length !== 1 || !sides.some((y) => y?.status === 'suggested')) return x;
    const from = accepting[0]!;
    const out: EventAnnotation = { ...x };
    for (const key of ROLES) {
      if (from[key] === undefined) delete out[key];
      else (out as unknown as Record<string, unknown>)[key] = from[key];
    }
    return out;
  });
  return { ...merged, items };
}

/**
 * The `conflicts:` lists, three-way by id: one settled (removed) on one side stays settled, one recorded on one
 * side is kept; `fresh` (conflicts of this merge) replace older entries of the same id.
 */
function mergeConflicts(base: Conflict[] | undefined, ours: Conflict[] | undefined, theirs: Conflict[] | undefined, fresh: Conflict[]): Conflict[] {
  const b = new Map((base ?? []).map((c) => [c.id, c]));
  const o = new Map((ours ?? []).map((c) => [c.id, c]));
  const t = new Map((theirs ?? []).map((c) => [c.id, c]));
  const out = new Map<string, Conflict>();
  for (const id of new Set([...t.keys(), ...o.keys()])) {
    const [bc, oc, tc] = [b.get(id), o.get(id), t.get(id)];
    const c = same(bc, oc) ? tc : same(bc, tc) ? oc : (tc ?? oc);
    if (c) out.set(id, c);
  }
  for (const c of fresh) out.set(c.id, c);
  return [...out.values()];
}

/** Where an item is, the key by which items two annotators added separately are paired. */
function placeOf(list: ItemList, x: Mention | Attribution | EventAnnotation): string {
  const s = list === 'attributions' ? (x as Attribution).cue : (x as Mention | EventAnnotation);
  return `${s.start}|${s.end}`;
}

/**
 * Gives their new items the id of our new item at the same place when each side added exactly one there (two
 * annotators tagging one name by hand get two manual ids), and rewrites their references accordingly; the
 * field merge then sees one item, agreed or in conflict.
 */
function pairAdded(base: Sidecar, ours: Sidecar, theirs: Sidecar): Sidecar {
  const renames = new Map<string, string>();
  const pair = <T extends Mention | Attribution | EventAnnotation>(list: ItemList, b: T[], o: T[], t: T[]): T[] => {
    const inBase = new Set(b.map((x) => x.id));
    const oIds = new Set(o.map((x) => x.id));
    const tIds = new Set(t.map((x) => x.id));
    const byPlace = (xs: T[], other: Set<string>) => {
      const m = new Map<string, T[]>();
      for (const x of xs) if (!inBase.has(x.id) && !other.has(x.id)) m.set(placeOf(list, x), [...(m.get(placeOf(list, x)) ?? []), x]);
      return m;
    };
    const oNew = byPlace(o, tIds);
    for (const [place, ts] of byPlace(t, oIds)) {
      const os = oNew.get(place);
      if (ts.length === 1 && os?.length === 1) renames.set(ts[0].id, os[0].id);
    }
    return t.map((x) => (renames.has(x.id) ? { ...x, id: renames.get(x.id)! } : x));
  };
  const mentions = pair('mentions', base.mentions, ours.mentions, theirs.mentions);
  const attributions = pair('attributions', base.attributions, ours.attributions, theirs.attributions);
  const events = pair('events', base.events, ours.events, theirs.events).map((e) => renameReferences(e, renames));
  return renames.size ? { ...theirs, mentions, attributions, events } : theirs;
}

function renameReferences(e: EventAnnotation, renames: ReadonlyMap<string, string>): EventAnnotation {
  let out = e;
  for (const key of ['actor1', 'actor2', 'place', 'attribution'] as const) {
    const ref = out[key];
    if (ref !== undefined && renames.has(ref)) out = { ...out, [key]: renames.get(ref) };
  }
  return out;
}

/**
 * Event roles whose mention or attribution the merge left out: pointed at the duplicate kept in its place
 * (`replaced`), else dropped (one side rejected it), so no id dangles. A reference no side's items ever had
 * is a person's to fix (validate reports it) and stays.
 */
function withoutDangling(events: EventAnnotation[], mentions: Mention[], attributions: Attribution[], replaced: ReadonlyMap<string, string>, sides: readonly Sidecar[]): EventAnnotation[] {
  const m = new Set(mentions.map((x) => x.id));
  const a = new Set(attributions.map((x) => x.id));
  const known = new Set(sides.flatMap((x) => [...x.mentions, ...x.attributions]).map((x) => x.id));
  return events.map((e) => {
    let out = e;
    for (const key of ['actor1', 'actor2', 'place', 'attribution'] as const) {
      const ref = out[key];
      const present = key === 'attribution' ? a : m;
      if (ref === undefined || present.has(ref) || !known.has(ref)) continue;
      out = { ...out };
      const to = replaced.get(ref);
      if (to !== undefined && present.has(to)) out[key] = to;
      else delete out[key];
    }
    return out;
  });
}

export function mergeSidecars(base: Sidecar, ours: Sidecar, theirs: Sidecar, options: MergeOptions = {}): { sidecar: Sidecar; conflicts: number } {
  const record = options.record === true;
  const o = renumberClashes(base, ours, theirs);
  const t = record ? pairAdded(base, o, theirs) : theirs;
  const inBase = new Set(base.rejected.map(rejectionKey));
  const added = { ours: new Set(o.rejected.map(rejectionKey).filter((k) => !inBase.has(k))), theirs: new Set(t.rejected.map(rejectionKey).filter((k) => !inBase.has(k))) };
  const rejectedAs =
    (kind: Rejection['kind']) =>
    (side: Side, item: Mention | Attribution | EventAnnotation): boolean =>
      added[side].has(rejectionKeyOf(kind, item));
  // events first: the mentions and attributions an accepted event points to must be kept
  const e = withAcceptedRoles(mergeById<EventAnnotation>('events', base.events, o.events, t.events, rejectedAs('event'), record), base, o, t);
  const roles = new Set<string>();
  for (const x of e.items) if (x.status === 'accepted') for (const ref of [x.actor1, x.actor2, x.place, x.attribution]) if (ref !== undefined) roles.add(ref);
  const m = mergeById<Mention>('mentions', base.mentions, o.mentions, t.mentions, rejectedAs('mention'), record, (id) => roles.has(id));
  const a = mergeById<Attribution>('attributions', base.attributions, o.attributions, t.attributions, rejectedAs('attribution'), record, (id) => roles.has(id));
  const doc = mergeItem(base.document, o.document, t.document, record ? 'ours' : 'theirs');
  const fresh = [...m.recorded, ...a.recorded, ...e.recorded];
  if (record && doc.conflict) fresh.push({ id: 'document', ours: diskDocument(o.document), theirs: diskDocument(t.document), base: diskDocument(base.document) });
  const rejected = mergeRejected(base.rejected, o.rejected, t.rejected);
  // one side rejected a suggestion the other re-created under a new id: the rejection wins over a suggestion;
  // both sides proposing the same suggestion under different ids (two annotate runs) leaves one, and references
  // to the one left out go to the one kept
  const blocked = new Set(rejected.map(rejectionKey));
  const replaced = new Map<string, string>();
  const open = <T extends Mention | Attribution | EventAnnotation>(kind: Rejection['kind'], items: T[]): T[] => {
    const decided = new Map<string, string>();
    for (const x of items) if (x.status !== 'suggested' && !x.orphan && !decided.has(identity(x))) decided.set(identity(x), x.id);
    const seen = new Map<string, string>();
    return items.filter((x) => {
      if (x.status !== 'suggested') return true;
      const p = identity(x);
      const twin = decided.get(p) ?? (x.orphan ? undefined : seen.get(p));
      if (twin !== undefined) {
        replaced.set(x.id, twin);
        return false;
      }
      // (a suggestion an accepted event uses stays: an accepted event never loses a role to a cleanup)
      if (blocked.has(rejectionKeyOf(kind, x)) && !roles.has(x.id)) return false;
      if (!x.orphan) seen.set(p, x.id);
      return true;
    });
  };
  const mentions = open('mention', m.items);
  const attributions = open('attribution', a.items);
  const sidecar: Sidecar = {
    version: SIDECAR_VERSION,
    document: doc.item,
    mentions,
    attributions,
    events: withoutDangling(open('event', e.items), mentions, attributions, replaced, [base, o, t]),
    rejected,
  };
  const conflicts = mergeConflicts(base.conflicts, o.conflicts, t.conflicts, fresh);
  if (conflicts.length) sidecar.conflicts = conflicts;
  return { sidecar, conflicts: m.conflicts + a.conflicts + e.conflicts + (doc.conflict ? 1 : 0) };
}
