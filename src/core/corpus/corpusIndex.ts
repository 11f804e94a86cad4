/**
 * A compact index of a corpus's annotated articles, for the editor's hovers, references, workspace symbols and
 * statistics: per article, its figures, where each entity is mentioned and where its lines start, with the size
 * and time stamps of its text and sidecar that tell, without reading either, whether the entry is still right.
 * Kept through the FileSystem port and saved by the host (`save`/`load`: one JSON line per article, written and
 * read a line at a time), so a new session reads again only what changed since. Articles are read exactly as the
 * stats job reads them (readAnnotatedDocument), so the figures are the ones `stats` prints.
 *
 * An entry holds its mentions in one Int32Array and its strings (labels, ids, spellings, one shared copy of
 * each) in one array: ten thousand articles of some sixty entities each are tens of megabytes so, where arrays
 * per entity and per spelling took a quarter of a gigabyte.
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
import { lineTableOf, positionIn, type LineTable } from '../text/lineTable';

/** Bumped when the entry layout changes; a saved index of another version is dropped and rebuilt. */
export const CORPUS_INDEX_VERSION = 3;

/** `[size, mtimeMs]` */
type Stamp = readonly [number, number];

/** An article's entry, as saved. */
export interface IndexEntry {
  /** The article (absolute path); its sidecar is NAME.ann.yaml beside it. */
  readonly text: string;
  readonly textStamp: Stamp;
  readonly sidecarStamp: Stamp;
  /** Its figures for the statistics, entities aside; undefined when it could not be read. */
  readonly counts?: Omit<DocumentCounts, 'entities'>;
  /** What reading it reported (unreadable, broken sidecar, stale text). */
  readonly problems: readonly FileProblem[];
  /** Per linked entity: its label, id, then the texts of its spellings; entity after entity. */
  readonly strings: readonly string[];
  /**
   * `[entities, then per entity: mentions m, spellings k, m × (start, end), k × (first start, uses); then line
   * starts L (−1: not known), L starts, astral characters A, A offsets]`: offsets in code points of the current
   * text (see `LineTable`).
   */
  readonly numbers: ArrayLike<number>;
}

export interface CorpusIndexData {
  readonly version: number;
  /** Whoever saved it (the extension's version): entries made by another build are not trusted. */
  readonly key: string;
  readonly entries: readonly IndexEntry[];
}

/** An entry in memory: its numbers packed. */
interface Entry extends IndexEntry {
  readonly numbers: Int32Array;
}

/** One entity of an entry, with where its spans and spellings are in the entry's arrays. */
interface EntityAt {
  label: MentionLabel;
  id: string;
  mentions: number;
  /** Index in `numbers` of its first span's start. */
  spans: number;
  spellings: number;
  /** Index in `numbers` of its first spelling's (first start, uses). */
  spellingNumbers: number;
  /** Index in `strings` of its first spelling's text. */
  spellingStrings: number;
}

/** Calls `fn` for each entity of `e`; returns where the line table starts in `numbers`. */
function eachEntity(e: Entry, fn: (at: EntityAt) => void): number {
  const n = e.numbers;
  const at: EntityAt = { label: 'ACTOR', id: '', mentions: 0, spans: 0, spellings: 0, spellingNumbers: 0, spellingStrings: 0 };
  let ni = 1;
  let si = 0;
  for (let k = n[0]; k > 0; k--) {
    at.label = e.strings[si] as MentionLabel;
    at.id = e.strings[si + 1];
    at.mentions = n[ni];
    at.spellings = n[ni + 1];
    at.spans = ni + 2;
    at.spellingNumbers = at.spans + 2 * at.mentions;
    at.spellingStrings = si + 2;
    fn(at);
    ni = at.spellingNumbers + 2 * at.spellings;
    si = at.spellingStrings + at.spellings;
  }
  return ni;
}

