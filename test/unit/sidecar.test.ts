import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ATTRIBUTION_KEYS, DOCUMENT_KEYS, emptySidecar, EVENT_KEYS, MENTION_KEYS, REJECTION_KEYS, sidecarPathFor, TOP_KEYS } from '../../src/core/sidecar/sidecarFormat';
import { hash64, IdAllocator, idSeed, mentionSeed, seedLanes } from '../../src/core/sidecar/idAllocator';
import { cyrb53Lanes } from '../../src/core/text/hashText';
import { parseSidecar } from '../../src/core/sidecar/parseSidecar';
import { canonicalSidecar, renderSidecar } from '../../src/core/sidecar/renderSidecar';
import { withQuotes } from '../../src/core/sidecar/sidecarStore';
import { MENTION_LABELS, type Sidecar } from '../../src/core/model';
import { parse } from 'yaml';

const GOLD = join(__dirname, '..', 'fixtures', 'gold');
const goldFiles = readdirSync(GOLD).filter((f) => f.endsWith('.ann.yaml'));

const minimal = `version: 1
document: {text: a.txt, sha256: ${'ab'.repeat(32)}, status: draft}
mentions:
  - {id: m1, label: ACTOR, start: 0, end: 4, text: "ISIL", entity: isil, status: suggested, origin: gazetteer}
`;

function sample(): Sidecar {
  const s = emptySidecar('a.txt', 'ab'.repeat(32));
  s.mentions.push(
    { id: 'm2', label: 'PLACE', start: 10, end: 15, text: 'Mosul', status: 'accepted', origin: 'manual', prefix: 'took ', suffix: '.' },
    { id: 'm1', label: 'ACTOR', start: 0, end: 4, text: 'ISIL', entity: 'isil', status: 'suggested', origin: 'gazetteer' },
  );
  s.attributions.push({ id: 'a1', cue: { start: 20, end: 24, text: 'said' }, source: { start: 25, end: 34, text: 'officials' }, kind: 'anonymous', direct: false, status: 'suggested' });
  s.events.push({ id: 'e1', type: 'Battles', subtype: 'Armed clash', start: 0, end: 15, text: 'ISIL took Mosul', actor1: 'm1', place: 'm2', date: '2014-06-10', fatalities: 0, attribution: 'a1', status: 'accepted' });
  s.rejected.push({ kind: 'mention', label: 'ACTOR', start: 40, end: 44, text: 'Army' });
  return s;
}

