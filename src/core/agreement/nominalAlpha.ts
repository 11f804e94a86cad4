/**
 * Krippendorff's alpha, nominal metric, for two coders and no missing values (Krippendorff 1980/2004):
 * alpha = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k, with n = 2 × items pairable values, o the coincidence
 * matrix and n_c the count of label c over both coders. Unlike kappa it pools both coders' label frequencies
 * for the chance model. Contract: `a` and `b` have equal length (else it throws); null when undefined (no
 * items, or one label only, where the expected disagreement is 0).
 */
export function nominalAlpha(a: readonly string[], b: readonly string[]): number | null {
  if (a.length !== b.length) throw new Error(`nominalAlpha: ${a.length} labels against ${b.length}`);
  const n = 2 * a.length;
  if (n === 0) return null;
  const counts = new Map<string, number>();
  let differing = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) differing++;
    counts.set(a[i], (counts.get(a[i]) ?? 0) + 1);
    counts.set(b[i], (counts.get(b[i]) ?? 0) + 1);
  }
  let sameLabelPairs = 0;
  for (const c of counts.values()) sameLabelPairs += c * c;
  const expectedPairs = n * n - sameLabelPairs; // Σ_{c≠k} n_c n_k
  if (expectedPairs === 0) return null;
  // Each differing item adds 1 to o_ck and 1 to o_kc (1/(m−1) with m = 2 values per item).
  return 1 - ((n - 1) * 2 * differing) / expectedPairs;
}
