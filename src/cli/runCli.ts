/**
 * The `conflict-annotator` command line: annotate, validate, export, import, stats, evaluate, agreement, and the
 * team commands (git merge driver and its setup, recovery from conflict markers, settling conflicts, curation).
 * The jobs are core functions (src/core/corpus) on the FileSystem and Git ports; this file only parses arguments
 * and prints what they report.
 */
import { parseArgs } from 'node:util';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { availableParallelism } from 'node:os';
import type { Entity } from '../core/model';
import { withLearned, type LearnedModel } from '../core/learning/learnedSuggestions';
import type { FileSystem, Git } from '../core/ports';
import type { Gazetteer } from '../core/gazetteer/gazetteer';
import type { Taxonomy } from '../core/events/taxonomy';
import { GAZETTEER_FILE, loadWorkspaceEntities, TAXONOMY_FILE, workspaceGazetteer, workspaceTaxonomy } from '../core/corpus/workspaceConfig';
import { defaultGazetteer, type Places } from '../core/gazetteer/defaultGazetteer';
import { EXPORT_FORMATS, exportFormat } from '../core/exports/exportFormats';
import { TAG_SCHEMES, type TagScheme } from '../core/exports/exportDocument';
import { MANIFEST_FILE, manifestSummary } from '../core/exports/exportManifest';
import { formatStats } from '../core/corpus/corpusStats';
import { formatReport } from '../core/corpus/evaluate';
import { formatProblem, InputError, type FileProblem, NoPathsError, NoSuchFileError, type CorpusReporter } from '../core/corpus/corpusJob';
import { annotateCorpus, inlineDetector, type ArticleSetup, type Detector, type DetectorSetup } from '../core/corpus/annotateCorpus';
import type { ArticleAnnotator, ArticleSettings } from '../core/corpus/annotateArticle';
import { sha256Hex } from '../core/text/decodeText';
import { annotateStream } from '../core/corpus/annotateStream';
import type { Shard } from '../core/corpus/shardOf';
import { validateCorpus } from '../core/corpus/validateCorpus';
import type { ArticleReader, ArticleReaders, ArticleTask } from '../core/corpus/articleReader';
import { exportCorpus } from '../core/corpus/exportCorpus';
import { importCorpus } from '../core/corpus/importCorpus';
import { IMPORT_FORMATS, importFormat } from '../core/imports/importFormats';
import type { MentionLabel } from '../core/model';
import { countCorpus } from '../core/corpus/countCorpus';
import { evaluateCorpus } from '../core/corpus/evaluateCorpus';
import { agreementCorpus, agreementOfRefs } from '../core/corpus/agreementCorpus';
import { mergeDriver } from '../core/corpus/mergeDriver';
import { resolveMarkers } from '../core/corpus/resolveMarkers';
import { setupGit } from '../core/corpus/setupGit';
import { settleCorpus } from '../core/corpus/settleCorpus';
import { curateCorpus } from '../core/corpus/curateCorpus';
import { SETTLEMENTS, type Settlement } from '../core/review/settleConflict';
import { decisionBy } from '../core/review/stampDecisions';
import type { Provenance } from '../core/model';
import { formatAgreement } from '../core/agreement/formatAgreement';
import { agreementHtml } from '../core/agreement/agreementHtml';
import type { AgreementReport } from '../core/agreement/computeAgreement';
import { LEARNED_FILE, loadLearnedFile, saveLearnedFile } from '../core/learning/learnedFile';
import { dateOfFile, parseDateTable } from '../core/corpus/documentDates';
import { parseDateValue } from '../core/events/dates';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Current folder, for relative paths and the workspace config files. */
  cwd: string;
  /** The lines of standard input, read as they are consumed (`annotate --jsonl -`). */
  stdin?(): AsyncIterable<string> | Iterable<string>;
}

export interface CliHost {
  fs: FileSystem;
  io: CliIo;
  loadPlaceData(): Places | undefined;
  /**
   * Detection on `size` worker threads, each with the built-in entities, the place data, `entities` and the
   * `learned` names; undefined where there are none (no worker bundle or place data beside the CLI): detection
   * then runs in this thread.
   */
  detectorPool?(size: number, entities: readonly Entity[], learned?: LearnedModel): Detector | undefined;
  /**
   * Reading articles for `task` on `size` worker threads (validate, stats, export); undefined where there are
   * none (no worker bundle beside the CLI): the job reads in this thread.
   */
  readerPool?(task: ArticleTask, size: number): ArticleReader | undefined;
  /**
   * Whole articles annotated on `size` worker threads (read, detect, merge, save through the host's own port),
   * each with the gazetteer detectorPool's workers have; undefined where there are none: `annotate` then uses
   * detectorPool.
   */
  articlePool?(size: number, entities: readonly Entity[], settings: ArticleSettings): ArticleAnnotator | undefined;
  /** Names the place data loadPlaceData would give (its size, say) without loading it; 'none' when there is none. */
  placeDataStamp?(): string;
  /** git, for the team commands (setup-git, agreement of refs, the annotator's name); absent: they refuse. */
  git?: Git;
  /** This command line as git's shell runs it (`'/usr/bin/node' '/opt/ca/dist/cli.js'`), for setup-git. */
  selfCommand?: string;
  /** The time decisions are stamped with (tests fix it). */
  now?: () => Date;
}

