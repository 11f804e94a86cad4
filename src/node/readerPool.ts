/**
 * Reading articles on worker threads for the read jobs (validate, stats, export): each worker
 * (dist/readWorker.js) reads, parses and works the articles it is sent for one task, a batch at a time. A batch
 * goes to the worker with the fewest waiting. Implements the jobs' ArticleReader port; the job replays outcomes in order.
 * A worker that stops makes its articles' outcomes internal errors, and the others go on.
 */
import { Worker } from 'node:worker_threads';
import type { ArticleOutcome, ArticleReader, ArticleTask } from '../core/corpus/articleReader';
import type { ReadReply, ReadRequest, ReadWorkerData } from './readWorker';

interface PoolWorker {
  readonly worker: Worker;
  readonly waiting: Map<number, { files: number; resolve(o: ArticleOutcome[]): void }>;
  failure?: Error;
}

/** Articles a message: a message each way per article cost about a sixth more CPU than reading in one thread. */
const BATCH = 8;
/** Batches in hand per worker: enough that none waits for the next while the job takes the previous. */
const IN_FLIGHT_PER_WORKER = 2;

/**
 * A reader's young generation: V8's default lets each thread's grow to tens of MB under a reader's allocation
 * rate, which at 10,000 articles added 60 MB of peak RSS (270 MB for an export, 208 MB with this) and no speed.
 */
const YOUNG_MB = 8;

const failed = (e: Error): ArticleOutcome => ({ reports: [], error: { stack: e.stack ?? String(e) } });

export class ReaderPool implements ArticleReader {
  readonly inFlight: number;
  readonly batch = BATCH;
  private readonly workers: PoolWorker[] = [];
  private nextId = 0;
  private closed = false;

  constructor(workerFile: string, size: number, task: ArticleTask) {
    this.inFlight = Math.max(1, size) * IN_FLIGHT_PER_WORKER;
    for (let i = 0; i < Math.max(1, size); i++) {
      const worker = new Worker(workerFile, { workerData: { task } satisfies ReadWorkerData, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB } });
      const w: PoolWorker = { worker, waiting: new Map() };
      worker.on('message', ({ id, outcomes }: ReadReply) => {
        const waiting = w.waiting.get(id);
        w.waiting.delete(id);
        waiting?.resolve([...outcomes]);
      });
      const fail = (e: Error): void => {
        w.failure ??= e;
        for (const waiting of w.waiting.values()) waiting.resolve(Array.from({ length: waiting.files }, () => failed(e)));
        w.waiting.clear();
      };
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (!this.closed) fail(new Error(`a reader thread stopped (exit code ${code})`));
      });
      this.workers.push(w);
    }
  }

  read(files: readonly string[]): Promise<ArticleOutcome[]> {
    const live = this.workers.filter((x) => !x.failure);
    if (this.closed || live.length === 0) {
      const e = this.workers[0]?.failure ?? new Error('the reader pool is closed');
      return Promise.resolve(files.map(() => failed(e)));
    }
    const w = live.reduce((a, b) => (b.waiting.size < a.waiting.size ? b : a));
    const id = this.nextId++;
    return new Promise((resolve) => {
      w.waiting.set(id, { files: files.length, resolve });
      w.worker.postMessage({ id, files } satisfies ReadRequest);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}
