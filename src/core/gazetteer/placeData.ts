/**
 * The compact place table (dist/places.json, built by scripts/placeData.mjs from GeoNames and ISO 3166 names,
 * with a given-name list) decoded into gazetteer entities.
 */
import type { Entity } from '../model';
import { COUNTRY_SHORT_NAMES, PLACE_SHORT_NAMES } from './builtinEntities';

export interface PlaceData {
  readonly attribution: string;
  /** [ISO alpha-2, name, alternative names…] */
  readonly countries: ReadonlyArray<readonly string[]>;
  /** [geonameId, name, alternate name, country, feature code, admin1 code, population, lat, lon] */
  readonly places: ReadonlyArray<readonly (string | number)[]>;
  /** Lower-case given names (person rules: "Anders Holm", "said witness Karim Haddad"); absent in old tables. */
  readonly givenNames?: readonly string[];
}

/** Arabic article at the start of a place name ("Al Qaim", "Ar Raqqah", "El Fasher"). */
const ARTICLE = /^(?:al|el|ar|as|ash|at|az|an|ad)[ -‐]/i;

/** Rejects a table that is not what this code expects, rather than indexing garbage. */
export function checkPlaceData(data: unknown): PlaceData {
  const d = data as PlaceData;
  if (!d || !Array.isArray(d.countries) || !Array.isArray(d.places)) throw new Error('place data: expected {countries: [], places: []}');
  return d;
}

export function countryEntities(data: Pick<PlaceData, 'countries'>): Entity[] {
  return data.countries.map(([code, name, ...rest]) => {
    const extra = COUNTRY_SHORT_NAMES[code]?.split(' | ') ?? [];
    // the short name reads better on a card than "Syrian Arab Republic"
    const display = extra.length > 0 && name.includes(' ') && /Republic|State of|Federation/.test(name) ? extra[0] : name;
    const aliases = [...new Set([name, ...rest, ...extra])].filter((a) => a !== display);
    return { id: `country-${code.toLowerCase()}`, name: display, label: 'PLACE', kind: 'country', aliases, country: code };
  });
}

export function placeEntities(data: PlaceData): Entity[] {
  const out: Entity[] = [];
  for (const row of data.places) {
    const [geonameId, name, altName, country, featureCode, , population, lat, lon] = row as [number, string, string, string, string, string, number, number, number];
    const aliases = altName && altName !== name ? [altName] : [];
    // "Al Fallujah" is also written "Fallujah"
    if (ARTICLE.test(name)) aliases.push(name.replace(ARTICLE, ''));
    if (PLACE_SHORT_NAMES[geonameId]) aliases.push(PLACE_SHORT_NAMES[geonameId]);
    const kind = featureCode.startsWith('PPL') ? 'city' : 'region';
    const e: Entity = { id: `geonames-${geonameId}`, name, label: 'PLACE', kind, aliases, country, geonameId, lat, lon, population };
    if (featureCode === 'PPLC') e.capital = true;
    out.push(e);
  }
  return out;
}
