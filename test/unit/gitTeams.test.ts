/**
 * Team work through real git in temporary repositories: two annotators on two branches decide on the same
 * sidecars, `git merge` runs the sidecar merge driver (the bundled command line, configured by setup-git), a
 * sidecar git merged as text is recovered, and agreement is computed from two refs. Decisions are made as the
 * editor makes them: core review actions, stampDecisions, the SidecarStore.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import type { Sidecar } from '../../src/core/model';
import { nodeFileSystem } from '../../src/node/nodeFileSystem';
import { nodeGit } from '../../src/node/nodeGit';
import { SidecarStore } from '../../src/core/sidecar/sidecarStore';
import { parseSidecar } from '../../src/core/sidecar/parseSidecar';
import { acceptItem, addMention, rejectItem } from '../../src/core/review/mergeSuggestions';
import { decisionBy, stampDecisions } from '../../src/core/review/stampDecisions';
import { GitTreeFileSystem } from '../../src/core/corpus/gitTreeFileSystem';
import { testPlaceData } from './detectFixtures';
import { compilePlaceIndex } from '../../src/core/gazetteer/placeIndex';

const ROOT = resolve(__dirname, '..', '..');
const SAMPLES = join(ROOT, 'media', 'samples', 'articles');
const A = '000_db39f04dd305928f';
const B = '002_423dc2fc7979b9d9';
const SLOW = 120_000;

const made: string[] = [];
let bin = '';

beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), 'ca-git-bin-'));
  made.push(out);
  bin = join(out, 'cli.js');
  await build({ entryPoints: [join(ROOT, 'src', 'cli', 'main.ts')], outfile: bin, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent' });
  writeFileSync(join(out, 'places.bin'), compilePlaceIndex(testPlaceData()));
}, SLOW);
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

function run(cwd: string, cmd: string, args: string[]): { status: number; stdout: string; stderr: string } {
  // a fixed identity and no user config: the test does not depend on the machine's git setup
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_DATE: '2025-03-01T12:00:00Z', GIT_COMMITTER_DATE: '2025-03-01T12:00:00Z' };
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env, timeout: SLOW });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
const git = (cwd: string, ...args: string[]) => run(cwd, 'git', args);
const cli = (cwd: string, ...args: string[]) => run(cwd, process.execPath, [bin, ...args]);
function ok(r: { status: number; stdout: string; stderr: string }): string {
  if (r.status !== 0) throw new Error(`exit ${r.status}: ${r.stderr}${r.stdout}`);
  return r.stdout;
}

/** A repository on main with two annotated sample articles, committed; setup-git run unless `withDriver` is false. */
function repo(withDriver = true): string {
  const dir = mkdtempSync(join(tmpdir(), 'ca-git-'));
  made.push(dir);
  ok(git(dir, 'init', '-q', '-b', 'main'));
  ok(git(dir, 'config', 'user.name', 'carol'));
  ok(git(dir, 'config', 'user.email', 'carol@example.invalid'));
  mkdirSync(join(dir, 'articles'));
  for (const f of [A, B]) cpSync(join(SAMPLES, `${f}.txt`), join(dir, 'articles', `${f}.txt`));
  ok(cli(dir, 'annotate', 'articles'));
  if (withDriver) {
    const setup = ok(cli(dir, 'setup-git'));
    expect(setup).toContain('.gitattributes: sidecars (*.ann.yaml) now merge with conflict-annotator');
    expect(ok(cli(dir, 'setup-git'))).toContain('.gitattributes: already set');
    expect(readFileSync(join(dir, '.gitattributes'), 'utf8').match(/merge=conflict-annotator/g)).toHaveLength(1);
    expect(ok(git(dir, 'config', '--get', 'merge.conflict-annotator.driver'))).toContain('merge-driver %O %A %B %P');
  }
  ok(git(dir, 'add', '-A'));
  ok(git(dir, 'commit', '-q', '-m', 'suggestions'));
  return dir;
}

const sidecarPath = (dir: string, name: string) => join(dir, 'articles', `${name}.ann.yaml`);
const sidecarOf = (dir: string, name: string): Sidecar => parseSidecar(readFileSync(sidecarPath(dir, name), 'utf8')).sidecar!;
const idOf = (s: Sidecar, text: string, label?: string) => s.mentions.find((m) => m.text === text && (!label || m.label === label))!.id;

/** One annotator's decisions on an article, saved as the editor saves them. */
async function decide(dir: string, name: string, who: string, change: (s: Sidecar, text: string) => Sidecar): Promise<void> {
  const store = new SidecarStore(nodeFileSystem);
  const loaded = await store.load(join(dir, 'articles', `${name}.txt`));
  await store.save(loaded, stampDecisions(loaded.sidecar!, change(loaded.sidecar!, loaded.text), decisionBy(who)));
}

