/** The three corpus articles with their gold sidecars plus the hand-coded events in test/fixtures/exports/events.yaml. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Attribution, Entity, EventAnnotation, Mention, Sidecar, Span } from '../../src/core/model';
import type { ExportDocument } from '../../src/core/exports/exportDocument';
import { SAMPLE_ARTICLES } from './fixtureSets';

export const FIXTURES = join(__dirname, '..', 'fixtures');
export const GOLDEN = join(FIXTURES, 'exports');
export const CORPUS_NAMES = ['000_db39f04dd305928f', '002_423dc2fc7979b9d9', '004_c6c6a49fe15b7881'];

export function loadExportDocs(): ExportDocument[] {
  const events = parse(readFileSync(join(GOLDEN, 'events.yaml'), 'utf8')) as Record<string, EventAnnotation[]>;
  return CORPUS_NAMES.map((name) => {
    const text = readFileSync(join(SAMPLE_ARTICLES, `${name}.txt`), 'utf8');
    const sidecar = parse(readFileSync(join(FIXTURES, 'gold', `${name}.ann.yaml`), 'utf8')) as Sidecar;
    sidecar.events = (events[name] ?? []).map((e) => ({ ...e, date: e.date === undefined ? undefined : String(e.date) }));
    return { name: `${name}.txt`, text, sidecar };
  });
}

/** A few entities with ACLED codes for the CSV export (coordinates from GeoNames). */
export const EXPORT_ENTITIES: readonly Entity[] = [
  { id: 'isil', name: 'Islamic State (Iraq)', label: 'ACTOR', kind: 'armed_group', aliases: ['ISIL', 'ISIS'], inter: 2 },
  { id: 'sunni-militants', name: 'Unidentified Armed Group (Iraq)', label: 'ACTOR', kind: 'group', aliases: [], inter: 3 },
  { id: 'iraqi-troops', name: 'Military Forces of Iraq (2014-)', label: 'ACTOR', kind: 'state_force', aliases: [], inter: 1, country: 'IQ' },
  { id: 'security-forces', name: 'Police Forces of Iraq (2014-)', label: 'ACTOR', kind: 'state_force', aliases: [], inter: 1, country: 'IQ' },
  { id: 'peshmerga', name: 'Military Forces of Iraq (2014-) Kurdistan Regional Government Peshmerga', label: 'ACTOR', kind: 'state_force', aliases: [], inter: 1, country: 'IQ' },
  { id: 'al-qaim', name: 'Al Qaim', label: 'PLACE', kind: 'city', aliases: ['al-Qaim'], country: 'IQ', lat: 34.3693, lon: 41.0943 },
  { id: 'albu-kamal', name: 'Albu Kamal', label: 'PLACE', kind: 'city', aliases: ['Albukamal'], country: 'SY', lat: 34.4526, lon: 40.9186 },
  { id: 'jalula', name: 'Jalawla', label: 'PLACE', kind: 'city', aliases: ['Jalula'], country: 'IQ', lat: 34.2731, lon: 45.1689 },
  { id: 'rawah', name: 'Rawah', label: 'PLACE', kind: 'city', aliases: [], country: 'IQ', lat: 34.4817, lon: 41.9091 },
  { id: 'country-iq', name: 'Iraq', label: 'PLACE', kind: 'country', aliases: [], country: 'IQ' },
  { id: 'country-sy', name: 'Syria', label: 'PLACE', kind: 'country', aliases: ['Syrian Arab Republic'], country: 'SY' },
];

export const lookupEntity = (id: string): Entity | undefined => EXPORT_ENTITIES.find((e) => e.id === id);

const cpLength = (s: string): number => [...s].length;

/** Builds a text piece by piece, keeping the code point offsets of the pieces. */
export class TextBuilder {
  text = '';
  add(s: string): Span {
    const start = cpLength(this.text);
    this.text += s;
    return { start, end: start + cpLength(s), text: s };
  }
}

