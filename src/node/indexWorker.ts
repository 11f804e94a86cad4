/**
 * The workspace index built off the extension host's thread (bundled as dist/indexWorker.js, started by the
 * extension's WorkspaceIndex): loads the saved index, brings it up to date with the workspace (reading only what
 * changed), saves it when anything was read, and hands the entries over in batches. Parsing ten thousand
 * sidecars here keeps the host's thread free for hovers, and the garbage of that parsing leaves with the thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CorpusIndex, packEntries, type IndexEntry, type PackedEntries } from '../core/corpus/corpusIndex';
import { dirname } from 'node:path';
import { nodeFileSystem } from './nodeFileSystem';

export interface IndexWorkerData {
  readonly key: string;
  readonly roots: readonly string[];
  /** Where the index is saved (none: for this session only). */
  readonly file?: string;
}

export type IndexWorkerMessage =
  /** The saved index, as loaded (before anything is read). */
  | { readonly kind: 'loaded'; readonly entries: PackedEntries; readonly last: boolean; readonly ms: number }
  | { readonly kind: 'progress'; readonly done: number; readonly total: number }
  /** The index brought up to date: every entry (when anything changed), then `done`. */
  | { readonly kind: 'entries'; readonly entries: PackedEntries }
  | { readonly kind: 'done'; readonly read: number; readonly articles: number; readonly savedBytes?: number; readonly savedMs?: number; readonly ms: number }
  | { readonly kind: 'error'; readonly message: string };

/** Entries a message: the receiving thread takes each batch in one go, so a batch is a few milliseconds' work. */
const BATCH = 200;

/**
 * Sends a batch and waits until the host has taken it: messages queued at once would be taken in one go, a
 * long pause for the host's thread.
 */
function send(port: NonNullable<typeof parentPort>, kind: 'loaded' | 'entries', entries: readonly IndexEntry[], extra: { last?: boolean; ms?: number } = {}): Promise<void> {
  const packed = packEntries(entries);
  const taken = new Promise<void>((resolve) => port.once('message', () => resolve()));
  port.postMessage({ kind, entries: packed, ...extra } as IndexWorkerMessage, [packed.numbers.buffer as ArrayBuffer]);
  return taken;
}

async function run(port: NonNullable<typeof parentPort>, data: IndexWorkerData): Promise<void> {
  const t0 = performance.now();
  const index = data.file ? await CorpusIndex.load(nodeFileSystem, data.key, data.file) : new CorpusIndex(nodeFileSystem, data.key);
  const loadedMs = performance.now() - t0;
  const before = index.size;
  const loaded = [...index.batches(BATCH)];
  if (loaded.length === 0) await send(port, 'loaded', [], { last: true, ms: loadedMs });
  for (let i = 0; i < loaded.length; i++) await send(port, 'loaded', loaded[i], { last: i === loaded.length - 1, ms: loadedMs });
  let shown = 0;
  const read = await index.refresh(data.roots, {
    progress: (done, total) => {
      // a few messages a second at most
      if (done !== total && performance.now() - shown < 200) return;
      shown = performance.now();
      port.postMessage({ kind: 'progress', done, total } satisfies IndexWorkerMessage);
    },
    problem: () => undefined,
  });
  const changed = read > 0 || index.size !== before;
  let savedBytes: number | undefined;
  let savedMs: number | undefined;
  if (changed) {
    for (const entries of index.batches(BATCH)) await send(port, 'entries', entries);
    if (data.file) {
      try {
        await nodeFileSystem.mkdirp(dirname(data.file));
        const t1 = performance.now();
        savedBytes = await index.save(data.file);
        savedMs = performance.now() - t1;
      } catch {
        // a cache: the next session builds it again
      }
    }
  }
  port.postMessage({ kind: 'done', read, articles: index.size, savedBytes, savedMs, ms: performance.now() - t0 } satisfies IndexWorkerMessage);
}

if (parentPort) {
  const port = parentPort;
  run(port, workerData as IndexWorkerData).catch((err: unknown) => port.postMessage({ kind: 'error', message: String((err as Error)?.stack ?? err) } satisfies IndexWorkerMessage));
}
