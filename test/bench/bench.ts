/**
 * `npm run bench`: detection throughput on a ≥ 20 MB corpus built from the sample and held-out articles, with
 * the default gazetteer (GeoNames places, countries, built-in actors: well over 10k aliases), side by side with
 * a naive regex alternation over the same aliases, plus the full-document scan of a 1 MB article the way the
 * semantic-token provider runs it. Prints a table and a JSON line; the figures are measured, never asserted.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { defaultGazetteer } from '../../src/core/defaultGazetteer';
import { checkPlaceData } from '../../src/core/data/placeData';
import { detect } from '../../src/core/detect';
import { semanticSpans } from '../../src/core/semanticSpans';

const root = join(__dirname, '..'); // dist/ sits at the repo root
const MB = 1024 * 1024;

function articles(): string[] {
  const dirs = ['test/fixtures/corpus', 'test/fixtures/heldout'].map((d) => join(root, d));
  return dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(join(d, f), 'utf8')));
}

/** Articles repeated until `bytes`, each copy a separate document as in a real corpus. */
function corpusOf(texts: readonly string[], bytes: number): string[] {
  const out: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const t = texts[i % texts.length];
    out.push(t);
    size += Buffer.byteLength(t);
  }
  return out;
}

function time<T>(f: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = f();
  return { ms: performance.now() - t0, value };
}

function best(runs: number, f: () => unknown): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) min = Math.min(min, time(f).ms);
  return min;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function main(): void {
  const load = time(() => defaultGazetteer(checkPlaceData(JSON.parse(readFileSync(join(root, 'dist', 'places.json'), 'utf8')))));
  const gazetteer = load.value;
  const aliases = [...new Set([...gazetteer.entities()].flatMap((e) => [e.name, ...e.aliases]))].sort((a, b) => b.length - a.length);
  const texts = articles();
  const docs = corpusOf(texts, 20 * MB);
  const totalMB = docs.reduce((n, d) => n + Buffer.byteLength(d), 0) / MB;

  for (const d of docs.slice(0, 20)) gazetteer.match(d); // warm up
  const matchMs = best(3, () => { for (const d of docs) gazetteer.match(d); });
  let hits = 0;
  for (const d of docs) hits += gazetteer.match(d).length;

  // the naive way: one case-insensitive alternation of every alias, longest first, word-bounded
  const build = time(() => new RegExp(`(?<![\\p{L}\\p{N}])(?:${aliases.map(escape).join('|')})(?![\\p{L}\\p{N}])`, 'giu'));
  const naive = build.value;
  const naiveDocs = corpusOf(texts, 2 * MB);
  const naiveMB = naiveDocs.reduce((n, d) => n + Buffer.byteLength(d), 0) / MB;
  const naiveMs = best(1, () => { for (const d of naiveDocs) for (const _ of d.matchAll(naive)) { /* count */ } });

  const detectDocs = corpusOf(texts, 5 * MB);
  const detectMB = detectDocs.reduce((n, d) => n + Buffer.byteLength(d), 0) / MB;
  const detectMs = best(2, () => { for (const d of detectDocs) detect(d, gazetteer); });

  const big = corpusOf(texts, MB).join('\n\n');
  semanticSpans(detect(big, gazetteer), big);
  const scanMs = best(5, () => semanticSpans(detect(big, gazetteer), big));

  const matchRate = totalMB / (matchMs / 1000);
  const naiveRate = naiveMB / (naiveMs / 1000);
  const rows: Array<[string, string]> = [
    ['gazetteer', `${gazetteer.size} entities, ${gazetteer.aliasCount} aliases (loaded in ${load.ms.toFixed(0)} ms)`],
    ['corpus', `${docs.length} documents, ${totalMB.toFixed(1)} MB`],
    ['gazetteer match', `${matchRate.toFixed(1)} MB/s (${hits} hits, best of 3)`],
    ['naive regex baseline', `${naiveRate.toFixed(2)} MB/s on ${naiveMB.toFixed(1)} MB (regex built in ${build.ms.toFixed(0)} ms)`],
    ['speed-up', `${(matchRate / naiveRate).toFixed(1)}x (target >= 5x)`],
    ['full detection (rules + attributions)', `${(detectMB / (detectMs / 1000)).toFixed(1)} MB/s on ${detectMB.toFixed(1)} MB`],
    ['1 MB article, full-document scan', `${scanMs.toFixed(1)} ms (target < 50 ms)`],
  ];
  for (const [k, v] of rows) console.log(`${k.padEnd(40)} ${v}`);
  console.log(JSON.stringify({ aliases: gazetteer.aliasCount, corpusMB: +totalMB.toFixed(2), matchMBps: +matchRate.toFixed(2), naiveMBps: +naiveRate.toFixed(3), speedup: +(matchRate / naiveRate).toFixed(1), detectMBps: +(detectMB / (detectMs / 1000)).toFixed(2), scan1MBms: +scanMs.toFixed(1) }));
}

main();
