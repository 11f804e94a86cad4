/** Problems for invalid sidecars, orphaned annotations and event codings ACLED would not accept. */
import * as vscode from 'vscode';
import { validateSidecar } from '../core/sidecar/validateSidecar';
import { eventCodingProblems } from '../core/events/codingProblems';
import { sidecarPathFor } from '../core/sidecar/sidecarFormat';
import type { DocState } from './annotationService';
import { DIAGNOSTIC_CODES, DIAGNOSTIC_SOURCE } from './ids';

export class AnnotationDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);

  dispose(): void {
    this.collection.dispose();
  }

  update(state: DocState): void {
    const sidecarUri = vscode.Uri.file(sidecarPathFor(state.uri.fsPath));
    const onSidecar: vscode.Diagnostic[] = [];
    const onText: vscode.Diagnostic[] = [];
    const lineRange = (line: number) => new vscode.Range(Math.max(0, line - 1), 0, Math.max(0, line - 1), 1000);
    if (state.error) onText.push(this.diagnostic(new vscode.Range(0, 0, 0, 0), state.error, vscode.DiagnosticSeverity.Error, DIAGNOSTIC_CODES.sidecar));
    for (const p of state.problems) {
      if (p.code === 'conflict-markers') continue; // ConflictDiagnostics, with its quick fix
      onSidecar.push(this.diagnostic(lineRange(p.line), p.message, p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning, DIAGNOSTIC_CODES.sidecar));
    }
    if (state.sidecar) {
      // quotes and references are checked against the editor's text, as they are now
      for (const p of validateSidecar(state.sidecar, state.index, { locate: state.loaded?.locate })) {
        // orphans get their own diagnostic on the text below (with quick fixes); a changed text is re-anchored
        // merge conflicts are ConflictDiagnostics' (with quick fixes)
        if (p.code === 'orphan' || p.code === 'stale' || p.code === 'unsettled-conflict') continue;
        onSidecar.push(this.diagnostic(lineRange(p.line), p.message, p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning, DIAGNOSTIC_CODES.sidecar));
      }
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === state.uri.toString());
      for (const item of [...state.sidecar.mentions, ...state.sidecar.events]) {
        if (!item.orphan || !doc) continue;
        const at = doc.positionAt(state.index.toUtf16(Math.min(item.start, state.index.length)));
        const d = this.diagnostic(new vscode.Range(at, at), `Orphaned annotation ${item.id} ("${item.text}"): its text could not be found with confidence after the article changed. Select the right text and re-attach it, or delete it.`, vscode.DiagnosticSeverity.Warning, DIAGNOSTIC_CODES.orphan);
        (d as vscode.Diagnostic & { itemId?: string }).itemId = item.id;
        onText.push(d);
      }
      // on the event's own words, where the person who retyped it or changed a role looks
      for (const e of state.sidecar.events) {
        if (e.orphan || !doc) continue;
        const problems = eventCodingProblems(e, state.sidecar.mentions);
        if (problems.length === 0) continue;
        const range = new vscode.Range(doc.positionAt(state.index.toUtf16(Math.min(e.start, state.index.length))), doc.positionAt(state.index.toUtf16(Math.min(e.end, state.index.length))));
        for (const p of problems) {
          const d = this.diagnostic(range, `${e.type} / ${e.subtype}: ${p.message}`, vscode.DiagnosticSeverity.Warning, DIAGNOSTIC_CODES.eventCoding);
          (d as vscode.Diagnostic & { itemId?: string }).itemId = e.id;
          onText.push(d);
        }
      }
    }
    this.collection.set(sidecarUri, onSidecar);
    this.collection.set(state.uri, onText);
  }

  private diagnostic(range: vscode.Range, message: string, severity: vscode.DiagnosticSeverity, code: string): vscode.Diagnostic {
    const d = new vscode.Diagnostic(range, message, severity);
    d.source = DIAGNOSTIC_SOURCE;
    d.code = code;
    return d;
  }
}
