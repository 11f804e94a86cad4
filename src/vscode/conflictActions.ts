/**
 * Quick fixes on the problems of ConflictDiagnostics, in the article and in its sidecar: take mine, take theirs,
 * keep both for a conflict; merge the two versions by item for a sidecar with conflict markers.
 */
import * as vscode from 'vscode';
import { sidecarPathFor } from '../core/sidecar/sidecarFormat';
import type { AnnotationService } from './annotationService';
import { CONFLICT_MESSAGE } from './conflictDiagnostics';
import { COMMANDS, DIAGNOSTIC_CODES, DIAGNOSTIC_SOURCE } from './ids';

const KIND = vscode.CodeActionKind.QuickFix.append('conflictAnnotator.conflict');

export class ConflictActions implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [KIND];

  constructor(private readonly service: AnnotationService) {}

  /** The article a document is, or whose sidecar it is. */
  private articleOf(document: vscode.TextDocument): vscode.Uri | undefined {
    if (!document.uri.fsPath.endsWith('.ann.yaml')) return document.uri;
    return this.service.all().find((s) => sidecarPathFor(s.uri.fsPath) === document.uri.fsPath)?.uri;
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const article = this.articleOf(document);
    if (!article) return [];
    const uri = article.toString();
    const state = this.service.get(article);
    const actions: vscode.CodeAction[] = [];
    const action = (title: string, command: string, args: unknown[], diagnostic: vscode.Diagnostic, preferred = false) => {
      const a = new vscode.CodeAction(title, KIND);
      a.command = { command, title, arguments: args };
      a.diagnostics = [diagnostic];
      a.isPreferred = preferred;
      actions.push(a);
    };
    for (const d of context.diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      if (d.code === DIAGNOSTIC_CODES.conflictMarkers) {
        action('Merge the two versions by item (conflicts to settle one by one)', COMMANDS.resolveMarkers.id, [uri], d, true);
        continue;
      }
      if (d.code !== DIAGNOSTIC_CODES.conflict) continue;
      const id = CONFLICT_MESSAGE.exec(d.message)?.[1];
      const c = id ? state?.sidecar?.conflicts?.find((x) => x.id === id) : undefined;
      if (!c) continue;
      action(c.ours ? `Take mine (ours) for ${c.id}` : `Take mine for ${c.id}: remove it`, COMMANDS.settleConflict.id, [uri, c.id, 'ours'], d, true);
      action(c.theirs ? `Take theirs for ${c.id}` : `Take theirs for ${c.id}: remove it`, COMMANDS.settleConflict.id, [uri, c.id, 'theirs'], d);
      if (c.ours && c.theirs) action(`Keep both for ${c.id}`, COMMANDS.settleConflict.id, [uri, c.id, 'both'], d);
    }
    return actions;
  }
}
