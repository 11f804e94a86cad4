/**
 * The gazetteer every host uses: workspace entities first, then built-in actors and places, ISO countries and
 * GeoNames populated places.
 */
import type { Entity } from '../model';
import { Gazetteer } from './gazetteer';
import { builtinActors, builtinPlaces } from './builtinEntities';
import { countryEntities, placeEntities, type PlaceData } from './placeData';

export function defaultGazetteer(placeData: PlaceData | undefined, workspaceEntities: readonly Entity[] = []): Gazetteer {
  const g = Gazetteer.from([
    { source: 'workspace', entities: workspaceEntities },
    { source: 'builtin', entities: [...builtinActors(), ...builtinPlaces()] },
    { source: 'country', entities: placeData ? countryEntities(placeData) : [] },
    { source: 'place', entities: placeData ? placeEntities(placeData) : [] },
  ]);
  g.setGivenNames(placeData?.givenNames ?? []);
  return g;
}
