/**
 * Gazetteers and gold sets for the detection and quality tests. The test gazetteer is the real one, holding
 * GeoNames places, ISO country names and only the actors of the sample corpus: names that occur only in the
 * held-out articles are deliberately absent, so held-out scores measure what the rules generalise.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Entity, EntityKind, MentionLabel, Sidecar } from '../../src/core/model';
import type { EvaluationInput } from '../../src/core/corpus/evaluate';
import { Gazetteer } from '../../src/core/gazetteer/gazetteer';
import { defaultGazetteer } from '../../src/core/gazetteer/defaultGazetteer';
import { builtinPlaces } from '../../src/core/gazetteer/builtinEntities';
import { countryEntities, placeEntities, type PlaceData } from '../../src/core/gazetteer/placeData';
// @ts-expect-error plain JS build script without type declarations
import { buildPlaceData } from '../../scripts/placeData.mjs';

/** A gazetteer of just these entities. */
export class TestGazetteer extends Gazetteer {
  constructor(entities: readonly Entity[]) {
    super();
    for (const e of entities) this.add(e, 'builtin');
  }
}

function entity(id: string, label: MentionLabel, kind: EntityKind, aliases: string[]): Entity {
  return { id, name: aliases[0], label, kind, aliases: aliases.slice(1) };
}

/** Actors of the sample (Iraq/Syria 2014) corpus: what a default gazetteer for that conflict would hold. */
export const CORPUS_ACTORS: readonly Entity[] = [
  entity('isil', 'ACTOR', 'armed_group', ['Islamic State of Iraq and the Levant', 'ISIL', 'ISIS', 'Isil', 'Isis', 'Daesh', "Da'ish", 'Islamic State in Iraq and Syria', 'Islamic State in Iraq and the Levant', 'Islamic State']),
  entity('al-qaeda', 'ACTOR', 'armed_group', ['Al-Qaeda', 'al Qaeda', 'Qaeda', 'al-Qaida']),
  entity('nusra', 'ACTOR', 'armed_group', ['Al-Nusra Front', 'Nusra Front', 'Al-Nusra', 'Jabhat al-Nusra']),
  entity('fsa', 'ACTOR', 'armed_group', ['Free Syrian Army', 'FSA']),
  entity('sohr', 'ACTOR', 'igo_ngo', ['Syrian Observatory for Human Rights', 'Observatory']),
  entity('peshmerga', 'ACTOR', 'state_force', ['Peshmerga']),
  entity('mahdi-army', 'ACTOR', 'armed_group', ['Mahdi Army', 'Jaysh al-Mahdi']),
  entity('naqshbandia', 'ACTOR', 'armed_group', ['Men of the Army of Naqshbandia', 'Naqshbandia']),
  entity('baath', 'ACTOR', 'organisation', ['Ba’ath Party', "Ba'ath Party", 'Baath Party']),
  entity('quds-force', 'ACTOR', 'state_force', ['Quds Force']),
  entity('nato', 'ACTOR', 'igo_ngo', ['NATO']),
  entity('eu', 'ACTOR', 'igo_ngo', ['European Union']),
  entity('state-department', 'ACTOR', 'government', ['State Department']),
  entity('white-house', 'ACTOR', 'government', ['White House']),
  entity('afp', 'ACTOR', 'media', ['AFP']),
  entity('reuters', 'ACTOR', 'media', ['Reuters']),
  entity('bbc', 'ACTOR', 'media', ['BBC']),
  entity('abc', 'ACTOR', 'media', ['ABC']),
  entity('nyt', 'ACTOR', 'media', ['New York Times']),
  entity('daily-star', 'ACTOR', 'media', ['Daily Star']),
  entity('maliki', 'ACTOR', 'person', ['Nouri al-Maliki', 'Nuri al-Maliki', 'Nuri Kamal al-Maliki', 'al-Maliki', 'Maliki']),
  entity('assad', 'ACTOR', 'person', ['Bashar al-Assad', 'Assad']),
  entity('sadr', 'ACTOR', 'person', ['Moqtada al-Sadr', 'Muqtada al-Sadr', 'Moqtada al Sadr', 'Muqtada Sadr', 'Sadr']),
  entity('sadr-city', 'PLACE', 'city', ['Sadr City']),
];

let placeData: PlaceData | undefined;
export function testPlaceData(): PlaceData {
  placeData ??= buildPlaceData() as PlaceData;
  return placeData;
}

/** Real gazetteer with the sample conflict's actors only. */
export function buildTestGazetteer(): Gazetteer {
  const data = testPlaceData();
  const g = Gazetteer.from([
    { source: 'builtin', entities: [...CORPUS_ACTORS, ...builtinPlaces()] },
    { source: 'country', entities: countryEntities(data) },
    { source: 'place', entities: placeEntities(data) },
  ]);
  g.setGivenNames(data.givenNames ?? []);
  return g;
}

/** The gazetteer the CLI and the extension use, with every built-in actor. */
export function buildDefaultGazetteer(): Gazetteer {
  return defaultGazetteer(testPlaceData());
}

import { FIXTURES, setDir, type GoldSetName } from './fixtureSets';

/** Texts with their gold sidecars from test/fixtures/<folder>. */
export function loadGoldSet(folder: GoldSetName): Array<EvaluationInput & { gold: Sidecar }> {
  const dir = setDir(folder);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({
      name: f,
      text: readFileSync(join(dir, f), 'utf8'),
      gold: parse(readFileSync(join(FIXTURES, 'gold', f.replace(/\.txt$/, '.ann.yaml')), 'utf8')) as Sidecar,
    }));
}
