/**
 * Merging an imported document into a sidecar without clobbering anybody's work.
 *
 * - Imported items get `origin: import`, with their status (accepted; suggested for predictions).
 * - An item already in the sidecar (same label and span; same cue; same type and span) is kept as it is; an
 *   imported acceptance promotes an equal suggestion.
 * - Accepted work wins: an imported mention with the same span as an accepted one under another label, or
 *   crossing one, is not imported (reported as a conflict); nesting is fine. A suggestion overlapping an
 *   imported acceptance is removed, being superseded by a person's decision. A mention a person rejected here is
 *   not imported.
 * - The document becomes `reviewed` when asked (`reviewed`, or the source says so) and nothing unreviewed would
 *   come with it: no detector suggestion of the sidecar may remain, or it would be exported as reviewed.
 */
import type { Attribution, DocumentStatus, EventAnnotation, Mention, MentionLabel, Sidecar, Span, Status } from '../model';
import { attributionSeed, eventSeed, IdAllocator, mentionSeed } from '../sidecar/idAllocator';
import { TextIndex } from '../text/textIndex';
import { mapLabel, validSpan, type ImportedDocument, type ImportedSpan, type LabelMap } from './importedDocument';

export interface MergeImportOptions {
  labels?: LabelMap;
  /** Mark the document reviewed (when nothing unreviewed would come with it). */
  reviewed?: boolean;
}

export interface MergeImportReport {
  added: { mentions: number; attributions: number; events: number };
  /** Items already in the sidecar (left as they were, or a suggestion promoted). */
  kept: number;
  /** Suggestions removed because an imported acceptance covers them. */
  superseded: number;
  /** Imported items not merged because they contradict accepted or rejected work. */
  conflicts: string[];
  /** Imported items not merged for other reasons (unknown label, bad offsets). */
  skipped: string[];
  status: DocumentStatus;
  /** Why a requested `reviewed` was not applied. */
  statusNote?: string;
}

const CONTEXT = 32;

function withContext<T extends Span>(span: T, index: TextIndex): T {
  return { ...span, prefix: index.slice(Math.max(0, span.start - CONTEXT), span.start), suffix: index.slice(span.end, Math.min(index.length, span.end + CONTEXT)) };
}

const overlaps = (a: ImportedSpan, b: ImportedSpan): boolean => a.start < b.end && b.start < a.end;
const nests = (a: ImportedSpan, b: ImportedSpan): boolean => (a.start <= b.start && b.end <= a.end) || (b.start <= a.start && a.end <= b.end);
const sameSpan = (a: ImportedSpan, b: ImportedSpan): boolean => a.start === b.start && a.end === b.end;

