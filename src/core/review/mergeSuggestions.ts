/**
 * Folding fresh detection output into a sidecar, and the review actions on single items. All functions are pure:
 * they return new sidecars and never modify their input.
 *
 * Rules: accepted items are never removed or changed by detection; a suggestion a person rejected is never
 * re-added; suggestions the detector no longer makes are dropped; new suggestions never duplicate an existing
 * span with the same label. Events follow the same rules when the detection carries events (an event is
 * identified by type, sub-type and span); their roles are the ids of the mentions and attributions of the same
 * sidecar. A suggested mention or attribution that an accepted event points to is kept even when the detector
 * no longer proposes it, so an accepted event never loses a role.
 */
import type { Attribution, DetectedAttribution, DetectedEvent, DetectedMention, Detection, EventAnnotation, Mention, MentionLabel, Provenance, Rejection, Sidecar, Span } from '../model';
import { contextOf } from '../anchoring/reanchor';
import { eventSeed, IdAllocator, mentionSeed } from '../sidecar/idAllocator';
import { TextIndex } from '../text/textIndex';

export interface MergeResult {
  sidecar: Sidecar;
  added: number;
  removed: number;
}

export function rejectionKey(r: Rejection): string {
  return `${r.kind}|${r.label ?? ''}|${r.start}|${r.end}|${r.text}`;
}

function mentionKey(m: { label: string; start: number; end: number }): string {
  return `${m.label}|${m.start}|${m.end}`;
}

function eventKey(e: { type: string; subtype: string; start: number; end: number }): string {
  return `${e.type}/${e.subtype}|${e.start}|${e.end}`;
}

/** Ids that accepted events point to: they must survive re-detection. */
function referencedByAccepted(events: readonly EventAnnotation[]): Set<string> {
  const out = new Set<string>();
  for (const e of events) {
    if (e.status !== 'accepted') continue;
    for (const ref of [e.actor1, e.actor2, e.place, e.attribution]) if (ref !== undefined) out.add(ref);
  }
  return out;
}

function spanKey(s: Span | undefined): string {
  return s ? `${s.start}-${s.end}` : '';
}

/** An attribution is identified by its cue; the rest must agree for a suggestion to count as "still proposed". */
function attributionKey(a: { cue: Span }): string {
  return spanKey(a.cue);
}

function sameAttribution(a: Attribution, d: DetectedAttribution): boolean {
  return spanKey(a.cue) === spanKey(d.cue) && spanKey(a.source) === spanKey(d.source) && spanKey(a.content) === spanKey(d.content) && a.kind === d.kind && a.direct === d.direct;
}

function withContext<T extends Span>(span: T, idx: TextIndex): T {
  const out = { ...span, text: idx.slice(span.start, span.end), ...contextOf(idx, span.start, span.end) };
  return out;
}

/** The span with its quote taken from the text; suggestions carry no context (they are re-detected instead). */
function quoted(span: Span, idx: TextIndex): Span {
  return { start: span.start, end: span.end, text: idx.slice(span.start, span.end) };
}

/** Adds re-anchoring context to a span whose quote is still at its offsets (an accepted item must be found again). */
function anchored<T extends Span>(span: T, idx: TextIndex): T {
  if (span.start > span.end || span.end > idx.length || idx.slice(span.start, span.end) !== span.text) return span;
  return { ...span, ...contextOf(idx, span.start, span.end) };
}

function stamped<T extends object>(item: T, provenance?: Provenance): T {
  if (!provenance) return item;
  const out = { ...item } as T & Provenance;
  if (provenance.by !== undefined) out.by = provenance.by;
  if (provenance.at !== undefined) out.at = provenance.at;
  return out;
}

function rejectionOf(item: Mention | Attribution | EventAnnotation, kind: Rejection['kind'], provenance?: Provenance): Rejection {
  return stamped(rejectionFor(item, kind), provenance);
}

