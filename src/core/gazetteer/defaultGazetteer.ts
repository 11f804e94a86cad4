/**
 * The gazetteer every host uses: workspace entities first, then built-in actors and places, ISO countries and
 * GeoNames populated places. The places come either as the place table (`PlaceData`, indexed entity by entity)
 * or as the index compiled from it at build time (`PlaceIndex`, opened in milliseconds); both give the same
 * gazetteer.
 */
import type { Entity } from '../model';
import { Gazetteer } from './gazetteer';
import { builtinActors, builtinPlaces } from './builtinEntities';
import { countryEntities, placeEntities, type PlaceData } from './placeData';
import { PlaceIndex } from './placeIndex';

/** The GeoNames places and countries, as the table or as its compiled index. */
export type Places = PlaceData | PlaceIndex;

export function defaultGazetteer(places: Places | undefined, workspaceEntities: readonly Entity[] = []): Gazetteer {
  const index = places instanceof PlaceIndex ? places : undefined;
  const data = index ? undefined : (places as PlaceData | undefined);
  const g = Gazetteer.from([
    { source: 'workspace', entities: workspaceEntities },
    { source: 'builtin', entities: [...builtinActors(), ...builtinPlaces()] },
    { source: 'country', entities: places ? countryEntities(places) : [] },
    { source: 'place', entities: data ? placeEntities(data) : [] },
  ]);
  if (index) {
    g.addPlaceIndex(index);
    g.setGivenNames(index.givenNames);
  } else {
    g.setGivenNames(data?.givenNames ?? []);
  }
  return g;
}