function commitAll(dir: string, message: string): void {
  ok(git(dir, 'commit', '-q', '-am', message));
}

/** Two branches from main: alice and bob, each with its annotator's decisions committed. */
async function branches(dir: string, alice: (s: Sidecar, text: string) => Sidecar, bob: (s: Sidecar, text: string) => Sidecar, bobOnB?: (s: Sidecar, text: string) => Sidecar): Promise<void> {
  ok(git(dir, 'checkout', '-q', '-b', 'bob'));
  await decide(dir, A, 'bob', bob);
  if (bobOnB) await decide(dir, B, 'bob', bobOnB);
  commitAll(dir, 'bob decides');
  ok(git(dir, 'checkout', '-q', '-b', 'alice', 'main'));
  await decide(dir, A, 'alice', alice);
  commitAll(dir, 'alice decides');
}

describe('git merge with the sidecar merge driver', () => {
  it('merges two annotators cleanly when they decided different items (no markers, both kept)', { timeout: SLOW }, async () => {
    const dir = repo();
    const s = sidecarOf(dir, A);
    const [isil, syria, iraq] = [idOf(s, 'ISIL'), idOf(s, 'Syria'), idOf(s, 'Iraq')];
    await branches(
      dir,
      (x, t) => acceptItem(acceptItem(x, isil, t), syria, t),
      (x, t) => rejectItem(acceptItem(x, isil, t), iraq),
      (x, t) => acceptAllBy(x, t),
    );
    const merge = git(dir, 'merge', '--no-edit', 'bob');
    expect(merge.status, merge.stderr + merge.stdout).toBe(0);
    for (const name of [A, B]) expect(readFileSync(sidecarPath(dir, name), 'utf8')).not.toContain('<<<<<<<');
    const merged = sidecarOf(dir, A);
    expect(merged.conflicts).toBeUndefined();
    expect(merged.mentions.find((m) => m.id === isil)).toMatchObject({ status: 'accepted' });
    expect(merged.mentions.find((m) => m.id === syria)).toMatchObject({ status: 'accepted', by: 'alice' });
    expect(merged.mentions.some((m) => m.id === iraq)).toBe(false);
    expect(merged.rejected).toEqual([expect.objectContaining({ text: 'Iraq', by: 'bob' })]);
    expect(sidecarOf(dir, B).mentions.every((m) => m.status === 'accepted' && m.by === 'bob')).toBe(true);
    expect(cli(dir, 'validate', 'articles').status).toBe(0);
  });

  it('lists the same item decided differently in conflicts:, which validate reports and settle settles', { timeout: SLOW }, async () => {
    const dir = repo();
    const s = sidecarOf(dir, A);
    const [isil, iraq] = [idOf(s, 'ISIL'), idOf(s, 'Iraq')];
    const qaeda = s.mentions.find((m) => m.text === 'Qaeda')!;
    await branches(
      dir,
      // both tag "Qaeda" by hand (manual ids differ): the same decision must come out as one item
      (x, t) => addMention(acceptItem(acceptItem(x, iraq, t), isil, t), t, { start: qaeda.start, end: qaeda.end, label: 'PLACE' }, decisionBy('alice')).sidecar,
      (x, t) => addMention(rejectItem(acceptItem(x, isil, t), iraq), t, { start: qaeda.start, end: qaeda.end, label: 'PLACE' }, decisionBy('bob')).sidecar,
    );
    const merge = git(dir, 'merge', '--no-edit', 'bob');
    expect(merge.status).not.toBe(0); // as git expects of a driver that left conflicts
    expect(merge.stderr + merge.stdout).toContain('1 item(s) decided differently are listed in its conflicts:');
    expect(ok(git(dir, 'diff', '--name-only', '--diff-filter=U')).trim()).toBe(`articles/${A}.ann.yaml`);
    const yaml = readFileSync(sidecarPath(dir, A), 'utf8');
    expect(yaml).not.toMatch(/^(<{7}|={7}|>{7})/m);
    const merged = parseSidecar(yaml).sidecar!;
    expect(merged.conflicts).toEqual([expect.objectContaining({ id: iraq, ours: expect.objectContaining({ status: 'accepted', by: 'alice' }), theirs: null })]);
    expect(merged.mentions.filter((m) => m.start === qaeda.start && m.end === qaeda.end && m.label === 'PLACE')).toHaveLength(1);
    const v = cli(dir, 'validate', 'articles');
    expect(v.status).toBe(1);
    // one error, the conflict (tagging Qaeda a PLACE also draws a warning: the detector has it as an ACTOR)
    const lines = v.stdout.trim().split('\n').filter((l) => l.includes(': error: '));
    expect(lines, v.stdout).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^articles/${A}\\.ann\\.yaml:\\d+: error: conflicts\\[0\\]: merge conflict: mention ${iraq} "Iraq": ours accepted it \\(by alice\\), theirs removed or rejected it; settle it`));
    const settled = cli(dir, 'settle', 'articles', '--take', 'theirs', '--reviewed');
    expect(settled.status, settled.stderr).toBe(0);
    expect(settled.stdout).toContain(`articles/${A}.ann.yaml: 1 settled (theirs), 0 open, marked reviewed by carol`);
    const after = sidecarOf(dir, A);
    expect(after.conflicts).toBeUndefined();
    expect(after.mentions.some((m) => m.id === iraq)).toBe(false);
    expect(after.document).toMatchObject({ status: 'reviewed', by: 'carol' }); // git config user.name, no --annotator
    expect(cli(dir, 'validate', 'articles').status).toBe(0);
    ok(git(dir, 'add', `articles/${A}.ann.yaml`));
    ok(git(dir, 'commit', '-q', '--no-edit'));
  });

  it('recovers a sidecar git merged as text: one clear error, then resolve merges the versions by item', { timeout: SLOW }, async () => {
    const dir = repo(false);
    const s = sidecarOf(dir, A);
    const [isil, iraq, syria] = [idOf(s, 'ISIL'), idOf(s, 'Iraq'), idOf(s, 'Syria')];
    await branches(dir, (x, t) => acceptItem(acceptItem(x, iraq, t), syria, t), (x, t) => rejectItem(acceptItem(x, isil, t), iraq));
    expect(git(dir, 'merge', '--no-edit', 'bob').status).not.toBe(0);
    const marked = readFileSync(sidecarPath(dir, A), 'utf8');
    expect(marked).toMatch(/^<{7} /m);
    const line = marked.split('\n').findIndex((l) => l.startsWith('<<<<<<<')) + 1;
    const v = cli(dir, 'validate', 'articles');
    expect(v.status).toBe(1);
    expect(v.stdout.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^articles/${A}\\.ann\\.yaml:${line}: error: merge conflict markers \\(<<<<<<<\\) at line ${line}: .*conflict-annotator resolve`))]);
    const r = cli(dir, 'resolve', 'articles');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`articles/${A}.ann.yaml: `);
    expect(r.stdout).toContain('1 conflict(s) listed in conflicts:');
    const merged = sidecarOf(dir, A);
    expect(merged.conflicts?.map((c) => c.id)).toEqual([iraq]);
    expect(merged.mentions.find((m) => m.id === isil)).toMatchObject({ status: 'accepted', by: 'bob' });
    expect(merged.mentions.find((m) => m.id === syria)).toMatchObject({ status: 'accepted', by: 'alice' });
    expect(cli(dir, 'validate', 'articles').stdout).toContain('merge conflict: mention');
    ok(cli(dir, 'settle', `articles/${A}.ann.yaml`, '--take', 'ours', '--id', iraq, '--annotator', 'dana'));
    expect(sidecarOf(dir, A).mentions.find((m) => m.id === iraq)).toMatchObject({ status: 'accepted', by: 'alice' });
    expect(cli(dir, 'validate', 'articles').status).toBe(0);
    // nothing left to resolve
    expect(cli(dir, 'resolve', 'articles').stderr).toContain('0 sidecar(s) resolved, 2 without markers, 0 failed');
  });
});