/** The item's context goes with it, so the rejection can be re-anchored when the text changes. */
export function rejectionFor(item: Mention | Attribution | EventAnnotation, kind: Rejection['kind']): Rejection {
  // an orphan's offsets are stale: its rejection is one too, until re-anchoring finds the quote again
  const context = (s: Span): Pick<Rejection, 'prefix' | 'suffix' | 'orphan'> => ({
    ...(item.orphan ? { orphan: true } : {}),
    ...(s.prefix !== undefined ? { prefix: s.prefix } : {}),
    ...(s.suffix !== undefined ? { suffix: s.suffix } : {}),
  });
  if (kind === 'mention') {
    const m = item as Mention;
    return { kind, label: m.label, start: m.start, end: m.end, text: m.text, ...context(m) };
  }
  if (kind === 'attribution') {
    const a = item as Attribution;
    return { kind, start: a.cue.start, end: a.cue.end, text: a.cue.text, ...context(a.cue) };
  }
  const e = item as EventAnnotation;
  return { kind, label: `${e.type}/${e.subtype}`, start: e.start, end: e.end, text: e.text, ...context(e) };
}

/** Drops references to removed mentions/attributions from events. */
export function clearReferences(events: EventAnnotation[], removed: Set<string>): EventAnnotation[] {
  if (removed.size === 0) return events;
  return events.map((e) => {
    let out = e;
    for (const key of ['actor1', 'actor2', 'place', 'attribution'] as const) {
      const ref = out[key];
      if (ref !== undefined && removed.has(ref)) {
        out = { ...out };
        delete out[key];
      }
    }
    return out;
  });
}

/**
 * How detection output is folded in for one kind of item (mentions, attributions): what identifies an item,
 * whether the detector still proposes a stored suggestion, the rejection it would leave, and how a new one is
 * built. One merge (keptSuggestions, newSuggestions) serves every kind.
 */
interface SuggestionKind<T extends Mention | Attribution, D> {
  /** Where the item is: one suggestion per key. */
  key(x: T | D): string;
  /** A detection the text can hold (offsets inside it). */
  fits(d: D, inRange: (s: Span) => boolean): boolean;
  /** The stored suggestion `x` is what `d` (the detection at its key, if any) proposes now. */
  stillProposed(x: T, d: D | undefined): d is D;
  /** The stored suggestion brought up to date with the detection. */
  refresh(x: T, d: D): T;
  /** The rejection key of a stored item, or of a detection (its quote taken from the text). */
  rejection(x: T | D, idx: TextIndex): string;
  /** A new suggestion for `d`, with an id from `ids`. */
  create(d: D, idx: TextIndex, ids: IdAllocator): T;
}

const MENTIONS: SuggestionKind<Mention, DetectedMention> = {
  key: mentionKey,
  fits: (d, inRange) => inRange(d),
  stillProposed: (_x, d): d is DetectedMention => d !== undefined,
  refresh: (m, d) => {
    const kept: Mention = { ...m, origin: d.origin };
    if (d.entity !== undefined) kept.entity = d.entity;
    return kept;
  },
  rejection: (x, idx) => rejectionKey({ kind: 'mention', label: x.label, start: x.start, end: x.end, text: 'id' in x ? x.text : idx.slice(x.start, x.end) }),
  create: (d, idx, ids) => {
    const m: Mention = { id: '', label: d.label, start: d.start, end: d.end, text: idx.slice(d.start, d.end), status: 'suggested', origin: d.origin };
    m.id = ids.nextFor('m', m.label, m.start, m.end, m.text);
    if (d.entity !== undefined) m.entity = d.entity;
    return m;
  },
};

const ATTRIBUTIONS: SuggestionKind<Attribution, DetectedAttribution> = {
  key: attributionKey,
  fits: (d, inRange) => inRange(d.cue) && (!d.source || inRange(d.source)) && (!d.content || inRange(d.content)),
  stillProposed: (a, d): d is DetectedAttribution => d !== undefined && sameAttribution(a, d),
  refresh: (a) => a,
  rejection: (x, idx) => rejectionKey({ kind: 'attribution', start: x.cue.start, end: x.cue.end, text: 'id' in x ? x.cue.text : idx.slice(x.cue.start, x.cue.end) }),
  create: (d, idx, ids) => {
    const a: Attribution = { id: '', cue: quoted(d.cue, idx), kind: d.kind, direct: d.direct, status: 'suggested', origin: 'rule' };
    a.id = ids.nextFor('a', 'attribution', a.cue.start, a.cue.end, a.cue.text);
    if (d.source) a.source = quoted(d.source, idx);
    if (d.content) a.content = quoted(d.content, idx);
    if (d.sourceEntity !== undefined) a.sourceEntity = d.sourceEntity;
    return a;
  },
};

interface KindMerge<T, D> {
  items: T[];
  /** The detections by key, first one per key. */
  proposed: Map<string, D>;
  /** Keys that hold a stored item. */
  taken: Set<string>;
  removed: number;
}

