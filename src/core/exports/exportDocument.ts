/**
 * What every export format shares: the document shape, which documents and items are exported, and the
 * filtered, sorted view of one document the formats render, with what it had to leave out and why.
 *
 * Which documents (decided by the export job with {@link documentChoice}; format functions render what they get):
 * - `reviewed` documents, always: a person vouched for the whole text, so every item in it counts as reviewed;
 * - drafts only on request: `unreviewed: 'missing'` exports a draft's accepted items with the rest of its text
 *   marked unknown (formats that cannot mark text unknown leave the draft out); `includeSuggestions` exports
 *   every document with every item, suggestions included. A draft with nothing accepted is never training data:
 *   its text would teach "no entity here" for every mention nobody looked at.
 * Which items: `accepted` ones, every one of a reviewed document, all with `includeSuggestions`; never orphans
 * or items whose quote no longer matches the text (both are reported as left out).
 * Offsets in spaCy and brat output are code points, the sidecar's own unit (Python `str` indices).
 * All format functions are pure and deterministic (same input, same string).
 */
import { createHash } from 'node:crypto';
import { ENTITY_LABELS, isEntityLabel, type Attribution, type Entity, type EventAnnotation, type Mention, type MentionLabel, type Sidecar, type Span, type Status } from '../model';
import { firstIndexWhere } from '../text/binarySearch';
import { TextIndex } from '../text/textIndex';
import type { LabelledSpan } from './trainingTokens';

export interface ExportDocument {
  /** Document name, usually the text file name without folder. */
  name: string;
  text: string;
  sidecar: Sidecar;
}

/** How unannotated text of a draft is rendered: left out of the export, or marked unknown (not "no entity"). */
export type Unreviewed = 'skip' | 'missing';

/** Token tag schemes of the BIO formats. */
export type TagScheme = 'iob2' | 'iob1' | 'bioes';
export const TAG_SCHEMES: readonly TagScheme[] = ['iob2', 'iob1', 'bioes'];

export interface ExportOptions {
  includeSuggestions?: boolean;
  /** Drafts: `'missing'` marks text outside accepted items unknown; otherwise (as given) it renders as outside. */
  unreviewed?: Unreviewed;
  /** Mention labels to export (default: the entity labels, ACTOR and PLACE; events keep their CIVILIAN roles). */
  labels?: readonly MentionLabel[];
  /** Entity lookup for canonical names, ACLED `inter`, country and coordinates. */
  entities?: (id: string) => Entity | undefined;
  /** BIO formats: tag scheme (default IOB2). */
  scheme?: TagScheme;
}

interface Item {
  status: Status;
  orphan?: boolean;
}

/** True when an item belongs in training data (see the module comment). */
export function isExported(item: Item, doc: ExportDocument, opts: ExportOptions = {}): boolean {
  if (item.orphan) return false;
  return item.status === 'accepted' || doc.sidecar.document.status === 'reviewed' || opts.includeSuggestions === true;
}

/** Whether a document goes into an export, and if so whether its unannotated text is unknown. */
export type DocumentChoice = { export: true; missing: boolean } | { export: false; reason: 'unreviewed' | 'nothing-accepted' };

export function documentChoice(doc: ExportDocument, opts: ExportOptions = {}): DocumentChoice {
  if (opts.includeSuggestions || doc.sidecar.document.status === 'reviewed') return { export: true, missing: false };
  const s = doc.sidecar;
  const accepted = [...s.mentions, ...s.attributions, ...s.events].some((x) => x.status === 'accepted' && !x.orphan);
  if (!accepted) return { export: false, reason: 'nothing-accepted' };
  return opts.unreviewed === 'missing' ? { export: true, missing: true } : { export: false, reason: 'unreviewed' };
}

/** True when a draft's unannotated text renders as unknown rather than as "outside every entity". */
export function marksMissing(doc: ExportDocument, opts: ExportOptions): boolean {
  return opts.unreviewed === 'missing' && !opts.includeSuggestions && doc.sidecar.document.status !== 'reviewed';
}

export function spanMatches(index: TextIndex, s: Span): boolean {
  return Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end > s.start && s.end <= index.length && index.slice(s.start, s.end) === s.text;
}

