/**
 * Merges versions of one sidecar given as YAML text (what git hands the merge driver, or what a file with
 * conflict markers holds): parse each, bring them to one text, merge by item id recording true conflicts in
 * `conflicts:`, render. Pure; the jobs that read and write the files are in corpus/ (mergeDriver, resolveMarkers).
 *
 * Without a common ancestor (both sides added the file, or the markers carry none) the base is what both
 * versions hold alike, so an item only one side has is taken as that side's addition and an item both have in
 * different forms is a conflict.
 */
import type { Attribution, EventAnnotation, Mention, Rejection, Sidecar } from '../model';
import type { Problem } from '../problem';
import { reanchor } from '../anchoring/reanchor';
import { mergeSidecars, rejectionKey, rejectionKeyOf } from './mergeSidecars';
import { parseSidecar } from './parseSidecar';
import { renderSidecar } from './renderSidecar';
import { sameData } from './sidecarFormat';

export interface SidecarVersions {
  readonly ours: string;
  readonly theirs: string;
  /** The common ancestor; undefined or empty when there is none. */
  readonly base?: string;
  /** The text as it is now, to bring versions made against different texts together (re-anchoring). */
  readonly text?: { readonly text: string; readonly sha256: string };
}

export type MergeVersionsResult =
  | {
      readonly ok: true;
      readonly yaml: string;
      readonly sidecar: Sidecar;
      /** Conflicts this merge found (recorded in the sidecar's `conflicts:` list). */
      readonly conflicts: number;
      /** Whether a common ancestor was used (else: what both versions hold alike). */
      readonly withBase: boolean;
    }
  | {
      readonly ok: false;
      /** Which version has errors, and its problems. */
      readonly side: 'ours' | 'theirs';
      readonly problems: Problem[];
    };

function intersect<T extends { id: string }>(a: T[], b: T[]): T[] {
  const other = new Map(b.map((x) => [x.id, x]));
  return a.filter((x) => sameData(x, other.get(x.id)));
}

type Item = Mention | Attribution | EventAnnotation;

/**
 * What two versions hold alike: the base of a merge that has no ancestor. An item only one side has is that
 * side's addition, unless the other side rejected it: then both decided on a suggestion, which the base holds
 * (so the merge sees an accept against a rejection, a conflict).
 */
export function commonPart(ours: Sidecar, theirs: Sidecar): Sidecar {
  const oursRejected = new Set(ours.rejected.map(rejectionKey));
  const theirsRejected = new Set(theirs.rejected.map(rejectionKey));
  const common = <T extends Item>(kind: Rejection['kind'], o: T[], t: T[]): T[] => {
    const out = intersect(o, t);
    const oIds = new Set(o.map((x) => x.id));
    const tIds = new Set(t.map((x) => x.id));
    // one side accepted what the other still has as a suggestion: the suggestion is where both started
    const theirsById = new Map(t.map((x) => [x.id, x]));
    for (const x of o) {
      const y = theirsById.get(x.id);
      if (!y || sameData(x, y) || (x.status === 'accepted') === (y.status === 'accepted')) continue;
      out.push(x.status === 'accepted' ? y : x);
    }
    for (const [xs, otherIds, otherRejected] of [[o, tIds, theirsRejected], [t, oIds, oursRejected]] as const) {
      for (const x of xs) {
        if (otherIds.has(x.id) || !otherRejected.has(rejectionKeyOf(kind, x))) continue;
        const suggestion = { ...x, status: 'suggested' } as T & { by?: string; at?: string };
        delete suggestion.by;
        delete suggestion.at;
        out.push(suggestion);
      }
    }
    return out;
  };
  return {
    version: ours.version,
    document: sameData(ours.document, theirs.document) ? ours.document : { ...ours.document, status: ours.document.status === theirs.document.status ? ours.document.status : 'draft' },
    mentions: common('mention', ours.mentions, theirs.mentions),
    attributions: common('attribution', ours.attributions, theirs.attributions),
    events: common('event', ours.events, theirs.events),
    rejected: ours.rejected.filter((r) => theirsRejected.has(rejectionKey(r))),
    ...(ours.conflicts && theirs.conflicts ? { conflicts: intersect(ours.conflicts, theirs.conflicts) } : {}),
  };
}

/** Sides made against different texts are re-anchored to the current one when one of them was made for it. */
function aligned(sides: Sidecar[], text: SidecarVersions['text']): Sidecar[] {
  if (!text || new Set(sides.map((s) => s.document.sha256)).size === 1) return sides;
  if (!sides.some((s) => s.document.sha256 === text.sha256)) return sides;
  return sides.map((s) => {
    if (s.document.sha256 === text.sha256) return s;
    const r = reanchor(s, text.text).sidecar;
    return { ...r, document: { ...r.document, sha256: text.sha256 } };
  });
}

export function mergeVersions(v: SidecarVersions): MergeVersionsResult {
  const ours = parseSidecar(v.ours);
  if (!ours.sidecar) return { ok: false, side: 'ours', problems: ours.problems };
  const theirs = parseSidecar(v.theirs);
  if (!theirs.sidecar) return { ok: false, side: 'theirs', problems: theirs.problems };
  // an ancestor that does not parse (or is empty: both added the file) is no ancestor
  const parsedBase = v.base?.trim() ? parseSidecar(v.base).sidecar : undefined;
  const [o, t, b] = aligned([ours.sidecar, theirs.sidecar, ...(parsedBase ? [parsedBase] : [])], v.text);
  const base = b ?? commonPart(o, t);
  const merged = mergeSidecars(base, o, t, { record: true });
  // ours' comments and personal keys are kept, as a text merge would keep them
  const yaml = renderSidecar(merged.sidecar, v.ours);
  return { ok: true, yaml, sidecar: merged.sidecar, conflicts: merged.conflicts, withBase: parsedBase !== undefined };
}
