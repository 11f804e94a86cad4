/**
 * The FileSystem port on node:fs, with atomic writes (temporary file in the same folder, then rename) and bounded
 * reads: only regular files are read (opened non-blocking, so a FIFO cannot hang the open), and reading stops
 * once past the cap instead of trusting stat's size (0 for /dev/zero, FIFOs and /proc files).
 *
 * Locks are lock files beside the file, `.NAME.lock`, created with O_EXCL and holding pid, host, time and a
 * token. A waiter breaks a lock whose holder is dead (same host, no such pid) or that is older than ten minutes
 * (another host, or a holder that hung); a lock file still empty after ten seconds (its creator was killed
 * before writing it) is broken too. Breaking renames the lock aside and checks it took the lock it judged, so
 * two waiters cannot both break one lock and then each other's.
 *
 * A file that must not exist yet (`expect: null`) is created by hard-linking the finished temporary file to its
 * name: link() fails if anything is there, so the create cannot replace a file another writer just made, lock
 * or no lock (the sidecar store creates sidecars that way without a lock file).
 */
import { closeSync, constants, fchmodSync, fstatSync, fsync, linkSync, lstatSync, openSync, promises as fs, readdirSync, readFileSync, readlinkSync, readSync, renameSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { FileTooLargeError, NotAFileError, ReadOnlyFileError, type AtomicFile, type DirEntry, type FileStat, type FileSystem, type ReadOptions, type Release, type WriteOptions } from '../core/ports';

/** The cap when a caller names none: far above any article or sidecar, far below what exhausts memory. */
const DEFAULT_MAX_READ = 256 * 1024 * 1024;
const READ_CHUNK = 1024 * 1024;

function kindOf(s: Stats): string {
  if (s.isDirectory()) return 'folder';
  if (s.isFIFO()) return 'FIFO';
  if (s.isSocket()) return 'socket';
  if (s.isCharacterDevice()) return 'character device';
  if (s.isBlockDevice()) return 'block device';
  return 'special file';
}

/** The file a chain of symlinks ends at (the path itself when it is none), existing or not. */
async function throughLinks(path: string): Promise<string> {
  let p = path;
  for (let hops = 0; hops < 40; hops++) {
    let s: Stats;
    try {
      s = await fs.lstat(p);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return p;
      throw e;
    }
    if (!s.isSymbolicLink()) return p;
    p = resolve(dirname(p), await fs.readlink(p));
  }
  throw Object.assign(new Error(`${path}: too many levels of symbolic links`), { code: 'ELOOP' });
}

async function statIfExists(path: string): Promise<Stats | undefined> {
  try {
    return await fs.stat(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** A temporary file older than this is a leftover of a killed write (a write takes milliseconds). */
const STALE_TEMP_MS = 60_000;
const TEMP_NAME = /^\.(.+)\.[0-9a-f]{12}\.tmp$/;

/** Per folder: when it was last listed and the temp files seen then, by the file they were to replace. */
const tempListings = new Map<string, { at: number; byTarget: Map<string, string[]> }>();

/**
 * Removes leftovers of killed writes of `target` (`.NAME.<hex>.tmp` older than a minute). A folder is listed
 * at most once a minute, so writing every file of a large folder stays linear.
 */
async function removeStaleTemps(target: string): Promise<void> {
  const dir = dirname(target);
  const now = Date.now();
  let listing = tempListings.get(dir);
  if (!listing || now - listing.at > STALE_TEMP_MS) {
    listing = { at: now, byTarget: new Map() };
    for (const name of await fs.readdir(dir)) {
      const m = TEMP_NAME.exec(name);
      if (!m) continue;
      const list = listing.byTarget.get(m[1]);
      if (list) list.push(name);
      else listing.byTarget.set(m[1], [name]);
    }
    tempListings.set(dir, listing);
  }
  const names = listing.byTarget.get(basename(target));
  if (!names) return;
  listing.byTarget.delete(basename(target));
  for (const name of names) {
    const p = join(dir, name);
    const s = await fs.lstat(p).catch(() => undefined);
    if (s?.isFile() && now - s.mtimeMs > STALE_TEMP_MS) await fs.rm(p, { force: true });
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

/**
 * Whether the file holds exactly `expect` (null: does not exist). Synchronous on purpose, like the rename that
 * follows it: no other work can run between the check and the rename, which leaves a writer that takes no lock
 * the shortest window there is (rename cannot be made conditional).
 */
function holdsNow(path: string, expect: Uint8Array | null): boolean {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return expect === null;
    throw e;
  }
  try {
    const st = fstatSync(fd);
    if (expect === null || !st.isFile() || st.size !== expect.length) return false;
    // one byte more than expected tells a file that grew since stat
    const buf = Buffer.allocUnsafe(expect.length + 1);
    let n = 0;
    for (let r = 1; r > 0 && n < buf.length; n += r) r = readSync(fd, buf, n, buf.length - n, n);
    return n === expect.length && sameBytes(buf.subarray(0, n), expect);
  } finally {
    closeSync(fd);
  }
}

/**
 * Temporary names without drawing system randomness per file: a random prefix drawn once per thread (and again
 * after 65,536 names) and a counter. A name that exists anyway (another writer drew the same prefix) is met by
 * the exclusive create, and a new prefix is drawn.
 */
let tempPrefix = '';
let tempCount = 0;

/** Twelve hex digits no other name drawn so far has: the thread's random prefix and a counter. */
function uniqueHex(): string {
  if (tempPrefix === '' || tempCount > 0xffff) {
    tempPrefix = randomBytes(4).toString('hex');
    tempCount = 0;
  }
  return `${tempPrefix}${(tempCount++).toString(16).padStart(4, '0')}`;
}

function tempName(target: string): string {
  return join(dirname(target), `.${basename(target)}.${uniqueHex()}.tmp`);
}

/** Creates a new temporary file for `target` (exclusively), a fresh name while one is taken. */
function openTempBlocking(target: string): { tmp: string; fd: number } {
  for (let attempt = 0; ; attempt++) {
    const tmp = tempName(target);
    try {
      return { tmp, fd: openSync(tmp, 'wx') };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw e;
      tempPrefix = '';
    }
  }
}

async function openTemp(target: string): Promise<{ tmp: string; handle: fs.FileHandle }> {
  for (let attempt = 0; ; attempt++) {
    const tmp = tempName(target);
    try {
      return { tmp, handle: await fs.open(tmp, 'wx') };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw e;
      tempPrefix = '';
    }
  }
}

/** link() errors of a file system without hard links (FAT, some network and FUSE file systems). */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

/**
 * Puts the finished temporary file `tmp` at `target`; false (and `tmp` removed) when `expect` does not hold.
 * A file that must not exist yet (`expect: null`) is linked into place: link() fails if anything is there, an
 * atomic create-if-absent, so no writer (locked or not) is ever replaced; without hard links, the check and the
 * rename below. Otherwise the compare-and-swap check right before the rename: a writer that takes no lock (git,
 * a text editor) may have saved. Synchronous on purpose, so that nothing else runs between check and rename.
 */
function placeTemp(tmp: string, target: string, expect: Uint8Array | null | undefined): boolean {
  try {
    if (expect === null) {
      try {
        linkSync(tmp, target);
        rmSync(tmp, { force: true });
        return true;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? '';
        if (code === 'EEXIST') {
          rmSync(tmp, { force: true });
          return false;
        }
        if (!NO_HARD_LINKS.has(code)) throw e;
      }
    }
    if (expect !== undefined && !holdsNow(target, expect)) {
      rmSync(tmp, { force: true });
      return false;
    }
    renameSync(tmp, target);
    return true;
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** How long a writer waits for a lock before giving up with a message naming the holder. */
const LOCK_WAIT_MS = 120_000;
/** A lock older than this is taken to be abandoned, whoever holds it (saves take milliseconds to seconds). */
const LOCK_STALE_MS = 10 * 60_000;
/** A lock file that never got its content: its creator was killed between creating and writing it. */
const LOCK_EMPTY_STALE_MS = 10_000;

interface LockHolder {
  pid: number;
  host: string;
  time: string;
  token: string;
}

function parseHolder(text: string | undefined): LockHolder | undefined {
  try {
    const h = JSON.parse(text ?? '') as LockHolder;
    return typeof h.pid === 'number' && typeof h.host === 'string' ? h : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Breaks the lock at `lockPath` if its holder is gone; true when the caller should try to take it again now. */
async function breakStaleLock(lockPath: string): Promise<boolean> {
  let text: string;
  let mtimeMs: number;
  try {
    mtimeMs = (await fs.stat(lockPath)).mtimeMs;
    text = await fs.readFile(lockPath, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw e;
  }
  const holder = parseHolder(text);
  const age = Date.now() - mtimeMs;
  const stale = holder ? (holder.host === hostname() && !isAlive(holder.pid)) || age > LOCK_STALE_MS : age > LOCK_EMPTY_STALE_MS;
  if (!stale) return false;
  // named like a temp file of the locked file, so a leftover of a kill right here is cleaned up later
  const aside = join(dirname(lockPath), `${basename(lockPath).replace(/\.lock$/, '')}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fs.rename(lockPath, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw e;
  }
  const taken = await fs.readFile(aside, 'utf8').catch(() => undefined);
  // someone broke it first and took a fresh lock, which we just moved: put it back (fails if a third took it)
  if (taken !== text) await fs.link(aside, lockPath).catch(() => undefined);
  await fs.rm(aside, { force: true });
  return true;
}

function describeHolder(text: string | undefined): string {
  const h = parseHolder(text);
  return h ? `process ${h.pid} on ${h.host} since ${h.time}` : 'an unknown process';
}

export const nodeFileSystem: FileSystem = {
  async readFile(path: string, options: ReadOptions = {}): Promise<Uint8Array> {
    const max = options.maxBytes ?? DEFAULT_MAX_READ;
    // O_NONBLOCK: opening a FIFO must not wait for a writer (regular files ignore the flag; Windows has none)
    const handle = await fs.open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    try {
      const s = await handle.stat();
      if (!s.isFile()) throw new NotAFileError(path, kindOf(s));
      if (s.size > max) throw new FileTooLargeError(path, max);
      // one buffer of the stated size (+1 to see growth), then chunks if the file is longer than stat said
      const chunks: Buffer[] = [];
      let total = 0;
      let want = Math.min(max + 1, s.size + 1);
      for (;;) {
        const buf = Buffer.allocUnsafe(want);
        let filled = 0;
        while (filled < want) {
          const { bytesRead } = await handle.read(buf, filled, want - filled, null);
          if (bytesRead === 0) break;
          filled += bytesRead;
          // a short read of a regular file is its end: no second read to be told so
          if (filled < want) break;
        }
        total += filled;
        if (total > max) throw new FileTooLargeError(path, max);
        chunks.push(filled === want ? buf : buf.subarray(0, filled));
        if (filled < want) break;
        want = Math.min(READ_CHUNK, max + 1 - total);
      }
      return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
    } finally {
      await handle.close();
    }
  },

  async writeFileAtomic(path: string, data: Uint8Array, options: WriteOptions = {}): Promise<boolean> {
    // through symlinks: renaming over the link itself would replace it by a plain copy
    const target = await throughLinks(path);
    const existing = await statIfExists(target);
    if (existing && (existing.mode & 0o222) === 0) throw new ReadOnlyFileError(path);
    const { tmp, handle } = await openTemp(target);
    try {
      // the replacement keeps the replaced file's mode (a group-writable 664 corpus stays so)
      if (existing) await handle.chmod(existing.mode & 0o7777);
      await handle.writeFile(data);
      await handle.sync();
    } catch (e) {
      await handle.close();
      await fs.rm(tmp, { force: true });
      throw e;
    }
    await handle.close();
    if (!placeTemp(tmp, target, options.expect)) return false;
    // best effort: a leftover that cannot be removed must not fail the write that succeeded
    await removeStaleTemps(target).catch(() => undefined);
    return true;
  },

  async lock(path: string): Promise<Release> {
    const target = await throughLinks(path);
    const lockPath = join(dirname(target), `.${basename(target)}.lock`);
    const content = JSON.stringify({ pid: process.pid, host: hostname(), time: new Date().toISOString(), token: uniqueHex() });
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      try {
        await fs.writeFile(lockPath, content, { flag: 'wx' });
        return async () => {
          // only our own lock: if it was broken as stale meanwhile, the file is someone else's now
          if ((await fs.readFile(lockPath, 'utf8').catch(() => undefined)) === content) await fs.rm(lockPath, { force: true });
        };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      if (await breakStaleLock(lockPath)) continue;
      if (Date.now() - started > LOCK_WAIT_MS) {
        const holder = describeHolder(await fs.readFile(lockPath, 'utf8').catch(() => undefined));
        throw new Error(`${path}: locked by ${holder} (${lockPath}); if no annotator is running any more, delete that file`);
      }
      await new Promise((r) => setTimeout(r, Math.min(20, 1 + attempt) * (0.5 + Math.random())));
    }
  },

  async openAtomic(path: string): Promise<AtomicFile> {
    // the same rules as writeFileAtomic: through symlinks, the replaced file's mode kept, read-only refused
    const target = await throughLinks(path);
    const existing = await statIfExists(target);
    if (existing && (existing.mode & 0o222) === 0) throw new ReadOnlyFileError(path);
    const { tmp, handle } = await openTemp(target);
    let open = true;
    const closeHandle = async (): Promise<void> => {
      if (!open) return;
      open = false;
      await handle.close();
    };
    return {
      async write(data) {
        await handle.write(data);
      },
      async close() {
        try {
          if (existing) await handle.chmod(existing.mode & 0o7777);
          await handle.sync();
        } finally {
          await closeHandle();
        }
        try {
          await fs.rename(tmp, target);
        } catch (e) {
          await fs.rm(tmp, { force: true });
          throw e;
        }
      },
      async abort() {
        await closeHandle().catch(() => undefined);
        await fs.rm(tmp, { force: true });
      },
    };
  },

  async stat(path: string): Promise<FileStat | undefined> {
    try {
      const s = await fs.stat(path);
      return { size: s.size, mtimeMs: s.mtimeMs, isDirectory: s.isDirectory(), isFile: s.isFile() };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  },

  async readDir(path: string): Promise<DirEntry[]> {
    const entries = await fs.readdir(path, { withFileTypes: true });
    return entries.map((e) => ({ name: e.name, isDirectory: e.isDirectory(), isSymbolicLink: e.isSymbolicLink(), isFile: e.isFile() }));
  },

  async mkdirp(path: string): Promise<void> {
    await fs.mkdir(path, { recursive: true });
  },

  async remove(path: string): Promise<void> {
    await fs.rm(path, { force: true });
  },
};

/** readFile's contract (regular files only, FIFOs not waited for, the cap counted while reading) on blocking calls. */
function readFileBlocking(path: string, options: ReadOptions = {}): Uint8Array {
  const max = options.maxBytes ?? DEFAULT_MAX_READ;
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const s = fstatSync(fd);
    if (!s.isFile()) throw new NotAFileError(path, kindOf(s));
    if (s.size > max) throw new FileTooLargeError(path, max);
    const chunks: Buffer[] = [];
    let total = 0;
    let want = Math.min(max + 1, s.size + 1);
    for (;;) {
      const buf = Buffer.allocUnsafe(want);
      let filled = 0;
      while (filled < want) {
        const n = readSync(fd, buf, filled, want - filled, null);
        if (n === 0) break;
        filled += n;
        if (filled < want) break;
      }
      total += filled;
      if (total > max) throw new FileTooLargeError(path, max);
      chunks.push(filled === want ? buf : buf.subarray(0, filled));
      if (filled < want) break;
      want = Math.min(READ_CHUNK, max + 1 - total);
    }
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/** throughLinks on blocking calls. */
function throughLinksBlocking(path: string): string {
  let p = path;
  for (let hops = 0; hops < 40; hops++) {
    const s = lstatSync(p, { throwIfNoEntry: false });
    if (!s || !s.isSymbolicLink()) return p;
    p = resolve(dirname(p), readlinkSync(p));
  }
  throw Object.assign(new Error(`${path}: too many levels of symbolic links`), { code: 'ELOOP' });
}

/**
 * writeFileAtomic's contract (through symlinks, mode kept, read-only refused, synced, compare-and-swap, rename)
 * on blocking calls, but for the flush to disk: that one waits for the disk, and in the thread pool it lets the
 * other documents in flight go on meanwhile.
 */
async function writeFileAtomicBlocking(path: string, data: Uint8Array, options: WriteOptions): Promise<boolean> {
  const target = throughLinksBlocking(path);
  const existing = statSync(target, { throwIfNoEntry: false });
  if (existing && (existing.mode & 0o222) === 0) throw new ReadOnlyFileError(path);
  const { tmp, fd } = openTempBlocking(target);
  try {
    if (existing) fchmodSync(fd, existing.mode & 0o7777);
    for (let at = 0; at < data.length; ) at += writeSync(fd, data, at, data.length - at);
    await new Promise<void>((done, fail) => fsync(fd, (e) => (e ? fail(e) : done())));
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  if (!placeTemp(tmp, target, options.expect)) return false;
  return true;
}

/**
 * The same port with reads, stats, listings, writes and the taking and releasing of locks made as blocking calls,
 * for the command line: a corpus job reads and writes thousands of small files one after another, and each
 * asynchronous call is a round trip through libuv's thread pool (on a busy machine, mostly waiting to be
 * scheduled; a saved sidecar took about fifteen of them); a blocking call on a small file takes microseconds.
 * The same system calls in the same order, so the same atomicity and locking; only waiting for a lock held by
 * someone else (and breaking a stale one) stays asynchronous. Not for the extension host, which must never block.
 */
export const blockingReadFileSystem: FileSystem = {
  ...nodeFileSystem,
  async writeFileAtomic(path: string, data: Uint8Array, options: WriteOptions = {}): Promise<boolean> {
    const written = await writeFileAtomicBlocking(path, data, options);
    // best effort: a leftover that cannot be removed must not fail the write that succeeded
    if (written) await removeStaleTemps(throughLinksBlocking(path)).catch(() => undefined);
    return written;
  },
  async lock(path: string): Promise<Release> {
    const target = throughLinksBlocking(path);
    const lockPath = join(dirname(target), `.${basename(target)}.lock`);
    const content = JSON.stringify({ pid: process.pid, host: hostname(), time: new Date().toISOString(), token: uniqueHex() });
    try {
      const fd = openSync(lockPath, 'wx');
      try {
        writeSync(fd, content);
      } finally {
        closeSync(fd);
      }
    } catch (e) {
      // held by someone else (or an odd error): wait, break and report as the asynchronous port does
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return nodeFileSystem.lock(path);
      throw e;
    }
    return async () => {
      // only our own lock: if it was broken as stale meanwhile, the file is someone else's now
      let now: string | undefined;
      try {
        now = readFileSync(lockPath, 'utf8');
      } catch {
        now = undefined;
      }
      if (now === content) rmSync(lockPath, { force: true });
    };
  },
  async readFile(path: string, options?: ReadOptions): Promise<Uint8Array> {
    return readFileBlocking(path, options);
  },
  async stat(path: string): Promise<FileStat | undefined> {
    const s = statSync(path, { throwIfNoEntry: false });
    return s && { size: s.size, mtimeMs: s.mtimeMs, isDirectory: s.isDirectory(), isFile: s.isFile() };
  },
  async readDir(path: string): Promise<DirEntry[]> {
    return readdirSync(path, { withFileTypes: true }).map((e) => ({ name: e.name, isDirectory: e.isDirectory(), isSymbolicLink: e.isSymbolicLink(), isFile: e.isFile() }));
  },
};
