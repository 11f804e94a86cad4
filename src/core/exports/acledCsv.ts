/**
 * Events in ACLED's CSV layout: ACLED's 31 columns in ACLED's order, with ACLED's value conventions where the
 * annotation holds the facts, empty where it does not.
 */
import type { Entity, EventAnnotation, Mention } from '../model';
import { disorderType } from '../events/taxonomy';
import { isoNumeric } from '../gazetteer/isoNumeric';
import { sentenceRanges } from './taggedSentences';
import { prepare, type ExportDocument, type ExportOptions, type Prepared } from './exportDocument';

/** ACLED's export columns since its 2023 column changes, in its order. */
export const ACLED_COLUMNS = [
  'event_id_cnty', 'event_date', 'year', 'time_precision', 'disorder_type', 'event_type', 'sub_event_type',
  'actor1', 'assoc_actor_1', 'inter1', 'actor2', 'assoc_actor_2', 'inter2', 'interaction', 'civilian_targeting',
  'iso', 'region', 'country', 'admin1', 'admin2', 'admin3', 'location', 'latitude', 'longitude', 'geo_precision',
  'source', 'source_scale', 'notes', 'fatalities', 'tags', 'timestamp',
] as const;

type Column = (typeof ACLED_COLUMNS)[number];

function csvField(v: string | number | undefined): string {
  const s = v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2014-06-21" as ACLED's notes write dates: "21 June 2014". */
function longDate(iso: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m && Number(m[2]) >= 1 && Number(m[2]) <= 12 ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}` : undefined;
}

/** The sentences the trigger lies in (a sentence runs on where a mention crosses a line break), whitespace runs as one space. */
function sentenceOf(p: Prepared, ev: EventAnnotation): string {
  const hits = sentenceRanges(p).filter((r) => r.start < ev.end && ev.start < r.end);
  const text = hits.length ? p.index.slice(hits[0].start, hits[hits.length - 1].end) : ev.text;
  return oneLine(text);
}

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** ACLED geo_precision: 1 the town itself, 3 a larger area (region, province, country). */
function geoPrecision(e: Entity | undefined): number | undefined {
  if (!e) return undefined;
  if (e.kind === 'city' || e.kind === 'facility') return 1;
  return ['admin_area', 'region', 'country'].includes(e.kind) ? 3 : undefined;
}

/** ACLED's numeric interaction: both actor types, lower first; X0 for an event with one actor; unknown otherwise. */
function interaction(inter1: number | undefined, inter2: number | undefined): string | undefined {
  if (inter1 === undefined || inter2 === undefined) return undefined;
  return inter2 === 0 ? `${inter1}0` : `${Math.min(inter1, inter2)}${Math.max(inter1, inter2)}`;
}

interface UnnamedSide {
  readonly name: string;
  readonly inter: number;
}

const UNIDENTIFIED: UnnamedSide = { name: 'Unidentified Armed Group', inter: 3 };
const CIVILIANS: UnnamedSide = { name: 'Civilians', inter: 7 };
/** Unarmed people by the event they are actor 1 of: ACLED's protesters and rioters, else civilians. */
const CROWDS: Readonly<Record<string, UnnamedSide>> = { Protests: { name: 'Protesters', inter: 6 }, Riots: { name: 'Rioters', inter: 5 } };
const VIOLENCE = new Set(['Battles', 'Explosions/Remote violence', 'Violence against civilians']);

/**
 * Who ACLED writes for a side the report does not name: violence always has a perpetrator ("Unidentified Armed
 * Group (Country)", type 3), a battle two armed sides, violence against civilians its civilian victims. Other
 * events keep the side empty (type 0, interaction X0: protests without an opponent, strategic developments).
 */
function unnamedSide(type: string, side: 1 | 2): UnnamedSide | undefined {
  if (side === 1) return VIOLENCE.has(type) ? UNIDENTIFIED : undefined;
  return type === 'Battles' ? UNIDENTIFIED : type === 'Violence against civilians' ? CIVILIANS : undefined;
}

const round4 = (x: number | undefined): number | undefined => (x === undefined ? undefined : Math.round(x * 1e4) / 1e4);

/**
 * ACLED-shaped CSV (RFC 4180: CRLF line ends, quoted fields).
 * - `event_id_cnty` is `NAME:EVENTID` (not ACLED's country-prefixed number) so every row traces back to its sidecar.
 * - `event_date`, `year`, `time_precision`: the event's date, precision 1 (a day); an event without a date takes
 *   the article's dateline date with precision 2 (the report's week).
 * - actors: the entity's canonical name (ACLED's own actor names where the gazetteer has them), else the mention
 *   text; `inter1`/`inter2` its ACLED actor type (`inter2` 0 without actor2); a side the report leaves unnamed
 *   is ACLED's "Unidentified Armed Group (Country)" (3) where violence needs one, "Civilians (Country)" (7) as the
 *   victim of violence against civilians; `interaction` both codes lower first (`13`), `X0` for a one-actor
 *   event, empty when a type is unknown; `civilian_targeting` "Civilian
 *   targeting" when an actor is civilians (inter 7). A CIVILIAN mention (victims) is ACLED's "Civilians (Country)",
 *   inter 7.
 * - place: `iso` the numeric ISO 3166 code, `country` the country's name, `location` the place's canonical
 *   name, coordinates to 4 decimals, `geo_precision` 1 for towns and facilities, 3 for regions and countries.
 * - `source`: who the event is attributed to; `notes`: "On 21 June 2014, " and the trigger's sentence;
 *   `fatalities`: the count, 0 when none is reported (ACLED codes 0, not empty).
 * - `assoc_actor_*`, `region`, `admin2`, `admin3` and `tags` are empty: the annotation does not hold them.
 * The ACLED coding stored on the event (`inter1`, `inter2`, `interaction`, `civilian_targeting`, `time_precision`,
 * `geo_precision`, `admin1`, `source_scale`, `notes`) takes precedence over what is derived here; `timestamp` is
 * the event's `at` (when it was last decided), in Unix seconds.
 */
export function toAcledCsv(docs: readonly ExportDocument[], opts: ExportOptions = {}): string {
  return ACLED_CSV_HEADER + docs.map((d) => acledCsvRows(d, opts)).join('');
}

/** The header line of the CSV. */
export const ACLED_CSV_HEADER = `${ACLED_COLUMNS.join(',')}\r\n`;

/** One document's rows, a line per event (an export streams them a document at a time). */
export function acledCsvRows(d: ExportDocument, opts: ExportOptions = {}): string {
  const rows: string[] = [];
  const lookup = (id: string | undefined): Entity | undefined => (id && opts.entities ? opts.entities(id) : undefined);
  const p = prepare(d, opts);
  for (const ev of p.events) {
    const a1 = p.role(ev, 'actor1')?.mention;
    const a2 = p.role(ev, 'actor2')?.mention;
    const pl = p.role(ev, 'place')?.mention;
    const e1 = lookup(a1?.entity);
    const e2 = lookup(a2?.entity);
    const ep = lookup(pl?.entity);
    // victims are ACLED's Civilians (inter 7), named after the country as ACLED does: "Civilians (Sudan)"
    const civilian = (m: Mention | undefined): boolean => m?.label === 'CIVILIAN';
    // people who protest carry the civilian label too, yet ACLED codes them as protesters (or rioters) as actor 1
    const crowd = CROWDS[ev.type] ?? CIVILIANS;
    // a side the report leaves unnamed, as ACLED codes it (see `unnamedSide`)
    const stand1 = ev.actor1 === undefined ? unnamedSide(ev.type, 1) : undefined;
    const stand2 = ev.actor2 === undefined ? unnamedSide(ev.type, 2) : undefined;
    const inter1 = stand1 ? (ev.inter1 || stand1.inter) : (ev.inter1 ?? (civilian(a1) ? crowd.inter : e1?.inter));
    // ACLED codes a missing actor2 as type 0; a role that could not be exported stays unknown
    const inter2 = stand2 ? (ev.inter2 || stand2.inter) : (ev.inter2 ?? (ev.actor2 === undefined ? 0 : civilian(a2) ? 7 : e2?.inter));
    const date = ev.date ?? d.sidecar.document.date;
    const precision = ev.time_precision ?? (ev.date ? 1 : date ? 2 : undefined);
    const cc = ep?.country;
    const country = ep?.kind === 'country' ? ep.name : cc ? lookup(`country-${cc.toLowerCase()}`)?.name : undefined;
    const at = ev.attribution ? p.attributions.find((x) => x.id === ev.attribution) : undefined;
    const civilians = ev.civilian_targeting;
    const when = date ? longDate(date) : undefined;
    const stamp = ev.at ? Date.parse(ev.at) : NaN;
    const inCountry = (name: string): string => `${name}${country ? ` (${country})` : ''}`;
    const actorName = (m: Mention | undefined, e: Entity | undefined, stand?: UnnamedSide, first = false): string | undefined =>
      stand ? inCountry(stand.name) : civilian(m) ? inCountry((first ? crowd : CIVILIANS).name) : (e?.name ?? (m && oneLine(m.text)));
    const row: Record<Column, string | number | undefined> = {
      event_id_cnty: `${d.name}:${ev.id}`,
      event_date: date,
      year: date?.slice(0, 4),
      time_precision: precision,
      disorder_type: disorderType(ev.type, ev.subtype) || undefined,
      event_type: ev.type,
      sub_event_type: ev.subtype,
      actor1: actorName(a1, e1, stand1, true),
      assoc_actor_1: undefined,
      inter1,
      actor2: actorName(a2, e2, stand2),
      assoc_actor_2: undefined,
      inter2,
      // a stored sole-actor interaction (X0) is not one where the unnamed side is coded as above
      interaction: (ev.interaction !== undefined && !((stand1 || stand2) && ev.interaction % 10 === 0) ? ev.interaction : undefined) ?? interaction(inter1, inter2),
      civilian_targeting: civilians === true || (civilians === undefined && (inter1 === 7 || inter2 === 7)) ? 'Civilian targeting' : undefined,
      iso: cc ? isoNumeric(cc) : undefined,
      region: undefined,
      country,
      admin1: ev.admin1 ?? ep?.admin1 ?? (ep?.kind === 'admin_area' ? ep.name : undefined),
      admin2: undefined,
      admin3: undefined,
      location: ep?.name ?? (pl && oneLine(pl.text)),
      latitude: round4(ep?.lat),
      longitude: round4(ep?.lon),
      geo_precision: ev.geo_precision ?? geoPrecision(ep),
      source: at?.source && oneLine(at.source.text),
      source_scale: ev.source_scale,
      notes: ev.notes ?? `${when ? `On ${when}, ` : ''}${sentenceOf(p, ev)}`,
      fatalities: ev.fatalities ?? 0,
      tags: undefined,
      timestamp: Number.isFinite(stamp) ? Math.floor(stamp / 1000) : undefined,
    };
    rows.push(ACLED_COLUMNS.map((c) => csvField(row[c])).join(','));
  }
  return rows.map((r) => r + '\r\n').join('');
}
