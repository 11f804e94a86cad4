/**
 * What the export job makes of one document before it goes into the files, as plain data: left out (and why),
 * or its group, manifest entry and, for formats whose chunks stand alone (`chunkOf`), its rendered chunk. Made
 * where the document is read (a reader thread, or the job's own), so the job only appends chunks in order.
 */
import type { ExportDocument, ExportOptions, LeftOut, TagScheme, Unreviewed } from '../exports/exportDocument';
import { documentChoice, prepare } from '../exports/exportDocument';
import { exportFormat, type ExportFormat } from '../exports/exportFormats';
import { documentEntry, type ExportManifest, type ManifestDocument } from '../exports/exportManifest';
import { splitOf } from '../exports/splitOf';

/** The export's settings a document's part depends on (plain data: it may go to another thread). */
export interface ExportPartSettings {
  /** The format's id (its `chunkOf` renders the chunk when it has one). */
  readonly format: string;
  readonly includeSuggestions: boolean;
  readonly unreviewed: Unreviewed;
  readonly scheme?: TagScheme;
  readonly split?: readonly [number, number, number];
}

export type ExportPart =
  | { readonly leftOut: LeftOut }
  | {
      readonly group: string;
      readonly entry: ManifestDocument;
      readonly leftOut: readonly LeftOut[];
      readonly notHeld: ExportManifest['totals']['notHeld'];
      /** The document's chunk, for formats with `chunkOf`. */
      readonly chunk?: string | Uint8Array;
    };

/** The options formats render with for these settings (no entity lookup: formats that use one are not made here). */
export function partOptions(settings: ExportPartSettings): ExportOptions {
  return { includeSuggestions: settings.includeSuggestions, unreviewed: settings.unreviewed, scheme: settings.scheme };
}

const made = new WeakMap<ExportPartSettings, { format: ExportFormat; opts: ExportOptions }>();

/**
 * The part of `d`, with `opts` the options the formats render with (the same object for every document, so a
 * document is prepared once for its entry and its chunk).
 */
export function exportPart(d: ExportDocument, format: ExportFormat, opts: ExportOptions, split: readonly [number, number, number] | undefined, withChunk: boolean): ExportPart {
  const choice = documentChoice(d, opts);
  if (!choice.export) return { leftOut: { document: d.name, kind: 'document', reason: choice.reason } };
  if (choice.missing && !format.holds.missing) return { leftOut: { document: d.name, kind: 'document', reason: 'cannot-mark-missing', detail: `${format.id} has no way to mark text unknown` } };
  const group = split ? splitOf(d.sidecar.document.sha256, [...split] as [number, number, number]) : 'corpus';
  // the entry first: a document that meets a bug while rendered leaves nothing behind
  const e = documentEntry(prepare(d, opts), group, format.holds);
  const part = { group, entry: e.entry, leftOut: e.leftOut, notHeld: e.notHeld };
  return withChunk && format.chunkOf ? { ...part, chunk: format.chunkOf(d, opts) } : part;
}

/** {@link exportPart} from settings alone, as a reader makes it (the format looked up by its id). */
export function exportPartOf(d: ExportDocument, settings: ExportPartSettings): ExportPart {
  let m = made.get(settings);
  if (!m) {
    const format = exportFormat(settings.format);
    if (!format) throw new Error(`unknown export format ${settings.format}`);
    made.set(settings, (m = { format, opts: partOptions(settings) }));
  }
  return exportPart(d, m.format, m.opts, settings.split, true);
}
