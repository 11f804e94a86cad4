/**
 * Turns annotations into the line/character runs an editor colours (VS Code's semantic tokens): one run per
 * line piece, no overlaps, sorted, UTF-16 positions. Kept in the core so the scan is measured and tested
 * without an editor.
 */
import type { MentionLabel, Span, Status } from '../model';
import { TextIndex } from '../text/textIndex';

export type SemanticType = 'actor' | 'place' | 'civilian' | 'attributionSource' | 'attributionCue';
const TYPE_OF_LABEL: Record<MentionLabel, SemanticType> = { ACTOR: 'actor', PLACE: 'place', CIVILIAN: 'civilian' };
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

// shared modifier lists: one array per combination, not one per annotation
const MODS = {
  suggested: ['suggested'] as SemanticModifier[],
  accepted: ['accepted'] as SemanticModifier[],
  suggestedNamed: ['suggested', 'named'] as SemanticModifier[],
  suggestedAnonymous: ['suggested', 'anonymous'] as SemanticModifier[],
  acceptedNamed: ['accepted', 'named'] as SemanticModifier[],
  acceptedAnonymous: ['accepted', 'anonymous'] as SemanticModifier[],
};

function attributionMods(status: Status | undefined, kind: 'named' | 'anonymous'): SemanticModifier[] {
  if (status === 'accepted') return kind === 'named' ? MODS.acceptedNamed : MODS.acceptedAnonymous;
  return kind === 'named' ? MODS.suggestedNamed : MODS.suggestedAnonymous;
}

const byPosition = (x: Piece, y: Piece): number => x.start - y.start || y.rank - x.rank || y.end - x.end;

export function semanticSpans(annotations: Annotated, text: string, index: TextIndex = new TextIndex(text)): SemanticRun[] {
  const pieces: Piece[] = [];
  for (const m of annotations.mentions) {
    if (m.orphan) continue;
    pieces.push({ start: index.toUtf16(m.start), end: index.toUtf16(m.end), type: TYPE_OF_LABEL[m.label], modifiers: m.status === 'accepted' ? MODS.accepted : MODS.suggested, rank: 1 });
  }
  for (const a of annotations.attributions) {
    if (a.orphan) continue;
    const mods = attributionMods(a.status, a.kind);
    pieces.push({ start: index.toUtf16(a.cue.start), end: index.toUtf16(a.cue.end), type: 'attributionCue', modifiers: mods, rank: 2 });
    // a source that is also an ACTOR mention keeps the actor colour: the mention says more
    if (a.source) pieces.push({ start: index.toUtf16(a.source.start), end: index.toUtf16(a.source.end), type: 'attributionSource', modifiers: mods, rank: 0 });
  }
  // sidecars and detections come sorted; sorting is only needed where the lists interleave
  let sorted = true;
  for (let i = 1; i < pieces.length && sorted; i++) if (byPosition(pieces[i - 1], pieces[i]) > 0) sorted = false;
  if (!sorted) pieces.sort(byPosition);
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

/**
 * Runs in VS Code's semantic token wire format: five integers per token (line delta, start delta, length, type
 * index, modifier bits), relative to the previous token. `types`/`modifiers` are the legend's order.
 */
export function encodeSemanticRuns(runs: readonly SemanticRun[], types: readonly SemanticType[], modifiers: readonly SemanticModifier[]): Uint32Array {
  const data = new Uint32Array(runs.length * 5);
  const typeIndex = new Map(types.map((t, i) => [t, i]));
  const modifierBit = new Map(modifiers.map((m, i) => [m, 1 << i]));
  let line = 0;
  let character = 0;
  for (let i = 0; i < runs.length; i++) {
    const r = runs[i];
    let bits = 0;
    for (const m of r.modifiers) bits |= modifierBit.get(m) ?? 0;
    const o = i * 5;
    data[o] = r.line - line;
    data[o + 1] = r.line === line ? r.character - character : r.character;
    data[o + 2] = r.length;
    data[o + 3] = typeIndex.get(r.type) ?? 0;
    data[o + 4] = bits;
    line = r.line;
    character = r.character;
  }
  return data;
}
