/**
 * Suggestions that learn from what people decide, as a string-matching recommender: a name a person accepted
 * or tagged in one document (its exact text, label and entity) is suggested in every other document of the
 * workspace, and a suggestion rejected in `rejectAfter` documents (default 2) is no longer suggested anywhere.
 * What was learned lives in the workspace file `conflict-learned.yaml` (learnedFile.ts), where people can
 * review it; nothing learned ever enters the built-in defaults. Pure: sidecars in, entities and a filter out.
 */
import { createHash } from 'node:crypto';
import { isEntityLabel, type DetectedMention, type Detection, type Entity, type EntityKind, type MentionLabel, type Sidecar } from '../model';
import type { GazetteerHit, GazetteerMatcher } from '../detection/types';
import { Gazetteer } from '../gazetteer/gazetteer';
import { generatedEntityId } from '../detection/generatedEntityId';

export const DEFAULT_REJECT_AFTER = 2;

export interface LearnedEntry {
  readonly text: string;
  readonly label: MentionLabel;
  /** The entity people gave it; undefined when none was recorded. */
  entity?: string;
  /** Documents in which it was accepted or tagged (sorted, unique). */
  accepted: string[];
  /** Documents in which it was rejected (sorted, unique). */
  rejected: string[];
}

export interface LearnedModel {
  /** A suggestion rejected in this many documents is no longer made. */
  rejectAfter: number;
  /** By `learnedKey`. */
  readonly entries: Map<string, LearnedEntry>;
}

export function emptyLearned(rejectAfter = DEFAULT_REJECT_AFTER): LearnedModel {
  return { rejectAfter, entries: new Map() };
}

export const learnedKey = (label: string, text: string): string => `${label}\u0000${text}`;

function addSorted(list: string[], value: string): boolean {
  if (list.includes(value)) return false;
  list.push(value);
  list.sort();
  return true;
}

function entryFor(model: LearnedModel, label: MentionLabel, text: string): LearnedEntry {
  const key = learnedKey(label, text);
  let e = model.entries.get(key);
  if (!e) model.entries.set(key, (e = { text, label, accepted: [], rejected: [] }));
  return e;
}

/**
 * Learns the decisions of one document's sidecar, recorded under `document` (a path that names it in the
 * workspace): accepted and manual mentions, and rejected mention suggestions. Decisions a document no longer
 * holds are forgotten for it. Returns whether anything changed.
 */
export function learnFromSidecar(model: LearnedModel, document: string, sidecar: Sidecar): boolean {
  const accepted = new Map<string, { label: MentionLabel; text: string; entity?: string }>();
  for (const m of sidecar.mentions) {
    // a victim ("people") is no name to suggest elsewhere: it comes with the event that needs it
    if (m.status !== 'accepted' || m.orphan || !m.text.trim() || !isEntityLabel(m.label)) continue;
    accepted.set(learnedKey(m.label, m.text), { label: m.label, text: m.text, entity: m.entity });
  }
  const rejected = new Map<string, { label: MentionLabel; text: string }>();
  for (const r of sidecar.rejected) {
    if (r.kind !== 'mention' || (r.label !== 'ACTOR' && r.label !== 'PLACE') || !r.text.trim()) continue;
    const key = learnedKey(r.label, r.text);
    if (!accepted.has(key)) rejected.set(key, { label: r.label, text: r.text });
  }
  let changed = false;
  for (const [key, e] of model.entries) {
    // decisions this document no longer holds
    if (!accepted.has(key) && e.accepted.includes(document)) {
      e.accepted = e.accepted.filter((d) => d !== document);
      changed = true;
    }
    if (!rejected.has(key) && e.rejected.includes(document)) {
      e.rejected = e.rejected.filter((d) => d !== document);
      changed = true;
    }
    if (e.accepted.length === 0 && e.rejected.length === 0) model.entries.delete(key);
  }
  for (const a of accepted.values()) {
    const e = entryFor(model, a.label, a.text);
    changed = addSorted(e.accepted, document) || changed;
    if (a.entity && e.entity !== a.entity) {
      e.entity = a.entity;
      changed = true;
    }
  }
  for (const r of rejected.values()) changed = addSorted(entryFor(model, r.label, r.text).rejected, document) || changed;
  return changed;
}

/** Still suggested: accepted somewhere and rejected in fewer than `rejectAfter` documents. */
export const isLearnedActive = (model: LearnedModel, e: LearnedEntry): boolean => e.accepted.length > 0 && e.rejected.length < model.rejectAfter;

/** No longer suggested anywhere: rejected in `rejectAfter` documents or more. */
export const isLearnedSuppressed = (model: LearnedModel, e: LearnedEntry): boolean => e.rejected.length >= model.rejectAfter;

/**
 * A hash of what the model changes in detection (active names with their label and entity, suppressed names,
 * the threshold), not of which documents taught it: a name accepted in one more document changes nothing.
 */
export function learnedFingerprint(model: LearnedModel): string {
  const lines: string[] = [`rejectAfter ${model.rejectAfter}`];
  for (const [key, e] of model.entries) {
    const active = isLearnedActive(model, e);
    const suppressed = isLearnedSuppressed(model, e);
    if (active || suppressed) lines.push(`${key}\u0000${e.entity ?? ''}\u0000${active ? 'a' : ''}${suppressed ? 's' : ''}`);
  }
  return createHash('sha256').update(lines.sort().join('\n')).digest('hex').slice(0, 16);
}

