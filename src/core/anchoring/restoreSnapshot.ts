/**
 * Undoing a text edit: when the text is back to exactly what it was when `snapshot` was taken (before the edit
 * that orphaned or dropped annotations), every annotation of the snapshot comes back at its old place, with its
 * id, so events point to it again. What happened since that the snapshot cannot know about stays: decisions
 * on other items, new manual annotations. A suggestion the detector re-made meanwhile gives way to the restored
 * item, so nothing is shown twice. Both sidecars must describe the same text.
 */
import type { Attribution, EventAnnotation, Mention, Rejection, Sidecar } from '../model';
import { freshIdFor } from '../sidecar/idAllocator';
import { TextIndex } from '../text/textIndex';

type Item = Mention | Attribution | EventAnnotation;
type ListKey = 'mentions' | 'attributions' | 'events';
const REFERENCE_KEYS = ['actor1', 'actor2', 'place', 'attribution'] as const;

const key = (x: Item): string =>
  'cue' in x ? `a|${x.cue.start}-${x.cue.end}` : 'label' in x ? `m|${x.label}|${x.start}-${x.end}` : `e|${x.type}|${x.subtype}|${x.start}-${x.end}`;
const startOf = (x: Item): number => ('cue' in x ? x.cue.start : x.start);
const rejectionKey = (r: Rejection): string => `${r.kind}|${r.label ?? ''}|${r.start}|${r.end}|${r.text}`;

/** The item with the snapshot's place (spans, quote, context) and everything else as it is now. */
function placedAs<T extends Item>(now: T, then: T): T {
  const out = { ...now } as T & Record<string, unknown>;
  const src = then as unknown as Record<string, unknown>;
  for (const k of ['start', 'end', 'text', 'prefix', 'suffix', 'cue', 'source', 'content']) {
    if (src[k] === undefined) delete out[k];
    else out[k] = src[k];
  }
  delete out.orphan;
  return out;
}

export interface RestoreResult {
  sidecar: Sidecar;
  /** Items put back at their place (un-orphaned or re-added). */
  restored: number;
}

export function restoreSnapshot(current: Sidecar, snapshot: Sidecar, text: string | TextIndex): RestoreResult {
  const idx = typeof text === 'string' ? new TextIndex(text) : text;
  let out: Sidecar = { ...current };
  let restored = 0;
  // old id -> id in the result, for event references
  const ids = new Map<string, string>();
  for (const list of ['mentions', 'attributions', 'events'] as ListKey[]) {
    const placedThen = new Map<string, Item>();
    for (const then of snapshot[list] as Item[]) if (!then.orphan) placedThen.set(key(then), then);
    // suggestions the detector re-made meanwhile give way first, so their ids are free again
    const items = (out[list] as Item[]).filter((x) => {
      const then = placedThen.get(key(x));
      if (!then || x.orphan || x.status !== 'suggested' || x.id === then.id) return true;
      ids.set(x.id, then.id);
      return false;
    });
    for (const then of snapshot[list] as Item[]) {
      if (then.orphan) continue;
      const at = items.findIndex((x) => x.id === then.id);
      const now = at >= 0 ? items[at] : undefined;
      if (now && now.orphan) {
        items[at] = placedAs(now, then);
        restored++;
        continue;
      }
      if (now && startOf(now) === startOf(then) && key(now).split('|').pop() === key(then).split('|').pop()) continue; // still in place (maybe relabelled since)
      // gone (a dropped suggestion, a deleted orphan) or its id was given to another item meanwhile
      const same = items.findIndex((x) => !x.orphan && key(x) === key(then));
      if (same >= 0) {
        if (items[same].status === 'accepted') {
          ids.set(then.id, items[same].id);
          continue;
        }
        ids.set(items[same].id, then.id);
        items.splice(same, 1);
      }
      let back = then;
      if (items.some((x) => x.id === then.id)) {
        back = { ...then, id: freshIdFor({ ...out, [list]: items }, then) };
        ids.set(then.id, back.id);
      }
      const pos = items.findIndex((x) => startOf(x) > startOf(back));
      if (pos === -1) items.push(back);
      else items.splice(pos, 0, back);
      restored++;
    }
    out = { ...out, [list]: items };
  }
  // events get back the references the edit made them lose, and follow replaced or renamed items
  const live = new Set([...out.mentions, ...out.attributions].map((x) => x.id));
  const before = new Map(snapshot.events.map((e) => [e.id, e]));
  out.events = out.events.map((e) => {
    let ev = e;
    const then = before.get(e.id);
    for (const k of REFERENCE_KEYS) {
      const ref = ev[k] ?? then?.[k];
      if (ref === undefined) continue;
      const to = ids.get(ref) ?? ref;
      if (live.has(to) && to !== ev[k]) ev = { ...ev, [k]: to };
    }
    return ev;
  });
  // rejections still matching the text stay; the snapshot's (which match it) come back
  const rejected = current.rejected.filter((r) => r.end <= idx.length && idx.slice(r.start, r.end) === r.text);
  const have = new Set(rejected.map(rejectionKey));
  for (const r of snapshot.rejected) {
    if (!have.has(rejectionKey(r))) {
      rejected.push(r);
      have.add(rejectionKey(r));
    }
  }
  out.rejected = rejected;
  return { sidecar: out, restored };
}
