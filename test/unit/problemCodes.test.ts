import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/core/problem';
import { parseSidecar } from '../../src/core/sidecar/parseSidecar';
import { validateSidecar } from '../../src/core/sidecar/validateSidecar';
import { emptySidecar } from '../../src/core/sidecar/sidecarFormat';
import { parseGazetteerYaml } from '../../src/core/gazetteer/gazetteerFile';
import { parseTaxonomyYaml } from '../../src/core/events/taxonomy';
import { loadTaxonomy, loadWorkspaceEntities } from '../../src/core/corpus/workspaceConfig';
import { MemoryFileSystem } from './memoryFileSystem';

// Hosts decide by `code` (diagnostics, quick fixes), so each producer must give the right one.
const SHA = 'ab'.repeat(32);
const TEXT = 'ISIL took Mosul.';
const head = `version: 1\ndocument: {text: a.txt, sha256: ${SHA}, status: draft}\n`;
const mention = (id: string, extra = '') => `  - {id: ${id}, label: ACTOR, start: 0, end: 4, text: "ISIL", status: suggested, origin: rule${extra}}\n`;

const codes = (problems: Problem[]) => problems.map((p) => p.code);

describe('problem codes', () => {
  it('parseSidecar', () => {
    expect(codes(parseSidecar(`${head}mentions: [\n`).problems)).toContain('yaml-syntax');
    expect(codes(parseSidecar(`${head}mentions:\n${mention('m1')}extra: 1\n`).problems)).toEqual(['unknown-key']);
    expect(codes(parseSidecar(`${head}mentions:\n${mention('m1', ', colour: red')}`).problems)).toEqual(['unknown-key']);
    expect(codes(parseSidecar(`${head}mentions:\n${mention('m1')}${mention('m1')}`).problems)).toEqual(['duplicate-id']);
    expect(codes(parseSidecar(`${head}mentions:\n${mention('m1').replace('label: ACTOR', 'label: SHIP')}`).problems)).toEqual(['unknown-value']);
    expect(codes(parseSidecar(`${head}mentions:\n${mention('m1').replace('start: 0', 'start: -1')}`).problems)).toEqual(['schema']);
    expect(codes(parseSidecar(`${head}mentions:\n${mention('m1').replace('start: 0', 'start: 9')}`).problems)).toEqual(['bad-span']);
    expect(codes(parseSidecar(`${head}mentions:\n${mention('m1').replace('label: ACTOR, ', '')}`).problems)).toEqual(['missing-key']);
    // an origin goes without saying (gazetteer), and so does an end where the quote ends
    expect(codes(parseSidecar(`${head}mentions:\n${mention('m1').replace(', origin: rule', '').replace(' end: 4,', '')}`).problems)).toEqual([]);
    expect(codes(parseSidecar(`${head}mentions:\n${mention('m1').replace(' end: 4,', '').replace(', text: "ISIL"', '')}`).problems)).toEqual(['missing-key', 'missing-key']);
    expect(codes(parseSidecar(head.replace('version: 1', 'version: 3')).problems)).toEqual(['unsupported-version']);
    expect(codes(parseSidecar('').problems)).toEqual(['empty']);
    const bomb = ['a: &a [x,x,x,x,x,x,x,x,x,x]', ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefg'[i]}`).join(',')}]`)].join('\n');
    expect(codes(parseSidecar(`${head}${bomb}\n`).problems)).toEqual(['yaml-aliases']);
  });

  it('validateSidecar', () => {
    const s = emptySidecar('a.txt', SHA);
    s.mentions.push({ id: 'm1', label: 'ACTOR', start: 0, end: 4, text: 'ISIS', status: 'suggested', origin: 'rule' });
    s.mentions.push({ id: 'm2', label: 'PLACE', start: 10, end: 15, text: 'Mosul', status: 'suggested', origin: 'rule', orphan: true });
    s.mentions.push({ id: 'm3', label: 'PLACE', start: 10, end: 99, text: 'Mosul', status: 'suggested', origin: 'rule' });
    s.events.push({ id: 'm1', type: 'Battles', subtype: 'Armed clash', start: 0, end: 15, text: 'ISIL took Mosul', actor1: 'm9', status: 'accepted' });
    const problems = validateSidecar(s, TEXT, { sha256: 'cd'.repeat(32), isKnownEvent: () => false });
    expect(codes(problems)).toEqual(['stale', 'quote-mismatch', 'orphan', 'bad-span', 'duplicate-id', 'dangling-ref', 'unknown-event-type']);
    expect(problems.find((p) => p.code === 'stale')).toMatchObject({ severity: 'warning', path: 'document.sha256' });
  });

  it('parseGazetteerYaml', () => {
    expect(codes(parseGazetteerYaml('entities: [\n').problems)).toEqual(['yaml-syntax']);
    expect(codes(parseGazetteerYaml('people: []\n').problems)).toEqual(['schema']);
    const r = parseGazetteerYaml('entities:\n  - id: x\n  - id: x\n  - id: 7 bad\n  - id: p\n    label: SHIP\n  - id: q\n    kind: ship\n  - just a string\n');
    expect(codes(r.problems)).toEqual(['duplicate-id', 'schema', 'unknown-value', 'unknown-value', 'schema']);
    expect(r.problems.every((p) => p.severity === 'error')).toBe(true);
  });

  it('parseTaxonomyYaml', () => {
    expect(codes(parseTaxonomyYaml('types: [\n').problems)).toEqual(['yaml-syntax']);
    expect(codes(parseTaxonomyYaml('- a\n').problems)).toEqual(['schema']);
    const r = parseTaxonomyYaml('mode: merge\ntypes:\n  - name: A\n    subtypes: [S, S]\n  - name: A\n    subtypes: []\n  - subtypes: []\n  - name: B\n    subtypes: 3\n');
    expect(codes(r.problems)).toEqual(['unknown-value', 'duplicate-id', 'duplicate-id', 'missing-key', 'schema']);
    expect(codes(parseTaxonomyYaml('mode: replace\ntypes: []\n').problems)).toEqual(['empty']);
  });

  it('workspace file loaders name the file', async () => {
    const fs = new MemoryFileSystem({ '/w/g.yaml': new Uint8Array([0xff, 0xfe, 0x00]), '/w/t.yaml': 'types: 3\n' });
    expect((await loadWorkspaceEntities(fs, '/w/g.yaml')).problems).toEqual([expect.objectContaining({ code: 'not-utf8', file: '/w/g.yaml', line: 1 })]);
    expect((await loadTaxonomy(fs, '/w/t.yaml')).problems).toEqual([expect.objectContaining({ code: 'schema', file: '/w/t.yaml', line: 1 })]);
  });
});
