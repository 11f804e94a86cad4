/**
 * The review status of the active article: a status bar item ("Review 12/240"; a click goes to the next
 * suggestion) and the context keys keybindings and menus depend on (can Ctrl+Z undo an annotation action, is
 * the cursor on a suggestion, is there anything left to review). Counts come from core annotationCounts.
 */
import * as vscode from 'vscode';
import { annotationCounts, formatProgress, reviewProgress } from '../core/review/annotationCounts';
import { itemAtSelection } from '../core/review/reviewNavigation';
import type { AnnotationService } from './annotationService';
import { COMMANDS, CONTEXT_KEYS, LANGUAGE_ID } from './ids';

export class ReviewStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('conflictAnnotator.review', vscode.StatusBarAlignment.Right, 100);
  private readonly contexts = new Map<string, boolean>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly service: AnnotationService) {
    this.item.name = 'Conflict Annotator: review progress';
    this.subscriptions = [
      this.item,
      service.onDidChange((uri) => {
        if (vscode.window.activeTextEditor?.document.uri.toString() === uri.toString()) this.refresh();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor === vscode.window.activeTextEditor) this.refreshCursor(e.textEditor);
      }),
    ];
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }

  private setContext(key: string, value: boolean): void {
    if (this.contexts.get(key) === value) return;
    this.contexts.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  }

  private stateOf(editor: vscode.TextEditor | undefined) {
    return editor && editor.document.languageId === LANGUAGE_ID ? this.service.get(editor.document.uri) : undefined;
  }

  /** The context keys that depend on where the cursor is. */
  private refreshCursor(editor: vscode.TextEditor | undefined): void {
    const state = this.stateOf(editor);
    let atSuggestion = false;
    let atAnnotation = false;
    if (state?.sidecar && editor) {
      const start = state.index.toCodePoint(editor.document.offsetAt(editor.selection.start));
      const end = state.index.toCodePoint(editor.document.offsetAt(editor.selection.end));
      const item = itemAtSelection(state.sidecar, start, end, true);
      atAnnotation = item !== undefined;
      atSuggestion = item?.status === 'suggested';
    }
    this.setContext(CONTEXT_KEYS.atSuggestion, atSuggestion);
    this.setContext(CONTEXT_KEYS.atAnnotation, atAnnotation);
  }

  refresh(editor = vscode.window.activeTextEditor): void {
    const state = this.stateOf(editor);
    this.setContext(CONTEXT_KEYS.canUndoAnnotation, state ? this.service.undoable(state) !== undefined : false);
    this.setContext(CONTEXT_KEYS.canRedoAnnotation, state ? this.service.redoable(state) !== undefined : false);
    this.refreshCursor(editor);
    if (!state) {
      this.setContext(CONTEXT_KEYS.review, false);
      this.item.hide();
      return;
    }
    if (!state.sidecar) {
      this.setContext(CONTEXT_KEYS.review, false);
      this.item.text = '$(warning) sidecar has errors';
      this.item.tooltip = state.error ?? 'See Problems';
      this.item.command = 'workbench.actions.view.problems';
      this.item.show();
      return;
    }
    const s = state.sidecar;
    const counts = annotationCounts(s);
    const progress = reviewProgress(counts);
    this.setContext(CONTEXT_KEYS.review, !progress.done);
    const extras = [
      counts.orphaned ? `$(warning) ${counts.orphaned} orphaned` : '',
      s.document.status === 'reviewed' ? 'reviewed' : '',
      state.pendingWrite ? 'unsaved' : '',
    ].filter(Boolean);
    this.item.text = `${progress.done ? '$(pass-filled)' : '$(checklist)'} Review ${formatProgress(progress)}${extras.length ? ` · ${extras.join(' · ')}` : ''}`;
    const undo = this.service.undoable(state);
    this.item.tooltip = [
      `${progress.decided} of ${progress.total} decided: ${counts.accepted} accepted, ${counts.rejected} rejected; ${counts.suggested} suggestions left.`,
      `${counts.mentions.ACTOR.accepted + counts.mentions.ACTOR.suggested} actors, ${counts.mentions.PLACE.accepted + counts.mentions.PLACE.suggested} places, ${counts.attributions.named + counts.attributions.anonymous} attributions, ${counts.events} events${counts.orphaned ? `, ${counts.orphaned} orphaned` : ''}.`,
      state.notice ?? '',
      progress.done ? 'Nothing left to review.' : 'Click: go to the next suggestion (Ctrl+Alt+Down).',
      undo ? `Ctrl+Z undoes: ${undo.label}` : '',
    ].filter(Boolean).join('\n');
    this.item.command = progress.done ? undefined : COMMANDS.nextSuggestion.id;
    this.item.show();
  }
}
