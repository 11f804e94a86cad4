/** Which annotation sits at a position, and what a document says about an entity: the questions hovers ask. */
import type { Attribution, EventAnnotation, Mention, Sidecar, Span } from '../model';

export type AnnotationAt =
  | { kind: 'mention'; item: Mention }
  | { kind: 'attribution'; item: Attribution; part: 'cue' | 'source' | 'content' }
  | { kind: 'event'; item: EventAnnotation };

const inside = (s: Span | undefined, offset: number): s is Span => s !== undefined && s.start <= offset && offset < s.end;

/**
 * Annotations covering code point `offset`, most specific first: mentions, then attribution cue and source,
 * then events and attribution content (which span whole sentences). Orphans have no place and never match.
 */
export function annotationsAt(sidecar: Sidecar, offset: number): AnnotationAt[] {
  const out: AnnotationAt[] = [];
  for (const m of sidecar.mentions) if (!m.orphan && inside(m, offset)) out.push({ kind: 'mention', item: m });
  for (const a of sidecar.attributions) {
    if (a.orphan) continue;
    if (inside(a.cue, offset)) out.push({ kind: 'attribution', item: a, part: 'cue' });
    else if (inside(a.source, offset)) out.push({ kind: 'attribution', item: a, part: 'source' });
  }
  for (const e of sidecar.events) if (!e.orphan && inside(e, offset)) out.push({ kind: 'event', item: e });
  for (const a of sidecar.attributions) if (!a.orphan && inside(a.content, offset) && !inside(a.cue, offset) && !inside(a.source, offset)) out.push({ kind: 'attribution', item: a, part: 'content' });
  return out;
}

/** Annotations overlapping the code point range [start, end). */
export function annotationsIn(sidecar: Sidecar, start: number, end: number): AnnotationAt[] {
  if (start === end) return annotationsAt(sidecar, start);
  const overlaps = (s: Span | undefined) => s !== undefined && s.start < end && start < s.end;
  const out: AnnotationAt[] = [];
  for (const m of sidecar.mentions) if (!m.orphan && overlaps(m)) out.push({ kind: 'mention', item: m });
  for (const a of sidecar.attributions) if (!a.orphan && (overlaps(a.cue) || overlaps(a.source))) out.push({ kind: 'attribution', item: a, part: overlaps(a.cue) ? 'cue' : 'source' });
  for (const e of sidecar.events) if (!e.orphan && overlaps(e)) out.push({ kind: 'event', item: e });
  return out;
}

export interface EntityUse {
  /** Distinct spellings seen, most frequent first. */
  spellings: string[];
  mentions: Mention[];
  /** Events that name one of the entity's mentions as actor or place. */
  events: EventAnnotation[];
}

export function entityUse(sidecar: Sidecar, entity: string): EntityUse {
  const mentions = sidecar.mentions.filter((m) => m.entity === entity && !m.orphan);
  const counts = new Map<string, number>();
  for (const m of mentions) counts.set(m.text, (counts.get(m.text) ?? 0) + 1);
  const ids = new Set(mentions.map((m) => m.id));
  const events = sidecar.events.filter((e) => [e.actor1, e.actor2, e.place].some((id) => id !== undefined && ids.has(id)));
  return { spellings: [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t]) => t), mentions, events };
}

/** Every occurrence of `quote` in the text as whole words, as code point ranges (for "annotate all occurrences"). */
export function occurrences(codePoints: readonly string[] | string, quote: string): Array<{ start: number; end: number }> {
  const text = typeof codePoints === 'string' ? codePoints : codePoints.join('');
  const out: Array<{ start: number; end: number }> = [];
  if (quote.length === 0) return out;
  const word = /[\p{L}\p{N}]/u;
  let cp = 0;
  let last = 0;
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + quote.length)) {
    const before = at > 0 ? String.fromCodePoint(text.codePointAt(at - 1) ?? 32) : ' ';
    const after = text.charAt(at + quote.length) || ' ';
    if (word.test(before.slice(-1)) || word.test(after)) continue;
    // count code points between the previous match and this one
    for (const _ of text.slice(last, at)) cp++;
    const start = cp;
    let len = 0;
    for (const _ of quote) len++;
    out.push({ start, end: start + len });
    cp += len;
    last = at + quote.length;
  }
  return out;
}
