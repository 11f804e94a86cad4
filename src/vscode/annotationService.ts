/**
 * Per-document annotation state for open articles: the sidecar as loaded, live-shifted with edits, merged with
 * fresh suggestions, written back atomically through the core's SidecarStore. Every editor feature reads from
 * here and changes go through `update`.
 */
import * as vscode from 'vscode';
import type { Sidecar } from '../core/model';
import type { Gazetteer } from '../core/gazetteer/gazetteer';
import { type SidecarStore, type LoadedSidecar } from '../core/sidecar/sidecarStore';
import type { Problem } from '../core/problem';
import { sidecarPathFor } from '../core/sidecar/sidecarFormat';
import { TextIndex } from '../core/text/textIndex';
import { shiftForEdits, type TextEdit } from '../core/anchoring/reanchor';
import { annotateDocument, detectWithEvents, syncToText, withDetector } from '../core/review/annotateDocument';
import { mergeSuggestions } from '../core/review/mergeSuggestions';
import { sha256Hex } from '../core/text/decodeText';
import type { FileSystem } from '../core/ports';
import { SETTINGS, SETTINGS_SECTION } from './ids';
import type { WorkspaceLearner } from '../core/learning/workspaceLearner';
import type { Settings } from './settings';
import type { Taxonomy } from '../core/events/taxonomy';
import { referenceDate } from '../core/events/dates';

export interface DocState {
  readonly uri: vscode.Uri;
  text: string;
  index: TextIndex;
  loaded?: LoadedSidecar;
  /** Undefined when the sidecar on disk has errors (nothing is shown or written until it is fixed). */
  sidecar?: Sidecar;
  problems: Problem[];
  /** Why detection did not run ("too large"), shown in the status bar. */
  notice?: string;
  /** A change waits for the article to be saved before the sidecar is written (offsets follow the editor). */
  pendingWrite: boolean;
  error?: string;
}

