/**
 * The annotation model: what a sidecar (`NAME.ann.yaml`) holds, in memory.
 *
 * All `start`/`end` offsets in this file are **Unicode code point** offsets into the text file exactly as
 * stored (no newline translation), end exclusive, so Python's `text[start:end] == text` holds.
 * Convert to UTF-16 (JS string / VS Code) only through {@link TextIndex}.
 */

export type MentionLabel = 'ACTOR' | 'PLACE';
export const MENTION_LABELS: readonly MentionLabel[] = ['ACTOR', 'PLACE'];

export type Status = 'suggested' | 'accepted';
/** Where an annotation came from. `manual` annotations are always `accepted`. */
export type Origin = 'gazetteer' | 'rule' | 'manual' | 'import';
export type DocumentStatus = 'draft' | 'reviewed';

/** A quoted stretch of text with context used to re-anchor it after the text changes. */
export interface Span {
  start: number;
  end: number;
  text: string;
  /** Up to 32 code points before `start` (re-anchoring context). */
  prefix?: string;
  /** Up to 32 code points after `end`. */
  suffix?: string;
}

export interface Mention extends Span {
  id: string;
  label: MentionLabel;
  /** Canonical entity id shared by all spelling variants (gazetteer id, or a generated `x-...` id). */
  entity?: string;
  status: Status;
  origin: Origin;
  /** Set when re-anchoring could not place it with confidence; kept, never dropped. */
  orphan?: boolean;
}

export type AttributionKind = 'named' | 'anonymous';

export interface Attribution {
  id: string;
  cue: Span;
  source?: Span;
  content?: Span;
  kind: AttributionKind;
  /** true for direct quotation, false for reported (indirect) speech. */
  direct: boolean;
  status: Status;
  origin?: Origin;
  /** Entity id of the source when it is a known entity. */
  sourceEntity?: string;
  orphan?: boolean;
}

export interface EventAnnotation extends Span {
  id: string;
  type: string;
  subtype: string;
  /** Mention ids. */
  actor1?: string;
  actor2?: string;
  place?: string;
  /** ISO date YYYY-MM-DD. */
  date?: string;
  fatalities?: number;
  /** Attribution id. */
  attribution?: string;
  status: Status;
  origin?: Origin;
  orphan?: boolean;
}

/** A suggestion a person rejected; the same suggestion (kind + label + quote at that place) is never re-added. */
export interface Rejection {
  kind: 'mention' | 'attribution' | 'event';
  label?: string;
  start: number;
  end: number;
  text: string;
}

export interface DocumentInfo {
  /** File name of the text, relative to the sidecar. */
  text: string;
  /** Hex SHA-256 of the text file bytes. */
  sha256: string;
  /** Dateline date (YYYY-MM-DD), the reference for relative dates. */
  date?: string;
  status: DocumentStatus;
}

export interface Sidecar {
  version: 1;
  document: DocumentInfo;
  mentions: Mention[];
  attributions: Attribution[];
  events: EventAnnotation[];
  rejected: Rejection[];
}

/** Entity types used on hover cards and in ACLED exports. */
export type EntityKind =
  | 'person'
  | 'organisation'
  | 'armed_group'
  | 'state_force'
  | 'government'
  | 'media'
  | 'igo_ngo'
  | 'group' // descriptive group mention ("Sunni militants")
  | 'country'
  | 'admin_area'
  | 'city'
  | 'facility'
  | 'region';

/** One gazetteer entry: a canonical entity and its spelling variants. */
export interface Entity {
  id: string;
  name: string;
  label: MentionLabel;
  kind: EntityKind;
  aliases: string[];
  /** ACLED actor type `inter` 1–8 where known. */
  inter?: number;
  /** ISO 3166-1 alpha-2 country code. */
  country?: string;
  geonameId?: number;
  lat?: number;
  lon?: number;
  population?: number;
  description?: string;
}

/** A mention found by detection, before it is merged into a sidecar (code point offsets). */
export interface DetectedMention {
  label: MentionLabel;
  start: number;
  end: number;
  text: string;
  entity?: string;
  origin: 'gazetteer' | 'rule';
}

export interface DetectedAttribution {
  cue: Span;
  source?: Span;
  content?: Span;
  kind: AttributionKind;
  direct: boolean;
  sourceEntity?: string;
}

/** A role of a detected event: the span of a mention in the same detection (code points). */
export interface DetectedRole {
  label: MentionLabel;
  start: number;
  end: number;
}

/** An event found by event detection, before it is merged into a sidecar (code point offsets). */
export interface DetectedEvent {
  type: string;
  subtype: string;
  /** The main report's clause. */
  start: number;
  end: number;
  text: string;
  /** The word or phrase that says what happened. */
  trigger: { start: number; end: number; text: string };
  /** Further reports of the same happening, in text order (not written to sidecars yet). */
  spans: Array<{ start: number; end: number; text: string }>;
  actor1?: DetectedRole;
  actor2?: DetectedRole;
  place?: DetectedRole;
  /** ISO date YYYY-MM-DD; coarser dates use the first day (see datePrecision). */
  date?: string;
  /** ACLED time_precision: 1 day, 2 week, 3 month or coarser. */
  datePrecision?: 1 | 2 | 3;
  fatalities?: number;
  /** The cue span of the attribution that reports it. */
  attribution?: { start: number; end: number };
  civilianTargeting: boolean;
}

export interface Detection {
  mentions: DetectedMention[];
  attributions: DetectedAttribution[];
  /** Event suggestions; absent when events were not detected (merging then leaves events alone). */
  events?: DetectedEvent[];
}
