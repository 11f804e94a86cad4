/** Entry point of the `conflict-annotator` command (dist/cli.js). */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PlaceIndex } from '../core/gazetteer/placeIndex';
import { blockingReadFileSystem } from '../node/nodeFileSystem';
import { DetectorPool } from '../node/detectorPool';
import { ReaderPool } from '../node/readerPool';
import { nodeGit } from '../node/nodeGit';
import { shellWord } from '../core/corpus/setupGit';
import { runCli } from './runCli';

// built next to this file by esbuild.mjs (the places compiled into their index)
const PLACES = join(__dirname, 'places.bin');
const WORKER = join(__dirname, 'annotateWorker.js');
const READ_WORKER = join(__dirname, 'readWorker.js');

function loadPlaceData(): PlaceIndex | undefined {
  return existsSync(PLACES) ? PlaceIndex.read(readFileSync(PLACES)) : undefined;
}

/** Lines of standard input as they arrive: the stream is read only as fast as the lines are taken. */
async function* stdinLines(): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let rest = '';
  for await (const chunk of process.stdin) {
    rest += decoder.decode(chunk as Uint8Array, { stream: true });
    let from = 0;
    for (let nl = rest.indexOf('\n'); nl >= 0; nl = rest.indexOf('\n', from)) {
      yield rest.slice(from, nl).replace(/\r$/, '');
      from = nl + 1;
    }
    rest = rest.slice(from);
  }
  rest += decoder.decode();
  if (rest !== '') yield rest;
}

runCli(process.argv.slice(2), {
  fs: blockingReadFileSystem,
  io: { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`), cwd: process.cwd(), stdin: stdinLines },
  loadPlaceData,
  // without its bundle or the place data beside it, a worker could not detect what this thread would
  detectorPool: (size, entities, learned) =>
    existsSync(WORKER) && existsSync(PLACES) ? new DetectorPool(WORKER, size, { placesFile: PLACES, entities, ...(learned ? { learned } : {}) }) : undefined,
  readerPool: (task, size) => (existsSync(READ_WORKER) ? new ReaderPool(READ_WORKER, size, task) : undefined),
  articlePool: (size, entities, { learned, ...articles }) =>
    existsSync(WORKER) && existsSync(PLACES) ? new DetectorPool(WORKER, size, { placesFile: PLACES, entities, articles, ...(learned ? { learned } : {}) }) : undefined,
  placeDataStamp: () => (existsSync(PLACES) ? `places.bin ${statSync(PLACES).size} bytes` : 'none'),
  git: nodeGit,
  // how git's shell runs this bundle again as the merge driver
  selfCommand: `${shellWord(process.execPath)} ${shellWord(__filename)}`,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`internal error: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 70;
  },
);
