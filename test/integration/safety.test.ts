/// <reference types="mocha" />
// Annotations survive outside changes: sidecars edited on disk, text changed under them, very large articles.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import { parse, stringify } from 'yaml';
import { currentDocument, openArticle, waitFor, workspacePath } from './helpers';

const EXTENSION_ID = 'conflict-annotator.conflict-annotator';

interface StateView {
  sidecar?: { mentions: Array<{ id: string; text: string; start: number; end: number; status: string; orphan?: boolean }>; events: unknown[] };
  notice?: string;
}
const api = () => vscode.extensions.getExtension(EXTENSION_ID)!.exports as { service: { get(u: vscode.Uri): StateView | undefined; onSidecarChanged(u: vscode.Uri): Promise<void> } };

/** A fresh copy of a corpus article under a new name, so each test owns its files. */
function copyArticle(from: string, to: string, transform: (t: string) => string = (t) => t): string {
  const text = transform(fs.readFileSync(workspacePath('articles', from), 'utf8'));
  fs.writeFileSync(workspacePath('articles', to), text);
  return text;
}

async function openClaimed(name: string): Promise<vscode.TextDocument> {
  await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  const { uri } = await openArticle(name);
  const document = await waitFor(() => (currentDocument(uri)?.languageId === 'conflict-text' ? currentDocument(uri) : undefined), `${name} to become conflict-text`, 15_000);
  await waitFor(() => api().service.get(uri)?.sidecar, `${name} to be loaded`, 20_000);
  return document;
}

