/**
 * The workspace's annotated articles for hovers, references, workspace symbols and statistics: a compact index
 * (core CorpusIndex) saved in the extension's workspace storage, so a session reads again only the articles and
 * sidecars that changed since the last one, kept fresh by a file watcher. Nothing is read at activation: the
 * first feature that needs the index loads it, and hovers never wait for it (they show what it already knows).
 */
import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import type { IndexWorkerData, IndexWorkerMessage } from '../node/indexWorker';
import type { FileSystem } from '../core/ports';
import { CorpusIndex, unpackEntries, type IndexEntry, type IndexMention, type IndexStats, type SpellingAt } from '../core/corpus/corpusIndex';
import { isEntityLabel, type Sidecar } from '../core/model';
import type { CorpusReporter } from '../core/corpus/corpusJob';
import { isCollected } from '../core/corpus/collectTextFiles';
import { joinPath } from '../core/corpus/corpusPaths';
import { memory, now, record } from './perf';

const SIDECAR_SUFFIX = '.ann.yaml';
const INDEX_FILE = 'corpus-index.jsonl';
/** Saved this long after the last change, so a burst of sidecar writes is one write of the index. */
const SAVE_DELAY_MS = 2000;

export interface IndexedMention {
  readonly textUri: vscode.Uri;
  readonly start: number;
  readonly end: number;
  /** Where it is in the editor, from the index (no need to read the text). */
  readonly range?: vscode.Range;
}

export interface IndexedEntity {
  readonly label: 'ACTOR' | 'PLACE';
  readonly entity: string;
  /** Distinct spellings, each where it is first met (path order). */
  readonly spellings: readonly SpellingAt[];
}

/** An article's figures as the index keeps them (what its entry in the Annotations view shows). */
export type IndexedCounts = NonNullable<IndexEntry['counts']>;

const textPathOf = (sidecar: string): string => `${sidecar.slice(0, -SIDECAR_SUFFIX.length)}.txt`;
export const rangeOf = ([line, character, endLine, endCharacter]: readonly [number, number, number, number]): vscode.Range => new vscode.Range(line, character, endLine, endCharacter);
const roots = (): string[] => (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);

export class WorkspaceIndex implements vscode.Disposable {
  private index?: CorpusIndex;
  /** The index holds the workspace as of this or an earlier session (not merely an empty start). */
  private known = false;
  private refreshed?: Promise<CorpusIndex>;
  /** Index operations one after another (a refresh and watcher updates never interleave). */
  private queue: Promise<unknown> = Promise.resolve();
  private saveTimer?: ReturnType<typeof setTimeout>;
  /** While the first refresh of a session runs: articles looked at, of how many. */
  private progress?: { done: number; total: number };
  private dirty = false;
  private readonly watcher = vscode.workspace.createFileSystemWatcher(`**/*${SIDECAR_SUFFIX}`);
  private readonly subscriptions: vscode.Disposable[] = [
    this.watcher.onDidChange((u) => this.changed(u)),
    this.watcher.onDidCreate((u) => this.changed(u)),
    this.watcher.onDidDelete((u) => this.changed(u)),
    this.watcher,
  ];

  /**
   * @param storage the extension's storage for this workspace (`context.storageUri`); without one the index
   *   lives for the session only
   * @param key what the saved index must have been made by (the extension's version)
   * @param workerFile dist/indexWorker.js, which loads and refreshes the index off the extension host's thread;
   *   without it (or when it fails) that is done here
   */
  constructor(
    private readonly fs: FileSystem,
    private readonly storage: vscode.Uri | undefined,
    private readonly key: string,
    private readonly workerFile?: string,
  ) {}

  /**
   * The extension wrote `sidecar` to `sidecarPath`: its entry is made from it, not read again (the watcher event
   * that follows finds the file as recorded).
   */
  wrote(sidecarPath: string, _bytes: Uint8Array, sidecar: Sidecar): void {
    if (!this.index || !sidecarPath.endsWith(SIDECAR_SUFFIX)) return;
    const text = textPathOf(sidecarPath);
    void this.enqueue(async () => {
      await this.load().record(text, sidecar);
      this.scheduleSave();
    }).catch(() => undefined);
  }