const USAGE = `Usage: conflict-annotator <command> [options] PATHS...

Commands:
  annotate PATHS... [--jobs N] [--shard I/N]
                               write or merge suggestions into each text's NAME.ann.yaml
                               (accepted and rejected annotations are never touched)
  annotate --jsonl - [--jobs N]
                               {"id","text"} JSON lines on stdin, each text's sidecar as one JSON
                               line on stdout (in input order; a bad line gives {"id","error"})
  validate PATHS...            check sidecars against their texts and the format; exit 1 on errors
  export PATHS... --format F -o OUT [--split 80/10/10] [--unreviewed skip|missing]
         [--include-suggestions] [--scheme iob2|iob1|bioes] [--strict]
                               F: ${EXPORT_FORMATS.map((f) => f.id).join(' | ')}
                               reviewed documents only, unless --unreviewed missing (drafts' accepted
                               items, the rest of their text marked unknown) or --include-suggestions
                               (everything); writes OUT/manifest.json: what was taken, what was left
                               out and why; --strict exits 1 when accepted work was left out
  import --from F SOURCES... -o DIR [--dry-run] [--reviewed] [--map LABEL=ACTOR,...]
                               F: ${IMPORT_FORMATS.map((f) => f.id).join(' | ')}
                               writes DIR/NAME.txt and NAME.ann.yaml (origin: import); accepted
                               work already there is never changed; --dry-run previews it
  stats PATHS...               counts per label, entity and event type
  evaluate --gold DIR PATHS... score detection against gold in DIR (--gold again for more folders):
                               sidecars (NAME.ann.yaml) or flat gold files (NAME.gold.yaml, which add
                               named-mention scores); events against NAME.events.gold.yaml,
                               NAME.events.yaml or the gold sidecar's events
  agreement A B [--format json|html] [--include-suggestions]
                               inter-annotator agreement of folder B against folder A (same articles,
                               each with its annotator's sidecars): span F1, Cohen's kappa, Krippendorff's alpha
  agreement REF_A REF_B -- FOLDER
                               the same for one folder in two git refs (a branch per annotator)

Teams (git):
  setup-git                    make git merge sidecars by item: .gitattributes and the driver in .git/config
  merge-driver O A B [P]       what git runs for a sidecar (%O %A %B %P): merged by item id, items decided
                               differently listed in its conflicts: (exit 1 then, as git expects)
  resolve PATHS...             sidecars git merged as text (<<<<<<< markers): merge the two versions by item
  settle PATHS... --take ours|theirs|both [--id ID] [--reviewed]
                               settle the conflicts: listed in sidecars (all, or the item ID); --reviewed marks
                               documents left without conflicts reviewed by the annotator
  curate A B -o OUT            one curated copy of two annotators' folders: agreed decisions kept, every
                               disagreement listed in conflicts: for settle or the editor

Options:
  --annotator NAME    who decides (settle, curate; default: git config user.name)
  --gazetteer FILE    workspace gazetteer (default: ./${GAZETTEER_FILE} when present)
  --taxonomy FILE     event taxonomy (default: ./${TAXONOMY_FILE} when present, else ACLED)
  --dry-run           annotate, import: report what would change, write nothing
  --jobs N            annotate: detect on N threads; validate, stats, export: read on N threads (stats: 1 unless given)
                      (default: one per core)
  --shard I/N         annotate: only shard I of N (1 <= I <= N), a fixed split of the articles by
                      their path under PATHS, so N machines share a corpus with no coordination
  --date YYYY-MM-DD   annotate: the texts' publication date (document.date), the reference for
                      relative dates ("on Friday", "last month")
  --dates FILE        annotate: each text's publication date from a table (CSV, TSV or Markdown)
                      with a file column (file, name) and a date column (date, published)
  --learned FILE      annotate: learned suggestions, read and updated (default: ./${LEARNED_FILE} when
                      present): names accepted in one document are suggested in all, names rejected
                      in rejectAfter documents (default 2) in none
  -h, --help          this text

PATHS are .txt articles or folders searched for them.`;

class UsageError extends Error {}

