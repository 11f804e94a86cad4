/**
 * Loading and saving a text's sidecar through the FileSystem port. Saving never overwrites a sidecar that does
 * not parse, and merges with changes another writer (a teammate, git, a second window) made since loading.
 *
 * No save loses another's: read, merge and write happen under the port's lock on the sidecar (a lock file
 * `.NAME.ann.yaml.lock` beside it, so `annotate` and the editor take turns), and the write is a compare-and-swap
 * against the bytes the merge was made with. A writer that takes no lock (git, a text editor) and saves in
 * between makes the swap fail; the file is then read and merged again, a bounded number of times.
 */
import type { Sidecar } from '../model';
import type { FileSystem } from '../ports';
import { decodeText, firstInvalidUtf8 } from '../text/decodeText';
import { reanchor } from '../anchoring/reanchor';
import { mergeSidecars } from './mergeSidecars';
import { parseSidecar } from './parseSidecar';
import { renderSidecar } from './renderSidecar';
import { emptySidecar, sidecarPathFor, type Locate } from './sidecarFormat';
import type { Problem } from '../problem';

/** The sidecar file as it was on disk when read. */
export interface SidecarBase {
  /** The decoded text; '' when the bytes are not UTF-8 (then `notUtf8` says where). */
  yaml: string;
  bytes: Uint8Array;
  /** A problem when the bytes are not valid UTF-8: such a file is never parsed nor replaced. */
  notUtf8?: Problem;
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

/** Reading stops past these (counted while reading; a FIFO or device is refused by the port before that). */
export const MAX_TEXT_BYTES = 64 * 1024 * 1024;
export const MAX_SIDECAR_BYTES = 64 * 1024 * 1024;

/** Merge-and-swap rounds before giving up on a file that keeps changing under a writer that takes no lock. */
const MAX_SAVE_ATTEMPTS = 20;

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function notUtf8Problem(bytes: Uint8Array): Problem {
  const offset = firstInvalidUtf8(bytes);
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 10) line++;
  return {
    code: 'not-utf8',
    severity: 'error',
    line,
    message: `not valid UTF-8 (first bad byte at offset ${offset}); save it as UTF-8 (it was not changed)`,
  };
}

export class SidecarStore {
  constructor(private readonly fs: FileSystem) {}

  /**
   * Reads the text and its sidecar. Throws TextDecodeError for binary or non-UTF-8 text, NotAFileError for a
   * FIFO or device, FileTooLargeError past the caps.
   */
  async load(textPath: string): Promise<LoadedSidecar> {
    const decoded = decodeText(await this.fs.readFile(textPath, { maxBytes: MAX_TEXT_BYTES }));
    const sidecarPath = sidecarPathFor(textPath);
    const base = await this.readBase(sidecarPath);
    const common = { textPath, sidecarPath, text: decoded.text, sha256: decoded.sha256, bom: decoded.bom };
    if (!base) return { ...common, sidecar: emptySidecar(baseName(textPath), decoded.sha256), problems: [], locate: () => 0 };
    if (base.notUtf8) return { ...common, base, problems: [base.notUtf8], locate: () => 0 };
    const parsed = parseSidecar(base.yaml);
    base.sidecar = parsed.sidecar;
    return { ...common, base, sidecar: parsed.sidecar, problems: parsed.problems, locate: parsed.locate };
  }

  private async readBase(sidecarPath: string): Promise<SidecarBase | undefined> {
    const stat = await this.fs.stat(sidecarPath);
    if (!stat) return undefined;
    const bytes = await this.fs.readFile(sidecarPath, { maxBytes: MAX_SIDECAR_BYTES });
    try {
      // strict: a replacement character for each bad byte would destroy them on the next save
      return { yaml: new TextDecoder('utf-8', { fatal: true }).decode(bytes), bytes };
    } catch {
      return { yaml: '', bytes, notUtf8: notUtf8Problem(bytes) };
    }
  }

