/**
 * The Git port on the `git` program (execFile, never a shell: refs and paths are passed as arguments, so a
 * branch name cannot run anything). A missing git or a folder outside a repository reads as "nothing there".
 */
import { execFile } from 'node:child_process';
import { sep } from 'node:path';
import type { Git } from '../core/ports';

interface Run {
  code: number;
  stdout: Buffer;
  stderr: string;
}

function git(cwd: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    // a repository of many sidecars can list megabytes of paths; git's own limit is the one that counts
    execFile('git', args, { cwd, encoding: 'buffer', maxBuffer: 512 * 1024 * 1024, windowsHide: true }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : -1) : 0;
      resolve({ code, stdout: stdout ?? Buffer.alloc(0), stderr: stderr?.toString('utf8') ?? String(error) });
    });
  });
}

function text(r: Run): string {
  return r.stdout.toString('utf8').replace(/\r?\n$/, '');
}

export const nodeGit: Git = {
  async topLevel(cwd) {
    const r = await git(cwd, ['rev-parse', '--show-toplevel']);
    return r.code === 0 && text(r) ? text(r).split('/').join(sep) : undefined;
  },
  async configGet(cwd, key) {
    const r = await git(cwd, ['config', '--get', key]);
    return r.code === 0 ? text(r) : undefined;
  },
  async configSet(cwd, key, value) {
    const r = await git(cwd, ['config', '--local', key, value]);
    if (r.code !== 0) throw new Error(`git config ${key} failed: ${r.stderr.trim()}`);
  },
  async listFiles(cwd, ref, path) {
    // `--` ends the options: a ref that starts with a dash is refused by git instead of read as one
    const r = await git(cwd, ['ls-tree', '-r', '-z', '--name-only', '--full-tree', ref, '--', path || '.']);
    if (r.code !== 0) throw new Error(`git ls-tree ${ref}: ${r.stderr.trim() || 'failed'}`);
    return r.stdout.toString('utf8').split('\0').filter(Boolean);
  },
  async readBlob(cwd, ref, path) {
    const r = await git(cwd, ['cat-file', 'blob', `${ref}:${path}`]);
    return r.code === 0 ? new Uint8Array(r.stdout.buffer, r.stdout.byteOffset, r.stdout.byteLength) : undefined;
  },
};
