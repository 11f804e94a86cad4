/**
 * Folding fresh detection output into a sidecar, and the review actions on single items. All functions are pure:
 * they return new sidecars and never modify their input.
 *
 * Rules: accepted items are never removed or changed by detection; a suggestion a person rejected is never
 * re-added; suggestions the detector no longer makes are dropped; new suggestions never duplicate an existing
 * span with the same label.
 */
import type { Attribution, DetectedAttribution, DetectedMention, Detection, EventAnnotation, Mention, MentionLabel, Rejection, Sidecar, Span } from '../model';
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
  return { sidecar: out, added, removed };
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

/** Marks one item accepted. Unknown ids leave the sidecar unchanged (the item may have just been removed). */
export function acceptItem(sidecar: Sidecar, id: string): Sidecar {
  const is = (x: { id: string }) => x.id === id;
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
export function replaceOverlapping(sidecar: Sidecar, text: string | TextIndex, mention: NewMention): { sidecar: Sidecar; id: string; replaced: Mention[] } {
  const replaced = overlappingMentions(sidecar, mention.start, mention.end, mention.label);
  const gone = new Set(replaced.map((m) => m.id));
  const base: Sidecar = replaced.length === 0 ? sidecar : { ...sidecar, mentions: sidecar.mentions.filter((m) => !gone.has(m.id)), rejected: rejectionsFor(sidecar, replaced) };
  const r = addMention(base, text, mention);
  return { sidecar: { ...r.sidecar, events: repoint(r.sidecar.events, gone, r.id) }, id: r.id, replaced };
}

/**
 * Gives a mention the other label (an ACTOR that is a PLACE, or the reverse). It becomes a person's annotation
 * (accepted, manual); the detector's old label at that span is remembered as rejected, a duplicate with the new
 * label at the same span is merged into it, and event roles that no longer fit the label are cleared.
 */
export function relabelMention(sidecar: Sidecar, id: string, label: MentionLabel, entity?: string): Sidecar {
  const m = sidecar.mentions.find((x) => x.id === id);
  if (!m || m.label === label) return sidecar;
  const duplicates = sidecar.mentions.filter((x) => x.id !== id && !x.orphan && x.label === label && x.start === m.start && x.end === m.end);
  const gone = new Set(duplicates.map((x) => x.id));
  const updated: Mention = { ...m, label, status: 'accepted', origin: 'manual' };
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
