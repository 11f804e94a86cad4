/**
 * The choices of an event role picker (actor 1, actor 2, place): one row per entity, not per mention, each with
 * the line and sentence context of its mention nearest the event; the choice already made first, then entities
 * mentioned in the event itself, then the rest by distance. A row stands for that nearest mention.
 */
import type { Mention, MentionLabel, Sidecar } from '../model';
import type { TextIndex } from '../text/textIndex';
import { LineIndex } from './contextSnippet';

export interface EntityChoice {
  /** The entity's name (or the mention's text when it is not in the gazetteer). */
  label: string;
  description: string;
  /** "L12: …context…" */
  detail: string;
  /** The mention a pick stands for. */
  id: string;
  prefilled: boolean;
  inEvent: boolean;
}

export function entityChoices(
  sidecar: Sidecar,
  index: TextIndex,
  label: MentionLabel | readonly MentionLabel[],
  near: { start: number; end: number },
  current?: string,
  nameOf: (entity: string) => string | undefined = () => undefined,
): EntityChoice[] {
  const lines = new LineIndex(index);
  const distance = (m: Mention) => (m.end <= near.start ? near.start - m.end : m.start >= near.end ? m.start - near.end : 0);
  const labels: readonly MentionLabel[] = typeof label === 'string' ? [label] : label;
  const groups = new Map<string, Mention[]>();
  for (const m of sidecar.mentions) {
    if (!labels.includes(m.label) || m.orphan) continue;
    const key = m.entity ?? m.text.toLowerCase();
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  const chosen = current ? sidecar.mentions.find((m) => m.id === current) : undefined;
  const rows = [...groups].map(([key, ms]) => {
    const pick = (chosen && ms.includes(chosen) ? chosen : undefined) ?? [...ms].sort((a, b) => distance(a) - distance(b) || a.start - b.start)[0];
    const prefilled = pick === chosen;
    const inEvent = distance(pick) === 0;
    const snippet = lines.snippet(pick.start, pick.end, 50);
    const description = [prefilled ? 'pre-filled' : '', inEvent ? 'in this event' : '', `${ms.length} mention${ms.length === 1 ? '' : 's'}`, ms.some((m) => m.status === 'accepted') ? 'accepted' : 'suggested'];
    return { label: nameOf(key) ?? pick.text, description: description.filter(Boolean).join(' · '), detail: `L${snippet.line}: ${snippet.text}`, id: pick.id, prefilled, inEvent, distance: distance(pick) };
  });
  rows.sort((a, b) => Number(b.prefilled) - Number(a.prefilled) || Number(b.inEvent) - Number(a.inEvent) || a.distance - b.distance || a.label.localeCompare(b.label));
  return rows.map(({ distance: _, ...row }) => row);
}
