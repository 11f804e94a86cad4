/**
 * A read-only FileSystem over one git ref: the work tree's paths as they are in that commit, read through the
 * Git port, so corpus jobs (agreement) run unchanged on `main` and `annotator-b` without checking either out.
 * Writing is refused.
 */
import { FileTooLargeError, type AtomicFile, type DirEntry, type FileStat, type FileSystem, type Git, type Release } from '../ports';
import { InputError } from './corpusErrors';

/** Refs are passed to git as arguments; one that starts with a dash would read as an option. */
export function checkRef(ref: string): string {
  if (!ref || ref.startsWith('-') || /[\s\0]/.test(ref)) throw new InputError(`"${ref}" is not a git ref`);
  return ref;
}

export class GitTreeFileSystem implements FileSystem {
  private readonly files = new Set<string>();
  private readonly dirs = new Map<string, Map<string, boolean>>();

  private constructor(
    private readonly git: Git,
    /** The top of the work tree, as an absolute path without a trailing separator. */
    readonly top: string,
    readonly ref: string,
    paths: readonly string[],
  ) {
    this.dirs.set('', new Map());
    for (const p of paths) {
      this.files.add(p);
      const parts = p.split('/');
      for (let i = 0; i < parts.length; i++) {
        const dir = parts.slice(0, i).join('/');
        let entries = this.dirs.get(dir);
        if (!entries) this.dirs.set(dir, (entries = new Map()));
        entries.set(parts[i], i < parts.length - 1);
      }
    }
  }

  /** The files of `ref` under `folder` (an absolute path inside the work tree whose top is `top`). */
  static async open(git: Git, top: string, ref: string, folder: string): Promise<GitTreeFileSystem> {
    const rel = new GitTreeFileSystem(git, top.replace(/[\\/]+$/, ''), checkRef(ref), []).relative(folder);
    if (rel === undefined) throw new InputError(`${folder} is not inside the git work tree ${top}`);
    const files = await git.listFiles(top, ref, rel).catch((e: unknown) => {
      throw new InputError(`cannot read ${ref} from git: ${(e as Error).message}`);
    });
    return new GitTreeFileSystem(git, top.replace(/[\\/]+$/, ''), ref, files);
  }

  /** `path` relative to the top, `/`-separated; undefined outside it. */
  relative(path: string): string | undefined {
    const p = path.split('\\').join('/').replace(/\/+$/, '');
    const top = this.top.split('\\').join('/');
    if (p === top) return '';
    return p.startsWith(`${top}/`) ? p.slice(top.length + 1) : undefined;
  }

  async readFile(path: string, options?: { maxBytes?: number }): Promise<Uint8Array> {
    const rel = this.relative(path);
    const bytes = rel !== undefined && this.files.has(rel) ? await this.git.readBlob(this.top, this.ref, rel) : undefined;
    if (!bytes) throw Object.assign(new Error(`${path}: not in ${this.ref}`), { code: 'ENOENT' });
    if (options?.maxBytes !== undefined && bytes.length > options.maxBytes) throw new FileTooLargeError(path, options.maxBytes);
    return bytes;
  }

  async stat(path: string): Promise<FileStat | undefined> {
    const rel = this.relative(path);
    if (rel === undefined) return undefined;
    if (this.files.has(rel)) return { size: 0, mtimeMs: 0, isDirectory: false, isFile: true };
    if (this.dirs.has(rel)) return { size: 0, mtimeMs: 0, isDirectory: true, isFile: false };
    return undefined;
  }

  async readDir(path: string): Promise<DirEntry[]> {
    const rel = this.relative(path);
    const dir = rel === undefined ? undefined : this.dirs.get(rel);
    if (!dir) throw Object.assign(new Error(`${path}: no such folder in ${this.ref}`), { code: 'ENOENT' });
    return [...dir].map(([name, isDirectory]) => ({ name, isDirectory }));
  }

  private refuse(): never {
    throw new Error(`the files of ${this.ref} are read from git and cannot be written`);
  }

  async writeFileAtomic(): Promise<boolean> {
    return this.refuse();
  }

  async lock(): Promise<Release> {
    return this.refuse();
  }

  async openAtomic(): Promise<AtomicFile> {
    return this.refuse();
  }

  async mkdirp(): Promise<void> {
    this.refuse();
  }

  async remove(): Promise<void> {
    this.refuse();
  }
}
