/**
 * What a detector suggestion's line leaves out because the rest implies it (impliedValues): a generated entity
 * id, the derivable ACLED coding, notes that are the trigger's sentence. Left out only when equal, read back
 * (the notes from the text) as detection made them; decisions, imports and version 1 files are as written.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { annotateDocument } from '../../src/core/review/annotateDocument';
import { emptySidecar, sameAnnotations } from '../../src/core/sidecar/sidecarFormat';
import { canonicalSidecar, renderSidecar, renderWithDocument } from '../../src/core/sidecar/renderSidecar';
import { renderCanonical } from '../../src/core/sidecar/renderCanonical';
import { parseSidecar, parseWithDocument } from '../../src/core/sidecar/parseSidecar';
import { withQuotes } from '../../src/core/sidecar/sidecarStore';
import { diskSidecar } from '../../src/core/sidecar/canonicalSidecar';
import { generatedEntityId } from '../../src/core/detection/generatedEntityId';
import type { EventAnnotation, Mention, Sidecar } from '../../src/core/model';
import { impliedNotes } from '../../src/core/sidecar/impliedValues';
import { eventNotes } from '../../src/core/events/acledCoding';
import { splitSentences } from '../../src/core/text/splitSentences';
import { TextIndex } from '../../src/core/text/textIndex';
import { buildDefaultGazetteer } from './detectFixtures';

const SAMPLES = join(__dirname, '..', '..', 'media', 'samples', 'articles');
const gazetteer = buildDefaultGazetteer();
const sha = (t: string) => createHash('sha256').update(t).digest('hex');

function annotated(name: string): { text: string; sidecar: Sidecar } {
  const text = readFileSync(join(SAMPLES, name), 'utf8');
  return { text, sidecar: annotateDocument(emptySidecar(name, sha(text)), text, sha(text), gazetteer).sidecar };
}

/** Written with the text, read back as the store reads it. */
function roundTrip(s: Sidecar, text: string): { yaml: string; back: Sidecar } {
  const yaml = renderSidecar(s, undefined, text);
  const parsed = parseSidecar(yaml);
  expect(parsed.problems).toEqual([]);
  return { yaml, back: withQuotes(parsed.sidecar!, text, sha(text)) };
}