/** The entry's line table (views into its numbers), when it knows its text's lines. */
function linesOf(e: Entry): LineTable | undefined {
  const at = eachEntity(e, () => undefined);
  const count = e.numbers[at];
  if (count === undefined || count < 0) return undefined;
  const astral = at + 1 + count;
  return [e.numbers.subarray(at + 1, astral), e.numbers.subarray(astral + 1, astral + 1 + e.numbers[astral])];
}

/** How many times an entry mentions each entity (as ACTOR or PLACE). */
function mentionCounts(e: Entry): Map<string, number> {
  const out = new Map<string, number>();
  eachEntity(e, (at) => out.set(at.id, (out.get(at.id) ?? 0) + at.mentions));
  return out;
}

const NO_PROBLEMS: readonly FileProblem[] = Object.freeze([]);

export interface IndexMention {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** `[line, character, endLine, endCharacter]` (zero-based, UTF-16), when the index knows the text's lines. */
  readonly position?: readonly [number, number, number, number];
}

export interface SpellingAt {
  readonly spelling: string;
  /** The article where it is first met, and that mention. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly position?: readonly [number, number, number, number];
}

export interface EntitySpellings {
  readonly entity: string;
  readonly label: MentionLabel;
  readonly spellings: readonly SpellingAt[];
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
  private readonly entries = new Map<string, Entry>();
  /** Per entity id, its mentions and the articles mentioning it over every entry: a hover counts without a scan. */
  private readonly totals = new Map<string, { mentions: number; documents: number }>();
  /** One copy of each label, id and spelling: thousands of articles repeat the same few hundred. */
  private readonly shared = new Map<string, string>();
  /** The entries in path order, until the next change. */
  private order?: Entry[];
  /** What `spellings` made, until the next change. */
  private spelled?: readonly EntitySpellings[];
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
    if (d && d.version === CORPUS_INDEX_VERSION && d.key === key && Array.isArray(d.entries)) for (const e of d.entries) index.putSaved(e);
    return index;
  }

  /**
   * The index saved at `path` by `save` (an empty one when there is none, or it is of another version or key, or
   * unreadable). Parsed a line at a time, so loading never holds the whole index twice.
   */
  static async load(fs: FileSystem, key: string, path: string): Promise<CorpusIndex> {
    const index = new CorpusIndex(fs, key);
    let text: string;
    try {
      text = new TextDecoder().decode(await fs.readFile(path));
    } catch {
      return index;
    }
    let at = text.indexOf('\n');
    try {
      const head = JSON.parse(text.slice(0, at < 0 ? text.length : at)) as Partial<CorpusIndexData>;
      if (head.version !== CORPUS_INDEX_VERSION || head.key !== key) return index;
      while (at >= 0 && at < text.length - 1) {
        const next = text.indexOf('\n', at + 1);
        const line = text.slice(at + 1, next < 0 ? text.length : next);
        if (line) index.putSaved(JSON.parse(line));
        at = next;
      }
    } catch {
      return new CorpusIndex(fs, key); // cut short or not an index: built again
    }
    return index;
  }

  /** Writes the index to `path` (atomically), a line per article: a header, then one JSON entry per line. */
  async save(path: string): Promise<number> {
    const out = await this.fs.openAtomic(path);
    const encoder = new TextEncoder();
    let bytes = 0;
    let chunk = `${JSON.stringify({ version: CORPUS_INDEX_VERSION, key: this.key })}\n`;
    try {
      for (const e of this.entries.values()) {
        chunk += `${JSON.stringify(savedOf(e))}\n`;
        if (chunk.length < 1 << 16) continue;
        const data = encoder.encode(chunk);
        bytes += data.length;
        await out.write(data);
        chunk = '';
      }
      const data = encoder.encode(chunk);
      bytes += data.length;
      await out.write(data);
      await out.close();
    } catch (err) {
      await out.abort().catch(() => undefined);
      throw err;
    }
    return bytes;
  }

  /**
   * The entries as they are held (numbers packed), `batch` at a time: for a host that builds the index on another
   * thread and hands it over (structured clone keeps the Int32Arrays).
   */
  *batches(batch: number): Generator<IndexEntry[]> {
    let out: IndexEntry[] = [];
    for (const e of this.entries.values()) {
      out.push(e);
      if (out.length < batch) continue;
      yield out;
      out = [];
    }
    if (out.length > 0) yield out;
  }

  /** Takes entries handed over from `batches` (or saved ones), replacing the articles' entries. */
  add(entries: readonly IndexEntry[]): void {
    for (const e of entries) this.putSaved(e);
  }

  /** Forgets every article not in `texts` (what a build on another thread no longer found). */
  retain(texts: ReadonlySet<string>): void {
    for (const text of [...this.entries.keys()]) if (!texts.has(text)) this.drop(text);
  }

  toJSON(): CorpusIndexData {
    return { version: CORPUS_INDEX_VERSION, key: this.key, entries: [...this.entries.values()].map(savedOf) };
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
    for (const text of [...this.entries.keys()]) if (!found.has(text)) this.drop(text);
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
      this.drop(text);
      return false;
    }
    const known = this.entries.get(text);
    if (known && sameStamp(known.textStamp, stampOf(textStat)) && sameStamp(known.sidecarStamp, stampOf(sidecarStat))) return false;
    const problems: FileProblem[] = [];
    const doc = await readAnnotatedDocument(this.fs, this.store, text, { progress: () => undefined, problem: (p) => problems.push(p) });
    if (doc === undefined) {
      this.drop(text);
      return true;
    }
    const base = { text, textStamp: stampOf(textStat), sidecarStamp: stampOf(sidecarStat), problems: problems.length ? problems : NO_PROBLEMS };
    this.put(doc === 'failed' ? { ...base, strings: [], numbers: Int32Array.of(0, -1) } : this.entryOf(base, doc.sidecar, lineTableOf(doc.text)));
    return true;
  }

  /**
   * The front end wrote `sidecar` as the sidecar of `text`: its entry is made from it, without reading the
   * sidecar again (the watcher's event that follows finds the stamps unchanged); the text is read only when it
   * changed since the entry was made, for its line starts.
   */
  async record(text: string, sidecar: Sidecar): Promise<void> {
    const [sidecarStat, textStat] = await Promise.all([this.fs.stat(sidecarPathFor(text)), this.fs.stat(text)]);
    if (!sidecarStat || !textStat || textStat.isDirectory) return;
    const known = this.entries.get(text);
    let lines = known && sameStamp(known.textStamp, stampOf(textStat)) ? linesOf(known) : undefined;
    if (!lines) {
      try {
        lines = lineTableOf(new TextDecoder().decode(await this.fs.readFile(text)));
      } catch {
        // unreadable now: references read it when asked
      }
    }
    this.put(this.entryOf({ text, textStamp: stampOf(textStat), sidecarStamp: stampOf(sidecarStat), problems: NO_PROBLEMS }, sidecar, lines));
  }

  /** Forgets an article (its sidecar was deleted). */
  remove(text: string): void {
    this.drop(text);
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
    const total = this.totals.get(entity) ?? { mentions: 0, documents: 0 };
    const skipped = except === undefined ? undefined : this.entries.get(except);
    const here = skipped ? (mentionCounts(skipped).get(entity) ?? 0) : 0;
    return { mentions: total.mentions - here, documents: total.documents - (here > 0 ? 1 : 0), annotated: this.entries.size - (skipped ? 1 : 0) };
  }

  /** Every mention of `entity` (as ACTOR or PLACE), article by article in path order. */
  mentionsOf(entity: string): IndexMention[] {
    const out: IndexMention[] = [];
    if (!this.totals.has(entity)) return out;
    for (const e of this.sorted()) {
      let lines: LineTable | undefined | null = null;
      eachEntity(e, (at) => {
        if (at.id !== entity) return;
        if (lines === null) lines = linesOf(e);
        for (let i = at.spans; i < at.spellingNumbers; i += 2) {
          const start = e.numbers[i];
          const end = e.numbers[i + 1];
          out.push(lines ? { text: e.text, start, end, position: [...positionIn(lines, start), ...positionIn(lines, end)] } : { text: e.text, start, end });
        }
      });
    }
    return out;
  }

  /** How many times `entity` is mentioned, leaving out the article `except`. */
  countOf(entity: string, except?: string): number {
    return this.useOf(entity, except).mentions;
  }

  /**
   * Each article's entities with their spellings (first span of each, and its editor position when the index
   * knows the text's lines), in path order.
   */
  *entities(): Generator<{
    readonly text: string;
    readonly label: MentionLabel;
    readonly entity: string;
    readonly spellings: ReadonlyArray<readonly [string, number, number]>;
    readonly positions?: ReadonlyArray<readonly [number, number, number, number]>;
  }> {
    for (const e of this.sorted()) {
      const found: Array<{ label: MentionLabel; entity: string; spellings: Array<readonly [string, number, number]> }> = [];
      eachEntity(e, (at) => {
        const spellings: Array<readonly [string, number, number]> = [];
        for (let j = 0; j < at.spellings; j++) {
          const start = e.numbers[at.spellingNumbers + 2 * j];
          let end = start;
          for (let i = at.spans; i < at.spellingNumbers; i += 2) if (e.numbers[i] === start) end = e.numbers[i + 1];
          spellings.push([e.strings[at.spellingStrings + j], start, end]);
        }
        found.push({ label: at.label, entity: at.id, spellings });
      });
      const lines = found.length > 0 ? linesOf(e) : undefined;
      for (const f of found) yield { text: e.text, ...f, positions: lines && f.spellings.map(([, s, end]) => [...positionIn(lines, s), ...positionIn(lines, end)] as const) };
    }
  }

  /**
   * Each entity once, with the label it first has, and each of its spellings where it is first met, all in path
   * order: what workspace symbols search. Made once and kept until the index changes.
   */
  spellings(): readonly EntitySpellings[] {
    if (this.spelled) return this.spelled;
    const byEntity = new Map<string, EntitySpellings & { seen: Set<string>; spellings: SpellingAt[] }>();
    for (const e of this.sorted()) {
      let lines: LineTable | undefined | null = null;
      eachEntity(e, (at) => {
        let entity = byEntity.get(at.id);
        if (!entity) byEntity.set(at.id, (entity = { entity: at.id, label: at.label, spellings: [], seen: new Set() }));
        for (let j = 0; j < at.spellings; j++) {
          const spelling = e.strings[at.spellingStrings + j];
          if (entity.seen.has(spelling)) continue;
          entity.seen.add(spelling);
          const start = e.numbers[at.spellingNumbers + 2 * j];
          let end = start;
          for (let i = at.spans; i < at.spellingNumbers; i += 2) if (e.numbers[i] === start) end = e.numbers[i + 1];
          if (lines === null) lines = linesOf(e);
          entity.spellings.push({ spelling, text: e.text, start, end, position: lines && [...positionIn(lines, start), ...positionIn(lines, end)] });
        }
      });
    }
    this.spelled = [...byEntity.values()].map(({ entity, label, spellings }) => ({ entity, label, spellings }));
    return this.spelled;
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
      const entities: DocumentCounts['entities'] = [];
      eachEntity(e, (at) => {
        const spellings: Array<[string, number]> = [];
        for (let j = 0; j < at.spellings; j++) spellings.push([e.strings[at.spellingStrings + j], e.numbers[at.spellingNumbers + 2 * j + 1]]);
        entities.push([at.label, at.id, at.mentions, spellings]);
      });
      counter.addCounts({ ...e.counts, entities });
    }
    return { stats: counter.stats(topEntities), failed, problems };
  }

  private sorted(): Entry[] {
    this.order ??= [...this.entries.values()].sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
    return this.order;
  }

  /** A saved entry, checked for its shape (a damaged one is left out: that article is read again). */
  private putSaved(e: IndexEntry | undefined): void {
    const packed = e?.numbers instanceof Int32Array;
    if (typeof e?.text !== 'string' || !Array.isArray(e.strings) || !(packed || Array.isArray(e.numbers)) || !Array.isArray(e.textStamp) || !Array.isArray(e.sidecarStamp)) return;
    this.put({ ...e, problems: e.problems?.length ? e.problems : NO_PROBLEMS, strings: e.strings.map((t) => this.share(t)), numbers: packed ? (e.numbers as Int32Array) : Int32Array.from(e.numbers) });
  }

  /** Sets an entry (replacing the article's previous one), with its mentions counted into the totals. */
  private put(entry: Entry): void {
    this.drop(entry.text);
    this.entries.set(entry.text, entry);
    this.order = undefined;
    this.spelled = undefined;
    for (const [id, n] of mentionCounts(entry)) {
      const t = this.totals.get(id);
      if (t) {
        t.mentions += n;
        t.documents++;
      } else this.totals.set(id, { mentions: n, documents: 1 });
    }
  }

  private drop(text: string): void {
    const entry = this.entries.get(text);
    if (!entry) return;
    this.entries.delete(text);
    this.order = undefined;
    this.spelled = undefined;
    for (const [id, n] of mentionCounts(entry)) {
      const t = this.totals.get(id)!;
      t.mentions -= n;
      t.documents--;
      if (t.documents === 0) this.totals.delete(id);
    }
  }

  /**
   * The one copy of `s`. A new one is copied first: a string cut from a parsed sidecar can keep the whole
   * sidecar's text alive, and ten thousand of them would hold the corpus in memory.
   */
  private share(s: string): string {
    let one = this.shared.get(s);
    if (one === undefined) {
      one = JSON.parse(JSON.stringify(s)) as string;
      this.shared.set(one, one);
    }
    return one;
  }

  /** An entry's figures, entity mentions and line table, from a sidecar. */
  private entryOf(base: Pick<IndexEntry, 'text' | 'textStamp' | 'sidecarStamp' | 'problems'>, sidecar: Sidecar, lines?: LineTable): Entry {
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
    const strings: string[] = [];
    const numbers: number[] = [byEntity.size];
    for (const [label, id, spans, spellings] of byEntity.values()) {
      strings.push(this.share(label), this.share(id));
      numbers.push(spans.length / 2, spellings.length, ...spans);
      for (const [t, start, n] of spellings) {
        strings.push(this.share(t));
        numbers.push(start, n);
      }
    }
    if (!lines) numbers.push(-1);
    else for (const part of lines) numbers.push(part.length, ...Array.from(part));
    const events: Record<string, number> = {};
    for (const [type, n] of Object.entries(counts.events)) events[this.share(type)] = n;
    return { ...base, counts: { ...counts, events }, strings, numbers: Int32Array.from(numbers) };
  }
}

