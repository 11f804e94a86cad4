// The whole command line workflow on the sample corpus, with the built dist/cli.js (run `npm run demo`).
// Works on a fresh copy in demo-output/ so the samples in media/ are never touched.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.js');
const out = join(root, 'demo-output');
const articles = join(out, 'articles');
const exportsDir = join(out, 'exports');
const FORMATS = ['jsonl', 'hf', 'conll', 'brat', 'events', 'acled-csv'];

if (!existsSync(cli)) {
  console.error(`${relative(root, cli)} is missing: run \`npm run build\` first (or use \`npm run demo\`)`);
  process.exit(1);
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
cpSync(join(root, 'media', 'samples', 'articles'), articles, { recursive: true });

let step = 0;
/** Runs one CLI command from the repository root, echoing it first; stops the demo when it fails. */
function run(...args) {
  step++;
  console.log(`\n[${step}] $ conflict-annotator ${args.join(' ')}`);
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\ndemo: step ${step} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}

const rel = (p) => relative(root, p);
run('annotate', rel(articles));
// a second run changes nothing: accepted and rejected items are kept, suggestions merged
run('annotate', rel(articles));
run('validate', rel(articles));
run('stats', rel(articles));
for (const format of FORMATS) {
  run('export', rel(articles), '--format', format, '-o', rel(join(exportsDir, format)), '--include-suggestions');
}
run('export', rel(articles), '--format', 'jsonl', '-o', rel(join(exportsDir, 'jsonl-split')), '--include-suggestions', '--split', '80/10/10');
// mention gold and event gold (a second folder): the events annotate suggested are scored too
run('evaluate', '--gold', 'test/fixtures/gold', '--gold', 'test/fixtures/events', rel(articles));

console.log(`\ndemo: all ${step} steps passed; sidecars in ${rel(articles)}, exports in ${rel(exportsDir)}`);
