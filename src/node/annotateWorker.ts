/**
 * A detection worker thread (bundled as dist/annotateWorker.js, started by DetectorPool): builds the gazetteer
 * once from the place data and the workspace entities it is given, then answers `{id, text}` with
 * `{id, detection}` (or `{id, error}`), one text at a time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Entity } from '../core/model';
import { detect } from '../core/detection/detect';
import { defaultGazetteer } from '../core/gazetteer/defaultGazetteer';
import { checkPlaceData } from '../core/gazetteer/placeData';
import type { Detection } from '../core/model';
import { nodeFileSystem } from './nodeFileSystem';

export interface AnnotateWorkerData {
  /** places.json (GeoNames places and countries); none: only built-in places, as the CLI warns. */
  readonly placesFile?: string;
  /** The workspace gazetteer's entities, parsed (and their problems reported) by the main thread. */
  readonly entities: readonly Entity[];
}

export type WorkerReply = { readonly id: number; readonly detection: Detection } | { readonly id: number; readonly error: string };

async function start(port: NonNullable<typeof parentPort>, data: AnnotateWorkerData): Promise<void> {
  const places = data.placesFile ? checkPlaceData(JSON.parse(new TextDecoder().decode(await nodeFileSystem.readFile(data.placesFile)))) : undefined;
  const gazetteer = defaultGazetteer(places, data.entities);
  port.on('message', ({ id, text }: { id: number; text: string }) => {
    let reply: WorkerReply;
    try {
      reply = { id, detection: detect(text, gazetteer) };
    } catch (e) {
      reply = { id, error: (e as Error)?.stack ?? String(e) };
    }
    port.postMessage(reply);
  });
}

if (parentPort) void start(parentPort, workerData as AnnotateWorkerData);
