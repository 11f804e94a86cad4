/**
 * git's merge driver for sidecars (`conflict-annotator merge-driver %O %A %B %P`, configured by setupGit): git
 * hands three temporary files (ancestor, ours, theirs) and the path; the merged sidecar replaces the ours file,
 * items merged by id, true conflicts recorded in its `conflicts:` list, never text markers. As git expects,
 * the result says whether the merge was clean; with conflicts git stops the merge so a person settles them
 * (editor quick fixes, or `conflict-annotator settle`) and then adds the file.
 */
import type { FileSystem } from '../ports';
import type { Problem } from '../problem';
import { decodeText } from '../text/decodeText';
import { mergeVersions } from '../sidecar/mergeVersions';
import { MAX_SIDECAR_BYTES, MAX_TEXT_BYTES } from '../sidecar/sidecarStore';
import { joinPath } from './corpusPaths';

export interface MergeDriverOptions {
  /** %O: the common ancestor (an empty file when both sides added the sidecar). */
  readonly base: string;
  /** %A: ours; the result is written here. */
  readonly ours: string;
  /** %B: theirs. */
  readonly theirs: string;
  /** %P: where the result goes in the work tree, relative to `root` (finds the article beside it). */
  readonly path?: string;
  /** The folder git runs the driver in: the top of the work tree. */
  readonly root: string;
}

export type MergeDriverResult =
  | { readonly merged: true; readonly conflicts: number; readonly open: number }
  | { readonly merged: false; readonly side: 'ours' | 'theirs'; readonly problems: Problem[] };

const decoder = new TextDecoder('utf-8', { fatal: true });

async function readText(fs: FileSystem, path: string): Promise<string> {
  if (!(await fs.stat(path))) return '';
  return decoder.decode(await fs.readFile(path, { maxBytes: MAX_SIDECAR_BYTES }));
}

/** The article the sidecar at `path` belongs to, as it is in the work tree now (any one of the texts' names). */
async function articleOf(fs: FileSystem, root: string, path: string | undefined): Promise<{ text: string; sha256: string } | undefined> {
  if (!path || !path.endsWith('.ann.yaml')) return undefined;
  const textPath = joinPath(root, `${path.slice(0, -'.ann.yaml'.length)}.txt`);
  try {
    if (!(await fs.stat(textPath))?.isFile) return undefined;
    return decodeText(await fs.readFile(textPath, { maxBytes: MAX_TEXT_BYTES }));
  } catch {
    return undefined; // not UTF-8, unreadable: the versions are merged as they are
  }
}

export async function mergeDriver(fs: FileSystem, options: MergeDriverOptions): Promise<MergeDriverResult> {
  const [base, ours, theirs] = await Promise.all([readText(fs, options.base), readText(fs, options.ours), readText(fs, options.theirs)]);
  const r = mergeVersions({ base, ours, theirs, text: await articleOf(fs, options.root, options.path) });
  if (!r.ok) return { merged: false, side: r.side, problems: r.problems };
  await fs.writeFileAtomic(options.ours, new TextEncoder().encode(r.yaml));
  return { merged: true, conflicts: r.conflicts, open: r.sidecar.conflicts?.length ?? 0 };
}
