/**
 * A compact index of a corpus's annotated articles, for the editor's hovers, references, workspace symbols and
 * statistics: per article, its figures and where each entity is mentioned, with the size and time stamps of its
 * text and sidecar that tell, without reading either, whether the entry is still right. Kept through the
 * FileSystem port and saved by the host as JSON (toJSON / restore), so a new session reads again only what
 * changed since. Articles are read exactly as the stats job reads them (readAnnotatedDocument), so the figures
 * are the ones `stats` prints.
 */
import type { FileSystem, FileStat } from '../ports';
import type { MentionLabel, Sidecar } from '../model';
import type { FileProblem } from '../problem';
import { SidecarStore } from '../sidecar/sidecarStore';
import { sidecarPathFor } from '../sidecar/sidecarFormat';
import { collectTextFiles } from './collectTextFiles';
import { CancelledError, InputError, type CorpusReporter } from './corpusJob';
import { CorpusCounter, documentCounts, type CorpusStats, type DocumentCounts } from './corpusStats';
import { isWithin } from './corpusPaths';
import { readAnnotatedDocument } from './annotatedDocuments';
import { inOrder } from './inOrder';

/** Bumped when the entry layout changes; a saved index of another version is dropped and rebuilt. */
export const CORPUS_INDEX_VERSION = 2;

/** `[size, mtimeMs]` */
type Stamp = readonly [number, number];

/**
 * One entity's mentions in an article: label, id, flat `[start, end, start, end …]`, distinct spellings with
 * their first start and how often each is used (the statistics name an entity by its most frequent one).
 */
export type IndexedEntity = readonly [MentionLabel, string, readonly number[], ReadonlyArray<readonly [string, number, number]>];

export interface IndexEntry {
  /** The article (absolute path); its sidecar is NAME.ann.yaml beside it. */
  readonly text: string;
  readonly textStamp: Stamp;
  readonly sidecarStamp: Stamp;
  /** Its figures for the statistics, entities aside (they are `entities`); undefined when it could not be read. */
  readonly counts?: Omit<DocumentCounts, 'entities'>;
  /** Mentions of linked entities, offsets in the current text. */
  readonly entities: readonly IndexedEntity[];
  /** What reading it reported (unreadable, broken sidecar, stale text). */
  readonly problems: readonly FileProblem[];
}

export interface CorpusIndexData {
  readonly version: number;
  /** Whoever saved it (the extension's version): entries made by another build are not trusted. */
  readonly key: string;
  readonly entries: readonly IndexEntry[];
}

export interface IndexMention {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export interface IndexStats {
  readonly stats: CorpusStats;
  readonly failed: number;
  /** As the stats job reports them, in path order. */
  readonly problems: readonly FileProblem[];
}

const stampOf = (s: FileStat): Stamp => [s.size, s.mtimeMs];
/** Articles looked at at once by a refresh. */
const REFRESH_WINDOW = 32;
const sameStamp = (a: Stamp, b: Stamp): boolean => a[0] === b[0] && a[1] === b[1];

export class CorpusIndex {
  private readonly entries = new Map<string, IndexEntry>();
  /** Articles (with or without a sidecar) under each root at the last refresh. */
  private readonly textsUnder = new Map<string, number>();
  private readonly store: SidecarStore;

  constructor(
    private readonly fs: FileSystem,
    private readonly key: string,
  ) {
    this.store = new SidecarStore(fs);
  }

  /** An index from saved data; empty when the data is of another version or key, or not an index at all. */
  static restore(fs: FileSystem, key: string, data: unknown): CorpusIndex {
    const index = new CorpusIndex(fs, key);
    const d = data as Partial<CorpusIndexData> | undefined;
    if (d && d.version === CORPUS_INDEX_VERSION && d.key === key && Array.isArray(d.entries)) {
      for (const e of d.entries) if (typeof e?.text === 'string') index.entries.set(e.text, e);
    }
    return index;
  }

