/**
 * ACLED's coding of one detected event, from what detection knows of its sides, place, date and source
 * (definitions: ACLED codebook, summarised in media/docs/guidelines.md): actor types `inter` 1–8 and the
 * `interaction` code, `geo_precision`, `admin1`, `source_scale` and the `notes` summary. Pure: every input is
 * passed in. A field is left out when the text does not tell it, so a person fills it rather than unlearns it.
 */
import type { Entity } from '../model';
import { COUNTRY_DEMONYMS } from '../gazetteer/demonyms';
import { expectedInteraction } from '../sidecar/validateSidecar';

/** What the coder knows of one side. */
export interface SideFacts {
  text: string;
  entity?: Entity;
  /** From detection: state forces, a non-state armed side, unarmed victims, or something else. */
  kind?: 'state' | 'nonstate' | 'other' | 'civilian';
}

/** Bare words that make a non-state side a militia (3) or a communal one (4) rather than a rebel group (2). */
const MILITIA_WORDS = /\b(?:militia|militias|militiamen|gunmen|gunman|bandits?|gangs?|gangsters|attackers?|assailants?|kidnappers|abductors|raiders|paramilitar(?:y|ies)|mercenaries|unidentified|unknown)\b/i;
const COMMUNAL_WORDS = /\b(?:clans?|clansmen|tribes?|tribesmen|tribal|ethnic|communal|vigilantes|herders|farmers|self-defen[cs]e)\b/i;
const RIOTERS = /\b(?:rioters|mobs?)\b/i;
const PROTESTERS = /\b(?:protesters|protestors|demonstrators|marchers)\b/i;

let demonymCountry: Map<string, string> | undefined;

