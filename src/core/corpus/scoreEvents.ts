/**
 * Event suggestions scored against event gold, the way ACLED-style evaluation sets score them: a prediction
 * matches a gold event when its span overlaps one of the event's spans, one to one, same type first; further
 * predictions on a matched event are repeats, false positives for the strict and typed F1 (not the lenient
 * one). Typed F1 needs the type to agree; sub-type, actor 1, actor 2, place, date and fatalities accuracies are
 * over the typed matches (a role counts when the predicted mention overlaps the gold role span or has its text;
 * a date when the prediction starts with the gold date, so "2014-06" accepts any day of June 2014).
 *
 * Gold comes as `NAME.events.gold.yaml` (roles as spans: the real-dev format, `EVENT_GUIDELINES.md`),
 * `NAME.events.yaml` (sidecar-style events whose roles name the file's `mentions`), or a gold sidecar's events.
 * Parsers never throw: problems instead.
 */
import { parseDocument } from 'yaml';
import type { DetectedEvent, Sidecar } from '../model';
import type { Problem } from '../problem';
import type { TextIndex } from '../text/textIndex';
import { InputError } from './corpusErrors';

export const EVENT_GOLD_SUFFIXES = ['.events.gold.yaml', '.events.yaml'] as const;

export interface RoleSpan {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface GoldEvent {
  readonly type: string;
  readonly subtype: string;
  readonly spans: ReadonlyArray<{ readonly start: number; readonly end: number; readonly text?: string }>;
  readonly actor1?: RoleSpan;
  readonly actor2?: RoleSpan;
  readonly place?: RoleSpan;
  /** ISO date or a prefix of one ("2014-06", "2014"); absent when the gold says it is unknowable. */
  readonly date?: string;
  readonly fatalities?: number;
}

export interface PredictedEvent {
  readonly type: string;
  readonly subtype: string;
  readonly start: number;
  readonly end: number;
  readonly actor1?: RoleSpan;
  readonly actor2?: RoleSpan;
  readonly place?: RoleSpan;
  readonly date?: string;
  readonly fatalities?: number;
}

export interface EventCounts {
  readonly gold: number;
  readonly predicted: number;
  readonly matched: number;
  readonly typed: number;
  /** Further predictions on an already matched gold event. */
  readonly repeats: number;
}

export interface EventFigures extends EventCounts {
  readonly precision: number;
  readonly recall: number;
  readonly lenientF1: number;
  readonly strictF1: number;
  readonly typedF1: number;
  readonly subtype: number;
  readonly actor1: number;
  readonly actor2: number;
  readonly place: number;
  readonly date: number;
  readonly fatalities: number;
  /** [correct, scored] behind each accuracy. */
  readonly counts: Readonly<Record<'subtype' | 'actor1' | 'actor2' | 'place' | 'date' | 'fatalities', readonly [number, number]>>;
}

export interface EventDocument {
  readonly name?: string;
  readonly gold: readonly GoldEvent[];
  readonly predicted: readonly PredictedEvent[];
}

export interface EventReport {
  readonly overall: EventFigures;
  readonly documents: ReadonlyArray<EventCounts & { readonly name: string }>;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start < b.end && b.start < a.end;

function roleOk(pred: RoleSpan | undefined, gold: RoleSpan): boolean {
  return pred !== undefined && (overlaps(pred, gold) || pred.text.toLowerCase() === gold.text.toLowerCase());
}

type Tally = { gold: number; predicted: number; matched: number; typed: number; repeats: number; acc: Record<keyof EventFigures['counts'], [number, number]> };

function countDocument(doc: EventDocument, t: Tally): EventCounts {
  const { gold, predicted } = doc;
  const used = new Set<number>();
  const matched = new Map<number, number>();
  for (const sameType of [true, false]) {
    gold.forEach((rec, gi) => {
      if (matched.has(gi)) return;
      const pi = predicted.findIndex((e, k) => !used.has(k) && (!sameType || e.type === rec.type) && rec.spans.some((s) => overlaps(e, s)));
      if (pi >= 0) {
        used.add(pi);
        matched.set(gi, pi);
      }
    });
  }
  let repeats = 0;
  predicted.forEach((e, pi) => {
    if (!used.has(pi) && [...matched.keys()].some((gi) => gold[gi].spans.some((s) => overlaps(e, s)))) repeats++;
  });
  let typed = 0;
  for (const [gi, pi] of matched) {
    const rec = gold[gi];
    const e = predicted[pi];
    if (e.type !== rec.type) continue;
    typed++;
    t.acc.subtype[1]++;
    if (e.subtype === rec.subtype) t.acc.subtype[0]++;
    for (const role of ['actor1', 'actor2', 'place'] as const) {
      const g = rec[role];
      if (!g) continue;
      t.acc[role][1]++;
      if (roleOk(e[role], g)) t.acc[role][0]++;
    }
    if (rec.date !== undefined) {
      t.acc.date[1]++;
      if ((e.date ?? '').startsWith(rec.date)) t.acc.date[0]++;
    }
    t.acc.fatalities[1]++;
    if ((rec.fatalities ?? 0) === (e.fatalities ?? 0)) t.acc.fatalities[0]++;
  }
  const c = { gold: gold.length, predicted: predicted.length, matched: matched.size, typed, repeats };
  t.gold += c.gold;
  t.predicted += c.predicted;
  t.matched += c.matched;
  t.typed += c.typed;
  t.repeats += c.repeats;
  return c;
}

function figures(t: Tally): EventFigures {
  const f1 = (tp: number, npred: number, ngold: number): [number, number, number] => {
    const p = npred ? tp / npred : 0;
    const r = ngold ? tp / ngold : 0;
    return [p, r, p + r ? (2 * p * r) / (p + r) : 0];
  };
  const ratio = ([ok, n]: readonly number[]): number => (n ? ok / n : 0);
  const [precision, recall, lenientF1] = f1(t.matched, t.predicted - t.repeats, t.gold);
  return {
    gold: t.gold,
    predicted: t.predicted,
    matched: t.matched,
    typed: t.typed,
    repeats: t.repeats,
    precision,
    recall,
    lenientF1,
    strictF1: f1(t.matched, t.predicted, t.gold)[2],
    typedF1: f1(t.typed, t.predicted, t.gold)[2],
    subtype: ratio(t.acc.subtype),
    actor1: ratio(t.acc.actor1),
    actor2: ratio(t.acc.actor2),
    place: ratio(t.acc.place),
    date: ratio(t.acc.date),
    fatalities: ratio(t.acc.fatalities),
    counts: t.acc,
  };
}

const emptyTally = (): Tally => ({ gold: 0, predicted: 0, matched: 0, typed: 0, repeats: 0, acc: { subtype: [0, 0], actor1: [0, 0], actor2: [0, 0], place: [0, 0], date: [0, 0], fatalities: [0, 0] } });

/** The overall figures of a set of documents. */
export function scoreEvents(docs: readonly EventDocument[]): EventFigures {
  const t = emptyTally();
  for (const d of docs) countDocument(d, t);
  return figures(t);
}

/** Event scores summed a document at a time: what is kept of a document is its row. */
export class EventEvaluation {
  private readonly tally = emptyTally();
  private readonly rows: Array<EventCounts & { name: string }> = [];

