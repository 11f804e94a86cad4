/**
 * What the first article needs, started when the bundle is evaluated rather than in activate(). VS Code calls
 * activate() only once the window has handed over the extension's stored state (globalState, workspaceState),
 * which on a busy machine comes hundreds of milliseconds after the bundle was evaluated. In that wait the
 * gazetteer is built and the articles already open (or opened meanwhile) are detected, so the first article's
 * highlights can go out as soon as activation ends.
 *
 * Nothing is shown or written from here. activate() takes the gazetteer over (the same call it would make), and
 * the annotation service a detection only for the very text, gazetteer and document date it was made with
 * (`take`); anything else is detected afresh, so what is shown is always what a full detection gives.
 *
 * When no article is open once the gazetteer is there, the detector is warmed up meanwhile (detectorWarmUp.ts),
 * until a document opens.
 */
import * as vscode from 'vscode';
import { basename, join } from 'node:path';
import type { Gazetteer } from '../core/gazetteer/gazetteer';
import { PlaceIndex } from '../core/gazetteer/placeIndex';
import { GAZETTEER_FILE, workspaceGazetteer } from '../core/corpus/workspaceConfig';
import { LEARNED_FILE } from '../core/learning/learnedFile';
import { detectWithEvents, referenceDate, type EarlyDetection } from '../core/review/annotateDocument';
import { emptySidecar } from '../core/sidecar/sidecarFormat';
import type { FileProblem } from '../core/problem';
import type { FileSystem } from '../core/ports';
import { LANGUAGE_ID, SETTINGS, SETTINGS_SECTION } from './ids';
import { now, record, timed } from './perf';
import { warmUpWhileIdle } from './detectorWarmUp';

/** A detection made early, with what it was made on; `date` is what a fresh sidecar of the document is read against. */
export interface HeldDetection extends EarlyDetection {
  readonly text: string;
  readonly gazetteer: Gazetteer;
}

/** A workspace file the extension reads (undefined: none, as in restricted mode or without a folder). */
export function workspaceFile(name: string): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  return folder && vscode.workspace.isTrusted ? join(folder, name) : undefined;
}