/**
 * The stored items that stay: accepted ones, suggestions the detector still makes (one per key), and
 * suggestions an accepted event points to; stale, orphaned, duplicate and rejected suggestions go to `removedIds`.
 */
function keptSuggestions<T extends Mention | Attribution, D>(k: SuggestionKind<T, D>, stored: readonly T[], detected: readonly D[], c: MergeContext): KindMerge<T, D> {
  const proposed = new Map<string, D>();
  for (const d of detected) {
    if (!k.fits(d, c.inRange)) continue;
    const key = k.key(d);
    if (!proposed.has(key)) proposed.set(key, d);
  }
  const items: T[] = [];
  const taken = new Set<string>();
  let removed = 0;
  for (const x of stored) {
    const key = k.key(x);
    if (x.status === 'accepted') {
      items.push(x);
      taken.add(key);
      continue;
    }
    const d = proposed.get(key);
    const current = k.stillProposed(x, d) && !x.orphan;
    if (!current && c.protectedIds.has(x.id) && !taken.has(key)) {
      items.push(x);
      taken.add(key);
      continue;
    }
    // (a rejection re-anchored onto a suggestion that was kept meanwhile removes it: rejected means gone)
    if (!current || taken.has(key) || (c.rejected.size > 0 && c.rejected.has(k.rejection(x, c.idx)))) {
      removed++;
      c.removedIds.add(x.id);
      continue;
    }
    items.push(k.refresh(x, d));
    taken.add(key);
  }
  return { items, proposed, taken, removed };
}

/** New suggestions for the detections no item holds and no rejection blocks; returns how many. */
function newSuggestions<T extends Mention | Attribution, D>(k: SuggestionKind<T, D>, m: KindMerge<T, D>, ids: IdAllocator, c: MergeContext): number {
  let added = 0;
  // (the rejection key quotes the text: built only when there are rejections to look it up in; the proposed
  // keys are distinct, so only the stored items' keys are ever taken, none on a first run)
  const taken = m.taken.size > 0;
  for (const [key, d] of m.proposed) {
    if ((taken && m.taken.has(key)) || (c.rejected.size > 0 && c.rejected.has(k.rejection(d, c.idx)))) continue;
    m.items.push(k.create(d, c.idx, ids));
    added++;
  }
  return added;
}

interface MergeContext {
  idx: TextIndex;
  rejected: ReadonlySet<string>;
  inRange: (s: Span) => boolean;
  protectedIds: ReadonlySet<string>;
  removedIds: Set<string>;
}

export function mergeSuggestions(sidecar: Sidecar, detection: Detection, text: string | TextIndex): MergeResult {
  const idx = typeof text === 'string' ? new TextIndex(text) : text;
  const rejected = new Set(sidecar.rejected.map(rejectionKey));
  const c: MergeContext = {
    idx,
    rejected,
    inRange: (s: Span) => s.start >= 0 && s.start <= s.end && s.end <= idx.length,
    protectedIds: referencedByAccepted(sidecar.events),
    removedIds: new Set<string>(),
  };
  const m = keptSuggestions(MENTIONS, sidecar.mentions, detection.mentions, c);
  const a = keptSuggestions(ATTRIBUTIONS, sidecar.attributions, detection.attributions, c);
  // New suggestions get ids from what they are, so the same suggestion has the same id on every machine.
  const ids = new IdAllocator({ mentions: m.items, attributions: a.items, events: sidecar.events });
  let added = newSuggestions(MENTIONS, m, ids, c) + newSuggestions(ATTRIBUTIONS, a, ids, c);
  let removed = m.removed + a.removed;
  let out: Sidecar = { ...sidecar, mentions: m.items, attributions: a.items, events: clearReferences(sidecar.events, c.removedIds) };
  if (detection.events) {
    // the ids in use are the same as above (mergeEvents changes no mention or attribution): one allocator
    const r = mergeEvents(out, detection.events, idx, rejected, ids);
    // a victim detected for an event that was rejected is no suggestion of its own
    const kept = withoutStrayVictims(r.sidecar);
    if (kept !== r.sidecar) {
      const before = new Set(sidecar.mentions.map((x) => x.id));
      const keptIds = new Set(kept.mentions.map((x) => x.id));
      for (const x of r.sidecar.mentions) {
        if (keptIds.has(x.id)) continue;
        if (before.has(x.id)) removed++;
        else added--;
      }
    }
    out = kept;
    added += r.added;
    removed += r.removed;
  }
  return { sidecar: out, added, removed };
}

