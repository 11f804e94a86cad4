/** Entry point of the `conflict-annotator` command (dist/cli.js). */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PlaceIndex } from '../core/gazetteer/placeIndex';
import { nodeFileSystem } from '../node/nodeFileSystem';
import { runCli } from './runCli';

function loadPlaceData(): PlaceIndex | undefined {
  // compiled next to this file by esbuild.mjs
  const path = join(__dirname, 'places.bin');
  return existsSync(path) ? PlaceIndex.read(readFileSync(path)) : undefined;
}

runCli(process.argv.slice(2), {
  fs: nodeFileSystem,
  io: { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`), cwd: process.cwd() },
  loadPlaceData,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`internal error: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 70;
  },
);
