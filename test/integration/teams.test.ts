/// <reference types="mocha" />
// Team work in the editor with real git: decisions carry the annotator, `git merge` of two annotators' branches
// runs the sidecar merge driver set up by the extension's command, and the conflict it lists is a problem
// with quick fixes (take mine / take theirs / keep both); a sidecar git merged as text is recovered from a
// quick fix.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import * as vscode from 'vscode';
import type { Sidecar } from '../../src/core/model';
import { SidecarStore } from '../../src/core/sidecar/sidecarStore';
import { parseSidecar } from '../../src/core/sidecar/parseSidecar';
import { renderSidecar } from '../../src/core/sidecar/renderSidecar';
import { nodeFileSystem } from '../../src/node/nodeFileSystem';
import { acceptItem, rejectItem } from '../../src/core/review/mergeSuggestions';
import { decisionBy, stampDecisions } from '../../src/core/review/stampDecisions';
import { currentDocument, waitFor, workspacePath } from './helpers';

const EXTENSION_ID = 'conflict-annotator.conflict-annotator';
const SAMPLE = '000_db39f04dd305928f.txt';

interface Api {
  service: { get(u: vscode.Uri): { sidecar?: Sidecar; problems: Array<{ code: string }> } | undefined };
}
const api = () => vscode.extensions.getExtension(EXTENSION_ID)!.exports as Api;

function git(cwd: string, ...args: string[]): { status: number; out: string } {
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env });
  return { status: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}
function ok(r: { status: number; out: string }): string {
  assert.equal(r.status, 0, r.out);
  return r.out;
}

