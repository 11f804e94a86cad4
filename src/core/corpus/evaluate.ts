/**
 * Scores predicted annotations against gold sidecars (definitions in media/docs/guidelines.md, section 5).
 * Pure: texts, gold and predictions in, numbers out. `evaluateTexts` runs detection first, so the CLI and the
 * quality tests share one code path.
 */
import type { EntityLabel, MentionLabel, Sidecar } from '../model';
import { ENTITY_LABELS, isEntityLabel } from '../model';
import { detect, type GazetteerMatcher } from '../detection/detect';
import { TextIndex } from '../text/textIndex';
import type { GoldDocument } from './goldFile';
import { InputError } from './corpusErrors';
import { detectEvents } from '../events/detectEvents';
import { referenceDate } from '../events/dates';
import type { Taxonomy } from '../events/taxonomy';
import { checkEventGold, detectedEvents, EventEvaluation, formatEventReport, type EventReport, type GoldEvent } from './scoreEvents';

/** What is scored of a prediction: a Sidecar or a Detection both fit. */
export interface Annotations {
  readonly mentions: ReadonlyArray<{ readonly start: number; readonly end: number; readonly label: MentionLabel; readonly entity?: string; readonly orphan?: boolean }>;
  readonly attributions: ReadonlyArray<{
    readonly cue: { readonly start: number; readonly end: number };
    readonly source?: { readonly start: number; readonly end: number };
    readonly kind: 'named' | 'anonymous';
    readonly direct: boolean;
    readonly orphan?: boolean;
  }>;
}

export interface Scores {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/** Entity labels: the guidelines' actors and places (victims, CIVILIAN, are neither scored nor counted against). */
export type LabelKey = EntityLabel | 'ALL';

export interface AttributionScores {
  readonly gold: number;
  readonly predicted: number;
  readonly cuesFound: number;
  readonly cueRecall: number;
  readonly cuePrecision: number;
  readonly sourcesFound: number;
  /** Found cues whose predicted source overlaps the gold source, over gold attributions that have a source. */
  readonly sourceRecall: number;
  readonly kindCorrect: number;
  /** named/anonymous agreement over found cues. */
  readonly kindAccuracy: number;
  readonly directCorrect: number;
  readonly directAccuracy: number;
}

export interface LinkingScores {
  /** Pairs of gold mentions that were both matched exactly. */
  readonly pairs: number;
  /** Pairs where gold and prediction agree on "same entity" vs "different entity". */
  readonly agreed: number;
  readonly accuracy: number;
}

export interface DocumentReport {
  readonly name: string;
  readonly exact: Readonly<Record<LabelKey, Scores>>;
  readonly overlap: Readonly<Record<LabelKey, Scores>>;
  readonly attributions: AttributionScores;
}

export interface Report {
  readonly documents: readonly DocumentReport[];
  readonly exact: Readonly<Record<LabelKey, Scores>>;
  readonly overlap: Readonly<Record<LabelKey, Scores>>;
  readonly linking: LinkingScores;
  readonly attributions: AttributionScores;
  /** With flat gold files (`NAME.gold.yaml`): the named-mention scores of `scoreNamedMentions`. */
  readonly named?: NamedScores;
  /** With event gold: the event suggestions' scores (scoreEvents). */
  readonly events?: EventReport;
}

/**
 * Named ACTOR and all PLACE mentions, exact span match, where a gold country or city (`gpe`) accepts either
 * label and a predicted span that is a described group in the gold ("Iraqi troops") counts neither way; cues
 * found by overlap, named/anonymous agreement of the first predicted cue overlapping each gold one. The measure
 * of the external evaluation sets, computed the same way.
 */
export interface NamedScores extends Scores {
  readonly cues: number;
  readonly cuesFound: number;
  readonly cueRecall: number;
  readonly kindCorrect: number;
  readonly kindAccuracy: number;
}

/** Named-mention counts summed a document at a time (see {@link scoreNamedMentions}). */
export class NamedEvaluation {
  private readonly c: Counts = { tp: 0, fp: 0, fn: 0 };
  private cues = 0;
  private cuesFound = 0;
  private kindCorrect = 0;