export class AnnotationService implements vscode.Disposable {
  private readonly states = new Map<string, DocState>();
  private readonly loading = new Map<string, Promise<DocState | undefined>>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Serialises writes per document so two quick actions never race each other. */
  private readonly queues = new Map<string, Promise<unknown>>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly store: SidecarStore,
    private readonly gazetteer: () => Promise<Gazetteer>,
    private readonly log: vscode.OutputChannel,
    private readonly settings: Settings,
    private readonly fs: FileSystem,
    /** Learned suggestions of the workspace (trusted workspaces only). */
    private readonly learner?: WorkspaceLearner,
    /** The workspace event taxonomy suggested events are named by (default ACLED). */
    private readonly taxonomy?: () => Promise<Taxonomy>,
  ) {}

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.changed.dispose();
  }

  get(uri: vscode.Uri): DocState | undefined {
    return this.states.get(uri.toString());
  }

  all(): DocState[] {
    return [...this.states.values()];
  }

  /** Loads (once) the state of an article document. */
  async open(document: vscode.TextDocument): Promise<DocState | undefined> {
    if (document.uri.scheme !== 'file') return undefined;
    const key = document.uri.toString();
    const known = this.states.get(key);
    if (known) return known;
    let pending = this.loading.get(key);
    if (!pending) {
      pending = this.load(document).finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    return pending;
  }

  close(uri: vscode.Uri): void {
    this.states.delete(uri.toString());
  }

  private maxDetectionChars(): number {
    return this.settings.maxDetectionChars();
  }

  private autoDetect(): boolean {
    return this.settings.current.autoDetect;
  }

  private async load(document: vscode.TextDocument): Promise<DocState | undefined> {
    const text = document.getText();
    const state: DocState = { uri: document.uri, text, index: new TextIndex(text), problems: [], pendingWrite: false };
    try {
      state.loaded = await this.store.load(document.uri.fsPath);
    } catch (e) {
      state.error = (e as Error).message;
      this.log.appendLine(`${document.uri.fsPath}: ${state.error}`);
      this.states.set(document.uri.toString(), state);
      this.changed.fire(document.uri);
      return state;
    }
    await this.adopt(state, state.loaded, text, this.autoDetect());
    this.states.set(document.uri.toString(), state);
    this.changed.fire(document.uri);
    return state;
  }

  /** Takes a freshly loaded sidecar into `state`, re-anchored to the editor's text and merged with suggestions. */
  private async adopt(state: DocState, loaded: LoadedSidecar, text: string, withDetection: boolean): Promise<void> {
    state.loaded = loaded;
    state.problems = loaded.problems;
    state.text = text;
    state.index = new TextIndex(text);
    if (!loaded.sidecar) {
      state.sidecar = undefined;
      return;
    }
    const sha = text === loaded.text ? loaded.sha256 : sha256Hex(new TextEncoder().encode(text));
    if (withDetection && text.length <= this.maxDetectionChars()) {
      state.notice = undefined;
      const learned = await this.learner?.load();
      const taxonomy = await this.taxonomy?.();
      state.sidecar = annotateDocument(loaded.sidecar, text, sha, await this.gazetteer(), { ...(learned ? { learned } : {}), ...(taxonomy ? { taxonomy } : {}) }).sidecar;
    } else {
      if (text.length > this.maxDetectionChars()) state.notice = `no automatic suggestions: larger than ${this.maxDetectionChars() / 1024 / 1024} MB (setting ${SETTINGS_SECTION}.${SETTINGS.maxDetectionSizeMB})`;
      state.sidecar = syncToText(loaded.sidecar, text, sha).sidecar;
    }
  }

  /** Runs detection now and merges suggestions (the "Annotate This File" command), then writes. */
  async annotateNow(document: vscode.TextDocument): Promise<void> {
    const state = await this.open(document);
    if (!state?.sidecar) throw new Error(state?.error ?? 'the sidecar has errors; fix them first (see Problems)');
    const merged = mergeSuggestions(state.sidecar, detectWithEvents(state.text, await this.gazetteer(), referenceDate(state.sidecar.document, state.text)?.date, state.index, await this.taxonomy?.()), state.index);
    await this.update(document.uri, () => withDetector(merged.sidecar));
  }

  /** Applies `change` to the document's sidecar, then writes it (or defers until the article is saved). */
  async update(uri: vscode.Uri, change: (sidecar: Sidecar, state: DocState) => Sidecar): Promise<void> {
    const state = this.get(uri);
    if (!state) throw new Error('this document is not an article (run "Annotate This File" first)');
    if (!state.sidecar) throw new Error(state.error ?? `${sidecarPathFor(uri.fsPath)} has errors; fix them first (see Problems). Nothing was changed.`);
    state.sidecar = change(state.sidecar, state);
    this.changed.fire(uri);
    await this.write(state);
    // what a person decided is learned for the other articles of the workspace
    if (this.learner && state.sidecar) await this.learner.record(uri.fsPath, state.sidecar, await this.gazetteer()).catch((e: unknown) => this.log.appendLine(`learned suggestions not updated: ${(e as Error).message}`));
  }

  private async write(state: DocState): Promise<void> {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === state.uri.toString());
    if (document?.isDirty) {
      state.pendingWrite = true;
      return;
    }
    const key = state.uri.toString();
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.then(async () => {
      if (!state.loaded || !state.sidecar) return;
      const result = await this.store.save(state.loaded, state.sidecar);
      state.loaded = result.loaded;
      state.pendingWrite = false;
      if (result.merged) {
        state.sidecar = result.sidecar;
        this.changed.fire(state.uri);
        if (result.conflicts) void vscode.window.showWarningMessage(`The sidecar had changed on disk; merged. ${result.conflicts} item(s) changed on both sides kept the version on disk.`);
      }
    });
    this.queues.set(key, next.catch(() => undefined));
    await next;
  }

  /** Live edits: spans move with the text at once; suggestions are refreshed after a pause in typing. */
  onEdit(event: vscode.TextDocumentChangeEvent): void {
    const state = this.get(event.document.uri);
    if (!state || event.contentChanges.length === 0) return;
    const old = state.index;
    const edits: TextEdit[] = event.contentChanges.map((c) => ({
      start: old.toCodePoint(c.rangeOffset),
      end: old.toCodePoint(c.rangeOffset + c.rangeLength),
      newText: c.text,
    }));
    if (state.sidecar) {
      try {
        state.sidecar = shiftForEdits(state.sidecar, edits);
      } catch (e) {
        this.log.appendLine(`edit shift failed, re-anchoring instead: ${(e as Error).message}`);
      }
    }
    // the hash is brought up to date when the article is saved (onSaved)
    state.text = event.document.getText();
    state.index = new TextIndex(state.text);
    state.pendingWrite = state.pendingWrite || event.document.isDirty;
    this.changed.fire(state.uri);
    this.scheduleDetection(state);
  }

  private scheduleDetection(state: DocState): void {
    const key = state.uri.toString();
    clearTimeout(this.timers.get(key));
    if (!this.autoDetect() || state.text.length > this.maxDetectionChars()) return;
    this.timers.set(
      key,
      setTimeout(() => {
        void Promise.all([this.gazetteer(), this.taxonomy?.()]).then(([g, taxonomy]) => {
          if (!state.sidecar) return;
          state.sidecar = withDetector(mergeSuggestions(state.sidecar, detectWithEvents(state.text, g, referenceDate(state.sidecar.document, state.text)?.date, state.index, taxonomy), state.index).sidecar);
          this.changed.fire(state.uri);
        });
      }, 400),
    );
  }

  /** The article was saved: the sidecar's hash now names the saved bytes, and pending changes are written. */
  async onSaved(document: vscode.TextDocument): Promise<void> {
    const state = this.get(document.uri);
    if (!state?.sidecar || !state.loaded) return;
    const bytes = await this.fs.readFile(document.uri.fsPath);
    const sha = sha256Hex(bytes);
    if (state.sidecar.document.sha256 !== sha || state.pendingWrite) {
      state.sidecar = { ...state.sidecar, document: { ...state.sidecar.document, sha256: sha } };
      state.loaded = { ...state.loaded, sha256: sha, text: state.text };
      await this.write(state);
    }
  }

  /** The sidecar changed on disk (git, a teammate, the CLI): reload unless it is what we wrote. */
  async onSidecarChanged(sidecarUri: vscode.Uri): Promise<void> {
    for (const state of this.states.values()) {
      if (sidecarPathFor(state.uri.fsPath) !== sidecarUri.fsPath) continue;
      const bytes = await this.fs.readFile(sidecarUri.fsPath).then(
        (b) => b,
        () => undefined,
      );
      const base = state.loaded?.base?.bytes;
      if (bytes && base && bytes.length === base.length && bytes.every((b, i) => b === base[i])) return;
      try {
        const loaded = await this.store.load(state.uri.fsPath);
        await this.adopt(state, loaded, state.text, this.autoDetect());
      } catch (e) {
        state.error = (e as Error).message;
      }
      this.changed.fire(state.uri);
    }
  }

  /** Re-reads the sidecar and re-runs detection for every open article (gazetteer changed). */
  async refreshAll(): Promise<void> {
    for (const state of this.states.values()) {
      if (!state.loaded) continue;
      await this.adopt(state, state.loaded, state.text, this.autoDetect());
      this.changed.fire(state.uri);
    }
  }
}
