/**
 * Sidecar format versions: version 1 files (hand-written gold, and what the version 1 writer wrote) still read
 * exactly as before and become version 2 when rewritten; version 2's new fields parse, render, validate and
 * survive a merge.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSidecar, parseWithDocument } from '../../src/core/sidecar/parseSidecar';
import { canonicalSidecar, renderSidecar } from '../../src/core/sidecar/renderSidecar';
import { validateSidecar } from '../../src/core/sidecar/validateSidecar';
import { mergeSidecars } from '../../src/core/sidecar/mergeSidecars';
import { emptySidecar } from '../../src/core/sidecar/sidecarFormat';
import { withQuotes } from '../../src/core/sidecar/sidecarStore';
import { reanchor } from '../../src/core/anchoring/reanchor';
import { decodeText } from '../../src/core/text/decodeText';
import type { EventAnnotation, Sidecar } from '../../src/core/model';

const FIX = join(__dirname, '..', 'fixtures');
const V1 = join(FIX, 'v1', '004_c6c6a49fe15b7881.ann.yaml');
const V1_TEXT = join(__dirname, '..', '..', 'media', 'samples', 'articles', '004_c6c6a49fe15b7881.txt');
const SHA = 'ab'.repeat(32);
const TEXT = 'ISIL took Mosul on Monday. ISIL took Tikrit too, officials said. 😀';

function v2(): Sidecar {
  const s = emptySidecar('a.txt', SHA);
  s.document.detector = '7';
  const who = { by: 'Amal Haddad', at: '2025-03-01T14:05:00Z' };
  s.mentions.push(
    { id: 'm-3f9a1c', label: 'ACTOR', start: 0, end: 4, text: 'ISIL', entity: 'isil', status: 'accepted', origin: 'gazetteer', prefix: '', suffix: ' took Mosul on Monday. ISIL took', ...who },
    { id: 'm-0b12cd', label: 'PLACE', start: 10, end: 15, text: 'Mosul', status: 'suggested', origin: 'gazetteer' },
    { id: 'm12', label: 'PLACE', start: 37, end: 43, text: 'Tikrit', status: 'accepted', origin: 'manual' },
  );
  s.attributions.push({ id: 'a-77aa01', cue: { start: 59, end: 63, text: 'said' }, source: { start: 49, end: 58, text: 'officials' }, kind: 'anonymous', direct: false, status: 'accepted', origin: 'rule', ...who });
  s.events.push({
    id: 'e-5d5d5d', type: 'Battles', subtype: 'Non-state actor overtakes territory', start: 5, end: 9, text: 'took', actor1: 'm-3f9a1c', place: 'm-0b12cd', date: '2014-06-09',
    fatalities: 0, attribution: 'a-77aa01', status: 'accepted', origin: 'manual', prefix: 'ISIL ', suffix: ' Mosul on Monday. ISIL took Tikri',
    spans: [{ start: 32, end: 36, text: 'took', prefix: 'Mosul on Monday. ISIL ', suffix: ' Tikrit too' }],
    inter1: 2, inter2: 1, interaction: 12, civilian_targeting: false, time_precision: 1, geo_precision: 2, admin1: 'Nineveh', source_scale: 'International', notes: 'Took the city: "quickly", with\nlittle resistance.', ...who,
  });
  s.rejected.push({ kind: 'mention', label: 'ACTOR', start: 27, end: 31, text: 'ISIL', prefix: 'Mosul on Monday. ', suffix: ' took Tikrit', ...who });
  s.conflicts = [{ id: 'm12', ours: { id: 'm12', label: 'PLACE', start: 37, end: 43, text: 'Tikrit', status: 'accepted', origin: 'manual' }, theirs: null, base: { id: 'm12', label: 'PLACE', start: 37, end: 43, text: 'Tikrit', origin: 'manual' } }];
  return s;
}

describe('version 1 files', () => {
  it.each(readdirSync(join(FIX, 'gold')))('gold %s (hand-written version 1) loads as before', (f) => {
    const r = parseSidecar(readFileSync(join(FIX, 'gold', f), 'utf8'));
    expect(r.problems).toEqual([]);
    expect(r.sidecar!.version).toBe(1);
    expect(r.sidecar!.mentions.every((m) => /^m\d+$/.test(m.id))).toBe(true);
  });

  it('a file the version 1 writer wrote loads, by the fast reader, as the full parser reads it', () => {
    const y = readFileSync(V1, 'utf8');
    const fast = parseSidecar(y);
    const full = parseWithDocument(y);
    expect(fast.problems).toEqual([]);
    expect(fast.sidecar).toEqual(full.sidecar);
    for (const path of ['', 'version', 'document.sha256', 'mentions', 'mentions[3].text', 'attributions[0]', 'attributions[0].cue', 'attributions[1].kind', 'attributions[1].nope', 'events[0].place', 'rejected[0]']) {
      expect([path, fast.locate(path)]).toEqual([path, full.locate(path)]);
    }
    const decoded = decodeText(readFileSync(V1_TEXT));
    expect(validateSidecar(fast.sidecar!, decoded.text, { sha256: decoded.sha256, locate: fast.locate })).toEqual([]);
  });

  it('is rewritten as version 2: ids kept, suggestions without context, decisions with it', () => {
    const one = parseSidecar(readFileSync(V1, 'utf8')).sidecar!;
    const y = renderSidecar(one, readFileSync(V1, 'utf8'));
    expect(y).toMatch(/^# Conflict Annotator sidecar.*\n\nversion: 2\n/);
    const two = parseSidecar(y);
    expect(two.problems).toEqual([]);
    expect(two.sidecar).toEqual(canonicalSidecar(one));
    expect(two.sidecar!.mentions.map((m) => m.id)).toEqual(one.mentions.map((m) => m.id));
    const accepted = two.sidecar!.mentions.filter((m) => m.status === 'accepted');
    expect(accepted.length).toBe(3);
    expect(accepted.every((m) => m.prefix !== undefined && m.suffix !== undefined)).toBe(true);
    expect(two.sidecar!.mentions.filter((m) => m.status === 'suggested').every((m) => m.prefix === undefined)).toBe(true);
    expect(two.sidecar!.events.every((e) => (e.prefix !== undefined) === (e.status === 'accepted'))).toBe(true);
    // smaller, and still valid against the text
    expect(y.length).toBeLessThan(readFileSync(V1, 'utf8').length * 0.7);
    const decoded = decodeText(readFileSync(V1_TEXT));
    // a suggested attribution's content has no quote on disk: the store fills it in from the text
    const contents = two.sidecar!.attributions.filter((a) => a.status === 'suggested' && a.content);
    expect(contents.length).toBeGreaterThan(0);
    expect(contents.every((a) => a.content!.text === '')).toBe(true);
    const filled = withQuotes(two.sidecar!, decoded.text, decoded.sha256);
    for (const a of one.attributions) expect(filled.attributions.find((b) => b.id === a.id)!.content?.text).toBe(a.content?.text);
    expect(validateSidecar(filled, decoded.text, { sha256: decoded.sha256 })).toEqual([]);
    // not from another text: the quotes stay empty, and annotate drops the suggestions it can no longer place
    expect(withQuotes(two.sidecar!, `${decoded.text}x`, 'f'.repeat(64))).toBe(two.sidecar);
  });

  it('requires status in version 1, defaults it to suggested in version 2', () => {
    const item = '  - {id: m1, label: ACTOR, start: 0, end: 4, text: "ISIL", origin: gazetteer}\n';
    const head = (v: number) => `version: ${v}\ndocument: {text: a.txt, sha256: ${SHA}, status: draft}\nmentions:\n`;
    expect(parseSidecar(head(1) + item).problems.map((p) => p.code)).toEqual(['missing-key']);
    expect(parseSidecar(head(2) + item).sidecar!.mentions[0].status).toBe('suggested');
  });
});

describe('version 2', () => {
  it('writes every new field on one line per item and reads it back', () => {
    const y = renderSidecar(v2());
    expect(y).toContain(`document: {text: "a.txt", sha256: ${SHA}, detector: "7", status: draft}`);
    expect(y).toContain('  - {id: m-3f9a1c, label: ACTOR, start: 0, end: 4, text: "ISIL", entity: isil, status: accepted, by: "Amal Haddad", at: "2025-03-01T14:05:00Z", prefix: "", suffix: " took Mosul on Monday. ISIL took"}\n');
    expect(y).toContain('  - {id: m-0b12cd, label: PLACE, start: 10, end: 15, text: "Mosul"}\n');
    expect(y).toContain(
      '  - {id: e-5d5d5d, type: Battles, subtype: Non-state actor overtakes territory, start: 5, end: 9, text: "took", actor1: m-3f9a1c, place: m-0b12cd, date: 2014-06-09, fatalities: 0, attribution: a-77aa01, ' +
        'inter1: 2, inter2: 1, interaction: 12, civilian_targeting: false, time_precision: 1, geo_precision: 2, admin1: "Nineveh", source_scale: International, notes: "Took the city: \\"quickly\\", with\\nlittle resistance.", ' +
        'status: accepted, origin: manual, by: "Amal Haddad", at: "2025-03-01T14:05:00Z", prefix: "ISIL ", suffix: " Mosul on Monday. ISIL took Tikri", spans: [{start: 32, end: 36, text: "took", prefix: "Mosul on Monday. ISIL ", suffix: " Tikrit too"}]}\n',
    );
    expect(y).toContain('rejected:\n  - {kind: mention, label: ACTOR, start: 27, end: 31, text: "ISIL", by: "Amal Haddad", at: "2025-03-01T14:05:00Z", prefix: "Mosul on Monday. ", suffix: " took Tikrit"}\n');
    expect(y).toContain('conflicts:\n  - {id: m12, ours: {id: m12, label: PLACE, start: 37, end: 43, text: "Tikrit", status: accepted, origin: manual}, theirs: null, base: {');
    expect(y.split('\n').filter((l) => l.startsWith('  - ')).length).toBe(7);
    const back = parseSidecar(y);
    expect(back.problems).toEqual([]);
    expect(back.sidecar).toEqual(canonicalSidecar(v2()));
    expect(back.sidecar!.events[0]).toEqual(v2().events[0]);
    expect(renderSidecar(back.sidecar!, y)).toBe(y);
  });

  it('validates the new fields', () => {
    // the one open conflict is reported (an error until settled), nothing else
    const ok = validateSidecar(v2(), TEXT);
    expect(ok.map((p) => [p.code, p.path, p.severity])).toEqual([['unsettled-conflict', 'conflicts[0]', 'error']]);
    const s = v2();
    s.events[0] = { ...s.events[0], interaction: 13, spans: [{ start: 32, end: 36, text: 'tok' }] };
    expect(validateSidecar(s, TEXT).map((p) => [p.code, p.path, p.severity])).toEqual([
      ['quote-mismatch', 'events[0].spans[0]', 'error'],
      ['schema', 'events[0].interaction', 'warning'],
      ['unsettled-conflict', 'conflicts[0]', 'error'],
    ]);
    const bad = renderSidecar(v2())
      .replace('inter1: 2', 'inter1: 9')
      .replace('time_precision: 1', 'time_precision: day')
      .replace('civilian_targeting: false', 'civilian_targeting: 3')
      .replace('at: "2025-03-01T14:05:00Z", prefix: "ISIL "', 'at: "yesterday", prefix: "ISIL "')
      .replace('spans: [{start: 32', 'spans: [{begin: 1, start: 32');
    const r = parseSidecar(bad);
    expect(r.sidecar).toBeUndefined();
    expect(r.problems.map((p) => [p.code, p.path, p.severity])).toEqual([
      ['schema', 'events[0].inter1', 'error'],
      ['schema', 'events[0].civilian_targeting', 'error'],
      ['schema', 'events[0].time_precision', 'error'],
      ['schema', 'events[0].at', 'warning'],
      ['unknown-key', 'events[0].spans[0].begin', 'warning'],
    ]);
    expect(new Set(r.problems.map((p) => p.line))).toEqual(new Set([bad.split('\n').findIndex((l) => l.startsWith('  - {id: e-')) + 1]));
    const conflict = parseSidecar(renderSidecar(v2()).replace('theirs: null, ', ''));
    expect(conflict.problems.map((p) => [p.code, p.path])).toEqual([['missing-key', 'conflicts[0].theirs']]);
  });

  it('re-anchors an event with its further quotes', () => {
    const moved = `Breaking. ${TEXT}`;
    const r = reanchor(v2(), moved);
    const e = r.sidecar.events[0] as EventAnnotation;
    expect(e.orphan).toBeUndefined();
    expect([e.start, e.spans![0].start]).toEqual([15, 42]);
    expect(validateSidecar(r.sidecar, moved).filter((p) => p.severity === 'error' && p.code !== 'unsettled-conflict')).toEqual([]);
  });

  it('keeps provenance, ACLED fields and conflicts through a merge', () => {
    const base = v2();
    const ours = { ...v2(), events: [{ ...v2().events[0], notes: 'ours' }] };
    const theirs = { ...v2(), mentions: v2().mentions.slice(0, 2) };
    const r = mergeSidecars(base, ours, theirs);
    expect(r.conflicts).toBe(0);
    expect(r.sidecar.events[0]).toMatchObject({ notes: 'ours', inter1: 2, by: 'Amal Haddad', spans: [{ start: 32 }] });
    expect(r.sidecar.mentions[0]).toMatchObject({ by: 'Amal Haddad', at: '2025-03-01T14:05:00Z' });
    expect(r.sidecar.rejected[0]).toMatchObject({ by: 'Amal Haddad', prefix: 'Mosul on Monday. ' });
    expect(r.sidecar.conflicts).toEqual(v2().conflicts);
    expect(r.sidecar.document.detector).toBe('7');
  });
});