describe('parseSidecar', () => {
  it.each(goldFiles)('reads gold sidecar %s without problems', (f) => {
    const r = parseSidecar(readFileSync(join(GOLD, f), 'utf8'));
    expect(r.problems).toEqual([]);
    expect(r.sidecar?.mentions.length).toBeGreaterThan(0);
    expect(r.sidecar?.attributions.length).toBeGreaterThan(0);
  });

  it('defaults missing lists and accepts spans without prefix/suffix', () => {
    const r = parseSidecar(minimal);
    expect(r.problems).toEqual([]);
    expect(r.sidecar).toMatchObject({ attributions: [], events: [], rejected: [] });
    expect(r.sidecar!.mentions[0]).toEqual({ id: 'm1', label: 'ACTOR', start: 0, end: 4, text: 'ISIL', entity: 'isil', status: 'suggested', origin: 'gazetteer' });
  });

  it('reports malformed YAML with a line and column', () => {
    const r = parseSidecar('version: 1\ndocument: {text: a.txt\nmentions: [\n');
    expect(r.sidecar).toBeUndefined();
    expect(r.problems.length).toBeGreaterThan(0);
    expect(r.problems.every((p) => p.severity !== 'error' || p.line >= 1)).toBe(true);
  });

  it('reports duplicate keys at their line', () => {
    const r = parseSidecar(`${minimal}mentions: []\n`);
    expect(r.sidecar).toBeUndefined();
    expect(r.problems[0]).toMatchObject({ line: 5, severity: 'error' });
    expect(r.problems[0].message).toMatch(/unique/);
  });

  it('turns schema violations into line-numbered problems', () => {
    const y = `version: 1
document: {text: a.txt, sha256: ${'ab'.repeat(32)}, status: final}
mentions:
  - {id: m1, label: ACTOR, start: 0, end: 4, text: "ISIL", status: suggested, origin: gazetteer}
  - {id: m2, label: PERSON, start: -1, end: 4.5, text: "ISIL", status: maybe, origin: gazetteer}
  - {id: m1, label: PLACE, start: 9, end: 5, text: 12, status: accepted, origin: manual}
  - {label: PLACE, start: 1, end: 2, text: "x", status: accepted, origin: manual, colour: red}
attributions: {}
events:
  - {id: e1, type: Battles, start: 0, end: 4, text: "ISIL", status: accepted, fatalities: many, date: June}
`;
    const r = parseSidecar(y);
    expect(r.sidecar).toBeUndefined();
    const at = (re: RegExp) => r.problems.find((p) => re.test(p.message));
    expect(at(/document\.status: unknown status "final"/)).toMatchObject({ line: 2, path: 'document.status' });
    expect(at(/mentions\[1\]\.label: unknown label "PERSON"/)).toMatchObject({ line: 5 });
    expect(at(/mentions\[1\]\.start: offset must be a non-negative integer, found number -1/)).toMatchObject({ line: 5 });
    expect(at(/mentions\[1\]\.end: offset must be a non-negative integer, found number 4.5/)).toBeTruthy();
    expect(at(/mentions\[1\]\.status: unknown status "maybe"/)).toBeTruthy();
    expect(at(/mentions\[2\]\.end: end 5 is before start 9/)).toMatchObject({ line: 6 });
    expect(at(/mentions\[2\]\.text: expected a quoted string/)).toMatchObject({ line: 6 });
    expect(at(/mentions\[3\]\.id: missing required key 'id'/)).toMatchObject({ line: 7 });
    expect(at(/unknown key 'colour'/)).toMatchObject({ line: 7, severity: 'warning' });
    expect(at(/attributions: expected a list, found a map/)).toMatchObject({ line: 8 });
    expect(at(/events\[0\]\.subtype: missing required key/)).toMatchObject({ line: 10 });
    expect(at(/events\[0\]\.fatalities: fatalities must be a non-negative integer/)).toBeTruthy();
    expect(at(/events\[0\]\.date: date must be YYYY-MM-DD/)).toBeTruthy();
  });

  it('reports duplicate ids', () => {
    const r = parseSidecar(`${minimal}  - {id: m1, label: PLACE, start: 5, end: 9, text: "Iraq", status: accepted, origin: manual}\n`);
    expect(r.sidecar).toBeUndefined();
    expect(r.problems).toEqual([expect.objectContaining({ line: 5, path: 'mentions[1].id', message: expect.stringMatching(/duplicate id 'm1'/) })]);
  });

  it('rejects a wrong version, an empty file and a non-map', () => {
    expect(parseSidecar(minimal.replace('version: 1', 'version: 3')).problems[0]).toMatchObject({ line: 1, message: expect.stringMatching(/unsupported version number 3; expected 1 or 2/) });
    expect(parseSidecar('').problems[0].message).toMatch(/empty/);
    expect(parseSidecar('- a\n- b\n').problems[0].message).toMatch(/expected a map/);
  });

  it('refuses to expand a YAML alias bomb', () => {
    let y = 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
    for (let i = 1; i < 9; i++) y += `a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]\n`;
    const t0 = Date.now();
    const r = parseSidecar(y);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(r.sidecar).toBeUndefined();
    expect(r.problems[0].message).toMatch(/too many YAML aliases/);
  });

  it('keeps emoji, Arabic, CRLF quotes intact', () => {
    const s = sample();
    s.mentions[0] = { ...s.mentions[0], text: 'حلب 😀', prefix: 'line\r\nbreak "q" ', suffix: '\t\\' };
    const back = parseSidecar(renderSidecar(s));
    expect(back.problems).toEqual([]);
    expect(back.sidecar!.mentions.find((m) => m.id === 'm2')).toEqual(s.mentions[0]);
  });

  it('locates paths on lines', () => {
    const r = parseSidecar(readFileSync(join(GOLD, 'drc_goma.ann.yaml'), 'utf8'));
    expect(r.locate('mentions[0]')).toBe(8);
    expect(r.locate('mentions[2].start')).toBe(10);
    expect(r.locate('attributions[0].cue')).toBe(56);
    expect(r.locate('nothing[4]')).toBe(1);
  });
});