/**
 * Entries for another thread: their numbers in one Int32Array (its buffer can be transferred, not copied) and
 * the rest as one JSON string; what a structured clone of entries one by one would cost the receiving thread,
 * a buffer and an object graph per entry, is one parse.
 */
export interface PackedEntries {
  readonly meta: string;
  readonly numbers: Int32Array;
}

export function packEntries(entries: readonly IndexEntry[]): PackedEntries {
  let length = 0;
  for (const e of entries) length += e.numbers.length;
  const numbers = new Int32Array(length);
  let at = 0;
  for (const e of entries) {
    numbers.set(e.numbers, at);
    at += e.numbers.length;
  }
  return { meta: JSON.stringify(entries.map((e) => ({ ...e, numbers: e.numbers.length }))), numbers };
}

export function unpackEntries({ meta, numbers }: PackedEntries): IndexEntry[] {
  let at = 0;
  return (JSON.parse(meta) as Array<Omit<IndexEntry, 'numbers'> & { numbers: number }>).map((e) => {
    const view = numbers.subarray(at, at + e.numbers);
    at += e.numbers;
    return { ...e, numbers: view };
  });
}

/** An entry as saved: its numbers as a JSON array. */
function savedOf(e: Entry): IndexEntry {
  return { ...e, numbers: Array.from(e.numbers) };
}
