/**
 * Side effects the core needs, injected by the host (CLI: node:fs; extension: vscode.workspace.fs).
 * Paths are absolute OS paths.
 */
export interface FileStat {
  readonly size: number;
  readonly mtimeMs: number;
  readonly isDirectory: boolean;
  /** A regular file (links followed): not a folder, FIFO, socket or device. */
  readonly isFile: boolean;
}

export interface DirEntry {
  readonly name: string;
  /** False for a symlink, whatever it points to. */
  readonly isDirectory: boolean;
  readonly isSymbolicLink?: boolean;
  /** True for a regular file (not a link to one), when the listing says so; undefined: not known. */
  readonly isFile?: boolean;
}

export interface ReadOptions {
  /** Refuse (FileTooLargeError) a file longer than this, counted while reading: stat sizes are 0 for /proc files. */
  readonly maxBytes?: number;
}

export interface WriteOptions {
  /**
   * Compare-and-swap: replace the file only if it still holds exactly these bytes, checked right before the
   * rename; `null`: create it only if it does not exist, atomically (no writer, locked or not, can be replaced);
   * otherwise nothing is written and the write resolves false.
   */
  readonly expect?: Uint8Array | null;
}

/** Gives up a lock taken with {@link FileSystem.lock}. */
export type Release = () => Promise<void>;

/** The path is a FIFO, socket or device: reading it could block forever (a FIFO) or never end (/dev/zero). */
export class NotAFileError extends Error {
  constructor(
    readonly path: string,
    readonly kind: string,
  ) {
    super(`${path}: a ${kind}, not a regular file; not read`);
    this.name = 'NotAFileError';
  }
}

export class FileTooLargeError extends Error {
  constructor(
    readonly path: string,
    readonly maxBytes: number,
  ) {
    super(`${path}: larger than ${maxBytes / 1024 / 1024} MB; not read`);
    this.name = 'FileTooLargeError';
  }
}

/**
 * The file to replace has no write permission: someone froze it (a finished review, a gold set). Replacing by
 * rename would only need the folder's permission and silently undo that, so it is refused.
 */
export class ReadOnlyFileError extends Error {
  constructor(readonly path: string) {
    super(`${path}: read-only; not changed (make it writable to save annotations into it)`);
    this.name = 'ReadOnlyFileError';
  }
}

/** A file written in pieces (see {@link FileSystem.openAtomic}). */
export interface AtomicFile {
  write(data: Uint8Array): Promise<void>;
  /** Renames the finished file into place. */
  close(): Promise<void>;
  /** Removes the temporary file; nothing appears at the path. */
  abort(): Promise<void>;
}

export interface FileSystem {
  /** Reads a regular file whole; refuses anything else (NotAFileError) and files over `maxBytes`. */
  readFile(path: string, options?: ReadOptions): Promise<Uint8Array>;
  /**
   * Write via a temporary file in the same folder and rename, so readers never see half a file. A symlink is
   * written through (its target is replaced, the link stays); the replaced file's mode is kept; a read-only
   * file is refused (ReadOnlyFileError). Resolves false only when `expect` did not match.
   */
  writeFileAtomic(path: string, data: Uint8Array, options?: WriteOptions): Promise<boolean>;
  /**
   * An exclusive lock on `path` among all writers using this port (other processes included), held until the
   * release is called. Waits while someone else holds it; a holder that died is detected and its lock broken.
   */
  lock(path: string): Promise<Release>;
  /**
   * Like writeFileAtomic for a file too large to hold in memory: written piece by piece into a temporary file in
   * the same folder, renamed over `path` on close.
   */
  openAtomic(path: string): Promise<AtomicFile>;
  /** undefined when the path does not exist. */
  stat(path: string): Promise<FileStat | undefined>;
  readDir(path: string): Promise<DirEntry[]>;
  mkdirp(path: string): Promise<void>;
  remove(path: string): Promise<void>;
}

/**
 * What the team features need of git, run by the host (the CLI and the extension: the `git` program). Paths
 * are absolute OS paths; `cwd` is any folder inside the repository.
 */
export interface Git {
  /** The repository's top folder, or undefined when `cwd` is not inside a work tree (or git is missing). */
  topLevel(cwd: string): Promise<string | undefined>;
  /** `git config --get KEY`; undefined when unset. */
  configGet(cwd: string, key: string): Promise<string | undefined>;
  /** `git config KEY VALUE` in the repository's own config (.git/config). */
  configSet(cwd: string, key: string, value: string): Promise<void>;
  /** Paths (relative to the top folder, `/`-separated) of the files under `path` in the tree of `ref`. */
  listFiles(cwd: string, ref: string, path: string): Promise<string[]>;
  /** The bytes of `path` (relative to the top folder) in `ref`; undefined when it is not there. */
  readBlob(cwd: string, ref: string, path: string): Promise<Uint8Array | undefined>;
}
