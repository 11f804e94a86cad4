/**
 * Hover cards as Markdown. Every piece of text that comes from a document, a sidecar or a gazetteer file is
 * escaped: an article cannot inject links, images, HTML or command URIs into the editor.
 */
import type { Attribution, Entity, EventAnnotation, Mention, Provenance, Sidecar } from '../model';
import type { EntityUse } from './annotationQueries';

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
}

export function entityCard({ mention, entity, use, workspaceCount, workspaceDocuments }: EntityCardInput): string {
  const name = entity?.name ?? use.spellings[0] ?? mention.text;
  const lines = [`**${escapeMarkdown(name)}**`, ''];
  const facts = [mention.label, entity ? kindName(entity.kind) : 'not in the gazetteer'];
  if (entity?.inter) facts.push(`ACLED inter ${entity.inter} (${INTER[entity.inter] ?? '?'})`);
  if (entity?.country) facts.push(entity.country);
  lines.push(facts.map(escapeMarkdown).join(' · '), '');
  if (use.spellings.length > 0) lines.push(`Written here as: ${use.spellings.slice(0, 8).map((s) => quote(s, 60)).join(', ')}`, '');
  if (entity && entity.aliases.length > 0) lines.push(`Known aliases: ${entity.aliases.slice(0, 8).map((s) => quote(s, 60)).join(', ')}${entity.aliases.length > 8 ? ', …' : ''}`, '');
  const docs = workspaceDocuments ? ` (${workspaceDocuments.mentioning} of ${workspaceDocuments.annotated} annotated article${workspaceDocuments.annotated === 1 ? '' : 's'})` : '';
  lines.push(`Mentions: ${use.mentions.length} in this document${workspaceCount !== undefined ? ` · ${workspaceCount} in the workspace${docs}` : ''}`, '');
  if (use.events.length > 0) lines.push(`Events: ${use.events.slice(0, 5).map((e) => `${quote(e.type)} / ${quote(e.subtype)}${e.date ? ` (${e.date})` : ''}`).join('; ')}`, '');
  if (entity?.lat !== undefined && entity.lon !== undefined) {
    const link = entity.geonameId ? ` · [GeoNames ${entity.geonameId}](https://www.geonames.org/${entity.geonameId})` : '';
    lines.push(`Coordinates: ${entity.lat.toFixed(3)}, ${entity.lon.toFixed(3)}${link}`, '');
  }
  if (entity?.population) lines.push(`Population: ${entity.population.toLocaleString('en-US')}`, '');
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

export function eventCard(e: EventAnnotation, sidecar: Sidecar): string {
  const mention = (id?: string) => (id ? sidecar.mentions.find((m) => m.id === id) : undefined);
  const attribution = e.attribution ? sidecar.attributions.find((a) => a.id === e.attribution) : undefined;
  const lines = [`**${quote(e.type)}** / ${quote(e.subtype)}`, ''];
  const row = (label: string, value: string | undefined) => lines.push(`${label}: ${value ?? '—'}`, '');
  row('Actor 1', mention(e.actor1) ? quote(mention(e.actor1)!.text) : undefined);
  row('Actor 2', mention(e.actor2) ? quote(mention(e.actor2)!.text) : undefined);
  row('Place', mention(e.place) ? quote(mention(e.place)!.text) : undefined);
  row('Date', e.date);
  row('Fatalities', e.fatalities !== undefined ? String(e.fatalities) : undefined);
  row('Source', attribution?.source ? `${quote(attribution.source.text)} (${attribution.kind})` : undefined);
  lines.push(`_${e.status} · ${escapeMarkdown(e.id)}${provenanceNote(e)}_`);
  return lines.join('\n');
}
