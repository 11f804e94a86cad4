/** Semantic tokens for actors, places and attributions, and event spans as coloured decorations. */
import * as vscode from 'vscode';
import { encodeSemanticRuns, semanticSpans } from '../core/review/semanticSpans';
import type { AnnotationService } from './annotationService';
import { LANGUAGE_ID, TOKEN_MODIFIERS, TOKEN_TYPES } from './ids';
import { now, record } from './perf';

export const legend = new vscode.SemanticTokensLegend([...TOKEN_TYPES], [...TOKEN_MODIFIERS]);

/**
 * Where the tokens provider is registered: articles, and the plain-text files they are claimed from. VS Code
 * (1.100) binds a provider's onDidChangeSemanticTokens to an editor model only when the model opens or a
 * provider registers, not when the model's language changes; articles outside `articles/` and `corpus/` open as
 * plain text and are switched to conflict-text afterwards, so a conflict-text-only provider would never be
 * re-asked for them and accept/reject would not repaint.
 * Plain-text documents get no tokens (see provideDocumentSemanticTokens).
 */
export const tokensSelector: vscode.DocumentSelector = [
  { language: LANGUAGE_ID, scheme: 'file' },
  { language: 'plaintext', scheme: 'file' },
];

const NO_TOKENS = new vscode.SemanticTokens(new Uint32Array(0));

export class AnnotationTokensProvider implements vscode.DocumentSemanticTokensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeSemanticTokens = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  /** When tokens with the article's state last went out, per document (performance.now()). */
  private readonly servedAt = new Map<string, number>();
  /** Documents a request is being answered for, with how many requests. */
  private readonly asking = new Map<string, number>();

  /** Told when tokens went out for a document (the instant-feedback decorations can go). */
  onServed?: (uri: vscode.Uri) => void;

  constructor(private readonly service: AnnotationService) {
    this.subscriptions = [this.changed, service.onDidChange(() => this.changed.fire())];
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }

  /**
   * Asks VS Code to request tokens now. Right after registration it would wait its debounce delay (300 ms at
   * least) for an editor that opened before activation; asked at once, its request waits here for the article's
   * state instead, and the tokens go out the moment they exist.
   */
  requestNow(why: string): void {
    record(`tokensRequested:${why}`, 0);
    this.changed.fire();
  }

  /** Whether tokens with the article's state went out for `uri` after `since` (performance.now()). */
  servedSince(uri: vscode.Uri, since: number): boolean {
    return (this.servedAt.get(uri.toString()) ?? -Infinity) >= since;
  }

  /** Whether a request for `uri`'s tokens is waiting in the provider (for the article's state). */
  isAsked(uri: vscode.Uri): boolean {
    return this.asking.has(uri.toString());
  }

  forget(uri: vscode.Uri): void {
    this.servedAt.delete(uri.toString());
  }

  async provideDocumentSemanticTokens(document: vscode.TextDocument, cancel?: vscode.CancellationToken): Promise<vscode.SemanticTokens> {
    // plain-text files (not, or not yet, claimed as articles) stay untouched: no state is loaded for them
    if (document.languageId !== LANGUAGE_ID) {
      record('semanticTokensAskedPlain', 0);
      return NO_TOKENS;
    }
    // when VS Code asked (the editor bench's timeline of an open)
    record('semanticTokensAsked', 0);
    const key = document.uri.toString();
    this.asking.set(key, (this.asking.get(key) ?? 0) + 1);
    let state;
    try {
      state = await this.service.open(document);
    } finally {
      const left = (this.asking.get(key) ?? 1) - 1;
      if (left > 0) this.asking.set(key, left);
      else this.asking.delete(key);
    }
    if (!state?.sidecar || state.text !== document.getText()) {
      record('semanticTokensNone', 0, { version: document.version });
      return NO_TOKENS;
    }
    const t0 = now();
    const tokens = new vscode.SemanticTokens(encodeSemanticRuns(semanticSpans(state.sidecar, state.text, state.index), TOKEN_TYPES, TOKEN_MODIFIERS));
    record('semanticTokens', now() - t0, { numbers: tokens.data.length, version: document.version, cancelled: cancel?.isCancellationRequested ? 1 : 0 });
    this.servedAt.set(document.uri.toString(), now());
    this.onServed?.(document.uri);
    return tokens;
  }
}