/** The bundled command line of the extension under test, as the merge driver runs it. */
function cli(cwd: string, ...args: string[]): { status: number; out: string } {
  const bin = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'cli.js');
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
  return { status: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

/**
 * The workspace itself as a git repository (as a team has it: the folder opened is the clone), with one
 * annotated copy of a sample article committed on main. Only the files named are tracked, so the other suites'
 * files stay out of it.
 */
function repository(name: string): { dir: string; article: string; sidecar: string } {
  const dir = workspacePath();
  const article = workspacePath('articles', `${name}.txt`);
  fs.copyFileSync(workspacePath('articles', SAMPLE), article);
  if (!fs.existsSync(path.join(dir, '.git'))) {
    ok(git(dir, 'init', '-q', '-b', 'main'));
    ok(git(dir, 'config', 'user.name', 'tester'));
    ok(git(dir, 'config', 'user.email', 'tester@example.invalid'));
  }
  ok(cli(dir, 'annotate', path.relative(dir, article)));
  return { dir, article, sidecar: workspacePath('articles', `${name}.ann.yaml`) };
}

const readSidecar = (p: string): Sidecar => parseSidecar(fs.readFileSync(p, 'utf8')).sidecar!;
const idOf = (s: Sidecar, text: string) => s.mentions.find((m) => m.text === text)!.id;

/** Another annotator's decisions, saved as the editor would save them. */
async function decideAs(who: string, article: string, change: (s: Sidecar, text: string) => Sidecar): Promise<void> {
  const store = new SidecarStore(nodeFileSystem);
  const loaded = await store.load(article);
  await store.save(loaded, stampDecisions(loaded.sidecar!, change(loaded.sidecar!, loaded.text), decisionBy(who)));
}

async function openArticleAt(file: string): Promise<vscode.TextDocument> {
  await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  const uri = vscode.Uri.file(file);
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
  const document = await waitFor(() => (currentDocument(uri)?.languageId === 'conflict-text' ? currentDocument(uri) : undefined), 'the article to become conflict-text', 15_000);
  await waitFor(() => api().service.get(uri)?.sidecar ?? api().service.get(uri)?.problems.length, 'the article to be loaded', 20_000);
  return document;
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

suite('Teams', () => {
  suiteSetup(async () => {
    await vscode.workspace.getConfiguration('conflictAnnotator').update('annotator', 'alice', vscode.ConfigurationTarget.Global);
  });
  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('conflictAnnotator').update('annotator', undefined, vscode.ConfigurationTarget.Global);
  });

  test('git merge of two annotators runs the driver: no markers, the conflict a problem with quick fixes', async function () {
    this.timeout(180_000);
    const { dir, article, sidecar } = repository('team_merge');
    const rel = (p: string) => path.relative(dir, p);
    // what the watchers see, for the message if the editor misses the merge
    const events: string[] = [];
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.ann.yaml');
    watcher.onDidChange((u) => events.push(`change ${path.basename(u.fsPath)}`));
    watcher.onDidCreate((u) => events.push(`create ${path.basename(u.fsPath)}`));
    watcher.onDidDelete((u) => events.push(`delete ${path.basename(u.fsPath)}`));
    const driver = await vscode.commands.executeCommand<string>('conflictAnnotator.setupGit', dir);
    assert.match(driver ?? '', /dist\/cli\.js'? merge-driver %O %A %B %P$/);
    assert.match(fs.readFileSync(path.join(dir, '.gitattributes'), 'utf8'), /^\*\.ann\.yaml merge=conflict-annotator$/m);
    ok(git(dir, 'add', '.gitattributes', rel(article), rel(sidecar)));
    ok(git(dir, 'commit', '-q', '-m', 'suggestions'));
    const base = readSidecar(sidecar);
    const [iraq, isil, syria] = [idOf(base, 'Iraq'), idOf(base, 'ISIL'), idOf(base, 'Syria')];

    // bob, on his branch: accepts ISIL, rejects Iraq
    ok(git(dir, 'checkout', '-q', '-b', 'bob'));
    await decideAs('bob', article, (s, t) => rejectItem(acceptItem(s, isil, t), iraq));
    ok(git(dir, 'commit', '-q', '-am', 'bob decides'));
    ok(git(dir, 'checkout', '-q', '-b', 'alice', 'main'));

    // alice, in the editor: accepts Iraq and Syria; her name comes from the setting
    const document = await openArticleAt(article);
    const uri = document.uri.toString();
    await vscode.commands.executeCommand('conflictAnnotator.acceptSuggestion', uri, iraq);
    await vscode.commands.executeCommand('conflictAnnotator.acceptSuggestion', uri, syria);
    await waitFor(() => readSidecar(sidecar).mentions.find((m) => m.id === syria)?.status === 'accepted', 'alice\'s decisions on disk');
    assert.equal(readSidecar(sidecar).mentions.find((m) => m.id === iraq)!.by, 'alice');
    assert.equal(readSidecar(sidecar).mentions.find((m) => m.id === isil)!.by, undefined, 'a suggestion has no annotator');
    const iraqAt = document.positionAt(document.getText().indexOf('Iraq') + 1);
    const hover = hoverText((await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, iraqAt)) ?? []);
    assert.match(hover, /accepted · gazetteer .* · by alice, \d{4}\\-\d\d\\-\d\d \d\d:\d\d UTC/);
    ok(git(dir, 'commit', '-q', '-am', 'alice decides'));

    const merge = git(dir, 'merge', '--no-edit', 'bob');
    assert.notEqual(merge.status, 0, 'a conflict stops the merge, as git expects');
    const yaml = fs.readFileSync(sidecar, 'utf8');
    assert.doesNotMatch(yaml, /^(<{7}|={7}|>{7})/m, 'no text markers');
    assert.deepEqual(readSidecar(sidecar).conflicts?.map((c) => c.id), [iraq]);
    assert.equal(readSidecar(sidecar).mentions.find((m) => m.id === isil)!.by, 'bob', 'bob\'s other decision merged in');

    const seen = () => {
      const st = api().service.get(document.uri) as { sidecar?: Sidecar; problems: Array<{ code: string }>; error?: string } | undefined;
      return `a merge conflict problem on the article (editor state: ${st?.sidecar?.conflicts?.length ?? 'no'} conflicts, error ${st?.error}, problems ${st?.problems.map((p) => p.code).join(',')}; diagnostics ${vscode.languages.getDiagnostics(document.uri).map((d) => d.code).join(',')}; watcher events ${events.join(', ')})`;
    };
    const diagnostic = await waitFor(() => vscode.languages.getDiagnostics(document.uri).find((d) => d.code === 'conflict'), seen, 20_000);
    assert.match(diagnostic.message, new RegExp(`^Merge conflict on ${iraq}: mention ${iraq} "Iraq": ours accepted it \\(by alice\\), theirs removed or rejected it`));
    assert.equal(document.getText(diagnostic.range), 'Iraq');
    const onSidecar = vscode.languages.getDiagnostics(vscode.Uri.file(sidecar)).filter((d) => d.code === 'conflict');
    assert.equal(onSidecar.length, 1, 'also on the sidecar line');
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range)) ?? [];
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes(`Take mine (ours) for ${iraq}`), titles.join(' | '));
    const theirs = actions.find((a) => a.title === `Take theirs for ${iraq}: remove it`);
    assert.ok(theirs, titles.join(' | '));
    assert.ok(!titles.some((t) => t.startsWith('Keep both')), 'nothing to keep twice when one side removed it');
    await vscode.commands.executeCommand(theirs.command!.command, ...(theirs.command!.arguments ?? []));

    await waitFor(() => readSidecar(sidecar).conflicts === undefined, 'the settled sidecar on disk');
    const settled = readSidecar(sidecar);
    assert.ok(!settled.mentions.some((m) => m.id === iraq), 'theirs: Iraq rejected');
    assert.deepEqual(settled.rejected.map((r) => [r.text, r.by]), [['Iraq', 'bob']]);
    await waitFor(() => !vscode.languages.getDiagnostics(document.uri).some((d) => d.code === 'conflict'), 'the problem to go');
    assert.equal(cli(dir, 'validate', rel(sidecar)).status, 0);
    ok(git(dir, 'add', rel(sidecar)));
    ok(git(dir, 'commit', '-q', '--no-edit'));
    watcher.dispose();
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('a sidecar with conflict markers: one problem, recovered by its quick fix into conflicts to settle', async function () {
    this.timeout(120_000);
    const { article, sidecar } = repository('team_markers');
    const base = readSidecar(sidecar);
    const [iraq, syria] = [idOf(base, 'Iraq'), idOf(base, 'Syria')];
    const ours = renderSidecar(acceptItem(acceptItem(base, iraq, fs.readFileSync(article, 'utf8')), syria, fs.readFileSync(article, 'utf8')));
    const theirs = renderSidecar(rejectItem(base, iraq));
    // what a text merge leaves: the differing stretch of lines between markers
    const o = ours.split('\n');
    const t = theirs.split('\n');
    let start = 0;
    while (o[start] === t[start]) start++;
    let end = 0;
    while (o[o.length - 1 - end] === t[t.length - 1 - end]) end++;
    fs.writeFileSync(sidecar, [...o.slice(0, start), '<<<<<<< HEAD', ...o.slice(start, o.length - end), '=======', ...t.slice(start, t.length - end), '>>>>>>> bob', ...o.slice(o.length - end)].join('\n'));

    const document = await openArticleAt(article);
    const markers = await waitFor(() => vscode.languages.getDiagnostics(document.uri).find((d) => d.code === 'conflict-markers'), 'a conflict markers problem', 20_000);
    assert.match(markers.message, new RegExp(`conflict markers \\(line ${start + 1}\\)`));
    const onSidecar = vscode.languages.getDiagnostics(vscode.Uri.file(sidecar));
    assert.equal(onSidecar.length, 1, `one problem on the sidecar, not a cascade: ${onSidecar.map((d) => d.message).join(' | ')}`);
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, markers.range)) ?? [];
    const fix = actions.find((a) => a.title.startsWith('Merge the two versions by item'));
    assert.ok(fix, actions.map((a) => a.title).join(' | '));
    await vscode.commands.executeCommand(fix.command!.command, ...(fix.command!.arguments ?? []));
    assert.doesNotMatch(fs.readFileSync(sidecar, 'utf8'), /^<{7}/m);
    const conflict = await waitFor(() => vscode.languages.getDiagnostics(document.uri).find((d) => d.code === 'conflict'), 'the conflict to settle', 20_000);
    assert.match(conflict.message, new RegExp(`Merge conflict on ${iraq}`));
    const keep = ((await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, conflict.range)) ?? []).find((a) => a.title === `Take mine (ours) for ${iraq}`)!;
    await vscode.commands.executeCommand(keep.command!.command, ...(keep.command!.arguments ?? []));
    await waitFor(() => readSidecar(sidecar).conflicts === undefined, 'settled');
    assert.equal(readSidecar(sidecar).mentions.find((m) => m.id === iraq)!.status, 'accepted');
    assert.deepEqual(readSidecar(sidecar).rejected, []);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('curation against another annotator’s branch lists each disagreement; settled and marked reviewed by the curator', async function () {
    this.timeout(120_000);
    const { dir, article, sidecar } = repository('team_curate');
    const rel = (p: string) => path.relative(dir, p);
    ok(git(dir, 'add', rel(article), rel(sidecar)));
    ok(git(dir, 'commit', '-q', '-m', 'curation base'));
    const base = readSidecar(sidecar);
    const [iraq, isil, syria] = [idOf(base, 'Iraq'), idOf(base, 'ISIL'), idOf(base, 'Syria')];
    // bo's version on his branch (made and committed without leaving ours)
    const ours = fs.readFileSync(sidecar);
    await decideAs('bo', article, (s, t) => acceptItem(acceptItem(s, isil, t), syria, t));
    ok(git(dir, 'checkout', '-q', '-b', 'bo-curate'));
    ok(git(dir, 'commit', '-q', '-am', 'bo decides'));
    ok(git(dir, 'checkout', '-q', '-'));
    assert.deepEqual(fs.readFileSync(sidecar), ours);

    const document = await openArticleAt(article);
    const uri = document.uri.toString();
    await vscode.commands.executeCommand('conflictAnnotator.acceptSuggestion', uri, isil);
    await vscode.commands.executeCommand('conflictAnnotator.acceptSuggestion', uri, iraq);
    const disagreements = await vscode.commands.executeCommand<number>('conflictAnnotator.curate', uri, 'bo-curate');
    assert.equal(disagreements, 2, 'Iraq only mine, Syria only theirs; ISIL agreed');
    const problems = await waitFor(() => {
      const d = vscode.languages.getDiagnostics(document.uri).filter((x) => x.code === 'conflict');
      return d.length === 2 ? d : undefined;
    }, 'two conflicts to settle');
    assert.ok(problems.some((d) => d.message.startsWith(`Merge conflict on ${syria}: mention ${syria} "Syria": theirs accepted it (by bo), ours removed or rejected it`)), problems.map((d) => d.message).join(' | '));
    await vscode.commands.executeCommand('conflictAnnotator.markReviewed', uri);
    assert.notEqual(api().service.get(document.uri)?.sidecar?.document.status, 'reviewed', 'not reviewed while conflicts are open');
    // Settle the Next Conflict… as a person answers its quick pick: mine for Iraq, theirs for Syria
    const asked: string[] = [];
    const window = vscode.window as { showQuickPick: unknown };
    const original = window.showQuickPick;
    window.showQuickPick = async (items: Array<{ label: string }>, options: { placeHolder?: string }) => {
      asked.push(options.placeHolder ?? '');
      const mine = (options.placeHolder ?? '').includes(`${iraq} `);
      return items.find((i) => i.label.startsWith(mine ? 'Take mine' : 'Take theirs'));
    };
    let settled: number | undefined;
    try {
      settled = await vscode.commands.executeCommand<number>('conflictAnnotator.nextConflict', uri);
    } finally {
      window.showQuickPick = original;
    }
    assert.equal(settled, 2, asked.join(' | '));
    assert.equal(asked.length, 2, 'asked once per conflict');
    await vscode.commands.executeCommand('conflictAnnotator.markReviewed', uri);
    const done = await waitFor(() => (readSidecar(sidecar).document.status === 'reviewed' ? readSidecar(sidecar) : undefined), 'the curated sidecar');
    assert.equal(done.conflicts, undefined);
    assert.equal(done.document.by, 'alice', 'reviewed by the curator');
    assert.deepEqual(done.mentions.filter((m) => m.status === 'accepted').map((m) => [m.text, m.by]).sort(), [['ISIL', 'alice'], ['Iraq', 'alice'], ['Syria', 'bo']]);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('the agreement report compares two annotators and opens both versions of a disagreement', async function () {
    this.timeout(120_000);
    const copies: string[] = [];
    for (const who of ['agree_amal', 'agree_bo']) {
      fs.mkdirSync(workspacePath(who, 'articles'), { recursive: true });
      const file = workspacePath(who, 'articles', 'doc.txt');
      fs.copyFileSync(workspacePath('articles', SAMPLE), file);
      ok(cli(workspacePath(), 'annotate', path.relative(workspacePath(), file)));
      copies.push(file);
    }
    const base = readSidecar(copies[0].replace(/\.txt$/, '.ann.yaml'));
    const [iraq, isil, syria] = [idOf(base, 'Iraq'), idOf(base, 'ISIL'), idOf(base, 'Syria')];
    await decideAs('amal', copies[0], (s, t) => acceptItem(acceptItem(s, isil, t), iraq, t));
    await decideAs('bo', copies[1], (s, t) => acceptItem(acceptItem(s, isil, t), syria, t));
    const report = await vscode.commands.executeCommand<{ documents: unknown[]; annotators: { a: string; b: string }; disagreements: Array<{ kind: string; a: { text: string } | null; b: { text: string } | null }> }>('conflictAnnotator.showAgreement', { a: workspacePath('agree_amal'), b: workspacePath('agree_bo') });
    assert.equal(report.documents.length, 1);
    assert.deepEqual(report.annotators, { a: 'agree_amal', b: 'agree_bo' });
    assert.deepEqual(report.disagreements.map((d) => [d.kind, d.a?.text ?? d.b?.text]).sort(), [['extra', 'Syria'], ['missing', 'Iraq']]);
    const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label);
    await waitFor(() => tabs().includes('Agreement: agree_amal · agree_bo'), () => `the report's tab (tabs: ${tabs().join(', ')})`);
    const opened = await vscode.commands.executeCommand<number>('conflictAnnotator.openDisagreement', report.disagreements.findIndex((d) => d.kind === 'missing'));
    assert.equal(opened, 2, 'both versions');
    const editors = vscode.window.visibleTextEditors;
    const a = editors.find((e) => e.document.uri.fsPath === copies[0]);
    assert.ok(a, editors.map((e) => e.document.uri.fsPath).join(', '));
    assert.equal(a.document.getText(a.selection), 'Iraq', 'A\'s span selected');
    assert.ok(editors.some((e) => e.document.uri.fsPath === copies[1]), 'B\'s version beside it');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('without the setting, a decision carries git\'s user.name', async function () {
    this.timeout(60_000);
    const { article, sidecar } = repository('team_gitname');
    await vscode.workspace.getConfiguration('conflictAnnotator').update('annotator', undefined, vscode.ConfigurationTarget.Global);
    await new Promise((r) => setTimeout(r, 1500)); // the name is read from git in the background
    const document = await openArticleAt(article);
    const iraq = idOf(readSidecar(sidecar), 'Iraq');
    await vscode.commands.executeCommand('conflictAnnotator.acceptSuggestion', document.uri.toString(), iraq);
    const m = await waitFor(() => readSidecar(sidecar).mentions.find((x) => x.id === iraq && x.status === 'accepted'), 'the accepted mention on disk');
    assert.equal(m.by, 'tester', 'git config user.name of the workspace');
    assert.match(m.at ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
