/**
 * The real readers the export tests load our files with (spaCy, datasets, pandas, pinned in .ci/requirements.txt,
 * installed by `bash .ci/setup`), run as test/python scripts. They are required: when python or a package is
 * missing, or a script exits non-zero, the test that needed it fails with the reason; nothing is skipped.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';

export const PYTHON = process.env.PYTHON ?? 'python3';
const SCRIPTS = join(__dirname, '..', 'python');

export interface PythonRun {
  status: number | null;
  stdout: string;
  /** stdout and stderr, colours removed, for messages. */
  out: string;
}

/** Runs `python ARGS` (a script of test/python when the first argument ends in .py) in `cwd`. */
export function runPython(args: readonly string[], cwd?: string): PythonRun {
  const [first, ...rest] = args;
  const argv = first.endsWith('.py') && !first.includes('/') ? [join(SCRIPTS, first), ...rest] : [...args];
  const r = spawnSync(PYTHON, argv, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, PYTHONIOENCODING: 'utf-8', NO_COLOR: '1' } });
  // wasabi (spaCy's printer) only honours its own colour switch, so strip escapes either way
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}`.replace(/\x1b\[[0-9;]*m/g, '');
  return { status: r.status, stdout: r.stdout ?? '', out };
}

/** Fails the calling test unless python can import every module; the message says how to install them. */
export function requireReaders(...modules: string[]): void {
  const r = runPython(['-c', `import ${modules.join(', ')}`]);
  expect(r.status, `the export reader tests need \`${PYTHON}\` with ${modules.join(', ')} (bash .ci/setup installs .ci/requirements.txt): ${r.out}`).toBe(0);
}

/** Runs a test/python script that prints JSON and returns what it printed; fails the test when it exits non-zero. */
export function pythonJson<T = unknown>(script: string, ...args: string[]): T {
  const r = runPython([script, ...args]);
  expect(r.status, `${script} ${args.join(' ')}: ${r.out}`).toBe(0);
  return JSON.parse(r.stdout) as T;
}
