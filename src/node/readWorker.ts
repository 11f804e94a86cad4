/**
 * A reader thread (bundled as dist/readWorker.js, started by ReaderPool): answers `{id, file}` with
 * `{id, outcome}`, the article read, parsed and worked for the task it was started with (readArticle: the same
 * code the job runs when it reads in its own thread), one article at a time, with the CLI's blocking reads.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readArticle, type ArticleOutcome, type ArticleTask } from '../core/corpus/articleReader';
import { SidecarStore } from '../core/sidecar/sidecarStore';
import { blockingReadFileSystem } from './nodeFileSystem';

export interface ReadWorkerData {
  readonly task: ArticleTask;
}

export interface ReadRequest {
  readonly id: number;
  readonly file: string;
}

export interface ReadReply {
  readonly id: number;
  readonly outcome: ArticleOutcome;
}

if (parentPort) {
  const port = parentPort;
  const { task } = workerData as ReadWorkerData;
  const store = new SidecarStore(blockingReadFileSystem);
  port.on('message', ({ id, file }: ReadRequest) => {
    void readArticle(blockingReadFileSystem, store, task, file).then((outcome) => port.postMessage({ id, outcome } satisfies ReadReply));
  });
}
