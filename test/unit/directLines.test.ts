/**
 * The fast reader's direct lines (parseCanonical with `typed`): every mention and attribution it reads straight
 * into a Mention or Attribution must be what the plain reader and parseSidecar's checks make of the same line,
 * and the whole parse what the `yaml` Document parser gives (data, problems, lines). Checked on the sidecars
 * annotate writes for the samples, the fixture sets and the real-dev texts (read from the shared folder, never
 * copied), and on lines edited one way or another.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSidecar, parseWithDocument } from '../../src/core/sidecar/parseSidecar';
import { parseCanonical } from '../../src/core/sidecar/parseCanonical';
import { renderSidecar } from '../../src/core/sidecar/renderSidecar';
import { emptySidecar } from '../../src/core/sidecar/sidecarFormat';
import { acceptAll } from '../../src/core/review/mergeSuggestions';
import { annotateDocument } from '../../src/core/review/annotateDocument';
import { sha256Hex } from '../../src/core/text/decodeText';
import { impliedEntity } from '../../src/core/sidecar/impliedValues';
import { buildDefaultGazetteer } from './detectFixtures';
import { FIXTURES, SAMPLE_ARTICLES } from './fixtureSets';

const REAL_DEV =
  process.env.REAL_DEV_DIR ?? [join(__dirname, '..', '..', '..', 'shared', 'corpus', 'real-dev'), join(__dirname, '..', '..', '..', '..', 'shared', 'corpus', 'real-dev')].find(existsSync);

const PATHS = ['', 'version', 'document', 'mentions', 'mentions[0]', 'mentions[1].text', 'mentions[3].entity', 'mentions[999]', 'attributions[0].cue', 'events[0]', 'rejected'];

/** parseSidecar (direct lines) against the Document parser, and the direct lines against the plain reader's data. */
function expectSame(y: string): { direct: number; mentions: number; directAttributions: number; attributions: number } {
  const fast = parseSidecar(y);
  const full = parseWithDocument(y);
  expect(fast.problems).toEqual(full.problems);
  expect(JSON.stringify(fast.sidecar)).toBe(JSON.stringify(full.sidecar));
  for (const p of PATHS) expect([p, fast.locate(p)]).toEqual([p, full.locate(p)]);
  const typed = parseCanonical(y, { typed: true });
  const plain = parseCanonical(y);
  // the direct reading never accepts a file the plain reader declines, nor the other way round
  expect(typed === undefined).toBe(plain === undefined);
  if (!typed || !plain) return { direct: 0, mentions: 0, directAttributions: 0, attributions: 0 };
  // where an item was read directly the plain data holds nothing; elsewhere both hold the same plain map
  const compare = (key: 'mentions' | 'attributions'): [number, number] => {
    const lines = (plain.data[key] as unknown[] | undefined) ?? [];
    const direct = typed[key];
    lines.forEach((v, i) => {
      if (direct?.[i] !== undefined) expect((typed.data[key] as unknown[])[i]).toBeUndefined();
      else expect((typed.data[key] as unknown[])[i]).toEqual(v);
    });
    return [direct?.filter((m) => m !== undefined).length ?? 0, lines.length];
  };
  const [direct, mentions] = compare('mentions');
  const [directAttributions, attributions] = compare('attributions');
  return { direct, mentions, directAttributions, attributions };
}

function texts(dir: string): { name: string; text: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ name: f, text: readFileSync(join(dir, f), 'utf8') }));
}

