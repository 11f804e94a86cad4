/**
 * The `conflict-annotator` command line: annotate, validate, export, import, stats, evaluate, agreement. The jobs are core
 * functions (src/core/corpus) on the FileSystem port; this file only parses arguments and prints what they report.
 */
import { parseArgs } from 'node:util';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { FileSystem } from '../core/ports';
import type { Places } from '../core/gazetteer/defaultGazetteer';
import type { Gazetteer } from '../core/gazetteer/gazetteer';
import type { Taxonomy } from '../core/events/taxonomy';
import { GAZETTEER_FILE, TAXONOMY_FILE, workspaceGazetteer, workspaceTaxonomy } from '../core/corpus/workspaceConfig';
import { EXPORT_FORMATS, exportFormat } from '../core/exports/exportFormats';
import { TAG_SCHEMES, type TagScheme } from '../core/exports/exportDocument';
import { MANIFEST_FILE, manifestSummary } from '../core/exports/exportManifest';
import { formatStats } from '../core/corpus/corpusStats';
import { formatReport } from '../core/corpus/evaluate';
import { formatProblem, InputError, type FileProblem, NoPathsError, NoSuchFileError, type CorpusReporter } from '../core/corpus/corpusJob';
import { annotateCorpus } from '../core/corpus/annotateCorpus';
import { validateCorpus } from '../core/corpus/validateCorpus';
import { exportCorpus } from '../core/corpus/exportCorpus';
import { importCorpus } from '../core/corpus/importCorpus';
import { IMPORT_FORMATS, importFormat } from '../core/imports/importFormats';
import type { MentionLabel } from '../core/model';
import { countCorpus } from '../core/corpus/countCorpus';
import { evaluateCorpus } from '../core/corpus/evaluateCorpus';
import { agreementCorpus } from '../core/corpus/agreementCorpus';
import { formatAgreement } from '../core/agreement/formatAgreement';
import { LEARNED_FILE, loadLearnedFile, saveLearnedFile } from '../core/learning/learnedFile';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Current folder, for relative paths and the workspace config files. */
  cwd: string;
}

export interface CliHost {
  fs: FileSystem;
  io: CliIo;
  loadPlaceData(): Places | undefined;
}

