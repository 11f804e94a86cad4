/**
 * Annotate's worker threads: each worker (dist/annotateWorker.js) builds the gazetteer once, then detects the
 * texts it is sent (the annotate job's Detector port) or annotates the whole articles it is sent (its
 * ArticleAnnotator port: read, detect, merge, save). A request goes to the worker with the fewest waiting, so a
 * long article does not hold up the others; the job keeps its output in order.
 */
import type { Detection } from '../core/model';
import type { Detector } from '../core/corpus/annotateCorpus';
import type { ArticleAnnotator, ArticleJob, ArticleOutcome } from '../core/corpus/annotateArticle';
import type { AnnotateWorkerData, WorkerReply, WorkerRequest } from './annotateWorker';
import { WorkerPool } from './workerPool';

export class DetectorPool implements Detector, ArticleAnnotator {
  private readonly pool: WorkerPool<WorkerRequest, WorkerReply>;

  constructor(workerFile: string, size: number, data: AnnotateWorkerData) {
    this.pool = new WorkerPool(workerFile, size, data, 'an annotate worker');
  }

  async detect(text: string, date: string | undefined): Promise<Detection> {
    const reply = await this.pool.send((id) => (date === undefined ? { id, text } : { id, text, date }));
    if ('detection' in reply) return reply.detection;
    throw new Error(`detection failed in a worker thread: ${'error' in reply ? reply.error : 'no detection'}`);
  }

  async annotate(article: ArticleJob): Promise<ArticleOutcome> {
    const reply = await this.pool.send((id) => ({ id, article }));
    if ('outcome' in reply) return reply.outcome;
    throw new Error(`annotating failed in a worker thread: ${'error' in reply ? reply.error : 'no outcome'}`);
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
