/// <reference types="mocha" />
// The review loop through the real commands: next/previous, accept-and-next, reject-and-next, change label,
// undo/redo of annotation actions (and which change Ctrl+Z takes back), undoing a text edit that orphaned
// annotations, and selections snapped to whole words. Each test owns a copy of a sample article.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { parse, stringify } from 'yaml';
import { currentDocument, openArticle, waitFor, workspacePath } from './helpers';
import { rejectItem } from '../../src/core/review/mergeSuggestions';
import type { Sidecar } from '../../src/core/model';

const EXTENSION_ID = 'conflict-annotator.conflict-annotator';
const SOURCE = '000_db39f04dd305928f.txt';

interface MentionView { id: string; label: string; text: string; start: number; end: number; status: string; orphan?: boolean }
interface StateView {
  text: string;
  sidecar?: { mentions: MentionView[]; attributions: Array<{ id: string; status: string; cue: { start: number; end: number } }>; events: Array<{ id: string; actor1?: string }>; rejected: unknown[] };
  history: { undo: Array<{ label: string }>; redo: unknown[] };
}
interface Api {
  service: {
    get(u: vscode.Uri): StateView | undefined;
    undoable(s: StateView): { label: string } | undefined;
    redoable(s: StateView): unknown;
    open(d: vscode.TextDocument): Promise<StateView | undefined>;
    detected(u: vscode.Uri): Promise<void>;
    update(u: vscode.Uri, change: (s: Sidecar) => Sidecar, label?: string): Promise<void>;
  };
}
const api = () => vscode.extensions.getExtension(EXTENSION_ID)!.exports as Api;
const run = <T = unknown>(command: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(`conflictAnnotator.${command}`, ...args);

let copies = 0;
/** A fresh copy of the sample article, opened and loaded with its suggestions. */
async function openCopy(): Promise<{ uri: vscode.Uri; editor: vscode.TextEditor; state: () => StateView; sidecarPath: string }> {
  await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  const name = `review_${++copies}.txt`;
  fs.copyFileSync(workspacePath('articles', SOURCE), workspacePath('articles', name));
  const { uri } = await openArticle(name);
  await waitFor(() => currentDocument(uri)?.languageId === 'conflict-text', `${name} to become conflict-text`, 15_000);
  const state = () => api().service.get(uri)!;
  await waitFor(() => (state()?.sidecar?.mentions.length ?? 0) > 20, `suggestions in ${name}`, 20_000);
  const editor = await vscode.window.showTextDocument(currentDocument(uri)!, { preview: false });
  return { uri, editor, state, sidecarPath: workspacePath('articles', name.replace(/\.txt$/, '.ann.yaml')) };
}

const cp = (text: string, u16: number) => Array.from(text.slice(0, u16)).length;
const selectedCp = (editor: vscode.TextEditor) => {
  const text = editor.document.getText();
  return { start: cp(text, editor.document.offsetAt(editor.selection.start)), end: cp(text, editor.document.offsetAt(editor.selection.end)) };
};
const mentionAtSelection = (s: StateView, editor: vscode.TextEditor) => {
  const sel = selectedCp(editor);
  return s.sidecar!.mentions.find((m) => m.start === sel.start && m.end === sel.end);
};
const readSidecar = (path: string) => parse(fs.readFileSync(path, 'utf8')) as { mentions: MentionView[]; rejected: Array<{ text: string }> };
/** Selects the `nth` occurrence of `needle` (UTF-16 search; the fixture has no astral characters). */
function selectText(editor: vscode.TextEditor, needle: string, from = 0, to = needle.length, nth = 0): void {
  const text = editor.document.getText();
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `"${needle}" is in the article`);
  editor.selection = new vscode.Selection(editor.document.positionAt(at + from), editor.document.positionAt(at + to));
}