/** One background colour per ACLED event type; unknown (workspace) types share the last one. */
const EVENT_COLOURS: Record<string, string> = {
  Battles: 'rgba(220, 53, 69, 0.12)',
  'Explosions/Remote violence': 'rgba(253, 126, 20, 0.14)',
  'Violence against civilians': 'rgba(111, 66, 193, 0.12)',
  Protests: 'rgba(13, 110, 253, 0.10)',
  Riots: 'rgba(214, 51, 132, 0.12)',
  'Strategic developments': 'rgba(25, 135, 84, 0.12)',
  other: 'rgba(108, 117, 125, 0.14)',
};

/** A suggested event: a fainter shade of its type with a dashed outline, so accepting one shows at once. */
const suggestedShade = (colour: string): string => colour.replace(/[\d.]+\)$/, '0.05)');
const outline = (colour: string): string => colour.replace(/[\d.]+\)$/, '0.55)');

export class EventDecorations implements vscode.Disposable {
  private readonly types = new Map<string, { accepted: vscode.TextEditorDecorationType; suggested: vscode.TextEditorDecorationType }>();
  /**
   * What each editor was last sent, per decoration type (offsets): a type whose ranges did not change is not
   * sent again. Every setDecorations is a message the window handles before the tokens that follow it (an
   * article's first paint went behind fourteen of them, most empty).
   */
  private readonly sent = new WeakMap<vscode.TextEditor, Map<vscode.TextEditorDecorationType, string>>();

  constructor(private readonly service: AnnotationService) {
    for (const [type, colour] of Object.entries(EVENT_COLOURS)) {
      const ruler = { overviewRulerColor: colour.replace(/[\d.]+\)$/, '0.8)'), overviewRulerLane: vscode.OverviewRulerLane.Left };
      this.types.set(type, {
        accepted: vscode.window.createTextEditorDecorationType({ backgroundColor: colour, ...ruler }),
        suggested: vscode.window.createTextEditorDecorationType({ backgroundColor: suggestedShade(colour), border: `1px dashed ${outline(colour)}`, ...ruler }),
      });
    }
  }

  refresh(editor: vscode.TextEditor | undefined): void {
    if (!editor || editor.document.languageId !== LANGUAGE_ID) return;
    const state = this.service.get(editor.document.uri);
    const byType = new Map<string, Array<{ start: number; end: number }>>();
    for (const e of state?.sidecar?.events ?? []) {
      if (e.orphan || !state) continue;
      const key = `${this.types.has(e.type) ? e.type : 'other'}|${e.status}`;
      byType.set(key, [...(byType.get(key) ?? []), { start: state.index.toUtf16(e.start), end: state.index.toUtf16(e.end) }]);
    }
    let sent = this.sent.get(editor);
    if (!sent) this.sent.set(editor, (sent = new Map()));
    const put = (look: vscode.TextEditorDecorationType, spans: ReadonlyArray<{ start: number; end: number }> = []) => {
      // a new editor has none yet; the text's version is part of what was sent (an edit moves the ranges)
      const signature = spans.length === 0 ? '' : `${editor.document.version}:${spans.map((x) => `${x.start}-${x.end}`).join(',')}`;
      if ((sent.get(look) ?? '') === signature) return;
      sent.set(look, signature);
      editor.setDecorations(look, spans.map((x) => ({ range: new vscode.Range(editor.document.positionAt(x.start), editor.document.positionAt(x.end)) })));
    };
    for (const [type, looks] of this.types) {
      put(looks.accepted, byType.get(`${type}|accepted`));
      put(looks.suggested, byType.get(`${type}|suggested`));
    }
  }

  dispose(): void {
    for (const d of this.types.values()) {
      d.accepted.dispose();
      d.suggested.dispose();
    }
  }
}