export async function runCli(argv: readonly string[], host: CliHost): Promise<number> {
  const { io } = host;
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        output: { type: 'string', short: 'o' },
        split: { type: 'string' },
        'include-suggestions': { type: 'boolean' },
        unreviewed: { type: 'string' },
        scheme: { type: 'string' },
        strict: { type: 'boolean' },
        from: { type: 'string' },
        reviewed: { type: 'boolean' },
        map: { type: 'string', multiple: true },
        gold: { type: 'string', multiple: true },
        gazetteer: { type: 'string' },
        taxonomy: { type: 'string' },
        'dry-run': { type: 'boolean' },
        jobs: { type: 'string' },
        shard: { type: 'string' },
        jsonl: { type: 'string' },
        date: { type: 'string' },
        dates: { type: 'string' },
        learned: { type: 'string' },
        annotator: { type: 'string' },
        take: { type: 'string' },
        id: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      tokens: true,
    });
  } catch (e) {
    io.err(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const [command, ...rest] = parsed.positionals;
  const values = parsed.values;
  if (values.help || !command) {
    // asked for: stdout; missing command: stderr
    (values.help ? io.out : io.err)(USAGE);
    return command || values.help ? 0 : 2;
  }
  const paths = rest.map((p) => resolve(io.cwd, p));
  // `agreement REF_A REF_B -- FOLDER`: what follows `--` is a path, what comes before it refs
  const terminator = parsed.tokens?.find((t) => t.kind === 'option-terminator');
  const beforeTerminator = terminator ? parsed.tokens!.filter((t) => t.kind === 'positional' && t.index < terminator.index).length - 1 : undefined;
  try {
    switch (command) {
      case 'annotate':
        return await annotate(host, paths, values);
      case 'validate':
        return await validate(host, paths, values);
      case 'export':
        return await exportCommand(host, paths, values);
      case 'import':
        return await importCommand(host, paths, values);
      case 'stats':
        return await stats(host, paths, values);
      case 'evaluate':
        return await evaluateCommand(host, paths, values);
      case 'agreement':
        return beforeTerminator !== undefined ? await agreementOfRefsCommand(host, rest, beforeTerminator, values) : await agreementCommand(host, paths, values);
      case 'merge-driver':
        return await mergeDriverCommand(host, rest);
      case 'setup-git':
        return await setupGitCommand(host);
      case 'resolve':
        return await resolveCommand(host, paths);
      case 'settle':
        return await settleCommand(host, paths, values);
      case 'curate':
        return await curateCommand(host, paths, values);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof NoPathsError) {
      io.err(`${e instanceof NoPathsError ? 'no PATHS given' : e.message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof NoSuchFileError) {
      io.err(`error: ${rel(host, e.path)}: ${e.reason}`);
      return 1;
    }
    if (e instanceof InputError) {
      io.err(`error: ${e.message}`);
      return 1;
    }
    // anything else is a bug: say so, with where it happened, and use the documented exit code
    io.err(`internal error (please report it): ${(e as Error)?.stack ?? String(e)}`);
    return 70;
  }
}

type Values = { [key: string]: string | boolean | string[] | undefined };

function rel(host: CliHost, path: string): string {
  const r = relative(host.io.cwd, path);
  return r.startsWith('..') ? path : r;
}

/** Prints problems on stderr; progress as `… 50/120` every 50 files of runs of 50 or more. */
function reporter(host: CliHost, withProgress: boolean): CorpusReporter {
  return {
    progress: (done, total) => {
      if (withProgress && total >= 50 && (done % 50 === 0 || done === total)) host.io.err(`… ${done}/${total}`);
    },
    problem: (p) => host.io.err(formatProblem(p, (f) => rel(host, f))),
  };
}

/** The workspace gazetteer file: --gazetteer (which must exist) or ./conflict-gazetteer.yaml when present. */
async function gazetteerFile(host: CliHost, values: Values): Promise<string> {
  const path = typeof values.gazetteer === 'string' ? resolve(host.io.cwd, values.gazetteer) : join(host.io.cwd, GAZETTEER_FILE);
  if (typeof values.gazetteer === 'string' && !(await host.fs.stat(path))) throw new InputError(`${values.gazetteer}: no such gazetteer file`);
  return path;
}

function placeDataFor(host: CliHost): () => Places | undefined {
  return () => {
    const data = host.loadPlaceData();
    if (!data) host.io.err('warning: place data (places.bin) not found; only built-in places are known');
    return data;
  };
}

function gazetteerFor(host: CliHost, values: Values): () => Promise<Gazetteer> {
  return async () => workspaceGazetteer(host.fs, await gazetteerFile(host, values), placeDataFor(host), (p) => host.io.err(formatProblem(p, (f) => rel(host, f))));
}

/**
 * Detection for `documents` texts: on `jobs` worker threads when there is more than one text and the host has
 * them, else in this thread, with the learned names on top either way. The workspace gazetteer is read (its
 * problems reported) here.
 */
function detectorFor(host: CliHost, values: Values, jobs: number, entitiesOf = workspaceEntities(host, values)): (setup: DetectorSetup) => Promise<Detector> {
  return async ({ documents, learned }) => {
    const entities = await entitiesOf();
    const workers = Math.min(jobs, documents);
    const pool = workers > 1 ? host.detectorPool?.(workers, entities, learned) : undefined;
    if (pool) return pool;
    const base = defaultGazetteer(placeDataFor(host)(), entities);
    return inlineDetector(learned ? withLearned(base, learned) : base);
  };
}

/** The workspace gazetteer's entities, read (its problems reported) once however many ask. */
function workspaceEntities(host: CliHost, values: Values): () => Promise<readonly Entity[]> {
  let loaded: Promise<readonly Entity[]> | undefined;
  return () =>
    (loaded ??= (async () => {
      const { entities, problems } = await loadWorkspaceEntities(host.fs, await gazetteerFile(host, values));
      for (const p of problems) host.io.err(formatProblem(p, (f) => rel(host, f)));
      return entities;
    })());
}

/** Whole articles on `jobs` worker threads when there is more than one and the host has them. */
function articlesFor(host: CliHost, jobs: number, entitiesOf: () => Promise<readonly Entity[]>): (setup: ArticleSetup) => Promise<ArticleAnnotator | undefined> {
  return async ({ documents, ...settings }) => {
    const workers = Math.min(jobs, documents);
    if (workers <= 1 || !host.articlePool) return undefined;
    return host.articlePool(workers, await entitiesOf(), settings);
  };
}

/**
 * What detection depends on besides the text and the code, for annotate's seal: the workspace gazetteer's
 * bytes and which place data there is. Read without parsing either, so an unchanged corpus costs only reads.
 */
function detectorInputs(host: CliHost, values: Values): () => Promise<string> {
  return async () => {
    const file = await gazetteerFile(host, values);
    const stat = await host.fs.stat(file);
    const gazetteer = stat?.isFile ? sha256Hex(await host.fs.readFile(file)) : 'none';
    const places = host.placeDataStamp ? host.placeDataStamp() : host.loadPlaceData() ? 'places' : 'none';
    // the taxonomy decides which event suggestions are kept
    const taxonomyFile = typeof values.taxonomy === 'string' ? resolve(host.io.cwd, values.taxonomy) : join(host.io.cwd, TAXONOMY_FILE);
    const taxonomy = (await host.fs.stat(taxonomyFile))?.isFile ? sha256Hex(await host.fs.readFile(taxonomyFile)) : 'none';
    return `gazetteer ${gazetteer}\nplaces ${places}\ntaxonomy ${taxonomy}`;
  };
}

/** Below this many articles threads are not worth starting (a thread starts in about the time 50 take to read). */
const MIN_ARTICLES_FOR_READERS = 200;

/** The read jobs' reader threads: `--jobs` of them (default one per core) when there are enough articles. */
/**
 * `defaultJobs`: threads without --jobs (every core unless given). stats does too little per article for threads
 * to pay on a 2-core machine (2,000 articles: 1.4-1.9 s on one thread, 1.6-2.2 s on two), so it reads in one.
 */
function readersFor(host: CliHost, values: Values, defaultJobs?: number): ArticleReaders {
  const jobs = values.jobs === undefined && defaultJobs !== undefined ? defaultJobs : parseJobs(values.jobs);
  return (task, articles) => (jobs > 1 && articles >= MIN_ARTICLES_FOR_READERS ? host.readerPool?.(task, jobs) : undefined);
}

function parseJobs(value: Values[string]): number {
  if (value === undefined) return Math.max(1, availableParallelism());
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || n < 1) throw new UsageError(`--jobs expects a whole number of at least 1, got "${value}"`);
  return n;
}

function parseShard(value: Values[string]): Shard | undefined {
  if (value === undefined) return undefined;
  const m = typeof value === 'string' ? /^(\d+)\/(\d+)$/.exec(value) : null;
  const shard = m ? { index: Number(m[1]), count: Number(m[2]) } : undefined;
  if (!shard || shard.count < 1 || shard.index < 1 || shard.index > shard.count) throw new UsageError(`--shard expects I/N with 1 <= I <= N, like 3/8, got "${value}"`);
  return shard;
}

/**
 * Documents in flight per thread: enough that a worker never waits, for the main thread or for the flush to
 * disk of what it wrote (milliseconds on a busy disk, while the documents after it are worked on).
 */
const IN_FLIGHT_PER_JOB = 8;

function taxonomyFor(host: CliHost, values: Values): () => Promise<Taxonomy> {
  return async () => {
    const path = typeof values.taxonomy === 'string' ? resolve(host.io.cwd, values.taxonomy) : join(host.io.cwd, TAXONOMY_FILE);
    // a file named on the command line must exist; the default one is optional
    if (typeof values.taxonomy === 'string' && !(await host.fs.stat(path))) throw new InputError(`${values.taxonomy}: no such taxonomy file`);
    return workspaceTaxonomy(host.fs, path, (p) => host.io.err(formatProblem(p, (f) => rel(host, f))));
  };
}

async function annotate(host: CliHost, paths: string[], values: Values): Promise<number> {
  const jobs = parseJobs(values.jobs);
  if (values.jsonl !== undefined) return annotateJsonl(host, paths, values, jobs);
  const shard = parseShard(values.shard);
  const inFlight = jobs > 1 ? jobs * IN_FLIGHT_PER_JOB : 1;
  const { learnedPath, learned } = await learnedFor(host, values);
  const learning = learned ? { model: learned.model, documentKey: (file: string) => relative(dirname(learnedPath), file).split(sep).join('/') } : undefined;
  const dryRun = values['dry-run'] === true;
  let unchanged = 0;
  const dateOf = await datesFor(host, values);
  const entities = workspaceEntities(host, values);
  const options = { paths, detector: detectorFor(host, values, jobs, entities), articles: articlesFor(host, jobs, entities), inputs: detectorInputs(host, values), inFlight, shard, dryRun, taxonomy: taxonomyFor(host, values), ...(learning ? { learning } : {}), ...(dateOf ? { dateOf } : {}) };
  const { total, failed, internalErrors, learnedChanged } = await annotateCorpus(host.fs, options, {
    ...reporter(host, true),
    annotated: (r) => {
      // a document skipped as unchanged is counted, not listed: a re-run over a corpus says what it did
      if (r.skipped) {
        unchanged++;
        return;
      }
      const notes = [`+${r.added} suggested`, `-${r.removed} stale`];
      if (r.rehashed) notes.push(`text changed: ${r.moved} moved, ${r.orphaned} orphaned`);
      if (!r.written) {
        host.io.out(`${rel(host, r.sidecarPath)}: would write (${notes.join(', ')})`);
        return;
      }
      if (r.merged) notes.push(`merged with a concurrent change${r.conflicts ? `, ${r.conflicts} conflicts kept theirs` : ''}`);
      host.io.out(`${rel(host, r.sidecarPath)}: ${notes.join(', ')}`);
    },
  });
  const skipped = unchanged > 0 ? `, ${unchanged} unchanged since the last run` : '';
  host.io.err(`${total - failed} of ${total} documents annotated${skipped}${shard ? ` (shard ${shard.index}/${shard.count})` : ''}`);
  if (learned && !dryRun && (learnedChanged || !learned.exists)) {
    if (learned.writable) {
      await saveLearnedFile(host.fs, learnedPath, learned.model);
      host.io.err(`${rel(host, learnedPath)}: ${learned.model.entries.size} learned names`);
    } else host.io.err(`${rel(host, learnedPath)}: not updated (fix the errors above first)`);
  }
  // a bug is a bug even when it struck one file only: the documented exit code, after the rest was done
  return internalErrors > 0 ? 70 : failed > 0 ? 1 : 0;
}

/** The publication dates `--date` or `--dates FILE` give; undefined without either. */
async function datesFor(host: CliHost, values: Values): Promise<((file: string) => string | undefined) | undefined> {
  if (typeof values.date === 'string' && typeof values.dates === 'string') throw new UsageError('give --date or --dates, not both');
  if (typeof values.date === 'string') {
    const date = /^\d{4}-\d{2}-\d{2}$/.test(values.date) ? parseDateValue(values.date) : undefined;
    if (!date) throw new UsageError(`--date expects a date like 2020-03-06, got "${values.date}"`);
    return () => date;
  }
  if (typeof values.dates !== 'string') return undefined;
  const path = resolve(host.io.cwd, values.dates);
  if (!(await host.fs.stat(path))) throw new InputError(`${values.dates}: no such file`);
  const table = parseDateTable(new TextDecoder().decode(await host.fs.readFile(path)));
  for (const p of table.problems) host.io.err(formatProblem({ ...p, file: path }, (f) => rel(host, f)));
  if (table.dates.size === 0) throw new InputError(`${values.dates}: no dates found`);
  return (file) => dateOfFile(table, file);
}

/** The learned suggestions: --learned FILE, else ./conflict-learned.yaml when present (its problems reported). */
async function learnedFor(host: CliHost, values: Values): Promise<{ learnedPath: string; learned?: Awaited<ReturnType<typeof loadLearnedFile>> }> {
  const learnedPath = typeof values.learned === 'string' ? resolve(host.io.cwd, values.learned) : join(host.io.cwd, LEARNED_FILE);
  const learned = typeof values.learned === 'string' || (await host.fs.stat(learnedPath)) ? await loadLearnedFile(host.fs, learnedPath) : undefined;
  for (const p of learned?.problems ?? []) host.io.err(formatProblem(p, (f) => rel(host, f)));
  return { learnedPath, ...(learned ? { learned } : {}) };
}

/** `annotate --jsonl -`: a pipeline stage, stdin to stdout (learned suggestions used as they are, not updated). */
async function annotateJsonl(host: CliHost, paths: string[], values: Values, jobs: number): Promise<number> {
  if (values.jsonl !== '-') throw new UsageError('--jsonl reads standard input: give --jsonl -');
  if (paths.length > 0) throw new UsageError('annotate --jsonl - reads standard input; give no PATHS');
  if (values.shard !== undefined || values['dry-run']) throw new UsageError('--shard and --dry-run are for PATHS, not --jsonl');
  if (!host.io.stdin) throw new UsageError('standard input is not available here');
  const learned = (await learnedFor(host, values)).learned?.model;
  // the number of texts is not known up front: assume many
  const detector = await detectorFor(host, values, jobs)({ documents: Number.POSITIVE_INFINITY, ...(learned ? { learned } : {}) });
  try {
    const taxonomy = await taxonomyFor(host, values)();
    const { total, failed, internalErrors } = await annotateStream(host.io.stdin(), { detector, inFlight: jobs > 1 ? jobs * IN_FLIGHT_PER_JOB : 1, taxonomy, ...(learned ? { learned } : {}) }, {
      line: (json) => host.io.out(json),
      problem: (p) => host.io.err(formatProblem(p, (f) => f)),
    });
    host.io.err(`${total - failed} of ${total} texts annotated`);
    return internalErrors > 0 ? 70 : failed > 0 ? 1 : 0;
  } finally {
    await detector.close?.();
  }
}

async function validate(host: CliHost, paths: string[], values: Values): Promise<number> {
  // every problem validate finds is its result (stdout); the summary goes to stderr
  const show = (p: FileProblem) => host.io.out(formatProblem(p, (f) => rel(host, f)));
  const { checked, errors, internalErrors } = await validateCorpus(host.fs, { paths, taxonomy: taxonomyFor(host, values), readers: readersFor(host, values) }, { ...reporter(host, false), problem: show, finding: show });
  host.io.err(`${checked} sidecars checked, ${errors} errors`);
  if (checked === 0 && errors === 0) {
    host.io.err('error: no sidecars found under the given paths (run annotate first)');
    return 1;
  }
  // as annotate: a bug in one file is reported, the rest is done, and the exit code says it was a bug
  return internalErrors > 0 ? 70 : errors > 0 ? 1 : 0;
}

function parseSplit(value: string): [number, number, number] {
  const parts = value.split('/').map(Number);
  if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n) || n < 0) || parts.reduce((a, b) => a + b, 0) <= 0) {
    throw new UsageError(`--split expects three numbers like 80/10/10, got "${value}"`);
  }
  return parts as [number, number, number];
}

async function exportCommand(host: CliHost, paths: string[], values: Values): Promise<number> {
  const format = typeof values.format === 'string' ? exportFormat(values.format) : undefined;
  if (!format) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.map((f) => f.id).join(', ')}`);
  if (typeof values.output !== 'string') throw new UsageError('-o OUT (an output folder) is required');
  const out = resolve(host.io.cwd, values.output);
  const split = typeof values.split === 'string' ? parseSplit(values.split) : undefined;
  const unreviewed = values.unreviewed ?? 'skip';
  if (unreviewed !== 'skip' && unreviewed !== 'missing') throw new UsageError(`--unreviewed is skip or missing, got "${unreviewed}"`);
  const scheme = values.scheme ?? 'iob2';
  if (!TAG_SCHEMES.includes(scheme as TagScheme)) throw new UsageError(`--scheme is one of ${TAG_SCHEMES.join(', ')}, got "${scheme}"`);
  if (values.scheme !== undefined && !format.tagged) throw new UsageError(`--scheme applies to ${EXPORT_FORMATS.filter((f) => f.tagged).map((f) => f.id).join(', ')}, not ${format.id}`);
  const strict = values.strict === true;
  const result = await exportCorpus(
    host.fs,
    {
      paths, format, out, split, unreviewed, strict,
      scheme: scheme as TagScheme,
      includeSuggestions: values['include-suggestions'] === true,
      gazetteer: gazetteerFor(host, values),
      taxonomy: taxonomyFor(host, values),
      readers: readersFor(host, values),
    },
    reporter(host, true),
  );
  host.io.out(`${result.documents} documents exported as ${format.id} to ${rel(host, out)}: ${result.written.map((w) => relative(out, w)).join(', ')}`);
  for (const line of manifestSummary(result.manifest)) host.io.err(line);
  if (result.failed) host.io.err(`${result.failed} documents skipped because of errors (see above)`);
  if (result.internalErrors) host.io.err(`${result.internalErrors} documents skipped because of internal errors (see above)`);
  if (strict && result.manifest.losses > 0) host.io.err(`--strict: ${result.manifest.losses} accepted items or documents were left out (see ${rel(host, join(out, MANIFEST_FILE))})`);
  if (result.internalErrors > 0) return 70;
  return result.failed > 0 || (strict && (result.manifest.losses > 0 || result.manifest.warnings.length > 0)) ? 1 : 0;
}

/** `--map PER=ACTOR,LOC=PLACE` (repeatable) as a label map. */
function parseLabelMap(values: Values): Map<string, MentionLabel> {
  const map = new Map<string, MentionLabel>();
  const raw = values.map === undefined ? [] : Array.isArray(values.map) ? values.map : [String(values.map)];
  for (const pair of raw.flatMap((r) => r.split(',')).filter(Boolean)) {
    const [from, to] = pair.split('=');
    const label = to?.trim().toUpperCase();
    if (!from || (label !== 'ACTOR' && label !== 'PLACE')) throw new UsageError(`--map expects LABEL=ACTOR or LABEL=PLACE, got "${pair}"`);
    map.set(from.trim(), label);
  }
  return map;
}

async function importCommand(host: CliHost, paths: string[], values: Values): Promise<number> {
  const format = typeof values.from === 'string' ? importFormat(values.from) : undefined;
  if (!format) throw new UsageError(`--from must be one of ${IMPORT_FORMATS.map((f) => f.id).join(', ')}`);
  if (typeof values.output !== 'string') throw new UsageError('-o DIR (the folder of the texts and sidecars) is required');
  const out = resolve(host.io.cwd, values.output);
  const dryRun = values['dry-run'] === true;
  const { documents, failed } = await importCorpus(
    host.fs,
    { format, sources: paths, out, dryRun, reviewed: values.reviewed === true, labels: parseLabelMap(values), taxonomy: taxonomyFor(host, values) },
    {
      ...reporter(host, true),
      imported: (r) => {
        const a = r.added;
        const notes = [`+${a.mentions} mentions`, `+${a.attributions} attributions`, `+${a.events} events`];
        if (r.kept) notes.push(`${r.kept} already there`);
        if (r.superseded) notes.push(`${r.superseded} suggestions superseded`);
        if (r.conflicts.length) notes.push(`${r.conflicts.length} conflicts with accepted work, not imported`);
        if (r.skipped.length) notes.push(`${r.skipped.length} skipped`);
        notes.push(r.status);
        host.io.out(`${rel(host, r.sidecarPath)}: ${dryRun ? 'would write ' : ''}${r.newText ? `(new text) ` : ''}${notes.join(', ')}`);
        for (const c of r.conflicts) host.io.err(`${rel(host, r.sidecarPath)}: warning: ${r.source}: ${c}`);
        for (const s of r.skipped) host.io.err(`${rel(host, r.sidecarPath)}: warning: ${r.source}: skipped ${s}`);
        if (r.statusNote) host.io.err(`${rel(host, r.sidecarPath)}: warning: ${r.statusNote}`);
      },
    },
  );
  host.io.err(`${documents} documents ${dryRun ? 'would be imported' : 'imported'} from ${format.id}${failed ? `; ${failed} could not be (see above)` : ''}`);
  return failed > 0 ? 1 : 0;
}

async function stats(host: CliHost, paths: string[], values: Values): Promise<number> {
  const { stats, failed, internalErrors } = await countCorpus(host.fs, paths, reporter(host, true), readersFor(host, values, 1));
  host.io.out(formatStats(stats));
  return internalErrors > 0 ? 70 : failed > 0 ? 1 : 0;
}

async function evaluateCommand(host: CliHost, paths: string[], values: Values): Promise<number> {
  const gold = Array.isArray(values.gold) ? values.gold : [];
  if (gold.length === 0) throw new UsageError('--gold DIR is required');
  const goldDir = gold.map((g) => resolve(host.io.cwd, g));
  const report = await evaluateCorpus(host.fs, { paths, goldDir, gazetteer: gazetteerFor(host, values), taxonomy: taxonomyFor(host, values) }, {
    ...reporter(host, false),
    noGold: (file, goldPath) => host.io.err(`${rel(host, file)}: no gold sidecar ${rel(host, goldPath)}; skipped`),
  });
  if (!report) return 1;
  host.io.out(formatReport(report));
  return 0;
}

async function agreementCommand(host: CliHost, paths: string[], values: Values): Promise<number> {
  if (paths.length !== 2) throw new UsageError('agreement takes two folders: A B');
  checkAgreementFormat(values);
  const [a, b] = paths;
  const { report, failed } = await agreementCorpus(host.fs, { a, b, includeSuggestions: values['include-suggestions'] === true, annotators: { a: rel(host, a), b: rel(host, b) } }, reporter(host, true));
  host.io.out(renderAgreement(report, values));
  return failed > 0 ? 1 : 0;
}

function checkAgreementFormat(values: Values): void {
  if (values.format !== undefined && !['json', 'text', 'html'].includes(String(values.format))) throw new UsageError('agreement --format is text (default), json or html');
}

function renderAgreement(report: AgreementReport, values: Values): string {
  return values.format === 'json' ? JSON.stringify(report, null, 2) : values.format === 'html' ? agreementHtml(report) : formatAgreement(report);
}

function gitOf(host: CliHost): Git {
  if (!host.git) throw new InputError('git is not available here');
  return host.git;
}

/** Who decides: --annotator, else git's user.name; nobody (no `by`) when neither is set. */
async function provenanceOf(host: CliHost, values: Values): Promise<Provenance | undefined> {
  const name = typeof values.annotator === 'string' ? values.annotator : await host.git?.configGet(host.io.cwd, 'user.name').catch(() => undefined);
  return decisionBy(name, host.now?.() ?? new Date());
}

async function agreementOfRefsCommand(host: CliHost, rest: string[], refs: number, values: Values): Promise<number> {
  if (refs !== 2 || rest.length !== 3) throw new UsageError('agreement of git refs takes two refs and a folder: REF_A REF_B -- FOLDER');
  checkAgreementFormat(values);
  const [a, b, folder] = rest;
  const { report, failed } = await agreementOfRefs(gitOf(host), { a, b, folder: resolve(host.io.cwd, folder), includeSuggestions: values['include-suggestions'] === true }, reporter(host, true));
  host.io.out(renderAgreement(report, values));
  return failed > 0 ? 1 : 0;
}

async function mergeDriverCommand(host: CliHost, rest: string[]): Promise<number> {
  if (rest.length < 3 || rest.length > 4) throw new UsageError('merge-driver takes the files git gives: %O %A %B [%P]');
  const [base, ours, theirs] = rest.slice(0, 3).map((p) => resolve(host.io.cwd, p));
  const path = rest[3];
  const name = path ?? rel(host, ours);
  const r = await mergeDriver(host.fs, { base, ours, theirs, path, root: host.io.cwd });
  if (!r.merged) {
    // git then leaves ours in the work tree and reports the path as conflicted
    host.io.err(`conflict-annotator: ${name}: not merged, the ${r.side} version has errors:`);
    for (const p of r.problems.filter((x) => x.severity === 'error').slice(0, 5)) host.io.err(`  line ${p.line}: ${p.message}`);
    return 2;
  }
  if (r.conflicts > 0) {
    host.io.err(`conflict-annotator: ${name}: merged by item; ${r.conflicts} item(s) decided differently are listed in its conflicts: (settle them in the editor or with \`conflict-annotator settle\`, then git add it)`);
    return 1;
  }
  return 0;
}

async function setupGitCommand(host: CliHost): Promise<number> {
  if (!host.selfCommand) throw new InputError('cannot tell how git should run this command line');
  const r = await setupGit(host.fs, gitOf(host), { cwd: host.io.cwd, command: host.selfCommand });
  host.io.out(`${rel(host, r.attributesPath)}: ${r.attributesChanged ? 'sidecars (*.ann.yaml) now merge with conflict-annotator (commit it, so the team shares it)' : 'already set'}`);
  host.io.out(`git config merge.conflict-annotator.driver: ${r.driver}`);
  return 0;
}

async function resolveCommand(host: CliHost, paths: string[]): Promise<number> {
  const r = await resolveMarkers(host.fs, host.git, paths, {
    resolved: (x) =>
      host.io.out(`${rel(host, x.file)}: ${x.hunks} conflict hunk(s) merged by item${x.withBase ? '' : ' (no common version: what both had alike counts as it)'}; ${x.conflicts ? `${x.conflicts} conflict(s) listed in conflicts: (settle them, then git add it)` : 'no conflicts left (git add it)'}`),
    problem: (p) => host.io.err(formatProblem(p, (f) => rel(host, f))),
  });
  host.io.err(`${r.resolved} sidecar(s) resolved, ${r.clean} without markers, ${r.failed} failed`);
  return r.failed > 0 ? 1 : 0;
}

function settlementOf(values: Values): Settlement {
  const take = values.take;
  if (typeof take !== 'string' || !(SETTLEMENTS as readonly string[]).includes(take)) throw new UsageError(`settle needs --take ${SETTLEMENTS.join('|')}`);
  return take as Settlement;
}

async function settleCommand(host: CliHost, paths: string[], values: Values): Promise<number> {
  const take = settlementOf(values);
  const provenance = await provenanceOf(host, values);
  const r = await settleCorpus(host.fs, { paths, take, id: typeof values.id === 'string' ? values.id : undefined, reviewed: values.reviewed === true, provenance }, {
    ...reporter(host, true),
    settled: (x) => host.io.out(`${rel(host, x.sidecarPath)}: ${x.settled} settled (${take}), ${x.open} open${x.reviewed ? `, marked reviewed${provenance?.by ? ` by ${provenance.by}` : ''}` : ''}`),
  });
  host.io.err(`${r.settled} conflict(s) settled, ${r.open} open`);
  return r.failed > 0 ? 1 : 0;
}

async function curateCommand(host: CliHost, paths: string[], values: Values): Promise<number> {
  if (paths.length !== 2) throw new UsageError('curate takes two folders: A B');
  if (typeof values.output !== 'string') throw new UsageError('-o OUT (the curated folder) is required');
  const provenance = await provenanceOf(host, values);
  const r = await curateCorpus(host.fs, { a: paths[0], b: paths[1], out: resolve(host.io.cwd, values.output), provenance }, {
    ...reporter(host, true),
    curated: (x) => host.io.out(`${rel(host, x.sidecarPath)}: ${x.agreed} agreed, ${x.disagreements} disagreement(s) to settle${x.reviewed ? ', reviewed' : ''}`),
  });
  host.io.err(`${r.documents} document(s) curated, ${r.disagreements} disagreement(s) listed in conflicts:`);
  return r.failed > 0 ? 1 : 0;
}