  get onDidChangeSidecar(): vscode.Event<vscode.Uri> {
    return (listener, thisArgs, disposables) => {
      const a = this.watcher.onDidChange(listener, thisArgs, disposables);
      const b = this.watcher.onDidCreate(listener, thisArgs, disposables);
      return vscode.Disposable.from(a, b);
    };
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
    if (this.saveTimer) clearTimeout(this.saveTimer);
    if (this.dirty) void this.save();
  }

  /** Mentions of `entity` in the articles on disk, once the index is up to date. */
  async mentionsOf(entity: string): Promise<IndexedMention[]> {
    // one Uri per article, however many mentions it has (Uri.file parses the path)
    const uris = new Map<string, vscode.Uri>();
    const uriOf = (text: string): vscode.Uri => {
      let uri = uris.get(text);
      if (!uri) uris.set(text, (uri = vscode.Uri.file(text)));
      return uri;
    };
    return (await this.ready()).mentionsOf(entity).map((m: IndexMention) => ({ textUri: uriOf(m.text), start: m.start, end: m.end, range: m.position && rangeOf(m.position) }));
  }

  /** Each actor and place once, with where each of its spellings is first met, once the index is up to date. */
  async spellings(): Promise<IndexedEntity[]> {
    const out: IndexedEntity[] = [];
    for (const e of (await this.ready()).spellings()) if (isEntityLabel(e.label)) out.push({ label: e.label, entity: e.entity, spellings: e.spellings });
    return out;
  }

  /**
   * How `entity` is used outside `except` (mentions, articles mentioning it, annotated articles), from what the
   * index knows now; undefined before it is loaded (loading then starts in the background). Never waits: a
   * hover must not.
   */
  useOf(entity: string, except: vscode.Uri): { mentions: number; documents: number; annotated: number } | undefined {
    this.warm();
    return this.known ? this.index?.useOf(entity, except.fsPath) : undefined;
  }

  /**
   * While the index is first built (nothing saved from an earlier session): how far it is, for a hover to say so
   * instead of counting; undefined once it holds the workspace or when there is none.
   */
  building(): { done: number; total: number } | undefined {
    return this.known || roots().length === 0 ? undefined : (this.progress ?? { done: 0, total: 0 });
  }

  /** Starts loading and refreshing the index in the background (hover cards will then have workspace counts). */
  warm(): void {
    void this.ready().catch(() => undefined);
  }

  /** Every annotated article with its figures, once the index is up to date. */
  async articles(): Promise<Array<{ textUri: vscode.Uri; counts?: IndexedCounts }>> {
    return (await this.ready()).articles().map((a) => ({ textUri: vscode.Uri.file(a.text), counts: a.counts }));
  }

  /** The corpus statistics of `root`: every article stat'ed, the changed ones read, as `stats` would count them. */
  async stats(root: string, reporter: CorpusReporter): Promise<IndexStats> {
    await this.ready();
    const index = this.load();
    await this.enqueue(async () => {
      if ((await index.refresh(roots(), reporter)) > 0) this.scheduleSave();
    });
    return index.stats(root);
  }

  /** Loaded and brought up to date once per session; watcher events keep it so. */
  private ready(): Promise<CorpusIndex> {
    this.refreshed ??= this.enqueue(async () => {
      const index = this.load();
      const t0 = now();
      let read: number | undefined;
      let inWorker = 1;
      if (this.workerFile) read = await this.refreshInWorker(index).catch(() => undefined);
      if (read === undefined) {
        inWorker = 0;
        read = await this.refreshHere(index);
      }
      this.known = true;
      this.progress = undefined;
      record('indexRefresh', now() - t0, { articles: index.size, read, inWorker, ...memory() });
      return index;
    });
    return this.refreshed;
  }

