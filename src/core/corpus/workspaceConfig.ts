/**
 * The per-workspace files a team keeps beside its articles: `conflict-gazetteer.yaml` (extra entities and
 * spellings), `conflict-taxonomy.yaml` (event types) and `conflict-learned.yaml` (names learned from decisions). Both are optional; a broken file is reported with its
 * line and the built-ins are used instead.
 */
import { FileTooLargeError, NotAFileError, type FileSystem } from '../ports';
import type { Entity } from '../model';
import type { Gazetteer } from '../gazetteer/gazetteer';
import { defaultGazetteer, type Places } from '../gazetteer/defaultGazetteer';
import { GAZETTEER_FILE, parseGazetteerYaml } from '../gazetteer/gazetteerFile';
import { ACLED_TAXONOMY, parseTaxonomyYaml, type Taxonomy } from '../events/taxonomy';
import { loadLearnedFile } from '../learning/learnedFile';
import { learnedEntities } from '../learning/learnedSuggestions';
import type { FileProblem } from '../problem';

export const TAXONOMY_FILE = 'conflict-taxonomy.yaml';
/** Config files larger than this are refused rather than parsed (counted while reading, not taken from stat). */
const MAX_CONFIG_BYTES = 32 * 1024 * 1024;

async function readIfPresent(fs: FileSystem, path: string, problems: FileProblem[]): Promise<string | undefined> {
  const stat = await fs.stat(path);
  if (!stat || stat.isDirectory) return undefined;
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(path, { maxBytes: MAX_CONFIG_BYTES });
  } catch (e) {
    if (e instanceof FileTooLargeError) {
      problems.push({ code: 'too-large', severity: 'error', file: path, line: 1, message: `larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MB; ignored` });
      return undefined;
    }
    if (e instanceof NotAFileError) {
      problems.push({ code: 'not-a-file', severity: 'error', file: path, line: 1, message: `a ${e.kind}, not a regular file; ignored` });
      return undefined;
    }
    throw e;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    problems.push({ code: 'not-utf8', severity: 'error', file: path, line: 1, message: 'not UTF-8 text; ignored' });
    return undefined;
  }
}

export async function loadWorkspaceEntities(fs: FileSystem, path: string): Promise<{ entities: Entity[]; problems: FileProblem[] }> {
  const problems: FileProblem[] = [];
  const text = await readIfPresent(fs, path, problems);
  if (text === undefined) return { entities: [], problems };
  const parsed = parseGazetteerYaml(text);
  return { entities: parsed.entities, problems: [...problems, ...parsed.problems.map((p) => ({ ...p, file: path }))] };
}

export async function loadTaxonomy(fs: FileSystem, path: string): Promise<{ taxonomy: Taxonomy; problems: FileProblem[] }> {
  const problems: FileProblem[] = [];
  const text = await readIfPresent(fs, path, problems);
  if (text === undefined) return { taxonomy: ACLED_TAXONOMY, problems };
  const parsed = parseTaxonomyYaml(text);
  return { taxonomy: parsed.taxonomy ?? ACLED_TAXONOMY, problems: [...problems, ...parsed.problems.map((p) => ({ ...p, file: path }))] };
}

/**
 * The gazetteer a workspace annotates with: built-in entities and places, plus the entities of the workspace
 * gazetteer `file` (undefined: none is read, as in restricted mode). Problems of the file are reported, then
 * `placeData` is asked for.
 */
export async function workspaceGazetteer(
  fs: FileSystem,
  file: string | undefined,
  placeData: () => Places | undefined | Promise<Places | undefined>,
  problem: (p: FileProblem) => void,
  learnedFile?: string,
): Promise<Gazetteer> {
  const { entities, problems } = file ? await loadWorkspaceEntities(fs, file) : { entities: [], problems: [] };
  for (const p of problems) problem(p);
  const gazetteer = defaultGazetteer(await placeData(), entities);
  if (learnedFile) {
    // the names people accepted elsewhere in the workspace (conflict-learned.yaml), as workspace entities
    const learned = await loadLearnedFile(fs, learnedFile);
    for (const p of learned.problems) problem(p);
    for (const e of learnedEntities(learned.model, gazetteer)) gazetteer.add(e, 'workspace');
  }
  return gazetteer;
}

/** The workspace taxonomy `file`, or ACLED when it is undefined, missing or broken (problems reported). */
export async function workspaceTaxonomy(fs: FileSystem, file: string | undefined, problem: (p: FileProblem) => void): Promise<Taxonomy> {
  if (!file) return ACLED_TAXONOMY;
  const { taxonomy, problems } = await loadTaxonomy(fs, file);
  for (const p of problems) problem(p);
  return taxonomy;
}

export { GAZETTEER_FILE };