/**
 * Drops suggested victims (CIVILIAN mentions) that no event points to: they exist for an event's actor 2 and go
 * with it (a rejected or removed event leaves none behind); accepted ones are a person's and stay.
 */
export function withoutStrayVictims(sidecar: Sidecar): Sidecar {
  if (!sidecar.mentions.some((m) => m.label === 'CIVILIAN' && m.status === 'suggested')) return sidecar;
  const used = new Set<string>();
  for (const e of sidecar.events) for (const ref of [e.actor1, e.actor2]) if (ref !== undefined) used.add(ref);
  const mentions = sidecar.mentions.filter((m) => m.label !== 'CIVILIAN' || m.status !== 'suggested' || used.has(m.id));
  return mentions.length === sidecar.mentions.length ? sidecar : { ...sidecar, mentions };
}

/** Suggested events from detection; mention and attribution ids are looked up in the (already merged) sidecar. */
function mergeEvents(sidecar: Sidecar, detected: readonly DetectedEvent[], idx: TextIndex, rejected: ReadonlySet<string>, ids: IdAllocator): MergeResult {
  // only the mentions and cues an event can point to are keyed (a long text has far more of them than events)
  const roleStarts = new Set<number>();
  const cueStarts = new Set<number>();
  for (const d of detected) {
    for (const r of [d.actor1, d.actor2, d.place]) if (r) roleStarts.add(r.start);
    if (d.attribution) cueStarts.add(d.attribution.start);
  }
  const mentionIds = new Map<string, string>();
  for (const m of sidecar.mentions) {
    if (m.orphan || !roleStarts.has(m.start)) continue;
    const key = mentionKey(m);
    if (!mentionIds.has(key)) mentionIds.set(key, m.id);
  }
  const cueIds = new Map<string, string>();
  for (const a of sidecar.attributions) {
    if (a.orphan || !cueStarts.has(a.cue.start)) continue;
    const key = spanKey(a.cue);
    if (!cueIds.has(key)) cueIds.set(key, a.id);
  }
  const inRange = (s: { start: number; end: number }) => s.start >= 0 && s.start <= s.end && s.end <= idx.length;
  const proposed = new Map<string, Omit<EventAnnotation, 'id'>>();
  for (const d of detected) {
    if (!inRange(d)) continue;
    const e: Omit<EventAnnotation, 'id'> = { type: d.type, subtype: d.subtype, start: d.start, end: d.end, text: idx.slice(d.start, d.end), status: 'suggested', origin: 'rule' };
    // each role by name: a store through a computed key was the slowest part of merging a long article
    const actor1 = d.actor1 ? mentionIds.get(mentionKey(d.actor1)) : undefined;
    if (actor1 !== undefined) e.actor1 = actor1;
    const actor2 = d.actor2 ? mentionIds.get(mentionKey(d.actor2)) : undefined;
    if (actor2 !== undefined) e.actor2 = actor2;
    const place = d.place ? mentionIds.get(mentionKey(d.place)) : undefined;
    if (place !== undefined) e.place = place;
    if (d.date !== undefined) e.date = d.date;
    if (d.fatalities !== undefined) e.fatalities = d.fatalities;
    // further reports of the same happening, with context like the event's own span so they move with it
    const spans = d.spans.filter(inRange).map((x) => withContext({ start: x.start, end: x.end, text: '' }, idx));
    if (spans.length > 0) e.spans = spans;
    if (d.inter1 !== undefined) e.inter1 = d.inter1;
    if (d.inter2 !== undefined) e.inter2 = d.inter2;
    if (d.interaction !== undefined) e.interaction = d.interaction;
    if (d.civilianTargeting) e.civilian_targeting = true;
    if (d.date !== undefined && d.datePrecision !== undefined) e.time_precision = d.datePrecision;
    if (d.geoPrecision !== undefined) e.geo_precision = d.geoPrecision;
    if (d.admin1 !== undefined) e.admin1 = d.admin1;
    if (d.sourceScale !== undefined) e.source_scale = d.sourceScale;
    if (d.notes !== undefined) e.notes = d.notes;
    const cue = d.attribution ? cueIds.get(spanKey(d.attribution as Span)) : undefined;
    if (cue !== undefined) e.attribution = cue;
    if (!proposed.has(eventKey(e))) proposed.set(eventKey(e), e);
  }
  let added = 0;
  let removed = 0;
  const events: EventAnnotation[] = [];
  const taken = new Set<string>();
  for (const e of sidecar.events) {
    if (e.status === 'accepted') {
      events.push(e);
      taken.add(eventKey(e));
      continue;
    }
    const p = proposed.get(eventKey(e));
    // (as for mentions: a rejection re-anchored onto a suggestion kept meanwhile removes it)
    if (!p || e.orphan || taken.has(eventKey(e)) || rejected.has(rejectionKey({ kind: 'event', label: `${e.type}/${e.subtype}`, start: e.start, end: e.end, text: e.text }))) {
      removed++;
      continue;
    }
    // the same suggestion: roles, date and toll follow the current detection
    events.push(withContext({ ...p, id: e.id }, idx));
    taken.add(eventKey(e));
  }
  // new events get ids from what they are, like mentions (the same suggestion, the same id on every machine)
  for (const p of proposed.values()) {
    const key = eventKey(p);
    if (taken.has(key) || rejected.has(rejectionKey({ kind: 'event', label: `${p.type}/${p.subtype}`, start: p.start, end: p.end, text: p.text }))) continue;
    const fresh: EventAnnotation = { ...p, id: '' };
    fresh.id = ids.next('e', eventSeed(fresh));
    events.push(withContext(fresh, idx));
    taken.add(key);
    added++;
  }
  return { sidecar: { ...sidecar, events }, added, removed };
}

