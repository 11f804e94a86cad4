/**
 * Detection on worker threads: each worker (dist/annotateWorker.js) builds the gazetteer once, then detects the
 * texts it is sent, one at a time. A text goes to the worker with the fewest waiting, so a long article does not
 * hold up the others. Implements the annotate job's Detector port; the job keeps its output in order.
 */
import { Worker } from 'node:worker_threads';
import type { Detection } from '../core/model';
import type { Detector } from '../core/corpus/annotateCorpus';
import type { AnnotateWorkerData, WorkerReply, WorkerRequest } from './annotateWorker';

interface Waiting {
  resolve(d: Detection): void;
  reject(e: Error): void;
}

interface PoolWorker {
  readonly worker: Worker;
  readonly waiting: Map<number, Waiting>;
  /** Why it stopped, once it has. */
  failure?: Error;
}

export class DetectorPool implements Detector {
  private readonly workers: PoolWorker[] = [];
  private nextId = 0;
  private closed = false;

  constructor(workerFile: string, size: number, data: AnnotateWorkerData) {
    for (let i = 0; i < Math.max(1, size); i++) {
      const worker = new Worker(workerFile, { workerData: data });
      const w: PoolWorker = { worker, waiting: new Map() };
      worker.on('message', (reply: WorkerReply) => {
        const waiting = w.waiting.get(reply.id);
        if (!waiting) return;
        w.waiting.delete(reply.id);
        if ('detection' in reply) waiting.resolve(reply.detection);
        else waiting.reject(new Error(`detection failed in a worker thread: ${reply.error}`));
      });
      const fail = (e: Error): void => {
        w.failure ??= e;
        for (const waiting of w.waiting.values()) waiting.reject(e);
        w.waiting.clear();
      };
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (!this.closed) fail(new Error(`a detection worker stopped (exit code ${code})`));
      });
      this.workers.push(w);
    }
  }

  detect(text: string, date: string | undefined): Promise<Detection> {
    if (this.closed) return Promise.reject(new Error('the detector pool is closed'));
    const live = this.workers.filter((x) => !x.failure);
    if (live.length === 0) return Promise.reject(this.workers[0].failure);
    const w = live.reduce((a, b) => (b.waiting.size < a.waiting.size ? b : a));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      w.waiting.set(id, { resolve, reject });
      const request: WorkerRequest = date === undefined ? { id, text } : { id, text, date };
      w.worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}
