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

export interface FileSystem {
  readFile(path: string): Promise<Uint8Array>;
  /** Write via a temporary file in the same folder and rename, so readers never see half a file. */
  writeFileAtomic(path: string, data: Uint8Array): Promise<void>;
  /** undefined when the path does not exist. */
  stat(path: string): Promise<FileStat | undefined>;
  readDir(path: string): Promise<DirEntry[]>;
  mkdirp(path: string): Promise<void>;
  remove(path: string): Promise<void>;
}
