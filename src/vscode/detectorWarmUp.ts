/**
 * The detector's first run is its slowest (its code is not optimised yet). In a window on a folder of articles
 * where no article has been opened a second after activation, the warm-up text is annotated a few times, one
 * paragraph at a time (tens of milliseconds each) with the extension host free in between, so the first
 * article a person opens is detected by warm code. It stops for good as soon as any document opens or an
 * article is there: a real open then waits at most for the paragraph under way. Not sooner than that second:
 * an article that activated the extension is on its way, and detected as it comes (earlyStart.ts).
 */
import * as vscode from 'vscode';
import { join } from 'node:path';
import type { Gazetteer } from '../core/gazetteer/gazetteer';
import type { FileSystem } from '../core/ports';
import { WARM_UP_PIECES, warmUpDetector } from '../core/review/warmUp';
import { now, record } from './perf';

const DELAY_MS = 1000;
const RUNS = 5;

/** Schedules the warm-up; `articleSeen` says whether an article was opened (or detected early) in this window. */
export function scheduleWarmUp(gazetteer: () => Promise<Gazetteer>, articleSeen: () => boolean, fs: FileSystem): vscode.Disposable {
  let stop = false;
  const opened = vscode.workspace.onDidOpenTextDocument(() => (stop = true));
  const busy = () => stop || articleSeen();
  const timer = setTimeout(() => {
    void warmUp(gazetteer, busy, fs)
      .catch(() => undefined)
      .finally(() => opened.dispose());
  }, DELAY_MS);
  return {
    dispose: () => {
      stop = true;
      clearTimeout(timer);
      opened.dispose();
    },
  };
}

async function warmUp(gazetteer: () => Promise<Gazetteer>, busy: () => boolean, fs: FileSystem): Promise<void> {
  if (busy()) return;
  const folders = vscode.workspace.workspaceFolders ?? [];
  const stats = await Promise.all(folders.flatMap((f) => ['articles', 'corpus'].map((name) => fs.stat(join(f.uri.fsPath, name)).catch(() => undefined))));
  if (!stats.some((s) => s?.isDirectory)) return;
  const g = await gazetteer();
  const t0 = now();
  for (let run = 0; run < RUNS; run++) {
    for (const piece of WARM_UP_PIECES) {
      if (busy()) return record('warmUpStopped', now() - t0);
      warmUpDetector(g, piece);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }
  record('warmUp', now() - t0);
}