  /** The session's index: empty until the saved one is loaded into it. */
  private load(): CorpusIndex {
    this.index ??= new CorpusIndex(this.fs, this.key);
    return this.index;
  }

  /**
   * Loads the saved index and refreshes it on a thread of its own, which hands the entries over in batches (so
   * this thread never parses more than a batch at a time) and saves what it read. Returns how many it read.
   */
  private refreshInWorker(index: CorpusIndex): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      const data: IndexWorkerData = { key: this.key, roots: roots(), file: this.storage && this.file(this.storage) };
      const worker = new Worker(this.workerFile!, { workerData: data });
      const found = new Set<string>();
      let replaced = false;
      const fail = (err: unknown) => {
        void worker.terminate();
        reject(err instanceof Error ? err : new Error(String(err)));
      };
      worker.on('message', (m: IndexWorkerMessage) => {
        // each batch taken is asked for the next (see the worker)
        if (m.kind === 'loaded' || m.kind === 'entries') worker.postMessage('next');
        if (m.kind === 'loaded') {
          index.add(unpackEntries(m.entries));
          if (!m.last) return;
          // counts of the last session are shown while it is refreshed
          this.known = index.size > 0;
          record('indexLoad', m.ms, { articles: index.size, ...memory() });
        } else if (m.kind === 'progress') this.progress = { done: m.done, total: m.total };
        else if (m.kind === 'entries') {
          const entries = unpackEntries(m.entries);
          index.add(entries);
          for (const e of entries) found.add(e.text);
          replaced = true;
        } else if (m.kind === 'done') {
          if (replaced || m.articles === 0) index.retain(found);
          if (m.savedBytes !== undefined) record('indexSave', m.savedMs ?? 0, { articles: m.articles, kB: Math.round(m.savedBytes / 1024), inWorker: 1, ...memory() });
          void worker.terminate();
          resolve(m.read);
        } else fail(new Error(m.message));
      });
      worker.on('error', fail);
      worker.on('exit', (code) => reject(new Error(`the index worker exited (${code})`)));
    });
  }

  /** The same on this thread: the saved index loaded, then refreshed. */
  private async refreshHere(index: CorpusIndex): Promise<number> {
    if (this.storage) {
      const t0 = now();
      const saved = await CorpusIndex.load(this.fs, this.key, this.file(this.storage));
      for (const entries of saved.batches(500)) index.add(entries);
      this.known = index.size > 0;
      record('indexLoad', now() - t0, { articles: index.size, ...memory() });
    }
    const read = await index.refresh(roots(), { progress: (done, total) => void (this.progress = { done, total }), problem: () => undefined });
    if (read > 0) this.scheduleSave();
    return read;
  }

  private changed(sidecar: vscode.Uri): void {
    if (!this.index || sidecar.scheme !== 'file') return;
    const text = textPathOf(sidecar.fsPath);
    // only articles a refresh would find (not in .git, node_modules, dot folders …)
    if (!roots().some((r) => isCollected(text, r))) return;
    void this.enqueue(async () => {
      await this.load().update(text);
      this.scheduleSave();
    }).catch(() => undefined);
  }

  private enqueue<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(op);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private scheduleSave(): void {
    this.dirty = true;
    if (!this.storage || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.save();
    }, SAVE_DELAY_MS);
  }

  private async save(): Promise<void> {
    if (!this.storage || !this.index) return;
    this.dirty = false;
    try {
      const t0 = now();
      await this.fs.mkdirp(this.storage.fsPath);
      const bytes = await this.index.save(this.file(this.storage));
      record('indexSave', now() - t0, { articles: this.index.size, kB: Math.round(bytes / 1024), ...memory() });
    } catch {
      // the index is a cache: the next session builds it again
    }
  }

  private file(storage: vscode.Uri): string {
    return joinPath(storage.fsPath, INDEX_FILE);
  }
}
