// Bundles the integration suite into plain CommonJS for the extension host, which cannot load TypeScript.
// Every test/integration/*.test.ts plus the mocha entry index.ts lands in out/test/integration/.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const srcDir = join(root, 'test', 'integration');
const outDir = join(root, 'out', 'test', 'integration');

const tests = readdirSync(srcDir).filter((f) => f.endsWith('.test.ts')).sort();
if (tests.length === 0) throw new Error(`no *.test.ts files in ${srcDir}`);

// Stale bundles of deleted tests would otherwise still be picked up by index.js.
rmSync(outDir, { recursive: true, force: true });
await esbuild.build({
  entryPoints: [join(srcDir, 'index.ts'), ...tests.map((f) => join(srcDir, f))],
  outdir: outDir,
  outbase: srcDir,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: 'inline',
  sourcesContent: false,
  // vscode is provided by the extension host; mocha must be the single copy index.js drives.
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
  logOverride: { 'import-is-undefined': 'error' },
});
console.log(`built ${tests.length} integration test file(s) into ${outDir.slice(root.length + 1)}`);
