/**
 * Curation (adjudication) of two annotators' versions of one document: what they decided alike is kept, every
 * disagreement becomes an entry of the `conflicts:` list (ours = A, theirs = B) for the curator to settle with
 * settleConflict: take A, take B, keep both, or edit. Only decisions count (accepted items); suggestions are
 * left out, since a curated document is training data once it is marked reviewed.
 *
 * Items pair by id (both accepted one suggestion: the same hash id), then by place (each tagged the same span
 * by hand, under different manual ids). Agreeing means the same decision: label, entity, roles, coding;
 * context, provenance and origin are not decisions. B's event roles are mapped to the curated ids first.
 */
import type { Attribution, Conflict, EventAnnotation, Mention, Rejection, Sidecar } from '../model';
import { diskItem } from '../sidecar/canonicalSidecar';
import { IdAllocator, idSeed } from '../sidecar/idAllocator';
import { sameData } from '../sidecar/sidecarFormat';
import { rejectionFor, rejectionKey } from './mergeSuggestions';

export interface CurateResult {
  readonly sidecar: Sidecar;
  /** Decisions both made alike. */
  readonly agreed: number;
  /** Entries written to `conflicts:`. */
  readonly disagreements: number;
}

type Item = Mention | Attribution | EventAnnotation;
type List = 'mentions' | 'attributions' | 'events';

const NOT_DECISIONS = new Set(['id', 'by', 'at', 'prefix', 'suffix', 'origin', 'status']);

function decision(x: object): unknown {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) {
    if (NOT_DECISIONS.has(k) || v === undefined) continue;
    out[k] = v && typeof v === 'object' && !Array.isArray(v) ? decision(v) : Array.isArray(v) ? v.map((y) => (y && typeof y === 'object' ? decision(y) : y)) : v;
  }
  return out;
}

function placeOf(list: List, x: Item): string {
  const s = list === 'attributions' ? (x as Attribution).cue : (x as Mention | EventAnnotation);
  return `${s.start}|${s.end}`;
}

const ROLES = ['actor1', 'actor2', 'place', 'attribution'] as const;

function mapRoles(e: EventAnnotation, ids: ReadonlyMap<string, string>): EventAnnotation {
  const out = { ...e };
  for (const k of ROLES) if (out[k] !== undefined) out[k] = ids.get(out[k]!) ?? out[k];
  return out;
}

interface Paired<T> {
  pairs: Array<[T, T]>;
  onlyA: T[];
  onlyB: T[];
}

function pair<T extends Item>(list: List, a: T[], b: T[]): Paired<T> {
  const bById = new Map(b.map((x) => [x.id, x]));
  const pairs: Array<[T, T]> = [];
  const used = new Set<T>();
  const restA: T[] = [];
  for (const x of a) {
    const y = bById.get(x.id);
    if (y && placeOf(list, x) === placeOf(list, y)) {
      pairs.push([x, y]);
      used.add(y);
    } else restA.push(x);
  }
  const restB = b.filter((y) => !used.has(y));
  const count = (xs: T[]) => {
    const m = new Map<string, T[]>();
    for (const x of xs) m.set(placeOf(list, x), [...(m.get(placeOf(list, x)) ?? []), x]);
    return m;
  };
  const aByPlace = count(restA);
  const bByPlace = count(restB);
  const onlyA: T[] = [];
  for (const x of restA) {
    const ys = bByPlace.get(placeOf(list, x));
    if (ys?.length === 1 && aByPlace.get(placeOf(list, x))!.length === 1) {
      pairs.push([x, ys[0]]);
      used.add(ys[0]);
    } else onlyA.push(x);
  }
  return { pairs, onlyA, onlyB: b.filter((y) => !used.has(y)) };
}

export function curate(a: Sidecar, b: Sidecar): CurateResult {
  const accepted = <T extends Item>(xs: T[]) => xs.filter((x) => x.status === 'accepted' && !x.orphan);
  // ids of what the curated list holds from A: a suggestion of A left out frees its id (B's item there is it)
  const ids = new IdAllocator({ mentions: accepted(a.mentions), attributions: accepted(a.attributions), events: accepted(a.events) });
  const conflicts: Conflict[] = [];
  let agreed = 0;
  /** B's ids → the curated ids, for B's event roles. */
  const bIds = new Map<string, string>();

  const run = <T extends Item>(list: List, as: T[], bs: T[], prepareB: (x: T) => T): T[] => {
    const p = pair(list, accepted(as), accepted(bs).map(prepareB));
    const out: T[] = [];
    for (const [x, y] of p.pairs) {
      bIds.set(y.id, x.id);
      out.push(x);
      if (sameData(decision(x), decision(y))) agreed++;
      else conflicts.push({ id: x.id, ours: diskItem(list, x), theirs: diskItem(list, { ...y, id: x.id }) });
    }
    for (const x of p.onlyA) {
      out.push(x);
      conflicts.push({ id: x.id, ours: diskItem(list, x), theirs: null });
    }
    for (const y of p.onlyB) {
      const id = ids.has(y.id) ? ids.next(list[0] as 'm' | 'a' | 'e', idSeed(list, 0, 0, y.id)) : y.id;
      ids.reserve(id);
      bIds.set(y.id, id);
      const item = { ...y, id };
      out.push(item);
      conflicts.push({ id, ours: null, theirs: diskItem(list, item) });
    }
    return out;
  };
  const mentions = run('mentions', a.mentions, b.mentions, (x) => x);
  const attributions = run('attributions', a.attributions, b.attributions, (x) => x);
  // B's roles named B's mention ids: map them first, so an event agrees when its roles are the same items
  const events = run('events', a.events, b.events, (e) => mapRoles(e, bIds));

  // both sides' rejections, but none of an agreed item; one of an item in conflict stays until it is settled
  const open = new Set(conflicts.map((c) => c.id));
  const agreedKeys = new Set<string>();
  for (const [kind, xs] of [['mention', mentions], ['attribution', attributions], ['event', events]] as const) {
    for (const x of xs as Item[]) if (!open.has(x.id)) agreedKeys.add(rejectionKey(rejectionFor(x, kind)));
  }
  const rejected = new Map<string, Rejection>();
  for (const r of [...a.rejected, ...b.rejected]) if (!rejected.has(rejectionKey(r)) && !agreedKeys.has(rejectionKey(r))) rejected.set(rejectionKey(r), r);

  const document = { ...a.document, status: 'draft' as const };
  delete document.by;
  delete document.at;
  const sidecar: Sidecar = { version: a.version, document, mentions, attributions, events, rejected: [...rejected.values()] };
  if (conflicts.length) sidecar.conflicts = conflicts;
  return { sidecar, agreed, disagreements: conflicts.length };
}