/** The `nth` occurrence of `sub` inside `piece`, as a span of the whole text. */
export function within(piece: Span, sub: string, nth = 0): Span {
  let at = -1;
  for (let k = 0; k <= nth; k++) at = piece.text.indexOf(sub, at + 1);
  if (at < 0) throw new Error(`${sub} not in ${piece.text}`);
  const start = piece.start + cpLength(piece.text.slice(0, at));
  return { start, end: start + cpLength(sub), text: sub };
}

const sidecar = (name: string, status: 'draft' | 'reviewed', parts: Partial<Sidecar>): Sidecar => ({
  version: 1, document: { text: name, sha256: '', status, date: '2024-05-12' }, mentions: [], attributions: [], events: [], rejected: [], ...parts,
});

/**
 * A reviewed article written for the export tests (no real article text): CRLF line ends, a place name broken
 * across a line break, NBSP, NEL (U+0085), U+2028, a tab, ZWJ emoji and a flag, Arabic, a nested mention, an
 * event with both actors and a place, one with a suggested actor, attributions, an orphan.
 */
export function unicodeExportDoc(): ExportDocument {
  const b = new TextBuilder();
  const dateline = b.add('EL FASHER, Sudan, 12 May 2024');
  b.add('\r\n\r\n');
  const s1 = b.add('Fighters of the Rapid Support Forces (RSF) attacked the Sudanese army in Deir');
  b.add('\r\n');
  const s1b = b.add('Ezzor camp on Sunday, killing 12 people, a local official said.');
  b.add('\r\n');
  const s2 = b.add('👨‍👩‍👧 families fled\u00a0to Tawila\u0085 camp, where 🇸🇩 aid workers from MSF counted them.');
  b.add('\u2028');
  const s3 = b.add('قالت قوات الدعم السريع إنها سيطرت على الفاشر');
  b.add('.\tThe RSF shelled Abu Shouk.\r\n');
  const text = b.text;
  let n = 0;
  const m = (label: Mention['label'], s: Span, entity?: string, extra: Partial<Mention> = {}): Mention => ({ id: `m${++n}`, label, ...s, entity, status: 'accepted', origin: 'manual', ...extra });
  const deirEzzor: Span = { start: within(s1, 'Deir').start, end: within(s1b, 'Ezzor camp').end, text: '' };
  deirEzzor.text = [...text].slice(deirEzzor.start, deirEzzor.end).join('');
  const abuShouk = within({ start: 0, end: cpLength(text), text }, 'Abu Shouk');
  const theRsf = within({ start: 0, end: cpLength(text), text }, 'RSF', 1);
  const mentions = [
    m('PLACE', within(dateline, 'EL FASHER'), 'geonames-379252'),
    m('PLACE', within(dateline, 'Sudan'), 'country-sd'),
    m('ACTOR', within(s1, 'Rapid Support Forces (RSF)'), 'rsf'),
    m('ACTOR', within(s1, 'RSF'), 'rsf'), // nested in the one above
    m('ACTOR', within(s1, 'the Sudanese army'), 'saf'),
    m('PLACE', deirEzzor, 'x-deir-ezzor-camp'),
    m('ACTOR', within(s1b, 'a local official')),
    m('ACTOR', within(s2, '👨‍👩‍👧 families')),
    m('PLACE', within(s2, 'Tawila\u0085 camp'), 'tawila'),
    m('ACTOR', within(s2, 'MSF'), 'msf', { status: 'suggested', origin: 'gazetteer' }),
    m('ACTOR', within(s3, 'قوات الدعم السريع'), 'rsf'),
    m('PLACE', within(s3, 'الفاشر'), 'geonames-379252'),
    m('ACTOR', theRsf, 'rsf'),
    m('PLACE', abuShouk, 'abu-shouk'),
    m('PLACE', within(dateline, 'Sudan'), 'country-sd', { orphan: true }),
  ];
  const id = (t: string): string => mentions.find((x) => x.text === t)!.id;
  const attributions: Attribution[] = [
    { id: 'a1', cue: within(s1b, 'said'), source: within(s1b, 'a local official'), content: { ...s1, end: within(s1b, '12 people').end, text: [...text].slice(s1.start, within(s1b, '12 people').end).join('') }, kind: 'anonymous', direct: false, status: 'accepted' },
  ];
  const events: EventAnnotation[] = [
    { id: 'e1', ...within(s1, 'attacked'), type: 'Battles', subtype: 'Armed clash', actor1: id('Rapid Support Forces (RSF)'), actor2: id('the Sudanese army'), place: id(deirEzzor.text), date: '2024-05-12', fatalities: 12, attribution: 'a1', status: 'accepted', origin: 'manual' },
    // the actor is the third "RSF" (m13), not the one nested in the name
    { id: 'e2', ...within({ start: 0, end: cpLength(text), text }, 'shelled'), type: 'Explosions/Remote violence', subtype: 'Shelling/artillery/missile attack', actor1: mentions[12].id, place: id('Abu Shouk'), status: 'accepted', origin: 'manual' },
  ];
  return { name: 'unicode_crlf.txt', text, sidecar: sidecar('unicode_crlf.txt', 'reviewed', { mentions, attributions, events }) };
}