export class EarlyStart implements vscode.Disposable {
  /** Problems met while loading, until activate() has an output channel to show them in. */
  private problems: FileProblem[] | undefined = [];
  private report: (p: FileProblem) => void = (p) => this.problems?.push(p);
  private placeData?: Promise<PlaceIndex | undefined>;
  private placeError?: string;
  readonly gazetteer: Promise<Gazetteer>;
  private readonly detections = new Map<string, HeldDetection>();
  private readonly queued = new Set<string>();
  private listener?: vscode.Disposable;
  private stopped = false;
  private taken = false;
  /** A document opened since the bundle loaded (the warm-up stops), or the extension is going away. */
  private interrupted = false;
  private readonly opened: vscode.Disposable;
  /** Whether the annotation service has seen an article (known once activate() attached). */
  private serviceSaw: () => boolean = () => false;
  private forget?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly fs: FileSystem,
    /** dist/places.bin, beside the bundle. */
    private readonly placesFile: string,
  ) {
    this.gazetteer = this.loadGazetteer();
    // articles opened before activate() (the one whose opening activated the extension, typically)
    this.listener = vscode.workspace.onDidOpenTextDocument((d) => this.consider(d));
    this.opened = vscode.workspace.onDidOpenTextDocument(() => (this.interrupted = true));
    for (const d of firstVisible(vscode.workspace.textDocuments)) this.consider(d);
    void this.gazetteer.then(
      (g) => this.warmUp(g),
      () => undefined,
    );
  }

  dispose(): void {
    clearTimeout(this.forget);
    this.interrupted = true;
    this.opened.dispose();
    this.listener?.dispose();
    this.clear();
  }

  private async warmUp(gazetteer: Gazetteer): Promise<void> {
    const articleOpen = vscode.workspace.textDocuments.some((d) => d.languageId === LANGUAGE_ID);
    if (!articleOpen && !this.articleSeen) await warmUpWhileIdle(gazetteer, () => this.interrupted || this.articleSeen || this.serviceSaw(), this.fs);
    this.opened.dispose();
  }

  /** The GeoNames places, compiled at build time: opened in milliseconds, not parsed and indexed (seconds). */
  loadPlaceData(): Promise<PlaceIndex | undefined> {
    return (this.placeData ??= this.fs.readFile(this.placesFile).then(
      (bytes) => PlaceIndex.read(bytes),
      (e: unknown) => {
        this.placeError = (e as Error).message;
        return undefined;
      },
    ));
  }

  /** The workspace gazetteer as activate() builds it; problems go to `problem` (buffered until `attach`). */
  loadGazetteer(problem: (p: FileProblem) => void = (p) => this.report(p)): Promise<Gazetteer> {
    return timed('gazetteer', () => workspaceGazetteer(this.fs, workspaceFile(GAZETTEER_FILE), () => this.loadPlaceData(), problem, workspaceFile(LEARNED_FILE)));
  }

  /**
   * activate() is here: problems met so far and from now on go to `log`; no more documents are taken in;
   * `articleSeen` tells whether the annotation service has had an article since (the warm-up then stops).
   */
  attach(log: (p: FileProblem) => void, logLine: (line: string) => void, articleSeen: () => boolean): void {
    this.serviceSaw = articleSeen;
    // an article shown from its sidecar takes its detection after its first paint; the rest was not wanted
    this.forget = setTimeout(() => this.clear(), UNCLAIMED_MS);
    this.listener?.dispose();
    this.listener = undefined;
    this.stopped = true;
    for (const p of this.problems ?? []) log(p);
    this.problems = undefined;
    this.report = log;
    void this.loadPlaceData().then(() => {
      if (this.placeError) logLine(`place data not loaded: ${this.placeError}`);
    });
  }

  /**
   * The detection made early for this document, if it was made on exactly `text` with `gazetteer` (and hence
   * equals what detecting now would give for the same date); it is handed out once.
   */
  take(uri: vscode.Uri, text: string, gazetteer: Gazetteer): HeldDetection | undefined {
    const key = uri.toString();
    const found = this.detections.get(key);
    this.detections.delete(key);
    if (found) this.taken = true;
    return found && found.text === text && found.gazetteer === gazetteer ? found : undefined;
  }

  /** Whether an article was taken in for early detection. */
  get articleSeen(): boolean {
    return this.queued.size > 0 || this.detections.size > 0 || this.taken;
  }

  /** Drops what was not taken (the documents closed, or were not loaded as articles). */
  clear(): void {
    this.detections.clear();
    this.queued.clear();
  }

  private consider(document: vscode.TextDocument): void {
    if (this.stopped || document.uri.scheme !== 'file' || document.languageId !== LANGUAGE_ID) return;
    const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    if (!config.get<boolean>(SETTINGS.autoDetect, true)) return;
    const text = document.getText();
    if (text.length > Math.max(0, config.get<number>(SETTINGS.maxDetectionSizeMB, 2)) * 1024 * 1024) return;
    const key = document.uri.toString();
    if (this.queued.has(key)) return;
    this.queued.add(key);
    void this.gazetteer.then(
      (gazetteer) => {
        if (!this.queued.has(key) || document.isClosed || document.getText() !== text) return;
        const t0 = now();
        this.detections.set(key, freshDetection(document.uri.fsPath, text, gazetteer));
        record('earlyDetect', now() - t0);
      },
      () => undefined,
    );
  }
}

/**
 * The detection of an article whose sidecar does not exist yet, made with the date a fresh sidecar is read
 * against (its file name, dateline or text); another date misses the match when it is taken.
 */
export function freshDetection(path: string, text: string, gazetteer: Gazetteer): HeldDetection {
  const date = referenceDate(emptySidecar(basename(path), ''), text);
  return { text, gazetteer, date, detection: detectWithEvents(text, gazetteer, date) };
}

/** How long after activation detections nobody took are kept. */
const UNCLAIMED_MS = 10_000;

/** Documents shown in an editor first: theirs is the paint a person waits for. */
function firstVisible(documents: readonly vscode.TextDocument[]): vscode.TextDocument[] {
  const shown = new Set(vscode.window.visibleTextEditors.map((e) => e.document));
  return [...documents].sort((a, b) => Number(shown.has(b)) - Number(shown.has(a)));
}
