/**
 * Hover cards as Markdown. Every piece of text that comes from a document, a sidecar or a gazetteer file is
 * escaped: an article cannot inject links, images, HTML or command URIs into the editor.
 */
import type { Attribution, Entity, EventAnnotation, Mention, Provenance, Sidecar } from '../model';
import type { EntityUse } from './annotationQueries';
import { eventCodingProblems } from '../events/codingProblems';

const INTER: Record<number, string> = { 1: 'State Forces', 2: 'Rebel Groups', 3: 'Political Militias', 4: 'Identity Militias', 5: 'Rioters', 6: 'Protesters', 7: 'Civilians', 8: 'External/Other Forces' };

/** Escapes Markdown and HTML so text renders literally. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+\-.!|~>]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/\r?\n/g, ' ');
}

const quote = (s: string, max = 120) => escapeMarkdown(s.length > max ? `${s.slice(0, max)}…` : s);

/**
 * 12345 -> "12,345". Not toLocaleString: its first call in a process loads the locale data (50 ms), and that
 * call was the first hover card's.
 */
export function grouped(n: number): string {
  const [whole, fraction] = String(n).split('.');
  const digits = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? digits : `${digits}.${fraction}`;
}

/** ` · by amal, 2025-03-01 14:05` (the time to the minute, as written in UTC), or nothing when nobody is recorded. */
export function provenanceNote(p: Provenance): string {
  if (!p.by) return '';
  const when = p.at ? `, ${p.at.replace('T', ' ').replace(/(\d{2}:\d{2}):\d{2}(?:\.\d+)?/, '$1').replace(/Z$/, ' UTC')}` : '';
  return ` · by ${escapeMarkdown(p.by)}${escapeMarkdown(when)}`;
}
const kindName = (k: string) => k.replace(/_/g, ' ');

export interface EntityCardInput {
  mention: Mention;
  entity?: Entity;
  use: EntityUse;
  /** Mentions of the entity in the workspace's annotated articles (those with a sidecar), when known. */
  workspaceCount?: number;
  /** Annotated articles that mention it, of how many (articles without a sidecar are not counted). */
  workspaceDocuments?: { mentioning: number; annotated: number };
  /**
   * The workspace index is being built (its first session): articles looked at so far, of how many. The card
   * says so in place of workspace counts, which would be short until the build ends.
   */
  workspaceBuilding?: { done: number; total: number };
}

export function entityCard({ mention, entity, use, workspaceCount, workspaceDocuments, workspaceBuilding }: EntityCardInput): string {
  const name = entity?.name ?? use.spellings[0] ?? mention.text;
  const lines = [`**${escapeMarkdown(name)}**`, ''];
  // victims are no gazetteer entity: ACLED's Civilians
  const facts = mention.label === 'CIVILIAN' ? ['CIVILIAN', 'victims, no conflict party', `ACLED inter 7 (${INTER[7]})`] : [mention.label, entity ? kindName(entity.kind) : 'not in the gazetteer'];
  if (entity?.inter) facts.push(`ACLED inter ${entity.inter} (${INTER[entity.inter] ?? '?'})`);
  if (entity?.country) facts.push(entity.country);
  lines.push(facts.map(escapeMarkdown).join(' · '), '');
  if (use.spellings.length > 0) lines.push(`Written here as: ${use.spellings.slice(0, 8).map((s) => quote(s, 60)).join(', ')}`, '');
  if (entity && entity.aliases.length > 0) lines.push(`Known aliases: ${entity.aliases.slice(0, 8).map((s) => quote(s, 60)).join(', ')}${entity.aliases.length > 8 ? ', …' : ''}`, '');
  const docs = workspaceDocuments ? ` (${workspaceDocuments.mentioning} of ${workspaceDocuments.annotated} annotated article${workspaceDocuments.annotated === 1 ? '' : 's'})` : '';
  // before it knows how many articles there are, the index is being read from storage (or the files listed)
  const building = workspaceBuilding && (workspaceBuilding.total > 0 ? ` · workspace index building… (${grouped(workspaceBuilding.done)} of ${grouped(workspaceBuilding.total)} articles)` : ' · workspace index loading…');
  lines.push(`Mentions: ${use.mentions.length} in this document${workspaceCount !== undefined ? ` · ${workspaceCount} in the workspace${docs}` : (building ?? '')}`, '');
  if (use.events.length > 0) lines.push(`Events: ${use.events.slice(0, 5).map((e) => `${quote(e.type)} / ${quote(e.subtype)}${e.date ? ` (${e.date})` : ''}`).join('; ')}`, '');
  if (entity?.lat !== undefined && entity.lon !== undefined) {
    const link = entity.geonameId ? ` · [GeoNames ${entity.geonameId}](https://www.geonames.org/${entity.geonameId})` : '';
    lines.push(`Coordinates: ${entity.lat.toFixed(3)}, ${entity.lon.toFixed(3)}${link}`, '');
  }
  if (entity?.population) lines.push(`Population: ${grouped(entity.population)}`, '');
  lines.push(`_${mention.status} · ${mention.origin}${mention.entity ? ` · id ${escapeMarkdown(mention.entity)}` : ''}${provenanceNote(mention)}_`);
  return lines.join('\n');
}

