/**
 * The evaluate job: detection on each article scored against its gold from one or more gold folders. For an
 * article NAME.txt, mention gold is the first NAME.ann.yaml (a gold sidecar) or NAME.gold.yaml (the flat
 * format) found; event gold the first NAME.events.gold.yaml or NAME.events.yaml, else the gold sidecar's own
 * events. Folders are searched in the order given.
 */
import type { FileSystem } from '../ports';
import type { GazetteerMatcher } from '../detection/detect';
import type { Sidecar } from '../model';
import type { Taxonomy } from '../events/taxonomy';
import { SidecarStore, withQuotes } from '../sidecar/sidecarStore';
import { sidecarPathFor } from '../sidecar/sidecarFormat';
import { parseSidecar } from '../sidecar/parseSidecar';
import { corpusTexts, loadArticle, step, type CorpusReporter } from './corpusJob';
import { InputError } from './corpusErrors';
import { fileName, joinPath } from './corpusPaths';
import { Evaluation, evaluateInput, type Report } from './evaluate';
import { GOLD_FILE_SUFFIX, goldSidecar, parseGoldFile, type GoldDocument } from './goldFile';
import { EVENT_GOLD_SUFFIXES, goldEventsOfSidecar, parseEventGold, type GoldEvent } from './scoreEvents';

export interface EvaluateCorpusOptions {
  readonly paths: readonly string[];
  /** Absolute folder(s) holding the gold of each article (see above). */
  readonly goldDir: string | readonly string[];
  readonly gazetteer: () => Promise<GazetteerMatcher>;
  /** Event names for the suggestions (the workspace taxonomy); default ACLED. */
  readonly taxonomy?: () => Promise<Taxonomy>;
}

export interface EvaluateReporter extends CorpusReporter {
  /** `file` has no gold at all (`goldPath`: the gold sidecar it was looked for as) and is left out of the scores. */
  noGold(file: string, goldPath: string): void;
}

/**
 * The scores, or undefined when a gold file or an article could not be read (reported): a score over part of
 * the gold set would look like a real one. Throws when no article has gold, or a gold quote does not match its text.
 * A document at a time: what is kept of one is its row of the report.
 */
export async function evaluateCorpus(fs: FileSystem, options: EvaluateCorpusOptions, reporter: EvaluateReporter): Promise<Report | undefined> {
  const files = await corpusTexts(fs, options.paths, reporter);
  const gazetteer = await options.gazetteer();
  const taxonomy = options.taxonomy ? await options.taxonomy() : undefined;
  const dirs = typeof options.goldDir === 'string' ? [options.goldDir] : options.goldDir;
  const store = new SidecarStore(fs);
  const evaluation = new Evaluation();
  const first = async (names: readonly string[]): Promise<string | undefined> => {
    for (const dir of dirs) for (const n of names) if (await fs.stat(joinPath(dir, n))) return joinPath(dir, n);
    return undefined;
  };
  for (const [i, file] of files.entries()) {
    step(reporter, i, files);
    const stem = fileName(file).replace(/\.txt$/i, '');
    const sidecarName = fileName(sidecarPathFor(file));
    const mentionPath = await first([sidecarName, stem + GOLD_FILE_SUFFIX]);
    const eventPath = await first(EVENT_GOLD_SUFFIXES.map((s) => stem + s));
    if (!mentionPath && !eventPath) {
      reporter.noGold(file, joinPath(dirs[0], sidecarName));
      continue;
    }
    let gold: Sidecar | undefined;
    let flat: GoldDocument | undefined;
    let sidecarGold: Sidecar | undefined;
    if (mentionPath) {
      const source = new TextDecoder().decode(await fs.readFile(mentionPath));
      const isSidecar = mentionPath.endsWith(sidecarName);
      const parsed = isSidecar ? parseSidecar(source) : undefined;
      const parsedFlat = isSidecar ? undefined : parseGoldFile(source);
      if (parsed ? !parsed.sidecar : !parsedFlat?.gold) {
        for (const p of parsed?.problems ?? parsedFlat?.problems ?? []) reporter.problem({ ...p, file: mentionPath });
        return undefined;
      }
      sidecarGold = parsed?.sidecar;
      flat = parsedFlat?.gold;
    }
    let events: GoldEvent[] | undefined;
    if (eventPath) {
      const parsed = parseEventGold(new TextDecoder().decode(await fs.readFile(eventPath)));
      if (!parsed.events || parsed.problems.some((p) => p.severity === 'error')) {
        for (const p of parsed.problems) reporter.problem({ ...p, file: eventPath });
        return undefined;
      }
      events = parsed.events;
    }
    const loaded = await loadArticle(store, file, reporter);
    if (!loaded) return undefined;
    // a sidecar used as gold leaves its suggestions' quotes out: they are the text's (withQuotes)
    if (sidecarGold) sidecarGold = withQuotes(sidecarGold, loaded.text, loaded.sha256);
    if (!events && sidecarGold && sidecarGold.events.length > 0) events = goldEventsOfSidecar(sidecarGold);
    if (mentionPath) gold = sidecarGold ?? goldSidecar(flat!, loaded.sha256);
    const date = sidecarGold?.document.date ?? loaded.sidecar?.document.date;
    const input = { name: fileName(file), text: loaded.text, ...(gold ? { gold } : {}), ...(flat ? { flat } : {}), ...(events ? { events } : {}), ...(date ? { date } : {}) };
    evaluateInput(evaluation, input, gazetteer, taxonomy ? { taxonomy } : {});
  }
  if (evaluation.count === 0) throw new InputError('no article had a gold sidecar');
  return evaluation.report();
}
