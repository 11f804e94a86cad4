/**
 * Turns annotations into the line/character runs an editor colours (VS Code's semantic tokens): one run per
 * line piece, no overlaps, sorted, UTF-16 positions. Kept in the core so the scan is measured and tested
 * without an editor.
 */
import type { MentionLabel, Span, Status } from './model';
import { TextIndex } from './textIndex';

export type SemanticType = 'actor' | 'place' | 'attributionSource' | 'attributionCue';
export type SemanticModifier = 'suggested' | 'accepted' | 'anonymous' | 'named' | 'orphan';

export interface SemanticRun {
  line: number;
  character: number;
  length: number;
  type: SemanticType;
  modifiers: SemanticModifier[];
}

interface MentionLike extends Span {
  label: MentionLabel;
  status?: Status;
  orphan?: boolean;
}

interface AttributionLike {
  cue: Span;
  source?: Span;
  kind: 'named' | 'anonymous';
  status?: Status;
  orphan?: boolean;
}

export interface Annotated {
  mentions: readonly MentionLike[];
  attributions: readonly AttributionLike[];
}

interface Piece {
  start: number;
  end: number;
  type: SemanticType;
  modifiers: SemanticModifier[];
  rank: number;
}

export function semanticSpans(annotations: Annotated, text: string, index: TextIndex = new TextIndex(text)): SemanticRun[] {
  const pieces: Piece[] = [];
  const status = (s: Status | undefined): SemanticModifier => (s === 'accepted' ? 'accepted' : 'suggested');
  for (const m of annotations.mentions) {
    if (m.orphan) continue;
    pieces.push({ start: index.toUtf16(m.start), end: index.toUtf16(m.end), type: m.label === 'ACTOR' ? 'actor' : 'place', modifiers: [status(m.status)], rank: 1 });
  }
  for (const a of annotations.attributions) {
    if (a.orphan) continue;
    pieces.push({ start: index.toUtf16(a.cue.start), end: index.toUtf16(a.cue.end), type: 'attributionCue', modifiers: [status(a.status), a.kind], rank: 2 });
    // a source that is also an ACTOR mention keeps the actor colour: the mention says more
    if (a.source) pieces.push({ start: index.toUtf16(a.source.start), end: index.toUtf16(a.source.end), type: 'attributionSource', modifiers: [status(a.status), a.kind], rank: 0 });
  }
  pieces.sort((x, y) => x.start - y.start || y.rank - x.rank || y.end - x.end);
  const runs: SemanticRun[] = [];
  let cursor = 0;
  let line = 0;
  let lineStart = 0;
  let scanned = 0;
  for (const p of pieces) {
    const start = Math.max(p.start, cursor);
    if (start >= p.end) continue;
    // advance the line counter to `start`
    for (; scanned < start; scanned++) {
      if (text.charCodeAt(scanned) === 10) {
        line++;
        lineStart = scanned + 1;
      }
    }
    let s = start;
    for (let i = start; i < p.end; i++) {
      if (text.charCodeAt(i) === 10) {
        const pieceEnd = i > s && text.charCodeAt(i - 1) === 13 ? i - 1 : i;
        if (pieceEnd > s) runs.push({ line, character: s - lineStart, length: pieceEnd - s, type: p.type, modifiers: p.modifiers });
        line++;
        lineStart = i + 1;
        s = i + 1;
      }
    }
    scanned = p.end;
    const end = text.charCodeAt(p.end - 1) === 13 ? p.end - 1 : p.end;
    if (end > s) runs.push({ line, character: s - lineStart, length: end - s, type: p.type, modifiers: p.modifiers });
    cursor = p.end;
  }
  return runs;
}
