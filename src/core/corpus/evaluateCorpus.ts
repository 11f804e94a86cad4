/** The evaluate job: detection on each article scored against its gold sidecar from a gold folder. */
import type { FileSystem } from '../ports';
import type { GazetteerMatcher } from '../detection/detect';
import { SidecarStore } from '../sidecar/sidecarStore';
import { sidecarPathFor } from '../sidecar/sidecarFormat';
import { parseSidecar } from '../sidecar/parseSidecar';
import { corpusTexts, loadArticle, step, type CorpusReporter } from './corpusJob';
import { InputError } from './corpusErrors';
import { fileName, joinPath } from './corpusPaths';
import { checkGoldAgainstText, Evaluation, type Report } from './evaluate';
import { detect } from '../detection/detect';
import { GOLD_FILE_SUFFIX, goldSidecar, parseGoldFile } from './goldFile';

export interface EvaluateCorpusOptions {
  readonly paths: readonly string[];
  /** Absolute folder holding NAME.ann.yaml (or the flat NAME.gold.yaml) for each article NAME.txt. */
  readonly goldDir: string;
  readonly gazetteer: () => Promise<GazetteerMatcher>;
}

export interface EvaluateReporter extends CorpusReporter {
  /** `file` has no gold sidecar at `goldPath` and is left out of the scores. */
  noGold(file: string, goldPath: string): void;
}

/**
 * The scores, or undefined when a gold sidecar or an article could not be read (reported): a score over part of
 * the gold set would look like a real one. Throws when no article has gold, or a gold quote does not match its text.
 * A document at a time: what is kept of one is its row of the report.
 */
export async function evaluateCorpus(fs: FileSystem, options: EvaluateCorpusOptions, reporter: EvaluateReporter): Promise<Report | undefined> {
  const files = await corpusTexts(fs, options.paths, reporter);
  const gazetteer = await options.gazetteer();
  const store = new SidecarStore(fs);
  const evaluation = new Evaluation();
  for (const [i, file] of files.entries()) {
    step(reporter, i, files);
    const goldPath = joinPath(options.goldDir, fileName(sidecarPathFor(file)));
    // a gold sidecar (NAME.ann.yaml), else a flat gold file (NAME.gold.yaml)
    const flatPath = joinPath(options.goldDir, fileName(file).replace(/\.txt$/i, '') + GOLD_FILE_SUFFIX);
    const sidecarGold = (await fs.stat(goldPath)) !== undefined;
    if (!sidecarGold && !(await fs.stat(flatPath))) {
      reporter.noGold(file, goldPath);
      continue;
    }
    const source = new TextDecoder().decode(await fs.readFile(sidecarGold ? goldPath : flatPath));
    const parsed = sidecarGold ? parseSidecar(source) : undefined;
    const flat = sidecarGold ? undefined : parseGoldFile(source);
    if (parsed ? !parsed.sidecar : !flat?.gold) {
      for (const p of parsed?.problems ?? flat?.problems ?? []) reporter.problem({ ...p, file: sidecarGold ? goldPath : flatPath });
      return undefined;
    }
    const loaded = await loadArticle(store, file, reporter);
    if (!loaded) return undefined;
    const gold = parsed?.sidecar ?? goldSidecar(flat!.gold!, loaded.sha256);
    checkGoldAgainstText(gold, loaded.text);
    evaluation.add(gold, detect(loaded.text, gazetteer), flat?.gold);
  }
  if (evaluation.count === 0) throw new InputError('no article had a gold sidecar');
  return evaluation.report();
}
