/**
 * One bad entry never stops a run: symlink loops, unreadable folders and special files met while walking PATHS
 * are reported (path and a plain message) and the walk goes on; a killed write's temporary file is cleaned up
 * when that sidecar is next written.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findTextFiles } from '../../src/core/corpus/collectTextFiles';
import { blockingReadFileSystem, nodeFileSystem } from '../../src/node/nodeFileSystem';
import { MemoryFileSystem } from './memoryFileSystem';
import { runCli } from '../../src/cli/runCli';
import { testPlaceData } from './detectFixtures';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'ca-walk-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('walking PATHS', () => {
  it.skipIf(process.platform === 'win32').each([
    ['', nodeFileSystem],
    [' (blocking reads)', blockingReadFileSystem],
  ])('reports symlink loops, broken links and FIFOs, and finds the rest%s', async (_name, fs) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), 'ISIL took Mosul.');
    symlinkSync('self.txt', join(dir, 'self.txt'));
    symlinkSync('ping', join(dir, 'pong'));
    symlinkSync('pong', join(dir, 'ping'));
    symlinkSync('gone.txt', join(dir, 'broken.txt'));
    execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'b.txt'), 'Officials said.');
    const r = await findTextFiles(fs, [dir]);
    expect(r.files).toEqual([join(dir, 'a.txt'), join(dir, 'sub', 'b.txt')]);
    const byPath = Object.fromEntries(r.problems.map((p) => [p.path, p.message]));
    expect(byPath[join(dir, 'self.txt')]).toMatch(/symlink loop/);
    expect(byPath[join(dir, 'ping')]).toMatch(/symlink loop/);
    expect(byPath[join(dir, 'broken.txt')]).toMatch(/broken symlink/);
    expect(byPath[join(dir, 'pipe.txt')]).toMatch(/FIFO|not a regular file/);
  });

  it('reports an unreadable folder (EACCES) anywhere in PATHS and goes on, also when given explicitly', async () => {
    const fs = new MemoryFileSystem({ '/c/a.txt': 'x', '/c/locked/b.txt': 'y', '/c/z/c.txt': 'z', '/d/e.txt': 'e' });
    fs.failures.set('/c/locked', 'EACCES');
    fs.failures.set('/d', 'EACCES');
    const r = await findTextFiles(fs, ['/c', '/d']);
    expect(r.files).toEqual(['/c/a.txt', '/c/z/c.txt']);
    expect(r.problems).toEqual([
      { path: '/c/locked', code: 'unreadable', message: expect.stringMatching(/permission denied/) },
      { path: '/d', code: 'unreadable', message: expect.stringMatching(/permission denied/) },
    ]);
  });

  it('has the commands report what the walk skipped, as warnings, and go on', async () => {
    for (const command of ['annotate', 'validate', 'stats']) {
      const fs = new MemoryFileSystem({ '/c/a.txt': 'ISIL took Mosul.', '/c/locked/b.txt': 'y' });
      fs.failures.set('/c/locked', 'EACCES');
      if (command !== 'annotate') await runCli(['annotate', '/c'], { fs, io: { out: () => undefined, err: () => undefined, cwd: '/' }, loadPlaceData: testPlaceData });
      const lines: string[] = []; // (validate prints what it finds on stdout, the others on stderr)
      const code = await runCli([command, '/c'], { fs, io: { out: (l) => lines.push(l), err: (l) => lines.push(l), cwd: '/' }, loadPlaceData: testPlaceData });
      expect([command, code]).toEqual([command, 0]);
      expect(lines).toContain('c/locked: warning: permission denied; skipped');
      expect(fs.files.has('/c/a.ann.yaml')).toBe(true);
    }
  });

  it('still refuses a PATH that does not exist, naming it', async () => {
    await expect(findTextFiles(new MemoryFileSystem({}), ['/nope'])).rejects.toThrow(/\/nope: no such file or folder/);
  });
});

describe('temporary files of killed writes', () => {
  it('removes stale temp files of a sidecar when it is next written, and only those', async () => {
    const dir = tempDir();
    const old = Date.now() / 1000 - 120;
    const stale = '.a.ann.yaml.0123456789ab.tmp';
    const fresh = '.a.ann.yaml.ba9876543210.tmp';
    const other = '.b.ann.yaml.0123456789ab.tmp';
    for (const n of [stale, fresh, other]) writeFileSync(join(dir, n), '');
    utimesSync(join(dir, stale), old, old);
    utimesSync(join(dir, other), old, old);
    await nodeFileSystem.writeFileAtomic(join(dir, 'a.ann.yaml'), new TextEncoder().encode('version: 1\n'));
    expect(readdirSync(dir).sort()).toEqual([other, fresh, 'a.ann.yaml'].sort());
  });
});
