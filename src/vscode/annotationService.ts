/**
 * Per-document annotation state for open articles: the sidecar as loaded, live-shifted with edits, merged with
 * fresh suggestions, written back atomically through the core's SidecarStore. Every editor feature reads from
 * here and changes go through `update`.
 */
import * as vscode from 'vscode';
import type { Provenance, Sidecar } from '../core/model';
import type { Gazetteer } from '../core/gazetteer/gazetteer';
import { type SidecarStore, type LoadedSidecar } from '../core/sidecar/sidecarStore';
import type { Problem } from '../core/problem';
import { sameAnnotations, sidecarPathFor } from '../core/sidecar/sidecarFormat';
import { TextIndex } from '../core/text/textIndex';
import { shiftForEdits, type TextEdit } from '../core/anchoring/reanchor';
import { annotateWithEarlyDetection, detectWithEvents, syncToText, withDetector } from '../core/review/annotateDocument';
import type { LearnedModel } from '../core/learning/learnedSuggestions';
import { mergeSuggestions } from '../core/review/mergeSuggestions';
import { stampDecisions } from '../core/review/stampDecisions';
import { sha256Hex } from '../core/text/decodeText';
import { hashText } from '../core/text/hashText';
import { applyPatch, diffSidecars, invertPatch, isEmptyPatch, shiftPatch, type SidecarPatch } from '../core/review/annotationHistory';
import { restoreSnapshot } from '../core/anchoring/restoreSnapshot';
import type { FileSystem } from '../core/ports';
import { SETTINGS, SETTINGS_SECTION } from './ids';
import { now, record } from './perf';
import type { WorkspaceLearner } from '../core/learning/workspaceLearner';
import type { Settings } from './settings';
import { freshDetection, type HeldDetection } from './earlyStart';
import { warmUpSidecarReader } from '../core/review/warmUp';
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
  history: AnnotationHistory;
}

/** One annotation action, undoable: what it changed, and the text it was made on (hashText). */
export interface HistoryEntry {
  label: string;
  patch: SidecarPatch;
  textKey: string;
}

/**
 * Per document: the annotation actions to undo and redo, what the latest change was (it decides whether
 * Ctrl+Z undoes an annotation action or the text), and the sidecars from before edits that orphaned or dropped
 * annotations, keyed by the text they belong to, so an undo of the edit brings those annotations back.
 */
export interface AnnotationHistory {
  undo: HistoryEntry[];
  redo: HistoryEntry[];
  /** `edit`: typed or pasted text; `undoRedo`: VS Code's text undo or redo; `annotation`: an annotation action. */
  lastChange: 'annotation' | 'edit' | 'undoRedo' | 'none';
  snapshots: Array<{ textKey: string; sidecar: Sidecar }>;
  /** hashText of the current text, computed when first needed after an edit. */
  textKey?: string;
}

const MAX_HISTORY = 200;
/** A pause this long after a decision writes the sidecar; a burst of decisions is written at most this late. */
const QUIET_MS = 500;
const MAX_DELAY_MS = 3000;
const MAX_SNAPSHOTS = 50;

