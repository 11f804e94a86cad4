/**
 * Krippendorff's alpha for unitizing (u-alpha), two coders, on a discrete continuum [0, length) (here: the
 * code points of a text). Definitions follow Krippendorff, "On the reliability of unitizing continuous data",
 * Sociological Methodology 25 (1995) 47–76, in the discrete form (positions counted in whole units) that
 * reproduces the worked example of Krippendorff, Content Analysis, 2nd ed. (Sage, 2004), p. 254:
 *
 * For a category c each coder's continuum is cut into sections: units of c and gaps (everything else).
 * Observed disagreement, over all pairs of intersecting sections g (coder A) and h (coder B):
 *   δ²(g,h) = (start_g − start_h)² + (end_g − end_h)²   both units of c (overlapping)
 *           = ℓ_g²                                      g a unit lying wholly inside gap h (and vice versa)
 *           = 0                                         otherwise (gap/gap, or a unit only partly in a gap)
 *   cDo = Σ_i Σ_{j≠i} Σ_g Σ_h δ² / (m(m−1)L²)  with m = 2 coders, L = length.
 * Expected disagreement, with N_c the number of units of c of both coders, ℓ their lengths, γ the gap lengths
 * of both coders:
 *   cDe = (2/L) Σ_units [ (N_c−1)/3 · (2ℓ³ − 3ℓ² + ℓ) + ℓ² Σ_{γ ≥ ℓ} (γ − ℓ + 1) ] / ( mL(mL−1) − Σ_units ℓ(ℓ−1) )
 * c-alpha = 1 − cDo/cDe; over all categories alpha = 1 − Σ_c cDo / Σ_c cDe.
 *
 * Contract: units are clipped to the continuum, empty ones dropped; one coder's overlapping units of the same
 * category are merged into their union (the measure requires them disjoint); units of different categories
 * may overlap (each category is scored on its own). alpha is null when the expected disagreement is 0 (no
 * unit of the category at all, or units covering everything). Only two coders: the published example that
 * checks this code has two, and the annotation tool compares two annotators.
 */

import { firstIndexWhere } from '../text/binarySearch';

export interface Unit {
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
  readonly category: string;
}

export interface UnitizingScore {
  /** Observed disagreement Do. */
  readonly observed: number;
  /** Expected disagreement De. */
  readonly expected: number;
  readonly alpha: number | null;
  readonly unitsA: number;
  readonly unitsB: number;
}

export interface UnitizingResult {
  readonly categories: Readonly<Record<string, UnitizingScore>>;
  readonly all: UnitizingScore;
}

interface Section {
  start: number;
  end: number;
  unit: boolean;
}

/** Disjoint, sorted [start, end) units of one category for one coder. */
function normalise(units: readonly Unit[], category: string, length: number): [number, number][] {
  const spans = units
    .filter((u) => u.category === category)
    .map((u): [number, number] => [Math.max(0, u.start), Math.min(length, u.end)])
    .filter(([s, e]) => e > s)
    .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: [number, number][] = [];
  for (const [s, e] of spans) {
    const last = out[out.length - 1];
    // Overlap merges; touching units stay two units.
    if (last && s < last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

function sections(units: readonly [number, number][], length: number): Section[] {
  const out: Section[] = [];
  let pos = 0;
  for (const [s, e] of units) {
    if (s > pos) out.push({ start: pos, end: s, unit: false });
    out.push({ start: s, end: e, unit: true });
    pos = e;
  }
  if (pos < length) out.push({ start: pos, end: length, unit: false });
  return out;
}

function delta2(g: Section, h: Section): number {
  if (g.unit && h.unit) return (g.start - h.start) ** 2 + (g.end - h.end) ** 2;
  if (g.unit && !h.unit && h.start <= g.start && g.end <= h.end) return (g.end - g.start) ** 2;
  if (!g.unit && h.unit && g.start <= h.start && h.end <= g.end) return (h.end - h.start) ** 2;
  return 0;
}

/** Σ over intersecting section pairs of δ², one direction (A against B). */
function observedSum(a: readonly Section[], b: readonly Section[]): number {
  let sum = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    sum += delta2(a[i], b[j]);
    // Sections of each coder tile the continuum, so advancing the one that ends first visits every intersecting pair.
    if (a[i].end < b[j].end) i++;
    else if (b[j].end < a[i].end) j++;
    else {
      i++;
      j++;
    }
  }
  return sum;
}

function score(length: number, a: readonly [number, number][], b: readonly [number, number][]): { observed: number; expected: number } {
  const L = length;
  if (L === 0) return { observed: 0, expected: 0 };
  const sa = sections(a, L);
  const sb = sections(b, L);
  // Σ_i Σ_{j≠i} counts the A/B sum twice; m(m−1) = 2.
  const observed = (2 * observedSum(sa, sb)) / (2 * L * L);

  const lengths = [...a, ...b].map(([s, e]) => e - s);
  const gaps = [...sa, ...sb].filter((s) => !s.unit).map((s) => s.end - s.start).sort((x, y) => y - x);
  // prefix[k] = sum of the k longest gaps, so Σ_{γ≥ℓ}(γ − ℓ + 1) = prefix[k] − k(ℓ − 1) with k = #{γ ≥ ℓ}.
  const prefix = [0];
  for (const g of gaps) prefix.push(prefix[prefix.length - 1] + g);
  // gaps run longest first: the count of those at least l long is the first index of a shorter one
  const atLeast = (l: number): number => firstIndexWhere(gaps.length, (i) => gaps[i] < l);
  const N = lengths.length;
  let numerator = 0;
  let selfPairs = 0;
  for (const l of lengths) {
    const k = atLeast(l);
    numerator += ((N - 1) / 3) * (2 * l ** 3 - 3 * l ** 2 + l) + l * l * (prefix[k] - k * (l - 1));
    selfPairs += l * (l - 1);
  }
  const m = 2;
  const denominator = m * L * (m * L - 1) - selfPairs;
  const expected = denominator === 0 ? 0 : ((2 / L) * numerator) / denominator;
  return { observed, expected };
}

const alphaOf = (observed: number, expected: number): number | null => (expected === 0 ? null : 1 - observed / expected);

/**
 * u-alpha per category and over all categories. `categories` fixes which categories are reported (default:
 * every category used by either coder, sorted).
 */
export function unitizingAlpha(length: number, a: readonly Unit[], b: readonly Unit[], categories?: readonly string[]): UnitizingResult {
  const cats = categories ?? [...new Set([...a, ...b].map((u) => u.category))].sort();
  const out: Record<string, UnitizingScore> = {};
  let observed = 0;
  let expected = 0;
  let unitsA = 0;
  let unitsB = 0;
  for (const c of cats) {
    const ua = normalise(a, c, length);
    const ub = normalise(b, c, length);
    const s = score(length, ua, ub);
    out[c] = { observed: s.observed, expected: s.expected, alpha: alphaOf(s.observed, s.expected), unitsA: ua.length, unitsB: ub.length };
    observed += s.observed;
    expected += s.expected;
    unitsA += ua.length;
    unitsB += ub.length;
  }
  return { categories: out, all: { observed, expected, alpha: alphaOf(observed, expected), unitsA, unitsB } };
}
