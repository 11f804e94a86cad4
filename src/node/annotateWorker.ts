/**
 * A detection worker thread (bundled as dist/annotateWorker.js, started by DetectorPool): builds the gazetteer
 * once from the place data, the workspace entities and the learned names it is given (as the main thread
 * would), then answers `{id, text, date}` with `{id, detection}` (or `{id, error}`), one text at a time. The
 * detection is detectWithEvents, the one the main thread runs: mentions, attributions and events.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Detection, Entity } from '../core/model';
import { defaultGazetteer } from '../core/gazetteer/defaultGazetteer';
import { PlaceIndex } from '../core/gazetteer/placeIndex';
import { detectWithEvents } from '../core/review/annotateDocument';
import { withLearned, type LearnedModel } from '../core/learning/learnedSuggestions';
import { nodeFileSystem } from './nodeFileSystem';

export interface AnnotateWorkerData {
  /** places.bin (GeoNames places and countries, compiled); none: only built-in places, as the CLI warns. */
  readonly placesFile?: string;
  /** The workspace gazetteer's entities, parsed (and their problems reported) by the main thread. */
  readonly entities: readonly Entity[];
  /** Learned suggestions, updated from the sidecars by the main thread before any detection. */
  readonly learned?: LearnedModel;
}

export interface WorkerRequest {
  readonly id: number;
  readonly text: string;
  /** The reference for relative dates (referenceDate). */
  readonly date?: string;
}

export type WorkerReply = { readonly id: number; readonly detection: Detection } | { readonly id: number; readonly error: string };

async function start(port: NonNullable<typeof parentPort>, data: AnnotateWorkerData): Promise<void> {
  const places = data.placesFile ? PlaceIndex.read(await nodeFileSystem.readFile(data.placesFile)) : undefined;
  const base = defaultGazetteer(places, data.entities);
  const gazetteer = data.learned ? withLearned(base, data.learned) : base;
  port.on('message', ({ id, text, date }: WorkerRequest) => {
    let reply: WorkerReply;
    try {
      reply = { id, detection: detectWithEvents(text, gazetteer, date) };
    } catch (e) {
      reply = { id, error: (e as Error)?.stack ?? String(e) };
    }
    port.postMessage(reply);
  });
}

if (parentPort) void start(parentPort, workerData as AnnotateWorkerData);
