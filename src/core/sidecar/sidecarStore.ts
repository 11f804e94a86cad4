/**
 * Loading and saving a text's sidecar through the FileSystem port. Saving never overwrites a sidecar that does
 * not parse, and merges with changes another writer (a teammate, git, a second window) made since loading.
 */
import type { Attribution, EventAnnotation, Mention, Rejection, Sidecar } from '../model';
import type { FileSystem } from '../ports';
import { decodeText } from '../text/decodeText';
import { emptySidecar, parseSidecar, renderSidecar, sidecarPathFor, type Locate, type Problem } from './sidecarFormat';

/** The sidecar file as it was on disk when read. */
export interface SidecarBase {
  yaml: string;
  bytes: Uint8Array;
  mtimeMs: number;
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

/** Key-order independent equality of plain data. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

interface Merged<T> {
  items: T[];
  conflicts: number;
}

/** Three-way merge of one list by id: each side's changes apply unless both changed the same item differently. */
function mergeById<T extends { id: string }>(base: T[], ours: T[], theirs: T[]): Merged<T> {
  const b = new Map(base.map((x) => [x.id, x]));
  const o = new Map(ours.map((x) => [x.id, x]));
  const t = new Map(theirs.map((x) => [x.id, x]));
  const ids = [...new Set([...theirs.map((x) => x.id), ...ours.map((x) => x.id), ...base.map((x) => x.id)])];
  const items: T[] = [];
  let conflicts = 0;
  for (const id of ids) {
    const bi = b.get(id);
    const oi = o.get(id);
    const ti = t.get(id);
    const oursChanged = !same(bi, oi);
    const theirsChanged = !same(bi, ti);
    let pick: T | undefined;
    if (!oursChanged) pick = ti;
    else if (!theirsChanged) pick = oi;
    else if (same(oi, ti)) pick = ti;
    else {
      pick = ti;
      conflicts++;
    }
    if (pick) items.push(pick);
  }
  return { items, conflicts };
}

function rejectionKey(r: Rejection): string {
  return `${r.kind}|${r.label ?? ''}|${r.start}|${r.end}|${r.text}`;
}

/** Union of both sides' rejections, minus those either side removed. */
function mergeRejected(base: Rejection[], ours: Rejection[], theirs: Rejection[]): Rejection[] {
  const o = new Set(ours.map(rejectionKey));
  const t = new Set(theirs.map(rejectionKey));
  const dropped = new Set(base.map(rejectionKey).filter((k) => !o.has(k) || !t.has(k)));
  const out = new Map<string, Rejection>();
  for (const r of [...theirs, ...ours]) if (!dropped.has(rejectionKey(r))) out.set(rejectionKey(r), r);
  return [...out.values()];
}

/**
 * Gives our newly added items ids that theirs does not use, when both sides added different items under the
 * same id (both took "the next id"), and rewrites our references accordingly.
 */
function renumberClashes(base: Sidecar, ours: Sidecar, theirs: Sidecar): Sidecar {
  const renames = new Map<string, string>();
  const used = new Set([...theirs.mentions, ...theirs.attributions, ...theirs.events, ...ours.mentions, ...ours.attributions, ...ours.events].map((x) => x.id));
  const fix = <T extends { id: string }>(prefix: string, b: T[], o: T[], t: T[]): T[] => {
    const inBase = new Set(b.map((x) => x.id));
    const theirsById = new Map(t.map((x) => [x.id, x]));
    let n = 0;
    for (const id of used) {
      const m = new RegExp(`^${prefix}(\\d+)$`).exec(id);
      if (m) n = Math.max(n, Number(m[1]));
    }
    return o.map((x) => {
      const clash = theirsById.get(x.id);
      if (inBase.has(x.id) || !clash || same(clash, x)) return x;
      const id = `${prefix}${++n}`;
      used.add(id);
      renames.set(x.id, id);
      return { ...x, id };
    });
  };
  const mentions = fix('m', base.mentions, ours.mentions, theirs.mentions);
  const attributions = fix('a', base.attributions, ours.attributions, theirs.attributions);
  const events = fix('e', base.events, ours.events, theirs.events).map((e) => {
    let out = e;
    for (const key of ['actor1', 'actor2', 'place', 'attribution'] as const) {
      const ref = out[key];
      if (ref !== undefined && renames.has(ref)) out = { ...out, [key]: renames.get(ref) };
    }
    return out;
  });
  return renames.size ? { ...ours, mentions, attributions, events } : ours;
}

export function mergeSidecars(base: Sidecar, ours: Sidecar, theirs: Sidecar): { sidecar: Sidecar; conflicts: number } {
  const o = renumberClashes(base, ours, theirs);
  const m = mergeById<Mention>(base.mentions, o.mentions, theirs.mentions);
  const a = mergeById<Attribution>(base.attributions, o.attributions, theirs.attributions);
  const e = mergeById<EventAnnotation>(base.events, o.events, theirs.events);
  const docChanged = !same(base.document, o.document);
  const theirDocChanged = !same(base.document, theirs.document);
  const document = docChanged && !theirDocChanged ? o.document : theirs.document;
  const docConflict = docChanged && theirDocChanged && !same(o.document, theirs.document) ? 1 : 0;
  return {
    sidecar: { version: 1, document, mentions: m.items, attributions: a.items, events: e.items, rejected: mergeRejected(base.rejected, o.rejected, theirs.rejected) },
    conflicts: m.conflicts + a.conflicts + e.conflicts + docConflict,
  };
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
    return { yaml: new TextDecoder().decode(bytes), bytes, mtimeMs: stat.mtimeMs };
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
    const stat = await this.fs.stat(loaded.sidecarPath);
    const reparsed = parseSidecar(yaml);
    const base: SidecarBase = { yaml, bytes, mtimeMs: stat?.mtimeMs ?? 0, sidecar: reparsed.sidecar };
    return {
      sidecar: toWrite,
      yaml,
      merged: changed && current !== undefined,
      conflicts,
      loaded: { ...loaded, base, sidecar: reparsed.sidecar, problems: reparsed.problems, locate: reparsed.locate },
    };
  }
}
