// `npm run bench:corpus [-- --articles N --from all|samples --jobs N --keep]`: builds a workspace of N articles
// (default 10,000) from the sample and fixture texts (`--from samples`: the three sample articles only, as the
// corpus-scale issue measured), each copy slightly edited so no two texts hash alike, then times each CLI command
// as a whole process with its CPU time and peak RSS and prints a table. Figures are measured, never asserted.
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, tmpdir } from 'node:os';
import { mkdtempSync, readdirSync, rmSync, statSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildBenchCorpus } from './benchCorpus.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'dist', 'cli.js');
const { values } = parseArgs({
  options: { articles: { type: 'string', default: '10000' }, keep: { type: 'boolean' }, jobs: { type: 'string' }, from: { type: 'string', default: 'all' } },
});
const count = Number(values.articles);
if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first');

const work = mkdtempSync(join(tmpdir(), 'ca-corpus-bench-'));
const corpus = join(work, 'articles');
const textBytes = buildBenchCorpus({ root, corpus, count, from: values.from });

const MB = 1024 * 1024;
function sizeOf(dir, suffix) {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) total += sizeOf(p, suffix);
    else if (e.name.endsWith(suffix)) total += statSync(p).size;
  }
  return total;
}

/**
 * Runs the CLI under /usr/bin/time, which reports the whole process's wall time, CPU time (user + system, all
 * threads) and peak RSS. On a machine shared with other work the wall time overstates; CPU time does not.
 */
function run(label, args, bytes) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, cli, ...args], { cwd: work, encoding: 'utf8', maxBuffer: 1 << 30 });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const [secs, user, sys, kb] = last.split(' ').map(Number);
  const cpu = user + sys;
  const row = { label, seconds: secs, cpuSeconds: cpu, mbPerSecond: bytes / MB / secs, peakRssMB: kb / 1024, exit: r.status };
  console.log(
    `${label.padEnd(30)} ${secs.toFixed(2).padStart(7)} s ${row.mbPerSecond.toFixed(2).padStart(8)} MB/s ${cpu.toFixed(2).padStart(7)} s ${row.peakRssMB.toFixed(0).padStart(6)} MB  exit ${r.status}`,
  );
  return row;
}

console.log(`${count} articles (from ${values.from}), ${(textBytes / MB).toFixed(1)} MB of text, ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)}, in ${work}`);
console.log(`${'command'.padEnd(30)} ${'wall'.padStart(9)} ${'throughput'.padStart(13)} ${'CPU'.padStart(9)} ${'peak RSS'.padStart(9)}`);
const jobs = values.jobs ? ['--jobs', values.jobs] : [];
const rows = [];
rows.push(run('annotate (first run)', ['annotate', 'articles', ...jobs], textBytes));
const sidecarBytes = sizeOf(corpus, '.ann.yaml');
rows.push(run('annotate (nothing changed)', ['annotate', 'articles', ...jobs], textBytes));
rows.push(run('validate', ['validate', 'articles'], sidecarBytes));
rows.push(run('stats', ['stats', 'articles'], sidecarBytes));
rows.push(run('export --format jsonl', ['export', 'articles', '--format', 'jsonl', '-o', 'out-jsonl', '--include-suggestions'], sidecarBytes));
console.log(`sidecars: ${(sidecarBytes / MB).toFixed(1)} MB = ${(sidecarBytes / textBytes).toFixed(2)}x the text (annotate rows: MB/s of text; others: MB/s of sidecar)`);
// the editor's workspace index on the same corpus (in one process, through the extension's asynchronous port)
const indexBench = join(root, 'dist', 'indexBench.js');
const index = existsSync(indexBench) ? JSON.parse(spawnSync(process.execPath, ['--expose-gc', indexBench, corpus], { encoding: 'utf8' }).stdout) : undefined;
if (index) {
  console.log(
    `editor index: built ${(index.cold.ms / 1000).toFixed(2)} s, saved ${(index.savedKB / 1024).toFixed(1)} MB; next session ${index.warm.ms} ms (${index.warm.read} read), ` +
      `one sidecar changed ${index.oneChanged.ms} ms (${index.oneChanged.read} read); hover ${index.hover.ms} ms, references ${index.references.ms} ms (${index.references.mentions} mentions); ` +
        `held after the build ${index.heapMB.built} MB of heap, after a load ${index.heapMB.restored} MB; peak RSS of the build ${index.builtPeakRssMB} MB, of the whole run ${index.peakRssMB} MB`,
  );
}
console.log(JSON.stringify({ articles: count, from: values.from, textMB: textBytes / MB, sidecarMB: sidecarBytes / MB, rows, index }));
if (!values.keep) rmSync(work, { recursive: true, force: true });