type Kind = 'mention' | 'attribution' | 'event';

function find(sidecar: Sidecar, id: string): { kind: Kind; item: Mention | Attribution | EventAnnotation } | undefined {
  const m = sidecar.mentions.find((x) => x.id === id);
  if (m) return { kind: 'mention', item: m };
  const a = sidecar.attributions.find((x) => x.id === id);
  if (a) return { kind: 'attribution', item: a };
  const e = sidecar.events.find((x) => x.id === id);
  return e && { kind: 'event', item: e };
}

function without(sidecar: Sidecar, id: string): Sidecar {
  const removed = new Set([id]);
  return {
    ...sidecar,
    mentions: sidecar.mentions.filter((x) => x.id !== id),
    attributions: sidecar.attributions.filter((x) => x.id !== id),
    events: clearReferences(sidecar.events.filter((x) => x.id !== id), removed),
  };
}

/**
 * Accepts the items `accept` picks. With the text, each gets re-anchoring context (suggestions carry none on
 * disk); with a provenance, `by`/`at` record the decision.
 */
function setStatus<T extends { id: string; status: string }>(items: T[], accept: (x: T) => boolean, context: (x: T) => T, provenance?: Provenance): T[] {
  return items.map((x) => (x.status !== 'accepted' && accept(x) ? stamped(context({ ...x, status: 'accepted' }), provenance) : x));
}

function acceptWhere(sidecar: Sidecar, accept: (x: { id: string }) => boolean, text?: string | TextIndex, provenance?: Provenance): Sidecar {
  const idx = text === undefined ? undefined : typeof text === 'string' ? new TextIndex(text) : text;
  const span = <T extends Span>(x: T): T => (idx ? anchored(x, idx) : x);
  const attribution = (a: Attribution): Attribution => {
    if (!idx) return a;
    const out = { ...a, cue: anchored(a.cue, idx) };
    if (a.source) out.source = anchored(a.source, idx);
    if (a.content) out.content = anchored(a.content, idx);
    return out;
  };
  return {
    ...sidecar,
    mentions: setStatus(sidecar.mentions, accept, span, provenance),
    attributions: setStatus(sidecar.attributions, accept, attribution, provenance),
    events: setStatus(sidecar.events, accept, span, provenance),
  };
}

/**
 * Marks one item accepted. Unknown ids leave the sidecar unchanged (the item may have just been removed). Pass
 * the text so the item gets its re-anchoring context.
 */
export function acceptItem(sidecar: Sidecar, id: string, text?: string | TextIndex, provenance?: Provenance): Sidecar {
  // accepting an event accepts the mentions and attribution it points to, so re-detection can never take a role away
  const ids = new Set([id]);
  const event = sidecar.events.find((e) => e.id === id);
  if (event) for (const ref of [event.actor1, event.actor2, event.place, event.attribution]) if (ref !== undefined) ids.add(ref);
  return acceptWhere(sidecar, (x) => ids.has(x.id), text, provenance);
}

