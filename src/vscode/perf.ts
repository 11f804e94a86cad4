/**
 * Timings of the editor's hot paths (activation, semantic tokens, hover, accept) for `npm run bench:editor`:
 * recorded only when the extension host's environment names a file in CONFLICT_ANNOTATOR_PERF_LOG, which then
 * holds them as JSON. Without it nothing is measured or written.
 */
import { performance } from 'node:perf_hooks';
import { extensionFileSystem } from './fileSystem';

const file = process.env.CONFLICT_ANNOTATOR_PERF_LOG;
const records: Array<{ name: string; ms: number; at: number; [figure: string]: string | number }> = [];
let pending: Promise<void> = Promise.resolve();
let scheduled = false;

/** Well under the bench's own waits after a step (it reads the log 50 ms or more after what it measured). */
const WRITE_DELAY_MS = 20;

export const perfEnabled = file !== undefined && file !== '';

/** `figures`: further numbers of the step (articles read, the extension host's memory …). */
export function record(name: string, ms: number, figures: Record<string, number> = {}): void {
  if (!perfEnabled) return;
  records.push({ ...figures, name, ms: Math.round(ms * 1000) / 1000, at: Date.now() });
  if (scheduled) return;
  scheduled = true;
  // written once the step's burst of records is over, not once per record: the measuring must not slow the
  // path it measures (a write per record re-encoded the whole log in the middle of an article's opening)
  setTimeout(() => {
    scheduled = false;
    const bytes = new TextEncoder().encode(JSON.stringify(records));
    // one write at a time, the latest wins
    pending = pending.then(async () => void (await extensionFileSystem.writeFileAtomic(file!, bytes))).catch(() => undefined);
  }, WRITE_DELAY_MS);
}

/** Runs `fn` and records how long it took (also when it throws). */
export async function timed<T>(name: string, fn: () => Promise<T> | T): Promise<T> {
  if (!perfEnabled) return fn();
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    record(name, performance.now() - t0);
  }
}

export const now = (): number => performance.now();

/** The extension host's memory now and at its peak, in MB (for the records of the workspace index). */
export function memory(): Record<string, number> {
  if (!perfEnabled) return {};
  const { rss, heapUsed } = process.memoryUsage();
  return { rssMB: Math.round(rss / 2 ** 20), heapMB: Math.round(heapUsed / 2 ** 20), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) };
}