suite('Review loop', () => {
  test('next/previous suggestion, accept-and-next and reject-and-next move through the suggestions in text order', async () => {
    const { editor, state, sidecarPath } = await openCopy();
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const first = await run<string>('nextSuggestion');
    const m1 = mentionAtSelection(state(), editor) ?? state().sidecar!.attributions.find((a) => a.id === first);
    assert.ok(m1, `the selection covers the first suggestion ${first}`);
    const accepted = await run<string>('acceptAndNext');
    assert.equal(accepted, first, 'accept-and-next decided on the selected suggestion');
    assert.equal(state().sidecar!.mentions.find((m) => m.id === first)?.status ?? state().sidecar!.attributions.find((a) => a.id === first)?.status, 'accepted');
    const second = mentionAtSelection(state(), editor);
    assert.ok(second && second.status === 'suggested' && second.id !== first, 'the selection moved on to the next suggestion');
    const rejected = await run<string>('rejectAndNext');
    assert.equal(rejected, second.id);
    assert.ok(!state().sidecar!.mentions.some((m) => m.id === second.id), 'the rejected suggestion is gone');
    const third = selectedCp(editor);
    assert.ok(third.start > second.start, 'the selection moved past the rejected suggestion');
    await run('nextSuggestion');
    assert.ok(selectedCp(editor).start > third.start, 'next suggestion skips ahead without deciding');
    await run('previousSuggestion');
    assert.deepEqual(selectedCp(editor), third, 'previous suggestion goes back');
    // nothing before the third is left to decide: previous wraps around to the last suggestion
    await run('previousSuggestion');
    assert.ok(selectedCp(editor).start > third.start, 'previous wraps around at the start');
    // any kind: the accepted first item is reachable again
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    assert.equal(await run<string>('nextAnnotation'), first);
    const onDisk = await waitFor(() => {
      const s = readSidecar(sidecarPath);
      return s.mentions.some((m) => m.id === first && m.status === 'accepted') && s.rejected.some((r) => r.text === second.text) ? s : undefined;
    }, 'the sidecar to hold the accept and the rejection');
    assert.ok(onDisk);
  });

  test('change label turns an actor into a place (a person\'s annotation) and back', async () => {
    const { editor, state } = await openCopy();
    selectText(editor, 'Albu Kamal', 2, 2);
    const id = await run<string>('changeLabel');
    const m = state().sidecar!.mentions.find((x) => x.id === id)!;
    assert.equal(m.text, 'Albu Kamal');
    assert.equal(m.label, 'ACTOR');
    assert.equal(m.status, 'accepted');
    await run('changeLabel');
    assert.equal(state().sidecar!.mentions.find((x) => x.id === id)!.label, 'PLACE');
    assert.equal(state().sidecar!.mentions.filter((x) => x.start === m.start && x.end === m.end && !x.orphan).length, 1, 'one mention on the span');
  });

  test('undo and redo annotation changes; the sidecar on disk follows; Ctrl+Z goes to the text after typing', async () => {
    const { editor, state, sidecarPath, uri } = await openCopy();
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const id = await run<string>('nextSuggestion');
    await run('acceptAndNext');
    assert.match(api().service.undoable(state())?.label ?? '', /^Accept /, 'Ctrl+Z would undo the accept');
    await run('undoAnnotation');
    const statusOf = () => state().sidecar!.mentions.find((m) => m.id === id)?.status ?? state().sidecar!.attributions.find((a) => a.id === id)?.status;
    assert.equal(statusOf(), 'suggested');
    await waitFor(() => !readSidecar(sidecarPath).mentions.some((m) => m.id === id && m.status === 'accepted'), 'the undo on disk');
    assert.ok(api().service.redoable(state()), 'Ctrl+Shift+Z would redo it');
    await run('redoAnnotation');
    assert.equal(statusOf(), 'accepted');
    await waitFor(() => readSidecar(sidecarPath).mentions.some((m) => m.id === id && m.status === 'accepted') || !readSidecar(sidecarPath).mentions.some((m) => m.id === id), 'the redo on disk');
    // typing makes the text the latest change: Ctrl+Z is a text undo again ...
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'x'));
    assert.equal(api().service.undoable(state()), undefined, 'after typing, Ctrl+Z undoes the typing');
    await vscode.commands.executeCommand('undo');
    await waitFor(() => currentDocument(uri)!.getText() === fs.readFileSync(workspacePath('articles', SOURCE), 'utf8'), 'the typing undone');
    // ... and once the typing is undone, the accept before it is the latest change again
    assert.match(api().service.undoable(state())?.label ?? '', /^Accept /);
    await currentDocument(uri)!.save();
  });

  test('undoing a deletion brings the annotations it orphaned back at their place, without duplicates', async () => {
    const { editor, state, uri } = await openCopy();
    const doc = currentDocument(uri)!;
    const text = doc.getText();
    const at = text.indexOf('Albu Kamal');
    const target = state().sidecar!.mentions.find((m) => m.start === cp(text, at) && !m.orphan)!;
    await run('acceptSuggestion', uri.toString(), target.id);
    const before = state().sidecar!.mentions.filter((m) => !m.orphan).map((m) => `${m.id}|${m.label}|${m.start}|${m.end}|${m.status}`).sort();
    // delete the line with the accepted mention and other suggestions on it
    const line = doc.positionAt(at).line;
    await editor.edit((b) => b.delete(doc.lineAt(line).rangeIncludingLineBreak));
    assert.ok(state().sidecar!.mentions.find((m) => m.id === target.id)?.orphan, 'the accepted mention is orphaned by the deletion');
    await new Promise((r) => setTimeout(r, 900)); // detection drops orphaned suggestions
    await vscode.commands.executeCommand('undo');
    await waitFor(() => currentDocument(uri)!.getText() === text, 'the deletion undone');
    const restored = state().sidecar!.mentions.find((m) => m.id === target.id)!;
    assert.equal(restored.orphan, undefined, 'the accepted mention is placed again');
    assert.equal(restored.status, 'accepted');
    await new Promise((r) => setTimeout(r, 900)); // detection runs again on the restored text
    const after = state().sidecar!.mentions.filter((m) => !m.orphan);
    const keys = after.map((m) => `${m.label}|${m.start}|${m.end}`);
    assert.equal(new Set(keys).size, keys.length, 'no span is annotated twice with the same label');
    assert.deepEqual(after.map((m) => `${m.id}|${m.label}|${m.start}|${m.end}|${m.status}`).sort(), before, 'every annotation is back as it was');
    await doc.save();
  });

  test('selections snap to whole words without punctuation; a new mention replaces an overlapping one', async () => {
    const { editor, state } = await openCopy();
    // '"pledged loyalty to ISIL," said' : the selection takes the comma and a quote mark
    selectText(editor, 'ISIL," said', 0, 6);
    const id = await run<string>('tagActor');
    const m = state().sidecar!.mentions.find((x) => x.id === id)!;
    assert.equal(m.text, 'ISIL');
    assert.equal(editor.document.getText(editor.selection), 'ISIL', 'the editor shows the snapped selection');
    // a selection inside a word takes the whole word
    selectText(editor, 'tinderbox town', 3, 12);
    const id2 = await run<string>('tagPlace');
    assert.equal(state().sidecar!.mentions.find((x) => x.id === id2)?.text, 'tinderbox town');
    // "Iraqi security forces" over the suggested "Iraqi security forces"-part: same label, overlapping, replaced
    selectText(editor, 'Iraqi security forces abandoned', 0, 21);
    const part = state().sidecar!.mentions.filter((x) => x.label === 'ACTOR' && !x.orphan && x.text !== 'Iraqi security forces' && x.start >= selectedCp(editor).start && x.end <= selectedCp(editor).end);
    const id3 = await run<string>('tagActor', undefined, { overlap: 'replace' });
    const s = state().sidecar!;
    assert.equal(s.mentions.find((x) => x.id === id3)?.text, 'Iraqi security forces');
    for (const p of part) assert.ok(!s.mentions.some((x) => x.id === p.id), `the overlapping ${p.text} was replaced`);
  });

  test('the quick fix menu on a sentence offers every suggestion in it, and accepts them all at once', async () => {
    const { uri, editor, state } = await openCopy();
    const text = editor.document.getText();
    const cps = (u16: number) => cp(text, u16);
    // the sentence of the sample with the most suggestions (far more than the four the menu once showed)
    let best = { start: 0, end: 0, n: 0 };
    for (const m of text.matchAll(/[^.\n]+\./g)) {
      const [start, end] = [cps(m.index!), cps(m.index! + m[0].length)];
      const s = state().sidecar!;
      const n = [...s.mentions.filter((x) => !x.orphan && x.status === 'suggested' && x.start < end && start < x.end), ...s.attributions.filter((a) => a.status === 'suggested' && a.cue.start < end && start < a.cue.end)].length;
      if (n > best.n) best = { start: m.index!, end: m.index! + m[0].length, n };
    }
    assert.ok(best.n >= 6, `a sentence with six suggestions or more (found ${best.n})`);
    const range = new vscode.Range(editor.document.positionAt(best.start), editor.document.positionAt(best.end));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range);
    const accepts = actions.filter((a) => a.title.startsWith('Accept suggestion'));
    const ids = new Set(accepts.map((a) => a.command!.arguments![1] as string));
    const inRange = (s: NonNullable<StateView['sidecar']>) => [
      ...s.mentions.filter((x) => !x.orphan && x.status === 'suggested' && x.start < cps(best.end) && cps(best.start) < x.end).map((x) => x.id),
      ...s.attributions.filter((a) => a.status === 'suggested' && a.cue.start < cps(best.end) && cps(best.start) < a.cue.end).map((a) => a.id),
    ];
    for (const id of inRange(state().sidecar!)) assert.ok(ids.has(id), `the menu offers to accept ${id}`);
    const all = actions.find((a) => /^Accept the \d+ suggestions in the selection$/.test(a.title));
    assert.ok(all, `an accept-all-in-selection action (titles: ${actions.map((a) => a.title).join(' | ')})`);
    await vscode.commands.executeCommand(all.command!.command, ...(all.command!.arguments ?? []));
    assert.deepEqual(inRange(state().sidecar!), [], 'no suggestion left in the sentence');
    assert.match(api().service.undoable(state())?.label ?? '', /^Accept \d+ suggestions$/, 'one undoable action');
  });

  test('an annotated article is shown from its sidecar at once; a decision made before its suggestions are detected stays', async () => {
    const { editor, state, sidecarPath } = await openCopy();
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await run('nextSuggestion');
    const accepted = mentionAtSelection(state(), editor);
    assert.ok(accepted, 'a suggested mention is selected');
    await run('acceptAndNext');
    const onDisk = await waitFor(() => {
      const s = parse(fs.readFileSync(sidecarPath, 'utf8'));
      return s?.mentions?.some((m: MentionView) => m.id === accepted.id && m.status === 'accepted') ? s : undefined;
    }, 'the accept on disk');
    // another article with this text and a sidecar holding the accepted mention and one suggestion only
    const name = `review_${++copies}.txt`;
    fs.copyFileSync(workspacePath('articles', SOURCE), workspacePath('articles', name));
    const kept = onDisk.mentions.find((m: MentionView & { status?: string }) => m.id !== accepted.id && m.status !== 'accepted');
    onDisk.document.text = name;
    onDisk.mentions = onDisk.mentions.filter((m: MentionView) => m.id === accepted.id || m.id === kept.id);
    onDisk.attributions = [];
    onDisk.events = [];
    fs.writeFileSync(workspacePath('articles', name.replace(/\.txt$/, '.ann.yaml')), stringify(onDisk));
    const uri = vscode.Uri.file(workspacePath('articles', name));
    const shown = await api().service.open(await vscode.workspace.openTextDocument(uri));
    assert.deepEqual(shown?.sidecar?.mentions.map((m) => m.id).sort(), [accepted.id, kept.id].sort(), 'what the sidecar holds, before detection');
    // the rejection the Reject command makes, applied at once: made through the command it could, on a loaded
    // machine, come after detection (which waits half a second at most), and test nothing
    const decided = api().service.update(uri, (sidecar) => rejectItem(sidecar, kept.id), 'Reject');
    assert.deepEqual(api().service.get(uri)!.sidecar!.mentions.map((m) => m.id), [accepted.id], 'the rejection came before the detected suggestions');
    await decided;
    await api().service.detected(uri);
    const after = api().service.get(uri)!.sidecar!;
    assert.ok(after.mentions.length > 20, `the detected suggestions joined (${after.mentions.length} mentions)`);
    assert.equal(after.mentions.find((m) => m.id === accepted.id)?.status, 'accepted', 'the accept stayed');
    assert.ok(!after.mentions.some((m) => m.start === kept.start && m.end === kept.end), 'the rejected suggestion did not come back');
    assert.equal(after.rejected.length, 1);
    // the Reject command as the hover card's link and the quick fix run it (document and id) rejects the same way
    const other = after.mentions.find((m) => m.status === 'suggested')!;
    await run('rejectSuggestion', uri.toString(), other.id);
    const final = api().service.get(uri)!.sidecar!;
    assert.ok(!final.mentions.some((m) => m.id === other.id), 'the command took the suggestion out');
    assert.equal(final.rejected.length, 2, 'and recorded its rejection');
  });

  test('every decision, and its undo, is learned in the workspace\'s conflict-learned.yaml', async () => {
    const { uri, editor, state } = await openCopy();
    const learned = workspacePath('conflict-learned.yaml');
    const doc = `articles/${uri.path.split('/').pop()}`;
    // the entries this document is listed in as accepted
    const acceptedHere = () => (parse(fs.readFileSync(learned, 'utf8'))?.entries ?? []).filter((e: { accepted?: string[] }) => e.accepted?.includes(doc)).map((e: { text: string }) => e.text);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await run('nextSuggestion');
    const picked = mentionAtSelection(state(), editor);
    assert.ok(picked, 'a suggested mention is selected');
    await run('acceptAndNext');
    await waitFor(() => acceptedHere().includes(picked.text), `"${picked.text}" learned as accepted in ${doc}`, 10_000);
    await run('undoAnnotation');
    await waitFor(() => !acceptedHere().includes(picked.text), `the undone accept of "${picked.text}" unlearned`, 10_000);
  });
});
