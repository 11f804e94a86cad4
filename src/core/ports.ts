/**
 * Side effects the core needs, injected by the host (CLI: node:fs; extension: vscode.workspace.fs).
 * Paths are absolute OS paths.
 */
export interface FileStat {
  readonly size: number;
  readonly mtimeMs: number;
  readonly isDirectory: boolean;
}

export interface DirEntry {
  readonly name: string;
  readonly isDirectory: boolean;
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
  readFile(path: string): Promise<Uint8Array>;
  /** Write via a temporary file in the same folder and rename, so readers never see half a file. */
  writeFileAtomic(path: string, data: Uint8Array): Promise<void>;
  /**
   * The same for a file too large to hold in memory: written piece by piece into a temporary file in the same
   * folder, renamed over `path` on close.
   */
  openAtomic(path: string): Promise<AtomicFile>;
  /** undefined when the path does not exist. */
  stat(path: string): Promise<FileStat | undefined>;
  readDir(path: string): Promise<DirEntry[]>;
  mkdirp(path: string): Promise<void>;
  remove(path: string): Promise<void>;
}