export function attributionCard(a: Attribution): string {
  const lines = [`**Attribution** · ${a.kind === 'named' ? 'named source' : 'anonymous source'} · ${a.direct ? 'direct quote' : 'reported speech'}`, ''];
  lines.push(`Source: ${a.source ? quote(a.source.text) : '_none found_'}`, '');
  lines.push(`Cue: ${quote(a.cue.text)}`, '');
  if (a.content) lines.push(`Content: ${quote(a.content.text, 200)}`, '');
  lines.push(`_${a.status}${provenanceNote(a)}_`);
  return lines.join('\n');
}

/**
 * The event card: type and sub-type, each role with what it means and its ACLED actor type, place (and
 * province), date with its precision, fatalities, the source that reports it, ACLED's coding and how often the
 * article reports it. A coding ACLED's codebook does not allow is said right under the type, where it is seen
 * (the same check as the editor's diagnostics and `validate`: the coding stored on the event).
 */
export function eventCard(e: EventAnnotation, sidecar: Sidecar, entityOf: (id: string) => Entity | undefined = () => undefined): string {
  const mention = (id?: string) => (id ? sidecar.mentions.find((m) => m.id === id) : undefined);
  const attribution = e.attribution ? sidecar.attributions.find((a) => a.id === e.attribution) : undefined;
  const lines = [`**${quote(e.type)}** / ${quote(e.subtype)}`, ''];
  for (const p of eventCodingProblems(e, sidecar.mentions)) lines.push(`⚠ ${escapeMarkdown(p.message)}`, '');
  // the facts as one paragraph of short lines, so the card stays small enough to show its links without scrolling
  const rows: string[] = [];
  const row = (label: string, value: string | undefined) => rows.push(`${label}: ${value ?? '—'}`);
  const inter = (code: number | undefined) => (code ? ` · inter ${code} (${INTER[code] ?? '?'})` : '');
  const actor = (id: string | undefined, code: number | undefined): string | undefined => {
    const m = mention(id);
    if (!m) return undefined;
    const name = m.entity ? entityOf(m.entity)?.name : undefined;
    const shown = name && name !== m.text ? `${quote(m.text)} (${quote(name)})` : quote(m.text);
    return `${shown}${inter(code ?? (m.label === 'CIVILIAN' ? 7 : m.entity ? entityOf(m.entity)?.inter : undefined))}${m.status === 'suggested' ? ' · _suggested_' : ''}`;
  };
  row('Actor 1 (acts)', actor(e.actor1, e.inter1));
  row('Actor 2 (acted on)', actor(e.actor2, e.actor2 ? e.inter2 : undefined));
  const place = mention(e.place);
  row('Place', place ? `${quote(place.text)}${e.admin1 ? `, ${quote(e.admin1)}` : ''}${place.status === 'suggested' ? ' · _suggested_' : ''}` : undefined);
  const precision = e.time_precision === 2 ? ' (week)' : e.time_precision === 3 ? ' (month)' : '';
  row('Date', e.date ? `${escapeMarkdown(e.date)}${precision}` : undefined);
  row('Fatalities', e.fatalities !== undefined ? String(e.fatalities) : undefined);
  row('Source', attribution?.source ? `${quote(attribution.source.text)} (${attribution.kind})` : undefined);
  lines.push(rows.join('  \n'), '');
  const coding = [e.civilian_targeting ? 'civilian targeting' : '', e.interaction !== undefined ? `interaction ${e.interaction}` : '', e.source_scale ? `source scale ${escapeMarkdown(e.source_scale)}` : '', e.spans?.length ? `reported ${e.spans.length + 1} times` : ''].filter(Boolean);
  if (coding.length > 0) lines.push(`ACLED: ${coding.join(' · ')}`, '');
  lines.push(`_${e.status} · ${escapeMarkdown(e.id)}${provenanceNote(e)}_`);
  return lines.join('\n');
}
