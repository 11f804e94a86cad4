/**
 * Cohen's kappa for two coders who each gave one label to the same items: `a[i]` and `b[i]` label item i.
 * kappa = (po − pe) / (1 − pe), po the share of items labelled alike, pe the agreement expected from each
 * coder's own label frequencies. Contract: `a` and `b` have equal length (else it throws); the result is
 * null when it is undefined (no items, or pe = 1: both coders used one and the same label throughout).
 */
export function cohenKappa(a: readonly string[], b: readonly string[]): number | null {
  if (a.length !== b.length) throw new Error(`cohenKappa: ${a.length} labels against ${b.length}`);
  const n = a.length;
  if (n === 0) return null;
  const countA = new Map<string, number>();
  const countB = new Map<string, number>();
  let same = 0;
  for (let i = 0; i < n; i++) {
    if (a[i] === b[i]) same++;
    countA.set(a[i], (countA.get(a[i]) ?? 0) + 1);
    countB.set(b[i], (countB.get(b[i]) ?? 0) + 1);
  }
  let expected = 0;
  for (const [label, ca] of countA) expected += (ca / n) * ((countB.get(label) ?? 0) / n);
  if (expected === 1) return null;
  return (same / n - expected) / (1 - expected);
}

/** Share of items labelled alike; null for no items. */
export function percentAgreement(a: readonly string[], b: readonly string[]): number | null {
  if (a.length !== b.length) throw new Error(`percentAgreement: ${a.length} labels against ${b.length}`);
  if (a.length === 0) return null;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}
