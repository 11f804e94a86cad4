/**
 * The `conflict-annotator` command line: annotate, validate, export, stats, evaluate. Everything goes through
 * the core and the FileSystem port; this file only parses arguments, loops over files and prints.
 */
import { parseArgs } from 'node:util';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { FileSystem } from '../core/ports';
import type { PlaceData } from '../core/gazetteer/placeData';
import type { Sidecar } from '../core/model';
import { defaultGazetteer } from '../core/gazetteer/defaultGazetteer';
import type { Gazetteer } from '../core/gazetteer/gazetteer';
import { collectTextFiles } from '../core/corpus/collectTextFiles';
import { SidecarStore, SidecarConflictError, type LoadedSidecar } from '../core/sidecar/sidecarStore';
import { TextDecodeError } from '../core/text/decodeText';
import { annotateDocument, syncToText } from '../core/review/annotateDocument';
import { validateSidecar } from '../core/sidecar/validateSidecar';
import { parseSidecar } from '../core/sidecar/parseSidecar';
import { sidecarPathFor } from '../core/sidecar/sidecarFormat';
import { isKnownEvent, type Taxonomy } from '../core/events/taxonomy';
import { GAZETTEER_FILE, TAXONOMY_FILE, loadTaxonomy, loadWorkspaceEntities } from '../core/corpus/workspaceConfig';
import { bratConfig, bratName, splitOf, toAcledCsv, toBrat, toConll, toEventsJsonl, toHfJsonl, toSpacyJsonl, type ExportDocument, type ExportOptions } from '../core/exports/exports';
import { corpusStats, formatStats } from '../core/corpus/corpusStats';
import { evaluate, formatReport } from '../core/corpus/evaluate';
import { detect } from '../core/detection/detect';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Current folder, for relative paths and the workspace config files. */
  cwd: string;
}

export interface CliHost {
  fs: FileSystem;
  io: CliIo;
  loadPlaceData(): PlaceData | undefined;
  /** Polled between documents; a long run stops early when it returns true (the editor's Cancel button). */
  cancelled?: () => boolean;
}

const USAGE = `Usage: conflict-annotator <command> [options] PATHS...

Commands:
  annotate PATHS...            write or merge suggestions into each text's NAME.ann.yaml
                               (accepted and rejected annotations are never touched)
  validate PATHS...            check sidecars against their texts and the format; exit 1 on errors
  export PATHS... --format F -o OUT [--split 80/10/10] [--include-suggestions]
                               F: jsonl (spaCy spans) | hf | conll | brat | events | acled-csv
  stats PATHS...               counts per label, entity and event type
  evaluate --gold DIR PATHS... score detection against gold sidecars in DIR (NAME.ann.yaml)

Options:
  --gazetteer FILE    workspace gazetteer (default: ./${GAZETTEER_FILE} when present)
  --taxonomy FILE     event taxonomy (default: ./${TAXONOMY_FILE} when present, else ACLED)
  --dry-run           annotate: report what would change, write nothing
  -h, --help          this text

PATHS are .txt articles or folders searched for them.`;

