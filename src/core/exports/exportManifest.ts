/**
 * The export manifest (`manifest.json` beside the data): what an export took, what it left out and why, so
 * nothing is dropped silently. Built by the export job from the prepared documents and the format's
 * capabilities; {@link manifestSummary} gives the lines hosts print.
 */
import { ENTITY_LABELS, isEntityLabel, type EntityLabel } from '../model';
import { LOSS_REASONS, roleNotes, type LeftOut, type LeftOutReason, type Prepared, type TagScheme, type Unreviewed } from './exportDocument';
import type { FormatHolds } from './exportFormats';

export const MANIFEST_FILE = 'manifest.json';

export interface ManifestDocument {
  name: string;
  sha256: string;
  status: 'draft' | 'reviewed';
  group: string;
  /** True when the text outside its annotations is marked unknown (a draft with `--unreviewed missing`). */
  unknownText: boolean;
  mentions: Record<EntityLabel, number>;
  attributions: number;
  events: number;
}

export interface ExportManifest {
  format: string;
  options: { unreviewed: Unreviewed; includeSuggestions: boolean; split: number[] | null; scheme: TagScheme | null; strict: boolean };
  holds: FormatHolds;
  /** Written files, relative to the output folder, `/`-separated. */
  files: string[];
  groups: { name: string; documents: number }[];
  documents: ManifestDocument[];
  totals: {
    /** Articles with a sidecar that were read (exported or not). */
    articles: number;
    exported: number;
    mentions: Record<EntityLabel, number>;
    attributions: number;
    events: number;
    /** Exported items the format has no place for (e.g. events in CoNLL): not written, not a loss. */
    notHeld: { mentions: number; attributions: number; events: number };
    /** Articles under the paths without a sidecar (never annotated). */
    unannotated: number;
  };
  /** Counts per reason of `leftOut`. */
  reasons: Partial<Record<LeftOutReason, number>>;
  leftOut: LeftOut[];
  /** Entries of `leftOut` that cost accepted work (what `--strict` fails on). */
  losses: number;
  warnings: string[];
}

const zero = (): Record<EntityLabel, number> => Object.fromEntries(ENTITY_LABELS.map((l) => [l, 0])) as Record<EntityLabel, number>;

/** What one exported document contributes: counts and left-out items, given what the format holds. */
export function documentEntry(p: Prepared, group: string, holds: FormatHolds): { entry: ManifestDocument; leftOut: LeftOut[]; notHeld: ExportManifest['totals']['notHeld'] } {
  const mentions = zero();
  const written = holds.mentions === 'flat' ? p.flat : holds.mentions === 'all' ? p.mentions : [];
  for (const m of written) if (isEntityLabel(m.label)) mentions[m.label]++;
  const leftOut: LeftOut[] = [];
  for (const l of p.leftOut) {
    if ((l.kind === 'mention' && holds.mentions !== 'none') || (l.kind === 'attribution' && holds.attributions) || (l.kind === 'event' && holds.events)) leftOut.push(l);
  }
  if (holds.mentions === 'flat') {
    for (const o of p.overlapped) {
      const m = o.mention;
      leftOut.push({ document: p.doc.name, kind: 'mention', id: m.id, label: m.label, text: m.text, start: m.start, end: m.end, reason: 'overlap', detail: `overlaps ${o.by}, which is kept` });
    }
  }
  if (holds.events) leftOut.push(...roleNotes(p));
  const entry: ManifestDocument = {
    name: p.doc.name,
    sha256: p.sha256,
    status: p.doc.sidecar.document.status,
    group,
    unknownText: p.missing,
    mentions,
    attributions: holds.attributions ? p.attributions.length : 0,
    events: holds.events ? p.events.length : 0,
  };
  const notHeld = { mentions: holds.mentions === 'none' ? p.mentions.length : 0, attributions: holds.attributions ? 0 : p.attributions.length, events: holds.events ? 0 : p.events.length };
  return { entry, leftOut, notHeld };
}

export function countLosses(leftOut: readonly LeftOut[]): number {
  return leftOut.filter((l) => LOSS_REASONS.has(l.reason)).length;
}

const REASON_TEXT: Record<LeftOutReason, [string, string]> = {
  orphan: ['orphaned item (its text was not found after an edit; re-attach or delete it)', 'orphaned items (their text was not found after an edit; re-attach or delete them)'],
  'quote-mismatch': ['item whose quote no longer matches the text', 'items whose quote no longer matches the text'],
  overlap: ['mention overlapping a longer one (one label per token in this format)', 'mentions overlapping longer ones (one label per token in this format)'],
  'role-lost': ['event role whose mention cannot be exported (left empty)', 'event roles whose mention cannot be exported (left empty)'],
  'role-suggested': ['event role that is still a suggestion (exported with its event)', 'event roles that are still suggestions (exported with their events)'],
  unreviewed: ['draft with accepted work, not reviewed (--unreviewed missing exports it with the rest unknown)', 'drafts with accepted work, not reviewed (--unreviewed missing exports them with the rest unknown)'],
  'nothing-accepted': ['draft with nothing accepted', 'drafts with nothing accepted'],
  'cannot-mark-missing': ['draft this format cannot mark as partly unknown', 'drafts this format cannot mark as partly unknown'],
  unreadable: ['unreadable document', 'unreadable documents'],
  'internal-error': ['document that met an internal error (see above)', 'documents that met an internal error (see above)'],
};

/** The lines a host prints after an export: what was left out (counts per reason) and the warnings. */
export function manifestSummary(m: ExportManifest): string[] {
  const lines: string[] = [];
  const parts = (Object.entries(m.reasons) as [LeftOutReason, number][]).map(([r, n]) => `${n} ${REASON_TEXT[r][n === 1 ? 0 : 1]}`);
  if (parts.length) lines.push(`left out: ${parts.join('; ')}`);
  for (const w of m.warnings) lines.push(`warning: ${w}`);
  return lines;
}
