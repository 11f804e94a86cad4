/**
 * Event scoring for the quality tests: the same matching and figures as the real-dev scorer
 * (score_events.py): a prediction matches a gold record when its span overlaps one of the record's spans,
 * one to one, same type first; further predictions on a matched record are repeats (false positives for
 * strict and typed F1); roles count when the predicted mention overlaps the gold role span or has its text.
 */
import { parse } from 'yaml';
import type { Sidecar } from '../../src/core/model';

export interface RoleSpan {
  start: number;
  end: number;
  text: string;
}

export interface GoldEvent {
  type: string;
  subtype: string;
  spans: Array<{ start: number; end: number }>;
  actor1?: RoleSpan;
  actor2?: RoleSpan;
  place?: RoleSpan;
  date?: string;
  fatalities?: number;
}

export interface PredictedEvent {
  type: string;
  subtype: string;
  start: number;
  end: number;
  actor1?: RoleSpan;
  actor2?: RoleSpan;
  place?: RoleSpan;
  date?: string;
  fatalities?: number;
}

export interface EventFigures {
  gold: number;
  predicted: number;
  precision: number;
  recall: number;
  lenientF1: number;
  strictF1: number;
  typedF1: number;
  subtype: number;
  actor1: number;
  actor2: number;
  place: number;
  date: number;
  fatalities: number;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start < b.end && b.start < a.end;

function roleOk(pred: RoleSpan | undefined, gold: RoleSpan): boolean {
  return pred !== undefined && (overlaps(pred, gold) || pred.text.toLowerCase() === gold.text.toLowerCase());
}

export function scoreEvents(docs: ReadonlyArray<{ gold: readonly GoldEvent[]; predicted: readonly PredictedEvent[] }>): EventFigures {
  const T = { gold: 0, pred: 0, match: 0, typed: 0, repeats: 0, sub: [0, 0], a1: [0, 0], a2: [0, 0], pl: [0, 0], date: [0, 0], fat: [0, 0] };
  for (const { gold, predicted } of docs) {
    T.gold += gold.length;
    T.pred += predicted.length;
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
    predicted.forEach((e, pi) => {
      if (!used.has(pi) && [...matched.keys()].some((gi) => gold[gi].spans.some((s) => overlaps(e, s)))) T.repeats++;
    });
    T.match += matched.size;
    for (const [gi, pi] of matched) {
      const rec = gold[gi];
      const e = predicted[pi];
      if (e.type !== rec.type) continue;
      T.typed++;
      T.sub[1]++;
      if (e.subtype === rec.subtype) T.sub[0]++;
      for (const [role, acc] of [['actor1', T.a1], ['actor2', T.a2], ['place', T.pl]] as const) {
        const g = rec[role];
        if (!g) continue;
        acc[1]++;
        if (roleOk(e[role], g)) acc[0]++;
      }
      if (rec.date !== undefined) {
        T.date[1]++;
        if ((e.date ?? '').startsWith(rec.date)) T.date[0]++;
      }
      T.fat[1]++;
      if ((rec.fatalities ?? 0) === (e.fatalities ?? 0)) T.fat[0]++;
    }
  }
  const f1 = (tp: number, npred: number, ngold: number): [number, number, number] => {
    const p = npred ? tp / npred : 0;
    const r = ngold ? tp / ngold : 0;
    return [p, r, p + r ? (2 * p * r) / (p + r) : 0];
  };
  const ratio = ([ok, n]: number[]): number => (n ? ok / n : 0);
  const [p, r, lenient] = f1(T.match, T.pred - T.repeats, T.gold);
  return {
    gold: T.gold,
    predicted: T.pred,
    precision: p,
    recall: r,
    lenientF1: lenient,
    strictF1: f1(T.match, T.pred, T.gold)[2],
    typedF1: f1(T.typed, T.pred, T.gold)[2],
    subtype: ratio(T.sub),
    actor1: ratio(T.a1),
    actor2: ratio(T.a2),
    place: ratio(T.pl),
    date: ratio(T.date),
    fatalities: ratio(T.fat),
  };
}

/** The events of a sidecar, roles resolved to the spans of the mentions they name. */
export function predictedEvents(sidecar: Sidecar): PredictedEvent[] {
  const mentions = new Map(sidecar.mentions.map((m) => [m.id, { start: m.start, end: m.end, text: m.text }]));
  return sidecar.events.map((e) => {
    const out: PredictedEvent = { type: e.type, subtype: e.subtype, start: e.start, end: e.end };
    for (const role of ['actor1', 'actor2', 'place'] as const) {
      const m = e[role] !== undefined ? mentions.get(e[role]!) : undefined;
      if (m) out[role] = m;
    }
    if (e.date !== undefined) out.date = e.date;
    if (e.fatalities !== undefined) out.fatalities = e.fatalities;
    return out;
  });
}

type RawRole = { start: number; end: number; text: string } | null | undefined;
const role = (r: RawRole): RoleSpan | undefined => (r ? { start: r.start, end: r.end, text: String(r.text) } : undefined);

/** Real-dev gold (`STEM.events.gold.yaml`, EVENT_GUIDELINES.md). */
export function parseRealDevGold(yamlText: string): GoldEvent[] {
  const doc = parse(yamlText) as { events?: Array<Record<string, unknown>> };
  return (doc.events ?? []).map((e) => ({
    type: String(e.type),
    subtype: String(e.subtype),
    spans: (e.spans as Array<{ start: number; end: number }>).map((s) => ({ start: s.start, end: s.end })),
    actor1: role(e.actor1 as RawRole),
    actor2: role(e.actor2 as RawRole),
    place: role(e.place as RawRole),
    ...(e.date !== null && e.date !== undefined ? { date: String(e.date) } : {}),
    ...(typeof e.fatalities === 'number' ? { fatalities: e.fatalities } : {}),
  }));
}

export interface OwnGold {
  text: string;
  mentions: Array<{ id: string; label: string; start: number; end: number; text: string }>;
  events: Array<{ id: string; type: string; subtype: string; start: number; end: number; text: string; actor1?: string; actor2?: string; place?: string; date?: string; fatalities?: number; spans?: Array<{ start: number; end: number; text: string }> }>;
}

/** Our event gold (test/fixtures/events/NAME.events.yaml): sidecar-style events whose roles name the file's mentions. */
export function parseOwnGold(yamlText: string): { text: string; gold: GoldEvent[]; raw: OwnGold } {
  const raw = parse(yamlText) as { document: { text: string } } & Omit<OwnGold, 'text'>;
  const mentions = new Map((raw.mentions ?? []).map((m) => [m.id, m]));
  const gold = (raw.events ?? []).map((e) => ({
    type: e.type,
    subtype: e.subtype,
    spans: [{ start: e.start, end: e.end }, ...(e.spans ?? []).map((s) => ({ start: s.start, end: s.end }))],
    actor1: role(e.actor1 ? mentions.get(e.actor1) : undefined),
    actor2: role(e.actor2 ? mentions.get(e.actor2) : undefined),
    place: role(e.place ? mentions.get(e.place) : undefined),
    ...(e.date !== undefined ? { date: String(e.date) } : {}),
    ...(e.fatalities !== undefined ? { fatalities: e.fatalities } : {}),
  }));
  return { text: raw.document.text, gold, raw: { text: raw.document.text, mentions: raw.mentions ?? [], events: raw.events ?? [] } };
}