  add(doc: EventDocument): void {
    this.rows.push({ name: doc.name ?? `#${this.rows.length + 1}`, ...countDocument(doc, this.tally) });
  }

  get count(): number {
    return this.rows.length;
  }

  report(): EventReport {
    return { overall: figures(this.tally), documents: [...this.rows] };
  }
}

/** The overall figures and the counts of each document. */
export function eventReport(docs: readonly EventDocument[]): EventReport {
  const e = new EventEvaluation();
  for (const d of docs) e.add(d);
  return e.report();
}

/** A sidecar's events (live ones), roles resolved to the spans of the mentions they name. */
export function sidecarEvents(sidecar: Sidecar): PredictedEvent[] {
  const mentions = new Map(sidecar.mentions.filter((m) => !m.orphan).map((m) => [m.id, { start: m.start, end: m.end, text: m.text }]));
  return sidecar.events
    .filter((e) => !e.orphan)
    .map((e) => {
      const out: { -readonly [K in keyof PredictedEvent]: PredictedEvent[K] } = { type: e.type, subtype: e.subtype, start: e.start, end: e.end };
      for (const role of ['actor1', 'actor2', 'place'] as const) {
        const m = e[role] !== undefined ? mentions.get(e[role]!) : undefined;
        if (m) out[role] = m;
      }
      if (e.date !== undefined) out.date = e.date;
      if (e.fatalities !== undefined) out.fatalities = e.fatalities;
      return out;
    });
}

/** Detected events as predictions, role spans quoted from the text. */
export function detectedEvents(events: readonly DetectedEvent[], index: TextIndex): PredictedEvent[] {
  const quote = (r: { start: number; end: number } | undefined): RoleSpan | undefined => r && { start: r.start, end: r.end, text: index.slice(r.start, r.end) };
  return events.map((e) => {
    const out: { -readonly [K in keyof PredictedEvent]: PredictedEvent[K] } = { type: e.type, subtype: e.subtype, start: e.start, end: e.end };
    for (const role of ['actor1', 'actor2', 'place'] as const) {
      const q = quote(e[role]);
      if (q) out[role] = q;
    }
    if (e.date !== undefined) out.date = e.date;
    if (e.fatalities !== undefined) out.fatalities = e.fatalities;
    return out;
  });
}

/** A gold sidecar's events as gold (its spans and the mentions its roles name). */
export function goldEventsOfSidecar(sidecar: Sidecar): GoldEvent[] {
  const mentions = new Map(sidecar.mentions.map((m) => [m.id, { start: m.start, end: m.end, text: m.text }]));
  return sidecar.events
    .filter((e) => !e.orphan)
    .map((e) => ({
      type: e.type,
      subtype: e.subtype,
      spans: [{ start: e.start, end: e.end, text: e.text }, ...(e.spans ?? [])],
      ...roles((r) => (e[r] !== undefined ? mentions.get(e[r]!) : undefined)),
      ...(e.date !== undefined ? { date: e.date } : {}),
      ...(e.fatalities !== undefined ? { fatalities: e.fatalities } : {}),
    }));
}

function roles(get: (role: 'actor1' | 'actor2' | 'place') => RoleSpan | undefined): Partial<Pick<GoldEvent, 'actor1' | 'actor2' | 'place'>> {
  const out: { actor1?: RoleSpan; actor2?: RoleSpan; place?: RoleSpan } = {};
  for (const r of ['actor1', 'actor2', 'place'] as const) {
    const v = get(r);
    if (v) out[r] = v;
  }
  return out;
}

const isSpan = (v: unknown): v is { start: number; end: number; text?: unknown } =>
  typeof v === 'object' && v !== null && Number.isInteger((v as { start?: unknown }).start) && Number.isInteger((v as { end?: unknown }).end) && (v as { start: number }).start >= 0 && (v as { start: number }).start <= (v as { end: number }).end;
const roleSpan = (v: { start: number; end: number; text?: unknown }): RoleSpan => ({ start: v.start, end: v.end, text: String(v.text ?? '') });

/**
 * Parses an event gold file (either format above). `document` is the text file it is about, when the file
 * says (`document: NAME.txt` or `document: {text: NAME.txt}`).
 */
export function parseEventGold(yamlText: string): { events?: GoldEvent[]; document?: string; problems: Problem[] } {
  const problems: Problem[] = [];
  const doc = parseDocument(yamlText);
  if (doc.errors.length > 0) return { problems: doc.errors.map((e) => ({ code: 'yaml-syntax', severity: 'error', message: e.message.split('\n')[0], line: e.linePos?.[0].line ?? 0 })) };
  const root = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown> | null;
  if (!root || typeof root !== 'object' || !Array.isArray(root.events)) return { problems: [{ code: 'missing-key', severity: 'error', message: 'events: a list of gold events is required', line: 0, path: 'events' }] };
  const d = root.document as unknown;
  const document = typeof d === 'string' ? d : typeof d === 'object' && d !== null && typeof (d as { text?: unknown }).text === 'string' ? (d as { text: string }).text : undefined;
  const mentions = new Map<string, RoleSpan>();
  for (const m of Array.isArray(root.mentions) ? (root.mentions as unknown[]) : []) {
    const id = (m as { id?: unknown } | null)?.id;
    if (isSpan(m) && typeof id === 'string') mentions.set(id, roleSpan(m));
  }
  const events: GoldEvent[] = [];
  (root.events as unknown[]).forEach((raw, i) => {
    const path = `events[${i}]`;
    const e = raw as Record<string, unknown> | null;
    if (!e || typeof e !== 'object' || typeof e.type !== 'string' || typeof e.subtype !== 'string') {
      problems.push({ code: 'schema', severity: 'error', message: `${path}: an event needs a type and a subtype`, line: 0, path });
      return;
    }
    const spans = [...(isSpan(e) ? [roleSpan(e)] : []), ...(Array.isArray(e.spans) ? e.spans.filter(isSpan).map(roleSpan) : [])];
    if (spans.length === 0) {
      problems.push({ code: 'schema', severity: 'error', message: `${path}: no span (start/end, or spans: [{start, end}])`, line: 0, path });
      return;
    }
    const role = (r: 'actor1' | 'actor2' | 'place'): RoleSpan | undefined => {
      const v = e[r];
      if (typeof v === 'string') {
        const m = mentions.get(v);
        if (!m) problems.push({ code: 'dangling-ref', severity: 'error', message: `${path}.${r}: no mention "${v}"`, line: 0, path: `${path}.${r}` });
        return m;
      }
      return isSpan(v) ? roleSpan(v) : undefined;
    };
    const date = e.date === null || e.date === undefined ? undefined : e.date instanceof Date ? e.date.toISOString().slice(0, 10) : String(e.date);
    events.push({
      type: e.type,
      subtype: e.subtype,
      spans,
      ...roles(role),
      ...(date !== undefined ? { date } : {}),
      ...(typeof e.fatalities === 'number' ? { fatalities: e.fatalities } : {}),
    });
  });
  return { events, ...(document !== undefined ? { document } : {}), problems };
}

/** Throws when a gold event's quote is not what its offsets select in the text (stale or misplaced gold). */
export function checkEventGold(name: string, gold: readonly GoldEvent[], index: TextIndex): void {
  for (const e of gold) {
    for (const s of [...e.spans, e.actor1, e.actor2, e.place]) {
      if (!s || s.text === undefined || s.text === '') continue;
      const actual = index.slice(s.start, s.end);
      if (actual !== s.text) throw new InputError(`event gold for ${name} does not match its text at ${s.start}-${s.end}: expected ${JSON.stringify(s.text)}, found ${JSON.stringify(actual)}`);
    }
  }
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const acc = (f: EventFigures, k: keyof EventFigures['counts']): string => `${pct(f[k])} (${f.counts[k][0]}/${f.counts[k][1]})`;

/** A plain-text block of the event scores, for the CLI and test logs. */
export function formatEventReport(report: EventReport): string {
  const f = report.overall;
  const lines = [
    `Events (${report.documents.length} documents with event gold): gold ${f.gold}, predicted ${f.predicted}, matched ${f.matched}, typed ${f.typed}, repeats ${f.repeats}`,
    `  P ${pct(f.precision)}  R ${pct(f.recall)}  F1 lenient ${pct(f.lenientF1)}  strict ${pct(f.strictF1)}  typed ${pct(f.typedF1)}`,
    `  sub-type ${acc(f, 'subtype')}  actor 1 ${acc(f, 'actor1')}  actor 2 ${acc(f, 'actor2')}`,
    `  place ${acc(f, 'place')}  date ${acc(f, 'date')}  fatalities ${acc(f, 'fatalities')}`,
    '  Per document (gold, predicted, matched, typed, repeats)',
  ];
  for (const d of report.documents) lines.push(`    ${d.name.padEnd(36)} ${[d.gold, d.predicted, d.matched, d.typed, d.repeats].map((n) => String(n).padStart(4)).join(' ')}`);
  return lines.join('\n');
}