/** The country a side belongs to: its entity's, else the demonym it opens with ("Russian troops" → RU). */
export function sideCountry(side: SideFacts): string | undefined {
  if (side.entity?.country) return side.entity.country;
  if (!demonymCountry) {
    demonymCountry = new Map();
    for (const [code, row] of Object.entries(COUNTRY_DEMONYMS)) for (const w of row.split(' | ')) if (!demonymCountry.has(w.trim())) demonymCountry.set(w.trim(), code);
  }
  const first = side.text.split(/\s+/)[0]?.replace(/['’]s$/, '');
  return first ? demonymCountry.get(first) : undefined;
}

/**
 * ACLED's actor type: 1 state forces, 2 rebels, 3 political militias (ACLED files unidentified armed groups
 * here), 4 identity militias, 5 rioters, 6 protesters, 7 civilians, 8 external forces (a state's forces outside
 * their country, international forces). `placeCountry`: where the event happened (ISO alpha-2).
 */
export function actorType(side: SideFacts, placeCountry?: string): number | undefined {
  const e = side.entity;
  const country = sideCountry(side);
  const foreign = country !== undefined && placeCountry !== undefined && country !== placeCountry;
  if (side.kind === 'civilian') return 7;
  if (RIOTERS.test(side.text)) return 5;
  if (PROTESTERS.test(side.text)) return 6;
  if (e?.kind === 'igo_ngo') return 8;
  if (e?.inter !== undefined) return e.inter === 1 && foreign ? 8 : e.inter;
  if (side.kind === 'state') return foreign ? 8 : 1;
  if (side.kind === 'nonstate') return COMMUNAL_WORDS.test(side.text) ? 4 : MILITIA_WORDS.test(side.text) ? 3 : 2;
  return undefined;
}

/** ACLED's interaction: both types, the smaller first; one side alone is its type times ten. */
export function interactionCode(inter1: number | undefined, inter2: number | undefined): number | undefined {
  if (inter1 === undefined) return undefined;
  return expectedInteraction(inter1, inter2 ?? 0);
}

const REGION_WORDS = 'province|state|governorate|region|oblast|prefecture|department|county';
/** A place name followed by one of these names a region: "Zamfara state", "the Donetsk region". */
const REGION_AFTER = new RegExp(`^\\s*(?:${REGION_WORDS})\\b`, 'i');

const NEAR = /(?:\bnear|\boutside|\baround|\boutskirts\s+of|\b(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west)(?:ern)?\s+of|\b(?:km|kilometres|kilometers|miles?)\s+(?:\w+\s+)?(?:from|of)|\bvicinity\s+of|\broad\s+(?:to|between))\s+(?:the\s+)?$/i;

/**
 * 1 the town or site itself, 2 near it or a small part of a region, 3 only a region or country is known.
 * `rank`: 1 country, 2 region or province, 3 town, 4 facility; `before`: the text right before the place name.
 */
export function geoPrecision(rank: number, before: string, after = ''): 1 | 2 | 3 {
  if (rank <= 2 || REGION_AFTER.test(after)) return 3;
  return NEAR.test(before) ? 2 : 1;
}
/** ", in North Kivu province", " in the Donetsk region", ", Zamfara state": the region the place lies in. */
const IN_REGION = new RegExp(`^(?:,\\s*|\\s+in\\s+|,\\s+in\\s+)(?:the\\s+)?((?:\\p{Lu}[\\p{L}'’-]*\\s+){0,3}?\\p{Lu}[\\p{L}'’-]*)\\s+(?:${REGION_WORDS})\\b`, 'u');

/**
 * The first-level division the place is in: the gazetteer's, the place itself when it is one ("Zamfara state",
 * a province in the gazetteer), else a province named right after it ("Sake, in North Kivu province").
 */
export function admin1Of(place: { text: string; entity?: Entity; rank: number }, after: string): string | undefined {
  if (place.entity?.admin1) return place.entity.admin1;
  if (place.entity?.kind === 'admin_area') return place.entity.name;
  if (REGION_AFTER.test(after)) return place.text;
  const m = IN_REGION.exec(after.slice(0, 80));
  return m ? m[1] : undefined;
}

/**
 * ACLED's source scale, from who the article says told it: international bodies and foreign governments
 * International, the state's own authorities National, local officials Subnational, residents and witnesses
 * Local. Undefined without a source, or for one that does not tell (a news outlet's reach is not in the text).
 */
export function sourceScale(source: { text: string; entity?: Entity } | undefined, placeCountry?: string): string | undefined {
  if (!source) return undefined;
  const e = source.entity;
  const t = source.text;
  if (e?.kind === 'igo_ngo' || /\b(?:United Nations|UN|U\.N\.|Amnesty|Human Rights Watch|Red Cross|ICRC|NATO|African Union|European Union|monitors?)\b/.test(t)) return 'International';
  const country = e?.country ?? sideCountry({ text: t });
  if ((e?.kind === 'government' || e?.kind === 'state_force' || e?.kind === 'country') && country && placeCountry && country !== placeCountry) return 'International';
  if (/\b(?:residents?|witness(?:es)?|villagers|locals|eyewitness(?:es)?|survivors?|relatives)\b/i.test(t)) return 'Local';
  if (/\b(?:local|provincial|district|regional|municipal)\s+(?:officials?|authorities|governor|police|council)\b|\bgovernor\b|\bmayor\b/i.test(t)) return 'Subnational';
  if (e?.kind === 'government' || e?.kind === 'state_force' || /\b(?:ministry|minister|government|army|military|police|spokesman|spokesperson|president|officials?|authorities)\b/i.test(t)) {
    return country && placeCountry && country !== placeCountry ? 'International' : 'National';
  }
  return undefined;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function datePhrase(date: string, precision: number): string {
  const [y, m, d] = date.split('-').map(Number);
  if (precision >= 4) return `In ${y}`;
  if (precision === 3) return `In ${MONTH_NAMES[m - 1]} ${y}`;
  return `${precision === 2 ? 'In the week of' : 'On'} ${d} ${MONTH_NAMES[m - 1]} ${y}`;
}

/**
 * ACLED-style notes: when, then what the article says (its clause, whitespace tidied, cut at 300 characters),
 * then the toll and how often the article reports it. E.g. "On 6 March 2020: gunmen opened fire at a ceremony
 * in Kabul, killing 32 people. 32 reported fatalities."
 */
/** Whether c is a character \s matches. */
function isRegexSpace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** s.replace(/\s+/g, ' '), without the replacement when every run of white space already is one plain space (most clauses). */
function collapseSpaces(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isRegexSpace(c) && (c !== 32 || isRegexSpace(s.charCodeAt(i + 1)))) return s.replace(/\s+/g, ' ');
  }
  return s;
}

export function eventNotes(clause: string, date: { date: string; precision: number } | undefined, fatalities: number | undefined, reports: number): string {
  // the clause without the conjunction that joined it to the one before ("and ISIL seized it")
  let what = collapseSpaces(clause).trim().replace(/^(?:(?:and|but|or|then|while)\b|[,;:—–-])\s*/i, '');
  if (what.length > 300) what = `${what.slice(0, 299).replace(/\s+\S*$/, '')}…`;
  if (!/[.!?…]$/.test(what)) what += '.';
  const parts = [date ? `${datePhrase(date.date, date.precision)}: ${what}` : what];
  if (fatalities !== undefined) parts.push(`${fatalities} reported ${fatalities === 1 ? 'fatality' : 'fatalities'}.`);
  if (reports > 1) parts.push(`Reported ${reports} times in the article.`);
  return parts.join(' ');
}
