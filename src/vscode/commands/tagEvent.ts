/** Tag as Event: ACLED type and sub-type, then the proposed actors, place, date, fatalities and source to review. */
import * as vscode from 'vscode';
import type { EventAnnotation, MentionLabel, Sidecar } from '../../core/model';
import type { Gazetteer } from '../../core/gazetteer/gazetteer';
import { entityChoices } from '../../core/review/entityChoices';
import { roleLabels } from '../../core/review/editEvent';
import { acceptItem, upsertEvent } from '../../core/review/mergeSuggestions';
import { proposeEvent } from '../../core/events/proposeEvent';
import { contextOf } from '../../core/anchoring/reanchor';
import { snapSelection } from '../../core/review/snapSelection';
import type { CommandDeps } from './commandDeps';
import type { DocState } from '../annotationService';
import { resolveTarget, type ArticleState, type Target } from './documentTarget';

/** Options for tagging an event without the quick picks (tests, scripted use). */
export interface TagEventOptions {
  type?: string;
  subtype?: string;
  /** Save at once with the proposed details. */
  save?: boolean;
}

const mentionLabel = (s: Sidecar, id?: string): string => {
  const m = id ? s.mentions.find((x) => x.id === id) : undefined;
  return m ? `${m.text} (${m.label.toLowerCase()}, ${m.status})` : '—';
};

type Draft = Omit<EventAnnotation, 'id'> & { id?: string };

/**
 * One row per entity (not per mention), with the sentence it is mentioned in nearest the event: the choice
 * already made first, then entities of the event's sentence, then the rest by distance. Picking a row picks that
 * entity's mention nearest the event.
 */
export async function pickMention(state: ArticleState, gazetteer: Gazetteer, labels: readonly MentionLabel[], title: string, near: { start: number; end: number }, current?: string): Promise<string | null | undefined> {
  const rows = entityChoices(state.sidecar, state.index, labels, near, current, (id) => gazetteer.get(id)?.name);
  const none = { label: '(none)', description: 'no one in this role', id: null as string | null };
  const items = rows[0]?.prefilled ? [...rows, none] : [none, ...rows];
  const kinds = labels.includes('PLACE') ? 'places' : labels.includes('CIVILIAN') ? 'actors and civilians' : 'actors';
  const pick = await vscode.window.showQuickPick(items, { title, matchOnDescription: true, matchOnDetail: true, placeHolder: `${rows.length} ${kinds} in this article, each once` });
  return pick === undefined ? undefined : pick.id;
}

/** The "Event details" loop: every proposed field can be changed before saving. */
async function editDetails(draft: Draft, state: ArticleState, gazetteer: Gazetteer): Promise<Draft | undefined> {
  for (;;) {
    const s = state.sidecar;
    const attribution = draft.attribution ? s.attributions.find((a) => a.id === draft.attribution) : undefined;
    const items: Array<vscode.QuickPickItem & { field: string }> = [
      { label: '$(check) Save event', description: `${draft.type} / ${draft.subtype}`, field: 'save' },
      { label: `Actor 1: ${mentionLabel(s, draft.actor1)}`, field: 'actor1' },
      { label: `Actor 2: ${mentionLabel(s, draft.actor2)}`, field: 'actor2' },
      { label: `Place: ${mentionLabel(s, draft.place)}`, field: 'place' },
      { label: `Date: ${draft.date ?? '—'}`, field: 'date' },
      { label: `Fatalities: ${draft.fatalities ?? '—'}`, field: 'fatalities' },
      { label: `Source: ${attribution?.source?.text ?? attribution?.cue.text ?? '—'}`, field: 'attribution' },
    ];
    const pick = await vscode.window.showQuickPick(items, { title: 'Event details', placeHolder: 'Pick a field to change it, or save' });
    if (!pick) return undefined;
    if (pick.field === 'save') return draft;
    if (pick.field === 'actor1' || pick.field === 'actor2' || pick.field === 'place') {
      const id = await pickMention(state, gazetteer, roleLabels(pick.field), pick.label.split(':')[0], draft, draft[pick.field]);
      if (id !== undefined) draft = { ...draft, [pick.field]: id ?? undefined };
    } else if (pick.field === 'date') {
      const value = await vscode.window.showInputBox({ title: 'Event date', value: draft.date ?? '', placeHolder: 'YYYY-MM-DD (empty: unknown)', validateInput: (v) => (v === '' || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))) ? undefined : 'a date as YYYY-MM-DD') });
      if (value !== undefined) draft = { ...draft, date: value || undefined };
    } else if (pick.field === 'fatalities') {
      const value = await vscode.window.showInputBox({ title: 'Reported fatalities', value: draft.fatalities?.toString() ?? '', validateInput: (v) => (v === '' || /^\d{1,7}$/.test(v) ? undefined : 'a whole number (empty: unknown)') });
      if (value !== undefined) draft = { ...draft, fatalities: value === '' ? undefined : Number(value) };
    } else if (pick.field === 'attribution') {
      const options = s.attributions.filter((a) => !a.orphan).map((a) => ({ label: a.source?.text ?? a.cue.text, description: `${a.cue.text} · ${a.kind}`, id: a.id as string | null }));
      const chosen = await vscode.window.showQuickPick([{ label: '(unattributed)', description: '', id: null }, ...options], { title: 'Source of the report' });
      if (chosen) draft = { ...draft, attribution: chosen.id ?? undefined };
    }
  }
}

