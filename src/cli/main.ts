/** Entry point of the `conflict-annotator` command (dist/cli.js). */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPlaceData, type PlaceData } from '../core/gazetteer/placeData';
import { nodeFileSystem } from '../node/nodeFileSystem';
import { nodeGit } from '../node/nodeGit';
import { shellWord } from '../core/corpus/setupGit';
import { runCli } from './runCli';

function loadPlaceData(): PlaceData | undefined {
  // built next to this file by esbuild.mjs
  const path = join(__dirname, 'places.json');
  return existsSync(path) ? checkPlaceData(JSON.parse(readFileSync(path, 'utf8'))) : undefined;
}

runCli(process.argv.slice(2), {
  fs: nodeFileSystem,
  io: { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`), cwd: process.cwd() },
  loadPlaceData,
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
