/**
 * Settling an entry of a sidecar's `conflicts:` list (left by the merge driver or by curation): take ours, take
 * theirs, or keep both. Pure: a new sidecar, the entry gone. While a conflict is open the item list holds ours
 * (theirs when ours removed the item) under the conflict's id; settling puts the chosen version there, removes
 * the item when the chosen side removed it (clearing event roles that named it), and lifts a rejection of an
 * item that is kept. Who settled is recorded by stampDecisions, like any other decision.
 */
import type { Attribution, Conflict, ConflictSide, DocumentInfo, EventAnnotation, Mention, Rejection, Sidecar } from '../model';
import { readItem } from '../sidecar/parseSidecar';
import { attributionSeed, eventSeed, IdAllocator, mentionSeed } from '../sidecar/idAllocator';
import { clearReferences, rejectionFor, rejectionKey } from './mergeSuggestions';

export type Settlement = 'ours' | 'theirs' | 'both';
export const SETTLEMENTS: readonly Settlement[] = ['ours', 'theirs', 'both'];

export type ConflictList = 'mentions' | 'attributions' | 'events' | 'document';

/** What an id names, by its kind letter (`m-3f9a1c`, `m12`), or `document`. */
export function conflictListOf(id: string): ConflictList | undefined {
  if (id === 'document') return 'document';
  const kind = /^([mae])(?:-|\d)/.exec(id)?.[1];
  return kind === 'm' ? 'mentions' : kind === 'a' ? 'attributions' : kind === 'e' ? 'events' : undefined;
}

/** A conflict that cannot be settled as asked (its side is not a valid item, or its id names no kind). */
export class SettleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettleError';
  }
}

type Item = Mention | Attribution | EventAnnotation;

function itemOf(list: Exclude<ConflictList, 'document'>, side: Record<string, unknown>, id: string, which: string): Item {
  const read = list === 'mentions' ? readItem('mentions', side) : list === 'attributions' ? readItem('attributions', side) : readItem('events', side);
  if (!read.item) throw new SettleError(`conflict ${id}: ${which} is not a valid item (${read.problems.map((p) => p.message).join('; ')})`);
  return { ...read.item, id } as Item;
}

const REJECTION_KIND = { mentions: 'mention', attributions: 'attribution', events: 'event' } as const;

function seedOf(list: Exclude<ConflictList, 'document'>, item: Item): string {
  if (list === 'mentions') return `${mentionSeed(item as Mention, item)}\u0000both`;
  if (list === 'attributions') return `${attributionSeed(item as Attribution, item)}\u0000both`;
  return `${eventSeed(item as EventAnnotation)}\u0000both`;
}

function settleDocument(sidecar: Sidecar, c: Conflict, take: Settlement): DocumentInfo {
  const side = take === 'theirs' ? c.theirs : c.ours;
  if (!side) return sidecar.document;
  const read = readItem('document', side);
  if (!read.item) throw new SettleError(`conflict document: the ${take === 'theirs' ? 'theirs' : 'ours'} version is not valid (${read.problems.map((p) => p.message).join('; ')})`);
  return read.item;
}

/** Settles the conflict on `id`; a sidecar without that conflict is returned as it is. */
export function settleConflict(sidecar: Sidecar, id: string, take: Settlement): Sidecar {
  const c = sidecar.conflicts?.find((x) => x.id === id);
  if (!c) return sidecar;
  const rest = sidecar.conflicts!.filter((x) => x !== c);
  const out: Sidecar = { ...sidecar };
  if (rest.length) out.conflicts = rest;
  else delete out.conflicts;
  const list = conflictListOf(id);
  if (!list) throw new SettleError(`conflict ${id}: the id names no mention (m…), attribution (a…), event (e…) or the document`);
  if (list === 'document') return { ...out, document: settleDocument(sidecar, c, take) };

  const sides: Array<[string, ConflictSide]> = take === 'ours' ? [['ours', c.ours]] : take === 'theirs' ? [['theirs', c.theirs]] : [['ours', c.ours], ['theirs', c.theirs]];
  const chosen = sides.filter((s): s is [string, Record<string, unknown>] => s[1] !== null).map(([which, side]) => itemOf(list, side, id, which));
  const ids = new IdAllocator(sidecar);
  // the second of "both" is a separate item: a fresh id, unless both sides hold the very same thing
  const kept = chosen.filter((x, i) => i === 0 || JSON.stringify({ ...x, by: undefined, at: undefined }) !== JSON.stringify({ ...chosen[0], by: undefined, at: undefined }));
  const items = kept.map((x, i) => (i === 0 ? x : { ...x, id: ids.next(list[0] as 'm' | 'a' | 'e', seedOf(list, x)) }));
  const kind: Rejection['kind'] = REJECTION_KIND[list];
  const lifted = new Set(items.map((x) => rejectionKey(rejectionFor(x, kind))));
  out.rejected = sidecar.rejected.filter((r) => !lifted.has(rejectionKey(r)));
  const replace = <T extends Item>(xs: T[]): T[] => {
    const at = xs.findIndex((x) => x.id === id);
    const without = xs.filter((x) => x.id !== id);
    without.splice(at < 0 ? without.length : at, 0, ...(items as T[]));
    return without;
  };
  if (list === 'mentions') out.mentions = replace(sidecar.mentions);
  else if (list === 'attributions') out.attributions = replace(sidecar.attributions);
  else out.events = replace(sidecar.events);
  // the chosen side removed it: event roles that named it go with it
  if (items.length === 0 && list !== 'events') out.events = clearReferences(out.events, new Set([id]));
  return out;
}

/** Settles every open conflict the same way (the CLI's `settle --take` without `--id`). */
export function settleAll(sidecar: Sidecar, take: Settlement): Sidecar {
  let out = sidecar;
  for (const c of sidecar.conflicts ?? []) out = settleConflict(out, c.id, take);
  return out;
}
