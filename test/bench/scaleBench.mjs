// `npm run bench:scale [-- --keep] [-- --only NAME]`: one article per run, large or pathological, annotated by the
// built CLI as a whole process (first run, then again with the sidecar in place); prints MB/s of article text and
// peak RSS, with the CPU time (user + system) beside the wall time: on a shared machine the wall time
// overstates. Time per document must grow linearly with its size; the target is at least 1 MB/s for every row.
// Figures are measured, never asserted.
import { spawnSync } from 'node:child_process';
import { loadavg, tmpdir } from 'node:os';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'dist', 'cli.js');
const { values } = parseArgs({ options: { keep: { type: 'boolean' }, only: { type: 'string' } } });
if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first');

const MB = 1024 * 1024;
const prose = ['media/samples/articles', 'test/fixtures/heldout', 'test/fixtures/unseen', 'test/fixtures/fresh']
  .map((d) => join(root, d))
  .flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(join(d, f), 'utf8')));

/** Prose of about `bytes`, the articles one after another (each copy numbered, as an archive would have it). */
function proseOf(bytes) {
  const parts = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const t = `${prose[i % prose.length]}\n(Archive copy ${i}.)\n\n`;
    parts.push(t);
    size += Buffer.byteLength(t);
  }
  return parts.join('');
}

const cases = [
  ['prose 1 MB', () => proseOf(1 * MB)],
  ['prose 4 MB', () => proseOf(4 * MB)],
  ['prose 8 MB', () => proseOf(8 * MB)],
  ['"said " x20k (100 KB)', () => 'said '.repeat(20_000)],
  // the same run at 1 MB: at 100 KB the process's start-up (about 0.3 s) is most of the time
  ['"said " x200k (1 MB)', () => 'said '.repeat(200_000)],
  // dense but real: every cue has a source ("said" alone is none), 65k attributions
  ['"officials said. " (1 MB)', () => 'officials said. '.repeat(MB / 16)],
  ['"A.A.A." runs (1 MB)', () => `Officials said ${'A.'.repeat(50_000)} Then Mosul fell.\n`.repeat(10)],
  ['one huge line (1 MB)', () => proseOf(1 * MB).replace(/\s*\n\s*/g, ' ')],
  ['many short lines (1 MB)', () => 'Mosul fell.\nISIS said.\n'.repeat(MB / 23)],
].filter(([name]) => !values.only || name.includes(values.only));

/** Runs the CLI under /usr/bin/time, which reports the whole process's wall time, CPU time and peak RSS. */
function run(cwd, args) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const [seconds, user, sys, kb] = last.split(' ').map(Number);
  return { seconds, cpuSeconds: user + sys, peakRssMB: kb / 1024, exit: r.status, stderr: r.stderr };
}

const work = mkdtempSync(join(tmpdir(), 'ca-scale-bench-'));
console.log(`in ${work}, load average ${loadavg()[0].toFixed(1)}; MB/s of article text by wall time, whole CLI process (node start-up included), then CPU seconds`);
console.log(`${'article'.padEnd(26)} ${'size'.padStart(8)} ${'first run'.padStart(28)} ${'second run'.padStart(28)} ${'sidecar'.padStart(9)} ${'peak RSS'.padStart(9)}`);
const rows = [];
for (const [name, make] of cases) {
  const dir = join(work, name.replace(/[^a-z0-9]+/gi, '_'));
  mkdirSync(dir);
  const text = make();
  writeFileSync(join(dir, 'article.txt'), text);
  const bytes = Buffer.byteLength(text);
  const first = run(dir, ['annotate', 'article.txt']);
  const second = run(dir, ['annotate', 'article.txt']);
  const sidecar = existsSync(join(dir, 'article.ann.yaml')) ? statSync(join(dir, 'article.ann.yaml')).size : 0;
  const cell = (r) => (r.exit === 0 ? `${r.seconds.toFixed(1)} s ${(bytes / MB / r.seconds).toFixed(2).padStart(6)} MB/s ${r.cpuSeconds.toFixed(1).padStart(5)} s` : `exit ${r.exit}`);
  console.log(
    `${name.padEnd(26)} ${`${(bytes / MB).toFixed(2)} MB`.padStart(8)} ${cell(first).padStart(28)} ${cell(second).padStart(28)} ${`${(sidecar / MB).toFixed(1)} MB`.padStart(9)} ${`${Math.max(first.peakRssMB, second.peakRssMB).toFixed(0)} MB`.padStart(9)}`,
  );
  for (const r of [first, second]) if (r.exit !== 0) console.log(r.stderr.split('\n').slice(-5).join('\n'));
  rows.push({ name, textMB: bytes / MB, sidecarMB: sidecar / MB, first: { seconds: first.seconds, cpuSeconds: first.cpuSeconds, exit: first.exit }, second: { seconds: second.seconds, cpuSeconds: second.cpuSeconds, exit: second.exit }, peakRssMB: Math.max(first.peakRssMB, second.peakRssMB) });
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify({ rows }));
if (!values.keep) rmSync(work, { recursive: true, force: true });
