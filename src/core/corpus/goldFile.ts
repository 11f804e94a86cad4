/**
 * The flat gold format of evaluation sets written outside the editor (`NAME.gold.yaml`): `document`, `length`,
 * `mentions` ({start, end, text, label, named?, gpe?, entity}) and `attributions` ({cue, source?, content?,
 * kind, direct}), offsets in code points. A mention with `named: false` is a described group ("Iraqi troops");
 * `gpe: true` marks a country or city, which may be scored as either label. Parsed into a sidecar (for the
 * span and attribution scores) plus those flags (for `scoreNamedMentions`). Never throws: problems instead.
 */
import { parseDocument } from 'yaml';
import type { AttributionKind, MentionLabel, Sidecar, Span } from '../model';
import { MENTION_LABELS } from '../model';
import type { Problem } from '../problem';
import { emptySidecar } from '../sidecar/sidecarFormat';

export const GOLD_FILE_SUFFIX = '.gold.yaml';

export interface GoldMention extends Span {
  readonly label: MentionLabel;
  readonly entity?: string;
  /** false for a described group; absent means named. */
  readonly named?: boolean;
  readonly gpe?: boolean;
}

export interface GoldAttribution {
  readonly cue: Span;
  readonly source?: Span;
  readonly content?: Span;
  readonly kind: AttributionKind;
  readonly direct: boolean;
}

export interface GoldDocument {
  readonly document: string;
  readonly length?: number;
  readonly mentions: readonly GoldMention[];
  readonly attributions: readonly GoldAttribution[];
}

const problem = (code: Problem['code'], message: string, path?: string): Problem => ({ code, severity: 'error', message, line: 0, ...(path ? { path } : {}) });

function span(value: unknown, path: string, problems: Problem[]): Span | undefined {
  const v = value as { start?: unknown; end?: unknown; text?: unknown } | undefined;
  if (!v || typeof v !== 'object') return undefined;
  if (!Number.isInteger(v.start) || !Number.isInteger(v.end) || (v.start as number) < 0 || (v.end as number) < (v.start as number)) {
    problems.push(problem('schema', 'start and end must be offsets with start <= end', path));
    return undefined;
  }
  return { start: v.start as number, end: v.end as number, text: typeof v.text === 'string' ? v.text : String(v.text ?? '') };
}

/** Parses one gold file; `gold` is undefined when the file is not a gold document at all. */
export function parseGoldFile(text: string): { gold?: GoldDocument; problems: Problem[] } {
  const problems: Problem[] = [];
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return { problems: doc.errors.map((e) => ({ ...problem('yaml-syntax', e.message), line: e.linePos?.[0].line ?? 0 })) };
  const root = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown> | null;
  if (!root || typeof root !== 'object') return { problems: [problem('empty', 'no gold document')] };
  if (typeof root.document !== 'string') return { problems: [problem('missing-key', 'document: the text file name is required', 'document')] };
  const mentions: GoldMention[] = [];
  for (const [i, m] of (Array.isArray(root.mentions) ? root.mentions : []).entries()) {
    const s = span(m, `mentions[${i}]`, problems);
    const label = (m as { label?: unknown }).label;
    if (!s) continue;
    if (!MENTION_LABELS.includes(label as MentionLabel)) {
      problems.push({ ...problem('unknown-value', `label must be one of ${MENTION_LABELS.join(', ')}`), path: `mentions[${i}].label` });
      continue;
    }
    const { named, gpe, entity } = m as { named?: unknown; gpe?: unknown; entity?: unknown };
    mentions.push({ ...s, label: label as MentionLabel, ...(typeof entity === 'string' ? { entity } : {}), ...(typeof named === 'boolean' ? { named } : {}), ...(gpe === true ? { gpe } : {}) });
  }
  const attributions: GoldAttribution[] = [];
  for (const [i, a] of (Array.isArray(root.attributions) ? root.attributions : []).entries()) {
    const r = a as { cue?: unknown; source?: unknown; content?: unknown; kind?: unknown; direct?: unknown };
    const cue = span(r.cue, `attributions[${i}].cue`, problems);
    if (!cue) {
      problems.push(problem('missing-key', 'an attribution needs a cue', `attributions[${i}]`));
      continue;
    }
    const source = span(r.source, `attributions[${i}].source`, problems);
    const content = span(r.content, `attributions[${i}].content`, problems);
    const kind: AttributionKind = r.kind === 'anonymous' ? 'anonymous' : 'named';
    attributions.push({ cue, ...(source ? { source } : {}), ...(content ? { content } : {}), kind, direct: r.direct === true });
  }
  const length = Number.isInteger(root.length) ? (root.length as number) : undefined;
  return { gold: { document: root.document, ...(length !== undefined ? { length } : {}), mentions, attributions }, problems };
}

/** The gold as an accepted sidecar of `sha256`, for the span and attribution scores of `evaluate`. */
export function goldSidecar(gold: GoldDocument, sha256: string): Sidecar {
  const sidecar = emptySidecar(gold.document, sha256);
  gold.mentions.forEach((m, i) => {
    sidecar.mentions.push({ id: `g${i + 1}`, label: m.label, start: m.start, end: m.end, text: m.text, ...(m.entity ? { entity: m.entity } : {}), status: 'accepted', origin: 'manual' });
  });
  gold.attributions.forEach((a, i) => {
    sidecar.attributions.push({ id: `a${i + 1}`, cue: a.cue, ...(a.source ? { source: a.source } : {}), ...(a.content ? { content: a.content } : {}), kind: a.kind, direct: a.direct, status: 'accepted' });
  });
  return sidecar;
}
