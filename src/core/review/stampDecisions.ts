/**
 * Who decided what: `by`/`at` on every decision a change made, found by comparing the sidecar before and after
 * it, so every write path of the front ends (accept, reject, tag, edit an event, re-attach, settle a conflict,
 * mark reviewed) records them in one place. A decision is an accepted item that is new or changed in anything
 * but its re-anchoring context, a new rejection, or a new document status. Suggestions are the detector's and
 * never get a `by`; a change that set provenance itself (a core call given it) is left as it is.
 */
import type { Provenance, Sidecar } from '../model';
import { sameData } from '../sidecar/sidecarFormat';
import { rejectionKey } from './mergeSuggestions';

/** `by` now, as written to sidecars (ISO 8601 to the second, UTC); undefined without an annotator. */
export function decisionBy(annotator: string | undefined, now: Date = new Date()): Provenance | undefined {
  const by = annotator?.trim();
  return by ? { by, at: now.toISOString().replace(/\.\d{3}Z$/, 'Z') } : undefined;
}

const CONTEXT = ['prefix', 'suffix', 'by', 'at'];

/** The item without what is not a decision: context and provenance (at any depth: attributions nest spans). */
function decision(x: object): unknown {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) {
    if (CONTEXT.includes(k) || v === undefined) continue;
    out[k] = v && typeof v === 'object' && !Array.isArray(v) ? decision(v) : v;
  }
  return out;
}

function stamp<T extends object>(x: T, p: Provenance): T {
  return { ...x, ...(p.by !== undefined ? { by: p.by } : {}), ...(p.at !== undefined ? { at: p.at } : {}) };
}

function stampList<T extends { id: string; status: string } & Provenance>(before: readonly T[], after: T[], p: Provenance): T[] {
  const old = new Map(before.map((x) => [x.id, x]));
  let changed = false;
  const out = after.map((x) => {
    if (x.status !== 'accepted') return x;
    const b = old.get(x.id);
    if (b ? b.by !== x.by || b.at !== x.at : x.by !== undefined) return x; // the change recorded who itself
    if (b && b.status === 'accepted' && sameData(decision(b), decision(x))) return x;
    changed = true;
    return stamp(x, p);
  });
  return changed ? out : after;
}

/** `after` with `by`/`at` from `provenance` on the decisions `before` → `after` made; `after` itself without one. */
export function stampDecisions(before: Sidecar, after: Sidecar, provenance: Provenance | undefined): Sidecar {
  if (!provenance || before === after) return after;
  const rejectedBefore = new Set(before.rejected.map(rejectionKey));
  const rejected = after.rejected.map((r) => (rejectedBefore.has(rejectionKey(r)) || r.by !== undefined ? r : stamp(r, provenance)));
  const statusChanged = before.document.status !== after.document.status && before.document.by === after.document.by;
  return {
    ...after,
    document: statusChanged ? stamp(after.document, provenance) : after.document,
    mentions: stampList(before.mentions, after.mentions, provenance),
    attributions: stampList(before.attributions, after.attributions, provenance),
    events: stampList(before.events, after.events, provenance),
    rejected,
  };
}
