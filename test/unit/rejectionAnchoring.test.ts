/**
 * Rejections are decisions too: after the text changes they are re-anchored like accepted items (with the
 * prefix/suffix context recorded when the suggestion was rejected), so a rejected suggestion never comes back.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Rejection, Sidecar } from '../../src/core/model';
import { annotateDocument } from '../../src/core/review/annotateDocument';
import { rejectItem } from '../../src/core/review/mergeSuggestions';
import { emptySidecar } from '../../src/core/sidecar/sidecarFormat';
import { parseSidecar } from '../../src/core/sidecar/parseSidecar';
import { renderSidecar, sortSidecar } from '../../src/core/sidecar/renderSidecar';
import { validateSidecar } from '../../src/core/sidecar/validateSidecar';
import { shiftForEdits } from '../../src/core/anchoring/reanchor';
import { sha256Hex } from '../../src/core/text/decodeText';
import { TextIndex } from '../../src/core/text/textIndex';
import { buildTestGazetteer } from './detectFixtures';

const ROOT = resolve(__dirname, '..', '..');
const TEXT = readFileSync(join(ROOT, 'media', 'samples', 'articles', '000_db39f04dd305928f.txt'), 'utf8');
const gazetteer = buildTestGazetteer();
const sha = (t: string) => sha256Hex(new TextEncoder().encode(t));

/** The sample annotated, then nine suggestions rejected: names that occur several times, so context decides. */
function withRejections(): Sidecar {
  let s = annotateDocument(emptySidecar('a.txt', sha(TEXT)), TEXT, sha(TEXT), gazetteer).sidecar;
  const counts = new Map<string, number>();
  for (const m of s.mentions) counts.set(m.text, (counts.get(m.text) ?? 0) + 1);
  const repeated = s.mentions.filter((m) => (counts.get(m.text) ?? 0) > 1);
  // spread over the whole text, so some lie after a mid-text insert
  const chosen = Array.from({ length: 8 }, (_, i) => repeated[Math.floor(((i + 0.5) * repeated.length) / 8)]);
  for (const m of chosen) s = rejectItem(s, m.id, TEXT);
  s = rejectItem(s, s.attributions[Math.floor(s.attributions.length / 2)].id, TEXT);
  expect(s.rejected).toHaveLength(9);
  return s;
}

/** Suggestions that are back although rejected: a suggestion at a rejection's (re-anchored) place. */
function comeBack(s: Sidecar): string[] {
  const back: string[] = [];
  for (const r of s.rejected) {
    const again = r.kind === 'mention' ? s.mentions.some((m) => m.label === r.label && m.start === r.start && m.end === r.end) : s.attributions.some((a) => a.cue.start === r.start && a.cue.end === r.end);
    if (again) back.push(`${r.kind} ${r.text}@${r.start}`);
  }
  return back;
}

function expectReanchored(before: Sidecar, text: string, original: readonly Rejection[], count: (r: Rejection) => number): void {
  const after = annotateDocument(before, text, sha(text), gazetteer).sidecar;
  expect(comeBack(after)).toEqual([]);
  expect(after.rejected).toHaveLength(original.length);
  const idx = new TextIndex(text);
  for (const [i, r] of after.rejected.entries()) {
    expect(r.orphan).toBeUndefined();
    expect(idx.slice(r.start, r.end)).toBe(r.text);
    expect(r.start).toBe(count(original[i]));
  }
  // still there after another run: the re-anchored rejections keep blocking
  expect(comeBack(annotateDocument(after, text, sha(text), gazetteer).sidecar)).toEqual([]);
}

describe('rejections survive text edits', () => {
  it('records the context of a rejected suggestion, and keeps it through render and parse', () => {
    const s = withRejections();
    for (const r of s.rejected) {
      expect(r.prefix).toBeDefined();
      expect(r.suffix).toBeDefined();
    }
    expect(parseSidecar(renderSidecar(s)).sidecar!.rejected).toEqual(sortSidecar(s).rejected);
  });

  it('after inserting a line at the top', () => {
    const s = withRejections();
    const insert = 'EDITOR’S NOTE: corrected version.\n';
    const shift = [...insert].length;
    expectReanchored(s, insert + TEXT, s.rejected, (r) => r.start + shift);
  });

  it('after converting the line ends to CRLF', () => {
    const s = withRejections();
    const crlf = TEXT.replace(/\n/g, '\r\n');
    const lfBefore = (cp: number) => [...TEXT].slice(0, cp).filter((c) => c === '\n').length;
    expectReanchored(s, crlf, s.rejected, (r) => r.start + lfBefore(r.start));
  });

  it('after an insert in the middle of the text', () => {
    const s = withRejections();
    const cps = [...TEXT];
    const mid = cps.indexOf('\n', Math.floor(cps.length / 2)) + 1;
    const insert = 'A new paragraph about something else entirely.\n';
    const text = cps.slice(0, mid).join('') + insert + cps.slice(mid).join('');
    expectReanchored(s, text, s.rejected, (r) => (r.start >= mid ? r.start + [...insert].length : r.start));
  });

  it('moves rejections with live edits in the editor too', () => {
    const s = withRejections();
    const shifted = shiftForEdits(s, [{ start: 0, end: 0, newText: 'NEW\n' }]);
    expect(shifted.rejected.map((r) => r.start)).toEqual(s.rejected.map((r) => r.start + 4));
    expect(validateSidecar(shifted, `NEW\n${TEXT}`).filter((p) => p.severity === 'error')).toEqual([]);
  });

  it.each([
    ['a line inserted at the top', (t: string) => `EDITOR’S NOTE: corrected version.\n${t}`],
    ['CRLF line ends', (t: string) => t.replace(/\n/g, '\r\n')],
    ['a paragraph inserted in the middle', (t: string) => t.replace('\n\n', '\n\nA new paragraph about something else entirely.\n\n')],
  ])('keeps rejections written by hand (no context) through %s before annotate ran again', (_name, edit) => {
    const s = withRejections();
    const byHand: Sidecar = { ...s, rejected: s.rejected.map(({ prefix: _p, suffix: _s, ...r }) => r) };
    const text = edit(TEXT);
    const after = annotateDocument(byHand, text, sha(text), gazetteer).sidecar;
    expect(after.rejected.filter((r) => r.orphan)).toEqual([]);
    expect(comeBack(after)).toEqual([]);
    const idx = new TextIndex(text);
    for (const r of after.rejected) expect(idx.slice(r.start, r.end)).toBe(r.text);
  });

  it('gives rejections written without context their context on the next run, so they survive the next edit', () => {
    const s = withRejections();
    const old: Sidecar = { ...s, rejected: s.rejected.map(({ prefix: _p, suffix: _s, ...r }) => r) };
    const upgraded = annotateDocument(old, TEXT, sha(TEXT), gazetteer).sidecar;
    expect(upgraded.rejected.every((r) => r.prefix !== undefined && r.suffix !== undefined)).toBe(true);
    const insert = 'EDITOR’S NOTE: corrected version.\n';
    expectReanchored(upgraded, insert + TEXT, upgraded.rejected, (r) => r.start + [...insert].length);
  });
});
