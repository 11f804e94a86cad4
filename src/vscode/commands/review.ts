/** Reviewing annotations: tag mentions, accept, reject and remove items, step through suggestions, undo. */
import * as vscode from 'vscode';
import type { Mention, MentionLabel, Sidecar } from '../../core/model';
import { acceptAll, acceptItem, addMention, overlappingMentions, rejectItem, relabelMention, replaceOverlapping } from '../../core/review/mergeSuggestions';
import { occurrences } from '../../core/review/annotationQueries';
import { itemAtSelection, reviewItems, stepItem, type ReviewItem } from '../../core/review/reviewNavigation';
import { snapSelection } from '../../core/review/snapSelection';
import { generatedEntityId } from '../../core/detection/detect';
import type { Gazetteer } from '../../core/gazetteer/gazetteer';
import { contextOf } from '../../core/anchoring/reanchor';
import { TextIndex } from '../../core/text/textIndex';
import type { CommandDeps } from './commandDeps';
import { now, record } from '../perf';
import type { DocState } from '../annotationService';
import { documentFor, resolveTarget, stateFor, targetFromEditor, type ArticleState, type Target } from './documentTarget';

/** "Annotate This File": claims the file as an article, then runs detection now. */
export async function annotateFile(deps: CommandDeps, uri?: string): Promise<void> {
  const document = await documentFor(uri);
  if (document.languageId !== 'conflict-text') await vscode.languages.setTextDocumentLanguage(document, 'conflict-text');
  await deps.service.annotateNow(await documentFor(uri));
}

/** The gazetteer entity `quote` is exactly a spelling of (with that label, when given), else a generated id. */
function entityFor(gazetteer: Gazetteer, quote: string, label?: MentionLabel): string {
  const hit = gazetteer.match(quote).find((h) => h.start === 0 && h.end === quote.length && (!label || typeof h.entity === 'string' || h.entity.label === label));
  return hit ? (typeof hit.entity === 'string' ? hit.entity : hit.entity.id) : generatedEntityId(quote);
}

/** Shows the range (code points) selected in the article's editor, when it is the active one. */
function select(state: ArticleState, start: number, end: number): void {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.uri.toString() !== state.uri.toString()) return;
  const range = new vscode.Range(editor.document.positionAt(state.index.toUtf16(start)), editor.document.positionAt(state.index.toUtf16(end)));
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

const describeMention = (m: Pick<Mention, 'label' | 'text'>) => `${m.label} "${m.text}"`;

/** What to do with existing mentions of the same label that a new one overlaps (asked when one is accepted). */
export type OverlapChoice = 'replace' | 'keep';

export interface TagOptions {
  overlap?: OverlapChoice;
}

/**
 * Tags the selection (snapped to whole words, without surrounding punctuation) as an actor or place. A mention
 * of the same label it overlaps is replaced; when that one is accepted, the person is asked first.
 */
export async function tagMention(deps: CommandDeps, label: MentionLabel, target?: Target, options: TagOptions = {}): Promise<string> {
  const { state, target: t } = await resolveTarget(deps.service, target, false);
  const snapped = snapSelection(state.index, t.start, t.end);
  if (!snapped) throw new Error('select the name to tag');
  const quote = state.index.slice(snapped.start, snapped.end);
  const entity = entityFor(await deps.gazetteer(), quote, label);
  const overlapping = overlappingMentions(state.sidecar, snapped.start, snapped.end, label);
  let choice: OverlapChoice | undefined = options.overlap ?? 'replace';
  const accepted = overlapping.filter((m) => m.status === 'accepted');
  if (!options.overlap && accepted.length > 0) {
    const answer = await vscode.window.showWarningMessage(
      `"${quote}" overlaps the accepted ${accepted.map(describeMention).join(', ')}. Replace ${accepted.length > 1 ? 'them' : 'it'}?`,
      { modal: true },
      'Replace',
      'Keep Both',
    );
    choice = answer === 'Replace' ? 'replace' : answer === 'Keep Both' ? 'keep' : undefined;
  }
  if (!choice) return '';
  let id = '';
  const verb = choice === 'replace' && overlapping.length > 0 ? `Replace ${overlapping.map(describeMention).join(', ')} with` : 'Tag';
  await deps.service.update(state.uri, (s) => {
    const mention = { start: snapped.start, end: snapped.end, label, entity };
    // a manual item's id hashes who made it and when
    const by = deps.service.decidedBy();
    const r = choice === 'replace' ? replaceOverlapping(s, state.index, mention, by) : addMention(s, state.index, mention, by);
    id = r.id;
    return r.sidecar;
  }, `${verb} ${label} "${quote}"`);
  select(state, snapped.start, snapped.end);
  return id;
}

/** The suggestion (or, without `suggestedOnly`, any annotation) the selection is on. */
function itemUnderSelection(state: ArticleState, suggestedOnly: boolean): ReviewItem | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.uri.toString() !== state.uri.toString()) return undefined;
  const t = targetFromEditor(state, editor, false);
  const item = itemAtSelection(state.sidecar, t.start, t.end, suggestedOnly);
  return item && (!suggestedOnly || item.status === 'suggested') ? item : undefined;
}