export function mergeImport(sidecar: Sidecar, text: string, doc: ImportedDocument, opts: MergeImportOptions = {}): { sidecar: Sidecar; report: MergeImportReport } {
  const index = new TextIndex(text);
  const out: Sidecar = { ...sidecar, document: { ...sidecar.document }, mentions: [...sidecar.mentions], attributions: [...sidecar.attributions], events: [...sidecar.events], rejected: [...sidecar.rejected] };
  const report: MergeImportReport = { added: { mentions: 0, attributions: 0, events: 0 }, kept: 0, superseded: 0, conflicts: [], skipped: [], status: out.document.status };
  const quote = (s: ImportedSpan): string => JSON.stringify(index.slice(s.start, s.end));
  const unknownLabels = new Map<string, number>();
  const mentionIds = new Map<string, string>();
  // hash ids of what the item is (as for detector items), so the same import gives the same ids on every machine
  const ids = new IdAllocator(out);

  for (const m of [...doc.mentions].sort((a, b) => a.start - b.start || b.end - a.end)) {
    const label: MentionLabel | undefined = mapLabel(m.label, opts.labels ?? new Map());
    if (!label) {
      unknownLabels.set(m.label, (unknownLabels.get(m.label) ?? 0) + 1);
      continue;
    }
    if (!validSpan(index, m)) {
      report.skipped.push(`${label} ${m.start}-${m.end}: not a span of the text`);
      continue;
    }
    const live = out.mentions.filter((x) => !x.orphan);
    const same = live.find((x) => x.label === label && sameSpan(x, m));
    if (same) {
      report.kept++;
      if (m.key) mentionIds.set(m.key, same.id);
      if (same.status === 'suggested' && m.status === 'accepted') {
        out.mentions = out.mentions.map((x) => (x === same ? { ...x, status: 'accepted', origin: 'import', ...(m.entity ? { entity: m.entity } : {}) } : x));
      }
      continue;
    }
    if (out.rejected.some((r) => r.kind === 'mention' && r.label === label && r.start === m.start && r.end === m.end)) {
      report.conflicts.push(`${label} ${quote(m)} (${m.start}-${m.end}) was rejected here`);
      continue;
    }
    const blocking = live.find((x) => x.status === 'accepted' && overlaps(x, m) && (sameSpan(x, m) || !nests(x, m)));
    if (blocking) {
      report.conflicts.push(`${label} ${quote(m)} (${m.start}-${m.end}) ${sameSpan(blocking, m) ? 'is' : 'crosses'} accepted ${blocking.label} ${blocking.id} ${JSON.stringify(blocking.text)}`);
      continue;
    }
    if (m.status === 'suggested' && live.some((x) => overlaps(x, m))) {
      report.skipped.push(`suggested ${label} ${quote(m)}: overlaps an annotation already there`);
      continue;
    }
    if (m.status === 'accepted') {
      const before = out.mentions.length;
      out.mentions = out.mentions.filter((x) => x.orphan || x.status !== 'suggested' || x.origin === 'import' || !overlaps(x, m));
      report.superseded += before - out.mentions.length;
    }
    const quoted = { label, start: m.start, end: m.end, text: index.slice(m.start, m.end) };
    const id = m.id && !ids.has(m.id) ? m.id : ids.next('m', mentionSeed(quoted));
    ids.reserve(id);
    const mention: Mention = withContext({ id, ...quoted, status: m.status, origin: 'import' } as Mention, index);
    if (m.entity) mention.entity = m.entity;
    out.mentions.push(mention);
    report.added.mentions++;
    if (m.key) mentionIds.set(m.key, id);
  }
  for (const [label, n] of unknownLabels) report.skipped.push(`${n} × label "${label}" (map it with --map ${label}=ACTOR or ${label}=PLACE)`);

  const attributionIds = new Map<string, string>();
  for (const a of doc.attributions) {
    const spans = [a.cue, a.source, a.content].filter((s): s is ImportedSpan => s !== undefined);
    if (!spans.every((s) => validSpan(index, s))) {
      report.skipped.push(`attribution ${quote(a.cue)}: not a span of the text`);
      continue;
    }
    const same = out.attributions.find((x) => !x.orphan && sameSpan(x.cue, a.cue));
    if (same) {
      report.kept++;
      if (a.key) attributionIds.set(a.key, same.id);
      continue;
    }
    const span = (s: ImportedSpan): Span => withContext({ start: s.start, end: s.end, text: index.slice(s.start, s.end) }, index);
    const cue = span(a.cue);
    const id = ids.next('a', attributionSeed({ cue }));
    const attribution: Attribution = { id, cue, kind: a.kind, direct: a.direct, status: a.status, origin: 'import' };
    if (a.source) attribution.source = span(a.source);
    if (a.content) attribution.content = span(a.content);
    if (a.sourceEntity) attribution.sourceEntity = a.sourceEntity;
    out.attributions.push(attribution);
    report.added.attributions++;
    if (a.key) attributionIds.set(a.key, id);
  }

  for (const e of doc.events) {
    if (!validSpan(index, e)) {
      report.skipped.push(`event ${e.type}: not a span of the text`);
      continue;
    }
    const same = out.events.find((x) => !x.orphan && x.type === e.type && sameSpan(x, e));
    if (same) {
      report.kept++;
      continue;
    }
    const trigger = { start: e.start, end: e.end, text: index.slice(e.start, e.end), type: e.type, subtype: e.subtype };
    // an event keeps the id its source gave it when that id is free here (links from other files stay valid)
    const id = e.id && !ids.has(e.id) ? e.id : ids.next('e', eventSeed(trigger));
    ids.reserve(id);
    const event: EventAnnotation = withContext({ id, ...trigger, status: e.status as Status, origin: 'import' } as EventAnnotation, index);
    for (const key of ['actor1', 'actor2', 'place'] as const) {
      const ref = e[key];
      if (ref === undefined) continue;
      const target = mentionIds.get(ref);
      if (target) event[key] = target;
      else report.skipped.push(`event ${e.type} ${quote(e)}: its ${key} ${ref} was not imported`);
    }
    if (e.attribution !== undefined && attributionIds.has(e.attribution)) event.attribution = attributionIds.get(e.attribution);
    if (e.date) event.date = e.date;
    if (e.fatalities !== undefined) event.fatalities = e.fatalities;
    out.events.push(event);
    report.added.events++;
  }

  if ((opts.reviewed || doc.status === 'reviewed') && out.document.status !== 'reviewed') {
    const unreviewed = out.mentions.filter((x) => x.status === 'suggested' && x.origin !== 'import').length + out.attributions.filter((x) => x.status === 'suggested' && x.origin !== 'import').length;
    if (unreviewed === 0) out.document.status = 'reviewed';
    else report.statusNote = `left draft: ${unreviewed} detector suggestions of the sidecar remain (accept or reject them, then mark the document reviewed)`;
  }
  report.status = out.document.status;
  return { sidecar: out, report };
}
