/** Events in ACLED's CSV columns. */
import type { Entity, Mention } from '../model';
import { disorderType } from '../events/taxonomy';
import { prepare, type ExportDocument, type ExportOptions } from './exportDocument';

/** ACLED's export columns, in ACLED's order (those the sidecar can fill). */
export const ACLED_COLUMNS = [
  'event_id_cnty', 'event_date', 'year', 'time_precision', 'disorder_type', 'event_type', 'sub_event_type', 'actor1',
  'inter1', 'actor2', 'inter2', 'interaction', 'civilian_targeting', 'country', 'admin1', 'location', 'latitude', 'longitude',
  'geo_precision', 'source', 'source_scale', 'notes', 'fatalities',
] as const;

function csvField(v: string | number | undefined): string {
  const s = v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * ACLED-shaped CSV (RFC 4180: CRLF line ends, quoted fields). Unknown values stay empty. `event_id_cnty` is
 * `NAME:EVENTID` so rows trace back to their sidecar; `country` is the ISO alpha-2 code of the place entity.
 * The event's own ACLED coding (inter1/inter2, interaction, civilian_targeting, time_precision, geo_precision,
 * admin1, source_scale, notes) is copied; where it has none, actor types come from the gazetteer entities,
 * `geo_precision` from the place's kind (1 towns and facilities, 3 regions and countries) and `notes` from
 * the event's quote.
 */
export function toAcledCsv(docs: readonly ExportDocument[], opts: ExportOptions = {}): string {
  const rows: string[] = [ACLED_COLUMNS.join(',')];
  const lookup = (m: Mention | undefined): Entity | undefined => (m?.entity && opts.entities ? opts.entities(m.entity) : undefined);
  for (const d of docs) {
    const p = prepare(d, opts);
    const byId = (id: string | undefined): Mention | undefined => (id ? p.mentions.find((m) => m.id === id) : undefined);
    for (const ev of p.events) {
      const a1 = byId(ev.actor1);
      const a2 = byId(ev.actor2);
      const pl = byId(ev.place);
      const e1 = lookup(a1);
      const e2 = lookup(a2);
      const ep = lookup(pl);
      const inter1 = ev.inter1 ?? e1?.inter;
      const inter2 = ev.inter2 ?? e2?.inter;
      let interaction: string | number | undefined = ev.interaction;
      if (interaction === undefined && inter1 !== undefined && inter2 !== undefined) interaction = `${Math.min(inter1, inter2)}${Math.max(inter1, inter2)}`;
      else if (interaction === undefined && inter1 !== undefined) interaction = `${inter1}0`;
      const geo = ev.geo_precision ?? (ep ? (ep.kind === 'city' || ep.kind === 'facility' ? 1 : ['admin_area', 'region', 'country'].includes(ep.kind) ? 3 : undefined) : undefined);
      const at = ev.attribution ? p.attributions.find((x) => x.id === ev.attribution) : undefined;
      const row: Record<(typeof ACLED_COLUMNS)[number], string | number | undefined> = {
        event_id_cnty: `${d.name}:${ev.id}`,
        event_date: ev.date,
        year: ev.date?.slice(0, 4),
        time_precision: ev.date !== undefined ? ev.time_precision : undefined,
        disorder_type: disorderType(ev.type, ev.subtype) || undefined,
        event_type: ev.type,
        sub_event_type: ev.subtype,
        actor1: e1?.name ?? a1?.text,
        inter1,
        actor2: e2?.name ?? a2?.text,
        inter2,
        interaction,
        civilian_targeting: ev.civilian_targeting ? 'Civilian targeting' : undefined,
        country: ep?.country,
        admin1: ev.admin1 ?? ep?.admin1,
        location: ep?.name ?? pl?.text,
        latitude: ep?.lat,
        longitude: ep?.lon,
        geo_precision: geo,
        source: at?.source?.text,
        source_scale: ev.source_scale,
        notes: ev.notes ?? ev.text.replace(/\s+/g, ' ').trim(),
        fatalities: ev.fatalities,
      };
      rows.push(ACLED_COLUMNS.map((c) => csvField(row[c])).join(','));
    }
  }
  return rows.map((r) => r + '\r\n').join('');
}