export class AnnotationService implements vscode.Disposable {
  private readonly states = new Map<string, DocState>();
  private seen = false;
  /** The sidecar reader was warmed up (once per window, after the first article's paint). */
  private readerWarm = false;
  private readonly loading = new Map<string, Promise<DocState | undefined>>();
  /** Articles shown from their sidecar while their suggestions are still being detected (see load). */
  private readonly detecting = new Map<string, Promise<void>>();
  /** Called once tokens went out for a document: the late detection of an article waits for its first paint. */
  private readonly painted = new Map<string, () => void>();
  private readonly firstPaints = new Map<string, Promise<void>>();
  /** Detections made while an article's files were read (or before activation), until its state takes them. */
  private readonly held = new Map<string, HeldDetection>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Changes waiting for a pause before they are written (see writeSoon). */
  /** Writes waiting in `queues` or running, per document: what they hold is not on disk yet. */
  private readonly queuedWrites = new Map<string, number>();
  private readonly pendingWrites = new Map<string, { promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void; first: number; state: DocState; timer?: ReturnType<typeof setTimeout> }>();
  /** Serialises writes per document so two quick actions never race each other. */
  private readonly queues = new Map<string, Promise<unknown>>();
  readonly onDidChange = this.changed.event;
  /** Who decides now (`by`/`at` on each decision `update` makes); set by activate from the Annotator. */
  decidedBy: () => Provenance | undefined = () => undefined;
  private readonly decided = new vscode.EventEmitter<{ uri: vscode.Uri; patch: SidecarPatch }>();
  /** An annotation action (or its undo/redo) changed these items: for instant feedback before tokens repaint. */
  readonly onDidDecide = this.decided.event;
  /** Told what was written to a sidecar (the workspace index takes it without re-reading). */
  onWrote?: (sidecarPath: string, bytes: Uint8Array, sidecar: Sidecar) => void;

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
    /** A detection of this document made before activation, when it was made on this text with this gazetteer. */
    private readonly early?: (uri: vscode.Uri, text: string, gazetteer: Gazetteer) => HeldDetection | undefined,
  ) {}

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    // pending writes go out now (deactivate awaits flush first; this is the last resort)
    void this.flush();
    this.changed.dispose();
    this.decided.dispose();
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
    this.seen = true;
    let pending = this.loading.get(key);
    if (!pending) {
      pending = this.load(document).finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    return pending;
  }

  close(uri: vscode.Uri): void {
    this.states.delete(uri.toString());
    this.held.delete(uri.toString());
  }

  /** Whether an article was opened in this window (its detection warmed the detector; a warm-up would be in its way). */
  get articleSeen(): boolean {
    return this.seen;
  }

  /** Resolves when the document's suggestions are detected (at once unless it was shown from its sidecar first). */
  async detected(uri: vscode.Uri): Promise<void> {
    await this.loading.get(uri.toString());
    await this.detecting.get(uri.toString());
  }

  /** Tokens went out for `uri` (the semantic tokens provider says so). */
  tokensServed(uri: vscode.Uri): void {
    this.painted.get(uri.toString())?.();
  }

  private maxDetectionChars(): number {
    return this.settings.maxDetectionChars();
  }

  private autoDetect(): boolean {
    return this.settings.current.autoDetect;
  }

  private async load(document: vscode.TextDocument): Promise<DocState | undefined> {
    const t0 = now();
    const text = document.getText();
    const state: DocState = { uri: document.uri, text, index: new TextIndex(text), problems: [], pendingWrite: false, history: { undo: [], redo: [], lastChange: 'none', snapshots: [] } };
    const reading = this.store.load(document.uri.fsPath);
    // its failure is met below, once the detection that runs meanwhile is done
    reading.catch(() => undefined);
    await this.detectWhileReading(document, text);
    try {
      state.loaded = await reading;
      record('openRead', now() - t0);
    } catch (e) {
      state.error = (e as Error).message;
      this.log.appendLine(`${document.uri.fsPath}: ${state.error}`);
      this.states.set(document.uri.toString(), state);
      this.changed.fire(document.uri);
      return state;
    }
    // an article with annotations is shown as its sidecar holds it at once; the detector's suggestions follow
    const early = this.autoDetect() && text.length <= this.maxDetectionChars() && hasAnnotations(state.loaded.sidecar);
    await this.adopt(state, state.loaded, text, this.autoDetect() && !early);
    this.states.set(document.uri.toString(), state);
    record('open', now() - t0);
    if (early) this.detectLater(state);
    // the tokens provider answers from this state without being told; the tree, diagnostics, event shading and
    // status bar are told after the first paint: their messages and the window's work on them went ahead of
    // the tokens and held the paint back (by 50-100 ms in the editor bench)
    void this.firstPaint(document.uri.toString()).then(() => {
      if (this.states.get(document.uri.toString()) !== state) return;
      const t1 = now();
      this.changed.fire(document.uri);
      record('openListeners', now() - t1);
      this.warmUpReaderSoon(state);
    });
    return state;
  }

  /**
   * Once per window, a moment after the first article's paint: the sidecar reader is warmed up on that
   * article's own state, so the next article opened from its sidecar is read by optimised code.
   */
  private warmUpReaderSoon(state: DocState): void {
    // a long article's own sidecar would hold the extension host too long: a later, shorter one does it
    if (this.readerWarm || state.text.length > READER_WARM_UP_MAX_CHARS) return;
    this.readerWarm = true;
    setTimeout(() => {
      const sidecar = state.sidecar;
      if (!sidecar || this.states.get(state.uri.toString()) !== state) {
        this.readerWarm = false;
        return;
      }
      const t0 = now();
      warmUpSidecarReader(sidecar, state.text);
      record('readerWarmUp', now() - t0);
    }, READER_WARM_UP_DELAY_MS);
  }

  /**
   * Detection for an article already on screen from its sidecar, once its first paint went out (or after a
   * moment): merged into the sidecar as it is then, so decisions made meanwhile stay; skipped when the text has
   * changed since (the edit schedules its own detection) or the article was closed.
   */
  /**
   * Resolves once tokens went out for `key` (and the window had a turn to take them) or after a moment: what
   * would compete with an article's first paint waits for it.
   */
  private firstPaint(key: string): Promise<void> {
    let waiting = this.firstPaints.get(key);
    if (!waiting) {
      waiting = new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          if (this.firstPaints.get(key) === waiting) this.firstPaints.delete(key);
          this.painted.delete(key);
          // let the tokens reach the window before anything else takes the extension host
          setTimeout(resolve, 0);
        };
        const timer = setTimeout(done, FIRST_PAINT_WAIT_MS);
        this.painted.set(key, done);
      });
      this.firstPaints.set(key, waiting);
    }
    return waiting;
  }

  private detectLater(state: DocState): void {
    const key = state.uri.toString();
    const text = state.text;
    const job = (async () => {
      await this.firstPaint(key);
      // and until the window has drawn them: run at once, the detection (about 100 ms of a sample article) held
      // the paint back by about as long in the editor bench (it takes a core the window needs)
      await new Promise((resolve) => setTimeout(resolve, LATE_DETECTION_DELAY_MS));
      const learned = await this.learner?.load();
      const taxonomy = await this.taxonomy?.();
      const gazetteer = await this.gazetteer();
      const current = state.sidecar;
      if (this.states.get(key) !== state || !current || state.text !== text) return;
      const t0 = now();
      const next = this.annotate(state.uri, current, text, current.document.sha256, gazetteer, learned, taxonomy);
      record('detect', now() - t0);
      state.sidecar = next;
      if (!sameAnnotations(current, next)) this.changed.fire(state.uri);
    })()
      .catch((e: unknown) => this.log.appendLine(`${state.uri.fsPath}: suggestions not detected: ${(e as Error).message}`))
      .finally(() => {
        if (this.detecting.get(key) === job) this.detecting.delete(key);
      });
    this.detecting.set(key, job);
  }

  /**
   * Takes a freshly loaded sidecar into `state`, re-anchored to the editor's text and merged with suggestions.
   * Takes `loaded` (and `text`) as the document's state. With `unless`, checked once the detector is ready, a
   * change that came meanwhile keeps the state as it is (returns false).
   */
  private async adopt(state: DocState, loaded: LoadedSidecar, text: string, withDetection: boolean, unless?: () => boolean): Promise<boolean> {
    let sidecar: Sidecar | undefined;
    let notice = state.notice;
    if (loaded.sidecar) {
      const sha = text === loaded.text ? loaded.sha256 : sha256Hex(new TextEncoder().encode(text));
      if (withDetection && text.length <= this.maxDetectionChars()) {
        notice = undefined;
        const learned = await this.learner?.load();
        const taxonomy = await this.taxonomy?.();
        const gazetteer = await this.gazetteer();
        record('openReady', 0);
        if (unless?.()) return false;
        const t0 = now();
        sidecar = this.annotate(state.uri, loaded.sidecar, text, sha, gazetteer, learned, taxonomy);
        record('detect', now() - t0);
      } else {
        if (text.length > this.maxDetectionChars()) notice = `no automatic suggestions: larger than ${this.maxDetectionChars() / 1024 / 1024} MB (setting ${SETTINGS_SECTION}.${SETTINGS.maxDetectionSizeMB})`;
        sidecar = syncToText(loaded.sidecar, text, sha).sidecar;
      }
    }
    if (unless?.()) return false;
    state.loaded = loaded;
    state.problems = loaded.problems;
    state.text = text;
    state.index = new TextIndex(text);
    state.notice = notice;
    state.sidecar = sidecar;
    return true;
  }

  /**
   * An article without a sidecar is detected while its files are read (the detection needs only the text and
   * the date a fresh sidecar is read against): the reads no longer come before the detection on the way to its
   * first paint. An article with a sidecar is shown from it first (detectLater), so nothing is detected here.
   */
  private async detectWhileReading(document: vscode.TextDocument, text: string): Promise<void> {
    if (!this.autoDetect() || text.length > this.maxDetectionChars()) return;
    const key = document.uri.toString();
    if (this.held.has(key) || (await this.fs.stat(sidecarPathFor(document.uri.fsPath)).catch(() => undefined))) return;
    const gazetteer = await this.gazetteer();
    const held = this.early?.(document.uri, text, gazetteer);
    if (held) {
      this.held.set(key, held);
      return;
    }
    const t0 = now();
    this.held.set(key, freshDetection(document.uri.fsPath, text, gazetteer));
    record('detectWhileReading', now() - t0);
  }

  /** The detection made for this very text and gazetteer before it was asked for, handed out once. */
  private takeHeld(uri: vscode.Uri, text: string, gazetteer: Gazetteer): HeldDetection | undefined {
    const key = uri.toString();
    const held = this.held.get(key);
    this.held.delete(key);
    if (held) return held.text === text && held.gazetteer === gazetteer ? held : undefined;
    return this.early?.(uri, text, gazetteer);
  }

  /** annotateDocument, with the detection made for this text beforehand when there is one (the same result). */
  private annotate(uri: vscode.Uri, sidecar: Sidecar, text: string, sha: string, gazetteer: Gazetteer, learned: LearnedModel | undefined, taxonomy: Taxonomy | undefined): Sidecar {
    return annotateWithEarlyDetection(sidecar, text, sha, gazetteer, this.takeHeld(uri, text, gazetteer), { ...(learned ? { learned } : {}), ...(taxonomy ? { taxonomy } : {}) }).sidecar;
  }

  /** Runs detection now and merges suggestions (the "Annotate This File" command), then writes. */
  async annotateNow(document: vscode.TextDocument): Promise<void> {
    const state = await this.open(document);
    if (!state?.sidecar) throw new Error(state?.error ?? 'the sidecar has errors; fix them first (see Problems)');
    const merged = mergeSuggestions(state.sidecar, detectWithEvents(state.text, await this.gazetteer(), referenceDate(state.sidecar.document, state.text)?.date, state.index, await this.taxonomy?.()), state.index);
    await this.update(document.uri, () => withDetector(merged.sidecar));
  }

  /**
   * Applies `change` to the document's sidecar, then writes it (or defers until the article is saved). The
   * change is an annotation action that Undo Annotation Change can take back, named by `label`.
   */
  async update(uri: vscode.Uri, change: (sidecar: Sidecar, state: DocState) => Sidecar, label = 'annotation change'): Promise<void> {
    const state = this.get(uri);
    if (!state) throw new Error('this document is not an article (run "Annotate This File" first)');
    if (!state.sidecar) throw new Error(state.error ?? `${sidecarPathFor(uri.fsPath)} has errors; fix them first (see Problems). Nothing was changed.`);
    const before = state.sidecar;
    // every decision written from the editor records who made it and when (suggestions never do)
    state.sidecar = stampDecisions(before, change(before, state), this.decidedBy());
    const patch = diffSidecars(before, state.sidecar);
    const t0 = now();
    if (!isEmptyPatch(patch)) {
      const h = state.history;
      h.undo.push({ label, patch, textKey: this.textKey(state) });
      if (h.undo.length > MAX_HISTORY) h.undo.shift();
      h.redo = [];
      h.lastChange = 'annotation';
      this.decided.fire({ uri, patch });
    }
    this.changed.fire(uri);
    record('update', now() - t0);
    await this.writeSoon(state);
  }

  /**
   * Writes the sidecar once the person pauses (QUIET_MS without a new decision, at most MAX_DELAY_MS after the
   * first): rendering and writing YAML keeps the extension host busy for a while, and a burst of accepts should
   * neither wait behind one write per keypress nor delay the repaints. Resolves when a write with this change
   * has finished (or failed: then it rejects).
   */
  private writeSoon(state: DocState): Promise<void> {
    const key = state.uri.toString();
    let p = this.pendingWrites.get(key);
    if (!p) {
      let resolve!: () => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      p = { promise, resolve, reject, first: Date.now(), state };
      this.pendingWrites.set(key, p);
    }
    const entry = p;
    clearTimeout(entry.timer);
    const wait = Math.max(0, Math.min(QUIET_MS, entry.first + MAX_DELAY_MS - Date.now()));
    entry.timer = setTimeout(() => this.flushOne(key), wait);
    return entry.promise;
  }

  private flushOne(key: string): Promise<void> {
    const entry = this.pendingWrites.get(key);
    if (!entry) return Promise.resolve();
    clearTimeout(entry.timer);
    this.pendingWrites.delete(key);
    return this.write(entry.state)
      .then(() => this.learn(entry.state))
      .then(entry.resolve, entry.reject);
  }

  /**
   * What a person decided is learned for the other articles of the workspace: after each written decision,
   * undo and redo included (the learner reads the document's decisions afresh, so an undone accept is unlearned).
   */
  private async learn(state: DocState): Promise<void> {
    if (!this.learner || !state.sidecar) return;
    await this.learner.record(state.uri.fsPath, state.sidecar, await this.gazetteer()).catch((e: unknown) => this.log.appendLine(`learned suggestions not updated: ${(e as Error).message}`));
  }

  /** Writes every pending change now (deactivation). */
  async flush(): Promise<void> {
    await Promise.all([...this.pendingWrites.keys()].map((k) => this.flushOne(k).catch(() => undefined)));
  }

  /** hashText of the document's current text (cached until the next edit). */
  textKey(state: DocState): string {
    return (state.history.textKey ??= hashText(state.text));
  }

  /** The annotation action Ctrl+Z would undo now, if any: the latest change was one, made on this very text. */
  undoable(state: DocState): HistoryEntry | undefined {
    const h = state.history;
    const top = h.undo[h.undo.length - 1];
    return top && h.lastChange !== 'edit' && top.textKey === this.textKey(state) ? top : undefined;
  }

  redoable(state: DocState): HistoryEntry | undefined {
    const h = state.history;
    const top = h.redo[h.redo.length - 1];
    return top && h.lastChange !== 'edit' && top.textKey === this.textKey(state) ? top : undefined;
  }

  /**
   * Takes back the latest annotation action (`direction` -1) or re-does the latest undone one (+1). The explicit
   * commands may do so after typing elsewhere too: the stored spans moved with the text. Returns its label.
   */
  async undoRedo(uri: vscode.Uri, direction: -1 | 1): Promise<HistoryEntry | undefined> {
    const state = this.get(uri);
    if (!state?.sidecar) return undefined;
    const h = state.history;
    const entry = (direction === -1 ? h.undo : h.redo).pop();
    if (!entry) return undefined;
    const patch = direction === -1 ? invertPatch(entry.patch) : entry.patch;
    state.sidecar = applyPatch(state.sidecar, patch);
    this.decided.fire({ uri, patch });
    (direction === -1 ? h.redo : h.undo).push({ ...entry, textKey: this.textKey(state) });
    h.lastChange = 'annotation';
    this.changed.fire(uri);
    await this.writeSoon(state);
    return entry;
  }

  private async write(state: DocState): Promise<void> {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === state.uri.toString());
    if (document?.isDirty) {
      state.pendingWrite = true;
      return;
    }
    const key = state.uri.toString();
    const previous = this.queues.get(key) ?? Promise.resolve();
    this.queuedWrites.set(key, (this.queuedWrites.get(key) ?? 0) + 1);
    const next = previous.then(async () => {
      if (!state.loaded || !state.sidecar) return;
      const t0 = now();
      const result = await this.store.save(state.loaded, state.sidecar);
      record('save', now() - t0);
      state.loaded = result.loaded;
      state.pendingWrite = false;
      if (result.loaded.base) this.onWrote?.(result.loaded.sidecarPath, result.loaded.base.bytes, result.sidecar);
      if (result.merged) {
        // decisions made while the save ran stay (taking result.sidecar as it is would silently undo them)
        state.sidecar = result.rebase(state.sidecar);
        this.changed.fire(state.uri);
        if (result.conflicts) void vscode.window.showWarningMessage(`The sidecar had changed on disk; merged. ${result.conflicts} item(s) changed on both sides kept the version on disk.`);
      }
    });
    const done = next.finally(() => {
      const n = (this.queuedWrites.get(key) ?? 1) - 1;
      if (n > 0) this.queuedWrites.set(key, n);
      else this.queuedWrites.delete(key);
    });
    this.queues.set(key, done.catch(() => undefined));
    await done;
  }

  /**
   * Live edits: spans move with the text at once; suggestions are refreshed after a pause in typing. An edit
   * that cuts into annotations leaves a snapshot from before it, and when the text is back to that content (an
   * undo) the snapshot's annotations return at their place.
   */
  onEdit(event: vscode.TextDocumentChangeEvent): void {
    const state = this.get(event.document.uri);
    if (!state || event.contentChanges.length === 0) return;
    const old = state.index;
    const edits: TextEdit[] = event.contentChanges.map((c) => ({
      start: old.toCodePoint(c.rangeOffset),
      end: old.toCodePoint(c.rangeOffset + c.rangeLength),
      newText: c.text,
    }));
    const h = state.history;
    const previousKey = h.textKey;
    const before = state.sidecar;
    if (state.sidecar) {
      try {
        state.sidecar = shiftForEdits(state.sidecar, edits);
      } catch (e) {
        this.log.appendLine(`edit shift failed, re-anchoring instead: ${(e as Error).message}`);
      }
    }
    try {
      h.undo = h.undo.map((x) => ({ ...x, patch: shiftPatch(x.patch, edits) }));
      h.redo = h.redo.map((x) => ({ ...x, patch: shiftPatch(x.patch, edits) }));
    } catch {
      h.undo = [];
      h.redo = [];
    }
    if (before && state.sidecar && cutsInto(before, state.sidecar)) {
      const oldKey = previousKey ?? hashText(state.text); // state.text is still the text before the edit
      h.snapshots = [...h.snapshots.filter((x) => x.textKey !== oldKey), { textKey: oldKey, sidecar: before }].slice(-MAX_SNAPSHOTS);
    }
    // the hash is brought up to date when the article is saved (onSaved)
    state.text = event.document.getText();
    state.index = new TextIndex(state.text);
    h.textKey = undefined;
    const byUndo = event.reason === vscode.TextDocumentChangeReason.Undo || event.reason === vscode.TextDocumentChangeReason.Redo;
    h.lastChange = byUndo ? 'undoRedo' : 'edit';
    // a new edit ends the redo chain, as in VS Code's own undo stack
    if (!byUndo) h.redo = [];
    if (h.snapshots.length > 0 && state.sidecar) {
      const prefix = `${state.text.length}:`;
      if (h.snapshots.some((x) => x.textKey.startsWith(prefix))) {
        const snapshot = h.snapshots.find((x) => x.textKey === this.textKey(state));
        if (snapshot) state.sidecar = restoreSnapshot(state.sidecar, snapshot.sidecar, state.index).sidecar;
      }
    }
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

  /**
   * The sidecar changed on disk (git, a teammate, the CLI): reload unless it is what we wrote. Decisions not
   * written yet are not dropped for the file's version: they are written now, merged with it (the store merges
   * with what is on disk), or with the article's save when it has unsaved edits.
   */
  async onSidecarChanged(sidecarUri: vscode.Uri): Promise<void> {
    for (const state of this.states.values()) {
      if (sidecarPathFor(state.uri.fsPath) !== sidecarUri.fsPath) continue;
      const key = state.uri.toString();
      if (this.pendingWrites.has(key)) {
        await this.flushOne(key).catch((e: unknown) => this.log.appendLine(`write after an outside change failed: ${(e as Error).message}`));
        this.changed.fire(state.uri);
        continue;
      }
      if (state.pendingWrite) continue;
      // after our own writes, never between one's read and its adoption: a reload read before a write and adopted
      // after it would show the older file while the newer one is on disk (and write it back next time)
      const previous = this.queues.get(key) ?? Promise.resolve();
      const reload = previous.then(() => this.reloadFromDisk(state, sidecarUri));
      this.queues.set(key, reload.catch(() => undefined));
      await reload;
    }
  }

  private async reloadFromDisk(state: DocState, sidecarUri: vscode.Uri): Promise<void> {
    const key = state.uri.toString();
    // a decision made meanwhile is written soon, merged with the file by the store: nothing to adopt then; a
    // refresh of suggestions meanwhile (no decision) is only a reason to read again
    const pending = () => state.pendingWrite || this.pendingWrites.has(key) || this.queuedWrites.has(key);
    for (let attempt = 0; attempt < 3 && !pending(); attempt++) {
      const current = state.sidecar;
      const moved = () => pending() || state.sidecar !== current;
      const bytes = await this.fs.readFile(sidecarUri.fsPath).then(
        (b) => b,
        () => undefined,
      );
      const base = state.loaded?.base?.bytes;
      if (bytes && base && bytes.length === base.length && bytes.every((b, i) => b === base[i])) return;
      try {
        const loaded = await this.store.load(state.uri.fsPath);
        if (moved() || !(await this.adopt(state, loaded, state.text, this.autoDetect(), moved))) continue;
      } catch (e) {
        state.error = (e as Error).message;
      }
      this.changed.fire(state.uri);
      return;
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

/** How long a late detection waits for the article's first paint before it runs anyway. */
const FIRST_PAINT_WAIT_MS = 500;
/** From an article's first tokens to its late detection: a quiet window drew them 70-120 ms after they left. */
const LATE_DETECTION_DELAY_MS = 200;
/** After the first article's paint, when its late detection and the window's own work are over. */
const READER_WARM_UP_DELAY_MS = 1500;
const READER_WARM_UP_MAX_CHARS = 100_000;

function hasAnnotations(sidecar: Sidecar | undefined): boolean {
  return sidecar !== undefined && (sidecar.mentions.length > 0 || sidecar.attributions.length > 0 || sidecar.events.length > 0);
}

/** The edit orphaned something that was placed, or moved a rejection into nonsense: worth a snapshot. */
function cutsInto(before: Sidecar, after: Sidecar): boolean {
  const placed = (s: Sidecar) => s.mentions.reduce((n, m) => n + (m.orphan ? 0 : 1), 0) + s.attributions.reduce((n, a) => n + (a.orphan ? 0 : 1), 0) + s.events.reduce((n, e) => n + (e.orphan ? 0 : 1), 0);
  if (placed(after) < placed(before)) return true;
  return after.rejected.some((r, i) => r !== before.rejected[i] && r.end - r.start !== before.rejected[i].end - before.rejected[i].start);
}
