/**
 * A plain-text rendering of an {@link AgreementReport} for the CLI: fixed-width tables, one line per
 * disagreement (document, kind, label, A's and B's span as `start-end "quote"`). Undefined values print as
 * "n/a". Pure and deterministic; the report itself is the JSON form.
 */
import type { AgreementReport, Disagreement, DisagreementSpan, SpanScores } from './computeAgreement';
import { SPAN_LABEL_KEYS, TOKEN_LAYERS, type TokenLayer } from './computeAgreement';
import { EVENT_ROLES, type CodingAgreement } from './eventAgreement';
import type { UnitizingScore } from './unitizingAlpha';

export interface FormatOptions {
  /** At most this many disagreement lines (default: all). */
  readonly maxDisagreements?: number;
}

const NA = 'n/a';
const pct = (x: number | null, digits = 1): string => (x === null ? NA : `${(x * 100).toFixed(digits)}%`);
const num = (x: number | null, digits = 3): string => (x === null ? NA : x.toFixed(digits));
const right = (s: string | number, w: number): string => String(s).padStart(w);
const QUOTE_MAX = 40;

/** `start-end "quote"`, with the span's own label when it is not the line's (B's label, an event's type). */
function quote(s: DisagreementSpan | null, lineLabel: string): string {
  if (!s) return '—';
  const flat = s.text.replace(/\s+/g, ' ');
  const chars = [...flat];
  const shown = chars.length > QUOTE_MAX ? `${chars.slice(0, QUOTE_MAX - 1).join('')}…` : flat;
  return `${s.start}-${s.end} ${JSON.stringify(shown)}${s.label !== lineLabel ? ` [${s.label}]` : ''}`;
}

function spanRow(label: string, kind: string, s: SpanScores): string {
  return `${label.padEnd(8)} ${kind.padEnd(8)} ${right(pct(s.precision), 7)} ${right(pct(s.recall), 7)} ${right(pct(s.f1), 7)} ${right(s.tp, 6)} ${right(s.fp, 6)} ${right(s.fn, 6)}`;
}

// Token agreement is mostly 'O' against 'O', so one decimal would show 100.0% for most real pairs.
function codingRow(name: string, c: CodingAgreement, showItems: boolean): string {
  return `${name.padEnd(14)} ${right(showItems ? String(c.items) : '', 7)} ${right(pct(c.observed, 2), 8)} ${right(num(c.kappa), 7)} ${right(num(c.alpha), 7)}`;
}

function unitizingRow(label: string, u: UnitizingScore, widthA: number, widthB: number): string {
  return `${label.padEnd(10)} ${right(num(u.alpha), 7)} ${right(u.observed.toExponential(2), 9)} ${right(u.expected.toExponential(2), 9)}  ${right(u.unitsA, widthA)} ${right(u.unitsB, widthB)}`;
}

function disagreementLine(d: Disagreement, nameA: string, nameB: string): string {
  return `  ${d.document}  ${d.kind.padEnd(8)} ${d.label.padEnd(6)}  ${nameA}: ${quote(d.a, d.label)}  ${nameB}: ${quote(d.b, d.label)}`;
}

export function formatAgreement(report: AgreementReport, options: FormatOptions = {}): string {
  const { a: nameA, b: nameB } = report.annotators;
  const lines: string[] = [];
  lines.push(`Agreement of ${nameB} against ${nameA}: ${report.documents.length} documents, ${report.includeSuggestions ? 'accepted and suggested items' : 'accepted items only'}`);
  if (report.unpaired.length > 0) {
    const why = { onlyA: `only ${nameA}`, onlyB: `only ${nameB}`, noText: 'no text' } as const;
    lines.push(`Not scored: ${report.unpaired.map((u) => `${u.name} (${why[u.reason]})`).join(', ')}`);
  }
  const sa = report.skipped.a;
  const sb = report.skipped.b;
  if (sa.suggested + sa.orphan + sa.stale + sb.suggested + sb.orphan + sb.stale > 0) {
    const s = (x: typeof sa): string => `${x.suggested} suggested, ${x.orphan} orphaned, ${x.stale} stale`;
    lines.push(`Not counted: ${nameA} ${s(sa)}; ${nameB} ${s(sb)}`);
  }

  lines.push('');
  lines.push(`Spans    match          P       R      F1     tp     fp     fn`);
  for (const [kind, scores] of [['exact', report.exact], ['overlap', report.overlap]] as const) {
    for (const l of SPAN_LABEL_KEYS) lines.push(spanRow(l, kind, scores[l]));
  }

  lines.push('');
  lines.push(`Tokens          tokens    agree   kappa   alpha`);
  for (const layer of Object.keys(TOKEN_LAYERS) as TokenLayer[]) {
    const t = report.tokens[layer];
    lines.push(codingRow(layer, t, true));
    for (const l of TOKEN_LAYERS[layer]) {
      const c = t.labels[l];
      if (c) lines.push(codingRow(`  ${l}`, c, false));
    }
  }

  lines.push('');
  const [unitsA, unitsB] = [`units ${nameA}`, `units ${nameB}`];
  const [widthA, widthB] = [Math.max(7, unitsA.length), Math.max(7, unitsB.length)];
  lines.push(`Unitizing   u-alpha        Do        De  ${right(unitsA, widthA)} ${right(unitsB, widthB)}   (over code points)`);
  for (const l of SPAN_LABEL_KEYS) lines.push(unitizingRow(l, report.unitizing[l], widthA, widthB));

  const e = report.events;
  lines.push('');
  lines.push(`Events: ${nameA} ${e.a}, ${nameB} ${e.b}, paired ${e.paired} (P ${pct(e.precision)}, R ${pct(e.recall)}, F1 ${pct(e.f1)})`);
  for (const [name, c] of [['type', e.type], ['sub-type', e.subtype]] as const) {
    lines.push(`  ${name.padEnd(11)} agree ${right(pct(c.observed), 6)}  kappa ${num(c.kappa)}  alpha ${num(c.alpha)}`);
  }
  for (const r of EVENT_ROLES) {
    const x = e.roles[r];
    lines.push(`  ${r.padEnd(11)} equal ${right(pct(x.share), 6)}  (${x.equal}/${x.compared})`);
  }

  lines.push('');
  const width = Math.max(12, ...report.documents.map((d) => d.name.length));
  lines.push(`${'Per document'.padEnd(width + 2)}  F1 overlap  F1 exact  kappa men.  kappa attr.  u-alpha  events ${nameA}/${nameB}/paired`);
  for (const d of report.documents) {
    lines.push(
      `  ${d.name.padEnd(width)}  ${right(pct(d.overlap.ALL.f1), 10)} ${right(pct(d.exact.ALL.f1), 9)} ${right(num(d.tokens.mentions.kappa), 11)} ${right(num(d.tokens.attributions.kappa), 12)} ${right(num(d.unitizing.ALL.alpha), 8)}  ${d.events.a}/${d.events.b}/${d.events.paired}`,
    );
  }

  const ds = report.disagreements;
  const byKind = (k: string): number => ds.filter((d) => d.kind === k).length;
  lines.push('');
  lines.push(`Disagreements: ${ds.length} (${byKind('missing')} missing, ${byKind('extra')} extra, ${byKind('label')} label, ${byKind('boundary')} boundary)`);
  const max = options.maxDisagreements ?? Infinity;
  for (const d of ds.slice(0, max)) lines.push(disagreementLine(d, nameA, nameB));
  if (ds.length > max) lines.push(`  … ${ds.length - max} more`);
  return lines.join('\n');
}