  add(g: GoldDocument, predicted: Annotations): void {
    const key = (m: { start: number; end: number }): string => `${m.start}:${m.end}`;
    const scored = new Map(g.mentions.filter((m) => m.label === 'PLACE' || m.named === true).map((m) => [key(m), m] as const));
    const any = new Set(g.mentions.map(key));
    const matched = new Set<string>();
    for (const m of live(predicted.mentions)) {
      // as the external scorer: actors and places only (victims are no actors by the guidelines)
      if (!isEntityLabel(m.label)) continue;
      const k = key(m);
      const gm = scored.get(k);
      if (gm && (gm.label === m.label || gm.gpe)) {
        this.c.tp++;
        matched.add(k);
      } else if (!any.has(k)) this.c.fp++;
    }
    this.c.fn += scored.size - matched.size;
    const predictedCues = live(predicted.attributions);
    for (const a of g.attributions) {
      this.cues++;
      const hit = predictedCues.find((p) => overlaps(p.cue, a.cue));
      if (!hit) continue;
      this.cuesFound++;
      if (hit.kind === a.kind) this.kindCorrect++;
    }
  }

  scores(): NamedScores {
    const { cues, cuesFound, kindCorrect } = this;
    return { ...toScores(this.c), cues, cuesFound, cueRecall: cues === 0 ? 0 : cuesFound / cues, kindCorrect, kindAccuracy: cuesFound === 0 ? 0 : kindCorrect / cuesFound };
  }
}

export function scoreNamedMentions(gold: readonly GoldDocument[], predicted: readonly Annotations[]): NamedScores {
  if (gold.length !== predicted.length) throw new Error(`scoreNamedMentions: ${gold.length} gold documents but ${predicted.length} predictions`);
  const named = new NamedEvaluation();
  gold.forEach((g, d) => named.add(g, predicted[d]));
  return named.scores();
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);

function toScores(c: Counts): Scores {
  const precision = ratio(c.tp, c.tp + c.fp);
  const recall = ratio(c.tp, c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1 };
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start < b.end && b.start < a.end;

type Mention = Annotations['mentions'][number];

/** One-to-one matching of gold to predicted mentions of the same label; `exact` demands identical spans. */
function matchMentions(gold: readonly Mention[], predicted: readonly Mention[], exact: boolean): Map<number, number> {
  const pairs = new Map<number, number>();
  const used = new Set<number>();
  const byStart = predicted.map((m, i) => ({ m, i })).sort((x, y) => x.m.start - y.m.start);
  for (let g = 0; g < gold.length; g++) {
    const gm = gold[g];
    let best = -1;
    for (const { m, i } of byStart) {
      if (m.start >= gm.end) break;
      if (used.has(i) || m.label !== gm.label) continue;
      if (exact ? m.start === gm.start && m.end === gm.end : overlaps(m, gm)) {
        best = i;
        break;
      }
    }
    if (best >= 0) {
      used.add(best);
      pairs.set(g, best);
    }
  }
  return pairs;
}

function emptyCounts(): Record<LabelKey, Counts> {
  return { ACTOR: { tp: 0, fp: 0, fn: 0 }, PLACE: { tp: 0, fp: 0, fn: 0 }, ALL: { tp: 0, fp: 0, fn: 0 } };
}

function addCounts(into: Record<LabelKey, Counts>, gold: readonly Mention[], predicted: readonly Mention[], pairs: Map<number, number>): void {
  for (const label of ENTITY_LABELS) {
    const g = gold.filter((m) => m.label === label).length;
    const p = predicted.filter((m) => m.label === label).length;
    let tp = 0;
    for (const gi of pairs.keys()) if (gold[gi].label === label) tp++;
    into[label].tp += tp;
    into[label].fp += p - tp;
    into[label].fn += g - tp;
    into.ALL.tp += tp;
    into.ALL.fp += p - tp;
    into.ALL.fn += g - tp;
  }
}

function scoresOf(c: Record<LabelKey, Counts>): Record<LabelKey, Scores> {
  return { ACTOR: toScores(c.ACTOR), PLACE: toScores(c.PLACE), ALL: toScores(c.ALL) };
}

interface AttributionCounts {
  gold: number;
  predicted: number;
  cuesFound: number;
  predictedMatched: number;
  goldWithSource: number;
  sourcesFound: number;
  kindCorrect: number;
  directCorrect: number;
}

function scoreAttributions(gold: Annotations['attributions'], predicted: Annotations['attributions'], into: AttributionCounts): void {
  const used = new Set<number>();
  into.gold += gold.length;
  into.predicted += predicted.length;
  for (const g of gold) {
    const pi = predicted.findIndex((p, i) => !used.has(i) && overlaps(p.cue, g.cue));
    if (g.source) into.goldWithSource++;
    if (pi < 0) continue;
    used.add(pi);
    const p = predicted[pi];
    into.cuesFound++;
    if (g.source && p.source && overlaps(g.source, p.source)) into.sourcesFound++;
    if (g.kind === p.kind) into.kindCorrect++;
    if (g.direct === p.direct) into.directCorrect++;
  }
  into.predictedMatched += used.size;
}

function attributionScores(c: AttributionCounts): AttributionScores {
  return {
    gold: c.gold,
    predicted: c.predicted,
    cuesFound: c.cuesFound,
    cueRecall: ratio(c.cuesFound, c.gold),
    cuePrecision: ratio(c.predictedMatched, c.predicted),
    sourcesFound: c.sourcesFound,
    sourceRecall: ratio(c.sourcesFound, c.goldWithSource),
    kindCorrect: c.kindCorrect,
    kindAccuracy: ratio(c.kindCorrect, c.cuesFound),
    directCorrect: c.directCorrect,
    directAccuracy: ratio(c.directCorrect, c.cuesFound),
  };
}

const emptyAttributionCounts = (): AttributionCounts => ({ gold: 0, predicted: 0, cuesFound: 0, predictedMatched: 0, goldWithSource: 0, sourcesFound: 0, kindCorrect: 0, directCorrect: 0 });

const live = <T extends { orphan?: boolean }>(xs: ReadonlyArray<T>): T[] => xs.filter((x) => !x.orphan);

/** Throws when a gold annotation's quote is not what its offsets select in `text` (stale or misplaced gold). */
export function checkGoldAgainstText(gold: Sidecar, text: string): void {
  const index = new TextIndex(text);
  const spans = [...gold.mentions, ...gold.attributions.flatMap((a) => [a.cue, ...(a.source ? [a.source] : [])])];
  for (const s of spans) {
    if ('orphan' in s && s.orphan) continue;
    const actual = index.slice(s.start, s.end);
    if (actual !== s.text) {
      throw new InputError(`gold for ${gold.document.text} does not match its text at ${s.start}-${s.end}: expected ${JSON.stringify(s.text)}, found ${JSON.stringify(actual)}`);
    }
  }
}

/**
 * Scores `predicted[i]` against `gold[i]`. With `texts`, every gold quote is first checked against its text, so
 * stale gold fails loudly instead of scoring wrong. Rows are named by the gold's document.text.
 */
export function evaluate(gold: readonly Sidecar[], predicted: readonly Annotations[], texts?: readonly string[]): Report {
  if (gold.length !== predicted.length) throw new Error(`evaluate: ${gold.length} gold documents but ${predicted.length} predictions`);
  if (texts) {
    if (texts.length !== gold.length) throw new Error(`evaluate: ${gold.length} gold documents but ${texts.length} texts`);
    gold.forEach((g, i) => checkGoldAgainstText(g, texts[i]));
  }
  const evaluation = new Evaluation();
  for (let d = 0; d < gold.length; d++) evaluation.add(gold[d], predicted[d]);
  return evaluation.report();
}

/** Scores summed a document at a time: what is kept of a document is its row of the report. */
export class Evaluation {
  private readonly exactAll = emptyCounts();
  private readonly overlapAll = emptyCounts();
  private readonly attrAll = emptyAttributionCounts();
  private pairs = 0;
  private agreed = 0;
  private readonly documents: DocumentReport[] = [];
  private named: NamedEvaluation | undefined;
  private events: EventEvaluation | undefined;

  /** `flat`: the flat gold file `gold` came from, when it did (adds the named-mention scores). */
  add(gold: Sidecar, predicted: Annotations, flat?: GoldDocument): void {
    if (flat) (this.named ??= new NamedEvaluation()).add(flat, predicted);
    const gm = live(gold.mentions).sort((a, b) => a.start - b.start || a.end - b.end);
    const pm = live(predicted.mentions);
    const exactPairs = matchMentions(gm, pm, true);
    const overlapPairs = matchMentions(gm, pm, false);
    const exact = emptyCounts();
    const overlap = emptyCounts();
    addCounts(exact, gm, pm, exactPairs);
    addCounts(overlap, gm, pm, overlapPairs);
    addCounts(this.exactAll, gm, pm, exactPairs);
    addCounts(this.overlapAll, gm, pm, overlapPairs);
    const matched = [...exactPairs.entries()];
    for (let a = 0; a < matched.length; a++) {
      for (let b = a + 1; b < matched.length; b++) {
        const [ga, pa] = matched[a];
        const [gb, pb] = matched[b];
        const goldSame = gm[ga].entity !== undefined && gm[ga].entity === gm[gb].entity;
        const predSame = pm[pa].entity !== undefined && pm[pa].entity === pm[pb].entity;
        this.pairs++;
        if (goldSame === predSame) this.agreed++;
      }
    }
    const attr = emptyAttributionCounts();
    scoreAttributions(live(gold.attributions), live(predicted.attributions), attr);
    scoreAttributions(live(gold.attributions), live(predicted.attributions), this.attrAll);
    this.documents.push({ name: gold.document.text, exact: scoresOf(exact), overlap: scoresOf(overlap), attributions: attributionScores(attr) });
  }

  /** Event suggestions of one document against its event gold. */
  addEvents(name: string, gold: readonly GoldEvent[], predicted: ReturnType<typeof detectedEvents>): void {
    (this.events ??= new EventEvaluation()).add({ name, gold, predicted });
  }

  /** Documents scored: with mention gold, or with event gold only. */
  get count(): number {
    return Math.max(this.documents.length, this.events?.count ?? 0);
  }

  report(): Report {
    return {
      documents: [...this.documents],
      exact: scoresOf(this.exactAll),
      overlap: scoresOf(this.overlapAll),
      linking: { pairs: this.pairs, agreed: this.agreed, accuracy: ratio(this.agreed, this.pairs) },
      attributions: attributionScores(this.attrAll),
      ...(this.named ? { named: this.named.scores() } : {}),
      ...(this.events ? { events: this.events.report() } : {}),
    };
  }
}

export interface EvaluationInput {
  readonly name: string;
  readonly text: string;
  /** Mention and attribution gold; absent when the article has event gold only. */
  readonly gold?: Sidecar;
  /** The flat gold file the sidecar came from, when it did: adds the named-mention scores. */
  readonly flat?: GoldDocument;
  /** Event gold: the article's events are scored too. */
  readonly events?: readonly GoldEvent[];
  /** The article's date (the gold's `document.date`, publication metadata): the reference for relative dates. */
  readonly date?: string;
}

export interface EvaluateOptions {
  /** Event names for the suggestions (default ACLED). */
  readonly taxonomy?: Taxonomy;
}

/**
 * Detection on one article scored into `evaluation`: mentions and attributions against its gold sidecar; with
 * event gold, event detection as `annotate` runs it (reference date from the given date, the dateline, the file
 * name or the text) against the events. Throws when a gold quote is not what its offsets select.
 */
export function evaluateInput(evaluation: Evaluation, input: EvaluationInput, gazetteer: GazetteerMatcher, options: EvaluateOptions = {}): void {
  if (input.gold) checkGoldAgainstText(input.gold, input.text);
  const index = new TextIndex(input.text);
  if (input.events) checkEventGold(input.name, input.events, index);
  const detection = detect(input.text, gazetteer);
  if (input.gold) evaluation.add(input.gold, detection, input.flat);
  if (!input.events) return;
  const date = referenceDate({ text: input.name, ...(input.date ? { date: input.date } : {}) }, input.text)?.date;
  const found = detectEvents(input.text, detection, {
    index,
    ...(date ? { date } : {}),
    ...(options.taxonomy ? { taxonomy: options.taxonomy } : {}),
    entityOf: gazetteer.get ? (id) => gazetteer.get!(id) : undefined,
    isDemonym: gazetteer.isDemonym ? (w) => gazetteer.isDemonym!(w) : undefined,
  });
  evaluation.addEvents(input.name, input.events, detectedEvents(found.events, index));
}

/** Runs detection on each text and scores it against its gold (evaluateInput). */
export function evaluateTexts(inputs: readonly EvaluationInput[], gazetteer: GazetteerMatcher, options: EvaluateOptions = {}): Report {
  const evaluation = new Evaluation();
  for (const i of inputs) evaluateInput(evaluation, i, gazetteer, options);
  return evaluation.report();
}

const pct = (x: number): string => (x * 100).toFixed(1).padStart(6);

/** A plain-text table of the report, for the CLI and test logs. */
export function formatReport(report: Report): string {
  const lines: string[] = [];
  if (report.documents.length === 0 && report.events) return formatEventReport(report.events);
  lines.push(`Mentions (${report.documents.length} documents)`);
  lines.push('label   match      P       R      F1     tp    fp    fn');
  for (const [kind, scores] of [['exact', report.exact], ['overlap', report.overlap]] as const) {
    for (const label of ['ACTOR', 'PLACE', 'ALL'] as const) {
      const s = scores[label];
      lines.push(`${label.padEnd(7)} ${kind.padEnd(8)}${pct(s.precision)}  ${pct(s.recall)}  ${pct(s.f1)}  ${String(s.tp).padStart(5)} ${String(s.fp).padStart(5)} ${String(s.fn).padStart(5)}`);
    }
  }
  const l = report.linking;
  lines.push('');
  lines.push(`Entity linking (pairwise agreement over exact matches): ${pct(l.accuracy).trim()}%  (${l.agreed}/${l.pairs} pairs)`);
  const n = report.named;
  if (n) {
    lines.push('');
    lines.push(`Named actors and places (exact; a country or city either label): P ${pct(n.precision).trim()}%  R ${pct(n.recall).trim()}%  F1 ${pct(n.f1).trim()}%  (tp ${n.tp}, fp ${n.fp}, fn ${n.fn})`);
    lines.push(`  cue recall ${pct(n.cueRecall).trim()}% (${n.cuesFound}/${n.cues}), named/anonymous acc. ${pct(n.kindAccuracy).trim()}% (${n.kindCorrect}/${n.cuesFound})`);
  }
  const a = report.attributions;
  lines.push('');
  lines.push(`Attributions: gold ${a.gold}, predicted ${a.predicted}`);
  lines.push(`  cue recall           ${pct(a.cueRecall)}%  (${a.cuesFound}/${a.gold})`);
  lines.push(`  cue precision        ${pct(a.cuePrecision)}%`);
  lines.push(`  source recall        ${pct(a.sourceRecall)}%  (${a.sourcesFound})`);
  lines.push(`  named/anonymous acc. ${pct(a.kindAccuracy)}%  (${a.kindCorrect}/${a.cuesFound})`);
  lines.push(`  direct/indirect acc. ${pct(a.directAccuracy)}%  (${a.directCorrect}/${a.cuesFound})`);
  lines.push('');
  lines.push('Per document (overlap F1 ALL, exact F1 ALL, cue recall)');
  for (const d of report.documents) {
    lines.push(`  ${d.name.padEnd(36)} ${pct(d.overlap.ALL.f1)} ${pct(d.exact.ALL.f1)} ${pct(d.attributions.cueRecall)}`);
  }
  if (report.events) lines.push('', formatEventReport(report.events));
  return lines.join('\n');
}
