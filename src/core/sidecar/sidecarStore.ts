/**
 * Loading and saving a text's sidecar through the FileSystem port. Saving never overwrites a sidecar that does
 * not parse, and merges with changes another writer (a teammate, git, a second window) made since loading.
 *
 * No save loses another's: read, merge and write happen under the port's lock on the sidecar (a lock file
 * `.NAME.ann.yaml.lock` beside it, so `annotate` and the editor take turns), and the write is a compare-and-swap
 * against the bytes the merge was made with. A writer that takes no lock (git, a text editor) and saves in
 * between makes the swap fail; the file is then read and merged again, a bounded number of times. A sidecar
 * that does not exist yet needs no lock to be created: the port's create-if-absent cannot replace anything;
 * if someone made the file meanwhile, the save takes the lock and merges with it.
 */
import type { Attribution, EventAnnotation, Sidecar, Span } from '../model';
import { TextIndex } from '../text/textIndex';
import type { FileSystem } from '../ports';
import { decodeText, firstInvalidUtf8 } from '../text/decodeText';
import { reanchor } from '../anchoring/reanchor';
import { mergeSidecars } from './mergeSidecars';
import { parseSidecar } from './parseSidecar';
import { renderSidecar } from './renderSidecar';
import { DEFAULT_RULE_ORIGIN, emptySidecar, sidecarPathFor, type Locate } from './sidecarFormat';
import { impliedNotes, isRuleSuggestion } from './impliedValues';
import { SEAL_PLACEHOLDER, sealYaml } from './sealSidecar';
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
  /**
   * What to hold in memory after the save when the in-memory sidecar changed while it ran (`now`, a person
   * accepting the next item): those changes applied to what was written. Taking `sidecar` as it is would
   * silently undo them.
   */
  rebase(now: Sidecar): Sidecar;
}

/** The bytes of a text and of its sidecar, read and not yet decoded or parsed. */
export interface RawArticle {
  textPath: string;
  sidecarPath: string;
  textBytes: Uint8Array;
  /** undefined when there is no sidecar. */
  sidecarBytes?: Uint8Array;
}

export interface SaveOptions {
  /**
   * Seal the file for these detector inputs (see sealSidecar.ts): set when what is saved is all annotate would
   * make of this text. A save that merges with another writer's change is not sealed.
   */
  readonly seal?: string;
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

/**
 * The quotes a file leaves out (a suggested attribution's or event's, see quotesKept) filled in from the text,
 * and a rule suggestion's notes (impliedValues), when it is the text the sidecar was made for; otherwise they
 * stay '' (notes absent) and the suggestion, which cannot be placed again, is dropped when the sidecar is brought
 * to the new text (and detected again).
 */
export function withQuotes(sidecar: Sidecar, text: string, sha256: string): Sidecar {
  const missing = (s: Span | undefined): boolean => s !== undefined && s.text === '' && s.end > s.start;
  const attributionMissing = (a: Attribution) => missing(a.cue) || missing(a.source) || missing(a.content);
  const notesMissing = (e: EventAnnotation) => e.notes === undefined && sidecar.version !== 1 && isRuleSuggestion(e, DEFAULT_RULE_ORIGIN);
  const eventMissing = (e: EventAnnotation) => missing(e) || (e.spans?.some(missing) ?? false) || notesMissing(e);
  if (sidecar.document.sha256 !== sha256 || !(sidecar.attributions.some(attributionMissing) || sidecar.events.some(eventMissing))) return sidecar;
  const idx = new TextIndex(text);
  const filled = <T extends Span>(s: T): T => (missing(s) && s.end <= idx.length ? { ...s, text: idx.slice(s.start, s.end) } : s);
  const attributions = sidecar.attributions.map((a) => {
    if (!attributionMissing(a)) return a;
    const out: Attribution = { ...a, cue: filled(a.cue) };
    if (a.source) out.source = filled(a.source);
    if (a.content) out.content = filled(a.content);
    return out;
  });
  let notesOf: ((e: EventAnnotation) => string) | undefined;
  const events = sidecar.events.map((e) => {
    if (!eventMissing(e)) return e;
    const out: EventAnnotation = { ...filled(e), ...(e.spans ? { spans: e.spans.map(filled) } : {}) };
    if (notesMissing(e) && e.end <= idx.length) out.notes = (notesOf ??= impliedNotes(text, idx))(e);
    return out;
  });
  return { ...sidecar, attributions, events };
}

function decodeBase(bytes: Uint8Array): SidecarBase {
  try {
    // strict: a replacement character for each bad byte would destroy them on the next save
    return { yaml: new TextDecoder('utf-8', { fatal: true }).decode(bytes), bytes };
  } catch {
    return { yaml: '', bytes, notUtf8: notUtf8Problem(bytes) };
  }
}

export class SidecarStore {
  constructor(private readonly fs: FileSystem) {}

