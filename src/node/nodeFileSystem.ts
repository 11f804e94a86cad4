/** The FileSystem port on node:fs, with atomic writes (temporary file in the same folder, then rename). */
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AtomicFile, DirEntry, FileStat, FileSystem } from '../core/ports';

const tempPathFor = (path: string): string => join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);

export const nodeFileSystem: FileSystem = {
  async readFile(path: string): Promise<Uint8Array> {
    return fs.readFile(path);
  },

  async writeFileAtomic(path: string, data: Uint8Array): Promise<void> {
    const tmp = tempPathFor(path);
    const handle = await fs.open(tmp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await fs.rename(tmp, path);
    } catch (e) {
      await fs.rm(tmp, { force: true });
      throw e;
    }
  },

  async openAtomic(path: string): Promise<AtomicFile> {
    const tmp = tempPathFor(path);
    const handle = await fs.open(tmp, 'wx');
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
          await handle.sync();
        } finally {
          await closeHandle();
        }
        try {
          await fs.rename(tmp, path);
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
      return { size: s.size, mtimeMs: s.mtimeMs, isDirectory: s.isDirectory() };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  },

  async readDir(path: string): Promise<DirEntry[]> {
    const entries = await fs.readdir(path, { withFileTypes: true });
    return entries.map((e) => ({ name: e.name, isDirectory: e.isDirectory() }));
  },

  async mkdirp(path: string): Promise<void> {
    await fs.mkdir(path, { recursive: true });
  },

  async remove(path: string): Promise<void> {
    await fs.rm(path, { force: true });
  },
};
