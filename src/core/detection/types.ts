/**
 * Types shared by the detection modules, the attribution finder and the gazetteer: what a gazetteer hands to
 * detection (hits, matcher) and what a mention looks like while detection runs. Types only, no code, so any
 * module may import them without an import cycle.
 */
import type { Entity, EntityKind, MentionLabel } from '../model';
import type { TextIndex } from '../text/textIndex';

/** One gazetteer match, UTF-16 offsets (what `Gazetteer.match` returns). */
export interface GazetteerHit {
  readonly start: number;
  readonly end: number;
  readonly entity: Entity | string;
  readonly alias?: string;
}

/** The part of the gazetteer detection needs. */
export interface GazetteerMatcher {
  match(text: string): readonly GazetteerHit[];
  get?(id: string): Entity | undefined;
  /** Whether a capitalised word is a demonym of a known country or region ("Iraqi" yes, "Taliban" no). */
  isDemonym?(word: string): boolean;
  /** Whether a capitalised word is a known given name ("Anders", "Olena"). */
  isGivenName?(word: string): boolean;
}

export interface DetectOptions {
  /** Find attributions too (default true). */
  readonly attributions?: boolean;
  /** The text's offset index, when the caller has one already (detectWithEvents shares it with the event pass). */
  readonly index?: TextIndex;
}

/** A mention while detection runs: UTF-16 offsets, with the entity kind the rules inferred. */
export interface MentionCandidate {
  start: number;
  end: number;
  label: MentionLabel;
  entity: string;
  kind: EntityKind;
  origin: 'gazetteer' | 'rule';
  /** Higher wins among equally long overlapping candidates. */
  priority: number;
}
