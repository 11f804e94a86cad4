/**
 * Reads never hang and never run away: FIFOs, devices and sockets are refused with a clear error, and every read
 * stops at a cap counted while reading (stat sizes are 0 for FIFOs, /dev/zero and /proc files).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blockingReadFileSystem, nodeFileSystem } from '../../src/node/nodeFileSystem';
import type { FileSystem } from '../../src/core/ports';
import { FileTooLargeError, NotAFileError } from '../../src/core/ports';
import { SidecarStore } from '../../src/core/sidecar/sidecarStore';
import { loadWorkspaceEntities } from '../../src/core/corpus/workspaceConfig';
import { MemoryFileSystem } from './memoryFileSystem';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'ca-bounded-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The promise's outcome, or 'hung' when it has not settled within `ms`. */
async function settle<T>(p: Promise<T>, ms: number): Promise<{ value?: T; error?: unknown } | 'hung'> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), ms)));
  try {
    return await Promise.race([p.then((value) => ({ value }), (error: unknown) => ({ error })), hung]);
  } finally {
    clearTimeout(timer);
  }
}

// the extension's port and the command line's (blocking reads), with the same guarantees
describe.each([
  ['node adapter', nodeFileSystem],
  ['node adapter, blocking reads', blockingReadFileSystem],
] as [string, FileSystem][])('bounded reads (%s)', (_name, nodeFileSystem) => {
  it.skipIf(process.platform === 'win32')('refuses a FIFO instead of waiting forever for a writer', async () => {
    const fifo = join(tempDir(), 'a.ann.yaml');
    execFileSync('mkfifo', [fifo]);
    const r = await settle(nodeFileSystem.readFile(fifo), 3000);
    if (r === 'hung') {
      // release the blocked reader so the test process can end
      closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
    }
    expect(r).not.toBe('hung');
    expect((r as { error?: unknown }).error).toBeInstanceOf(NotAFileError);
    expect(String((r as { error?: unknown }).error)).toMatch(/FIFO.*not a regular file/);
    expect((await nodeFileSystem.stat(fifo))?.isFile).toBe(false);
  });

  it.skipIf(process.platform === 'win32')('refuses a symlink to /dev/zero (a device that never ends)', async () => {
    const link = join(tempDir(), 'conflict-gazetteer.yaml');
    symlinkSync('/dev/zero', link);
    const r = await settle(nodeFileSystem.readFile(link, { maxBytes: 1024 }), 3000);
    expect(r).not.toBe('hung');
    expect((r as { error?: unknown }).error).toBeInstanceOf(NotAFileError);
    expect(String((r as { error?: unknown }).error)).toMatch(/device/);
  });

  it('stops reading past maxBytes', async () => {
    const file = join(tempDir(), 'big.txt');
    writeFileSync(file, Buffer.alloc(2 * 1024 * 1024, 0x61));
    await expect(nodeFileSystem.readFile(file, { maxBytes: 1024 * 1024 })).rejects.toBeInstanceOf(FileTooLargeError);
    expect((await nodeFileSystem.readFile(file, { maxBytes: 2 * 1024 * 1024 })).length).toBe(2 * 1024 * 1024);
  });
});

describe('bounded reads (core)', () => {
  it('refuses a sidecar that is a FIFO, naming it', async () => {
    const fs = new MemoryFileSystem({ '/w/a.txt': 'ISIL took Mosul.' });
    fs.special('/w/a.ann.yaml', 'FIFO');
    await expect(new SidecarStore(fs).load('/w/a.txt')).rejects.toThrow(/\/w\/a\.ann\.yaml.*FIFO/);
  });

  it('refuses a text larger than 64 MB', async () => {
    const fs = new MemoryFileSystem({ '/w/a.txt': new Uint8Array(64 * 1024 * 1024 + 1).fill(0x61) });
    await expect(new SidecarStore(fs).load('/w/a.txt')).rejects.toBeInstanceOf(FileTooLargeError);
  });

  it('refuses a sidecar larger than 64 MB even when stat says 0 bytes', async () => {
    const fs = new MemoryFileSystem({ '/w/a.txt': 'ISIL took Mosul.' });
    fs.put('/w/a.ann.yaml', new Uint8Array(64 * 1024 * 1024 + 1).fill(0x20));
    fs.statLies.add('/w/a.ann.yaml');
    await expect(new SidecarStore(fs).load('/w/a.txt')).rejects.toBeInstanceOf(FileTooLargeError);
  });

  it('reports a workspace gazetteer that is a device or too large as a problem (stat size not trusted)', async () => {
    const fs = new MemoryFileSystem({ '/w/big.yaml': new Uint8Array(33 * 1024 * 1024).fill(0x20) });
    fs.statLies.add('/w/big.yaml');
    fs.special('/w/dev.yaml', 'character device');
    expect((await loadWorkspaceEntities(fs, '/w/big.yaml')).problems).toEqual([expect.objectContaining({ code: 'too-large', file: '/w/big.yaml' })]);
    expect((await loadWorkspaceEntities(fs, '/w/dev.yaml')).problems).toEqual([expect.objectContaining({ code: 'not-a-file', file: '/w/dev.yaml' })]);
  });
});