export function acceptAll(sidecar: Sidecar, text?: string | TextIndex, provenance?: Provenance): Sidecar {
  return acceptWhere(sidecar, () => true, text, provenance);
}

/**
 * Removes the item, remembers it in `rejected` so detection never suggests it again, and clears references to it.
 * Pass the text so the rejection gets its re-anchoring context (suggestions carry none on disk); without it, the
 * next `annotate` adds it while the quote is still in place.
 */
export function rejectItem(sidecar: Sidecar, id: string, text?: string | TextIndex, provenance?: Provenance): Sidecar {
  const found = find(sidecar, id);
  if (!found) return sidecar;
  const idx = text === undefined ? undefined : typeof text === 'string' ? new TextIndex(text) : text;
  let r = rejectionOf(found.item, found.kind, provenance);
  if (idx && !r.orphan && r.prefix === undefined && r.suffix === undefined) r = anchored(r, idx);
  const out = found.kind === 'event' ? withoutStrayVictims(without(sidecar, id)) : without(sidecar, id);
  const exists = sidecar.rejected.some((x) => rejectionKey(x) === rejectionKey(r));
  return { ...out, rejected: exists ? sidecar.rejected : [...sidecar.rejected, r] };
}

/** Removes the item (and references to it) without remembering it as rejected. */
export function removeItem(sidecar: Sidecar, id: string): Sidecar {
  const found = find(sidecar, id);
  if (!found) return sidecar;
  return found.kind === 'event' ? withoutStrayVictims(without(sidecar, id)) : without(sidecar, id);
}

export interface NewMention {
  start: number;
  end: number;
  label: MentionLabel;
  entity?: string;
}

/** Placed mentions with `label` that overlap `[start, end)` without being exactly that span. */
export function overlappingMentions(sidecar: Sidecar, start: number, end: number, label: MentionLabel): Mention[] {
  return sidecar.mentions.filter((m) => !m.orphan && m.label === label && m.start < end && start < m.end && !(m.start === start && m.end === end));
}

/** Rejections for detector suggestions a person's annotation replaces, so they are not proposed again. */
function rejectionsFor(sidecar: Sidecar, replaced: readonly Mention[]): Rejection[] {
  const have = new Set(sidecar.rejected.map(rejectionKey));
  const out = [...sidecar.rejected];
  for (const m of replaced) {
    if (m.origin === 'manual') continue;
    const r = rejectionOf(m, 'mention');
    if (!have.has(rejectionKey(r))) {
      out.push(r);
      have.add(rejectionKey(r));
    }
  }
  return out;
}

/** Event references to `from` point to `to` instead. */
function repoint(events: EventAnnotation[], from: ReadonlySet<string>, to: string): EventAnnotation[] {
  if (from.size === 0) return events;
  return events.map((e) => {
    let out = e;
    for (const key of ['actor1', 'actor2', 'place'] as const) {
      const ref = out[key];
      if (ref !== undefined && from.has(ref)) out = { ...out, [key]: to };
    }
    return out;
  });
}

/**
 * A mention of the same label that overlaps a new one is replaced by it ("the Iraqi army" over "army"): the
 * old ones go (a detector suggestion among them is remembered as rejected) and events point to the new one.
 */
export function replaceOverlapping(sidecar: Sidecar, text: string | TextIndex, mention: NewMention, provenance?: Provenance): { sidecar: Sidecar; id: string; replaced: Mention[] } {
  const replaced = overlappingMentions(sidecar, mention.start, mention.end, mention.label);
  const gone = new Set(replaced.map((m) => m.id));
  const base: Sidecar = replaced.length === 0 ? sidecar : { ...sidecar, mentions: sidecar.mentions.filter((m) => !gone.has(m.id)), rejected: rejectionsFor(sidecar, replaced) };
  const r = addMention(base, text, mention, provenance);
  return { sidecar: { ...r.sidecar, events: repoint(r.sidecar.events, gone, r.id) }, id: r.id, replaced };
}

/**
 * Gives a mention the other label (an ACTOR that is a PLACE, or the reverse). It becomes a person's annotation
 * (accepted, manual); the detector's old label at that span is remembered as rejected, a duplicate with the new
 * label at the same span is merged into it, and event roles that no longer fit the label are cleared.
 */
