import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { cohenKappa, percentAgreement } from '../../src/core/agreement/cohenKappa';
import { computeAgreement, type AnnotatedDocument, type AgreementReport } from '../../src/core/agreement/computeAgreement';
import { roleAgrees } from '../../src/core/agreement/eventAgreement';
import { formatAgreement } from '../../src/core/agreement/formatAgreement';
import { matchSpans } from '../../src/core/agreement/matchSpans';
import { nominalAlpha } from '../../src/core/agreement/nominalAlpha';
import { tokenLabels } from '../../src/core/agreement/tokenLabels';
import { unitizingAlpha, type Unit } from '../../src/core/agreement/unitizingAlpha';
import type { EventAnnotation, Mention, MentionLabel, Sidecar } from '../../src/core/model';
import { TextIndex } from '../../src/core/text/textIndex';
import { loadExportDocs } from './exportFixtures';
import { prng } from './prng';

// ---------------------------------------------------------------------------------------------------------
// Independent reference: scikit-learn's cohen_kappa_score and nltk's AnnotationTask.alpha (nominal, binary
// distance), run in python3 on the very label sequences our functions get.

interface Case {
  a: string[];
  b: string[];
}

const PYTHON = String.raw`
import json, sys
from sklearn.metrics import cohen_kappa_score
from nltk.metrics.agreement import AnnotationTask
out = []
for c in json.load(sys.stdin):
    a, b = c["a"], c["b"]
    task = AnnotationTask(data=[("A", i, x) for i, x in enumerate(a)] + [("B", i, x) for i, x in enumerate(b)])
    out.append({"kappa": float(cohen_kappa_score(a, b)), "alpha": float(task.alpha())})
print(json.dumps(out))
`;

