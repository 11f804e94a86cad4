// `npm run bench:corpus [-- --articles N --keep]`: builds a workspace of N articles (default 10,000) from the
// sample and fixture texts, each copy slightly edited so no two texts hash alike, then times each CLI command as a
// whole process with its peak RSS and prints a table. Figures are measured, never asserted.
import { spawnSync } from 'node:child_process';
import { cpus, tmpdir } from 'node:os';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'dist', 'cli.js');
const { values } = parseArgs({ options: { articles: { type: 'string', default: '10000' }, keep: { type: 'boolean' }, jobs: { type: 'string' } } });
const count = Number(values.articles);
if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first');

const sources = ['media/samples/articles', 'test/fixtures/heldout', 'test/fixtures/unseen', 'test/fixtures/fresh']
  .map((d) => join(root, d))
  .flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(join(d, f), 'utf8')));

const work = mkdtempSync(join(tmpdir(), 'ca-corpus-bench-'));
const corpus = join(work, 'articles');
let textBytes = 0;
for (let i = 0; i < count; i++) {
  // 100 articles a folder, as archives are usually kept; the edit is a line a wire service might add
  const folder = join(corpus, String(Math.floor(i / 100)).padStart(3, '0'));
  if (i % 100 === 0) mkdirSync(folder, { recursive: true });
  const text = `${sources[i % sources.length]}\n(Archive copy ${i}.)\n`;
  writeFileSync(join(folder, `article_${String(i).padStart(5, '0')}.txt`), text);
  textBytes += Buffer.byteLength(text);
}

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

/** Runs the CLI under /usr/bin/time, which reports the whole process's wall time and peak RSS. */
function run(label, args, bytes) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, cli, ...args], { cwd: work, encoding: 'utf8', maxBuffer: 1 << 30 });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const [secs, kb] = last.split(' ').map(Number);
  const row = { label, seconds: secs, mbPerSecond: bytes / MB / secs, peakRssMB: kb / 1024, exit: r.status };
  console.log(`${label.padEnd(34)} ${secs.toFixed(1).padStart(7)} s ${row.mbPerSecond.toFixed(2).padStart(8)} MB/s ${row.peakRssMB.toFixed(0).padStart(6)} MB  exit ${r.status}`);
  return row;
}

console.log(`${count} articles, ${(textBytes / MB).toFixed(1)} MB of text, ${cpus().length} cores, in ${work}`);
console.log(`${'command'.padEnd(34)} ${'time'.padStart(9)} ${'throughput'.padStart(13)} ${'peak RSS'.padStart(9)}`);
const jobs = values.jobs ? ['--jobs', values.jobs] : [];
const rows = [];
rows.push(run('annotate (first run)', ['annotate', 'articles', ...jobs], textBytes));
const sidecarBytes = sizeOf(corpus, '.ann.yaml');
rows.push(run('annotate (nothing changed)', ['annotate', 'articles', ...jobs], textBytes));
rows.push(run('validate', ['validate', 'articles'], sidecarBytes));
rows.push(run('stats', ['stats', 'articles'], sidecarBytes));
rows.push(run('export --format jsonl', ['export', 'articles', '--format', 'jsonl', '-o', 'out-jsonl', '--include-suggestions'], sidecarBytes));
console.log(`sidecars: ${(sidecarBytes / MB).toFixed(1)} MB = ${(sidecarBytes / textBytes).toFixed(2)}x the text (annotate rows: MB/s of text; others: MB/s of sidecar)`);
console.log(JSON.stringify({ articles: count, textMB: textBytes / MB, sidecarMB: sidecarBytes / MB, rows }));
if (!values.keep) rmSync(work, { recursive: true, force: true });