export function relabelMention(sidecar: Sidecar, id: string, label: MentionLabel, entity?: string, text?: string | TextIndex): Sidecar {
  const m = sidecar.mentions.find((x) => x.id === id);
  if (!m || m.label === label) return sidecar;
  const duplicates = sidecar.mentions.filter((x) => x.id !== id && !x.orphan && x.label === label && x.start === m.start && x.end === m.end);
  const gone = new Set(duplicates.map((x) => x.id));
  // now a person's annotation: with the text it gets the context re-anchoring needs (format 2)
  const idx = text === undefined ? undefined : typeof text === 'string' ? new TextIndex(text) : text;
  const updated: Mention = idx ? anchored({ ...m, label, status: 'accepted', origin: 'manual' }, idx) : { ...m, label, status: 'accepted', origin: 'manual' };
  if (entity !== undefined) updated.entity = entity;
  else delete updated.entity;
  const rejected = rejectionsFor(sidecar, [{ ...m, origin: m.origin === 'manual' ? 'rule' : m.origin }]);
  const events = repoint(sidecar.events, gone, id).map((e) => {
    let out = e;
    for (const key of ['actor1', 'actor2', 'place'] as const) {
      if (out[key] === id && (key === 'place') !== (label === 'PLACE')) {
        out = { ...out };
        delete out[key];
      }
    }
    return out;
  });
  return { ...sidecar, rejected, events, mentions: sidecar.mentions.filter((x) => !gone.has(x.id)).map((x) => (x.id === id ? updated : x)) };
}

/**
 * Adds a mention a person marked (accepted, origin manual). A suggestion on the same span and label is accepted
 * instead of duplicated; a rejection of that span is lifted. Throws on offsets outside the text.
 */
export function addMention(sidecar: Sidecar, text: string | TextIndex, mention: NewMention, provenance?: Provenance): { sidecar: Sidecar; id: string } {
  const idx = typeof text === 'string' ? new TextIndex(text) : text;
  const { start, end, label } = mention;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || start >= end || end > idx.length) {
    throw new RangeError(`addMention: offsets ${start}-${end} are not a non-empty range inside the text (${idx.length} code points)`);
  }
  const quote = idx.slice(start, end);
  // an orphaned rejection's offsets belong to an older text: it is about another place, and stays
  const rejected = sidecar.rejected.filter((r) => r.orphan || !(r.kind === 'mention' && r.label === label && r.start === start && r.end === end && r.text === quote));
  const existing = sidecar.mentions.find((m) => !m.orphan && m.label === label && m.start === start && m.end === end);
  if (existing) {
    const updated: Mention = stamped(withContext({ ...existing, status: 'accepted' }, idx), existing.status === 'accepted' ? undefined : provenance);
    if (mention.entity !== undefined) updated.entity = mention.entity;
    return { sidecar: { ...sidecar, rejected, mentions: sidecar.mentions.map((m) => (m === existing ? updated : m)) }, id: existing.id };
  }
  const m: Mention = stamped(withContext({ id: '', label, start, end, text: quote, status: 'accepted', origin: 'manual' } as Mention, idx), provenance);
  // a manual item's id also hashes who made it and when, so two annotators' marks never share one
  m.id = new IdAllocator(sidecar).next('m', mentionSeed(m, provenance ?? {}));
  if (mention.entity !== undefined) m.entity = mention.entity;
  return { sidecar: { ...sidecar, rejected, mentions: [...sidecar.mentions, m] }, id: m.id };
}

/** Replaces the event with the same id, or adds it with a new id when it has none (or an unknown one). */
export function upsertEvent(sidecar: Sidecar, event: Omit<EventAnnotation, 'id'> & { id?: string }, provenance?: Provenance): { sidecar: Sidecar; id: string } {
  if (event.id !== undefined && sidecar.events.some((e) => e.id === event.id)) {
    const updated = stamped(event as EventAnnotation, provenance);
    return { sidecar: { ...sidecar, events: sidecar.events.map((e) => (e.id === event.id ? { ...updated } : e)) }, id: event.id };
  }
  const fresh = stamped({ ...event }, provenance);
  const id = event.id ?? new IdAllocator(sidecar).next('e', eventSeed(fresh));
  return { sidecar: { ...sidecar, events: [...sidecar.events, { ...fresh, id }] }, id };
}
