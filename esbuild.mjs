// One build script for every entry point. `--production` minifies and drops source maps.
import * as esbuild from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { buildPlaceData } from './scripts/placeData.mjs';

const production = process.argv.includes('--production');

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // Node 20 has these; without saying so esbuild rewrites such literals into `new RegExp()` built on every call
  supported: { 'regexp-unicode-property-escapes': true, 'regexp-lookbehind-assertions': true, 'regexp-sticky-and-unicode-flags': true, 'regexp-named-capture-groups': true, 'regexp-dot-all-flag': true, 'regexp-match-indices': true },
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  logOverride: { 'import-is-undefined': 'error' },
};

await Promise.all([
  esbuild.build({ ...common, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  // No `external: ['vscode']` here: an accidental vscode import in the CLI graph fails the build.
  esbuild.build({ ...common, entryPoints: ['test/bench/bench.ts'], outfile: 'dist/bench.js', minify: true, sourcemap: false }),
  esbuild.build({ ...common, entryPoints: ['test/bench/sidecarBench.ts'], outfile: 'dist/sidecarBench.js', minify: true, sourcemap: false }),
  esbuild.build({ ...common, entryPoints: ['test/bench/indexBench.ts'], outfile: 'dist/indexBench.js', minify: true, sourcemap: false }),
  esbuild.build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  // the CLI's detection threads (annotate --jobs), found beside dist/cli.js
  esbuild.build({ ...common, entryPoints: ['src/node/annotateWorker.ts'], outfile: 'dist/annotateWorker.js' }),
  // the CLI's reader threads (validate, stats, export), found beside dist/cli.js
  esbuild.build({ ...common, entryPoints: ['src/node/readWorker.ts'], outfile: 'dist/readWorker.js' }),
  // the extension's workspace index, built off the extension host's thread
  esbuild.build({ ...common, entryPoints: ['src/node/indexWorker.ts'], outfile: 'dist/indexWorker.js' }),
]);

// GeoNames places and ISO country names (never downloaded at run time): the readable table, and the index the
// CLI and the extension open at start-up, compiled by the gazetteer's own code (src/core/gazetteer/placeIndex.ts)
mkdirSync('dist', { recursive: true });
const placeData = buildPlaceData();
writeFileSync('dist/places.json', JSON.stringify(placeData));
writeFileSync('dist/places.bin', await compilePlaceIndex(placeData));

async function compilePlaceIndex(data) {
  const bundle = await esbuild.build({ ...common, entryPoints: ['src/core/gazetteer/placeIndex.ts'], write: false, minify: false, sourcemap: false });
  const module = { exports: {} };
  new Function('module', 'exports', bundle.outputFiles[0].text)(module, module.exports);
  return module.exports.compilePlaceIndex(data);
}