const USAGE = `Usage: conflict-annotator <command> [options] PATHS...

Commands:
  annotate PATHS...            write or merge suggestions into each text's NAME.ann.yaml
                               (accepted and rejected annotations are never touched)
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
  evaluate --gold DIR PATHS... score detection against gold in DIR: sidecars (NAME.ann.yaml) or flat
                               gold files (NAME.gold.yaml, which add named-mention scores)
  agreement A B [--format json] [--include-suggestions]
                               inter-annotator agreement of folder B against folder A (same articles,
                               each with its annotator's sidecars): span F1, Cohen's kappa, Krippendorff's alpha

Options:
  --gazetteer FILE    workspace gazetteer (default: ./${GAZETTEER_FILE} when present)
  --taxonomy FILE     event taxonomy (default: ./${TAXONOMY_FILE} when present, else ACLED)
  --dry-run           annotate, import: report what would change, write nothing
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
        gold: { type: 'string' },
        gazetteer: { type: 'string' },
        taxonomy: { type: 'string' },
        'dry-run': { type: 'boolean' },
        learned: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
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
        return await stats(host, paths);
      case 'evaluate':
        return await evaluateCommand(host, paths, values);
      case 'agreement':
        return await agreementCommand(host, paths, values);
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

function gazetteerFor(host: CliHost, values: Values): () => Promise<Gazetteer> {
  return async () => {
    const path = typeof values.gazetteer === 'string' ? resolve(host.io.cwd, values.gazetteer) : join(host.io.cwd, GAZETTEER_FILE);
    if (typeof values.gazetteer === 'string' && !(await host.fs.stat(path))) throw new InputError(`${values.gazetteer}: no such gazetteer file`);
    const placeData = (): Places | undefined => {
      const data = host.loadPlaceData();
      if (!data) host.io.err('warning: place data (places.bin) not found; only built-in places are known');
      return data;
    };
    return workspaceGazetteer(host.fs, path, placeData, (p) => host.io.err(formatProblem(p, (f) => rel(host, f))));
  };
}

function taxonomyFor(host: CliHost, values: Values): () => Promise<Taxonomy> {
  return async () => {
    const path = typeof values.taxonomy === 'string' ? resolve(host.io.cwd, values.taxonomy) : join(host.io.cwd, TAXONOMY_FILE);
    // a file named on the command line must exist; the default one is optional
    if (typeof values.taxonomy === 'string' && !(await host.fs.stat(path))) throw new InputError(`${values.taxonomy}: no such taxonomy file`);
    return workspaceTaxonomy(host.fs, path, (p) => host.io.err(formatProblem(p, (f) => rel(host, f))));
  };
}

async function annotate(host: CliHost, paths: string[], values: Values): Promise<number> {
  const learnedPath = typeof values.learned === 'string' ? resolve(host.io.cwd, values.learned) : join(host.io.cwd, LEARNED_FILE);
  const learned = typeof values.learned === 'string' || (await host.fs.stat(learnedPath)) ? await loadLearnedFile(host.fs, learnedPath) : undefined;
  for (const p of learned?.problems ?? []) host.io.err(formatProblem(p, (f) => rel(host, f)));
  const learning = learned ? { model: learned.model, documentKey: (file: string) => relative(dirname(learnedPath), file).split(sep).join('/') } : undefined;
  const dryRun = values['dry-run'] === true;
  const { total, failed, learnedChanged } = await annotateCorpus(host.fs, { paths, gazetteer: gazetteerFor(host, values), dryRun, ...(learning ? { learning } : {}) }, {
    ...reporter(host, true),
    annotated: (r) => {
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
  host.io.err(`${total - failed} of ${total} documents annotated`);
  if (learned && !dryRun && (learnedChanged || !learned.exists)) {
    if (learned.writable) {
      await saveLearnedFile(host.fs, learnedPath, learned.model);
      host.io.err(`${rel(host, learnedPath)}: ${learned.model.entries.size} learned names`);
    } else host.io.err(`${rel(host, learnedPath)}: not updated (fix the errors above first)`);
  }
  return failed > 0 ? 1 : 0;
}

async function validate(host: CliHost, paths: string[], values: Values): Promise<number> {
  // every problem validate finds is its result (stdout); the summary goes to stderr
  const show = (p: FileProblem) => host.io.out(formatProblem(p, (f) => rel(host, f)));
  const { checked, errors } = await validateCorpus(host.fs, { paths, taxonomy: taxonomyFor(host, values) }, { ...reporter(host, false), problem: show, finding: show });
  host.io.err(`${checked} sidecars checked, ${errors} errors`);
  if (checked === 0 && errors === 0) {
    host.io.err('error: no sidecars found under the given paths (run annotate first)');
    return 1;
  }
  return errors > 0 ? 1 : 0;
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
    },
    reporter(host, true),
  );
  host.io.out(`${result.documents} documents exported as ${format.id} to ${rel(host, out)}: ${result.written.map((w) => relative(out, w)).join(', ')}`);
  for (const line of manifestSummary(result.manifest)) host.io.err(line);
  if (result.failed) host.io.err(`${result.failed} documents skipped because of errors (see above)`);
  if (strict && result.manifest.losses > 0) host.io.err(`--strict: ${result.manifest.losses} accepted items or documents were left out (see ${rel(host, join(out, MANIFEST_FILE))})`);
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

async function stats(host: CliHost, paths: string[]): Promise<number> {
  const { stats, failed } = await countCorpus(host.fs, paths, reporter(host, true));
  host.io.out(formatStats(stats));
  return failed > 0 ? 1 : 0;
}

async function evaluateCommand(host: CliHost, paths: string[], values: Values): Promise<number> {
  if (typeof values.gold !== 'string') throw new UsageError('--gold DIR is required');
  const goldDir = resolve(host.io.cwd, values.gold);
  const report = await evaluateCorpus(host.fs, { paths, goldDir, gazetteer: gazetteerFor(host, values) }, {
    ...reporter(host, false),
    noGold: (file, goldPath) => host.io.err(`${rel(host, file)}: no gold sidecar ${rel(host, goldPath)}; skipped`),
  });
  if (!report) return 1;
  host.io.out(formatReport(report));
  return 0;
}

async function agreementCommand(host: CliHost, paths: string[], values: Values): Promise<number> {
  if (paths.length !== 2) throw new UsageError('agreement takes two folders: A B');
  if (values.format !== undefined && values.format !== 'json' && values.format !== 'text') throw new UsageError('agreement --format is text (default) or json');
  const [a, b] = paths;
  const { report, failed } = await agreementCorpus(host.fs, { a, b, includeSuggestions: values['include-suggestions'] === true, annotators: { a: rel(host, a), b: rel(host, b) } }, reporter(host, true));
  host.io.out(values.format === 'json' ? JSON.stringify(report, null, 2) : formatAgreement(report));
  return failed > 0 ? 1 : 0;
}