function reference(cases: readonly Case[]): { kappa: number; alpha: number }[] {
  const r = spawnSync('python3', ['-c', PYTHON], { input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
  if (r.status !== 0) {
    throw new Error(`the reference needs python3 with scikit-learn and nltk (pip install scikit-learn nltk): ${r.error?.message ?? r.stderr}`);
  }
  return JSON.parse(r.stdout) as { kappa: number; alpha: number }[];
}

function expectMatches(cases: readonly Case[], ref: readonly { kappa: number; alpha: number }[]): void {
  expect(ref.length).toBe(cases.length);
  cases.forEach((c, i) => {
    const kappa = cohenKappa(c.a, c.b);
    const alpha = nominalAlpha(c.a, c.b);
    expect(typeof kappa === 'number' && typeof alpha === 'number', `case ${i} defined`).toBe(true);
    expect(Math.abs(kappa! - ref[i].kappa), `kappa of case ${i}`).toBeLessThan(1e-9);
    expect(Math.abs(alpha! - ref[i].alpha), `alpha of case ${i}`).toBeLessThan(1e-9);
  });
}

/** Labels drawn with the given weights; B copies A's label with probability `agree`, else draws anew. */
function randomCase(seed: number, n: number, labels: readonly string[], weights: readonly number[], agree: number): Case {
  const rnd = prng(seed);
  const total = weights.reduce((s, w) => s + w, 0);
  const draw = (): string => {
    let x = rnd() * total;
    for (let i = 0; i < labels.length; i++) {
      x -= weights[i];
      if (x < 0) return labels[i];
    }
    return labels[labels.length - 1];
  };
  const a: string[] = [];
  const b: string[] = [];
  for (let i = 0; i < n; i++) {
    const la = draw();
    a.push(la);
    b.push(rnd() < agree ? la : draw());
  }
  return { a, b };
}

// ---------------------------------------------------------------------------------------------------------
// Sidecar helpers

function mention(id: string, label: MentionLabel, start: number, end: number, text: string, extra: Partial<Mention> = {}): Mention {
  return { id, label, start, end, text, status: 'accepted', origin: 'manual', ...extra };
}

function sidecar(name: string, mentions: Mention[], events: EventAnnotation[] = []): Sidecar {
  return { version: 1, document: { text: name, sha256: '', status: 'draft' }, mentions, attributions: [], events, rejected: [] };
}

/** A mention of `word` (its `nth` occurrence) in `text`, offsets in code points. */
function mentionOf(text: string, id: string, label: MentionLabel, word: string, nth = 0, extra: Partial<Mention> = {}): Mention {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(word, at + 1);
  if (at < 0) throw new Error(`no ${word}`);
  const index = new TextIndex(text);
  const start = index.toCodePoint(at);
  return mention(id, label, start, start + [...word].length, word, extra);
}

const compact = (r: AgreementReport): string[] =>
  r.disagreements.map((d) => `${d.document} ${d.kind} ${d.label} ${d.a ? `${d.a.start}-${d.a.end} ${d.a.text}` : '-'} | ${d.b ? `${d.b.start}-${d.b.end} ${d.b.text}` : '-'}`);

// ---------------------------------------------------------------------------------------------------------

/** Token labels of the gold sidecars and their edited copy, per document and pooled, both layers. */
function goldTokenCases() {
  const { a, b, texts } = editedCorpus();
  const report = computeAgreement({ a, b, texts });
  const perDoc: { name: string; layer: 'mentions' | 'attributions'; labels: Case }[] = [];
  const pooled = { mentions: { a: [] as string[], b: [] as string[] }, attributions: { a: [] as string[], b: [] as string[] } };
  const spans = (s: Sidecar, layer: 'mentions' | 'attributions') =>
    layer === 'mentions'
      ? s.mentions.filter((m) => m.status === 'accepted' && !m.orphan).map((m) => ({ start: m.start, end: m.end, label: m.label }))
      : s.attributions.flatMap((x) => [{ ...x.cue, label: 'CUE' }, ...(x.source ? [{ ...x.source, label: 'SOURCE' }] : [])]);
  for (const doc of a) {
    const other = b.find((x) => x.name === doc.name)!.sidecar;
    for (const layer of ['mentions', 'attributions'] as const) {
      const t = tokenLabels(texts.get(doc.name)!, spans(doc.sidecar, layer), spans(other, layer));
      pooled[layer].a.push(...t.a);
      pooled[layer].b.push(...t.b);
      perDoc.push({ name: doc.name, layer, labels: { a: t.a, b: t.b } });
    }
  }
  const bin = (xs: string[], l: string) => xs.map((x) => (x === l ? l : 'O'));
  const perLabel = (['ACTOR', 'PLACE'] as const).map((l) => ({ label: l, labels: { a: bin(pooled.mentions.a, l), b: bin(pooled.mentions.b, l) } }));
  const cases = [...perDoc.map((d) => d.labels), pooled.mentions, pooled.attributions, ...perLabel.map((p) => p.labels)];
  return { report, perDoc, pooled, perLabel, cases };
}

/** Random ACTOR/PLACE sidecars over a real text: B keeps, shifts, relabels or drops A's spans and adds some. */
function randomSidecarCases() {
  const [doc] = loadExportDocs();
  const text = doc.text;
  const index = new TextIndex(text);
  const L = index.length;
  return [11, 12, 13].map((seed) => {
    const rnd = prng(seed);
    const int = (n: number) => Math.floor(rnd() * n);
    const mk = (id: string, label: MentionLabel, s: number, e: number) => mention(id, label, s, e, index.slice(s, e));
    const ma: Mention[] = [];
    const mb: Mention[] = [];
    for (let i = 0; i < 120; i++) {
      const s = int(L - 30);
      const e = s + 1 + int(25);
      const label: MentionLabel = rnd() < 0.6 ? 'ACTOR' : 'PLACE';
      ma.push(mk(`m${i}`, label, s, e));
      const x = rnd();
      if (x < 0.6) mb.push(mk(`m${i}`, label, s, e));
      else if (x < 0.75) mb.push(mk(`m${i}`, label, Math.max(0, s - int(4)), Math.min(L, e + int(4))));
      else if (x < 0.85) mb.push(mk(`m${i}`, label === 'ACTOR' ? 'PLACE' : 'ACTOR', s, e));
      if (rnd() < 0.1) {
        const t = int(L - 10);
        mb.push(mk(`x${i}`, 'PLACE', t, t + 1 + int(8)));
      }
    }
    const report = computeAgreement({ a: [{ name: 'd', sidecar: sidecar('d', ma) }], b: [{ name: 'd', sidecar: sidecar('d', mb) }], texts: new Map([['d', text]]) });
    const t = tokenLabels(text, ma, mb);
    return { report, labels: { a: t.a, b: t.b } };
  });
}

describe('Cohen kappa and nominal alpha against scikit-learn and nltk', () => {
  // All cases go to one python3 run (its start-up dominates), then each test checks its share.
  const hand: Case[] = [
    { a: ['A', 'B', 'O', 'O', 'A'], b: ['A', 'O', 'O', 'O', 'B'] },
    { a: ['x', 'x', 'y', 'y'], b: ['x', 'y', 'y', 'x'] }, // kappa 0
    { a: ['O', 'O', 'O', 'ACTOR', 'ACTOR', 'PLACE'], b: ['O', 'O', 'O', 'ACTOR', 'ACTOR', 'PLACE'] }, // perfect
    { a: ['yes', 'no'], b: ['no', 'yes'] }, // systematic disagreement
  ];
  const random: Case[] = [
    randomCase(1, 20, ['O', 'ACTOR'], [3, 1], 0.6),
    randomCase(2, 300, ['O', 'ACTOR', 'PLACE'], [20, 3, 2], 0.8),
    randomCase(3, 5000, ['O', 'ACTOR', 'PLACE'], [30, 4, 3], 0.9),
    randomCase(4, 1000, ['a', 'b', 'c', 'd', 'e'], [1, 1, 1, 1, 1], 0.3),
    randomCase(5, 777, ['O', 'SOURCE', 'CUE'], [50, 5, 1], 0.95),
    randomCase(6, 100, ['O', 'X'], [1, 1], 0), // chance level
  ];
  const gold = goldTokenCases();
  const randomSidecars = randomSidecarCases();
  const groups = [hand, random, gold.cases, randomSidecars.map((r) => r.labels)];
  let refs: { kappa: number; alpha: number }[][] = [];
  beforeAll(() => {
    const flat = reference(groups.flat());
    let at = 0;
    refs = groups.map((g) => flat.slice(at, (at += g.length)));
  });

  it('agree on small hand-made sequences', () => {
    expectMatches(hand, refs[0]);
    // Hand check of the first: po = 3/5, pe = .4·.2 + .2·.2 + .4·.6 = .36, kappa = .24/.64; alpha = 1 − 9·4/62.
    expect(cohenKappa(hand[0].a, hand[0].b)).toBeCloseTo(0.375, 15);
    expect(nominalAlpha(hand[0].a, hand[0].b)).toBeCloseTo(1 - 36 / 62, 15);
  });

  it('agree on random sequences (fixed seeds): 2 to 5 labels, skewed like token tags, 20 to 5000 items', () => {
    expectMatches(random, refs[1]);
  });

  it('agree on token labels of gold sidecars against an edited copy, per document, pooled and per label', () => {
    expectMatches(gold.cases, refs[2]);
    // ... and those labels are what the report scored.
    const r = gold.report;
    for (const d of gold.perDoc) expect(r.documents.find((x) => x.name === d.name)!.tokens[d.layer].kappa).toBe(cohenKappa(d.labels.a, d.labels.b));
    for (const layer of ['mentions', 'attributions'] as const) {
      const p = gold.pooled[layer];
      expect(r.tokens[layer]).toMatchObject({ items: p.a.length, kappa: cohenKappa(p.a, p.b), alpha: nominalAlpha(p.a, p.b) });
    }
    for (const p of gold.perLabel) expect(r.tokens.mentions.labels[p.label]!.kappa).toBe(cohenKappa(p.labels.a, p.labels.b));
  });

  it('agree on random sidecars over a real text (overlapping, misaligned and relabelled spans)', () => {
    expectMatches(randomSidecars.map((r) => r.labels), refs[3]);
    for (const { report, labels } of randomSidecars) {
      expect(report.tokens.mentions).toMatchObject({ kappa: cohenKappa(labels.a, labels.b), alpha: nominalAlpha(labels.a, labels.b) });
      expect(report.tokens.mentions.kappa!).toBeGreaterThan(0.3);
    }
  });

  it('are null when undefined, and percent agreement counts equal items', () => {
    expect(cohenKappa([], [])).toBeNull();
    expect(cohenKappa(['O', 'O'], ['O', 'O'])).toBeNull();
    expect(nominalAlpha(['O', 'O'], ['O', 'O'])).toBeNull();
    expect(percentAgreement(['a', 'b', 'c'], ['a', 'x', 'c'])).toBeCloseTo(2 / 3, 15);
    expect(() => cohenKappa(['a'], [])).toThrow();
  });
});

describe('tokenLabels', () => {
  it('splits tokens at either annotator\'s boundaries and labels with O outside spans', () => {
    const text = 'Troops of al-Qaim-Rawah said.';
    // A: PLACE "al-Qaim"; B: PLACE "al-Qaim-Rawah" (the tokenizer keeps it one token; A's end splits it, and the
    // rest is tokenized again: "-", "Rawah").
    const t = tokenLabels(text, [{ start: 10, end: 17, label: 'PLACE' }], [{ start: 10, end: 23, label: 'PLACE' }]);
    expect(t.tokens.map((x) => x.text)).toEqual(['Troops', 'of', 'al-Qaim', '-', 'Rawah', 'said', '.']);
    expect(t.a).toEqual(['O', 'O', 'PLACE', 'O', 'O', 'O', 'O']);
    expect(t.b).toEqual(['O', 'O', 'PLACE', 'PLACE', 'PLACE', 'O', 'O']);
  });
});

describe('Krippendorff u-alpha for unitizing', () => {
  // Worked example of Krippendorff, K. (2004). Content Analysis: An Introduction to Its Methodology, 2nd ed.,
  // Thousand Oaks, CA: Sage, p. 254 (section on unitizing): two observers i and j on the continuum 150–450
  // (L = 300), categories c and k; units as (begin, length):
  //   i: c (225,70) (370,30); k (180,60) (300,50)      j: c (220,80) (355,20) (400,20); k (180,60) (300,50)
  // Published: cDo = .0144, cDe = .0532, c-alpha = .7286; kDo = 0, kDe = .0490, k-alpha = 1; u-alpha = .8591.
  // (We have not seen the printed page: data and values are as transcribed in the test suite of DKPro
  // Statistics, Krippendorff2004Test. So we re-derive every figure by hand below and test against that.)
  //
  // Category c. Sections of i: gap 150–225, unit 225–295, gap 295–370, unit 370–400, gap 400–450; of j: gap
  // 150–220, unit 220–300, gap 300–355, unit 355–375, gap 375–400, unit 400–420, gap 420–450.
  //   unit/unit overlaps: (225–295, 220–300): 5² + 5² = 50; (370–400, 355–375): 15² + 25² = 850.
  //   unit inside the other's gap: j's 400–420 inside i's gap 400–450: 20² = 400. No other containment.
  //   cDo = 2·(50 + 850 + 400) / (2·300²) = 1300/90000 = 0.0144444…
  //   N_c = 5 units of lengths 70, 30, 80, 20, 20; gaps 75, 75, 50, 70, 55, 25, 30. Per unit ℓ:
  //   (N−1)/3·(2ℓ³−3ℓ²+ℓ) + ℓ²·Σ_{γ≥ℓ}(γ−ℓ+1):
  //     ℓ=70: 895160 + 4900·13 = 958860;  ℓ=30: 68440 + 900·181 = 231340;  ℓ=80: 1339840 + 0;
  //     ℓ=20 (twice): 19760 + 400·247 = 118560.  Sum 2767160.
  //   denominator 2L(2L−1) − Σℓ(ℓ−1) = 359400 − 12780 = 346620.
  //   cDe = (2/300)·2767160/346620 = 0.0532218…;  c-alpha = 1 − 0.0144444/0.0532218 = 0.728599.
  // Category k: identical units, kDo = 0. Lengths 60, 50, 60, 50; gaps 30, 60, 100 per observer.
  //     ℓ=60: 421260 + 3600·84 = 723660 (twice);  ℓ=50: 242550 + 2500·124 = 552550 (twice).  Sum 2552420.
  //   denominator 359400 − 11980 = 347420;  kDe = (2/300)·2552420/347420 = 0.0489786;  k-alpha = 1.
  // Overall u-alpha = 1 − (cDo + kDo)/(cDe + kDe) = 1 − 0.0144444/0.1022003 = 0.858665. The published .8591
  // is what the rounded .0144/(.0532 + .0490) gives; the exact value is .8587.
  const u = (begin: number, length: number, category: string): Unit => ({ start: begin - 150, end: begin - 150 + length, category });
  const i = [u(225, 70, 'c'), u(370, 30, 'c'), u(180, 60, 'k'), u(300, 50, 'k')];
  const j = [u(220, 80, 'c'), u(355, 20, 'c'), u(400, 20, 'c'), u(180, 60, 'k'), u(300, 50, 'k')];

  it('reproduces the worked example of Krippendorff (2004)', () => {
    const r = unitizingAlpha(300, i, j);
    expect(r.categories.c.observed).toBeCloseTo(1300 / 90000, 14);
    expect(r.categories.c.expected).toBeCloseTo(((2 / 300) * 2767160) / 346620, 14);
    expect(r.categories.k.observed).toBe(0);
    expect(r.categories.k.expected).toBeCloseTo(((2 / 300) * 2552420) / 347420, 14);
    expect(r.categories.k.alpha).toBe(1);
    expect(r.all.alpha).toBeCloseTo(1 - 1300 / 90000 / (((2 / 300) * 2767160) / 346620 + ((2 / 300) * 2552420) / 347420), 12);
    // The published (rounded) figures.
    expect(r.categories.c.observed).toBeCloseTo(0.0144, 4);
    expect(r.categories.c.expected).toBeCloseTo(0.0532, 4);
    expect(r.categories.c.alpha!).toBeCloseTo(0.7286, 4);
    expect(r.categories.k.expected).toBeCloseTo(0.049, 4);
    expect(Math.abs(r.all.alpha! - 0.8591)).toBeLessThan(0.0005);
  });

  it('comes close to the four observer pairs of Krippendorff (1995, p. 57) on a fine grid', () => {
    // Krippendorff, K. (1995). On the reliability of unitizing continuous data. Sociological Methodology 25,
    // 47–76: pairs A–D on a continuum of 24 (data as transcribed in DKPro Statistics, Krippendorff1995Test).
    // The paper integrates over a continuous scale, so we grid it finely (×50000). Observed disagreements are
    // scale-free and must match exactly; the published alphas (.553, −.926, .679, .066) only within .02, the
    // tolerance DKPro uses too, which notes a small error in the paper's expected disagreement.
    const S = 50000;
    const U = (s: number, l: number): Unit => ({ start: s * S, end: (s + l) * S, category: 'x' });
    const pairs = {
      A: { a: [U(2, 8), U(14, 6)], b: [U(4, 4), U(15, 2)], Do: 18 / 576, alpha: 0.553 },
      B: { a: [U(0, 18)], b: [U(0, 2), U(2, 1), U(3, 1), U(4, 1), U(5, 1), U(6, 3), U(9, 1)], Do: 2.26736, alpha: -0.926 },
      C: { a: [U(2, 6), U(10, 2), U(14, 4), U(20, 2)], b: [U(0, 2), U(4, 4), U(10, 4), U(16, 2), U(20, 2)], Do: 0.02777, alpha: 0.679 },
      D: { a: [U(0, 2), U(2, 8), U(10, 4), U(14, 6), U(20, 4)], b: [U(0, 4), U(4, 4), U(8, 7), U(15, 2), U(17, 7)], Do: 0.38715, alpha: 0.066 },
    };
    for (const [name, p] of Object.entries(pairs)) {
      const r = unitizingAlpha(24 * S, p.a, p.b).all;
      expect(r.observed, name).toBeCloseTo(p.Do, 4);
      expect(Math.abs(r.alpha! - p.alpha), name).toBeLessThan(0.02);
    }
  });

  it('is 1 for identical units, symmetric in the coders, null without units, and merges a coder\'s overlapping units', () => {
    const same = unitizingAlpha(300, i, i);
    expect(same.all.alpha).toBe(1);
    const ij = unitizingAlpha(300, i, j);
    const ji = unitizingAlpha(300, j, i);
    expect(ji.all.alpha).toBeCloseTo(ij.all.alpha!, 14);
    expect(ji.categories.c.expected).toBeCloseTo(ij.categories.c.expected, 14);
    expect(unitizingAlpha(100, [], [], ['ACTOR']).categories.ACTOR).toEqual({ observed: 0, expected: 0, alpha: null, unitsA: 0, unitsB: 0 });
    const merged = unitizingAlpha(100, [{ start: 10, end: 20, category: 'x' }, { start: 15, end: 30, category: 'x' }], [{ start: 10, end: 30, category: 'x' }]);
    expect(merged.all).toMatchObject({ alpha: 1, unitsA: 1, unitsB: 1 });
  });
});

describe('matchSpans', () => {
  it('pairs one-to-one, identical spans first, then the largest overlap', () => {
    const a = [{ start: 0, end: 10 }, { start: 20, end: 30 }];
    const b = [{ start: 2, end: 8 }, { start: 0, end: 10 }, { start: 25, end: 40 }, { start: 18, end: 22 }];
    expect(matchSpans(a, b, 'exact')).toEqual([[0, 1]]);
    expect(matchSpans(a, b, 'overlap')).toEqual([[0, 1], [1, 2]]);
    expect(matchSpans(a, [], 'overlap')).toEqual([]);
  });
});

describe('roleAgrees', () => {
  const ev = (extra: Partial<EventAnnotation>): EventAnnotation => ({ id: 'e1', type: 'Battles', subtype: 'Armed clash', start: 0, end: 5, text: 'fight', status: 'accepted', ...extra });
  const side = (mentions: Mention[]) => ({ events: [], mentions });
  it('compares entities when both mentions have one, else their text; never ids; both empty is no comparison', () => {
    const a = side([mention('m1', 'ACTOR', 0, 3, 'M23', { entity: 'm23' }), mention('m2', 'ACTOR', 9, 14, 'Rwandan  Army')]);
    const b = side([mention('m7', 'ACTOR', 40, 52, 'the M23 rebels', { entity: 'm23' }), mention('m1', 'ACTOR', 0, 3, 'M23', { entity: 'other' }), mention('m3', 'ACTOR', 60, 72, 'rwandan army')]);
    expect(roleAgrees(ev({ actor1: 'm1' }), ev({ actor1: 'm7' }), 'actor1', a, b)).toBe(true); // same entity, other id and text
    expect(roleAgrees(ev({ actor1: 'm1' }), ev({ actor1: 'm1' }), 'actor1', a, b)).toBe(false); // same id, other entity
    expect(roleAgrees(ev({ actor2: 'm2' }), ev({ actor2: 'm3' }), 'actor2', a, b)).toBe(true); // no entity on one side: text, case and spacing ignored
    expect(roleAgrees(ev({}), ev({}), 'place', a, b)).toBeUndefined();
    expect(roleAgrees(ev({ place: 'm1' }), ev({}), 'place', a, b)).toBe(false);
    expect(roleAgrees(ev({ fatalities: 3 }), ev({ fatalities: 3 }), 'fatalities', a, b)).toBe(true);
    expect(roleAgrees(ev({ date: '2024-01-02' }), ev({ date: '2024-01-03' }), 'date', a, b)).toBe(false);
    expect(roleAgrees(ev({ actor1: 'gone' }), ev({}), 'actor1', a, b)).toBeUndefined(); // dangling reference = empty
  });
});

// ---------------------------------------------------------------------------------------------------------
// Real-ish data: the three corpus gold sidecars (with the hand-coded events) as annotator A, and an edited
// copy as annotator B.

function editedCorpus(): { a: AnnotatedDocument[]; b: AnnotatedDocument[]; texts: Map<string, string> } {
  const docs = loadExportDocs();
  const texts = new Map(docs.map((d) => [d.name, d.text]));
  const a = docs.map((d) => ({ name: d.name, sidecar: d.sidecar }));
  const b = docs.map((d) => ({ name: d.name, sidecar: structuredClone(d.sidecar) }));
  const [b000, b002, b004] = b.map((x) => x.sidecar);
  const m = (s: Sidecar, id: string): Mention => s.mentions.find((x) => x.id === id)!;
  const ev = (s: Sidecar, id: string): EventAnnotation => s.events.find((x) => x.id === id)!;
  const at = (s: Sidecar, id: string) => s.attributions.find((x) => x.id === id)!;
  // 000: "Syria" PLACE → ACTOR (label); "Qaeda" deleted (missing).
  m(b000, 'm3').label = 'ACTOR';
  b000.mentions = b000.mentions.filter((x) => x.id !== 'm4');
  // 002: "Iraqi army forces" → "army forces" (boundary); event e1 sub-type changed (label).
  Object.assign(m(b002, 'm11'), { start: 322, text: 'army forces' });
  ev(b002, 'e1').subtype = 'Armed clash';
  // 004: extra ACTOR "militants"; "border guards" orphaned (missing, skipped); a suggested PLACE "border"
  // (skipped unless suggestions count); source of a1 shortened (boundary); a3 deleted (CUE and SOURCE missing).
  const t004 = texts.get(docs[2].name)!;
  b004.mentions.push(mentionOf(t004, 'm100', 'ACTOR', 'militants', 2));
  m(b004, 'm9').orphan = true;
  b004.mentions.push(mentionOf(t004, 'm101', 'PLACE', 'border', 1, { status: 'suggested', origin: 'gazetteer' }));
  Object.assign(at(b004, 'a1').source!, { start: 208, text: 'officials' });
  b004.attributions = b004.attributions.filter((x) => x.id !== 'a3');
  // 004 events: e1 fatalities 30 → 31 and actor2 dropped; e2 actor1 and place point at other mentions of the
  // same entities ("Isil" for the full name, the second "al-Qaim"), which is no disagreement.
  Object.assign(ev(b004, 'e1'), { fatalities: 31, actor2: undefined });
  Object.assign(ev(b004, 'e2'), { actor1: 'm6', place: 'm10' });
  return { a, b, texts };
}

describe('computeAgreement on gold sidecars against an edited copy', () => {
  const { a, b, texts } = editedCorpus();
  const count = (label: string) =>
    a.reduce((n, d) => n + (label === 'CUE' ? d.sidecar.attributions.length : label === 'SOURCE' ? d.sidecar.attributions.filter((x) => x.source).length : d.sidecar.mentions.filter((x) => x.label === label).length), 0);

  it('counts exact and overlap matches per label', () => {
    const r = computeAgreement({ a, b, texts });
    const [actor, place, source, cue] = ['ACTOR', 'PLACE', 'SOURCE', 'CUE'].map(count);
    expect(r.exact.ACTOR).toMatchObject({ tp: actor - 3, fp: 3, fn: 3 }); // B's "army forces" is no exact match either
    expect(r.overlap.ACTOR).toMatchObject({ tp: actor - 2, fp: 2, fn: 2 });
    expect(r.exact.PLACE).toMatchObject({ tp: place - 1, fp: 0, fn: 1 });
    expect(r.exact.SOURCE).toMatchObject({ tp: source - 2, fp: 1, fn: 2 });
    expect(r.overlap.SOURCE).toMatchObject({ tp: source - 1, fp: 0, fn: 1 });
    expect(r.exact.CUE).toMatchObject({ tp: cue - 1, fp: 0, fn: 1 });
    const all = r.exact.ALL;
    expect(all).toMatchObject({ tp: actor + place + source + cue - 7, fp: 4, fn: 7 });
    expect(all.precision).toBeCloseTo(all.tp / (all.tp + 4), 15);
    expect(all.recall).toBeCloseTo(all.tp / (all.tp + 7), 15);
    expect(all.f1).toBeCloseTo((2 * all.tp) / (2 * all.tp + 11), 15);
    expect(r.skipped).toEqual({ a: { suggested: 1, orphan: 0, stale: 0 }, b: { suggested: 2, orphan: 1, stale: 0 } });
  });

  it('lists the disagreements in document and text order', () => {
    const r = computeAgreement({ a, b, texts });
    const [d000, d002, d004] = a.map((d) => d.name);
    expect(compact(r)).toEqual([
      `${d000} label PLACE 80-85 Syria | 80-85 Syria`,
      `${d000} missing ACTOR 99-104 Qaeda | -`,
      `${d002} label EVENT 274-286 seize Jalula | 274-286 seize Jalula`,
      `${d002} boundary ACTOR 316-333 Iraqi army forces | 322-333 army forces`,
      `${d004} boundary SOURCE 199-217 security officials | 208-217 officials`,
      `${d004} extra ACTOR - | 230-239 militants`,
      `${d004} missing ACTOR 405-418 border guards | -`,
      `${d004} missing SOURCE 496-507 the sources | -`,
      `${d004} missing CUE 508-512 said | -`,
    ]);
    const relabel = r.disagreements[0];
    expect(relabel.a).toMatchObject({ id: 'm3', label: 'PLACE' });
    expect(relabel.b).toMatchObject({ id: 'm3', label: 'ACTOR' });
    expect(r.disagreements[2].b!.label).toBe('Battles / Armed clash');
  });

  it('pairs events and compares types and roles by what they denote', () => {
    const r = computeAgreement({ a, b, texts });
    expect(r.events).toMatchObject({ a: 4, b: 4, paired: 4, precision: 1, recall: 1, f1: 1 });
    expect(r.events.type).toMatchObject({ items: 4, observed: 1 });
    expect(r.events.subtype).toMatchObject({ items: 4, observed: 0.75 });
    expect(r.events.subtype.kappa).toBe(cohenKappa(
      ['Change to group/activity', 'Government regains territory', 'Non-state actor overtakes territory', 'Non-state actor overtakes territory'],
      ['Change to group/activity', 'Armed clash', 'Non-state actor overtakes territory', 'Non-state actor overtakes territory'],
    ));
    expect(r.events.roles).toEqual({
      actor1: { compared: 4, equal: 4, share: 1 },
      actor2: { compared: 3, equal: 2, share: 2 / 3 },
      place: { compared: 4, equal: 4, share: 1 },
      date: { compared: 4, equal: 4, share: 1 },
      fatalities: { compared: 1, equal: 0, share: 0 },
    });
  });

  it('counts suggestions only when asked', () => {
    const r = computeAgreement({ a, b, texts }, { includeSuggestions: true });
    expect(r.includeSuggestions).toBe(true);
    expect(r.events).toMatchObject({ a: 5, b: 5, paired: 5 });
    expect(compact(r)).toContain(`${a[2].name} extra PLACE - | 114-120 border`);
    expect(r.skipped.b).toEqual({ suggested: 0, orphan: 1, stale: 0 });
  });

  it('gives full agreement for identical annotations', () => {
    const r = computeAgreement({ a, b: a, texts });
    expect(r.disagreements).toEqual([]);
    for (const k of ['ACTOR', 'PLACE', 'SOURCE', 'CUE', 'ALL'] as const) {
      expect(r.exact[k].f1).toBe(1);
      expect(r.unitizing[k].alpha).toBe(1);
    }
    expect(r.tokens.mentions).toMatchObject({ observed: 1, kappa: 1, alpha: 1 });
    expect(r.events.subtype).toMatchObject({ observed: 1 });
  });

  it('is symmetric where the measures are, and scores u-alpha over the documents laid end to end', () => {
    const ab = computeAgreement({ a, b, texts });
    const ba = computeAgreement({ a: b, b: a, texts });
    expect(ba.tokens.mentions.kappa).toBeCloseTo(ab.tokens.mentions.kappa!, 14);
    expect(ba.unitizing.ALL.alpha).toBeCloseTo(ab.unitizing.ALL.alpha!, 14);
    expect(ba.exact.ALL.precision).toBe(ab.exact.ALL.recall);
    const length = [...texts.values()].reduce((n, t) => n + new TextIndex(t).length, 0);
    let shift = 0;
    const units = (docs: AnnotatedDocument[]) =>
      docs.flatMap((d) => {
        const text = texts.get(d.name)!;
        const s = d.sidecar;
        const out = [
          ...s.mentions.filter((x) => x.status === 'accepted' && !x.orphan).map((x) => ({ start: x.start + shift, end: x.end + shift, category: x.label })),
          ...s.attributions.flatMap((x) => [{ ...x.cue, category: 'CUE' }, ...(x.source ? [{ ...x.source, category: 'SOURCE' }] : [])].map((y) => ({ start: y.start + shift, end: y.end + shift, category: y.category }))),
        ];
        shift += new TextIndex(text).length;
        return out;
      });
    const ua = units(a);
    shift = 0;
    const ub = units(b);
    expect(ab.unitizing.ALL.alpha).toBe(unitizingAlpha(length, ua, ub, ['ACTOR', 'PLACE', 'SOURCE', 'CUE']).all.alpha);
    expect(ab.unitizing.ALL.alpha!).toBeGreaterThan(0.9);
    expect(ab.unitizing.ALL.alpha!).toBeLessThan(1);
  });

  it('reports documents it cannot pair, and skips stale quotes', () => {
    const stale = structuredClone(a[0].sidecar);
    stale.mentions[0].text = 'not the text';
    const r = computeAgreement({
      a: [{ name: a[0].name, sidecar: stale }, { name: 'only-a.txt', sidecar: sidecar('only-a.txt', []) }, { name: 'no-text.txt', sidecar: sidecar('no-text.txt', []) }],
      b: [b[0], { name: 'no-text.txt', sidecar: sidecar('no-text.txt', []) }],
      texts,
    });
    expect(r.documents.map((d) => d.name)).toEqual([a[0].name]);
    expect(r.unpaired).toEqual([{ name: 'no-text.txt', reason: 'noText' }, { name: 'only-a.txt', reason: 'onlyA' }]);
    expect(r.skipped.a.stale).toBe(1);
    expect(() => computeAgreement({ a: [a[0], a[0]], b, texts })).toThrow(/two sidecars/);
  });

  it('is plain JSON data and formats as a table', () => {
    const r = computeAgreement({ a, b, texts }, {});
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    const out = formatAgreement(r);
    expect(out).toMatch(/^Agreement of B against A: 3 documents, accepted items only$/m);
    expect(out).toMatch(/^ACTOR    exact /m);
    expect(out).toMatch(/^mentions +\d+ +\d+\.\d\d% +0\.\d{3} +0\.\d{3}$/m);
    expect(out).toMatch(/^Disagreements: 9 \(4 missing, 1 extra, 2 label, 2 boundary\)$/m);
    expect(out).toContain(`  ${a[0].name}  label    PLACE   A: 80-85 "Syria"  B: 80-85 "Syria" [ACTOR]`);
    expect(out).toContain('fatalities  equal   0.0%  (0/1)');
    expect(formatAgreement(r, { maxDisagreements: 2 })).toMatch(/… 7 more$/);
    const named = formatAgreement(computeAgreement({ a, b, texts, annotators: { a: 'ana', b: 'ben' } }));
    expect(named).toMatch(/^Agreement of ben against ana/);
  });
});
