/**
 * An annotate worker thread (bundled as dist/annotateWorker.js, started by DetectorPool): builds the gazetteer
 * once from the place data, the workspace entities and the learned names it is given (as the main thread
 * would), then answers, one request at a time as they come:
 * - `{id, text, date}` with `{id, detection}`: detectWithEvents, the detection the main thread runs;
 * - `{id, article}` with `{id, outcome}`: the whole article (annotateArticle: read, detect, merge, save its
 *   sidecar through this thread's own blocking file-system port, with the same lock and compare-and-swap as
 *   any writer), so the main thread only puts the outcomes in path order.
 * A request that throws is answered `{id, error}`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Detection, Entity } from '../core/model';
import { defaultGazetteer } from '../core/gazetteer/defaultGazetteer';
import { PlaceIndex } from '../core/gazetteer/placeIndex';
import { detectWithEvents } from '../core/review/annotateDocument';
import { withLearned, type LearnedModel } from '../core/learning/learnedSuggestions';
import { inlineDetector } from '../core/corpus/annotateCorpus';
import { annotateArticle, type ArticleJob, type ArticleOutcome, type ArticleSettings } from '../core/corpus/annotateArticle';
import { SidecarStore } from '../core/sidecar/sidecarStore';
import { blockingReadFileSystem } from './nodeFileSystem';

export interface AnnotateWorkerData {
  /** places.bin (GeoNames places and countries, compiled); none: only built-in places, as the CLI warns. */
  readonly placesFile?: string;
  /** The workspace gazetteer's entities, parsed (and their problems reported) by the main thread. */
  readonly entities: readonly Entity[];
  /** Learned suggestions, updated from the sidecars by the main thread before any detection. */
  readonly learned?: LearnedModel;
  /** For whole articles: what the job passes on to every one (its learned model is `learned`). */
  readonly articles?: Omit<ArticleSettings, 'learned'>;
}

export type WorkerRequest =
  | {
      readonly id: number;
      readonly text: string;
      /** The reference for relative dates (referenceDate). */
      readonly date?: string;
    }
  | { readonly id: number; readonly article: ArticleJob };

export type WorkerReply =
  | { readonly id: number; readonly detection: Detection }
  | { readonly id: number; readonly outcome: ArticleOutcome }
  | { readonly id: number; readonly error: string };

async function start(port: NonNullable<typeof parentPort>, data: AnnotateWorkerData): Promise<void> {
  const places = data.placesFile ? PlaceIndex.read(await blockingReadFileSystem.readFile(data.placesFile)) : undefined;
  const base = defaultGazetteer(places, data.entities);
  const gazetteer = data.learned ? withLearned(base, data.learned) : base;
  const store = new SidecarStore(blockingReadFileSystem);
  const detector = Promise.resolve(inlineDetector(gazetteer));
  const settings: ArticleSettings = { ...data.articles, ...(data.learned ? { learned: data.learned } : {}) };
  const failed = (id: number, e: unknown): WorkerReply => ({ id, error: (e as Error)?.stack ?? String(e) });
  port.on('message', (request: WorkerRequest) => {
    const { id } = request;
    if ('article' in request) {
      // several at once: while one waits for its flush to disk, the next is read and detected
      annotateArticle(store, () => detector, settings, request.article).then(
        (outcome) => port.postMessage({ id, outcome } satisfies WorkerReply),
        (e: unknown) => port.postMessage(failed(id, e)),
      );
      return;
    }
    let reply: WorkerReply;
    try {
      reply = { id, detection: detectWithEvents(request.text, gazetteer, request.date) };
    } catch (e) {
      reply = failed(id, e);
    }
    port.postMessage(reply);
  });
}

if (parentPort) void start(parentPort, workerData as AnnotateWorkerData);
