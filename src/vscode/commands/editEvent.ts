/** Change an event's ACLED type and sub-type, or who or where fills one of its roles (quick fixes, hover links, the tree). */
import * as vscode from 'vscode';
import type { EventAnnotation, Sidecar } from '../../core/model';
import { annotationsAt } from '../../core/review/annotationQueries';
import { EVENT_ROLES, ROLE_MEANINGS, ROLE_NAMES, retypeEvent, roleLabels, setEventRole, type EventRole } from '../../core/review/editEvent';
import type { CommandDeps } from './commandDeps';
import { documentFor, stateFor, targetFromEditor, type ArticleState } from './documentTarget';
import { itemArgs, type ItemArg } from './review';
import { pickMention } from './tagEvent';

const describe = (e: EventAnnotation): string => `${e.type} / ${e.subtype}`;

/** The event `id`, else the one at the cursor (where the command was invoked: the cursor may move on while it loads). */
async function eventFor(deps: CommandDeps, uriOrNode: ItemArg | undefined, idArg: string | undefined): Promise<{ state: ArticleState; event: EventAnnotation }> {
  const selection = vscode.window.activeTextEditor?.selection;
  const [uri, id] = itemArgs(uriOrNode, idArg);
  const document = await documentFor(uri);
  const state = await stateFor(deps.service, document);
  let event = id ? state.sidecar.events.find((e) => e.id === id) : undefined;
  if (!id) {
    const editor = vscode.window.activeTextEditor;
    if (editor && editor.document.uri.toString() === document.uri.toString()) {
      const t = targetFromEditor(state, editor, false, selection);
      const at = annotationsAt(state.sidecar, t.start).find((a) => a.kind === 'event');
      event = at?.kind === 'event' ? at.item : undefined;
    }
  }
  if (!event) throw new Error(id ? `no event ${id} in this article` : 'put the cursor on an event');
  return { state, event };
}

const nameOf = (s: Sidecar, id: string | undefined): string => {
  const m = id === undefined ? undefined : s.mentions.find((x) => x.id === id);
  return m ? `"${m.text}"` : '—';
};

/** Gives the event another type and sub-type from the workspace taxonomy (asked for when not given). */
export async function changeEventType(deps: CommandDeps, uriOrNode?: ItemArg, idArg?: string, typeArg?: string, subtypeArg?: string): Promise<string | undefined> {
  const { state, event } = await eventFor(deps, uriOrNode, idArg);
  const taxonomy = await deps.taxonomy();
  let type = typeArg;
  if (!type) {
    const items = taxonomy.types.map((x) => ({ label: x.name, description: x.name === event.type ? 'current' : '', detail: x.description }));
    items.sort((a, b) => Number(b.label === event.type) - Number(a.label === event.type));
    type = (await vscode.window.showQuickPick(items, { title: `Event type (ACLED) of "${event.text.slice(0, 60)}"` }))?.label;
    if (!type) return undefined;
  }
  let subtype = subtypeArg;
  if (!subtype) {
    const subs = taxonomy.types.find((x) => x.name === type)?.subtypes ?? [];
    const items = subs.map((x) => ({ label: x.name, description: type === event.type && x.name === event.subtype ? 'current' : '', detail: x.description }));
    items.sort((a, b) => Number(b.description === 'current') - Number(a.description === 'current'));
    subtype = (await vscode.window.showQuickPick(items, { title: `${type}: sub-type` }))?.label;
    if (!subtype) return undefined;
  }
  const [t, st] = [type, subtype];
  await deps.service.update(state.uri, (s, current) => retypeEvent(s, event.id, t, st, current.index), `Change event ${describe(event)} to ${t} / ${st}`);
  vscode.window.setStatusBarMessage(`Event ${event.id} is now ${t} / ${st}`, 4000);
  return event.id;
}

/**
 * Puts a mention into one of the event's roles: `role` and `mention` are asked for when not given (`null`:
 * nobody in that role). Making actor 2 actor 1 swaps the two.
 */
export async function changeEventRole(deps: CommandDeps, uriOrNode?: ItemArg, idArg?: string, roleArg?: EventRole, mentionArg?: string | null): Promise<string | undefined> {
  const { state, event } = await eventFor(deps, uriOrNode, idArg);
  // a role row of the Annotations view names its role
  let role = roleArg ?? (typeof uriOrNode === 'object' ? (uriOrNode as { role?: EventRole }).role : undefined);
  if (!role) {
    const items = EVENT_ROLES.map((r) => ({ label: `${ROLE_NAMES[r]}: ${nameOf(state.sidecar, event[r])}`, description: ROLE_MEANINGS[r], role: r }));
    role = (await vscode.window.showQuickPick(items, { title: `Role to change in ${describe(event)}` }))?.role;
    if (!role) return undefined;
  }
  let mention: string | null | undefined = mentionArg;
  if (mention === undefined) {
    mention = await pickMention(state, await deps.gazetteer(), roleLabels(role), `${ROLE_NAMES[role]} of ${describe(event)} (${ROLE_MEANINGS[role]})`, event, event[role]);
    if (mention === undefined) return undefined;
  }
  const gazetteer = await deps.gazetteer();
  const [r, m] = [role, mention ?? undefined];
  const name = nameOf(state.sidecar, m);
  await deps.service.update(state.uri, (s, current) => setEventRole(s, event.id, r, m, current.index, undefined, (x) => (x.entity ? gazetteer.get(x.entity)?.inter : undefined)), `Set ${ROLE_NAMES[r].toLowerCase()} of ${describe(event)} to ${name}`);
  vscode.window.setStatusBarMessage(`${ROLE_NAMES[r]} of ${describe(event)}: ${name}`, 4000);
  return event.id;
}