describe('direct lines', () => {
  it('read the sidecars annotate writes (samples, fixtures, real-dev), as found and with every decision, as the full parser does', () => {
    const gazetteer = buildDefaultGazetteer();
    const dirs = [SAMPLE_ARTICLES, join(FIXTURES, 'heldout'), join(FIXTURES, 'unseen'), join(FIXTURES, 'fresh'), ...(REAL_DEV ? [REAL_DEV] : [])];
    let direct = 0;
    let mentions = 0;
    let directAttributions = 0;
    let attributions = 0;
    let files = 0;
    for (const dir of dirs) {
      for (const { name, text } of texts(dir)) {
        const sha = sha256Hex(new TextEncoder().encode(text));
        const s = annotateDocument(emptySidecar(name, sha), text, sha, gazetteer).sidecar;
        const accepted = acceptAll(s);
        const decided = {
          ...accepted,
          mentions: accepted.mentions.map((m, i) => (i % 3 === 0 ? { ...m, by: 'ana', at: '2025-03-01T14:05:00Z' } : i % 3 === 1 ? { ...m, orphan: true } : m)),
          attributions: accepted.attributions.map((a, i) => (i % 3 === 0 ? { ...a, by: 'ana', at: '2025-03-01T14:05:00Z', origin: 'manual' as const } : i % 3 === 1 ? { ...a, orphan: true } : a)),
        };
        for (const sidecar of [s, accepted, decided]) {
          const counts = expectSame(renderSidecar(sidecar, undefined, text));
          direct += counts.direct;
          mentions += counts.mentions;
          directAttributions += counts.directAttributions;
          attributions += counts.attributions;
          files++;
        }
      }
    }
    expect(files).toBeGreaterThan(60);
    // what annotate writes is read directly, every line of it
    expect(mentions).toBeGreaterThan(1000);
    expect(direct).toBe(mentions);
    expect(attributions).toBeGreaterThan(200);
    expect(directAttributions).toBe(attributions);
  });

  it('read a version 1 file as the full parser does', () => {
    const y = readFileSync(join(FIXTURES, 'v1', '004_c6c6a49fe15b7881.ann.yaml'), 'utf8');
    expect(expectSame(y).direct).toBeGreaterThan(0);
  });

  it('leave every unusual mention line to the plain reader and the checks, with the same outcome', () => {
    const s = emptySidecar('a.txt', 'ab'.repeat(32));
    s.mentions.push(
      // the entity a rule suggestion implies is left out (no entity at all is written `entity: null`)
      { id: 'm-000001', label: 'ACTOR', start: 3, end: 8, text: 'Kurds', entity: impliedEntity('Kurds'), status: 'suggested', origin: 'rule' },
      { id: 'm-000002', label: 'PLACE', start: 10, end: 14, text: 'Iraq', entity: 'country-iq', status: 'accepted', origin: 'gazetteer', prefix: 'in ', suffix: ' on' },
    );
    const y = renderSidecar(s);
    const [first, second] = y.split('\n').filter((l) => l.startsWith('- {id: m-'));
    expect(first).toMatch(/text: "Kurds", origin: rule}$/);
    expect(second).toContain('status: accepted');
    expect(expectSame(y).direct).toBe(2);
    const edits: [string, string][] = [
      [first, first.replace('{id: m-000001', '{id: 12')], // a number as an id: the checks make it a string
      [first, first.replace('{id: m-000001', '{id: "m-000001"')],
      [first, first.replace('label: ACTOR', 'label: "ACTOR"')],
      [first, first.replace('label: ACTOR', 'label: THING')],
      [first, first.replace('label: ACTOR', 'label: actor')],
      [first, first.replace('start: 3', 'start: 03')],
      [first, first.replace('start: 3', 'start: -3')],
      [first, first.replace('start: 3', 'start: 3.5')],
      [first, first.replace('start: 3', 'start: 9')], // after its end
      [first, first.replace('start: 3', 'start: 1234567890123456')],
      [first, first.replace(', end: 8', '')], // implied by the quote
      [first, first.replace('end: 8', 'end: "8"')],
      [first, first.replace('text: "Kurds"', 'text: Kurds')],
      [first, first.replace('text: "Kurds"', 'text: 12')],
      [first, first.replace('text: "Kurds"', 'text: "K\\u00fcrds"')],
      [first, first.replace('text: "Kurds"', 'text: "Ku\\qrds"')],
      [first, first.replace('origin: rule', 'origin: rules')],
      [first, first.replace('origin: rule', 'origin: rule, entity: kurds')], // out of order
      [first, first.replace('origin: rule', 'entity: kurds, origin: rule')],
      [first, first.replace('origin: rule', 'entity: 1914, origin: rule')],
      [first, first.replace('origin: rule', 'entity: null, origin: rule')],
      [first, first.replace('origin: rule', 'entity: , origin: rule')],
      [first, first.replace('origin: rule', 'origin: rule, orphan: true')],
      [first, first.replace('origin: rule', 'origin: rule, orphan: false')],
      [first, first.replace('origin: rule', 'origin: rule, orphan: yes')],
      [first, first.replace('origin: rule', 'origin: rule, orphan: "true"')],
      [first, first.replace('origin: rule', 'origin: rule, by: "ana", at: "2025-03-01T14:05:00Z"')],
      [first, first.replace('origin: rule', 'origin: rule, by: ana')],
      [first, first.replace('origin: rule', 'origin: rule, at: "yesterday"')],
      [first, first.replace('origin: rule', 'origin: rule, at: "2025-03-01"')],
      [first, first.replace('origin: rule', 'origin: rule, by: 7')],
      [first, first.replace('origin: rule', 'origin: rule, colour: red')],
      [first, first.replace('origin: rule', 'origin: rule, origin: rule')],
      [first, first.replace('origin: rule', 'status: suggested, origin: rule')],
      [first, first.replace('origin: rule', 'status: maybe, origin: rule')],
      [first, first.replace('origin: rule', 'status: accepted, origin: rule')],
      [first, first.replace('origin: rule}', 'origin: rule, prefix: "a", suffix: b}')],
      [first, first.replace('origin: rule}', 'origin: rule, suffix: "b", prefix: "a"}')],
      [first, first.replace('origin: rule}', 'origin: rule}}')],
      [first, first.replace('origin: rule}', 'origin: rule')],
      [first, first.replace('origin: rule}', 'origin: rule }')],
      [first, first.replace(', origin: rule', ',origin: rule')],
      [first, first.replace(', origin: rule', '')], // gazetteer by default, and no implied entity
      [second, second.replace(', status: accepted', '')],
      [second, second.replace('entity: country-iq', 'entity: "country-iq"')],
      [first, `${first}\n${first}`], // a duplicate id
      ['version: 2', 'version: 1'], // the status was required before version 2
      ['version: 2', 'version: 3'],
    ];
    let direct = 0;
    for (const [from, to] of edits) {
      const edited = y.replace(from, to);
      expect(edited).not.toBe(y);
      direct += expectSame(edited).direct;
    }
    // most edits leave the other line as it was, read directly
    expect(direct).toBeGreaterThan(edits.length / 2);
  });

  it('leave every unusual attribution line to the plain reader and the checks, with the same outcome', () => {
    const s = emptySidecar('a.txt', 'ab'.repeat(32));
    s.attributions.push(
      { id: 'a-000001', cue: { start: 20, end: 24, text: 'said' }, source: { start: 0, end: 8, text: 'officials' }, content: { start: 30, end: 40, text: 'the town fell' }, kind: 'anonymous', direct: false, status: 'suggested', origin: 'rule' },
      { id: 'a-000002', cue: { start: 50, end: 54, text: 'told', prefix: 'he ', suffix: ' us' }, source: { start: 44, end: 49, text: 'Ahmed' }, kind: 'named', direct: true, sourceEntity: 'ahmed', status: 'accepted', origin: 'manual' },
    );
    const y = renderSidecar(s);
    const [first, second] = y.split('\n').filter((l) => l.startsWith('- {id: a-'));
    expect(second).toContain('status: accepted');
    expect(expectSame(y).directAttributions).toBe(2);
    // a suggestion's quotes are left out (filled in from the text); with them, as version 1 wrote them
    expect(first).toContain('cue: {start: 20, end: 24}');
    const quoted = first.replace('cue: {start: 20, end: 24}', 'cue: {start: 20, end: 24, text: "said"}');
    const edits: [string, string][] = [
      [first, first.replace('{id: a-000001', '{id: 7')],
      [first, first.replace('cue: {start: 20', 'cue: {start: 24')], // after its end
      [first, first.replace('cue: {start: 20, end: 24', 'cue: {start: 20')],
      [first, first.replace('cue: {start: 20, end: 24', 'cue: {end: 24, start: 20')],
      [first, quoted.replace('text: "said"', 'text: said')],
      [first, quoted.replace('text: "said"', 'text: 12')],
      [first, quoted.replace('text: "said"', 'text: "said", colour: red')],
      [first, quoted.replace('text: "said"', 'suffix: "x", text: "said"')],
      [first, first.replace(/source: \{[^}]*\}, /, '')],
      [first, first.replace(/source: \{[^}]*\}/, 'source: null')],
      [first, first.replace(/content: \{[^}]*\}, /, '')],
      [first, first.replace(/(source: \{[^}]*\}), (content: \{[^}]*\})/, '$2, $1')],
      [first, first.replace('kind: anonymous', 'kind: unnamed')],
      [first, first.replace('kind: anonymous', 'kind: "anonymous"')],
      [first, first.replace(', kind: anonymous', '')],
      [first, first.replace('kind: anonymous', 'kind: anonymous, direct: true')],
      [first, first.replace('kind: anonymous', 'kind: anonymous, direct: false')],
      [first, first.replace('kind: anonymous', 'kind: anonymous, direct: yes')],
      [first, first.replace('kind: anonymous', 'kind: anonymous, sourceEntity: 12')],
      [first, first.replace('kind: anonymous', 'kind: anonymous, sourceEntity: x-officials')],
      [first, first.replace('kind: anonymous', 'kind: anonymous, status: suggested')],
      [first, first.replace('kind: anonymous', 'kind: anonymous, status: maybe')],
      [first, first.replace('kind: anonymous', 'kind: anonymous, origin: rule')],
      [first, first.replace('kind: anonymous', 'kind: anonymous, origin: robot')],
      [first, first.replace('kind: anonymous', 'kind: anonymous, orphan: true')],
      [first, first.replace('kind: anonymous', 'kind: anonymous, orphan: false')],
      [first, first.replace('kind: anonymous', 'kind: anonymous, by: "ana", at: "2025-03-01T14:05:00Z"')],
      [first, first.replace('kind: anonymous', 'kind: anonymous, at: "soon"')],
      [first, first.replace('kind: anonymous', 'kind: anonymous, kind: named')],
      [first, first.replace('kind: anonymous}', 'kind: anonymous')],
      [first, first.replace('kind: anonymous}', 'kind: anonymous}, x')],
      [second, second.replace(', status: accepted', '')],
      [second, second.replace('sourceEntity: ahmed', 'sourceEntity: "ahmed"')],
      [second, second.replace('prefix: "he "', 'prefix: he')],
      [first, `${first}\n${first}`], // a duplicate id
      [first, quoted],
      [first, quoted.replace('text: "said"}', 'text: "said", prefix: "they ", suffix: " that"}')],
      ['version: 2', 'version: 1'], // the status was required before version 2, and the quotes
    ];
    let direct = 0;
    for (const [from, to] of edits) {
      const edited = y.replace(from, to);
      expect([from, to, edited === y]).toEqual([from, to, false]);
      direct += expectSame(edited).directAttributions;
    }
    expect(direct).toBeGreaterThan(edits.length / 2);
    // version 1 gave an attribution no origin by default (version 2: rule); the suggestion without its quotes
    // and status would be an error there
    const v1 = y.replace('version: 2', 'version: 1').replace(`${first}\n`, '').replace(second, second.replace(', origin: manual', ''));
    expect(expectSame(v1).directAttributions).toBe(1);
  });

  it('keep mentions whose file comes without a version first to the plain reader', () => {
    const s = emptySidecar('a.txt', 'ab'.repeat(32));
    s.mentions.push({ id: 'm-000001', label: 'ACTOR', start: 3, end: 8, text: 'Kurds', entity: impliedEntity('Kurds'), status: 'suggested', origin: 'rule' });
    const y = renderSidecar(s);
    expect(parseCanonical(y, { typed: true })?.mentions).toHaveLength(1);
    const moved = y.replace('version: 2\n', '').replace(/\nmentions:/, '\nversion: 2\nmentions:');
    const lastFirst = `${y.replace('version: 2\n', '')}version: 2\n`;
    for (const edited of [moved, lastFirst]) expectSame(edited);
    expect(parseCanonical(lastFirst, { typed: true })?.mentions).toBeUndefined();
  });
});
