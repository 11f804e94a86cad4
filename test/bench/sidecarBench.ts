/**
 * `npm run bench:sidecar`: sidecar parse and render throughput on the sidecars `annotate` writes for the sample
 * and fixture articles, the canonical fast paths side by side with the `yaml` Document paths they stand in for,
 * plus the sidecar/text size ratio. Prints a table and a JSON line; the figures are measured, never asserted.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { defaultGazetteer } from '../../src/core/gazetteer/defaultGazetteer';
import { PlaceIndex } from '../../src/core/gazetteer/placeIndex';
import { annotateDocument } from '../../src/core/review/annotateDocument';
import { emptySidecar } from '../../src/core/sidecar/sidecarFormat';
import { parseSidecar, parseWithDocument } from '../../src/core/sidecar/parseSidecar';
import { renderSidecar, renderWithDocument } from '../../src/core/sidecar/renderSidecar';
import { sha256Hex } from '../../src/core/text/decodeText';

const root = join(__dirname, '..'); // dist/ sits at the repo root
const MB = 1024 * 1024;

function best(runs: number, f: () => void): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

function main(): void {
  const gazetteer = defaultGazetteer(PlaceIndex.read(readFileSync(join(root, 'dist', 'places.bin'))));
  const sets = ['media/samples/articles', 'test/fixtures/heldout', 'test/fixtures/unseen', 'test/fixtures/fresh'];
  const rows: Record<string, number> = {};
  const lines: string[] = [];
  for (const [label, dirs] of [['samples', sets.slice(0, 1)], ['all fixtures', sets]] as const) {
    const texts = dirs.flatMap((d) => readdirSync(join(root, d)).filter((f) => f.endsWith('.txt')).sort().map((f) => ({ name: f, text: readFileSync(join(root, d, f), 'utf8') })));
    const sidecars = texts.map(({ name, text }) => {
      const sha = sha256Hex(new TextEncoder().encode(text));
      return annotateDocument(emptySidecar(name, sha), text, sha, gazetteer).sidecar;
    });
    // as annotate writes them: with the text, so that the notes it implies are left out
    const yamls = sidecars.map((s, i) => renderSidecar(s, undefined, texts[i].text));
    const textBytes = texts.reduce((n, t) => n + Buffer.byteLength(t.text), 0);
    const bytes = yamls.reduce((n, y) => n + Buffer.byteLength(y), 0);
    lines.push(`${label}: ${texts.length} sidecars, ${(bytes / 1024).toFixed(0)} KB = ${(bytes / textBytes).toFixed(2)}x the text`);
    rows[`${label} ratio`] = +(bytes / textBytes).toFixed(2);
    if (label !== 'all fixtures') continue;
    // enough repetitions that each timing is well above timer noise
    const reps = Math.max(1, Math.round((4 * MB) / bytes));
    const measure = (name: string, f: (i: number) => unknown) => {
      for (let i = 0; i < yamls.length; i++) f(i); // warm up
      const ms = best(3, () => {
        for (let r = 0; r < reps; r++) for (let i = 0; i < yamls.length; i++) f(i);
      });
      const rate = (bytes * reps) / MB / (ms / 1000);
      rows[name] = +rate.toFixed(2);
      lines.push(`${name.padEnd(40)} ${rate.toFixed(1).padStart(7)} MB/s  ${((ms / reps / yamls.length) * 1000).toFixed(0).padStart(6)} µs per sidecar`);
    };
    measure('parse (canonical fast path)', (i) => parseSidecar(yamls[i]));
    measure('parse (yaml Document)', (i) => parseWithDocument(yamls[i]));
    measure('render, previous file given (fast path)', (i) => renderSidecar(sidecars[i], yamls[i], texts[i].text));
    measure('render, previous file given (Document)', (i) => renderWithDocument(sidecars[i], yamls[i], texts[i].text));
    measure('render, new file (fast path)', (i) => renderSidecar(sidecars[i], undefined, texts[i].text));
    measure('render, new file (Document)', (i) => renderWithDocument(sidecars[i], undefined, texts[i].text));
  }
  for (const l of lines) console.log(l);
  console.log(JSON.stringify(rows));
}

main();