  /**
   * Reads the text and its sidecar. Throws TextDecodeError for binary or non-UTF-8 text, NotAFileError for a
   * FIFO or device, FileTooLargeError past the caps.
   */
  async load(textPath: string, raw?: RawArticle): Promise<LoadedSidecar> {
    const sidecarPath = sidecarPathFor(textPath);
    // both files at once: an editor opening an article waits for the slower of the two reads, not their sum
    const [textBytes, base] = raw
      ? [raw.textBytes, raw.sidecarBytes ? decodeBase(raw.sidecarBytes) : undefined]
      : await Promise.all([this.fs.readFile(textPath, { maxBytes: MAX_TEXT_BYTES }), this.readBase(sidecarPath)]);
    const decoded = decodeText(textBytes);
    const common = { textPath, sidecarPath, text: decoded.text, sha256: decoded.sha256, bom: decoded.bom };
    if (!base) return { ...common, sidecar: emptySidecar(baseName(textPath), decoded.sha256), problems: [], locate: () => 0 };
    if (base.notUtf8) return { ...common, base, problems: [base.notUtf8], locate: () => 0 };
    const parsed = parseSidecar(base.yaml);
    const sidecar = parsed.sidecar && withQuotes(parsed.sidecar, decoded.text, decoded.sha256);
    base.sidecar = sidecar;
    return { ...common, base, sidecar, problems: parsed.problems, locate: parsed.locate };
  }

  /** The bytes {@link load} would read (the same errors), for a look before anything is parsed; `load(path, raw)` goes on. */
  async readRaw(textPath: string): Promise<RawArticle> {
    const sidecarPath = sidecarPathFor(textPath);
    const textBytes = await this.fs.readFile(textPath, { maxBytes: MAX_TEXT_BYTES });
    const sidecarBytes = await this.readSidecarBytes(sidecarPath);
    return { textPath, sidecarPath, textBytes, ...(sidecarBytes ? { sidecarBytes } : {}) };
  }