describe('renderSidecar', () => {
  it('writes a stable, sorted, fixed-order file, one line per item', () => {
    const y = renderSidecar(sample());
    const lines = y.split('\n');
    expect(lines[0]).toMatch(/^# Conflict Annotator sidecar/);
    expect(lines[2]).toBe('version: 2');
    expect(y).toContain(`document: {text: "a.txt", sha256: ${'ab'.repeat(32)}, status: draft}`);
    // a suggestion has no status (the default), no context and no end where its quote ends; an accepted item or
    // a rejection keeps its context and end; no value a reader takes by default: origin gazetteer (mentions),
    // rule (attributions, events), direct: false
    expect(y).toContain('- {id: m1, label: ACTOR, start: 0, end: 4, text: "ISIL", entity: isil}\n- {id: m2, label: PLACE, start: 10, end: 15, text: "Mosul", status: accepted, origin: manual, prefix: "took ", suffix: "."}');
    expect(y).toContain('attributions:\n- {id: a1, cue: {start: 20, end: 24, text: "said"}, source: {start: 25, end: 34, text: "officials"}, kind: anonymous}\n');
    expect(y).toContain('- {id: e1, type: Battles, subtype: Armed clash, start: 0, end: 15, text: "ISIL took Mosul", actor1: m1, place: m2, date: 2014-06-10, fatalities: 0, attribution: a1, status: accepted}');
    expect(y).toContain('rejected:\n- {kind: mention, label: ACTOR, start: 40, end: 44, text: "Army"}');
    const back = parseSidecar(y).sidecar!;
    expect(back.mentions[0]).toMatchObject({ end: 4, origin: 'gazetteer' });
    expect(back.attributions[0]).toMatchObject({ direct: false, origin: 'rule', cue: { start: 20, end: 24 } });
    // an end that is not where the quote ends is written (a quote edited by hand, a span over a line break)
    const odd = sample();
    odd.mentions = odd.mentions.map((m) => (m.id === 'm1' ? { ...m, end: 5 } : m));
    expect(renderSidecar(odd)).toContain('- {id: m1, label: ACTOR, start: 0, end: 5, text: "ISIL", entity: isil}');
    expect(parseSidecar(renderSidecar(odd)).sidecar!.mentions.find((m) => m.id === 'm1')!.end).toBe(5);
    expect(parseSidecar(y).sidecar).toEqual(parseSidecar(renderSidecar(parseSidecar(y).sidecar!)).sidecar);
  });

  it('drops the context of suggestions (events too), not of accepted items or rejections', () => {
    const s = sample();
    s.mentions[1] = { ...s.mentions[1], prefix: 'p', suffix: 's' };
    s.attributions[0] = { ...s.attributions[0], cue: { ...s.attributions[0].cue, prefix: 'p', suffix: 's' } };
    s.events[0] = { ...s.events[0], status: 'suggested', prefix: 'p', suffix: 's' };
    s.rejected[0] = { ...s.rejected[0], prefix: 'p', suffix: 's' };
    const back = parseSidecar(renderSidecar(s)).sidecar!;
    expect(back.mentions.find((m) => m.id === 'm1')).not.toHaveProperty('prefix');
    expect(back.mentions.find((m) => m.id === 'm2')).toMatchObject({ prefix: 'took ', suffix: '.' });
    // no accepted event refers to the attribution any more: a suggestion, written without its quotes, which
    // read back as '' until the store fills them in from the text (withQuotes)
    expect(back.attributions[0].cue).toEqual({ start: 20, end: 24, text: '' });
    expect(back.events[0]).toMatchObject({ status: 'suggested', text: '' });
    // a suggested event's further quotes too: offsets only, no context; an accepted event keeps them whole
    const reported = sample();
    reported.events[0] = { ...reported.events[0], status: 'suggested', spans: [{ start: 25, end: 34, text: 'officials', prefix: 'p', suffix: 's' }] };
    expect(renderSidecar(reported)).toContain(', spans: [{start: 25, end: 34}]}');
    expect(parseSidecar(renderSidecar(reported)).sidecar!.events[0].spans).toEqual([{ start: 25, end: 34, text: '' }]);
    expect(withQuotes(parseSidecar(renderSidecar(reported)).sidecar!, `${' '.repeat(25)}officials`, reported.document.sha256).events[0].spans).toEqual([{ start: 25, end: 34, text: 'officials' }]);
    reported.events[0].status = 'accepted';
    expect(renderSidecar(reported)).toContain(', spans: [{start: 25, end: 34, text: "officials", prefix: "p", suffix: "s"}]}');
    expect(back.events[0]).not.toHaveProperty('prefix');
    expect(back.rejected[0]).toMatchObject({ prefix: 'p', suffix: 's' });
    expect(back).toEqual(canonicalSidecar(s));
  });

  it('sorts ids numerically on ties and writes empty lists as []', () => {
    const s = emptySidecar('b.txt', '0'.repeat(64));
    s.mentions.push(
      { id: 'm10', label: 'ACTOR', start: 0, end: 1, text: 'a', status: 'accepted', origin: 'manual' },
      { id: 'm9', label: 'PLACE', start: 0, end: 1, text: 'a', status: 'accepted', origin: 'manual' },
    );
    const y = renderSidecar(s);
    expect(y.indexOf('id: m9')).toBeLessThan(y.indexOf('id: m10'));
    expect(y).toContain('attributions: []\nevents: []\nrejected: []\n');
    expect(y).toContain('sha256: "0000'); // would otherwise read back as a number
    expect(parseSidecar(y).sidecar!.document.sha256).toBe('0'.repeat(64));
  });

  it.each(goldFiles)('is idempotent on %s', (f) => {
    const first = renderSidecar(parseSidecar(readFileSync(join(GOLD, f), 'utf8')).sidecar!);
    const again = parseSidecar(first);
    expect(again.problems).toEqual([]);
    expect(renderSidecar(again.sidecar!)).toBe(first);
    expect(renderSidecar(again.sidecar!, first)).toBe(first);
  });

  it('keeps comments and unknown keys from the previous file', () => {
    const prev = `# reviewed by Amal, 2024-05-01
version: 1
document: {text: a.txt, sha256: ${'ab'.repeat(32)}, status: draft, reviewer: amal}
# mentions need a second pass
mentions:
  # ambiguous: the group or the state?
  - {id: m1, label: ACTOR, start: 0, end: 4, text: "ISIL", status: suggested, origin: gazetteer, confidence: 0.7} # check
  - {id: m2, label: PLACE, start: 10, end: 15, text: "Mosul", status: accepted, origin: manual}
attributions:
  - id: a1
    # cue is odd
    cue: {start: 20, end: 24, text: "said", note: x}
    kind: anonymous
    direct: false
    status: suggested
    checkedBy: amal
events: []
rejected: []
project: {batch: 7}
`;
    const parsed = parseSidecar(prev);
    expect(parsed.problems.every((p) => p.severity === 'warning')).toBe(true);
    const next = parsed.sidecar!;
    next.mentions[0] = { ...next.mentions[0], status: 'accepted' };
    next.mentions.push({ id: 'm3', label: 'PLACE', start: 30, end: 34, text: 'Iraq', status: 'accepted', origin: 'manual' });
    const out = renderSidecar(next, prev);
    expect(out).toMatch(/^# Conflict Annotator sidecar.*\n\n# reviewed by Amal, 2024-05-01\nversion: 2\n/);
    expect(out).toContain('reviewer: amal}');
    expect(out).toContain('# mentions need a second pass\nmentions:');
    expect(out).toContain('# ambiguous: the group or the state?\n');
    expect(out).toContain('status: accepted, confidence: 0.7} # check');
    // a comment inside an item makes its flow map span several lines (YAML has no other place for it)
    // (a suggested attribution's quotes are the text's: not written)
    expect(out).toContain('- {\n    id: a1,\n    # cue is odd\n    cue: {start: 20, end: 24, note: x},\n');
    expect(out).toContain('checkedBy: amal');
    expect(out).toContain('project: {batch: 7}');
    expect(out).toContain('id: m3');
    // stable under repetition
    const again = renderSidecar(parseSidecar(out).sidecar!, out);
    expect(again).toBe(out);
  });

  it('does not bring back keys the writer removed', () => {
    const prev = renderSidecar(sample());
    const next = sample();
    delete next.mentions[1].entity;
    expect(renderSidecar(next, prev)).not.toContain('entity: isil');
  });
});

describe('paths and ids', () => {
  it('derives the sidecar path', () => {
    expect(sidecarPathFor('/data/a/NAME.txt')).toBe('/data/a/NAME.ann.yaml');
    expect(sidecarPathFor('C:\\x\\art.v2.md')).toBe('C:\\x\\art.v2.ann.yaml');
    expect(sidecarPathFor('/data/.hidden')).toBe('/data/.hidden.ann.yaml');
    expect(sidecarPathFor('/da.ta/README')).toBe('/da.ta/README.ann.yaml');
  });

  it('hashes the same on every machine', () => {
    // fixed values: a change here changes every new id written anywhere
    expect(hash64('')).toBe('488bdcb81aee8d83');
    expect(hash64('ACTOR\u00000\u00004\u0000ISIL')).toBe('64bda7c1f434bdfc');
    expect(new IdAllocator().next('m', mentionSeed({ label: 'ACTOR', start: 0, end: 4, text: 'ISIL' }))).toBe(`m-${hash64('ACTOR\u00000\u00004\u0000ISIL').slice(0, 6)}`);
  });

  it('gives the first 6 digits of the seed\'s hash, leading zeros included, for any seed', () => {
    const ids = new IdAllocator();
    let leadingZero = 0;
    for (let i = 0; i < 5000; i++) {
      const seed = mentionSeed({ label: 'ACTOR', start: i, end: i + 3, text: `n${i * 7919}` });
      const h = hash64(seed);
      if (h.startsWith('0')) leadingZero++;
      expect(ids.next('m', seed)).toBe(`m-${h.slice(0, 6)}`);
    }
    expect(leadingZero).toBeGreaterThan(0);
  });

  it('hashes a seed fed in parts as the seed itself (nextFor is next of idSeed)', () => {
    const offsets = [0, 1, 9, 10, 99, 100, 12345, 999_999, 1_000_000, 2 ** 31 - 1, 2 ** 31, 2 ** 40, -1, 1.5];
    const texts = ['', 'ISIL', 'Ḥamā', '😀 x\n', 'a'.repeat(300)];
    for (const start of offsets) {
      for (const end of offsets) {
        for (const text of texts) {
          expect(seedLanes('ACTOR', start, end, text)).toEqual(cyrb53Lanes(idSeed('ACTOR', start, end, text)));
        }
      }
    }
    const a = new IdAllocator();
    const b = new IdAllocator();
    for (let i = 0; i < 500; i++) {
      // the same ids, collisions included (every seed twice)
      const [start, end] = [i >> 1, (i >> 1) + 3];
      expect(a.nextFor('a', 'attribution', start, end, 'said')).toBe(b.next('a', idSeed('attribution', start, end, 'said')));
    }
  });

  it('knows the ids in use whatever their form', () => {
    const ids = new IdAllocator({ mentions: [{ id: 'm-00ab12' }, { id: 'm-00AB13' }, { id: 'm12' }], events: [{ id: 'e-ffffff' }, { id: 'x-000000' }] });
    for (const id of ['m-00ab12', 'm-00AB13', 'm12', 'e-ffffff', 'x-000000']) expect(ids.has(id)).toBe(true);
    for (const id of ['a-00ab12', 'm-00ab13', 'm-00AB12', 'e-fffffe', 'm-00ab1', 'm-00ab123']) expect(ids.has(id)).toBe(false);
    const handed = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const id = ids.next(i % 2 ? 'm' : 'e', String(i % 1500));
      expect(handed.has(id)).toBe(false);
      handed.add(id);
      expect(ids.has(id)).toBe(true);
    }
  });

  it('hands out short, unique ids, longer only on a collision', () => {
    const seed = mentionSeed({ label: 'PLACE', start: 10, end: 15, text: 'Mosul' });
    const h = hash64(seed);
    const s = sample();
    s.mentions.push({ ...s.mentions[0], id: `m-${h.slice(0, 6)}` }, { ...s.mentions[0], id: 'm12' });
    const ids = new IdAllocator(s);
    expect(ids.has('m12')).toBe(true);
    expect(ids.next('m', seed)).toBe(`m-${h.slice(0, 8)}`);
    expect(ids.next('m', seed)).toBe(`m-${h.slice(0, 10)}`);
    expect(ids.next('m', seed)).toBe(`m-${h.slice(0, 12)}`);
    expect(ids.next('m', seed)).toBe(`m-${h}`);
    expect(ids.next('m', seed)).toBe(`m-${h}-2`);
    expect(ids.next('m', seed)).toBe(`m-${h}-3`);
    // manual items also hash who and when
    expect(mentionSeed({ label: 'PLACE', start: 10, end: 15, text: 'Mosul' }, { by: 'amal', at: '2025-01-01T10:00:00Z' })).not.toBe(seed);
  });

  it('allocates in linear time', () => {
    const s = emptySidecar('x', 'y');
    for (let i = 0; i < 20_000; i++) s.mentions.push({ id: `m${i}`, label: 'ACTOR', start: i, end: i + 1, text: 'x', status: 'suggested', origin: 'rule' });
    const t0 = performance.now();
    const ids = new IdAllocator(s);
    const made = new Set<string>();
    for (let i = 0; i < 20_000; i++) made.add(ids.next('m', mentionSeed({ label: 'PLACE', start: i, end: i + 1, text: 'y' })));
    expect(made.size).toBe(20_000);
    expect(performance.now() - t0).toBeLessThan(2000); // nextId's rescans took minutes at this size
  });
});

// JSON Schema (media/sidecar.schema.json, used by VS Code's yamlValidation)

const ROOT = join(__dirname, '..', '..');
type Schema = Record<string, unknown>;
const schema = JSON.parse(readFileSync(join(ROOT, 'media', 'sidecar.schema.json'), 'utf8')) as Schema;

/** The subset of draft-07 the sidecar schema uses: type, const, enum, required, properties, items, pattern, minimum, minLength, $ref. */
function check(value: unknown, s: Schema, path: string, errors: string[]): void {
  if (typeof s.$ref === 'string') {
    const target = s.$ref.replace(/^#\//, '').split('/').reduce<unknown>((o, k) => (o as Schema)[k], schema) as Schema;
    check(value, target, path, errors);
  }
  const type = s.type as string | string[] | undefined;
  const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
  const types = type === undefined ? [] : Array.isArray(type) ? type : [type];
  if (types.length && !types.some((t) => t === actual || (t === 'number' && actual === 'integer'))) {
    errors.push(`${path}: expected ${types.join(' or ')}, found ${actual}`);
    return;
  }
  if ('const' in s && value !== s.const) errors.push(`${path}: expected ${JSON.stringify(s.const)}`);
  if (Array.isArray(s.enum) && !s.enum.includes(value)) errors.push(`${path}: ${JSON.stringify(value)} not in ${s.enum.join('|')}`);
  if (typeof s.pattern === 'string' && typeof value === 'string' && !new RegExp(s.pattern).test(value)) errors.push(`${path}: does not match ${s.pattern}`);
  if (typeof s.minimum === 'number' && typeof value === 'number' && value < s.minimum) errors.push(`${path}: below ${s.minimum}`);
  if (typeof s.minLength === 'number' && typeof value === 'string' && value.length < s.minLength) errors.push(`${path}: shorter than ${s.minLength}`);
  if (actual === 'object') {
    const o = value as Record<string, unknown>;
    for (const k of (s.required as string[] | undefined) ?? []) if (!(k in o)) errors.push(`${path}: missing ${k}`);
    const props = (s.properties as Record<string, Schema> | undefined) ?? {};
    for (const [k, v] of Object.entries(o)) if (props[k]) check(v, props[k], `${path}.${k}`, errors);
  }
  if (actual === 'array' && s.items) (value as unknown[]).forEach((v, i) => check(v, s.items as Schema, `${path}[${i}]`, errors));
}

function validate(value: unknown): string[] {
  const errors: string[] = [];
  check(value, schema, '$', errors);
  return errors;
}

describe('media/sidecar.schema.json', () => {
  it('is draft-07 and agrees with the model on labels', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    const defs = schema.definitions as Record<string, Schema>;
    expect(((defs.mention.properties as Record<string, Schema>).label.enum as string[])).toEqual([...MENTION_LABELS]);
  });

  it.each(readdirSync(join(ROOT, 'test', 'fixtures', 'gold')))('accepts gold sidecar %s', (f) => {
    const data = parse(readFileSync(join(ROOT, 'test', 'fixtures', 'gold', f), 'utf8'));
    expect(validate(data)).toEqual([]);
  });

  it('accepts what the writer writes, version 2 fields included', () => {
    const s = sample();
    s.document.detector = '1';
    s.mentions[0] = { ...s.mentions[0], by: 'amal', at: '2025-03-01T14:05:00Z' };
    s.events[0] = { ...s.events[0], spans: [{ start: 1, end: 2, text: 'S' }], inter1: 2, interaction: 20, civilian_targeting: true, time_precision: 1, geo_precision: 3, admin1: 'Nineveh', source_scale: 'National', notes: 'n' };
    s.rejected[0] = { ...s.rejected[0], prefix: 'the ', suffix: ' fled', by: 'amal', at: '2025-03-01' };
    s.conflicts = [{ id: 'm1', ours: { id: 'm1' }, theirs: null }];
    expect(validate(parse(renderSidecar(s)))).toEqual([]);
    // suggestions: an event and an attribution written with offsets only
    const suggested = sample();
    suggested.events[0] = { ...suggested.events[0], status: 'suggested' };
    const y = renderSidecar(suggested);
    expect(y).toContain('cue: {start: 20, end: 24}');
    expect(validate(parse(y))).toEqual([]);
    const defs = schema.definitions as Record<string, Schema>;
    // every key the format knows is in the schema
    const keys = (d: string) => Object.keys(defs[d].properties as object);
    expect(new Set(keys('mention'))).toEqual(new Set(MENTION_KEYS));
    expect(new Set(keys('attribution'))).toEqual(new Set(ATTRIBUTION_KEYS));
    expect(new Set(keys('event'))).toEqual(new Set(EVENT_KEYS));
    expect(new Set(keys('rejection'))).toEqual(new Set(REJECTION_KEYS));
    expect(new Set(Object.keys((schema.properties as Schema) ?? {}))).toEqual(new Set(TOP_KEYS));
    expect(new Set(Object.keys(((schema.properties as Record<string, Schema>).document.properties as Schema) ?? {}))).toEqual(new Set(DOCUMENT_KEYS));
  });

  it('rejects what the parser rejects', () => {
    const bad = {
      version: 3,
      document: { text: 'a.txt', sha256: 'xyz', status: 'final' },
      mentions: [{ id: 'm1', label: 'PERSON', start: -1, end: 2.5, text: 'x', status: 'accepted', origin: 'manual' }, { id: 'm2' }],
      attributions: [{ id: 'a1', cue: { start: 0, end: 1 }, kind: 'named', direct: 'no', status: 'accepted' }],
      events: [{ id: 'e1', type: 'Battles', subtype: 'Armed clash', start: 0, end: 1, text: 'x', status: 'accepted', date: 'June', fatalities: -3 }],
      rejected: {},
    };
    expect(validate(bad)).toEqual([
      '$.version: 3 not in 1|2',
      '$.document.sha256: does not match ^[0-9a-fA-F]{64}$',
      '$.document.status: "final" not in draft|reviewed',
      '$.mentions[0].label: "PERSON" not in ACTOR|PLACE|CIVILIAN',
      '$.mentions[0].start: below 0',
      '$.mentions[0].end: expected integer, found number',
      '$.mentions[1]: missing label',
      '$.mentions[1]: missing start',
      '$.mentions[1]: missing text',
      '$.attributions[0].direct: expected boolean, found string',
      '$.events[0].date: does not match ^\\d{4}-\\d{2}-\\d{2}$',
      '$.events[0].fatalities: below 0',
      '$.rejected: expected array, found object',
    ]);
  });
});
