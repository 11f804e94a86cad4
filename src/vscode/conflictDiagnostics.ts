/**
 * Problems for what a merge left to settle: each open entry of the sidecar's `conflicts:` list on the item in
 * the article (and on its line in the sidecar), and git's `<<<<<<<` markers when a sidecar was merged as text.
 * Their quick fixes are ConflictActions; the message carries the conflict's id, since a diagnostic comes back
 * to the code action provider as a copy without extra fields.
 */
import * as vscode from 'vscode';
import { describeConflict } from '../core/sidecar/describeConflict';
import { sidecarPathFor } from '../core/sidecar/sidecarFormat';
import type { DocState } from './annotationService';
import { conflictSpan } from './commands/teams';
import { DIAGNOSTIC_CODES, DIAGNOSTIC_SOURCE } from './ids';

/** `Merge conflict on m-3f9a1c: …`: the id is read back from here by the quick fixes. */
export const CONFLICT_MESSAGE = /^Merge conflict on (\S+):/;

export class ConflictDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(`${DIAGNOSTIC_SOURCE}.conflicts`);

  dispose(): void {
    this.collection.dispose();
  }

  update(state: DocState): void {
    const sidecarUri = vscode.Uri.file(sidecarPathFor(state.uri.fsPath));
    const onText: vscode.Diagnostic[] = [];
    const onSidecar: vscode.Diagnostic[] = [];
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === state.uri.toString());
    const at = (offset: number) => (doc ? doc.positionAt(state.index.toUtf16(Math.min(offset, state.index.length))) : new vscode.Position(0, 0));
    const line = (n: number) => new vscode.Range(Math.max(0, n - 1), 0, Math.max(0, n - 1), 1000);
    const markers = state.problems.find((p) => p.code === 'conflict-markers');
    if (markers) {
      const message = `The sidecar holds git's conflict markers (line ${markers.line}): it was merged as text. Merge its two versions by item to go on.`;
      onText.push(this.diagnostic(new vscode.Range(0, 0, 0, 0), message, DIAGNOSTIC_CODES.conflictMarkers));
      onSidecar.push(this.diagnostic(line(markers.line), message, DIAGNOSTIC_CODES.conflictMarkers));
    }
    state.sidecar?.conflicts?.forEach((c, i) => {
      const message = `Merge conflict on ${c.id}: ${describeConflict(c)}. Take mine, take theirs or keep both.`;
      const span = conflictSpan(state.sidecar!, c);
      onText.push(this.diagnostic(span ? new vscode.Range(at(span.start), at(span.end)) : new vscode.Range(0, 0, 0, 0), message, DIAGNOSTIC_CODES.conflict));
      onSidecar.push(this.diagnostic(line(state.loaded?.locate(`conflicts[${i}]`) ?? 1), message, DIAGNOSTIC_CODES.conflict));
    });
    this.collection.set(state.uri, onText);
    this.collection.set(sidecarUri, onSidecar);
  }

  private diagnostic(range: vscode.Range, message: string, code: string): vscode.Diagnostic {
    const d = new vscode.Diagnostic(range, message, vscode.DiagnosticSeverity.Error);
    d.source = DIAGNOSTIC_SOURCE;
    d.code = code;
    return d;
  }
}
