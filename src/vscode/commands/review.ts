/** Reviewing annotations: tag mentions, accept, reject and remove items, orphans, and revealing an annotation. */
import * as vscode from 'vscode';
import type { MentionLabel, Sidecar } from '../../core/model';
import { acceptAll, addMention } from '../../core/review/mergeSuggestions';
import { occurrences } from '../../core/review/annotationQueries';
import { generatedEntityId } from '../../core/detection/detect';
import { contextOf } from '../../core/anchoring/reanchor';
import { TextIndex } from '../../core/text/textIndex';
import type { CommandDeps } from './commandDeps';
import type { DocState } from '../annotationService';
import { documentFor, resolveTarget, stateFor, targetFromEditor, type Target } from './documentTarget';

/** "Annotate This File": claims the file as an article, then runs detection now. */
export async function annotateFile(deps: CommandDeps, uri?: string): Promise<void> {
  const document = await documentFor(uri);
  if (document.languageId !== 'conflict-text') await vscode.languages.setTextDocumentLanguage(document, 'conflict-text');
  await deps.service.annotateNow(await documentFor(uri));
}

export async function tagMention(deps: CommandDeps, label: MentionLabel, target?: Target): Promise<string> {
  const { state, target: t } = await resolveTarget(deps.service, target, false);
  if (t.start >= t.end) throw new Error('select the name to tag');
  const quote = state.index.slice(t.start, t.end).trim();
  const hit = (await deps.gazetteer()).match(quote).find((h) => h.start === 0 && h.end === quote.length);
  const entity = hit ? (typeof hit.entity === 'string' ? hit.entity : hit.entity.id) : generatedEntityId(quote);
  let id = '';
  await deps.service.update(state.uri, (s) => {
    const r = addMention(s, state.index, { start: t.start, end: t.end, label, entity }, deps.service.decidedBy());
    id = r.id;
    return r.sidecar;
  });
  return id;
}

export async function annotateAll(deps: CommandDeps, target?: Target, label?: MentionLabel): Promise<number> {
  const { state, target: t } = await resolveTarget(deps.service, target, false);
  const quote = state.index.slice(t.start, t.end);
  if (!quote.trim()) throw new Error('select the text whose occurrences you want to annotate');
  const chosenLabel = label ?? ((await vscode.window.showQuickPick(['ACTOR', 'PLACE'], { title: `Annotate every "${quote}" as` })) as MentionLabel | undefined);
  if (!chosenLabel) return 0;
  const found = occurrences(state.text, quote).filter((o) => !state.sidecar.mentions.some((m) => !m.orphan && m.label === chosenLabel && m.start === o.start && m.end === o.end && m.status === 'accepted'));
  let chosen = found;
  if (!label) {
    // preview: every occurrence with its line, all ticked; untick the ones that are not this name
    const items = found.map((o) => {
      const ctx = contextOf(state.index, o.start, o.end);
      return { label: `${ctx.prefix.split('\n').pop()}[${quote}]${ctx.suffix.split('\n')[0]}`, picked: true, o };
    });
    const picks = await vscode.window.showQuickPick(items, { canPickMany: true, title: `${found.length} occurrences of "${quote}"` });
    if (!picks) return 0;
    chosen = picks.map((p) => p.o);
  }
  const hit = (await deps.gazetteer()).match(quote.trim()).find((h) => h.start === 0);
  const entity = hit ? (typeof hit.entity === 'string' ? hit.entity : hit.entity.id) : generatedEntityId(quote);
  const by = deps.service.decidedBy();
  await deps.service.update(state.uri, (s) => chosen.reduce((acc, o) => addMention(acc, state.index, { ...o, label: chosenLabel, entity }, by).sidecar, s));
  return chosen.length;
}

/** Item commands take (uri, id) from code actions and a tree node ({ item: { uri, id } }) from the Annotations view. */
export type ItemArg = string | { item?: { uri: string; id: string } };

export function itemArgs(uriOrNode?: ItemArg, id?: string): [string | undefined, string | undefined] {
  if (uriOrNode && typeof uriOrNode === 'object') return [uriOrNode.item?.uri, uriOrNode.item?.id];
  return [uriOrNode, id];
}

export function itemCommand(deps: CommandDeps, change: (s: Sidecar, id: string, state: DocState) => Sidecar) {
  return async (uriOrNode?: ItemArg, idArg?: string) => {
    const [uri, id] = itemArgs(uriOrNode, idArg);
    const document = await documentFor(uri);
    const state = await stateFor(deps.service, document);
    let itemId = id;
    if (!itemId) {
      const editor = vscode.window.activeTextEditor;
      const offset = editor ? state.index.toCodePoint(document.offsetAt(editor.selection.active)) : -1;
      itemId = [...state.sidecar.mentions, ...state.sidecar.events].find((m) => m.start <= offset && offset < m.end)?.id
        ?? state.sidecar.attributions.find((a) => a.cue.start <= offset && offset < a.cue.end)?.id;
      if (!itemId) throw new Error('put the cursor on an annotation');
    }
    const finalId = itemId;
    await deps.service.update(state.uri, (s, current) => change(s, finalId, current));
  };
}

export async function acceptAllIn(deps: CommandDeps, uri?: string): Promise<void> {
  const state = await stateFor(deps.service, await documentFor(uri));
  await deps.service.update(state.uri, (s, current) => acceptAll(s, current.index));
}

export async function markReviewed(deps: CommandDeps, uri?: string): Promise<void> {
  const state = await stateFor(deps.service, await documentFor(uri));
  await deps.service.update(state.uri, (s) => ({ ...s, document: { ...s.document, status: 'reviewed' } }));
  vscode.window.setStatusBarMessage('Document marked reviewed: all its annotations go into training data', 4000);
}

/** Moves an orphaned mention or event onto the current selection. */
export async function reattachOrphan(deps: CommandDeps, uriOrNode?: ItemArg, idArg?: string): Promise<void> {
  const [uri, id] = itemArgs(uriOrNode, idArg);
  const editor = vscode.window.activeTextEditor;
  const state = await stateFor(deps.service, await documentFor(uri));
  if (!editor || editor.selection.isEmpty) throw new Error('select the text the orphaned annotation belongs to, then run this again');
  const t = targetFromEditor(state, editor, false);
  const quote = state.index.slice(t.start, t.end);
  const ctx = contextOf(state.index, t.start, t.end);
  await deps.service.update(state.uri, (s) => ({
    ...s,
    mentions: s.mentions.map((m) => (m.id === id ? { ...m, start: t.start, end: t.end, text: quote, ...ctx, orphan: undefined } : m)),
    events: s.events.map((e) => (e.id === id ? { ...e, start: t.start, end: t.end, text: quote, ...ctx, orphan: undefined } : e)),
  }));
}

export async function reveal(uri: string, start: number, end: number): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const editor = await vscode.window.showTextDocument(document);
  const index = new TextIndex(document.getText());
  const range = new vscode.Range(document.positionAt(index.toUtf16(start)), document.positionAt(index.toUtf16(end)));
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