  private async readSidecarBytes(sidecarPath: string): Promise<Uint8Array | undefined> {
    try {
      return await this.fs.readFile(sidecarPath, { maxBytes: MAX_SIDECAR_BYTES });
    } catch (e) {
      // most articles of a corpus being annotated have a sidecar: a read that fails is cheaper than a stat first
      if ((e as { code?: string }).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  private async readBase(sidecarPath: string): Promise<SidecarBase | undefined> {
    const bytes = await this.readSidecarBytes(sidecarPath);
    return bytes ? decodeBase(bytes) : undefined;
  }

  /**
   * Writes `next`. If the file changed since `loaded` was read, merges by item id (base = as loaded, ours =
   * `next`, theirs = on disk now). Refuses (SidecarConflictError) when the file on disk does not parse.
   */
  async save(loaded: LoadedSidecar, next: Sidecar, options: SaveOptions = {}): Promise<SaveResult> {
    if (loaded.base && !loaded.base.sidecar) {
      throw new SidecarConflictError(`${loaded.sidecarPath} has errors; fix them before saving (it was not overwritten)`, loaded.problems);
    }
    // a sidecar that did not exist is first tried without the lock: written only if it still does not exist, by
    // the port's atomic create-if-absent, which no other writer can race; once anything is there, the merge
    // with it is made under the lock
    let release = loaded.base ? await this.fs.lock(loaded.sidecarPath) : undefined;
    try {
      for (let attempt = 1; ; attempt++) {
        const result = await this.mergeAndWrite(loaded, next, options, release === undefined);
        if (result) return result;
        if (attempt >= MAX_SAVE_ATTEMPTS) {
          throw new SidecarConflictError(`${loaded.sidecarPath} kept changing while it was being saved (${attempt} tries); it was not overwritten`);
        }
        release ??= await this.fs.lock(loaded.sidecarPath);
      }
    } finally {
      await release?.();
    }
  }

  /**
   * Sides made against different versions of the text cannot be merged item by item: the merged file would pair
   * one side's old offsets with the other's new hash, and nothing would ever re-anchor them. Every side is
   * brought to the text as it is now first (when it cannot be read, the sides are merged as they are).
   */
  private async alignToText(
    loaded: LoadedSidecar,
    base: Sidecar,
    ours: Sidecar,
    theirs: Sidecar,
  ): Promise<{ base: Sidecar; ours: Sidecar; theirs: Sidecar; align: (s: Sidecar) => Sidecar; text?: { text: string; sha256: string } }> {
    const same = { base, ours, theirs, align: (s: Sidecar) => s };
    const hashes = new Set([base.document.sha256, ours.document.sha256, theirs.document.sha256]);
    // all made on the caller's text: nothing to do (theirs had its quotes filled in from that text)
    if (hashes.size === 1 && hashes.has(loaded.sha256)) return same;
    // the text as it is now, not the one the caller read (an editor that loaded before the text changed); each
    // side is re-anchored from the text it was made on, which a later load could no longer do for a mixed file
    const text = await this.fs.readFile(loaded.textPath, { maxBytes: MAX_TEXT_BYTES }).then(decodeText, () => undefined);
    if (!text) return same;
    const { text: current, sha256 } = text;
    const align = (side: Sidecar): Sidecar => {
      // a side made on the text as it is now gets the quotes its file leaves out (the caller read an older text)
      const s = withQuotes(side, current, sha256);
      if (s.document.sha256 === sha256) return s;
      const r = reanchor(s, current).sidecar;
      return { ...r, document: { ...r.document, sha256 } };
    };
    return { base: align(base), ours: align(ours), theirs: align(theirs), align, text: { text: current, sha256 } };
  }

  /**
   * One round: merge with what is on disk now and write if it is still that; undefined when it was not, or,
   * `onlyCreate`, when there is a file now (nothing merged: that is done under the lock).
   */
  private async mergeAndWrite(loaded: LoadedSidecar, next: Sidecar, options: SaveOptions, onlyCreate: boolean): Promise<SaveResult | undefined> {
    const current = await this.readBase(loaded.sidecarPath);
    if (onlyCreate && current) return undefined;
    const changed = loaded.base ? !current || !sameBytes(current.bytes, loaded.base.bytes) : current !== undefined;
    let toWrite = next;
    let conflicts = 0;
    let align = (s: Sidecar) => s;
    // the text what is written was made for: the caller's, or the one on disk when the sides were brought to it
    let madeFor = { text: loaded.text, sha256: loaded.sha256 };
    if (changed && current) {
      if (current.notUtf8) {
        throw new SidecarConflictError(`${loaded.sidecarPath} was changed by someone else and is no longer UTF-8; it was not overwritten`, [current.notUtf8]);
      }
      const theirs = parseSidecar(current.yaml);
      if (!theirs.sidecar) {
        throw new SidecarConflictError(`${loaded.sidecarPath} was changed by someone else and now has errors; it was not overwritten`, theirs.problems);
      }
      const sides = await this.alignToText(loaded, loaded.base?.sidecar ?? emptySidecar(next.document.text, next.document.sha256), next, withQuotes(theirs.sidecar, loaded.text, loaded.sha256));
      const merged = mergeSidecars(sides.base, sides.ours, sides.theirs);
      align = sides.align;
      if (sides.text) madeFor = sides.text;
      toWrite = merged.sidecar;
      conflicts = merged.conflicts;
    }
    // sealed only when what is written is what annotate made: a merge takes in someone else's change
    const sealing = options.seal !== undefined && !(changed && current) && toWrite.document.sha256 === loaded.sha256;
    if (sealing) toWrite = { ...toWrite, document: { ...toWrite.document, fingerprint: SEAL_PLACEHOLDER } };
    else if (options.seal !== undefined && toWrite.document.fingerprint !== undefined) {
      const { fingerprint: _stale, ...document } = toWrite.document;
      toWrite = { ...toWrite, document };
    }
    // the text, so that the notes it implies are left out (only the text this sidecar is made for)
    const forText = toWrite.document.sha256 === madeFor.sha256 ? madeFor.text : undefined;
    let yaml = renderSidecar(toWrite, current?.yaml ?? loaded.base?.yaml, forText);
    let encoded: Uint8Array | undefined;
    if (sealing) {
      const sealed = sealYaml(yaml, options.seal!, loaded.sha256);
      const { fingerprint: _placeholder, ...document } = toWrite.document;
      toWrite = { ...toWrite, document: sealed ? { ...document, fingerprint: sealed.fingerprint } : document };
      // a layout kept from a person's edits may not have the line the seal goes in: written unsealed then
      yaml = sealed ? sealed.yaml : renderSidecar(toWrite, current?.yaml ?? loaded.base?.yaml, forText);
      encoded = sealed?.bytes;
    }
    const bytes = encoded ?? new TextEncoder().encode(yaml);
    // the same bytes again (a reseal that changed nothing): the file is left as it is
    const same = current !== undefined && sameBytes(current.bytes, bytes);
    if (!same && !(await this.fs.writeFileAtomic(loaded.sidecarPath, bytes, { expect: current ? current.bytes : null }))) return undefined;
    // parsed again only when asked for (a corpus job saves once and moves on, the editor saves again later);
    // what is on disk, not `toWrite`, is the next merge ancestor
    let after: LoadedSidecar | undefined;
    const reparse = (): LoadedSidecar => {
      const reparsed = parseSidecar(yaml);
      const sidecar = reparsed.sidecar && withQuotes(reparsed.sidecar, madeFor.text, madeFor.sha256);
      const base: SidecarBase = { yaml, bytes, sidecar };
      return { ...loaded, base, sidecar, problems: reparsed.problems, locate: reparsed.locate };
    };
    const written = toWrite;
    return {
      sidecar: written,
      yaml,
      merged: changed && current !== undefined,
      conflicts,
      get loaded() {
        return (after ??= reparse());
      },
      rebase: (now) => (now === next ? written : mergeSidecars(align(next), align(now), written).sidecar),
    };
  }
}
