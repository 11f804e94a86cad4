/**
 * What every importer produces: documents read from another annotation tool's files, with their text and
 * annotations in code point offsets, before they are merged into sidecars (mergeImport.ts). Importers are pure
 * parsers: they never throw on bad input, they report Problems with the line they are about.
 */
import type { AttributionKind, DocumentStatus, MentionLabel, Status } from '../model';
import type { Taxonomy } from '../events/taxonomy';
import type { Problem } from '../problem';
import type { TextIndex } from '../text/textIndex';

export interface ImportedSpan {
  /** Code point offsets into the document text, end exclusive. */
  start: number;
  end: number;
}

export interface ImportedMention extends ImportedSpan {
  /** The label as the other tool wrote it; mapped to ACTOR/PLACE when merged. */
  label: string;
  entity?: string;
  /** `suggested` for predictions (Label Studio) and brat's Suggested attribute; `accepted` otherwise. */
  status: Status;
  /** The source's own id for the mention (brat T1), so events can refer to it. */
  key?: string;
  /** An id the source carried over from a sidecar (our Label Studio tasks), kept when free in the target. */
  id?: string;
}

export interface ImportedEvent extends ImportedSpan {
  id?: string;
  type: string;
  subtype: string;
  /** Keys of mentions. */
  actor1?: string;
  actor2?: string;
  place?: string;
  date?: string;
  fatalities?: number;
  /** Key of an attribution. */
  attribution?: string;
  status: Status;
}

export interface ImportedAttribution {
  key?: string;
  cue: ImportedSpan;
  source?: ImportedSpan;
  content?: ImportedSpan;
  kind: AttributionKind;
  direct: boolean;
  sourceEntity?: string;
  status: Status;
}

export interface ImportedDocument {
  /** Text file name to write (`NAME.txt`). */
  name: string;
  text: string;
  mentions: ImportedMention[];
  events: ImportedEvent[];
  attributions: ImportedAttribution[];
  /** The status the source records (our own exports write it), if any. */
  status?: DocumentStatus;
  /** Where it came from, for messages: `file` or `file:line`. */
  source: string;
}

/** A file handed to an importer. */
export interface ImportSource {
  /** File name without folder. */
  name: string;
  text: string;
  /** The companion file's text when the format has one (brat's `.txt` beside the `.ann`). */
  companion?: string;
}

export interface ImportResult {
  documents: ImportedDocument[];
  problems: Problem[];
}

export interface ImportFormat {
  /** The `--from` value. */
  readonly id: string;
  readonly description: string;
  /** File name endings read from a folder. */
  readonly extensions: readonly string[];
  /** The companion file of a source file (brat: `x.ann` → `x.txt`), read with it. */
  companion?(name: string): string;
  read(source: ImportSource, taxonomy: Taxonomy): ImportResult;
}

export const emptyDocument = (name: string, text: string, source: string): ImportedDocument => ({ name, text, mentions: [], events: [], attributions: [], source });

/** `x.jsonl` line 3 → `x_3.txt`: the name of a document that has no name of its own. */
export function lineName(file: string, line: number): string {
  return `${file.replace(/\.[^.]*$/, '')}_${String(line).padStart(4, '0')}.txt`;
}

/** A text file name from a name a source gives (adds `.txt`, keeps folders out). */
export function textName(name: string): string {
  const base = name.replace(/^.*[\\/]/, '').replace(/[\u0000-\u001f]/g, '_');
  return /\.txt$/i.test(base) ? base : `${base}.txt`;
}

/** UTF-16 offsets (JavaScript, Java, doccano, WebAnno) to code points, undefined when they do not fall on characters. */
export function fromUtf16(index: TextIndex, start: number, end: number): ImportedSpan | undefined {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > index.text.length || start >= end) return undefined;
  const s = index.toCodePoint(start);
  const e = index.toCodePoint(end);
  // an offset inside a surrogate pair snaps back; then it was not a character boundary
  return index.toUtf16(s) === start && index.toUtf16(e) === end ? { start: s, end: e } : undefined;
}

export function validSpan(index: TextIndex, s: ImportedSpan): boolean {
  return Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start < s.end && s.end <= index.length;
}

export function problem(message: string, line = 0, severity: Problem['severity'] = 'error'): Problem {
  return { code: 'schema', severity, message, line };
}

/** Maps a source label to ours: an explicit map first, then ACTOR/PLACE in any letter case. */
export type LabelMap = ReadonlyMap<string, MentionLabel>;

export function mapLabel(label: string, map: LabelMap): MentionLabel | undefined {
  const explicit = map.get(label) ?? map.get(label.toUpperCase());
  if (explicit) return explicit;
  const up = label.toUpperCase();
  return up === 'ACTOR' || up === 'PLACE' ? up : undefined;
}

/** Parses JSON Lines; a bad line is a problem, the others are still read. */
export function jsonLines(text: string, problems: Problem[]): { line: number; value: unknown }[] {
  const out: { line: number; value: unknown }[] = [];
  text.split('\n').forEach((raw, i) => {
    if (!raw.trim()) return;
    try {
      out.push({ line: i + 1, value: JSON.parse(raw) });
    } catch (e) {
      problems.push(problem(`not JSON: ${(e as Error).message}`, i + 1));
    }
  });
  return out;
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
