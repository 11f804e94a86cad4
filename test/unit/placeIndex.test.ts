/**
 * The compiled place index (dist/places.bin) must give exactly the gazetteer that indexing the place table entity
 * by entity gives: the same hits on every article we have, the same detection, the same entities, demonyms and
 * given names, and the same results when workspace or learned entities reuse a GeoNames id.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defaultGazetteer } from '../../src/core/gazetteer/defaultGazetteer';
import { compilePlaceIndex, PlaceIndex } from '../../src/core/gazetteer/placeIndex';
import { placeEntities, type PlaceData } from '../../src/core/gazetteer/placeData';
import type { Gazetteer } from '../../src/core/gazetteer/gazetteer';
import { aliasWords } from '../../src/core/gazetteer/gazetteer';
import type { Entity } from '../../src/core/model';
import { detect } from '../../src/core/detection/detect';
import { testPlaceData } from './detectFixtures';

const ROOT = join(__dirname, '..', '..');
// the shared corpus sits beside the repository (or beside the folder holding this worktree); read, never copied
const REAL_DEV = [join(ROOT, '..', 'shared', 'corpus', 'real-dev'), join(ROOT, '..', '..', 'shared', 'corpus', 'real-dev')].find(existsSync);

function texts(): string[] {
  const dirs = ['media/samples/articles', 'test/fixtures/heldout', 'test/fixtures/unseen', 'test/fixtures/fresh'].map((d) => join(ROOT, d));
  if (REAL_DEV) dirs.push(REAL_DEV);
  return dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(join(d, f), 'utf8')));
}

const data = testPlaceData();
const bytes = compilePlaceIndex(data);
const fromTable = (ws: readonly Entity[] = []) => defaultGazetteer(data, ws);
const fromIndex = (ws: readonly Entity[] = []) => defaultGazetteer(PlaceIndex.read(bytes), ws);
const hits = (g: Gazetteer, text: string) => g.match(text).map((h) => `${h.start}-${h.end}:${typeof h.entity === 'string' ? h.entity : JSON.stringify(h.entity)}`);

/**
 * Sentences naming every 7th place in each of its spellings, capitalised, in capitals, after and before other
 * capitalised words and beside a lower-case use: the cases where the matcher's choice among places differs.
 */
function placeSentences(): string {
  const out: string[] = [];
  placeEntities(data).forEach((e, i) => {
    if (i % 7 !== 0) return;
    for (const a of [e.name, ...e.aliases]) {
      const shapes = [`Fighting in ${a} went on.`, `${a.toUpperCase()} and Sheikh ${a} Road`, `near ${a}, ${a} Province`];
      out.push(shapes[i % shapes.length]);
      if (i % 5 === 0) out.push(`the ${a.toLowerCase()} of it`);
    }
  });
  return out.join(' ');
}