const FORMATS = ['jsonl', 'hf', 'conll', 'brat', 'events', 'acled-csv'] as const;
type Format = (typeof FORMATS)[number];
const EXTENSIONS: Record<Exclude<Format, 'brat'>, string> = { jsonl: 'spacy.jsonl', hf: 'hf.jsonl', conll: 'conll', events: 'events.jsonl', 'acled-csv': 'acled.csv' };

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
        gold: { type: 'string' },
        gazetteer: { type: 'string' },
        taxonomy: { type: 'string' },
        'dry-run': { type: 'boolean' },
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
      case 'stats':
        return await stats(host, paths);
      case 'evaluate':
        return await evaluateCommand(host, paths, values);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n\n${USAGE}`);
      return 2;
    }
    io.err(`error: ${(e as Error).message}`);
    return 1;
  }
}

type Values = { [key: string]: string | boolean | undefined };

function requirePaths(paths: readonly string[]): void {
  if (paths.length === 0) throw new UsageError('no PATHS given');
}

async function texts(host: CliHost, paths: readonly string[]): Promise<string[]> {
  requirePaths(paths);
  const files = await collectTextFiles(host.fs, paths);
  if (files.length === 0) throw new Error(`no .txt articles under ${paths.join(', ')}`);
  return files;
}

function rel(host: CliHost, path: string): string {
  const r = relative(host.io.cwd, path);
  return r.startsWith('..') ? path : r;
}

async function gazetteerFor(host: CliHost, values: Values): Promise<Gazetteer> {
  const path = typeof values.gazetteer === 'string' ? resolve(host.io.cwd, values.gazetteer) : join(host.io.cwd, GAZETTEER_FILE);
  if (typeof values.gazetteer === 'string' && !(await host.fs.stat(path))) throw new Error(`${values.gazetteer}: no such gazetteer file`);
  const { entities, problems } = await loadWorkspaceEntities(host.fs, path);
  for (const p of problems) host.io.err(`${rel(host, p.file)}:${p.line}: ${p.message}`);
  const data = host.loadPlaceData();
  if (!data) host.io.err('warning: place data (places.json) not found; only built-in places are known');
  return defaultGazetteer(data, entities);
}

async function taxonomyFor(host: CliHost, values: Values): Promise<Taxonomy> {
  const path = typeof values.taxonomy === 'string' ? resolve(host.io.cwd, values.taxonomy) : join(host.io.cwd, TAXONOMY_FILE);
  const { taxonomy, problems } = await loadTaxonomy(host.fs, path);
  for (const p of problems) host.io.err(`${rel(host, p.file)}:${p.line}: ${p.message}`);
  return taxonomy;
}

/** Loads a text and its sidecar; prints why not and returns undefined for bad input. */
async function loadOne(host: CliHost, store: SidecarStore, file: string): Promise<LoadedSidecar | undefined> {
  try {
    return await store.load(file);
  } catch (e) {
    if (e instanceof TextDecodeError) host.io.err(`${rel(host, file)}: ${e.message}`);
    else host.io.err(`${rel(host, file)}: cannot read: ${(e as Error).message}`);
    return undefined;
  }
}

function printProblems(host: CliHost, loaded: LoadedSidecar): void {
  for (const p of loaded.problems) host.io.err(`${rel(host, loaded.sidecarPath)}:${p.line}: ${p.severity}: ${p.message}`);
}

function progress(host: CliHost, done: number, total: number): void {
  if (total >= 50 && (done % 50 === 0 || done === total)) host.io.err(`… ${done}/${total}`);
}

async function annotate(host: CliHost, paths: string[], values: Values): Promise<number> {
  const files = await texts(host, paths);
  const gazetteer = await gazetteerFor(host, values);
  const store = new SidecarStore(host.fs);
  let failed = 0;
  for (const [i, file] of files.entries()) {
    if (host.cancelled?.()) throw new Error('cancelled');
    progress(host, i + 1, files.length);
    const loaded = await loadOne(host, store, file);
    if (!loaded) {
      failed++;
      continue;
    }
    if (!loaded.sidecar) {
      printProblems(host, loaded);
      host.io.err(`${rel(host, loaded.sidecarPath)}: not changed (fix the errors above first)`);
      failed++;
      continue;
    }
    const result = annotateDocument(loaded.sidecar, loaded.text, loaded.sha256, gazetteer);
    const notes = [`+${result.added} suggested`, `-${result.removed} stale`];
    if (result.rehashed) notes.push(`text changed: ${result.moved} moved, ${result.orphaned} orphaned`);
    if (values['dry-run']) {
      host.io.out(`${rel(host, loaded.sidecarPath)}: would write (${notes.join(', ')})`);
      continue;
    }
    if (!result.changed && loaded.base) {
      // nothing to write: the file stays as it is (a version 1 file stays version 1)
      host.io.out(`${rel(host, loaded.sidecarPath)}: ${notes.join(', ')}`);
      continue;
    }
    try {
      const saved = await store.save(loaded, result.sidecar);
      if (saved.merged) notes.push(`merged with a concurrent change${saved.conflicts ? `, ${saved.conflicts} conflicts kept theirs` : ''}`);
      host.io.out(`${rel(host, loaded.sidecarPath)}: ${notes.join(', ')}`);
    } catch (e) {
      failed++;
      host.io.err(`${rel(host, loaded.sidecarPath)}: ${(e as Error).message}`);
      if (e instanceof SidecarConflictError) for (const p of e.problems) host.io.err(`${rel(host, loaded.sidecarPath)}:${p.line}: ${p.message}`);
    }
  }
  host.io.err(`${files.length - failed} of ${files.length} documents annotated`);
  return failed > 0 ? 1 : 0;
}

async function validate(host: CliHost, paths: string[], values: Values): Promise<number> {
  requirePaths(paths);
  const taxonomy = await taxonomyFor(host, values);
  // sidecars given directly stand for their texts
  const asTexts: string[] = [];
  let errors = 0;
  for (const p of paths) {
    if (p.endsWith('.ann.yaml')) {
      const textPath = p.replace(/\.ann\.yaml$/, '.txt');
      const sidecarText = await host.fs.stat(p);
      if (!sidecarText) throw new Error(`${rel(host, p)}: no such file`);
      if (!(await host.fs.stat(textPath))) {
        host.io.err(`${rel(host, p)}:1: error: its text ${basename(textPath)} is missing`);
        errors++;
        continue;
      }
      asTexts.push(textPath);
    } else asTexts.push(p);
  }
  const files = asTexts.length ? await collectTextFiles(host.fs, asTexts) : [];
  const store = new SidecarStore(host.fs);
  let checked = 0;
  for (const file of files) {
    if (!(await host.fs.stat(sidecarPathFor(file)))) continue;
    checked++;
    const loaded = await loadOne(host, store, file);
    if (!loaded) {
      errors++;
      continue;
    }
    printProblems(host, loaded);
    errors += loaded.problems.filter((p) => p.severity === 'error').length;
    if (!loaded.sidecar) continue;
    const problems = validateSidecar(loaded.sidecar, loaded.text, { sha256: loaded.sha256, isKnownEvent: (t, s) => isKnownEvent(taxonomy, t, s), locate: loaded.locate });
    for (const p of problems) host.io.out(`${rel(host, loaded.sidecarPath)}:${p.line}: ${p.severity}: ${p.message}`);
    errors += problems.filter((p) => p.severity === 'error').length;
  }
  host.io.err(`${checked} sidecars checked, ${errors} errors`);
  return errors > 0 ? 1 : 0;
}

/** Documents with a valid sidecar, re-anchored in memory if their text changed. */
async function annotatedDocuments(host: CliHost, paths: string[]): Promise<{ docs: ExportDocument[]; failed: number }> {
  const files = await texts(host, paths);
  const store = new SidecarStore(host.fs);
  const docs: ExportDocument[] = [];
  let failed = 0;
  for (const [i, file] of files.entries()) {
    if (host.cancelled?.()) throw new Error('cancelled');
    progress(host, i + 1, files.length);
    if (!(await host.fs.stat(sidecarPathFor(file)))) continue;
    const loaded = await loadOne(host, store, file);
    if (!loaded || !loaded.sidecar) {
      if (loaded) printProblems(host, loaded);
      failed++;
      continue;
    }
    const synced = syncToText(loaded.sidecar, loaded.text, loaded.sha256);
    if (synced.rehashed) host.io.err(`${rel(host, file)}: text changed since annotation (${synced.moved} moved, ${synced.orphaned} orphaned); run annotate to save`);
    docs.push({ name: basename(file), text: loaded.text, sidecar: synced.sidecar });
  }
  return { docs, failed };
}

/** `name` resolved inside `out`; throws when it would land outside (names come from article file names). */
export function outputPath(out: string, name: string): string {
  const root = resolve(out);
  const target = resolve(root, name);
  if (target === root || !target.startsWith(root.endsWith(sep) ? root : root + sep)) throw new Error(`refusing to write outside ${root}: ${name}`);
  return target;
}

function parseSplit(value: string): [number, number, number] {
  const parts = value.split('/').map(Number);
  if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n) || n < 0) || parts.reduce((a, b) => a + b, 0) <= 0) {
    throw new UsageError(`--split expects three numbers like 80/10/10, got "${value}"`);
  }
  return parts as [number, number, number];
}

async function exportCommand(host: CliHost, paths: string[], values: Values): Promise<number> {
  const format = values.format as Format | undefined;
  if (!format || !FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  if (typeof values.output !== 'string') throw new UsageError('-o OUT (an output folder) is required');
  const out = resolve(host.io.cwd, values.output);
  const split = typeof values.split === 'string' ? parseSplit(values.split) : undefined;
  const gazetteer = await gazetteerFor(host, values);
  const taxonomy = await taxonomyFor(host, values);
  const { docs, failed } = await annotatedDocuments(host, paths);
  const opts: ExportOptions = { includeSuggestions: values['include-suggestions'] === true, entities: (id) => gazetteer.get(id) };
  const groups = new Map<string, ExportDocument[]>();
  for (const d of docs) {
    const key = split ? splitOf(d.sidecar.document.sha256, split) : 'corpus';
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  await host.fs.mkdirp(out);
  const written: string[] = [];
  const write = async (name: string, content: string): Promise<void> => {
    const target = outputPath(out, name);
    await host.fs.mkdirp(dirname(target));
    await host.fs.writeFileAtomic(target, new TextEncoder().encode(content));
    written.push(target);
  };
  for (const [group, list] of [...groups].sort()) {
    if (format === 'brat') {
      const folder = split ? `${group}/` : '';
      // bratName folds punctuation ("a b.txt" and "a_b.txt" meet): number repeats so no document overwrites another
      const used = new Set<string>();
      for (const d of list) {
        const { txt, ann } = toBrat(d, opts);
        let name = bratName(d.name);
        for (let n = 2; used.has(name); n++) name = `${bratName(d.name)}_${n}`;
        used.add(name);
        await write(`${folder}${name}.txt`, txt);
        await write(`${folder}${name}.ann`, ann);
      }
      await write(`${folder}annotation.conf`, bratConfig(taxonomy));
      continue;
    }
    const render = { jsonl: toSpacyJsonl, hf: toHfJsonl, conll: toConll, events: toEventsJsonl, 'acled-csv': toAcledCsv }[format];
    await write(`${group}.${EXTENSIONS[format]}`, render(list, opts));
  }
  host.io.out(`${docs.length} documents exported as ${format} to ${rel(host, out)}: ${written.map((w) => relative(out, w)).join(', ')}`);
  if (failed) host.io.err(`${failed} documents skipped because of errors (see above)`);
  return failed > 0 ? 1 : 0;
}

async function stats(host: CliHost, paths: string[]): Promise<number> {
  const { docs, failed } = await annotatedDocuments(host, paths);
  host.io.out(formatStats(corpusStats(docs)));
  return failed > 0 ? 1 : 0;
}

async function evaluateCommand(host: CliHost, paths: string[], values: Values): Promise<number> {
  if (typeof values.gold !== 'string') throw new UsageError('--gold DIR is required');
  const goldDir = resolve(host.io.cwd, values.gold);
  const files = await texts(host, paths);
  const gazetteer = await gazetteerFor(host, values);
  const gold: Sidecar[] = [];
  const predicted = [];
  const textsRead: string[] = [];
  const store = new SidecarStore(host.fs);
  for (const file of files) {
    const goldPath = join(goldDir, basename(sidecarPathFor(file)));
    const goldStat = await host.fs.stat(goldPath);
    if (!goldStat) {
      host.io.err(`${rel(host, file)}: no gold sidecar ${rel(host, goldPath)}; skipped`);
      continue;
    }
    const parsed = parseSidecar(new TextDecoder().decode(await host.fs.readFile(goldPath)));
    if (!parsed.sidecar) {
      for (const p of parsed.problems) host.io.err(`${rel(host, goldPath)}:${p.line}: ${p.message}`);
      return 1;
    }
    const loaded = await loadOne(host, store, file);
    if (!loaded) return 1;
    gold.push(parsed.sidecar);
    textsRead.push(loaded.text);
    predicted.push(detect(loaded.text, gazetteer));
  }
  if (gold.length === 0) throw new Error('no article had a gold sidecar');
  host.io.out(formatReport(evaluate(gold, predicted, textsRead)));
  return 0;
}
