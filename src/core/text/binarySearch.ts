/**
 * The one binary search behind every "first item at or after x" lookup on sorted data (offsets, tokens,
 * mentions, line starts): O(log n) calls of a predicate that is false for a prefix of the indexes and true
 * for the rest.
 */

/** The smallest index in [0, length) where `predicate` holds, or `length` when it holds nowhere. */
export function firstIndexWhere(length: number, predicate: (i: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (predicate(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