/**
 * Moves the selection to the next (or previous) suggestion, or annotation of any kind, after the selection,
 * wrapping around. Returns the item's id; undefined when there is none.
 */
export async function goTo(deps: CommandDeps, direction: 1 | -1, suggestedOnly: boolean, from?: { start: number; end: number }): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) throw new Error('open an article first');
  const state = await stateFor(deps.service, editor.document);
  const at = from ?? targetFromEditor(state, editor, false);
  const item = stepItem(reviewItems(state.sidecar, suggestedOnly), at.start, at.end, direction);
  if (!item) {
    vscode.window.setStatusBarMessage(suggestedOnly ? 'No suggestions left to review in this article' : 'No annotations in this article', 4000);
    return undefined;
  }
  select(state, item.start, item.end);
  return item.id;
}

const itemName = (s: Sidecar, id: string): string => {
  const m = s.mentions.find((x) => x.id === id);
  if (m) return describeMention(m);
  const a = s.attributions.find((x) => x.id === id);
  if (a) return `attribution "${a.cue.text}"`;
  const e = s.events.find((x) => x.id === id);
  return e ? `event ${e.type} / ${e.subtype}` : id;
};

/**
 * Accepts (or rejects) the suggestion at the cursor, then moves on to the next one, as a reviewer does; with
 * no suggestion at the cursor it only moves on. Returns the id of the suggestion decided on.
 */
export async function decideAndNext(deps: CommandDeps, accept: boolean): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) throw new Error('open an article first');
  const state = await stateFor(deps.service, editor.document);
  const item = itemUnderSelection(state, true);
  if (!item) {
    await goTo(deps, 1, true);
    return undefined;
  }
  const name = itemName(state.sidecar, item.id);
  // the change is applied at once and written in the background: move on without waiting for the disk
  const t0 = now();
  const written = deps.service.update(state.uri, (s, current) => (accept ? acceptItem(s, item.id, current.index) : rejectItem(s, item.id, current.index)), `${accept ? 'Accept' : 'Reject'} ${name}`);
  await goTo(deps, 1, true, item);
  record(accept ? 'acceptAndNext' : 'rejectAndNext', now() - t0);
  await written;
  return item.id;
}

/** Gives the mention at the cursor the other label (ACTOR ↔ PLACE); it counts as the person's annotation. */
export async function changeLabel(deps: CommandDeps, uriOrNode?: ItemArg, idArg?: string, to?: MentionLabel): Promise<string | undefined> {
  const [uri, id] = itemArgs(uriOrNode, idArg);
  const state = await stateFor(deps.service, await documentFor(uri));
  const mentionId = id ?? (() => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return undefined;
    const t = targetFromEditor(state, editor, false);
    return state.sidecar.mentions.find((m) => !m.orphan && (t.start < t.end ? m.start < t.end && t.start < m.end : m.start <= t.start && t.start <= m.end))?.id;
  })();
  const m = mentionId ? state.sidecar.mentions.find((x) => x.id === mentionId) : undefined;
  if (!m) throw new Error('put the cursor on an actor or a place');
  const label: MentionLabel = to ?? (m.label === 'ACTOR' ? 'PLACE' : 'ACTOR');
  const entity = entityFor(await deps.gazetteer(), m.text, label);
  await deps.service.update(state.uri, (s, current) => relabelMention(s, m.id, label, entity, current.index), `Change ${describeMention(m)} to ${label}`);
  vscode.window.setStatusBarMessage(`"${m.text}" is now ${label === 'ACTOR' ? 'an actor' : 'a place'}`, 4000);
  return m.id;
}

/** Undo (-1) or redo (+1) of the latest annotation action in the article; returns what was undone or redone. */
export async function undoRedoAnnotation(deps: CommandDeps, direction: -1 | 1, uri?: string): Promise<string | undefined> {
  const document = await documentFor(uri);
  const state = await stateFor(deps.service, document);
  const entry = await deps.service.undoRedo(state.uri, direction);
  vscode.window.setStatusBarMessage(entry ? `${direction === -1 ? 'Undone' : 'Redone'}: ${entry.label}` : `No annotation change to ${direction === -1 ? 'undo' : 'redo'}`, 4000);
  if (!entry) return undefined;
  // back to where the change was, as a reviewer expects after taking a decision back
  const ids = [...entry.patch.mentions, ...entry.patch.attributions, ...entry.patch.events].map((c) => c.id);
  const item = reviewItems(state.sidecar, false).find((x) => ids.includes(x.id));
  if (item && vscode.window.activeTextEditor?.document.uri.toString() === document.uri.toString()) select(state, item.start, item.end);
  return entry.label;
}

