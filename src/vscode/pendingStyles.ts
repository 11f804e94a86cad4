/**
 * Instant feedback for review decisions. Semantic tokens repaint only after the editor asks the extension host
 * again (two round trips, queued behind whatever the host is doing, such as writing the sidecar); a decoration
 * is pushed in the same turn as the decision. So an accepted span turns bold, a rejected one plain, an undone
 * one italic at once, and the decorations go once the tokens that say the same have been served.
 */
import * as vscode from 'vscode';
import type { SidecarPatch } from '../core/review/annotationHistory';
import type { Span } from '../core/model';
import type { AnnotationService } from './annotationService';

type Look = 'accepted' | 'suggested' | 'plain';

export class PendingStyles implements vscode.Disposable {
  private readonly looks: Record<Look, vscode.TextEditorDecorationType> = {
    accepted: vscode.window.createTextEditorDecorationType({ fontWeight: 'bold', fontStyle: 'normal' }),
    suggested: vscode.window.createTextEditorDecorationType({ fontWeight: 'normal', fontStyle: 'italic' }),
    plain: vscode.window.createTextEditorDecorationType({ fontWeight: 'normal', fontStyle: 'normal', color: new vscode.ThemeColor('editor.foreground'), textDecoration: 'none' }),
  };
  private readonly pending = new Map<string, { spans: Record<Look, Span[]>; timer?: ReturnType<typeof setTimeout> }>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly service: AnnotationService) {
    this.subscriptions = [service.onDidDecide(({ uri, patch }) => this.show(uri, patch))];
  }

  dispose(): void {
    for (const p of this.pending.values()) clearTimeout(p.timer);
    for (const d of [...this.subscriptions, ...Object.values(this.looks)]) d.dispose();
  }

  private show(uri: vscode.Uri, patch: SidecarPatch): void {
    const key = uri.toString();
    const entry = this.pending.get(key) ?? { spans: { accepted: [], suggested: [], plain: [] } };
    clearTimeout(entry.timer);
    entry.timer = undefined;
    const put = (look: Look, span: Span | undefined) => {
      if (!span) return;
      for (const l of Object.keys(entry.spans) as Look[]) entry.spans[l] = entry.spans[l].filter((s) => s.start !== span.start || s.end !== span.end);
      entry.spans[look].push(span);
    };
    const lookOf = (x: { status: string; orphan?: boolean } | undefined): Look => (!x || x.orphan ? 'plain' : x.status === 'accepted' ? 'accepted' : 'suggested');
    for (const c of patch.mentions) put(lookOf(c.after), c.after ?? c.before);
    for (const c of patch.attributions) {
      const look = lookOf(c.after);
      const a = c.after ?? c.before;
      put(look, a?.cue);
      put(look, a?.source);
    }
    this.pending.set(key, entry);
    this.paint(key);
  }

  private paint(key: string): void {
    const entry = this.pending.get(key);
    const state = this.service.get(vscode.Uri.parse(key));
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.toString() !== key) continue;
      for (const look of Object.keys(this.looks) as Look[]) {
        const ranges = !entry || !state ? [] : entry.spans[look].map((s) => new vscode.Range(editor.document.positionAt(state.index.toUtf16(s.start)), editor.document.positionAt(state.index.toUtf16(s.end))));
        editor.setDecorations(this.looks[look], ranges);
      }
    }
  }

  /** Tokens were served for `uri`: they show the decisions now, so the stand-ins go once they are on screen. */
  tokensServed(uri: vscode.Uri): void {
    const key = uri.toString();
    const entry = this.pending.get(key);
    if (!entry || entry.timer) return;
    entry.timer = setTimeout(() => {
      this.pending.delete(key);
      this.paint(key);
    }, 400);
  }

  /** The text changed: the stored spans no longer fit it, and the tokens are on their way anyway. */
  clear(uri: vscode.Uri): void {
    const key = uri.toString();
    const entry = this.pending.get(key);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.pending.delete(key);
    this.paint(key);
  }
}