describe('the compiled place index', () => {
  const table = fromTable();
  const index = fromIndex();

  it('holds the same entities and spellings', () => {
    expect(index.size).toBe(table.size);
    expect(index.aliasCount).toBe(table.aliasCount);
    expect(index.size).toBeGreaterThan(60_000);
    for (const e of placeEntities(data)) expect(JSON.stringify(index.get(e.id))).toBe(JSON.stringify(table.get(e.id)));
    expect(index.get('geonames-0')).toBeUndefined();
    expect(index.get('geonames-0' + placeEntities(data)[0].geonameId)).toBeUndefined();
    const ids = (g: Gazetteer) => [...g.entities()].map((e) => e.id).sort();
    expect(ids(index)).toEqual(ids(table));
    // capitals (GeoNames PPLC) stay marked, in the table and in the index alike
    const capitals = placeEntities(data).filter((e) => e.capital);
    expect(capitals.length).toBeGreaterThan(150);
    expect(capitals.every((e) => index.get(e.id)?.capital === true)).toBe(true);
  });

  it('finds exactly the same places in every article, and in sentences naming thousands of places', () => {
    const all = [...texts(), placeSentences()];
    expect(all.length).toBeGreaterThan(10);
    let places = 0;
    for (const text of all) {
      const expected = hits(table, text);
      expect(hits(index, text)).toEqual(expected);
      places += expected.filter((h) => h.includes('"geonames-')).length;
    }
    expect(places).toBeGreaterThan(5_000);
  });

  it('gives the same detection (demonyms and given names included)', () => {
    for (const text of texts()) expect(detect(text, index)).toEqual(detect(text, table));
    const words = [...new Set(texts().join(' ').match(/\p{Lu}\p{Ll}+/gu) ?? [])];
    expect(words.filter((w) => index.isDemonym(w))).toEqual(words.filter((w) => table.isDemonym(w)));
    expect(words.filter((w) => index.isGivenName(w))).toEqual(words.filter((w) => table.isGivenName(w)));
    expect(words.filter((w) => index.isGivenName(w)).length).toBeGreaterThan(20);
  });

  it('names the same entities for a spelling, best first', () => {
    for (const name of ['Springfield', 'Al Qaim', 'Mosul', 'San Jose', 'Paris', 'Tripoli', 'Kirkuk']) {
      expect(index.entitiesNamed(name).map((e) => e.id)).toEqual(table.entitiesNamed(name).map((e) => e.id));
    }
    expect(index.entitiesNamed('Springfield').length).toBeGreaterThan(3);
  });

  it('lets a workspace entity with a GeoNames id, and one learned later, add spellings as before', () => {
    // a spelling several places share, so the order among them is at stake
    const shared = placeEntities(data).filter((e) => aliasWords(e.name).join(' ') === 'springfield');
    expect(shared.length).toBeGreaterThan(3);
    const [, second, third] = shared;
    const ws: Entity[] = [
      { id: second.id, name: second.name, label: 'PLACE', kind: 'city', aliases: ['Springfield Town'] },
      { id: 'isil', name: 'ISIL', label: 'ACTOR', kind: 'armed_group', aliases: ['Springfield Brigade'] },
    ];
    const a = fromTable(ws);
    const b = fromIndex(ws);
    const learned: Entity = { id: third.id, name: 'Sprngfld', label: 'PLACE', kind: 'city', aliases: [third.name] };
    a.add(learned, 'workspace');
    b.add(learned, 'workspace');
    const text = `In Springfield and Springfield Town, the Springfield Brigade left Sprngfld. ${placeSentences().slice(0, 20_000)}`;
    expect(hits(b, text)).toEqual(hits(a, text));
    for (const id of [second.id, third.id, 'isil']) expect(JSON.stringify(b.get(id))).toBe(JSON.stringify(a.get(id)));
    expect(b.entitiesNamed('Springfield').map((e) => e.id)).toEqual(a.entitiesNamed('Springfield').map((e) => e.id));
    expect(b.size).toBe(a.size);
    expect(b.aliasCount).toBe(a.aliasCount);
  });

  it('orders places as the gazetteer does on a table not sorted by population', () => {
    const small: PlaceData = {
      attribution: 'test',
      countries: [['IQ', 'Iraq']],
      places: [
        [1, 'Qaim', '', 'IQ', 'PPL', '', 2000, 34.1, 41.1],
        [2, 'Al Qaim', 'Al-Qaim', 'IQ', 'PPLA2', '', 90000, 34.3, 41.0],
        [3, 'Qaim', 'UNO', 'SY', 'PPL', '', 50000, 35.1, 40.1],
        [4, 'Abu Kamal', 'Albu Kamal', 'SY', 'PPL', '', 50000, 34.4, 40.9],
        [5, 'Qaim', '', 'JO', 'STLMT', '', 50000, 31.1, 36.1],
      ],
      givenNames: ['karim'],
    };
    const a = defaultGazetteer(small);
    const b = defaultGazetteer(PlaceIndex.read(compilePlaceIndex(small)));
    const text = 'Qaim, Al Qaim, al-Qaim, Alqaim, UNO, Uno, Abu Kamal and Albukamal; Karim Qaim said.';
    expect(hits(b, text)).toEqual(hits(a, text));
    expect(b.entitiesNamed('Qaim').map((e) => e.id)).toEqual(['iq-al-qaim', 'geonames-2', 'geonames-3', 'geonames-5', 'geonames-1']);
    expect(b.entitiesNamed('Qaim').map((e) => e.id)).toEqual(a.entitiesNamed('Qaim').map((e) => e.id));
    expect(b.isGivenName('Karim')).toBe(true);
    expect([...b.entities()].filter((e) => e.kind === 'region' && e.id.startsWith('geonames-')).map((e) => e.id)).toEqual(['geonames-5']);
  });

  it('refuses a file that is not an index, or of another format', () => {
    expect(() => PlaceIndex.read(new TextEncoder().encode('{"countries": []}'))).toThrow(/not a place index/);
    const other = bytes.slice();
    other[4] = 99;
    expect(() => PlaceIndex.read(other)).toThrow(/format 99/);
    expect(() => PlaceIndex.read(bytes.slice(0, 4096))).toThrow(/truncated/);
    expect(() => PlaceIndex.read(bytes.slice(0, 1_000_000))).toThrow(/out of bounds/);
  });

  it('reads from a buffer at any offset', () => {
    const shifted = new Uint8Array(bytes.byteLength + 3);
    shifted.set(bytes, 3);
    const g = defaultGazetteer(PlaceIndex.read(shifted.subarray(3)));
    expect(g.size).toBe(table.size);
  });
});
