/**
 * An {@link AgreementReport} as one HTML page: a bar chart per label (exact and overlap span F1, Cohen's kappa
 * and Krippendorff's alpha over tokens, unitizing alpha), the event figures, and the list of disagreements,
 * each row carrying its document and both spans as data attributes so a host can open them. Pure: no script
 * and no styles from outside; the host adds its Content-Security-Policy and script through `head`/`script`.
 * Every text from the documents is escaped.
 */
import type { AgreementReport, Disagreement, DisagreementSpan, SpanLabel, SpanLabelKey } from './computeAgreement';
import { SPAN_LABEL_KEYS, TOKEN_LAYERS } from './computeAgreement';
import { EVENT_ROLES } from './eventAgreement';

export interface AgreementHtmlOptions {
  /** Extra markup for `<head>` (a CSP meta tag). */
  readonly head?: string;
  /** Markup placed at the end of `<body>` (the host's script tag). */
  readonly script?: string;
  /** At most this many disagreement rows (default 500). */
  readonly maxDisagreements?: number;
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Three decimals; a value that rounds to zero is 0.000, never -0.000. */
const fmt = (x: number | null, digits = 3): string => (x === null ? 'n/a' : (Math.abs(x) < 0.5 * 10 ** -digits ? 0 : x).toFixed(digits));

interface Bar {
  readonly name: string;
  readonly value: number | null;
}

/** The figures of one label, each a value in [-1, 1] (kappa and alpha can be negative). */
function barsOf(report: AgreementReport, label: SpanLabelKey): Bar[] {
  const layer = (Object.keys(TOKEN_LAYERS) as Array<keyof typeof TOKEN_LAYERS>).find((l) => TOKEN_LAYERS[l].includes(label as SpanLabel));
  const token = layer ? report.tokens[layer].labels[label as SpanLabel] : undefined;
  return [
    { name: 'F1 exact', value: report.exact[label].f1 },
    { name: 'F1 overlap', value: report.overlap[label].f1 },
    ...(label === 'ALL' ? [] : [{ name: 'κ tokens', value: token?.kappa ?? null }, { name: 'α tokens', value: token?.alpha ?? null }]),
    { name: 'α unitizing', value: report.unitizing[label].alpha },
  ];
}

/** A horizontal bar chart as inline SVG: 0 in the middle of the axis when a value is negative. */
function chart(label: string, bars: readonly Bar[]): string {
  const rowH = 18;
  const labelW = 86;
  const barW = 180;
  const height = bars.length * rowH + 4;
  const negative = bars.some((b) => b.value !== null && b.value < 0);
  const zero = negative ? labelW + barW / 2 : labelW;
  const scale = negative ? barW / 2 : barW;
  const rows = bars.map((b, i) => {
    const y = 2 + i * rowH;
    const v = b.value === null ? 0 : Math.max(-1, Math.min(1, b.value));
    const x = v < 0 ? zero + v * scale : zero;
    const w = Math.abs(v) * scale;
    return `<text x="0" y="${y + 13}" class="axis">${escapeHtml(b.name)}</text><rect class="track" x="${labelW}" y="${y + 3}" width="${barW}" height="${rowH - 6}"/>` +
      (b.value === null ? '' : `<rect class="${v < 0 ? 'bar neg' : 'bar'}" x="${x.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowH - 6}"/>`) +
      `<text x="${labelW + barW + 6}" y="${y + 13}" class="value">${fmt(b.value)}</text>`;
  });
  return `<figure class="chart"><figcaption>${escapeHtml(label)}</figcaption><svg role="img" aria-label="${escapeHtml(label)} agreement" width="${labelW + barW + 52}" height="${height}">${rows.join('')}</svg></figure>`;
}

function span(s: DisagreementSpan | null): string {
  if (!s) return '<span class="none">—</span>';
  const text = s.text.replace(/\s+/g, ' ');
  const shown = [...text].length > 60 ? `${[...text].slice(0, 59).join('')}…` : text;
  return `<span class="quote">“${escapeHtml(shown)}”</span> <span class="where">${s.start}–${s.end} ${escapeHtml(s.label)}</span>`;
}

function row(d: Disagreement, i: number): string {
  const data = (name: string, s: DisagreementSpan | null) => (s ? ` data-${name}-start="${s.start}" data-${name}-end="${s.end}"` : '');
  return `<tr class="disagreement" tabindex="0" data-index="${i}" data-document="${escapeHtml(d.document)}"${data('a', d.a)}${data('b', d.b)}><td>${escapeHtml(d.document)}</td><td>${escapeHtml(d.label)}</td><td class="kind ${d.kind}">${d.kind}</td><td>${span(d.a)}</td><td>${span(d.b)}</td></tr>`;
}

const STYLE = `
body { font-family: var(--vscode-font-family, sans-serif); color: var(--vscode-foreground, #222); background: var(--vscode-editor-background, #fff); padding: 0 16px 16px; }
h1 { font-size: 1.3em; } h2 { font-size: 1.1em; margin-top: 1.4em; }
.charts { display: flex; flex-wrap: wrap; gap: 12px 28px; }
.chart { margin: 0; } .chart figcaption { font-weight: 600; margin-bottom: 2px; }
.axis, .value { font-size: 11px; fill: var(--vscode-foreground, #222); }
.track { fill: var(--vscode-editorWidget-background, #eee); }
.bar { fill: var(--vscode-charts-blue, #3b82f6); } .bar.neg { fill: var(--vscode-charts-red, #dc2626); }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid var(--vscode-editorWidget-border, #ddd); vertical-align: top; }
tr.disagreement { cursor: pointer; } tr.disagreement:hover, tr.disagreement:focus { background: var(--vscode-list-hoverBackground, #f3f4f6); outline: none; }
.where, .none, .note { opacity: 0.7; font-size: 0.9em; } .kind { font-variant: small-caps; }
`;

export function agreementHtml(report: AgreementReport, options: AgreementHtmlOptions = {}): string {
  const { a, b } = report.annotators;
  const max = options.maxDisagreements ?? 500;
  const charts = SPAN_LABEL_KEYS.map((l) => chart(l === 'ALL' ? 'All labels' : l, barsOf(report, l))).join('');
  const e = report.events;
  const eventBars: Bar[] = [
    { name: 'F1 paired', value: e.f1 },
    { name: 'κ type', value: e.type.kappa },
    { name: 'κ sub-type', value: e.subtype.kappa },
    ...EVENT_ROLES.map((r) => ({ name: r, value: e.roles[r].share })),
  ];
  const rows = report.disagreements.slice(0, max).map(row).join('');
  const more = report.disagreements.length > max ? `<p class="note">${report.disagreements.length - max} more not shown (see the command line's output).</p>` : '';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">${options.head ?? ''}<title>Agreement</title><style>${STYLE}</style></head>
<body>
<h1>Agreement of ${escapeHtml(b)} against ${escapeHtml(a)}</h1>
<p class="note">${report.documents.length} documents, ${report.includeSuggestions ? 'accepted and suggested items' : 'accepted items only'}${report.unpaired.length ? `; not scored: ${report.unpaired.map((u) => escapeHtml(u.name)).join(', ')}` : ''}.</p>
<h2>Per label</h2>
<div class="charts">${charts}</div>
<h2>Events</h2>
<p class="note">${e.a} by ${escapeHtml(a)}, ${e.b} by ${escapeHtml(b)}, ${e.paired} paired; role bars: share of paired events with the same role.</p>
<div class="charts">${chart('Events', eventBars)}</div>
<h2>Disagreements (${report.disagreements.length})</h2>
<table><thead><tr><th>Document</th><th>Label</th><th>Kind</th><th>${escapeHtml(a)}</th><th>${escapeHtml(b)}</th></tr></thead><tbody>${rows}</tbody></table>${more}
${options.script ?? ''}
</body></html>
`;
}
