import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { validateSidecar } from '../../src/core/sidecar/validateSidecar';
import { emptySidecar } from '../../src/core/sidecar/sidecarFormat';
import { parseSidecar } from '../../src/core/sidecar/parseSidecar';
import { decodeText } from '../../src/core/text/decodeText';
import type { Sidecar } from '../../src/core/model';
import { goldTextPath } from './fixtureSets';

const FIX = join(__dirname, '..', 'fixtures');
const text = 'ISIL took Mosul, officials said. 😀 قصف حلب\r\nEnd.';

function sample(): Sidecar {
  const s = emptySidecar('a.txt', 'ab'.repeat(32));
  s.mentions.push(
    { id: 'm1', label: 'ACTOR', start: 0, end: 4, text: 'ISIL', status: 'accepted', origin: 'manual' },
    { id: 'm2', label: 'PLACE', start: 10, end: 15, text: 'Mosul', status: 'accepted', origin: 'manual' },
    { id: 'm3', label: 'PLACE', start: 39, end: 42, text: 'حلب', status: 'accepted', origin: 'manual' },
  );
  s.attributions.push({ id: 'a1', cue: { start: 27, end: 31, text: 'said' }, source: { start: 17, end: 26, text: 'officials' }, kind: 'anonymous', direct: false, status: 'accepted' });
  s.events.push({ id: 'e1', type: 'Battles', subtype: 'Armed clash', start: 0, end: 15, text: 'ISIL took Mosul', actor1: 'm1', place: 'm2', attribution: 'a1', status: 'accepted' });
  return s;
}

describe('validateSidecar', () => {
  it('accepts a consistent sidecar (astral and Arabic offsets in code points)', () => {
    expect(validateSidecar(sample(), text)).toEqual([]);
  });

  it.each(readdirSync(join(FIX, 'gold')))('gold %s is consistent with its text and hash', (f) => {
    const name = f.replace(/\.ann\.yaml$/, '.txt');
    const path = goldTextPath(name)!;
    const decoded = decodeText(readFileSync(path));
    const parsed = parseSidecar(readFileSync(join(FIX, 'gold', f), 'utf8'));
    expect(validateSidecar(parsed.sidecar!, decoded.text, { sha256: decoded.sha256, locate: parsed.locate })).toEqual([]);
  });

  it('warns on a hash mismatch', () => {
    const p = validateSidecar(sample(), text, { sha256: 'cd'.repeat(32) });
    expect(p).toEqual([expect.objectContaining({ severity: 'warning', message: 'text changed since annotation; re-anchor' })]);
  });

  it('reports offsets out of range, reversed offsets and wrong quotes', () => {
    const s = sample();
    s.mentions[0] = { ...s.mentions[0], text: 'ISIS' };
    s.mentions[1] = { ...s.mentions[1], start: 100, end: 105 };
    s.mentions[2] = { ...s.mentions[2], start: 40, end: 43 }; // off by one: UTF-16 instead of code points
    s.attributions[0] = { ...s.attributions[0], cue: { start: 31, end: 27, text: 'said' } };
    const msgs = validateSidecar(s, text).map((p) => p.message);
    expect(msgs).toEqual([
      'mentions[0]: quote "ISIS" does not match the text at 0-4 ("ISIL")',
      'mentions[1]: offsets 100-105 are past the end of the text (48 code points)',
      'mentions[2]: quote "حلب" does not match the text at 40-43 ("لب\\r")',
      'attributions[0].cue: start 31 is after end 27',
    ]);
  });

  it('reports duplicate ids, dangling references and unknown event types, with lines from a locator', () => {
    const s = sample();
    s.mentions.push({ ...s.mentions[0], id: 'm2' });
    s.events[0] = { ...s.events[0], actor2: 'm9', attribution: 'a7', subtype: 'Pillow fight' };
    const known = (t: string, st: string) => t === 'Battles' && st === 'Armed clash';
    const p = validateSidecar(s, text, { isKnownEvent: known, locate: (path) => (path.startsWith('events') ? 20 : 10) });
    expect(p.map((x) => [x.line, x.message])).toEqual([
      [10, "mentions[3].id: duplicate id 'm2' (also mentions[1])"],
      [20, "events[0].actor2: refers to mention 'm9', which does not exist"],
      [20, "events[0].attribution: refers to attribution 'a7', which does not exist"],
      [20, "events[0].subtype: unknown ACLED event type/subtype 'Battles' / 'Pillow fight'"],
    ]);
  });

  it('lists orphans as warnings without checking their stale offsets', () => {
    const s = sample();
    s.mentions[1] = { ...s.mentions[1], start: 500, end: 505, orphan: true };
    s.attributions[0] = { ...s.attributions[0], orphan: true, cue: { start: 0, end: 1, text: 'zzz' } };
    const p = validateSidecar(s, text);
    expect(p.every((x) => x.severity === 'warning')).toBe(true);
    expect(p.map((x) => x.message)).toEqual([
      'mentions[1]: orphaned mention "Mosul": its text was not found after a change; fix or remove it',
      'attributions[0]: orphaned attribution (cue "zzz"): fix or remove it',
    ]);
  });
});
