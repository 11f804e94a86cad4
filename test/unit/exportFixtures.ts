/** The three corpus articles with their gold sidecars plus the hand-coded events in test/fixtures/exports/events.yaml. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Entity, EventAnnotation, Sidecar } from '../../src/core/model';
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