/** Why an export left something out (or, for `role-suggested`, put in something nobody accepted). */
export type LeftOutReason =
  /** Could not be re-located after the text changed. */
  | 'orphan'
  /** Its quote differs from the text at its offsets. */
  | 'quote-mismatch'
  /** Overlaps a longer mention and the format holds one label per token. */
  | 'overlap'
  /** An exported event's actor or place is a mention that cannot be exported: the role is empty. */
  | 'role-lost'
  /** An exported event's actor or place is a suggestion: exported with the event, marked where the format can. */
  | 'role-suggested'
  /** A draft with accepted items, left out (use `--unreviewed missing` to export them with the rest unknown). */
  | 'unreviewed'
  /** A draft with nothing accepted. */
  | 'nothing-accepted'
  /** A draft asked for with `--unreviewed missing` in a format that cannot mark text unknown. */
  | 'cannot-mark-missing'
  /** Text or sidecar unreadable (reported as a problem too). */
  | 'unreadable';

/** Reasons that cost accepted work; `--strict` fails on any of them. */
export const LOSS_REASONS: ReadonlySet<LeftOutReason> = new Set(['orphan', 'quote-mismatch', 'overlap', 'role-lost', 'role-suggested', 'unreviewed', 'cannot-mark-missing', 'unreadable']);

export interface LeftOut {
  document: string;
  kind: 'document' | 'mention' | 'attribution' | 'event';
  reason: LeftOutReason;
  id?: string;
  label?: string;
  text?: string;
  /** Code point offsets of the item. */
  start?: number;
  end?: number;
  /** For overlaps: the mention kept instead; for roles: the role. */
  detail?: string;
}

/** An exported event's actor or place, with whether it was a suggestion. */
export interface Role {
  mention: Mention;
  suggested: boolean;
}

/** One document as the formats see it: only exported items whose spans match the text, in text order. */
export interface Prepared {
  doc: ExportDocument;
  index: TextIndex;
  sha256: string;
  /** Every exported mention, overlapping ones included. */
  mentions: Mention[];
  /** The exported mentions without overlaps (longest first, then earliest), for one-label-per-token formats. */
  flat: Mention[];
  /** Exported mentions left out of `flat`, each with the id of the mention that covers it. */
  overlapped: { mention: Mention; by: string }[];
  attributions: Attribution[];
  events: EventAnnotation[];
  /** Unannotated text is unknown, not outside (a draft exported with `unreviewed: 'missing'`). */
  missing: boolean;
  /** Items of the document that would be exported but are not: orphans and quote mismatches. */
  leftOut: LeftOut[];
  /** An event's actor1, actor2 or place: the mention even when it is a suggestion, undefined when unusable. */
  role(event: EventAnnotation, key: 'actor1' | 'actor2' | 'place'): Role | undefined;
}

const byPosition = (a: Mention, b: Mention): number => a.start - b.start || a.end - b.end || a.label.localeCompare(b.label) || a.id.localeCompare(b.id);

/** Non-overlapping mentions, longest (in code points) first, then earliest: the rule DocBin's ents follow too. */
export function flatMentions(mentions: readonly Mention[]): { flat: Mention[]; overlapped: { mention: Mention; by: string }[] } {
  // kept stays sorted by start and free of overlaps, so one binary search finds the only candidates
  const kept: Mention[] = [];
  const overlapped: { mention: Mention; by: string }[] = [];
  const byLength = [...mentions].sort((a, b) => b.end - b.start - (a.end - a.start) || byPosition(a, b));
  for (const m of byLength) {
    const at = firstIndexWhere(kept.length, (i) => kept[i].start >= m.end);
    const before = at > 0 ? kept[at - 1] : undefined;
    if (before && before.end > m.start) overlapped.push({ mention: m, by: before.id });
    else kept.splice(at, 0, m);
  }
  return { flat: kept, overlapped: overlapped.sort((a, b) => byPosition(a.mention, b.mention)) };
}

const wanted = (doc: ExportDocument, opts: ExportOptions, item: Item): boolean =>
  item.status === 'accepted' || doc.sidecar.document.status === 'reviewed' || opts.includeSuggestions === true;

/** The last document prepared: the export job and the format it renders ask for the same one in turn. */
let last: { doc: ExportDocument; opts: ExportOptions; prepared: Prepared } | undefined;

/**
 * The view of `doc` the formats render (pure: the same document and options give the same view, which is why
 * the view of the document asked for last is handed out again rather than made twice).
 */