describe('implied values of rule suggestions', () => {
  it.each(['000_db39f04dd305928f.txt', '002_423dc2fc7979b9d9.txt', '004_c6c6a49fe15b7881.txt'])('%s: left out, and read back as detection made them', (name) => {
    const { text, sidecar } = annotated(name);
    const { yaml, back } = roundTrip(sidecar, text);
    // what is read back is what was detected (as written: suggestions without context), notes included
    expect(sameAnnotations(canonicalSidecar(back), canonicalSidecar(sidecar))).toBe(true);
    const byId = new Map(back.events.map((e) => [e.id, e]));
    for (const e of sidecar.events) expect([e.id, byId.get(e.id)?.notes, byId.get(e.id)?.interaction, byId.get(e.id)?.time_precision]).toEqual([e.id, e.notes, e.interaction, e.time_precision]);
    const mentions = new Map(back.mentions.map((m) => [m.id, m]));
    for (const m of sidecar.mentions) expect([m.id, mentions.get(m.id)?.entity]).toEqual([m.id, m.entity]);
    // the fast writer and the Document writer agree, with and without the text
    expect(renderWithDocument(sidecar, undefined, text)).toBe(yaml);
    expect(renderCanonical(sidecar)).toBe(renderWithDocument(sidecar));
    // the rule mentions' generated ids, the events' interaction and most notes are not in the file
    const generated = sidecar.mentions.filter((m) => m.origin === 'rule' && m.entity === generatedEntityId(m.text));
    expect(generated.length).toBeGreaterThan(0);
    const lines = new Map(yaml.split('\n').map((l) => [/id: ([\w-]+)/.exec(l)?.[1], l]));
    for (const m of generated) expect(lines.get(m.id)).not.toContain('entity');
    expect(sidecar.events.some((e) => e.interaction !== undefined)).toBe(true);
    expect(yaml).not.toContain('interaction:');
    const noted = sidecar.events.filter((e) => e.notes !== undefined);
    const written = noted.filter((e) => yaml.includes(JSON.stringify(e.notes)));
    expect(written.length).toBeLessThan(noted.length);
    // without the text the notes stay in the file, and read back as they are
    const without = parseSidecar(renderSidecar(sidecar)).sidecar!;
    expect(without.events.map((e) => e.notes)).toEqual(canonicalSidecar(sidecar).events.map((e) => e.notes));
    // the JSONL stream's record is the file's data
    expect(JSON.parse(JSON.stringify(diskSidecar(sidecar, text)))).toEqual(parseWithDocumentData(yaml));
  });

  it('keeps what differs from what the rest implies, and everything of decisions and imports', () => {
    const text = 'Gunmen killed 14 villagers in Gao, Mali, on Monday, officials said. Troops returned.\n';
    const s = emptySidecar('t.txt', sha(text));
    const rule = { status: 'suggested', origin: 'rule' } as const;
    s.mentions.push(
      { id: 'm-000001', label: 'ACTOR', start: 0, end: 6, text: 'Gunmen', entity: 'x-gunmen', ...rule },
      { id: 'm-000002', label: 'CIVILIAN', start: 17, end: 26, text: 'villagers', ...rule },
      { id: 'm-000003', label: 'ACTOR', start: 68, end: 74, text: 'Troops', entity: 'x-troops', status: 'accepted', origin: 'rule' },
      { id: 'm-000006', label: 'ACTOR', start: 0, end: 6, text: 'Gunmen', entity: 'x-gunmen', ...rule },
      { id: 'm-000004', label: 'ACTOR', start: 68, end: 74, text: 'Troops', entity: 'x-troops', status: 'suggested', origin: 'import' },
      { id: 'm-000005', label: 'PLACE', start: 30, end: 33, text: 'Gao', entity: 'x-gao-town', ...rule },
    );
    const event = (id: string, more: Partial<EventAnnotation>): EventAnnotation => ({
      id, type: 'Violence against civilians', subtype: 'Attack', start: 7, end: 13, text: 'killed', actor1: 'm-000001', actor2: 'm-000002', date: '2024-05-13', inter1: 3, inter2: 7, ...rule, ...more,
    });
    s.events.push(
      event('e-000001', { interaction: 37, civilian_targeting: true, time_precision: 1, notes: 'On 13 May 2024: Gunmen killed 14 villagers in Gao, Mali, on Monday, officials said.' }),
      event('e-000002', { interaction: 33, civilian_targeting: false, time_precision: 2, notes: 'A person wrote this.' }),
      event('e-000003', { actor1: 'm-000006', interaction: 37, civilian_targeting: true, time_precision: 1, status: 'accepted', notes: 'On 13 May 2024: Gunmen killed 14 villagers in Gao, Mali, on Monday, officials said.' }),
      event('e-000004', { interaction: 37, civilian_targeting: true, time_precision: 1, origin: 'import' }),
    );
    const { yaml, back } = roundTrip(s, text);
    const line = (id: string) => yaml.split('\n').find((l) => l.includes(`id: ${id}`))!;
    expect(line('m-000001')).not.toContain('entity');
    // the suggestions an accepted event refers to are written whole
    expect(line('m-000006')).toContain('entity: x-gunmen');
    expect(line('m-000002')).toContain('entity: null');
    expect(line('m-000003')).toContain('entity: x-troops');
    expect(line('m-000004')).toContain('entity: x-troops');
    expect(line('m-000005')).toContain('entity: x-gao-town');
    expect(line('e-000001')).not.toMatch(/interaction|civilian_targeting|time_precision|notes/);
    expect(line('e-000002')).toMatch(/interaction: 33, civilian_targeting: false, time_precision: 2, notes: "A person wrote this."/);
    expect(line('e-000003')).toMatch(/interaction: 37, civilian_targeting: true, time_precision: 1, notes: "On 13 May/);
    expect(line('e-000004')).toMatch(/interaction: 37, civilian_targeting: true, time_precision: 1/);
    const byId = <T extends { id: string }>(xs: T[], id: string): T => xs.find((x) => x.id === id)!;
    for (const m of s.mentions) expect(byId(back.mentions, m.id)).toEqual(byId(s.mentions, m.id) as Mention);
    for (const e of s.events) expect({ ...byId(back.events, e.id), text: e.text }).toEqual(e);
    // the general reader reads it alike
    const full = parseWithDocument(yaml).sidecar!;
    expect(full.mentions).toEqual(parseSidecar(yaml).sidecar!.mentions);
    expect(full.events).toEqual(parseSidecar(yaml).sidecar!.events);
  });

  it('reads back as canonicalSidecar says when a rule suggestion\'s line gives its implied coding (a hand edit)', () => {
    // interaction 30 is implied by inter1 3: the writer leaves it out and the reader appends it after the keys
    // that follow it on the line (found by a long fuzz campaign: the key order differed)
    const yaml = [
      'version: 2',
      'document: {text: "a.txt", sha256: 1919f065f79cf2627ad5eb269d4da643b6194f05d97e3ff915544677ade0ad53, status: draft}',
      'mentions: []',
      'attributions: []',
      'events:',
      '- {id: e-1a2b3c, type: Battles, subtype: Armed clash, start: 0, end: 4, text: "x", date: 2014-06-01, inter1: 3, interaction: 30, civilian_targeting: true, time_precision: 1, admin1: "Nineveh", by: "amal", spans: [{start: 5, end: 6, text: "y"}]}',
      'rejected: []',
      '',
    ].join('\n');
    const first = parseSidecar(yaml);
    expect(first.problems).toEqual([]);
    const again = parseSidecar(renderSidecar(first.sidecar!));
    expect(again.problems).toEqual([]);
    expect(JSON.stringify(again.sidecar)).toBe(JSON.stringify(canonicalSidecar(first.sidecar!)));
    expect(again.sidecar!.events[0]).toMatchObject({ interaction: 30, civilian_targeting: true, time_precision: 1, admin1: 'Nineveh' });
  });

  it('fills no notes in from another text, and none into version 1 files', () => {
    const { text, sidecar } = annotated('002_423dc2fc7979b9d9.txt');
    const yaml = renderSidecar(sidecar, undefined, text);
    const parsed = parseSidecar(yaml).sidecar!;
    const left = parsed.events.filter((e) => e.notes === undefined).length;
    expect(left).toBeGreaterThan(0);
    expect(withQuotes(parsed, `${text} Edited.`, sha(`${text} Edited.`)).events.filter((e) => e.notes === undefined).length).toBe(left);
    const v1 = parseSidecar(readFileSync(join(__dirname, '..', 'fixtures', 'v1', '004_c6c6a49fe15b7881.ann.yaml'), 'utf8')).sidecar!;
    const v1Text = readFileSync(join(SAMPLES, '004_c6c6a49fe15b7881.txt'), 'utf8');
    expect(withQuotes(v1, v1Text, v1.document.sha256).events.map((e) => e.notes)).toEqual(v1.events.map((e) => e.notes));
  });
});

function parseWithDocumentData(yaml: string): unknown {
  // the file as any YAML reader gives it back (the header comment aside)
  return JSON.parse(JSON.stringify(parseYaml(yaml)));
}

describe('impliedNotes', () => {
  it('finds on the trigger\'s lines the sentences a split of the whole text finds', () => {
    const dirs = [SAMPLES, ...['heldout', 'unseen', 'fresh'].map((d) => join(__dirname, '..', 'fixtures', d))];
    const texts = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(join(d, f), 'utf8')));
    texts.push('Gunmen killed 14 villagers.\r\nTroops 😀 came back. The U.S. said so.\n\nAnd then?', '', 'no full stop');
    let checked = 0;
    for (const text of texts) {
      const idx = new TextIndex(text);
      const whole = splitSentences(text).map((r) => ({ start: idx.toCodePoint(r.start), end: idx.toCodePoint(r.end) }));
      const notesOf = impliedNotes(text);
      for (let start = 0; start < idx.length; start += 7) {
        for (const len of [0, 1, 5, 40, 200]) {
          const e = { start, end: Math.min(idx.length, start + len), date: '2024-05-13', fatalities: 3 };
          const hits = whole.filter((r) => r.start < e.end && e.start < r.end);
          const sentence = hits.length ? idx.slice(hits[0].start, hits[hits.length - 1].end) : '';
          expect(notesOf(e)).toBe(eventNotes(sentence, { date: e.date, precision: 1 }, 3, 1));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