/** A draft: accepted places, a suggested actor, a rejected suggestion, an accepted ACLED-coded event whose actor is a suggestion. */
export function draftExportDoc(): ExportDocument {
  const b = new TextBuilder();
  const armed = b.add('Armed men');
  const attacked = b.add(' attacked ');
  const djibo = b.add('Djibo');
  b.add(' on Sunday, ');
  const residents = b.add('residents');
  b.add(' said.\nThe army responded near ');
  const arbinda = b.add('Arbinda');
  b.add('.');
  const mentions: Mention[] = [
    { id: 'm1', label: 'ACTOR', ...armed, status: 'suggested', origin: 'rule' },
    { id: 'm2', label: 'PLACE', ...djibo, entity: 'djibo', status: 'accepted', origin: 'manual' },
    { id: 'm3', label: 'PLACE', ...arbinda, entity: 'arbinda', status: 'accepted', origin: 'manual' },
  ];
  // ACLED coding a person added to the event: exports take it over what they would derive
  const coding: Partial<EventAnnotation> = { inter1: 3, inter2: 7, interaction: 37, civilian_targeting: true, time_precision: 2, geo_precision: 2, admin1: 'Soum', source_scale: 'Subnational', notes: 'Armed men attacked residents of Djibo (Soum).', at: '2024-05-13T08:30:00Z' };
  const events: EventAnnotation[] = [{ id: 'e1', ...within(attacked, 'attacked'), type: 'Violence against civilians', subtype: 'Attack', actor1: 'm1', place: 'm2', status: 'accepted', origin: 'manual', ...coding }];
  return { name: 'draft.txt', text: b.text, sidecar: sidecar('draft.txt', 'draft', { mentions, events, rejected: [{ kind: 'mention', label: 'ACTOR', ...residents }] }) };
}

/** Entities of the Unicode fixture, for the ACLED and brat exports. */
export const UNICODE_ENTITIES: readonly Entity[] = [
  { id: 'geonames-379252', name: 'El Fasher', label: 'PLACE', kind: 'city', aliases: [], country: 'SD', geonameId: 379252, lat: 13.62793, lon: 25.34936 },
  { id: 'country-sd', name: 'Sudan', label: 'PLACE', kind: 'country', aliases: [], country: 'SD' },
  { id: 'rsf', name: 'Rapid Support Forces', label: 'ACTOR', kind: 'armed_group', aliases: ['RSF'], inter: 2 },
  { id: 'saf', name: 'Military Forces of Sudan (2019-)', label: 'ACTOR', kind: 'state_force', aliases: [], inter: 1, country: 'SD' },
  { id: 'abu-shouk', name: 'Abu Shouk', label: 'PLACE', kind: 'facility', aliases: [], country: 'SD', lat: 13.66, lon: 25.35 },
];

export const lookupUnicodeEntity = (id: string): Entity | undefined => UNICODE_ENTITIES.find((e) => e.id === id) ?? lookupEntity(id);