  /**
   * Writes `next`. If the file changed since `loaded` was read, merges by item id (base = as loaded, ours =
   * `next`, theirs = on disk now). Refuses (SidecarConflictError) when the file on disk does not parse.
   */
  async save(loaded: LoadedSidecar, next: Sidecar): Promise<SaveResult> {
    if (loaded.base && !loaded.base.sidecar) {
      throw new SidecarConflictError(`${loaded.sidecarPath} has errors; fix them before saving (it was not overwritten)`, loaded.problems);
    }
    const release = await this.fs.lock(loaded.sidecarPath);
    try {
      for (let attempt = 1; ; attempt++) {
        const result = await this.mergeAndWrite(loaded, next);
        if (result) return result;
        if (attempt >= MAX_SAVE_ATTEMPTS) {
          throw new SidecarConflictError(`${loaded.sidecarPath} kept changing while it was being saved (${attempt} tries); it was not overwritten`);
        }
      }
    } finally {
      await release();
    }
  }

  /**
   * Sides made against different versions of the text cannot be merged item by item: the merged file would pair
   * one side's old offsets with the other's new hash, and nothing would ever re-anchor them. Every side is
   * brought to the current text first (the file as it is now, else the one in `loaded`) when ours or theirs was
   * made against it; when neither was, the merged hash matches no text and the next load re-anchors it all.
   */
  private async alignToText(loaded: LoadedSidecar, base: Sidecar, ours: Sidecar, theirs: Sidecar): Promise<{ base: Sidecar; ours: Sidecar; theirs: Sidecar }> {
    const hashes = new Set([base.document.sha256, ours.document.sha256, theirs.document.sha256]);
    if (hashes.size === 1) return { base, ours, theirs };
    const madeFor = (t: { sha256: string }) => t.sha256 === ours.document.sha256 || t.sha256 === theirs.document.sha256;
    // the text as it is now wins over the one the caller read (an editor that loaded before the text changed)
    const now = await this.fs.readFile(loaded.textPath, { maxBytes: MAX_TEXT_BYTES }).then(decodeText, () => undefined);
    const text = now && madeFor(now) ? now : madeFor(loaded) ? loaded : undefined;
    if (!text) return { base, ours, theirs };
    const { text: current, sha256 } = text;
    const align = (s: Sidecar): Sidecar => {
      if (s.document.sha256 === sha256) return s;
      const r = reanchor(s, current).sidecar;
      return { ...r, document: { ...r.document, sha256 } };
    };
    return { base: align(base), ours: align(ours), theirs: align(theirs) };
  }

  /** One round: merge with what is on disk now and write if it is still that; undefined when it was not. */
  private async mergeAndWrite(loaded: LoadedSidecar, next: Sidecar): Promise<SaveResult | undefined> {
    const current = await this.readBase(loaded.sidecarPath);
    const changed = loaded.base ? !current || !sameBytes(current.bytes, loaded.base.bytes) : current !== undefined;
    let toWrite = next;
    let conflicts = 0;
    if (changed && current) {
      if (current.notUtf8) {
        throw new SidecarConflictError(`${loaded.sidecarPath} was changed by someone else and is no longer UTF-8; it was not overwritten`, [current.notUtf8]);
      }
      const theirs = parseSidecar(current.yaml);
      if (!theirs.sidecar) {
        throw new SidecarConflictError(`${loaded.sidecarPath} was changed by someone else and now has errors; it was not overwritten`, theirs.problems);
      }
      const sides = await this.alignToText(loaded, loaded.base?.sidecar ?? emptySidecar(next.document.text, next.document.sha256), next, theirs.sidecar);
      const merged = mergeSidecars(sides.base, sides.ours, sides.theirs);
      toWrite = merged.sidecar;
      conflicts = merged.conflicts;
    }
    const yaml = renderSidecar(toWrite, current?.yaml ?? loaded.base?.yaml);
    const bytes = new TextEncoder().encode(yaml);
    if (!(await this.fs.writeFileAtomic(loaded.sidecarPath, bytes, { expect: current ? current.bytes : null }))) return undefined;
    // the fast canonical reader makes this cheap; what is on disk, not `toWrite`, is the next merge ancestor
    const reparsed = parseSidecar(yaml);
    const base: SidecarBase = { yaml, bytes, sidecar: reparsed.sidecar };
    return {
      sidecar: toWrite,
      yaml,
      merged: changed && current !== undefined,
      conflicts,
      loaded: { ...loaded, base, sidecar: reparsed.sidecar, problems: reparsed.problems, locate: reparsed.locate },
    };
  }
}
