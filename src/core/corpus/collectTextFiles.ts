/** Finds the article texts under the paths a person gives (files or folders), through the FileSystem port. */
import type { FileSystem } from '../ports';
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

/** Article paths, sorted, without duplicates. A path that does not exist is an error with its name. */
export async function collectTextFiles(fs: FileSystem, paths: readonly string[], options: CorpusFileOptions = {}): Promise<string[]> {
  const extensions = options.extensions ?? ['.txt'];
  const limit = options.limit ?? 200_000;
  const out = new Set<string>();
  const visit = async (path: string, explicit: boolean): Promise<void> => {
    if (out.size >= limit) return;
    const stat = await fs.stat(path);
    if (!stat) {
      if (explicit) throw new NoSuchFileError(path, 'no such file or folder');
      return;
    }
    if (!stat.isDirectory) {
      if (explicit || extensions.some((e) => path.endsWith(e))) out.add(path);
      return;
    }
    const entries = await fs.readDir(path);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith('.') || (e.isDirectory && SKIP_DIRS.has(e.name))) continue;
      await visit(`${path.replace(/[\\/]+$/, '')}/${e.name}`, false);
    }
  };
  for (const p of paths) await visit(p, true);
  return [...out].sort();
}
