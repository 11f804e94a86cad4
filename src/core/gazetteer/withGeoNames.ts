/**
 * A built-in place carries coordinates but no GeoNames id or population; when the GeoNames data names the same
 * place (a spelling in common, the same country, within about 30 km), the card shows those too.
 */
import type { Entity } from '../model';
import type { Gazetteer } from './gazetteer';

export function withGeoNames(entity: Entity, gazetteer: Gazetteer): Entity {
  if (entity.label !== 'PLACE' || (entity.geonameId !== undefined && entity.population !== undefined) || entity.lat === undefined || entity.lon === undefined) return entity;
  let best: Entity | undefined;
  let bestDistance = 0.3; // degrees, about 30 km
  for (const name of [entity.name, ...entity.aliases]) {
    for (const candidate of gazetteer.entitiesNamed(name)) {
      if (candidate === entity || candidate.geonameId === undefined || candidate.lat === undefined || candidate.lon === undefined) continue;
      if (entity.country && candidate.country && entity.country !== candidate.country) continue;
      const d = Math.hypot(candidate.lat - entity.lat, candidate.lon - entity.lon);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
  }
  if (!best) return entity;
  return { ...entity, geonameId: entity.geonameId ?? best.geonameId, population: entity.population ?? best.population };
}