/** Bob accepts everything in the second article. */
function acceptAllBy(s: Sidecar, text: string): Sidecar {
  return s.mentions.reduce((acc, m) => acceptItem(acc, m.id, text), s);
}

describe('agreement of two git refs', () => {
  it('equals the agreement of the same two versions checked out as folders', { timeout: SLOW }, async () => {
    const dir = repo();
    const s = sidecarOf(dir, A);
    const ids = s.mentions.map((m) => m.id);
    await branches(dir, (x, t) => ids.slice(0, 12).reduce((acc, id) => acceptItem(acc, id, t), x), (x, t) => ids.slice(6, 20).reduce((acc, id) => acceptItem(acc, id, t), x));
    const refs = cli(dir, 'agreement', 'alice', 'bob', '--format', 'json', '--', 'articles');
    expect(refs.status, refs.stderr).toBe(0);
    for (const b of ['alice', 'bob']) ok(git(dir, 'worktree', 'add', '-q', '--detach', join(dir, '.wt', b), b));
    const folders = cli(dir, 'agreement', join('.wt', 'alice', 'articles'), join('.wt', 'bob', 'articles'), '--format', 'json');
    expect(folders.status, folders.stderr).toBe(0);
    const strip = (r: string) => {
      const o = JSON.parse(r);
      delete o.annotators;
      return o;
    };
    const fromRefs = strip(refs.stdout);
    expect(fromRefs).toEqual(strip(folders.stdout));
    // a real comparison: some agreement, not all
    expect(JSON.parse(refs.stdout).annotators).toEqual({ a: 'alice', b: 'bob' });
    expect(refs.stdout).toMatch(/"f1": 0\.\d+/);
    expect(cli(dir, 'agreement', 'alice', 'nosuchbranch', '--', 'articles').stderr).toContain('cannot read nosuchbranch from git');
    expect(cli(dir, 'agreement', '--', 'alice', '-x', 'articles').status).not.toBe(0);
  });

  it('reads a ref as a file system: folders, files, nothing else', async () => {
    const dir = repo();
    const top = (await nodeGit.topLevel(dir))!;
    const fs = await GitTreeFileSystem.open(nodeGit, top, 'main', join(top, 'articles'));
    expect((await fs.readDir(join(top, 'articles'))).map((e) => e.name).sort()).toEqual([`${A}.ann.yaml`, `${A}.txt`, `${B}.ann.yaml`, `${B}.txt`]);
    expect(await fs.stat(join(top, 'articles', `${A}.txt`))).toMatchObject({ isFile: true });
    expect(await fs.stat(join(top, 'articles', 'none.txt'))).toBeUndefined();
    expect(new TextDecoder().decode(await fs.readFile(join(top, 'articles', `${A}.txt`)))).toBe(readFileSync(join(SAMPLES, `${A}.txt`), 'utf8'));
    await expect(fs.writeFileAtomic()).rejects.toThrow(/cannot be written/);
    await expect(GitTreeFileSystem.open(nodeGit, top, '--all', top)).rejects.toThrow(/not a git ref/);
  });
});

