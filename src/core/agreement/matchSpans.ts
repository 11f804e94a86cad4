/**
 * One-to-one matching of two annotators' spans (code point offsets, end exclusive). `exact` pairs spans with
 * identical bounds; `overlap` pairs spans sharing at least one code point. Each span is in at most one pair.
 * Overlap matching is greedy, best candidate first: larger shared length, then smaller boundary distance
 * (|Δstart| + |Δend|), then earlier A, then earlier B, so identical spans always pair with each other and the
 * result does not depend on input order beyond those ties. Returns [index in a, index in b] pairs sorted by a.
 */
export interface Interval {
  readonly start: number;
  readonly end: number;
}

export type MatchMode = 'exact' | 'overlap';

export function matchSpans(a: readonly Interval[], b: readonly Interval[], mode: MatchMode): [number, number][] {
  const candidates: { ai: number; bi: number; shared: number; distance: number }[] = [];
  for (let ai = 0; ai < a.length; ai++) {
    const x = a[ai];
    for (let bi = 0; bi < b.length; bi++) {
      const y = b[bi];
      if (mode === 'exact' ? x.start === y.start && x.end === y.end : x.start < y.end && y.start < x.end) {
        candidates.push({ ai, bi, shared: Math.min(x.end, y.end) - Math.max(x.start, y.start), distance: Math.abs(x.start - y.start) + Math.abs(x.end - y.end) });
      }
    }
  }
  candidates.sort((p, q) => q.shared - p.shared || p.distance - q.distance || a[p.ai].start - a[q.ai].start || p.ai - q.ai || b[p.bi].start - b[q.bi].start || p.bi - q.bi);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const pairs: [number, number][] = [];
  for (const c of candidates) {
    if (usedA.has(c.ai) || usedB.has(c.bi)) continue;
    usedA.add(c.ai);
    usedB.add(c.bi);
    pairs.push([c.ai, c.bi]);
  }
  return pairs.sort((p, q) => p[0] - q[0]);
}
