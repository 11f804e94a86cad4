/**
 * The settle job (`conflict-annotator settle`): open conflicts of the sidecars under the paths settled one way
 * (take ours, theirs or both), all of them or the one with a given id, and written through the store. With
 * `reviewed`, a document left without conflicts is marked reviewed by the annotator (a curator finishing).
 */
import type { Provenance, Sidecar } from '../model';
import type { FileSystem } from '../ports';
import { SidecarStore } from '../sidecar/sidecarStore';
import { sidecarPathFor } from '../sidecar/sidecarFormat';
import { settleAll, settleConflict, SettleError, type Settlement } from '../review/settleConflict';
import { stampDecisions } from '../review/stampDecisions';
import { corpusTexts, loadArticle, reportSidecarProblems, step, type CorpusReporter } from './corpusJob';

export interface SettleCorpusOptions {
  /** Articles, folders, or sidecars (standing for their article). */
  readonly paths: readonly string[];
  readonly take: Settlement;
  /** Only this conflict (by item id); all of them without. */
  readonly id?: string;
  /** Mark a document without open conflicts reviewed. */
  readonly reviewed?: boolean;
  /** Who settles (stamped on the decisions made and on `reviewed`). */
  readonly provenance?: Provenance;
}

export interface SettleReporter extends CorpusReporter {
  settled(r: { sidecarPath: string; settled: number; open: number; reviewed: boolean }): void;
}

export async function settleCorpus(fs: FileSystem, options: SettleCorpusOptions, reporter: SettleReporter): Promise<{ settled: number; open: number; failed: number }> {
  const texts = await corpusTexts(fs, options.paths.map((p) => (p.endsWith('.ann.yaml') ? `${p.slice(0, -'.ann.yaml'.length)}.txt` : p)), reporter);
  const store = new SidecarStore(fs);
  let settled = 0;
  let open = 0;
  let failed = 0;
  for (const [i, file] of texts.entries()) {
    step(reporter, i, texts);
    if (!(await fs.stat(sidecarPathFor(file)))) continue;
    const loaded = await loadArticle(store, file, reporter);
    if (!loaded?.sidecar) {
      if (loaded) reportSidecarProblems(reporter, loaded);
      failed++;
      continue;
    }
    const before = loaded.sidecar;
    let next: Sidecar;
    try {
      next = options.id !== undefined ? settleConflict(before, options.id, options.take) : settleAll(before, options.take);
    } catch (e) {
      if (!(e instanceof SettleError)) throw e;
      reporter.problem({ code: 'unsettled-conflict', severity: 'error', line: 0, file: loaded.sidecarPath, message: e.message });
      failed++;
      continue;
    }
    const left = next.conflicts?.length ?? 0;
    const reviewed = options.reviewed === true && left === 0 && next.document.status !== 'reviewed';
    if (reviewed) next = { ...next, document: { ...next.document, status: 'reviewed' } };
    const count = (before.conflicts?.length ?? 0) - left;
    if (count === 0 && !reviewed) {
      open += left;
      continue;
    }
    const saved = await store.save(loaded, stampDecisions(before, next, options.provenance));
    settled += count;
    open += saved.sidecar.conflicts?.length ?? 0;
    reporter.settled({ sidecarPath: loaded.sidecarPath, settled: count, open: saved.sidecar.conflicts?.length ?? 0, reviewed });
  }
  return { settled, open, failed };
}
