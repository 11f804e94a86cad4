/**
 * A reader thread (bundled as dist/readWorker.js, started by ReaderPool): answers `{id, files}` with
 * `{id, outcomes}`, each article read, parsed and worked for the task it was started with (readArticle: the same
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
  readonly files: readonly string[];
}

export interface ReadReply {
  readonly id: number;
  readonly outcomes: readonly ArticleOutcome[];
}

if (parentPort) {
  const port = parentPort;
  const { task } = workerData as ReadWorkerData;
  const store = new SidecarStore(blockingReadFileSystem);
  port.on('message', ({ id, files }: ReadRequest) => {
    void (async () => {
      const outcomes: ArticleOutcome[] = [];
      for (const file of files) outcomes.push(await readArticle(blockingReadFileSystem, store, task, file));
      port.postMessage({ id, outcomes } satisfies ReadReply);
    })();
  });
}
