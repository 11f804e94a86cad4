import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isExported, type ExportDocument } from '../../src/core/exports/exportDocument';
import { toSpacyJsonl } from '../../src/core/exports/spacyJsonl';
import { toHfJsonl } from '../../src/core/exports/hfJsonl';
import { tagNames } from '../../src/core/exports/taggedSentences';
import { toConll } from '../../src/core/exports/conll';
import { bratConfig, toBrat } from '../../src/core/exports/brat';
import { toEventsJsonl } from '../../src/core/exports/eventsJsonl';
import { ACLED_COLUMNS, toAcledCsv } from '../../src/core/exports/acledCsv';
import { splitOf } from '../../src/core/exports/splitOf';
import { EXPORT_FORMATS, exportFormat } from '../../src/core/exports/exportFormats';
import type { Mention, Sidecar } from '../../src/core/model';
import { ACLED_TAXONOMY } from '../../src/core/events/taxonomy';
import { TextIndex } from '../../src/core/text/textIndex';
import { GOLDEN, loadExportDocs, lookupEntity } from './exportFixtures';

/** Compares with a committed golden file; UPDATE_GOLDEN=1 rewrites it. */
function golden(file: string, actual: string): void {
  const path = join(GOLDEN, file);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    if (process.env.UPDATE_GOLDEN !== '1') throw new Error(`missing golden file ${file}; run with UPDATE_GOLDEN=1`);
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('golden exports of the corpus gold sidecars', () => {
  const docs = loadExportDocs();

  it('hand-coded events quote their text and refer to existing mentions', () => {
    for (const d of docs) {
      const index = new TextIndex(d.text);
      for (const e of d.sidecar.events) {
        expect(index.slice(e.start, e.end)).toBe(e.text);
        for (const ref of [e.actor1, e.actor2, e.place]) {
          if (ref) expect(d.sidecar.mentions.some((m) => m.id === ref), `${d.name} ${e.id} ${ref}`).toBe(true);
        }
      }
    }
  });

  it('spaCy JSONL', () => {
    const out = toSpacyJsonl(docs);
    golden('spacy.jsonl', out);
    const lines = out.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    // Python-style code point slices give back every mention's text
    for (const [i, rec] of lines.entries()) {
      const cps = [...rec.text];
      for (const s of rec.spans) expect(cps.slice(s.start, s.end).join('')).toBe(docs[i].text.length ? new TextIndex(docs[i].text).slice(s.start, s.end) : '');
      expect(rec.spans).toHaveLength(docs[i].sidecar.mentions.length);
      expect(rec.meta).toEqual({ name: docs[i].name, sha256: docs[i].sidecar.document.sha256, status: 'reviewed' });
    }
  });

  it('Hugging Face JSONL (one record per sentence, tags as ClassLabel ids)', () => {
    const out = toHfJsonl(docs);
    golden('hf.jsonl', out);
    const names = tagNames(['ACTOR', 'PLACE']);
    expect(names).toEqual(['O', 'B-ACTOR', 'I-ACTOR', 'B-PLACE', 'I-PLACE']);
    let begins = 0;
    for (const line of out.trimEnd().split('\n')) {
      const rec = JSON.parse(line);
      expect(rec.tokens).toHaveLength(rec.ner_tags.length);
      const tags = rec.ner_tags.map((t: number) => names[t]);
      tags.forEach((t: string, i: number) => {
        if (t.startsWith('I-')) expect(tags[i - 1].slice(2)).toBe(t.slice(2));
        if (t.startsWith('B-')) begins++;
      });
    }
    expect(begins).toBe(docs.reduce((s, d) => s + d.sidecar.mentions.length, 0));
    expect(out).toContain('"id":"004_c6c6a49fe15b7881.txt#0"');
  });

  it('CoNLL-2003', () => {
    const out = toConll(docs);
    golden('corpus.conll', out);
    expect(out.split('-DOCSTART- -X- O O\n').length - 1).toBe(3);
    expect(out).toContain('Sunni -X- _ B-ACTOR\nmilitants -X- _ I-ACTOR\n');
    const mentions = docs.reduce((s, d) => s + d.sidecar.mentions.length, 0);
    expect((out.match(/ B-(?:ACTOR|PLACE)\n/g) ?? []).length).toBe(mentions);
    // two PLACE spans inside one hyphenated word are split into their own tokens
    expect(out).toContain('Albukamal -X- _ B-PLACE\n- -X- _ O\nQaim -X- _ B-PLACE\n');
  });

  it('brat standoff and annotation.conf', () => {
    for (const d of docs) {
      const { txt, ann } = toBrat(d);
      expect(txt).toBe(d.text);
      golden(d.name.replace(/\.txt$/, '.ann'), ann);
      const cps = [...d.text];
      for (const line of ann.split('\n').filter((l) => l.startsWith('T'))) {
        const [, typeAndOffsets, quoted] = line.split('\t');
        const frags = typeAndOffsets.split(' ').slice(1).join(' ').split(';').map((f) => f.split(' ').map(Number));
        expect(frags.map(([s, e]) => cps.slice(s, e).join('')).join(' ')).toBe(quoted);
      }
    }
    const ann004 = toBrat(docs[2]).ann;
    expect(ann004).toMatch(/^E1\tBattles:T\d+ ActorA:T2 ActorB:T4 Place:T7 Attribution:E3$/m);
    expect(ann004).toMatch(/^A\d+\tSubtype E1 Non-state_actor_overtakes_territory$/m);
    expect(ann004).toMatch(/^#\d+\tAnnotatorNotes E1\tdate=2014-06-21; fatalities=30; id=e1$/m);
    expect(ann004).toMatch(/^N\d+\tReference T2 Gazetteer:sunni-militants\tsunni-militants$/m);
    golden('annotation.conf', bratConfig(ACLED_TAXONOMY));
  });

  it('events JSONL', () => {
    const out = toEventsJsonl(docs);
    golden('events.jsonl', out);
    const recs = out.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(recs).toHaveLength(5);
    const e = recs.find((r) => r.id === '004_c6c6a49fe15b7881.txt:e1');
    expect(e.actor1).toEqual({ id: 'm2', label: 'ACTOR', text: 'Sunni militants', entity: 'sunni-militants', status: 'accepted' });
    expect(e.source).toEqual({ text: 'security officials', entity: null, kind: 'anonymous', direct: false, cue: 'claim' });
    expect(e.fatalities).toBe(30);
  });

  it('ACLED CSV: ACLED\'s 31 columns in its order and value conventions', () => {
    const out = toAcledCsv(docs, { entities: lookupEntity });
    golden('acled.csv', out);
    const rows = out.split('\r\n');
    expect(rows[0]).toBe(
      'event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp',
    );
    expect(rows[0].split(',')).toHaveLength(31);
    expect(rows).toHaveLength(7); // header, 5 events, trailing empty
    expect(rows).toContain(
      '004_c6c6a49fe15b7881.txt:e1,2014-06-21,2014,1,Political violence,Battles,Non-state actor overtakes territory,Unidentified Armed Group (Iraq),,3,Military Forces of Iraq (2014-),,1,13,,368,,Iraq,,,,Al Qaim,34.3693,41.0943,1,security officials,,' +
        '"On 21 June 2014, Sunni militants seize an Iraqi crossing on the border with Syria after a day-long battle in which they killed some 30 Iraqi troops, security officials claim.",30,,',
    );
    // a battle's unnamed side: Unidentified Armed Group; two actors with one type unknown: no interaction (not X0); no count: 0 fatalities
    const byId = (id: string) => rows.find((r) => r.startsWith(id))!;
    expect(byId('002_423dc2fc7979b9d9.txt:e1')).toContain(',Military Forces of Iraq (2014-) Kurdistan Regional Government Peshmerga,,1,Unidentified Armed Group (Iraq),,3,13,,368,,Iraq,');
    expect(byId('000_db39f04dd305928f.txt:e1')).toContain(',Al-Qaeda,,,Islamic State (Iraq),,2,,,760,,Syria,');
    expect(byId('000_db39f04dd305928f.txt:e1')).toMatch(/,0,,$/);
  });
});

function doc(text: string, mentions: Partial<Mention>[], extra: Partial<Sidecar> = {}, status: 'draft' | 'reviewed' = 'draft'): ExportDocument {
  const index = new TextIndex(text);
  return {
    name: 'd.txt',
    text,
    sidecar: {
      version: 1,
      document: { text: 'd.txt', sha256: '', status },
      mentions: mentions.map((m, i) => ({
        id: `m${i + 1}`, label: 'ACTOR', status: 'accepted', origin: 'manual', ...m,
        text: m.text ?? index.slice(m.start!, m.end!),
      })) as Mention[],
      attributions: [],
      events: [],
      rejected: [],
      ...extra,
    },
  };
}

describe('export edge cases', () => {
  it('exports accepted items, everything of reviewed documents, suggestions on request, never orphans', () => {
    const text = 'ISIL and the army fought in Mosul.';
    const d = doc(text, [
      { start: 0, end: 4 },
      { start: 9, end: 17, status: 'suggested', origin: 'rule' },
      { start: 28, end: 33, label: 'PLACE', orphan: true },
    ]);
    const labelsOf = (out: string): number[] => JSON.parse(out).spans.map((s: { start: number }) => s.start);
    expect(labelsOf(toSpacyJsonl([d]))).toEqual([0]);
    expect(labelsOf(toSpacyJsonl([d], { includeSuggestions: true }))).toEqual([0, 9]);
    const reviewed = { ...d, sidecar: { ...d.sidecar, document: { ...d.sidecar.document, status: 'reviewed' as const } } };
    expect(labelsOf(toSpacyJsonl([reviewed]))).toEqual([0, 9]);
    expect(isExported({ status: 'accepted', orphan: true }, reviewed, { includeSuggestions: true })).toBe(false);
    expect(labelsOf(toSpacyJsonl([d], { includeSuggestions: true, labels: ['PLACE'] }))).toEqual([]);
  });

  it('skips mentions whose quote no longer matches the text', () => {
    const d = doc('ISIL attacked.', [{ start: 0, end: 4, text: 'ISIS' }]);
    expect(JSON.parse(toSpacyJsonl([d])).spans).toEqual([]);
  });

  it('keeps code point offsets after an emoji and in Arabic script', () => {
    const text = '🔥🔥 ISIL seized الموصل today.';
    const d = doc(text, [{ start: 3, end: 7 }, { start: 15, end: 21, label: 'PLACE' }]);
    expect(d.sidecar.mentions.map((m) => m.text)).toEqual(['ISIL', 'الموصل']);
    const spacy = JSON.parse(toSpacyJsonl([d]));
    expect(spacy.spans).toEqual([{ start: 3, end: 7, label: 'ACTOR' }, { start: 15, end: 21, label: 'PLACE' }]);
    const hf = JSON.parse(toHfJsonl([d]));
    expect(hf.tokens).toEqual(['🔥', '🔥', 'ISIL', 'seized', 'الموصل', 'today', '.']);
    expect(hf.ner_tags.map((t: number) => tagNames(['ACTOR', 'PLACE'])[t])).toEqual(['O', 'O', 'B-ACTOR', 'O', 'B-PLACE', 'O', 'O']);
    expect(toBrat(d).ann).toBe('T1\tACTOR 3 7\tISIL\nT2\tPLACE 15 21\tالموصل\n');
  });

  it('brat: CRLF written as LF with offsets into that text, spans split at line breaks; BIO keeps a name across a line break in one sentence', () => {
    const text = 'Fighting.\r\nTalks in Deir\r\nEzzor ended.';
    const d = doc(text, [{ start: 20, end: 31, label: 'PLACE' }]);
    const brat = toBrat(d);
    expect(brat.txt).toBe('Fighting.\nTalks in Deir\nEzzor ended.');
    expect(brat.ann).toBe('T1\tPLACE 19 23;24 29\tDeir Ezzor\n');
    expect([...brat.txt].slice(19, 23).join('') + ' ' + [...brat.txt].slice(24, 29).join('')).toBe('Deir Ezzor');
    const conll = toConll([d]);
    // "Fighting." is a sentence of its own; the line break inside "Deir Ezzor" does not end one
    expect(conll).toContain('. -X- _ O\n\nTalks -X- _ O\nin -X- _ O\nDeir -X- _ B-PLACE\nEzzor -X- _ I-PLACE\nended -X- _ O\n');
  });

  it('handles empty documents', () => {
    const d = doc('', []);
    expect(toSpacyJsonl([d])).toBe(JSON.stringify({ text: '', spans: [], meta: { name: 'd.txt', sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', status: 'draft' } }) + '\n');
    expect(toHfJsonl([d])).toBe('');
    expect(toConll([d])).toBe('-DOCSTART- -X- O O\n\n');
    expect(toBrat(d)).toEqual({ txt: '', ann: '' });
    expect(toEventsJsonl([d])).toBe('');
    expect(toAcledCsv([d])).toBe(`${ACLED_COLUMNS.join(',')}\r\n`);
  });

  it('quotes CSV fields per RFC 4180 and leaves unknown values empty', () => {
    const text = 'Rebels, "fighters" clashed\nwith troops.';
    const d = doc(text, [{ start: 0, end: 6 }], {
      events: [{ id: 'e1', start: 0, end: 26, text: text.slice(0, 26), type: 'Battles', subtype: 'Armed clash', actor1: 'm1', status: 'accepted' }],
    });
    const rows = toAcledCsv([d]).split('\r\n');
    expect(rows[1]).toBe('d.txt:e1,,,,Political violence,Battles,Armed clash,Rebels,,,Unidentified Armed Group,,3,,,,,,,,,,,,,,,"Rebels, ""fighters"" clashed",0,,');
  });

  it('ACLED CSV: a side the report leaves unnamed is written as ACLED codes it', () => {
    const text = 'Iraqi troops fought in Mosul. A bomb hit Mosul. Gunmen killed people in Mosul. Students protested in Mosul.';
    const at = (w: string, from = 0) => ({ start: text.indexOf(w, from), end: text.indexOf(w, from) + w.length });
    const mosul = (n: number) => ({ ...at('Mosul', [0, 30, 48, 90][n]), label: 'PLACE' as const, entity: 'country-iq' });
    const mentions = [{ ...at('Iraqi troops'), entity: 'iraqi-army' }, mosul(0), mosul(1), { ...at('Gunmen') }, mosul(2), { ...at('Students') }, mosul(3)];
    const ev = (id: string, w: string, type: string, subtype: string, roles: Record<string, string>) => ({ id, ...at(w), text: w, type, subtype, ...roles, status: 'accepted' as const });
    const d = doc(text, mentions, {
      events: [
        ev('e1', 'fought', 'Battles', 'Armed clash', { actor1: 'm1', place: 'm2' }),
        ev('e2', 'A bomb hit', 'Explosions/Remote violence', 'Remote explosive/landmine/IED', { place: 'm3' }),
        ev('e3', 'killed', 'Violence against civilians', 'Attack', { actor1: 'm4', place: 'm5' }),
        ev('e4', 'protested', 'Protests', 'Peaceful protest', { actor1: 'm6', place: 'm7' }),
      ],
    });
    const army = { id: 'iraqi-army', name: 'Military Forces of Iraq', label: 'ACTOR' as const, kind: 'state_force' as const, aliases: [], inter: 1 };
    const lines = toAcledCsv([d], { entities: (id) => (id === 'iraqi-army' ? army : lookupEntity(id)) }).trimEnd().split('\r\n');
    const col = (line: string, c: string) => line.match(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)!.map((x) => x.replace(/,$/, ''))[ACLED_COLUMNS.indexOf(c as (typeof ACLED_COLUMNS)[number])];
    const coded = lines.slice(1).map((l) => ['actor1', 'inter1', 'actor2', 'inter2', 'interaction'].map((c) => col(l, c)));
    expect(coded).toEqual([
      ['Military Forces of Iraq', '1', 'Unidentified Armed Group (Iraq)', '3', '13'],
      ['Unidentified Armed Group (Iraq)', '3', '', '0', '30'],
      ['Gunmen', '', 'Civilians (Iraq)', '7', ''],
      ['Students', '', '', '0', ''],
    ]);
  });

  it("ACLED CSV: the ACLED coding stored on the event wins over what is derived, and the events JSONL carries it", () => {
    const text = 'ISIL fighters attacked Mosul.';
    const event = { id: 'e1', start: 14, end: 22, text: 'attacked', type: 'Battles', subtype: 'Armed clash', actor1: 'm1', place: 'm2', date: '2014-06-10', status: 'accepted' as const };
    const coding = { inter1: 2, inter2: 3, interaction: 23, civilian_targeting: true, time_precision: 3, geo_precision: 2, admin1: 'Nineveh', source_scale: 'International', notes: 'Coded by hand.', at: '2014-06-11T00:00:00Z' };
    const derived = doc(text, [{ start: 0, end: 13 }, { start: 23, end: 28, label: 'PLACE', entity: 'country-iq' }], { events: [event] });
    const coded = doc(text, [{ start: 0, end: 13 }, { start: 23, end: 28, label: 'PLACE', entity: 'country-iq' }], { events: [{ ...event, ...coding }] });
    const row = (d: ExportDocument): Record<string, string> => {
      const [, line] = toAcledCsv([d], { entities: lookupEntity }).split('\r\n');
      const cells = line.match(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''));
      return Object.fromEntries(ACLED_COLUMNS.map((c, i) => [c, cells[i]]));
    };
    expect(row(derived)).toMatchObject({ time_precision: '1', inter1: '', inter2: '3', interaction: '', civilian_targeting: '', admin1: '', geo_precision: '3', source_scale: '', notes: 'On 10 June 2014, ISIL fighters attacked Mosul.', timestamp: '' });
    expect(row(coded)).toMatchObject({ time_precision: '3', inter1: '2', inter2: '3', interaction: '23', civilian_targeting: 'Civilian targeting', admin1: 'Nineveh', geo_precision: '2', source_scale: 'International', notes: 'Coded by hand.', timestamp: '1402444800' });
    expect(JSON.parse(toEventsJsonl([coded])).acled).toEqual({ inter1: 2, inter2: 3, interaction: 23, civilian_targeting: true, time_precision: 3, geo_precision: 2, admin1: 'Nineveh', source_scale: 'International', notes: 'Coded by hand.' });
    expect(JSON.parse(toEventsJsonl([derived])).acled).toEqual({});
  });

  it('events JSONL carries the further reports of an event, and the ACLED CSV the province the gazetteer knows', () => {
    const text = 'ISIL fighters attacked Mosul. The attack lasted hours.';
    const event = { id: 'e1', start: 14, end: 22, text: 'attacked', type: 'Battles', subtype: 'Armed clash', actor1: 'm1', place: 'm2', status: 'accepted' as const, spans: [{ start: 30, end: 40, text: 'The attack' }] };
    const d = doc(text, [{ start: 0, end: 13 }, { start: 23, end: 28, label: 'PLACE', entity: 'mosul' }], { events: [event] });
    expect(JSON.parse(toEventsJsonl([d])).spans).toEqual([{ start: 30, end: 40, text: 'The attack' }]);
    const mosul = { id: 'mosul', name: 'Mosul', label: 'PLACE' as const, kind: 'city' as const, aliases: [], country: 'IQ', admin1: 'Nineveh' };
    const [header, line] = toAcledCsv([d], { entities: (id) => (id === 'mosul' ? mosul : lookupEntity(id)) }).split('\r\n');
    expect(line.split(',')[header.split(',').indexOf('admin1')]).toBe('Nineveh');
  });

  it('events with suggestions, orphans and missing references', () => {
    const text = 'ISIL seized Mosul.';
    const d = doc(text, [{ start: 0, end: 4 }, { start: 12, end: 17, label: 'PLACE', status: 'suggested' }], {
      events: [
        { id: 'e1', start: 5, end: 11, text: 'seized', type: 'Battles', subtype: 'Non-state actor overtakes territory', actor1: 'm1', place: 'm2', status: 'suggested' },
        { id: 'e2', start: 5, end: 11, text: 'seized', type: 'Battles', subtype: 'Armed clash', status: 'accepted', orphan: true },
      ],
    });
    expect(toEventsJsonl([d])).toBe('');
    const recs = toEventsJsonl([d], { includeSuggestions: true }).trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(recs.map((r) => r.id)).toEqual(['d.txt:e1']);
    expect(recs[0].place).toEqual({ id: 'm2', label: 'PLACE', text: 'Mosul', entity: null, status: 'suggested' });
    const ann = toBrat(d, { includeSuggestions: true }).ann;
    expect(ann).toContain('E1\tBattles:T3 ActorA:T1 Place:T2\n');
    expect(ann).toContain('\tSuggested T2\n');
    expect(ann).toContain('\tSuggestedEvent E1\n');
    // without suggestions the place mention is not exported, so the event (suggested too) is gone as well
    expect(toBrat(d).ann).toBe('T1\tACTOR 0 4\tISIL\n');
  });
});

describe('splitOf', () => {
  it('is deterministic and follows the ratios', () => {
    expect(splitOf('00000000ffff', [0.8, 0.1, 0.1])).toBe('train');
    expect(splitOf('d0000000', [0.8, 0.1, 0.1])).toBe('dev');
    expect(splitOf('ffffffff', [0.8, 0.1, 0.1])).toBe('test');
    expect(splitOf('ffffffff', [1, 0, 0])).toBe('train');
    expect(splitOf('00000000', [0, 0, 1])).toBe('test');
    const counts = { train: 0, dev: 0, test: 0 };
    for (let i = 0; i < 3000; i++) counts[splitOf(`doc-${i}`, [8, 1, 1])]++;
    expect(counts.train).toBeGreaterThan(2250);
    expect(counts.dev).toBeGreaterThan(200);
    expect(counts.test).toBeGreaterThan(200);
    expect(splitOf('doc-7', [8, 1, 1])).toBe(splitOf('doc-7', [8, 1, 1]));
  });
});

describe('export format table', () => {
  const docs = loadExportDocs();

  it('lists each format once, in the order the CLI usage names them', () => {
    expect(EXPORT_FORMATS.map((f) => f.id)).toEqual(['jsonl', 'spacy', 'hf', 'conll', 'brat', 'events', 'acled-csv', 'doccano', 'label-studio', 'webanno']);
    for (const f of EXPORT_FORMATS) expect(f.description, f.id).toBeTruthy();
    expect(exportFormat('brat')?.extension).toBeUndefined();
    expect(exportFormat('xml')).toBeUndefined();
  });

  it('names one file per group after the group, rendered by the format module', () => {
    const files = exportFormat('jsonl')!.files({ name: 'corpus', docs, split: false }, {}, ACLED_TAXONOMY);
    expect(files).toEqual([{ name: 'corpus.spacy.jsonl', content: toSpacyJsonl(docs) }]);
    expect(exportFormat('acled-csv')!.files({ name: 'dev', docs, split: true }, {}, ACLED_TAXONOMY).map((f) => f.name)).toEqual(['dev.acled.csv']);
  });

  it('brat: two files per document, repeated names numbered, the configs last, in the group folder when split', () => {
    const twins = [docs[0], { ...docs[1], name: docs[0].name.replace('_', ' ') }];
    const names = (split: boolean) => exportFormat('brat')!.files({ name: 'train', docs: twins, split }, {}, ACLED_TAXONOMY).map((f) => f.name);
    const base = docs[0].name.replace(/\.txt$/, '');
    const confs = ['annotation.conf', 'visual.conf', 'tools.conf'];
    expect(names(false)).toEqual([`${base}.txt`, `${base}.ann`, `${base}_2.txt`, `${base}_2.ann`, ...confs]);
    expect(names(true)).toEqual([`train/${base}.txt`, `train/${base}.ann`, `train/${base}_2.txt`, `train/${base}_2.ann`, ...confs.map((c) => `train/${c}`)]);
  });
});
