/**
 * Overlap resolution: from candidates that may overlap, the longest win, then the higher priority, then the
 * earlier start, ties in input order; a candidate overlapping a chosen one is dropped. The result is sorted
 * by start. Cost: one numeric sort of the candidates and one pass over the offsets they cover.
 */
import type { MentionCandidate } from './types';

/** Offsets taken by chosen candidates; kept between calls and cleared after use, so no fresh megabyte per call. */
let takenScratch = new Uint8Array(0);

/**
 * Per-candidate buffers, kept between calls too: detection resolves overlaps three times per document, and
 * each fresh typed array of a few hundred entries would get its own off-heap store (dear to make and collect).
 */
let keyScratch = new Float64Array(0);
let orderScratch = new Uint32Array(0);
let startScratch = new Int32Array(0);
let endScratch = new Int32Array(0);
let chosenScratch = new Uint32Array(0);

function ensureScratch(n: number): void {
  if (keyScratch.length >= n) return;
  const size = Math.max(n, keyScratch.length * 2, 256);
  keyScratch = new Float64Array(size);
  orderScratch = new Uint32Array(size);
  startScratch = new Int32Array(size);
  endScratch = new Int32Array(size);
  chosenScratch = new Uint32Array(size);
}

/**
 * Candidate indexes in the order of `(x, y) => y.end - y.start - (x.end - x.start) || y.priority - x.priority ||
 * x.start - y.start`, ties in input order (a stable sort): packed into one number per candidate and sorted as a
 * Float64Array, far cheaper than a comparator. The first n entries of a buffer shared between calls; undefined
 * when the fields do not fit in 53 bits.
 */
function overlapOrder(candidates: readonly MentionCandidate[], textLength: number): Uint32Array | undefined {
  const n = candidates.length;
  let maxLen = 0;
  for (const c of candidates) {
    const len = c.end - c.start;
    if (len > maxLen) maxLen = len;
    if (len < 0 || c.priority < 0 || c.priority > 15 || !Number.isInteger(c.priority) || c.start < 0) return undefined;
  }
  const bits = (x: number): number => Math.max(1, Math.ceil(Math.log2(x + 1)));
  const lenBits = bits(maxLen);
  const startBits = bits(textLength);
  const indexBits = bits(n);
  if (lenBits + 4 + startBits + indexBits > 53) return undefined;
  ensureScratch(n);
  const keys = keyScratch.subarray(0, n);
  const startScale = 2 ** indexBits;
  const priorityScale = startScale * 2 ** startBits;
  const lenScale = priorityScale * 16;
  for (let i = 0; i < n; i++) {
    const c = candidates[i];
    keys[i] = (maxLen - (c.end - c.start)) * lenScale + (15 - c.priority) * priorityScale + c.start * startScale + i;
  }
  keys.sort();
  const order = orderScratch;
  for (let i = 0; i < n; i++) order[i] = keys[i] % startScale;
  return order;
}

/** Longest candidate first, then highest priority; a candidate overlapping a chosen one is dropped. */
export function resolveOverlaps(candidates: MentionCandidate[], textLength: number): MentionCandidate[] {
  const order = overlapOrder(candidates, textLength);
  if (takenScratch.length < textLength + 1) takenScratch = new Uint8Array(textLength + 1);
  const taken = takenScratch;
  if (!order) {
    const sorted = [...candidates].sort((x, y) => y.end - y.start - (x.end - x.start) || y.priority - x.priority || x.start - y.start);
    const chosen: MentionCandidate[] = [];
    for (const c of sorted) {
      // longest first, so a chosen span overlapping c is at least as long and covers one of c's end points
      if (c.end > c.start && (taken[c.start] || taken[c.end - 1])) continue;
      taken.fill(1, c.start, c.end);
      chosen.push(c);
    }
    for (const c of chosen) taken.fill(0, c.start, c.end);
    return chosen.sort((x, y) => x.start - y.start);
  }
  // offsets copied in input order into typed arrays: the loop below visits candidates in length order, and
  // reading scattered objects there costs more than the copy
  const n = candidates.length;
  const starts = startScratch;
  const ends = endScratch;
  for (let i = 0; i < n; i++) {
    const c = candidates[i];
    starts[i] = c.start;
    ends[i] = c.end;
  }
  const chosen = chosenScratch;
  let m = 0;
  for (let r = 0; r < n; r++) {
    const k = order[r];
    const s = starts[k];
    const e = ends[k];
    // longest first, so a chosen span overlapping this one is at least as long and covers one of its end points
    if (e > s && (taken[s] || taken[e - 1])) continue;
    taken.fill(1, s, e);
    chosen[m++] = k;
  }
  for (let r = 0; r < m; r++) for (let q = starts[chosen[r]], e = ends[chosen[r]]; q < e; q++) taken[q] = 0;
  // by start, ties in choice order (what a stable sort gives): start and choice rank packed into one number
  // (overlapOrder checked that start and index bits fit in 53)
  const rankScale = 2 ** Math.max(1, Math.ceil(Math.log2(n + 1)));
  // the sort keys above are spent: their buffer takes these
  const keys = keyScratch.subarray(0, m);
  for (let r = 0; r < m; r++) keys[r] = starts[chosen[r]] * rankScale + r;
  keys.sort();
  const out: MentionCandidate[] = [];
  for (let r = 0; r < m; r++) out.push(candidates[chosen[keys[r] % rankScale]]);
  return out;
}
