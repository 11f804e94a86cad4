/** Lightbulb actions on a selection or at the cursor; each runs a command from commands/. */
import * as vscode from 'vscode';
import { annotationsIn, type AnnotationAt } from '../core/review/annotationQueries';
import { EVENT_ROLES, ROLE_NAMES, roleLabels } from '../core/review/editEvent';
import type { AnnotationService } from './annotationService';
import { COMMANDS, DIAGNOSTIC_CODES, DIAGNOSTIC_SOURCE } from './ids';

const KIND = vscode.CodeActionKind.QuickFix.append('conflictAnnotator');
const startOf = (a: AnnotationAt): number => (a.kind === 'attribution' ? a.item.cue.start : a.item.start);

export class AnnotationCodeActions implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [KIND];

  constructor(private readonly service: AnnotationService) {}

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const state = await this.service.open(document);
    if (!state?.sidecar) return [];
    const uri = document.uri.toString();
    const start = state.index.toCodePoint(document.offsetAt(range.start));
    const end = state.index.toCodePoint(document.offsetAt(range.end));
    const target = { uri, start, end };
    const actions: vscode.CodeAction[] = [];
    const action = (title: string, command: string, args: unknown[], preferred = false) => {
      const a = new vscode.CodeAction(title, KIND);
      a.command = { command, title, arguments: args };
      a.isPreferred = preferred;
      actions.push(a);
    };
    // an empty selection tags the sentence under the cursor
    action('Tag as event…', COMMANDS.tagEvent.id, start === end ? [] : [target]);
    if (start < end) {
      action('Tag as actor', COMMANDS.tagActor.id, [target]);
      action('Tag as place', COMMANDS.tagPlace.id, [target]);
      action('Annotate all occurrences of this text…', COMMANDS.annotateAllOccurrences.id, [target]);
      action('Add as alias of an entity…', COMMANDS.addAlias.id, [target]);
    }
    // every annotation in the selection, in text order (a sentence easily holds six or more)
    const inSelection = annotationsIn(state.sidecar, start, end).sort((a, b) => startOf(a) - startOf(b));
    const suggested = inSelection.filter((f) => f.item.status === 'suggested').map((f) => f.item.id);
    if (suggested.length > 1) action(`Accept the ${suggested.length} suggestions in the selection`, COMMANDS.acceptAll.id, [uri, suggested]);
    for (const found of inSelection) {
      const item = found.item;
      const name = found.kind === 'mention' ? `${found.item.label.toLowerCase()} "${found.item.text}"` : found.kind === 'event' ? `event ${found.item.type}` : `attribution "${found.item.cue.text}"`;
      if (item.status === 'suggested') {
        action(`Accept suggestion: ${name}`, COMMANDS.acceptSuggestion.id, [uri, item.id], true);
        action(`Reject suggestion: ${name}`, COMMANDS.rejectSuggestion.id, [uri, item.id]);
      } else {
        action(`Remove annotation: ${name}`, COMMANDS.removeAnnotation.id, [uri, item.id]);
      }
    }
    eventEdits(inSelection, uri, action);
    if ([...state.sidecar.mentions, ...state.sidecar.attributions, ...state.sidecar.events].some((x) => x.status === 'suggested' && !x.orphan)) {
      action('Accept all suggestions in document', COMMANDS.acceptAll.id, [uri]);
    }
    for (const d of context.diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE || d.code !== DIAGNOSTIC_CODES.orphan) continue;
      const id = (d as vscode.Diagnostic & { itemId?: string }).itemId ?? /\b([mae](?:\d+|-[0-9a-f]{6,16}))\b/.exec(d.message)?.[1];
      if (!id) continue;
      action(`Re-attach ${id} to the selection`, COMMANDS.reattachOrphan.id, [uri, id]);
      action(`Delete orphaned ${id}`, COMMANDS.deleteOrphan.id, [uri, id]);
    }
    return actions;
  }
}

/**
 * An event's type and roles, from its span: change the type, change a role with a picker, and, for each actor
 * or place selected inside it (or at the cursor), put it straight into a role it does not hold yet.
 */
function eventEdits(found: readonly AnnotationAt[], uri: string, action: (title: string, command: string, args: unknown[]) => void): void {
  const events = found.filter((f): f is Extract<AnnotationAt, { kind: 'event' }> => f.kind === 'event').map((f) => f.item);
  const mentions = found.filter((f): f is Extract<AnnotationAt, { kind: 'mention' }> => f.kind === 'mention').map((f) => f.item);
  for (const e of events) {
    const name = `${e.type} / ${e.subtype}`;
    action(`Change type of event ${name}…`, COMMANDS.changeEventType.id, [uri, e.id]);
    action(`Change a role of event ${name}…`, COMMANDS.changeEventRole.id, [uri, e.id]);
    for (const m of mentions) {
      if (m.start < e.start || m.end > e.end) continue;
      for (const role of EVENT_ROLES) {
        if (e[role] === m.id || !roleLabels(role).includes(m.label)) continue;
        const swap = (role === 'actor1' && e.actor2 === m.id) || (role === 'actor2' && e.actor1 === m.id) ? ' (swap the actors)' : '';
        action(`Make "${m.text}" ${ROLE_NAMES[role].toLowerCase()} of event ${e.type}${swap}`, COMMANDS.changeEventRole.id, [uri, e.id, role, m.id]);
      }
    }
  }
}
