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

export interface EvaluateCorpusOptions {
  readonly paths: readonly string[];
  /** Absolute folder holding NAME.ann.yaml for each article NAME.txt. */
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
  const files = await corpusTexts(fs, options.paths);
  const gazetteer = await options.gazetteer();
  const store = new SidecarStore(fs);
  const evaluation = new Evaluation();
  for (const [i, file] of files.entries()) {
    step(reporter, i, files);
    const goldPath = joinPath(options.goldDir, fileName(sidecarPathFor(file)));
    if (!(await fs.stat(goldPath))) {
      reporter.noGold(file, goldPath);
      continue;
    }
    const parsed = parseSidecar(new TextDecoder().decode(await fs.readFile(goldPath)));
    if (!parsed.sidecar) {
      for (const p of parsed.problems) reporter.problem({ ...p, file: goldPath });
      return undefined;
    }
    const loaded = await loadArticle(store, file, reporter);
    if (!loaded) return undefined;
    checkGoldAgainstText(parsed.sidecar, loaded.text);
    evaluation.add(parsed.sidecar, detect(loaded.text, gazetteer));
  }
  if (evaluation.count === 0) throw new InputError('no article had a gold sidecar');
  return evaluation.report();
}