export async function annotateAll(deps: CommandDeps, target?: Target, label?: MentionLabel): Promise<number> {
  const { state, target: selected } = await resolveTarget(deps.service, target, false);
  const t = snapSelection(state.index, selected.start, selected.end);
  if (!t) throw new Error('select the text whose occurrences you want to annotate');
  const quote = state.index.slice(t.start, t.end);
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
  const entity = entityFor(await deps.gazetteer(), quote, chosenLabel);
  const by = deps.service.decidedBy();
  await deps.service.update(state.uri, (s) => chosen.reduce((acc, o) => addMention(acc, state.index, { ...o, label: chosenLabel, entity }, by).sidecar, s), `Tag ${chosen.length} × ${chosenLabel} "${quote}"`);
  return chosen.length;
}

/** Item commands take (uri, id) from code actions and a tree node ({ item: { uri, id } }) from the Annotations view. */
export type ItemArg = string | { item?: { uri: string; id: string } };

export function itemArgs(uriOrNode?: ItemArg, id?: string): [string | undefined, string | undefined] {
  if (uriOrNode && typeof uriOrNode === 'object') return [uriOrNode.item?.uri, uriOrNode.item?.id];
  return [uriOrNode, id];
}

export function itemCommand(deps: CommandDeps, change: (s: Sidecar, id: string, state: DocState) => Sidecar, verb: string) {
  return async (uriOrNode?: ItemArg, idArg?: string) => {
    // the cursor where the command was invoked: it may move on while the document loads
    const selection = vscode.window.activeTextEditor?.selection;
    const [uri, id] = itemArgs(uriOrNode, idArg);
    const document = await documentFor(uri);
    const state = await stateFor(deps.service, document);
    let itemId = id;
    if (!itemId) {
      const editor = vscode.window.activeTextEditor;
      if (editor && editor.document.uri.toString() === document.uri.toString()) {
        const t = targetFromEditor(state, editor, false, selection);
        itemId = itemAtSelection(state.sidecar, t.start, t.end, verb !== 'Remove')?.id;
      }
      if (!itemId) throw new Error('put the cursor on an annotation');
    }
    const finalId = itemId;
    await deps.service.update(state.uri, (s, current) => change(s, finalId, current), `${verb} ${itemName(state.sidecar, finalId)}`);
  };
}

/** Accepts every suggestion of the document, or those of `ids` (the suggestions in a selection). */
export async function acceptAllIn(deps: CommandDeps, uri?: string, ids?: readonly string[]): Promise<void> {
  const state = await stateFor(deps.service, await documentFor(uri));
  if (ids) await deps.service.update(state.uri, (s, current) => ids.reduce((acc, id) => acceptItem(acc, id, current.index), s), `Accept ${ids.length} suggestions`);
  else await deps.service.update(state.uri, (s, current) => acceptAll(s, current.index), 'Accept all suggestions');
}

export async function markReviewed(deps: CommandDeps, uri?: string): Promise<void> {
  const state = await stateFor(deps.service, await documentFor(uri));
  // reviewed means "train on it": not while a merge left decisions two annotators disagree on
  const open = state.sidecar.conflicts?.length ?? 0;
  if (open > 0) throw new Error(`${open} merge conflict(s) are not settled yet; settle them first ("Settle the Next Conflict…" or the quick fixes in Problems)`);
  await deps.service.update(state.uri, (s) => ({ ...s, document: { ...s.document, status: 'reviewed' } }), 'Mark document reviewed');
  vscode.window.setStatusBarMessage('Document marked reviewed: all its annotations go into training data', 4000);
}

/** Moves an orphaned mention or event onto the current selection. */
export async function reattachOrphan(deps: CommandDeps, uriOrNode?: ItemArg, idArg?: string): Promise<void> {
  const [uri, id] = itemArgs(uriOrNode, idArg);
  const editor = vscode.window.activeTextEditor;
  const state = await stateFor(deps.service, await documentFor(uri));
  if (!editor || editor.selection.isEmpty) throw new Error('select the text the orphaned annotation belongs to, then run this again');
  const selected = targetFromEditor(state, editor, false);
  const t = snapSelection(state.index, selected.start, selected.end) ?? selected;
  const quote = state.index.slice(t.start, t.end);
  const ctx = contextOf(state.index, t.start, t.end);
  await deps.service.update(state.uri, (s) => ({
    ...s,
    mentions: s.mentions.map((m) => (m.id === id ? { ...m, start: t.start, end: t.end, text: quote, ...ctx, orphan: undefined } : m)),
    events: s.events.map((e) => (e.id === id ? { ...e, start: t.start, end: t.end, text: quote, ...ctx, orphan: undefined } : e)),
  }), `Re-attach ${id} to "${quote}"`);
}

export async function reveal(uri: string, start: number, end: number): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const editor = await vscode.window.showTextDocument(document);
  const index = new TextIndex(document.getText());
  const range = new vscode.Range(document.positionAt(index.toUtf16(start)), document.positionAt(index.toUtf16(end)));
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
