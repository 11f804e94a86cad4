/** An in-memory {@link FileSystem} for tests (the real node:fs adapter is src/node/nodeFileSystem.ts). */
import { FileTooLargeError, NotAFileError, ReadOnlyFileError, type AtomicFile, type DirEntry, type FileStat, type FileSystem, type ReadOptions, type Release, type WriteOptions } from '../../src/core/ports';

function norm(path: string): string {
  const p = path.replace(/\\/g, '/').replace(/\/+/g, '/');
  return p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
}

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

export class MemoryFileSystem implements FileSystem {
  readonly files = new Map<string, { data: Uint8Array; mtimeMs: number }>();
  readonly dirs = new Set<string>(['/']);
  /** Every write, in order (path), so tests can assert what was written. */
  readonly writes: string[] = [];
  private tick = 1;
  /** Held locks by path: the promise settles when the holder releases. */
  private readonly locks = new Map<string, Promise<void>>();
  /** FIFOs, devices, sockets: present, but not regular files (the kind names them in errors). */
  readonly specials = new Map<string, string>();
  /** Paths whose stat, readDir and readFile fail with this errno code (EACCES, ELOOP, EIO …). */
  readonly failures = new Map<string, string>();
  /** Files without write permission (chmod 444): writes to them are refused. */
  readonly readOnly = new Set<string>();
  /** Paths whose stat reports size 0 whatever they hold, as /proc files and devices do. */
  readonly statLies = new Set<string>();
  /** Awaited at the start of each operation; the fuzz test makes concurrent writers interleave through it. */
  delay?: () => Promise<void>;
  /** Called before each write; tests use it to inject failures or concurrent changes. */
  beforeWrite?: (path: string, data: Uint8Array) => void | Promise<void>;

  constructor(initial: Record<string, string | Uint8Array> = {}) {
    for (const [p, d] of Object.entries(initial)) this.put(p, d);
  }

  /** Synchronous write for test setup; also what a concurrent writer uses. */
  put(path: string, data: string | Uint8Array): void {
    const p = norm(path);
    for (let d = parentOf(p); !this.dirs.has(d); d = parentOf(d)) this.dirs.add(d);
    this.files.set(p, { data: typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(data), mtimeMs: this.tick++ });
  }

  /** A FIFO, device or socket at `path` (`kind` as an error would name it, e.g. 'FIFO'). */
  special(path: string, kind: string): void {
    const p = norm(path);
    for (let d = parentOf(p); !this.dirs.has(d); d = parentOf(d)) this.dirs.add(d);
    this.specials.set(p, kind);
  }

  text(path: string): string | undefined {
    const f = this.files.get(norm(path));
    return f && new TextDecoder().decode(f.data);
  }

  private fail(path: string): void {
    const code = this.failures.get(norm(path));
    if (code) throw Object.assign(new Error(`${code}: '${path}'`), { code });
  }

  async readFile(path: string, options: ReadOptions = {}): Promise<Uint8Array> {
    await this.delay?.();
    this.fail(path);
    const kind = this.specials.get(norm(path));
    if (kind) throw new NotAFileError(path, kind);
    const f = this.files.get(norm(path));
    if (!f) throw Object.assign(new Error(`ENOENT: no such file '${path}'`), { code: 'ENOENT' });
    if (options.maxBytes !== undefined && f.data.length > options.maxBytes) throw new FileTooLargeError(path, options.maxBytes);
    return new Uint8Array(f.data);
  }

  async writeFileAtomic(path: string, data: Uint8Array, options: WriteOptions = {}): Promise<boolean> {
    await this.delay?.();
    await this.beforeWrite?.(path, data);
    if (this.readOnly.has(norm(path))) throw new ReadOnlyFileError(path);
    if (!this.dirs.has(parentOf(norm(path)))) throw Object.assign(new Error(`ENOENT: no folder for '${path}'`), { code: 'ENOENT' });
    if (options.expect !== undefined) {
      const now = this.files.get(norm(path))?.data;
      const same = options.expect === null ? now === undefined : now !== undefined && now.length === options.expect.length && now.every((b, i) => b === options.expect![i]);
      if (!same) return false;
    }
    this.writes.push(norm(path));
    this.put(path, data);
    return true;
  }

  async lock(path: string): Promise<Release> {
    await this.delay?.();
    const p = norm(path);
    for (let held = this.locks.get(p); held; held = this.locks.get(p)) await held;
    let release!: () => void;
    this.locks.set(p, new Promise<void>((r) => (release = r)));
    return async () => {
      this.locks.delete(p);
      release();
    };
  }

  /** Pieces of files being written by openAtomic, by path; they appear in `files` on close. */
  readonly pending = new Map<string, Uint8Array[]>();

  async openAtomic(path: string): Promise<AtomicFile> {
    if (!this.dirs.has(parentOf(norm(path)))) throw Object.assign(new Error(`ENOENT: no folder for '${path}'`), { code: 'ENOENT' });
    const chunks: Uint8Array[] = [];
    this.pending.set(norm(path), chunks);
    return {
      write: async (data) => {
        chunks.push(new Uint8Array(data));
      },
      close: async () => {
        this.pending.delete(norm(path));
        const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
        let at = 0;
        for (const c of chunks) {
          all.set(c, at);
          at += c.length;
        }
        await this.writeFileAtomic(path, all);
      },
      abort: async () => {
        this.pending.delete(norm(path));
      },
    };
  }

  async stat(path: string): Promise<FileStat | undefined> {
    await this.delay?.();
    const p = norm(path);
    if (this.failures.get(p) === 'ELOOP') this.fail(p);
    const f = this.files.get(p);
    if (f) return { size: this.statLies.has(p) ? 0 : f.data.length, mtimeMs: f.mtimeMs, isDirectory: false, isFile: true };
    if (this.specials.has(p)) return { size: 0, mtimeMs: 0, isDirectory: false, isFile: false };
    if (this.dirs.has(p)) return { size: 0, mtimeMs: 0, isDirectory: true, isFile: false };
    return undefined;
  }

  async readDir(path: string): Promise<DirEntry[]> {
    const p = norm(path);
    this.fail(p);
    if (!this.dirs.has(p)) throw Object.assign(new Error(`ENOENT: no folder '${path}'`), { code: 'ENOENT' });
    const out: DirEntry[] = [];
    for (const d of this.dirs) if (d !== p && parentOf(d) === p) out.push({ name: d.slice(d.lastIndexOf('/') + 1), isDirectory: true });
    for (const f of [...this.files.keys(), ...this.specials.keys()]) if (parentOf(f) === p) out.push({ name: f.slice(f.lastIndexOf('/') + 1), isDirectory: false, isFile: this.files.has(f) && !this.failures.has(f) });
    return out.sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  async mkdirp(path: string): Promise<void> {
    for (let d = norm(path); !this.dirs.has(d); d = parentOf(d)) this.dirs.add(d);
  }

  async remove(path: string): Promise<void> {
    const p = norm(path);
    this.files.delete(p);
    this.specials.delete(p);
    for (const d of [...this.dirs]) if (d === p || d.startsWith(`${p}/`)) this.dirs.delete(d);
    for (const f of [...this.files.keys()]) if (f.startsWith(`${p}/`)) this.files.delete(f);
  }
}
