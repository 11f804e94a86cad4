import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreNamedMentions, type NamedScores } from '../../src/core/corpus/evaluate';
import { GOLD_FILE_SUFFIX, parseGoldFile, type GoldDocument } from '../../src/core/corpus/goldFile';
import { annotateDocument } from '../../src/core/review/annotateDocument';
import { emptySidecar } from '../../src/core/sidecar/sidecarFormat';
import { buildDefaultGazetteer } from './detectFixtures';
import { emptyLearned, learnFromSidecar, withLearned, type LearnedModel } from '../../src/core/learning/learnedSuggestions';
import type { Sidecar } from '../../src/core/model';
import { defaultGazetteer } from '../../src/core/gazetteer/defaultGazetteer';

/**
 * Real news articles with gold written by others (shared/corpus/real-dev, never copied into the repo), scored the
 * way the external scorer scores the CLI's pre-annotation: named actors and places exact, a country or city
 * either label, cue recall, named/anonymous accuracy. Floors are measured values rounded down to 0.01 and may
 * only be raised. No rule or lexicon is fitted to these texts: their errors were read for classes only.
 * REAL_DEV_DIR points elsewhere (a worktree whose shared/ is not its sibling).
 */
const FLOORS = {
  plain: { f1: 0.98, cueRecall: 0.99, kindAccuracy: 1 },
  // the same texts hard-wrapped at 72 columns (spaces turned into line breaks: gold offsets still hold)
  wrapped: { f1: 0.98, cueRecall: 0.99, kindAccuracy: 1 },
} as const;

// beside the repository, or beside the folder that holds this worktree
const DIR =
  process.env.REAL_DEV_DIR ??
  [join(__dirname, '..', '..', '..', 'shared', 'corpus', 'real-dev'), join(__dirname, '..', '..', '..', '..', 'shared', 'corpus', 'real-dev')].find(existsSync) ??
  join(__dirname, '..', '..', '..', 'shared', 'corpus', 'real-dev');
const present = existsSync(DIR);

/** Hard-wraps paragraphs at `width` columns by turning spaces into line breaks: same length, same offsets. */
function hardWrap(text: string, width = 72): string {
  const chars = text.split('');
  let column = 0;
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] === '\n') {
      column = 0;
      continue;
    }
    column++;
    if (column > width && chars[i] === ' ') {
      chars[i] = '\n';
      column = 0;
    }
  }
  return chars.join('');
}

function load(): Array<{ name: string; text: string; gold: GoldDocument }> {
  return readdirSync(DIR)
    .filter((f) => f.endsWith(GOLD_FILE_SUFFIX) && !f.endsWith(`.events${GOLD_FILE_SUFFIX}`))
    .sort()
    .map((f) => {
      const parsed = parseGoldFile(readFileSync(join(DIR, f), 'utf8'));
      if (!parsed.gold) throw new Error(`${f}: ${parsed.problems.map((p) => p.message).join('; ')}`);
      return { name: parsed.gold.document, text: readFileSync(join(DIR, parsed.gold.document), 'utf8'), gold: parsed.gold };
    });
}

/** What `conflict-annotator annotate` writes for a fresh article (with what was learned, if any), scored against the gold. */
type Base = ReturnType<typeof buildDefaultGazetteer>;
let shippedGazetteer: Base | undefined;
const baseGazetteer = (): Base => (shippedGazetteer ??= buildDefaultGazetteer());

function score(docs: ReturnType<typeof load>, wrap: boolean, learned?: LearnedModel, base: Base = baseGazetteer()): NamedScores {
  const gazetteer = learned ? withLearned(base, learned) : base;
  const predicted = docs.map(({ name, text }) => annotated(name, wrap ? hardWrap(text) : text, gazetteer, learned));
  return scoreNamedMentions(
    docs.map((d) => d.gold),
    predicted,
  );
}

function annotated(name: string, text: string, gazetteer: ReturnType<typeof buildDefaultGazetteer> | ReturnType<typeof withLearned>, learned?: LearnedModel): Sidecar {
  const sha = createHash('sha256').update(text).digest('hex');
  return annotateDocument(emptySidecar(name, sha), text, sha, gazetteer, learned ? { learned } : {}).sidecar;
}

/**
 * A person reviews documents one by one: accepts the gold names and places of each (with their entities) and
 * rejects the other suggestions; after each document, the F1 on the documents not yet reviewed, with what was
 * learned and without.
 */
