/**
 * Loading and saving a text's sidecar through the FileSystem port. Saving never overwrites a sidecar that does
 * not parse, and merges with changes another writer (a teammate, git, a second window) made since loading.
 */
import type { Sidecar } from '../model';
import type { FileSystem } from '../ports';
import { decodeText } from '../text/decodeText';
import { mergeSidecars } from './mergeSidecars';
import { parseSidecar } from './parseSidecar';
import { renderSidecar } from './renderSidecar';
import { emptySidecar, sidecarPathFor, type Locate } from './sidecarFormat';
import type { Problem } from '../problem';

/** The sidecar file as it was on disk when read. */
export interface SidecarBase {
  yaml: string;
  bytes: Uint8Array;
  /** The parsed content, the common ancestor for a three-way merge. */
  sidecar?: Sidecar;
}

export interface LoadedSidecar {
  textPath: string;
  sidecarPath: string;
  text: string;
  sha256: string;
  bom: boolean;
  /** What is on disk; undefined when no sidecar existed. */
  base?: SidecarBase;
  /** Parsed sidecar, a fresh empty one when none existed, undefined when the file has errors. */
  sidecar?: Sidecar;
  problems: Problem[];
  locate: Locate;
}

export interface SaveResult {
  /** What was written (after merging). */
  sidecar: Sidecar;
  yaml: string;
  /** True when the file had changed on disk and a three-way merge was done. */
  merged: boolean;
  /** Items both sides changed differently; theirs (the file on disk) was kept. */
  conflicts: number;
  /** The state to pass to the next save. */
  loaded: LoadedSidecar;
}

/** The sidecar on disk cannot be parsed: saving would destroy a person's work. */
export class SidecarConflictError extends Error {
  constructor(
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
    this.name = 'SidecarConflictError';
  }
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class SidecarStore {
  constructor(private readonly fs: FileSystem) {}

  /** Reads the text and its sidecar. Throws TextDecodeError for binary or non-UTF-8 text. */
  async load(textPath: string): Promise<LoadedSidecar> {
    const decoded = decodeText(await this.fs.readFile(textPath));
    const sidecarPath = sidecarPathFor(textPath);
    const base = await this.readBase(sidecarPath);
    const common = { textPath, sidecarPath, text: decoded.text, sha256: decoded.sha256, bom: decoded.bom };
    if (!base) return { ...common, sidecar: emptySidecar(baseName(textPath), decoded.sha256), problems: [], locate: () => 0 };
    const parsed = parseSidecar(base.yaml);
    base.sidecar = parsed.sidecar;
    return { ...common, base, sidecar: parsed.sidecar, problems: parsed.problems, locate: parsed.locate };
  }

  private async readBase(sidecarPath: string): Promise<SidecarBase | undefined> {
    const stat = await this.fs.stat(sidecarPath);
    if (!stat) return undefined;
    const bytes = await this.fs.readFile(sidecarPath);
    return { yaml: new TextDecoder().decode(bytes), bytes };
  }

  /**
   * Writes `next`. If the file changed since `loaded` was read, merges by item id (base = as loaded, ours =
   * `next`, theirs = on disk now). Refuses (SidecarConflictError) when the file on disk does not parse.
   */
  async save(loaded: LoadedSidecar, next: Sidecar): Promise<SaveResult> {
    if (loaded.base && !loaded.base.sidecar) {
      throw new SidecarConflictError(`${loaded.sidecarPath} has errors; fix them before saving (it was not overwritten)`, loaded.problems);
    }
    const current = await this.readBase(loaded.sidecarPath);
    const changed = loaded.base ? !current || !sameBytes(current.bytes, loaded.base.bytes) : current !== undefined;
    let toWrite = next;
    let conflicts = 0;
    if (changed && current) {
      const theirs = parseSidecar(current.yaml);
      if (!theirs.sidecar) {
        throw new SidecarConflictError(`${loaded.sidecarPath} was changed by someone else and now has errors; it was not overwritten`, theirs.problems);
      }
      const ancestor = loaded.base?.sidecar ?? emptySidecar(next.document.text, next.document.sha256);
      const merged = mergeSidecars(ancestor, next, theirs.sidecar);
      toWrite = merged.sidecar;
      conflicts = merged.conflicts;
    }
    const yaml = renderSidecar(toWrite, current?.yaml ?? loaded.base?.yaml);
    const bytes = new TextEncoder().encode(yaml);
    await this.fs.writeFileAtomic(loaded.sidecarPath, bytes);
    // parsed again only when asked for: a corpus job saves once and moves on, the editor saves again later
    let after: LoadedSidecar | undefined;
    const reparse = (): LoadedSidecar => {
      const reparsed = parseSidecar(yaml);
      const base: SidecarBase = { yaml, bytes, sidecar: reparsed.sidecar };
      return { ...loaded, base, sidecar: reparsed.sidecar, problems: reparsed.problems, locate: reparsed.locate };
    };
    return {
      sidecar: toWrite,
      yaml,
      merged: changed && current !== undefined,
      conflicts,
      get loaded() {
        return (after ??= reparse());
      },
    };
  }
}
