// `node dist/indexBench.js FOLDER`: the editor's workspace index (core CorpusIndex, through the extension's
// asynchronous node port) on an annotated corpus, as the extension uses it: built with nothing saved, saved,
// restored and brought up to date in a new session with nothing changed and with one sidecar changed, then what
// a hover (countOf) and Find All References (mentionsOf) ask of it. Prints one JSON line; measured, never asserted.
import { performance } from 'node:perf_hooks';
import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CorpusIndex } from '../../src/core/corpus/corpusIndex';
import { nodeFileSystem } from '../../src/node/nodeFileSystem';

async function main(): Promise<void> {
  const root = process.argv[2];
  if (!root) throw new Error('usage: node dist/indexBench.js FOLDER');
  const ms = (t0: number) => Math.round((performance.now() - t0) * 10) / 10;
  // what the process holds after each step, after a full collection when run with --expose-gc
  const gc = (globalThis as { gc?: () => void }).gc;
  const heap: Record<string, number> = {};
  const peaks: Record<string, number> = {};
  const held = (step: string) => {
    gc?.();
    heap[step] = Math.round(process.memoryUsage().heapUsed / 2 ** 20);
    peaks[step] = Math.round(process.resourceUsage().maxRSS / 1024);
  };
  held('start');

  let t0 = performance.now();
  // one index alive at a time, as in an extension host (the figures of memory are of one)
  let cold: CorpusIndex | undefined = new CorpusIndex(nodeFileSystem, 'bench');
  const read = await cold.refresh([root]);
  const coldMs = ms(t0);
  held('built');
  const builtPeakMB = Math.round(process.resourceUsage().maxRSS / 1024);

  t0 = performance.now();
  const file = join(mkdtempSync(join(tmpdir(), 'ca-index-bench-')), 'corpus-index.jsonl');
  const savedBytes = await cold.save(file);
  const saveMs = ms(t0);
  cold = undefined;
  held('saved');

  // a new session: the saved index, every article and sidecar stat'ed, none read
  t0 = performance.now();
  let warm: CorpusIndex | undefined = await CorpusIndex.load(nodeFileSystem, 'bench', file);
  const warmRead = await warm.refresh([root]);
  const warmMs = ms(t0);
  held('restored');

  // one sidecar changed since (an annotator saved it): only it is read again
  const first = warm.entities().next().value!;
  warm = undefined;
  const sidecar = first.text.replace(/\.txt$/, '.ann.yaml');
  const later = new Date(Date.now() + 5000);
  utimesSync(sidecar, later, later);
  t0 = performance.now();
  const again = await CorpusIndex.load(nodeFileSystem, 'bench', file);
  const changedRead = await again.refresh([root]);
  const changedMs = ms(t0);

  // the most mentioned entity: what a hover counts and Find All References lists
  const counts = new Map<string, number>();
  for (const e of again.entities()) counts.set(e.entity, (counts.get(e.entity) ?? 0) + 1);
  const entity = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
  t0 = performance.now();
  const elsewhere = again.countOf(entity, first.text);
  const hoverMs = ms(t0);
  t0 = performance.now();
  const mentions = again.mentionsOf(entity);
  const referencesMs = ms(t0);

  rmSync(dirname(file), { recursive: true, force: true });
  console.log(
    JSON.stringify({
      articles: again.size,
      cold: { ms: coldMs, read },
      savedKB: Math.round(savedBytes / 1024),
      saveMs,
      warm: { ms: warmMs, read: warmRead },
      oneChanged: { ms: changedMs, read: changedRead },
      hover: { ms: hoverMs, entity, elsewhere },
      references: { ms: referencesMs, mentions: mentions.length },
      builtPeakRssMB: builtPeakMB,
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      heapMB: heap,
      peakRssMBAfter: peaks,
    }),
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exitCode = 1;
});
