/**
 * Recovery for sidecars git merged as text (no merge driver yet): each file with `<<<<<<<` markers is split
 * into the two versions it holds, which are merged by item like the merge driver does; true conflicts go to
 * the `conflicts:` list. The ancestor is the markers' own (diff3 style), else git's stage 1 of the file when
 * git is at hand, else what both versions hold alike. A file whose versions do not parse is left untouched.
 */
import type { FileSystem, Git } from '../ports';
import type { FileProblem } from '../problem';
import { decodeText } from '../text/decodeText';
import { splitConflictMarkers } from '../sidecar/conflictMarkers';
import { mergeVersions } from '../sidecar/mergeVersions';
import { MAX_SIDECAR_BYTES, MAX_TEXT_BYTES } from '../sidecar/sidecarStore';
import { sidecarPathFor } from '../sidecar/sidecarFormat';
import { collectTextFiles } from './collectTextFiles';
import { NoSuchFileError } from './corpusErrors';
import { requirePaths } from './corpusJob';
import { folderOf } from './corpusPaths';

const SIDECAR = '.ann.yaml';

export interface ResolveReporter {
  /** A file was merged and written. */
  resolved(r: { file: string; hunks: number; conflicts: number; withBase: boolean }): void;
  /** A file could not be merged (it was not changed), or a path had no sidecar with markers. */
  problem(p: FileProblem): void;
}

export interface ResolveResult {
  readonly resolved: number;
  readonly failed: number;
  /** Sidecars looked at that had no markers. */
  readonly clean: number;
}

/** Sidecars under the paths: sidecar files as given, an article's sidecar, and every sidecar in a folder. */
async function sidecarsUnder(fs: FileSystem, paths: readonly string[]): Promise<string[]> {
  const out = new Set<string>();
  for (const p of paths) {
    const stat = await fs.stat(p);
    if (!stat) throw new NoSuchFileError(p);
    if (stat.isDirectory) for (const f of await collectTextFiles(fs, [p], { extensions: [SIDECAR] })) out.add(f);
    else out.add(p.endsWith(SIDECAR) ? p : sidecarPathFor(p));
  }
  return [...out].sort();
}

/** Stage 1 (the common ancestor) of a file git could not merge, when git has it. */
async function stageOne(git: Git | undefined, file: string): Promise<string | undefined> {
  if (!git) return undefined;
  const top = await git.topLevel(folderOf(file));
  if (!top) return undefined;
  const rel = file.slice(top.length).replace(/^[\\/]+/, '').split('\\').join('/');
  const bytes = await git.readBlob(top, ':1', rel).catch(() => undefined);
  return bytes ? new TextDecoder().decode(bytes) : undefined;
}

export async function resolveMarkers(fs: FileSystem, git: Git | undefined, paths: readonly string[], reporter: ResolveReporter): Promise<ResolveResult> {
  requirePaths(paths);
  let resolved = 0;
  let failed = 0;
  let clean = 0;
  const problem = (file: string, line: number, message: string) => {
    failed++;
    reporter.problem({ code: 'conflict-markers', severity: 'error', file, line, message });
  };
  for (const file of await sidecarsUnder(fs, paths)) {
    if (!(await fs.stat(file))) {
      problem(file, 0, 'no such sidecar');
      continue;
    }
    const bytes = await fs.readFile(file, { maxBytes: MAX_SIDECAR_BYTES });
    const yaml = new TextDecoder().decode(bytes);
    const split = splitConflictMarkers(yaml);
    if (!split) {
      if (yaml.includes('<<<<<<<')) problem(file, 0, 'a conflict hunk is not closed (`<<<<<<<` without `=======` and `>>>>>>>`); fix the markers by hand');
      else clean++;
      continue;
    }
    const textPath = `${file.slice(0, -SIDECAR.length)}.txt`;
    const text = await fs.readFile(textPath, { maxBytes: MAX_TEXT_BYTES }).then(decodeText, () => undefined);
    const base = split.base ?? (await stageOne(git, file));
    const r = mergeVersions({ ours: split.ours, theirs: split.theirs, base, text });
    if (!r.ok) {
      const first = r.problems.find((p) => p.severity === 'error') ?? r.problems[0];
      problem(file, split.line, `the ${r.side === 'ours' ? 'first (ours, before =======)' : 'second (theirs, after =======)'} version does not parse (${first ? `its line ${first.line}: ${first.message}` : 'errors'}); not changed`);
      continue;
    }
    // compare-and-swap: someone fixing the file by hand meanwhile keeps their version
    if (!(await fs.writeFileAtomic(file, new TextEncoder().encode(r.yaml), { expect: bytes }))) {
      problem(file, 0, 'changed while it was being resolved; not changed, run resolve again');
      continue;
    }
    resolved++;
    reporter.resolved({ file, hunks: split.hunks, conflicts: r.sidecar.conflicts?.length ?? 0, withBase: r.withBase });
  }
  return { resolved, failed, clean };
}
