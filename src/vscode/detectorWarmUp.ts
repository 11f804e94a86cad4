/**
 * The detector's first run is its slowest (its code is not optimised yet). In a window on a folder of articles,
 * while no article is open, the warm-up text is annotated a few times, one paragraph at a time (tens of
 * milliseconds each) with the extension host free in between, so the first article a person opens is detected
 * by warm code. It stops for good as soon as `busy` says a document opened or an article is there: a real open
 * then waits at most for the paragraph under way, whose work its own detection reuses.
 */
import * as vscode from 'vscode';
import { join } from 'node:path';
import type { Gazetteer } from '../core/gazetteer/gazetteer';
import type { FileSystem } from '../core/ports';
import { WARM_UP_PIECES, warmUpDetector } from '../core/review/warmUp';
import { now, record } from './perf';

const RUNS = 5;

export async function warmUpWhileIdle(gazetteer: Gazetteer, busy: () => boolean, fs: FileSystem): Promise<void> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const stats = await Promise.all(folders.flatMap((f) => ['articles', 'corpus'].map((name) => fs.stat(join(f.uri.fsPath, name)).catch(() => undefined))));
  if (!stats.some((s) => s?.isDirectory)) return;
  const t0 = now();
  for (let run = 0; run < RUNS; run++) {
    for (const piece of WARM_UP_PIECES) {
      if (busy()) return record('warmUpStopped', now() - t0);
      warmUpDetector(gazetteer, piece);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }
  record('warmUp', now() - t0);
}
