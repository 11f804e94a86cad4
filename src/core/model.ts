/**
 * The annotation model: what a sidecar (`NAME.ann.yaml`) holds, in memory.
 *
 * All `start`/`end` offsets in this file are **Unicode code point** offsets into the text file exactly as
 * stored (no newline translation), end exclusive, so Python's `text[start:end] == text` holds.
 * Convert to UTF-16 (JS string / VS Code) only through {@link TextIndex}.
 */

/**
 * ACTOR and PLACE are the named and descriptive entities of the mention guidelines (and the entity types of the
 * NER exports). CIVILIAN marks unarmed people an event happens to ("civilians", "32 people", "a Romanian
 * national"): the guidelines do not count them as actors, but an event's actor 2 needs a mention to point to.
 */
export type MentionLabel = EntityLabel | 'CIVILIAN';
export type EntityLabel = 'ACTOR' | 'PLACE';
export const MENTION_LABELS: readonly MentionLabel[] = ['ACTOR', 'PLACE', 'CIVILIAN'];
/** The labels entity scores, agreement and NER exports count (by default). */
export const ENTITY_LABELS: readonly EntityLabel[] = ['ACTOR', 'PLACE'];
export const isEntityLabel = (label: string): label is EntityLabel => label === 'ACTOR' || label === 'PLACE';

export type Status = 'suggested' | 'accepted';
/** Where an annotation came from. `manual` annotations are always `accepted`. */
export type Origin = 'gazetteer' | 'rule' | 'manual' | 'import';
export type DocumentStatus = 'draft' | 'reviewed';

/**
 * Who made a decision and when. Both optional: the front end that knows the annotator sets them; a sidecar
 * written without them is complete.
 */
export interface Provenance {
  /** The annotator (a name or handle, as the workspace knows them). */
  by?: string;
  /** ISO 8601 date and time of the decision, e.g. `2025-03-01T14:05:00Z`. */
  at?: string;
}

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

export interface Mention extends Span, Provenance {
  /** `m-3f9a1c` (a hash, see IdAllocator); older files also have `m12`. Unique in its file. */
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

export interface Attribution extends Provenance {
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

export interface EventAnnotation extends Span, Provenance {
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
  /** Further quotes of the same happening (an event reported more than once in the article). */
  spans?: Span[];
  // ACLED coding, named as in ACLED's own columns so exports can copy them.
  /** ACLED actor type of actor1 (1–8; 0 for none). */
  inter1?: number;
  /** ACLED actor type of actor2 (0–8; 0 for none). */
  inter2?: number;
  /** ACLED two-digit interaction code: the two actor types, the smaller first (`inter1 * 10` without actor2). */
  interaction?: number;
  /** The event targets civilians (ACLED's `civilian_targeting`). */
  civilian_targeting?: boolean;
  /** 1 = the day is known, 2 = the week, 3 = only the month. */
  time_precision?: number;
  /** 1 = the place itself, 2 = a nearby or larger area, 3 = the province only. */
  geo_precision?: number;
  /** First-level administrative division (province, state) of the place. */
  admin1?: string;
  /** ACLED source scale, e.g. `National`, `International`, `Subnational-National`. */
  source_scale?: string;
  /** Free-text notes, ACLED's `notes` column. */
  notes?: string;
}

/**
 * A suggestion a person rejected; the same suggestion (kind + label + quote at that place) is never re-added.
 * Re-anchored like the other items when the text changes, with the context recorded when it was rejected.
 */
export interface Rejection extends Provenance {
  kind: 'mention' | 'attribution' | 'event';
  label?: string;
  start: number;
  end: number;
  text: string;
  /** Set when re-anchoring could not place it with confidence; kept, never dropped. */
  orphan?: boolean;
  /** Re-anchoring context, as on {@link Span}. */
  prefix?: string;
  suffix?: string;
}

/** `by`/`at` on the document record who marked it reviewed (a curator, after adjudication) and when. */
export interface DocumentInfo extends Provenance {
  /** File name of the text, relative to the sidecar. */
  text: string;
  /** Hex SHA-256 of the text file bytes. */
  sha256: string;
  /** Dateline date (YYYY-MM-DD), the reference for relative dates. */
  date?: string;
  status: DocumentStatus;
  /** DETECTOR_VERSION of the detector that produced the suggestions (absent in version 1 files). */
  detector?: string;
  /**
   * annotate's seal (sidecar/sealSidecar.ts): matches while text, detector and this file are as annotate left
   * them, so the next run can skip the document. Any edit breaks it; it is then recomputed, never trusted.
   */
  fingerprint?: string;
}

/** One side of a merge conflict: the item as that side has it (its sidecar keys), or null when it removed it. */
export type ConflictSide = Record<string, unknown> | null;

/**
 * An item two writers changed differently, left for a person to settle (written by the merge driver, and by
 * curation for every disagreement). While it is open the item list holds `ours` (or `theirs` when ours is
 * null) under `id`, so the file stays valid and references resolve; settling picks a side (settleConflict).
 */
export interface Conflict {
  /** The id of the item in conflict (`document` for the document's own fields). */
  id: string;
  ours: ConflictSide;
  theirs: ConflictSide;
  /** The common ancestor, when there is one. */
  base?: ConflictSide;
}

export interface Sidecar {
  /** The format version the file had when read; what is written is always {@link SIDECAR_VERSION}. */
  version: 1 | 2;
  document: DocumentInfo;
  mentions: Mention[];
  attributions: Attribution[];
  events: EventAnnotation[];
  rejected: Rejection[];
  /** Unsettled merge conflicts; absent when there are none. */
  conflicts?: Conflict[];
}

/** The sidecar format version written. Version 1 files are still read (and rewritten as 2 when they change). */
export const SIDECAR_VERSION = 2;

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
  /** A country's capital city (GeoNames feature PPLC): "Burkina Faso's capital" is where it lies. */
  capital?: boolean;
  /** First-level administrative division (province, state) a place lies in, for ACLED's `admin1`. */
  admin1?: string;
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
  /** Further reports of the same happening, in text order (the sidecar event's `spans`). */
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
  /** ACLED coding (acledCoding): actor types, interaction, place precision and province, source scale, notes. */
  inter1?: number;
  inter2?: number;
  interaction?: number;
  geoPrecision?: 1 | 2 | 3;
  admin1?: string;
  sourceScale?: string;
  notes?: string;
}

export interface Detection {
  mentions: DetectedMention[];
  attributions: DetectedAttribution[];
  /** Event suggestions; absent when events were not detected (merging then leaves events alone). */
  events?: DetectedEvent[];
}