export function prepare(doc: ExportDocument, opts: ExportOptions): Prepared {
  if (last && last.doc === doc && last.opts === opts) return last.prepared;
  const prepared = prepareAnew(doc, opts);
  last = { doc, opts, prepared };
  return prepared;
}

function prepareAnew(doc: ExportDocument, opts: ExportOptions): Prepared {
  const index = new TextIndex(doc.text);
  const labels: readonly MentionLabel[] = opts.labels ?? ENTITY_LABELS;
  const leftOut: LeftOut[] = [];
  const lose = (kind: LeftOut['kind'], item: { id: string; orphan?: boolean }, span: Span, label?: string): void => {
    leftOut.push({ document: doc.name, kind, id: item.id, label, text: span.text, start: span.start, end: span.end, reason: item.orphan ? 'orphan' : 'quote-mismatch' });
  };
  const mentions: Mention[] = [];
  for (const m of doc.sidecar.mentions) {
    if (!labels.includes(m.label) || !wanted(doc, opts, m)) continue;
    if (!m.orphan && spanMatches(index, m)) mentions.push(m);
    else lose('mention', m, m, m.label);
  }
  mentions.sort(byPosition);
  const attributions: Attribution[] = [];
  for (const a of doc.sidecar.attributions) {
    if (!wanted(doc, opts, a)) continue;
    const ok = !a.orphan && spanMatches(index, a.cue) && (!a.source || spanMatches(index, a.source)) && (!a.content || spanMatches(index, a.content));
    if (ok) attributions.push(a);
    else lose('attribution', a, a.cue);
  }
  attributions.sort((a, b) => a.cue.start - b.cue.start || a.id.localeCompare(b.id));
  const events: EventAnnotation[] = [];
  for (const e of doc.sidecar.events) {
    if (!wanted(doc, opts, e)) continue;
    if (!e.orphan && spanMatches(index, e)) events.push(e);
    else lose('event', e, e, e.type);
  }
  events.sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
  const exported = new Set(mentions.map((m) => m.id));
  // victims (CIVILIAN) are no entity type of the NER formats, but the events that name them keep them as roles
  // made when a format first asks for an event's role (formats without events never do)
  let usable: Map<string, Mention> | undefined;
  const role = (event: EventAnnotation, key: 'actor1' | 'actor2' | 'place'): Role | undefined => {
    const id = event[key];
    usable ??= new Map(doc.sidecar.mentions.filter((m) => (labels.includes(m.label) || !isEntityLabel(m.label)) && !m.orphan && spanMatches(index, m)).map((m) => [m.id, m]));
    const m = id === undefined ? undefined : usable.get(id);
    if (!m) return undefined;
    const suggested = exported.has(m.id) ? false : labels.includes(m.label) || !wanted(doc, opts, m);
    return { mention: m, suggested };
  };
  const sha256 = doc.sidecar.document.sha256 || createHash('sha256').update(doc.text, 'utf8').digest('hex');
  const { flat, overlapped } = flatMentions(mentions);
  return { doc, index, sha256, mentions, flat, overlapped, attributions, events, missing: marksMissing(doc, opts), leftOut, role };
}

/** What an event loses or borrows through its roles: a role whose mention cannot be used, or is a suggestion. */
export function roleNotes(p: Prepared): LeftOut[] {
  const out: LeftOut[] = [];
  for (const ev of p.events) {
    for (const key of ['actor1', 'actor2', 'place'] as const) {
      const id = ev[key];
      if (id === undefined) continue;
      const r = p.role(ev, key);
      if (r && !r.suggested) continue;
      const m = r?.mention ?? p.doc.sidecar.mentions.find((x) => x.id === id);
      out.push({
        document: p.doc.name, kind: 'event', id: ev.id, label: `${ev.type} / ${ev.subtype}`, text: ev.text, start: ev.start, end: ev.end,
        reason: r ? 'role-suggested' : 'role-lost',
        detail: `${key} ${id}${m ? ` "${m.text}"` : ' (no such mention)'}${!r && m?.orphan ? ' is orphaned' : ''}`,
      });
    }
  }
  return out;
}

export const spansOf = (p: Prepared): LabelledSpan[] => p.mentions.map((m) => ({ start: m.start, end: m.end, label: m.label }));
export const flatSpansOf = (p: Prepared): LabelledSpan[] => p.flat.map((m) => ({ start: m.start, end: m.end, label: m.label }));
