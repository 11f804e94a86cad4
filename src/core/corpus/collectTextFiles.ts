/**
 * Finds the article texts under the paths a person gives (files or folders), through the FileSystem port.
 * Symlinked folders met while walking are not followed (they can lead out of the corpus, and sidecars would be
 * written there); folders given explicitly are. An entry that cannot be read (a symlink loop, a folder without
 * permission, a FIFO) is reported and skipped: one bad entry never stops the others.
 */
import type { DirEntry, FileSystem } from '../ports';
import { NoSuchFileError } from './corpusErrors';

const SKIP_DIRS = new Set(['node_modules', '.git', '.vscode-test', 'dist', 'out']);

export interface CorpusFileOptions {
  /** File name endings that count as articles. */
  readonly extensions?: readonly string[];
  /** Stop after this many files (a guard against pointing at `/`). */
  readonly limit?: number;
}

/** Whether a walk of `root` would look at `path`: no dot file or folder, no skipped folder, on the way. */
export function isCollected(path: string, root: string): boolean {
  const base = root.replace(/[\\/]+$/, '');
  if (!path.startsWith(base) || !/^[\\/]/.test(path.slice(base.length))) return false;
  const parts = path.slice(base.length).split(/[\\/]+/).filter(Boolean);
  return parts.every((p, i) => !p.startsWith('.') && (i === parts.length - 1 || !SKIP_DIRS.has(p)));
}

/** An entry that was skipped while walking, for the front end to print. */
export interface WalkProblem {
  readonly path: string;
  readonly code: 'unreadable' | 'not-a-file';
  readonly message: string;
}

export interface FoundTextFiles {
  /** Article paths, sorted, without duplicates. */
  files: string[];
  problems: WalkProblem[];
}

/** A plain sentence for a file system error met while walking. */
function reason(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === 'ELOOP') return 'a symlink loop; skipped';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied; skipped';
  return `cannot be read (${code ?? (e as Error).message}); skipped`;
}

/** Article paths and the entries skipped on the way. A path given that does not exist is an error with its name. */
export async function findTextFiles(fs: FileSystem, paths: readonly string[], options: CorpusFileOptions = {}): Promise<FoundTextFiles> {
  const extensions = options.extensions ?? ['.txt'];
  const limit = options.limit ?? 200_000;
  const out = new Set<string>();
  const problems: WalkProblem[] = [];
  const visit = async (path: string, entry: DirEntry | undefined): Promise<void> => {
    if (out.size >= limit) return;
    const explicit = entry === undefined;
    // what the listing already tells needs no stat: a plain file that is not an article, or one that is and is
    // a regular file (a corpus folder lists two files per article)
    if (entry && !entry.isDirectory && !entry.isSymbolicLink) {
      if (!extensions.some((e) => path.endsWith(e))) return;
      if (entry.isFile) {
        out.add(path);
        return;
      }
    }
    let stat;
    try {
      stat = await fs.stat(path);
    } catch (e) {
      problems.push({ path, code: 'unreadable', message: reason(e) });
      return;
    }
    if (!stat) {
      if (explicit) throw new NoSuchFileError(path, 'no such file or folder');
      if (entry.isSymbolicLink && extensions.some((e) => path.endsWith(e))) problems.push({ path, code: 'unreadable', message: 'a broken symlink; skipped' });
      return;
    }
    if (!stat.isDirectory) {
      if (!explicit && !extensions.some((e) => path.endsWith(e))) return;
      // a FIFO or device named like an article: reading it would hang or never end (given explicitly, the read reports it)
      if (!explicit && !stat.isFile) problems.push({ path, code: 'not-a-file', message: 'not a regular file (a FIFO, socket or device); skipped' });
      else out.add(path);
      return;
    }
    if (entry?.isSymbolicLink) {
      problems.push({ path, code: 'unreadable', message: 'a symlinked folder; not followed (give it as a path to include it)' });
      return;
    }
    let entries: DirEntry[];
    try {
      entries = await fs.readDir(path);
    } catch (e) {
      problems.push({ path, code: 'unreadable', message: reason(e) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith('.') || (e.isDirectory && SKIP_DIRS.has(e.name))) continue;
      await visit(`${path.replace(/[\\/]+$/, '')}/${e.name}`, e);
    }
  };
  for (const p of paths) await visit(p, undefined);
  return { files: [...out].sort(), problems };
}

/** Article paths, sorted, without duplicates (what {@link findTextFiles} finds, without its problems). */
export async function collectTextFiles(fs: FileSystem, paths: readonly string[], options: CorpusFileOptions = {}): Promise<string[]> {
  return (await findTextFiles(fs, paths, options)).files;
}
