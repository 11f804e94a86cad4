/**
 * Reading articles on worker threads for the read jobs (validate, stats, export): each worker
 * (dist/readWorker.js) reads, parses and works the articles it is sent for one task, a batch at a time. A batch
 * goes to the worker with the fewest waiting. Implements the jobs' ArticleReader port; the job replays outcomes in order.
 * A worker that stops makes its articles' outcomes internal errors, and the others go on.
 */
import type { ArticleOutcome, ArticleReader, ArticleTask } from '../core/corpus/articleReader';
import type { ReadReply, ReadRequest, ReadWorkerData } from './readWorker';
import { WorkerPool } from './workerPool';

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
  private readonly pool: WorkerPool<ReadRequest, ReadReply>;
  private closed = false;

  constructor(workerFile: string, size: number, task: ArticleTask) {
    this.inFlight = Math.max(1, size) * IN_FLIGHT_PER_WORKER;
    this.pool = new WorkerPool(workerFile, size, { task } satisfies ReadWorkerData, 'a reader thread', { maxYoungGenerationSizeMb: YOUNG_MB });
  }

  /** Never rejects: articles a stopped worker held, or that no worker is left for, are internal errors. */
  read(files: readonly string[]): Promise<ArticleOutcome[]> {
    if (this.closed) return Promise.resolve(files.map(() => failed(new Error('the reader pool is closed'))));
    return this.pool.send((id) => ({ id, files })).then(
      ({ outcomes }) => [...outcomes],
      (e: Error) => files.map(() => failed(e)),
    );
  }

  close(): Promise<void> {
    this.closed = true;
    return this.pool.close();
  }
}
