/**
 * The worker threads of a pool (annotate's DetectorPool, the read jobs' ReaderPool): each request goes to the
 * live worker with the fewest waiting and is answered by the reply that carries its id. A worker that fails or
 * stops rejects what it holds and takes no more; the others go on.
 */
import { Worker, type ResourceLimits } from 'node:worker_threads';

interface Waiting<Reply> {
  resolve(reply: Reply): void;
  reject(e: Error): void;
}

interface PoolWorker<Reply> {
  readonly worker: Worker;
  readonly waiting: Map<number, Waiting<Reply>>;
  /** Why it stopped, once it has. */
  failure?: Error;
}

export class WorkerPool<Request, Reply extends { readonly id: number }> {
  private readonly workers: PoolWorker<Reply>[] = [];
  private nextId = 0;
  private closed = false;

  /** `name`: what a worker is called in the error when one stops ("a reader thread"). */
  constructor(workerFile: string, size: number, workerData: unknown, name: string, resourceLimits?: ResourceLimits) {
    for (let i = 0; i < Math.max(1, size); i++) {
      const worker = new Worker(workerFile, { workerData, ...(resourceLimits ? { resourceLimits } : {}) });
      const w: PoolWorker<Reply> = { worker, waiting: new Map() };
      worker.on('message', (reply: Reply) => {
        const waiting = w.waiting.get(reply.id);
        if (!waiting) return;
        w.waiting.delete(reply.id);
        waiting.resolve(reply);
      });
      const fail = (e: Error): void => {
        w.failure ??= e;
        for (const waiting of w.waiting.values()) waiting.reject(e);
        w.waiting.clear();
      };
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (!this.closed) fail(new Error(`${name} stopped (exit code ${code})`));
      });
      this.workers.push(w);
    }
  }

  /** The request made with its id, sent to the least busy live worker; rejects if none is left or it fails. */
  send(request: (id: number) => Request): Promise<Reply> {
    if (this.closed) return Promise.reject(new Error('the worker pool is closed'));
    const live = this.workers.filter((x) => !x.failure);
    if (live.length === 0) return Promise.reject(this.workers[0].failure);
    const w = live.reduce((a, b) => (b.waiting.size < a.waiting.size ? b : a));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      w.waiting.set(id, { resolve, reject });
      w.worker.postMessage(request(id));
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}