suite('Safety', () => {
  test('a sidecar changed on disk (another window, the CLI, git) is reloaded', async () => {
    const name = 'reload_copy.txt';
    copyArticle('000_db39f04dd305928f.txt', name);
    const document = await openClaimed(name);
    await vscode.commands.executeCommand('conflictAnnotator.acceptAll', document.uri.toString());
    const path = workspacePath('articles', 'reload_copy.ann.yaml');
    await waitFor(() => fs.existsSync(path), 'the sidecar to be written');
    // someone else rejects the first mention and marks the document reviewed
    const data = parse(fs.readFileSync(path, 'utf8'));
    const gone = data.mentions.shift();
    data.document.status = 'reviewed';
    fs.writeFileSync(path, `# edited by hand\n${stringify(data)}`);
    await waitFor(() => !api().service.get(document.uri)?.sidecar?.mentions.some((m) => m.id === gone.id && m.status === 'accepted'), 'the removal to be picked up', 15_000);
    // the next change through the editor keeps the outside edit and the comment
    await vscode.commands.executeCommand('conflictAnnotator.markReviewed', document.uri.toString());
    const after = fs.readFileSync(path, 'utf8');
    assert.match(after, /# edited by hand/);
    assert.equal(parse(after).document.status, 'reviewed');
  });

  test('a decision not written yet survives an outside change of the sidecar (it is merged, not reloaded over)', async () => {
    const name = 'pending_copy.txt';
    copyArticle('000_db39f04dd305928f.txt', name);
    const document = await openClaimed(name);
    const uri = document.uri.toString();
    const path = workspacePath('articles', 'pending_copy.ann.yaml');
    const suggested = () => api().service.get(document.uri)!.sidecar!.mentions.filter((m) => m.status === 'suggested');
    await vscode.commands.executeCommand('conflictAnnotator.acceptSuggestion', uri, suggested()[0].id);
    await waitFor(() => fs.existsSync(path), 'the sidecar to be written');
    // the next accept waits for a pause before it is written; meanwhile someone else saves the file
    const second = suggested()[0];
    const accepting = vscode.commands.executeCommand('conflictAnnotator.acceptSuggestion', uri, second.id);
    const data = parse(fs.readFileSync(path, 'utf8'));
    data.document.status = 'reviewed';
    fs.writeFileSync(path, `# edited by hand\n${stringify(data)}`);
    await accepting;
    const accepted = (t: string) => (parse(t).mentions as Array<{ id: string; status?: string }>).some((m) => m.id === second.id && m.status === 'accepted');
    const after = await waitFor(() => {
      const t = fs.readFileSync(path, 'utf8');
      return accepted(t) && parse(t).document.status === 'reviewed' ? t : undefined;
    }, 'the accept and the outside change both on disk', 15_000);
    assert.match(after, /# edited by hand/);
    await new Promise((r) => setTimeout(r, 1500)); // the watcher's late events must not take the accept back
    assert.ok(accepted(fs.readFileSync(path, 'utf8')), 'the accept is still on disk');
    assert.equal(api().service.get(document.uri)!.sidecar!.mentions.find((m) => m.id === second.id)?.status, 'accepted');
  });

  test('a second watcher event for the same outside change, while the merged write runs, does not show the older file', async () => {
    const name = 'twice_copy.txt';
    copyArticle('000_db39f04dd305928f.txt', name);
    const document = await openClaimed(name);
    const uri = document.uri.toString();
    const path = workspacePath('articles', 'twice_copy.ann.yaml');
    const suggested = () => api().service.get(document.uri)!.sidecar!.mentions.filter((m) => m.status === 'suggested');
    await vscode.commands.executeCommand('conflictAnnotator.acceptSuggestion', uri, suggested()[0].id);
    await waitFor(() => fs.existsSync(path), 'the sidecar to be written');
    const second = suggested()[0];
    const accepting = vscode.commands.executeCommand('conflictAnnotator.acceptSuggestion', uri, second.id);
    const data = parse(fs.readFileSync(path, 'utf8'));
    data.document.status = 'reviewed';
    fs.writeFileSync(path, `# edited by hand\n${stringify(data)}`);
    // file watchers often report one save twice: the first event writes the pending accept merged with the file,
    // the second comes while that write runs and must not adopt the file as it was before it
    const sidecarUri = vscode.Uri.file(path);
    await Promise.all([api().service.onSidecarChanged(sidecarUri), api().service.onSidecarChanged(sidecarUri), accepting]);
    const accepted = (t: string) => (parse(t).mentions as Array<{ id: string; status?: string }>).some((m) => m.id === second.id && m.status === 'accepted');
    await waitFor(() => {
      const t = fs.readFileSync(path, 'utf8');
      return accepted(t) && parse(t).document.status === 'reviewed' ? t : undefined;
    }, 'the accept and the outside change both on disk', 15_000);
    await new Promise((r) => setTimeout(r, 1500));
    assert.ok(accepted(fs.readFileSync(path, 'utf8')), 'the accept is still on disk');
    assert.equal(api().service.get(document.uri)!.sidecar!.mentions.find((m) => m.id === second.id)?.status, 'accepted', 'and on screen');
  });

  test('text deleted under an annotation makes it an orphan with a quick fix, never a wrong span', async () => {
    const name = 'orphan_copy.txt';
    copyArticle('000_db39f04dd305928f.txt', name);
    const document = await openClaimed(name);
    const editor = await vscode.window.showTextDocument(document);
    const text = document.getText();
    const target = 'Hadi Salameh';
    const at = text.indexOf(target);
    assert.ok(at > 0);
    // accept the mention first, so it is a person's work that must not vanish
    const mention = await waitFor(() => api().service.get(document.uri)?.sidecar?.mentions.find((m) => m.text === target), `a mention of ${target}`);
    await vscode.commands.executeCommand('conflictAnnotator.acceptSuggestion', document.uri.toString(), mention.id);
    await editor.edit((b) => b.replace(new vscode.Range(document.positionAt(at), document.positionAt(at + target.length)), 'a man'));
    const orphan = await waitFor(() => api().service.get(document.uri)?.sidecar?.mentions.find((m) => m.id === mention.id && m.orphan), 'the accepted mention to become an orphan');
    assert.equal(orphan.text, target, 'the orphan keeps its quote');
    const diagnostics = await waitFor(() => vscode.languages.getDiagnostics(document.uri).filter((d) => d.code === 'orphan'), 'an orphan diagnostic');
    assert.match(diagnostics[0].message, new RegExp(mention.id));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostics[0].range);
    assert.ok(actions.some((a) => a.title.startsWith(`Re-attach ${mention.id}`)), 're-attach quick fix');
    assert.ok(actions.some((a) => a.title.startsWith(`Delete orphaned ${mention.id}`)), 'delete quick fix');
    // no other accepted or suggested mention points at text that does not match its quote
    const now = document.getText();
    for (const m of api().service.get(document.uri)!.sidecar!.mentions.filter((x) => !x.orphan)) {
      assert.equal(Array.from(now).slice(m.start, m.end).join(''), m.text, `${m.id} still quotes its text`);
    }
    // the Annotations view's context menu passes its tree node: re-attach to the selection, then delete
    const replaced = document.getText().indexOf('a man', at - 1);
    editor.selection = new vscode.Selection(document.positionAt(replaced), document.positionAt(replaced + 'a man'.length));
    const node = { item: { uri: document.uri.toString(), id: mention.id } };
    await vscode.commands.executeCommand('conflictAnnotator.reattachOrphan', node);
    const reattached = api().service.get(document.uri)!.sidecar!.mentions.find((m) => m.id === mention.id)!;
    assert.deepEqual([reattached.orphan, reattached.text], [undefined, 'a man']);
    await vscode.commands.executeCommand('conflictAnnotator.deleteOrphan', node);
    assert.ok(!api().service.get(document.uri)!.sidecar!.mentions.some((m) => m.id === mention.id), 'deleted');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('a very large article opens without automatic suggestions and stays responsive', async () => {
    const name = 'large_copy.txt';
    const base = fs.readFileSync(workspacePath('articles', '000_db39f04dd305928f.txt'), 'utf8');
    fs.writeFileSync(workspacePath('articles', name), base.repeat(Math.ceil((3 * 1024 * 1024) / base.length)));
    const started = Date.now();
    const document = await openClaimed(name);
    const state = api().service.get(document.uri)!;
    assert.match(state.notice ?? '', /larger than/);
    assert.equal(state.sidecar!.mentions.length, 0, 'no detection ran on it');
    const hover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(4, 1));
    assert.ok(Array.isArray(hover));
    assert.ok(Date.now() - started < 60_000, 'opened within a minute');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('a 48 MB article with a sidecar shows its annotations without detection', async function () {
    this.timeout(180_000);
    const name = 'huge_copy.txt';
    const base = fs.readFileSync(workspacePath('articles', '000_db39f04dd305928f.txt'), 'utf8');
    assert.ok(!/[\uD800-\uDFFF]/.test(base), 'the base article has no astral characters, so UTF-16 and code point offsets agree');
    // just under the 50 MB above which VS Code does not hand a file to extensions at all
    const text = base.repeat(Math.floor((48 * 1024 * 1024) / Buffer.byteLength(base)));
    fs.writeFileSync(workspacePath('articles', name), text);
    const at = text.lastIndexOf('ISIL');
    const sha = createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');
    fs.writeFileSync(workspacePath('articles', 'huge_copy.ann.yaml'), `version: 1\ndocument: {text: huge_copy.txt, sha256: ${sha}, status: draft}\nmentions:\n  - {id: m1, label: ACTOR, start: ${at}, end: ${at + 4}, text: ISIL, entity: isil, status: accepted, origin: manual}\n`);
    const started = Date.now();
    const document = await openClaimed(name);
    const state = api().service.get(document.uri)!;
    assert.match(state.notice ?? '', /larger than/);
    assert.deepEqual(state.sidecar!.mentions.map((m) => [m.id, m.start, m.status]), [['m1', at, 'accepted']]);
    const hover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, document.positionAt(at + 1));
    assert.match(hover.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n'), /Islamic State/);
    assert.ok(Date.now() - started < 120_000, `opened in ${Date.now() - started} ms`);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    fs.rmSync(workspacePath('articles', name));
    fs.rmSync(workspacePath('articles', 'huge_copy.ann.yaml'));
  });
});
