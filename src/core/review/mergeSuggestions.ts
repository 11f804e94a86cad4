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
import type { Attribution, DetectedAttribution, DetectedEvent, DetectedMention, Detection, EventAnnotation, Mention, MentionLabel, Rejection, Sidecar, Span } from '../model';
import { contextOf } from '../anchoring/reanchor';
import { nextId } from '../sidecar/sidecarFormat';
import { TextIndex } from '../text/textIndex';

export interface MergeResult {
  sidecar: Sidecar;
  added: number;
  removed: number;
}

function rejectionKey(r: Rejection): string {
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

function rejectionOf(item: Mention | Attribution | EventAnnotation, kind: Rejection['kind']): Rejection {
  if (kind === 'mention') {
    const m = item as Mention;
    return { kind, label: m.label, start: m.start, end: m.end, text: m.text };
  }
  if (kind === 'attribution') {
    const a = item as Attribution;
    return { kind, start: a.cue.start, end: a.cue.end, text: a.cue.text };
  }
  const e = item as EventAnnotation;
  return { kind, label: `${e.type}/${e.subtype}`, start: e.start, end: e.end, text: e.text };
}

/** Drops references to removed mentions/attributions from events. */
function clearReferences(events: EventAnnotation[], removed: Set<string>): EventAnnotation[] {
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

export function mergeSuggestions(sidecar: Sidecar, detection: Detection, text: string | TextIndex): MergeResult {
  const idx = typeof text === 'string' ? new TextIndex(text) : text;
  const rejected = new Set(sidecar.rejected.map(rejectionKey));
  const inRange = (s: Span) => s.start >= 0 && s.start <= s.end && s.end <= idx.length;
  let added = 0;
  let removed = 0;
  const removedIds = new Set<string>();
  const protectedIds = referencedByAccepted(sidecar.events);

  // Mentions
  const proposed = new Map<string, DetectedMention>();
  for (const d of detection.mentions) if (inRange(d) && !proposed.has(mentionKey(d))) proposed.set(mentionKey(d), d);
  const mentions: Mention[] = [];
  const taken = new Set<string>();
  for (const m of sidecar.mentions) {
    if (m.status === 'accepted') {
      mentions.push(m);
      taken.add(mentionKey(m));
      continue;
    }
    const d = proposed.get(mentionKey(m));
    if ((!d || m.orphan) && protectedIds.has(m.id) && !taken.has(mentionKey(m))) {
      mentions.push(m);
      taken.add(mentionKey(m));
      continue;
    }
    if (!d || m.orphan || taken.has(mentionKey(m))) {
      removed++;
      removedIds.add(m.id);
      continue;
    }
    const kept: Mention = { ...m, origin: d.origin };
    if (d.entity !== undefined) kept.entity = d.entity;
    mentions.push(kept);
    taken.add(mentionKey(m));
  }
  let out: Sidecar = { ...sidecar, mentions };
  for (const d of proposed.values()) {
    const key = mentionKey(d);
    const quote = idx.slice(d.start, d.end);
    if (taken.has(key) || rejected.has(rejectionKey({ kind: 'mention', label: d.label, start: d.start, end: d.end, text: quote }))) continue;
    const m: Mention = withContext({ id: nextId(out, 'm'), label: d.label, start: d.start, end: d.end, text: quote, status: 'suggested', origin: d.origin } as Mention, idx);
    if (d.entity !== undefined) m.entity = d.entity;
    out = { ...out, mentions: [...out.mentions, m] };
    taken.add(key);
    added++;
  }

  // Attributions
  const proposedA = new Map<string, DetectedAttribution>();
  for (const d of detection.attributions) {
    if (inRange(d.cue) && (!d.source || inRange(d.source)) && (!d.content || inRange(d.content)) && !proposedA.has(attributionKey(d))) proposedA.set(attributionKey(d), d);
  }
  const attributions: Attribution[] = [];
  const takenA = new Set<string>();
  for (const a of sidecar.attributions) {
    if (a.status === 'accepted') {
      attributions.push(a);
      takenA.add(attributionKey(a));
      continue;
    }
    const d = proposedA.get(attributionKey(a));
    if ((!d || a.orphan || !sameAttribution(a, d)) && protectedIds.has(a.id) && !takenA.has(attributionKey(a))) {
      attributions.push(a);
      takenA.add(attributionKey(a));
      continue;
    }
    if (!d || a.orphan || !sameAttribution(a, d) || takenA.has(attributionKey(a))) {
      removed++;
      removedIds.add(a.id);
      continue;
    }
    attributions.push(a);
    takenA.add(attributionKey(a));
  }
  out = { ...out, attributions };
  for (const d of proposedA.values()) {
    const key = attributionKey(d);
    const cueText = idx.slice(d.cue.start, d.cue.end);
    if (takenA.has(key) || rejected.has(rejectionKey({ kind: 'attribution', start: d.cue.start, end: d.cue.end, text: cueText }))) continue;
    const a: Attribution = { id: nextId(out, 'a'), cue: withContext(d.cue, idx), kind: d.kind, direct: d.direct, status: 'suggested', origin: 'rule' };
    if (d.source) a.source = withContext(d.source, idx);
    if (d.content) a.content = withContext(d.content, idx);
    if (d.sourceEntity !== undefined) a.sourceEntity = d.sourceEntity;
    out = { ...out, attributions: [...out.attributions, a] };
    takenA.add(key);
    added++;
  }

  out = { ...out, events: clearReferences(out.events, removedIds) };
  if (detection.events) {
    const r = mergeEvents(out, detection.events, idx, rejected);
    out = r.sidecar;
    added += r.added;
    removed += r.removed;
  }
  return { sidecar: out, added, removed };
}

/** Suggested events from detection; mention and attribution ids are looked up in the (already merged) sidecar. */
function mergeEvents(sidecar: Sidecar, detected: readonly DetectedEvent[], idx: TextIndex, rejected: ReadonlySet<string>): MergeResult {
  const mentionIds = new Map<string, string>();
  for (const m of sidecar.mentions) if (!m.orphan && !mentionIds.has(mentionKey(m))) mentionIds.set(mentionKey(m), m.id);
  const cueIds = new Map<string, string>();
  for (const a of sidecar.attributions) if (!a.orphan && !cueIds.has(spanKey(a.cue))) cueIds.set(spanKey(a.cue), a.id);
  const inRange = (s: { start: number; end: number }) => s.start >= 0 && s.start <= s.end && s.end <= idx.length;
  const proposed = new Map<string, Omit<EventAnnotation, 'id'>>();
  for (const d of detected) {
    if (!inRange(d)) continue;
    const e: Omit<EventAnnotation, 'id'> = { type: d.type, subtype: d.subtype, start: d.start, end: d.end, text: idx.slice(d.start, d.end), status: 'suggested', origin: 'rule' };
    for (const role of ['actor1', 'actor2', 'place'] as const) {
      const r = d[role];
      const id = r ? mentionIds.get(mentionKey(r)) : undefined;
      if (id !== undefined) e[role] = id;
    }
    if (d.date !== undefined) e.date = d.date;
    if (d.fatalities !== undefined) e.fatalities = d.fatalities;
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
    if (!p || e.orphan || taken.has(eventKey(e))) {
      removed++;
      continue;
    }
    // the same suggestion: roles, date and toll follow the current detection
    events.push(withContext({ ...p, id: e.id }, idx));
    taken.add(eventKey(e));
  }
  let next = Math.max(0, ...events.map((e) => (/^e\d+$/.test(e.id) ? Number(e.id.slice(1)) : 0)), ...sidecar.events.map((e) => (/^e\d+$/.test(e.id) ? Number(e.id.slice(1)) : 0)));
  for (const p of proposed.values()) {
    const key = eventKey(p);
    if (taken.has(key) || rejected.has(rejectionKey({ kind: 'event', label: `${p.type}/${p.subtype}`, start: p.start, end: p.end, text: p.text }))) continue;
    events.push(withContext({ ...p, id: `e${++next}` }, idx));
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

function setStatus<T extends { id: string; status: string }>(items: T[], accept: (x: T) => boolean): T[] {
  return items.map((x) => (x.status !== 'accepted' && accept(x) ? { ...x, status: 'accepted' } : x));
}

/**
 * Marks one item accepted. Accepting an event accepts the mentions and attribution it points to, so re-detection
 * can never take a role away from it. Unknown ids leave the sidecar unchanged (the item may have just been removed).
 */
export function acceptItem(sidecar: Sidecar, id: string): Sidecar {
  const ids = new Set([id]);
  const event = sidecar.events.find((e) => e.id === id);
  if (event) for (const ref of [event.actor1, event.actor2, event.place, event.attribution]) if (ref !== undefined) ids.add(ref);
  const is = (x: { id: string }) => ids.has(x.id);
  return { ...sidecar, mentions: setStatus(sidecar.mentions, is), attributions: setStatus(sidecar.attributions, is), events: setStatus(sidecar.events, is) };
}

export function acceptAll(sidecar: Sidecar): Sidecar {
  const all = () => true;
  return { ...sidecar, mentions: setStatus(sidecar.mentions, all), attributions: setStatus(sidecar.attributions, all), events: setStatus(sidecar.events, all) };
}

/** Removes the item, remembers it in `rejected` so detection never suggests it again, and clears references to it. */
export function rejectItem(sidecar: Sidecar, id: string): Sidecar {
  const found = find(sidecar, id);
  if (!found) return sidecar;
  const r = rejectionOf(found.item, found.kind);
  const out = without(sidecar, id);
  const exists = sidecar.rejected.some((x) => rejectionKey(x) === rejectionKey(r));
  return { ...out, rejected: exists ? sidecar.rejected : [...sidecar.rejected, r] };
}

/** Removes the item (and references to it) without remembering it as rejected. */
export function removeItem(sidecar: Sidecar, id: string): Sidecar {
  return find(sidecar, id) ? without(sidecar, id) : sidecar;
}

export interface NewMention {
  start: number;
  end: number;
  label: MentionLabel;
  entity?: string;
}

/**
 * Adds a mention a person marked (accepted, origin manual). A suggestion on the same span and label is accepted
 * instead of duplicated; a rejection of that span is lifted. Throws on offsets outside the text.
 */
export function addMention(sidecar: Sidecar, text: string | TextIndex, mention: NewMention): { sidecar: Sidecar; id: string } {
  const idx = typeof text === 'string' ? new TextIndex(text) : text;
  const { start, end, label } = mention;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || start >= end || end > idx.length) {
    throw new RangeError(`addMention: offsets ${start}-${end} are not a non-empty range inside the text (${idx.length} code points)`);
  }
  const quote = idx.slice(start, end);
  const rejected = sidecar.rejected.filter((r) => !(r.kind === 'mention' && r.label === label && r.start === start && r.end === end && r.text === quote));
  const existing = sidecar.mentions.find((m) => !m.orphan && m.label === label && m.start === start && m.end === end);
  if (existing) {
    const updated: Mention = { ...existing, status: 'accepted' };
    if (mention.entity !== undefined) updated.entity = mention.entity;
    return { sidecar: { ...sidecar, rejected, mentions: sidecar.mentions.map((m) => (m === existing ? updated : m)) }, id: existing.id };
  }
  const id = nextId(sidecar, 'm');
  const m: Mention = withContext({ id, label, start, end, text: quote, status: 'accepted', origin: 'manual' } as Mention, idx);
  if (mention.entity !== undefined) m.entity = mention.entity;
  return { sidecar: { ...sidecar, rejected, mentions: [...sidecar.mentions, m] }, id };
}

/** Replaces the event with the same id, or adds it with a new id when it has none (or an unknown one). */
export function upsertEvent(sidecar: Sidecar, event: Omit<EventAnnotation, 'id'> & { id?: string }): { sidecar: Sidecar; id: string } {
  if (event.id !== undefined && sidecar.events.some((e) => e.id === event.id)) {
    const updated = event as EventAnnotation;
    return { sidecar: { ...sidecar, events: sidecar.events.map((e) => (e.id === event.id ? { ...updated } : e)) }, id: event.id };
  }
  const id = event.id ?? nextId(sidecar, 'e');
  return { sidecar: { ...sidecar, events: [...sidecar.events, { ...event, id }] }, id };
}
