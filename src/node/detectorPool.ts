/**
 * Annotate's worker threads: each worker (dist/annotateWorker.js) builds the gazetteer once, then detects the
 * texts it is sent (the annotate job's Detector port) or annotates the whole articles it is sent (its
 * ArticleAnnotator port: read, detect, merge, save). A request goes to the worker with the fewest waiting, so a
 * long article does not hold up the others; the job keeps its output in order.
 */
import { Worker } from 'node:worker_threads';
import type { Detection } from '../core/model';
import type { Detector } from '../core/corpus/annotateCorpus';
import type { ArticleAnnotator, ArticleJob, ArticleOutcome } from '../core/corpus/annotateArticle';
import type { AnnotateWorkerData, WorkerReply, WorkerRequest } from './annotateWorker';

interface Waiting {
  resolve(reply: WorkerReply): void;
  reject(e: Error): void;
}

interface PoolWorker {
  readonly worker: Worker;
  readonly waiting: Map<number, Waiting>;
  /** Why it stopped, once it has. */
  failure?: Error;
}

export class DetectorPool implements Detector, ArticleAnnotator {
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
        waiting.resolve(reply);
      });
      const fail = (e: Error): void => {
        w.failure ??= e;
        for (const waiting of w.waiting.values()) waiting.reject(e);
        w.waiting.clear();
      };
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (!this.closed) fail(new Error(`an annotate worker stopped (exit code ${code})`));
      });
      this.workers.push(w);
    }
  }

  private send(request: (id: number) => WorkerRequest): Promise<WorkerReply> {
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

  async detect(text: string, date: string | undefined): Promise<Detection> {
    const reply = await this.send((id) => (date === undefined ? { id, text } : { id, text, date }));
    if ('detection' in reply) return reply.detection;
    throw new Error(`detection failed in a worker thread: ${'error' in reply ? reply.error : 'no detection'}`);
  }

  async annotate(article: ArticleJob): Promise<ArticleOutcome> {
    const reply = await this.send((id) => ({ id, article }));
    if ('outcome' in reply) return reply.outcome;
    throw new Error(`annotating failed in a worker thread: ${'error' in reply ? reply.error : 'no outcome'}`);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}