  toJSON(): CorpusIndexData {
    return { version: CORPUS_INDEX_VERSION, key: this.key, entries: [...this.entries.values()] };
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * Brings the index up to date with the articles under `roots`: every article and sidecar is stat'ed, only the
   * new or changed ones are read. Returns how many were read.
   */
  async refresh(roots: readonly string[], reporter?: CorpusReporter): Promise<number> {
    const texts = roots.length > 0 ? await collectTextFiles(this.fs, roots) : [];
    for (const root of roots) this.textsUnder.set(root, texts.filter((t) => isWithin(t, root)).length);
    const found = new Set(texts);
    for (const text of [...this.entries.keys()]) if (!found.has(text)) this.entries.delete(text);
    let read = 0;
    // several articles at once: a session's refresh is mostly stats, and each waits on the file system
    await inOrder(
      texts,
      REFRESH_WINDOW,
      async (text, i) => {
        if (reporter?.cancelled?.()) throw new CancelledError();
        reporter?.progress(i + 1, texts.length, text);
        return this.update(text);
      },
      (wasRead) => {
        if (wasRead) read++;
      },
    );
    return read;
  }

  /** Re-reads one article if it or its sidecar changed (or its sidecar appeared or went). True when it was read. */
  async update(text: string): Promise<boolean> {
    const [sidecarStat, textStat] = await Promise.all([this.fs.stat(sidecarPathFor(text)), this.fs.stat(text)]);
    if (!sidecarStat || !textStat || textStat.isDirectory) {
      this.entries.delete(text);
      return false;
    }
    const known = this.entries.get(text);
    if (known && sameStamp(known.textStamp, stampOf(textStat)) && sameStamp(known.sidecarStamp, stampOf(sidecarStat))) return false;
    const problems: FileProblem[] = [];
    const doc = await readAnnotatedDocument(this.fs, this.store, text, { progress: () => undefined, problem: (p) => problems.push(p) });
    if (doc === undefined) {
      this.entries.delete(text);
      return true;
    }
    const base = { text, textStamp: stampOf(textStat), sidecarStamp: stampOf(sidecarStat), problems };
    if (doc === 'failed') {
      this.entries.set(text, { ...base, entities: [] });
      return true;
    }
    this.entries.set(text, entryOf(base, doc.sidecar));
    return true;
  }

  /**
   * The front end wrote `sidecar` as the sidecar of `text`: its entry is made from it, without reading the file
   * again (the watcher's event that follows finds the stamps unchanged).
   */
  async record(text: string, sidecar: Sidecar): Promise<void> {
    const [sidecarStat, textStat] = await Promise.all([this.fs.stat(sidecarPathFor(text)), this.fs.stat(text)]);
    if (!sidecarStat || !textStat || textStat.isDirectory) return;
    this.entries.set(text, entryOf({ text, textStamp: stampOf(textStat), sidecarStamp: stampOf(sidecarStat), problems: [] }, sidecar));
  }

  /** Forgets an article (its sidecar was deleted). */
  remove(text: string): void {
    this.entries.delete(text);
  }

  /** Every article with a sidecar and its figures (undefined when it could not be read), in path order. */
  articles(): Array<{ readonly text: string; readonly counts?: Omit<DocumentCounts, 'entities'> }> {
    return this.sorted().map((e) => ({ text: e.text, counts: e.counts }));
  }

  /**
   * How `entity` is used outside the article `except`: its mentions, the articles that mention it, and the
   * articles with a sidecar.
   */
  useOf(entity: string, except?: string): { mentions: number; documents: number; annotated: number } {
    let mentions = 0;
    let documents = 0;
    let annotated = 0;
    for (const e of this.entries.values()) {
      if (e.text === except) continue;
      annotated++;
      let here = 0;
      for (const [, id, spans] of e.entities) if (id === entity) here += spans.length / 2;
      mentions += here;
      if (here > 0) documents++;
    }
    return { mentions, documents, annotated };
  }
  /** Every mention of `entity` (as ACTOR or PLACE), article by article in path order. */
  mentionsOf(entity: string): IndexMention[] {
    const out: IndexMention[] = [];
    for (const e of this.sorted()) {
      for (const [, id, spans] of e.entities) {
        if (id !== entity) continue;
        for (let i = 0; i < spans.length; i += 2) out.push({ text: e.text, start: spans[i], end: spans[i + 1] });
      }
    }
    return out;
  }

  /** How many times `entity` is mentioned, leaving out the article `except`. */
  countOf(entity: string, except?: string): number {
    let n = 0;
    for (const e of this.entries.values()) {
      if (e.text === except) continue;
      for (const [, id, spans] of e.entities) if (id === entity) n += spans.length / 2;
    }
    return n;
  }

  /** Each article's entities with their spellings (first start of each), in path order. */
  *entities(): Generator<{ readonly text: string; readonly label: MentionLabel; readonly entity: string; readonly spellings: ReadonlyArray<readonly [string, number, number]> }> {
    for (const e of this.sorted()) {
      for (const [label, entity, spans, spellings] of e.entities) {
        const endOf = (start: number): number => spans[spans.findIndex((s, i) => i % 2 === 0 && s === start) + 1];
        yield { text: e.text, label, entity, spellings: spellings.map(([t, start]) => [t, start, endOf(start)] as const) };
      }
    }
  }

  /** The figures `stats` prints for the articles under `root`, from the index as last refreshed. */
  stats(root: string, topEntities = 20): IndexStats {
    if (this.textsUnder.get(root) === 0) throw new InputError(`no .txt articles under ${root}`);
    const counter = new CorpusCounter();
    const problems: FileProblem[] = [];
    let failed = 0;
    for (const e of this.sorted()) {
      if (!isWithin(e.text, root)) continue;
      problems.push(...e.problems);
      if (!e.counts) {
        failed++;
        continue;
      }
      counter.addCounts({ ...e.counts, entities: e.entities.map(([label, id, spans, spellings]) => [label, id, spans.length / 2, spellings.map(([t, , n]) => [t, n])]) });
    }
    return { stats: counter.stats(topEntities), failed, problems };
  }

  private sorted(): IndexEntry[] {
    return [...this.entries.values()].sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  }
}

/** An entry's figures and entity mentions, from a sidecar. */
function entryOf(base: Omit<IndexEntry, 'counts' | 'entities'>, sidecar: Sidecar): IndexEntry {
  const { entities: _counted, ...counts } = documentCounts(sidecar);
  const byEntity = new Map<string, [MentionLabel, string, number[], Array<[string, number, number]>]>();
  for (const m of sidecar.mentions) {
    if (m.orphan || !m.entity) continue;
    const key = `${m.label}\u0000${m.entity}`;
    let e = byEntity.get(key);
    if (!e) byEntity.set(key, (e = [m.label, m.entity, [], []]));
    const spelling = e[3].find(([t]) => t === m.text);
    if (spelling) spelling[2]++;
    else e[3].push([m.text, m.start, 1]);
    e[2].push(m.start, m.end);
  }
  return { ...base, counts, entities: [...byEntity.values()] };
}