describe('curation of two annotators’ folders', () => {
  it('writes one curated copy: agreements kept, disagreements to settle, full agreement reviewed by the curator', { timeout: SLOW }, async () => {
    const dir = repo(false);
    for (const who of ['amal', 'bo']) cpSync(join(dir, 'articles'), join(dir, who, 'articles'), { recursive: true });
    const s = sidecarOf(dir, A);
    const [isil, iraq, syria] = [idOf(s, 'ISIL'), idOf(s, 'Iraq'), idOf(s, 'Syria')];
    await decide(join(dir, 'amal'), A, 'amal', (x, t) => acceptItem(acceptItem(x, isil, t), iraq, t));
    await decide(join(dir, 'bo'), A, 'bo', (x, t) => acceptItem(acceptItem(x, isil, t), syria, t));
    for (const who of ['amal', 'bo']) await decide(join(dir, who), B, who, (x, t) => acceptItem(x, x.mentions[0].id, t));
    const r = cli(dir, 'curate', 'amal/articles', 'bo/articles', '-o', 'curated', '--annotator', 'cleo');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`curated/${A}.ann.yaml: 1 agreed, 2 disagreement(s) to settle`);
    expect(r.stdout).toContain(`curated/${B}.ann.yaml: 1 agreed, 0 disagreement(s) to settle, reviewed`);
    const curated = parseSidecar(readFileSync(join(dir, 'curated', `${A}.ann.yaml`), 'utf8')).sidecar!;
    expect(curated.conflicts?.map((c) => [c.id, c.ours === null, c.theirs === null]).sort()).toEqual([[iraq, false, true], [syria, true, false]].sort());
    expect(parseSidecar(readFileSync(join(dir, 'curated', `${B}.ann.yaml`), 'utf8')).sidecar!.document).toMatchObject({ status: 'reviewed', by: 'cleo' });
    expect(cli(dir, 'validate', 'curated').status).toBe(1);
    // the curator's work is never replaced
    expect(cli(dir, 'curate', 'amal/articles', 'bo/articles', '-o', 'curated').stderr).toContain('already curated; left as it is');
    ok(cli(dir, 'settle', 'curated', '--take', 'both', '--reviewed', '--annotator', 'cleo'));
    const done = parseSidecar(readFileSync(join(dir, 'curated', `${A}.ann.yaml`), 'utf8')).sidecar!;
    expect(done.mentions.map((m) => m.id).sort()).toEqual([isil, iraq, syria].sort());
    expect(done.document).toMatchObject({ status: 'reviewed', by: 'cleo' });
    expect(cli(dir, 'validate', 'curated').status).toBe(0);
    expect(cli(dir, 'curate', 'amal/articles', 'bo/articles', '-o', 'amal').stderr).toContain('must be a folder of its own');
  });
});