/** Gazetteer entities for the active entries, one per entity (its spellings as aliases). */
export function learnedEntities(model: LearnedModel, base?: GazetteerMatcher): Entity[] {
  const byId = new Map<string, Entity & { aliases: string[] }>();
  for (const e of model.entries.values()) {
    if (!isLearnedActive(model, e)) continue;
    // a name the gazetteer already suggests under the same label stays its; a country keeps deciding its label
    // by context (PLACE, or ACTOR when it acts), whatever one document said
    const known = base ? wholeHit(base, e.text) : undefined;
    if (known && (known.label === e.label || known.kind === 'country')) continue;
    const id = e.entity ?? generatedEntityId(e.text);
    const same = byId.get(id);
    if (same) {
      if (same.name !== e.text && !same.aliases.includes(e.text)) same.aliases.push(e.text);
      continue;
    }
    const existing = base?.get?.(id);
    const kind: EntityKind = existing?.label === e.label ? existing.kind : e.label === 'PLACE' ? 'city' : base?.isGivenName?.(e.text.split(' ')[0]) ? 'person' : 'organisation';
    byId.set(id, { id, name: e.text, label: e.label, kind, aliases: [] });
  }
  return [...byId.values()];
}

const NEXT_CAPITALISED = /^[ \u00a0][\p{Lu}]/u;
const PREV_CAPITALISED = /\p{Lu}[\p{L}\p{M}'’.-]*[ \u00a0]$/u;

function insideLongerName(text: string, h: GazetteerHit): boolean {
  const surface = text.slice(h.start, h.end);
  if (/\s/.test(surface)) return false;
  if (NEXT_CAPITALISED.test(text.slice(h.end, h.end + 2))) return true;
  // a capitalised word before, unless it opens the sentence ("The", "In")
  const before = text.slice(Math.max(0, h.start - 30), h.start);
  return PREV_CAPITALISED.test(before) && !/(?:^|[.!?"“]\s+|\n)\p{Lu}\p{Ll}*\s$/u.test(before);
}

/** The entity the gazetteer matches over all of `text`, if any. */
function wholeHit(base: GazetteerMatcher, text: string): Entity | undefined {
  const hits = base.match(text);
  if (hits.length !== 1 || hits[0].start !== 0 || hits[0].end < text.length - 1) return undefined;
  const e = hits[0].entity;
  return typeof e === 'string' ? base.get?.(e) : e;
}

/**
 * The base gazetteer with the learned names on top: where a learned and a base hit overlap, the longer wins
 * and a tie goes to the learned one (what a person decided). Hits are sorted by start.
 */
export function withLearned(base: GazetteerMatcher, model: LearnedModel): GazetteerMatcher {
  const entities = learnedEntities(model, base);
  if (entities.length === 0) return base;
  const learned = Gazetteer.from([{ source: 'workspace', entities }]);
  return {
    match(text: string): GazetteerHit[] {
      // a learned single word inside a longer capitalised name ("West" of "West African") is not that name
      const own = learned.match(text).filter((h) => !insideLongerName(text, h));
      const rest = base.match(text);
      if (own.length === 0) return [...rest];
      // longest first, learned before base among equals; a hit overlapping a chosen one is dropped
      const all = [...own.map((h) => ({ h, learned: 1 })), ...rest.map((h) => ({ h, learned: 0 }))];
      all.sort((x, y) => y.h.end - y.h.start - (x.h.end - x.h.start) || y.learned - x.learned || x.h.start - y.h.start);
      const taken = new Uint8Array(text.length + 1);
      const chosen: GazetteerHit[] = [];
      for (const { h } of all) {
        // longest first, so a chosen hit overlapping this one covers one of its ends
        if (taken[h.start] || taken[h.end - 1]) continue;
        taken.fill(1, h.start, h.end);
        chosen.push(h);
      }
      return chosen.sort((x, y) => x.start - y.start);
    },
    get: (id) => learned.get(id) ?? base.get?.(id),
    ...(base.isDemonym ? { isDemonym: (w: string) => base.isDemonym!(w) } : {}),
    ...(base.isGivenName ? { isGivenName: (w: string) => base.isGivenName!(w) } : {}),
  };
}

/** The detection without the suggestions people rejected in `rejectAfter` documents (unless accepted in `sidecar`). */
export function withoutSuppressed(detection: Detection, model: LearnedModel, sidecar?: Sidecar): Detection {
  const acceptedHere = new Set((sidecar?.mentions ?? []).filter((m) => m.status === 'accepted').map((m) => learnedKey(m.label, m.text)));
  const keep = (m: DetectedMention): boolean => {
    const key = learnedKey(m.label, m.text);
    const e = model.entries.get(key);
    return !e || acceptedHere.has(key) || !isLearnedSuppressed(model, e);
  };
  const mentions = detection.mentions.filter(keep);
  return mentions.length === detection.mentions.length ? detection : { ...detection, mentions };
}