function learningSimulation(docs: ReturnType<typeof load>, base: Base = baseGazetteer()): Array<{ reviewed: number; withLearning: NamedScores; without: NamedScores; learnedNames: number }> {
  const model = emptyLearned();
  const rows = [];
  for (let k = 0; k < docs.length; k++) {
    const rest = docs.slice(k);
    rows.push({ reviewed: k, withLearning: score(rest, false, model, base), without: score(rest, false, undefined, base), learnedNames: model.entries.size });
    const { name, text, gold } = docs[k];
    const suggested = annotated(name, text, withLearned(base, model), model);
    const goldSpans = new Set(gold.mentions.map((m) => `${m.start}:${m.end}`));
    const review: Sidecar = { ...suggested, mentions: [], rejected: [] };
    gold.mentions.forEach((m, i) => {
      if (m.label === 'PLACE' || m.named) review.mentions.push({ id: `g${i}`, label: m.label, start: m.start, end: m.end, text: m.text, ...(m.entity ? { entity: m.entity } : {}), status: 'accepted', origin: 'manual' });
    });
    for (const m of suggested.mentions) if (!goldSpans.has(`${m.start}:${m.end}`)) review.rejected.push({ kind: 'mention', label: m.label, start: m.start, end: m.end, text: m.text });
    learnFromSidecar(model, name, review);
  }
  return rows;
}

describe('real-dev: real articles, gold by others', () => {
  if (!present) {
    // CI has shared/ beside the repo: there a missing folder is an error, not a skip
    it.skipIf(!process.env.CI)(`real-dev folder ${DIR} is missing`, () => expect(present).toBe(true));
    if (!process.env.CI) console.warn(`real-dev scores skipped: ${DIR} not found (set REAL_DEV_DIR)`);
    return;
  }
  const docs = load();

  it('has gold whose quotes match the texts', () => {
    expect(docs.length).toBeGreaterThanOrEqual(6);
    for (const { name, text, gold } of docs) {
      const cps = Array.from(text);
      for (const m of gold.mentions) expect(cps.slice(m.start, m.end).join(''), `${name} ${m.start}`).toBe(m.text);
    }
  });

  it('learning simulation: accepting the gold document by document does not lower F1 on the documents left', () => {
    const rows = learningSimulation(docs);
    for (const r of rows) {
      console.log(`real-dev learning: ${r.reviewed} reviewed, ${r.learnedNames} learned names; F1 on the ${docs.length - r.reviewed} left ${r.withLearning.f1.toFixed(3)} (without learning ${r.without.f1.toFixed(3)}; P ${r.withLearning.precision.toFixed(3)} R ${r.withLearning.recall.toFixed(3)})`);
      expect(r.withLearning.f1).toBeGreaterThanOrEqual(r.without.f1 - 1e-9);
    }
  });

  // The shipped gazetteer already knows most names of these six conflicts, so learning has little to add above.
  // Without the place data (a conflict whose places it does not hold), what a person accepts must carry over:
  // measured 0.927 -> 0.934, 0.928 -> 0.938, 0.933 -> 0.948 on the documents left after 2, 3 and 4 reviewed.
  it('learning simulation without the place data: what was accepted raises F1 on the documents left', () => {
    const rows = learningSimulation(docs, defaultGazetteer(undefined));
    let gained = 0;
    for (const r of rows) {
      console.log(`real-dev learning, no place data: ${r.reviewed} reviewed; F1 on the ${docs.length - r.reviewed} left ${r.withLearning.f1.toFixed(3)} (without learning ${r.without.f1.toFixed(3)})`);
      expect(r.withLearning.f1).toBeGreaterThanOrEqual(r.without.f1 - 1e-9);
      if (r.withLearning.f1 > r.without.f1 + 0.005) gained++;
    }
    expect(gained, 'steps where learning raised F1 by more than 0.005').toBeGreaterThanOrEqual(3);
  });

  for (const variant of ['plain', 'wrapped'] as const) {
    it(`${variant}: named actor + place F1, cue recall and kind accuracy stay at or above their floors`, () => {
      const s = score(docs, variant === 'wrapped');
      console.log(`real-dev ${variant}: P=${s.precision.toFixed(3)} R=${s.recall.toFixed(3)} F1=${s.f1.toFixed(3)} cue recall=${s.cueRecall.toFixed(3)} kind accuracy=${s.kindAccuracy.toFixed(3)} (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`);
      expect(s.f1, 'F1').toBeGreaterThanOrEqual(FLOORS[variant].f1);
      expect(s.cueRecall, 'cue recall').toBeGreaterThanOrEqual(FLOORS[variant].cueRecall);
      expect(s.kindAccuracy, 'kind accuracy').toBeGreaterThanOrEqual(FLOORS[variant].kindAccuracy);
    });
  }
});