/** Saving an event accepts the suggestions it points to, so they are not dropped as stale later. */
function withReferencesAccepted(sidecar: Sidecar, e: Draft, state: DocState): Sidecar {
  let s = sidecar;
  for (const id of [e.actor1, e.actor2, e.place, e.attribution]) if (id) s = acceptItem(s, id, state.index);
  return s;
}

export async function tagEvent(deps: CommandDeps, target?: Target, options: TagEventOptions = {}): Promise<string | undefined> {
  const { state, target: selected } = await resolveTarget(deps.service, target, true);
  const t = snapSelection(state.index, selected.start, selected.end);
  if (!t || t.start >= t.end) throw new Error('select the words that report the event');
  const taxonomy = await deps.taxonomy();
  const proposal = proposeEvent({ text: state.text, sidecar: state.sidecar, start: t.start, end: t.end, taxonomy });
  let type = options.type;
  if (!type) {
    const items = taxonomy.types.map((x) => ({ label: x.name, description: x.name === proposal.type ? 'suggested' : '', detail: x.description }));
    items.sort((a, b) => Number(b.label === proposal.type) - Number(a.label === proposal.type));
    type = (await vscode.window.showQuickPick(items, { title: 'Event type (ACLED)' }))?.label;
    if (!type) return undefined;
  }
  let subtype = options.subtype;
  if (!subtype) {
    const subs = taxonomy.types.find((x) => x.name === type)?.subtypes ?? [];
    const items = subs.map((x) => ({ label: x.name, description: x.name === proposal.subtype ? 'suggested' : '', detail: x.description }));
    items.sort((a, b) => Number(b.label === proposal.subtype) - Number(a.label === proposal.subtype));
    subtype = (await vscode.window.showQuickPick(items, { title: `${type}: sub-type` }))?.label;
    if (!subtype) return undefined;
  }
  const quote = state.index.slice(t.start, t.end);
  let draft: Draft | undefined = {
    type, subtype, start: t.start, end: t.end, text: quote, ...contextOf(state.index, t.start, t.end),
    actor1: proposal.actor1, actor2: proposal.actor2, place: proposal.place, date: proposal.date, fatalities: proposal.fatalities, attribution: proposal.attribution,
    status: 'accepted', origin: 'manual',
  };
  // the detector's suggestion of this very event is taken over (accepted as tagged), not left beside it
  const suggested = proposal.suggestion ? state.sidecar.events.find((e) => e.id === proposal.suggestion) : undefined;
  if (suggested && suggested.type === type && suggested.subtype === subtype) draft.id = suggested.id;
  if (!options.save) draft = await editDetails(draft, state, await deps.gazetteer());
  if (!draft) return undefined;
  for (const key of Object.keys(draft) as Array<keyof Draft>) if (draft[key] === undefined) delete draft[key];
  let id = '';
  const final = draft;
  await deps.service.update(state.uri, (s, current) => {
    const r = upsertEvent(withReferencesAccepted(s, final, current), final, deps.service.decidedBy());
    id = r.id;
    return r.sidecar;
  }, `Tag event ${type} / ${subtype}`);
  vscode.window.setStatusBarMessage(`Event ${id} saved: ${type} / ${subtype}`, 4000);
  return id;
}
