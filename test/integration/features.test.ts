/// <reference types="mocha" />
// Editor features through the real VS Code API: semantic tokens, hovers, code actions and the sidecar they write.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { currentDocument, openArticle, waitFor, workspacePath } from './helpers';

const EXTENSION_ID = 'conflict-annotator.conflict-annotator';

interface Token {
  line: number;
  character: number;
  length: number;
  type: string;
  modifiers: string[];
}

async function open(name: string): Promise<vscode.TextDocument> {
  await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  const { uri } = await openArticle(name);
  return waitFor(() => (currentDocument(uri)?.languageId === 'conflict-text' ? currentDocument(uri) : undefined), `${name} to become conflict-text`, 15_000);
}

/** Semantic tokens as VS Code computes them for the document, decoded with the extension's legend. */
async function tokensOf(document: vscode.TextDocument): Promise<Token[]> {
  const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>('vscode.provideDocumentSemanticTokensLegend', document.uri);
  const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens>('vscode.provideDocumentSemanticTokens', document.uri);
  if (!tokens || !legend) return [];
  const out: Token[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < tokens.data.length; i += 5) {
    const [dl, dc, length, type, mods] = tokens.data.slice(i, i + 5);
    line += dl;
    character = dl === 0 ? character + dc : dc;
    out.push({ line, character, length, type: legend.tokenTypes[type], modifiers: legend.tokenModifiers.filter((_, b) => mods & (1 << b)) });
  }
  return out;
}

function tokenText(document: vscode.TextDocument, t: Token): string {
  return document.getText(new vscode.Range(t.line, t.character, t.line, t.character + t.length));
}

function positionOf(document: vscode.TextDocument, needle: string, nth = 0): vscode.Position {
  const text = document.getText();
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `"${needle}" is in the article`);
  return document.positionAt(at);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

function readSidecar(name: string): Record<string, any> | undefined {
  const path = workspacePath('articles', name.replace(/\.txt$/, '.ann.yaml'));
  return fs.existsSync(path) ? parse(fs.readFileSync(path, 'utf8')) : undefined;
}

async function codeActions(document: vscode.TextDocument, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, range)) ?? [];
}

suite('Editor features', () => {
  test('semantic tokens colour actors, places and attribution cues', async () => {
    const document = await open('000_db39f04dd305928f.txt');
    const tokens = await waitFor(async () => {
      const t = await tokensOf(document);
      return t.length > 50 ? t : undefined;
    }, 'semantic tokens for the article', 20_000);
    const find = (text: string, type: string) => tokens.find((t) => tokenText(document, t) === text && t.type === type);
    assert.ok(find('ISIL', 'actor'), 'ISIL is an actor token');
    assert.ok(find('Albu Kamal', 'place'), 'Albu Kamal is a place token');
    assert.ok(tokens.some((t) => t.type === 'attributionCue'), 'attribution cues are coloured');
    assert.ok(find('ISIL', 'actor')!.modifiers.includes('suggested'), 'detector output is marked suggested');
  });

  test('hover on an entity shows its card with the canonical name, escaped', async () => {
    const document = await open('000_db39f04dd305928f.txt');
    const position = positionOf(document, 'ISIL').translate(0, 1);
    const hovers = await waitFor(async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
      return hoverText(h ?? []).includes('Islamic State') ? h : undefined;
    }, 'an entity card on ISIL', 20_000);
    const text = hoverText(hovers);
    assert.match(text, /^\*\*Islamic State of Iraq and the Levant\*\*/m);
    assert.match(text, /armed group/);
    assert.match(text, /Mentions: \d+ in this document/);
    const card = hovers.flatMap((h) => h.contents).find((c) => typeof c !== 'string' && 'isTrusted' in c) as vscode.MarkdownString | undefined;
    assert.ok(card, 'the card is a MarkdownString');
    // trusted for the extension's own review commands only, never for everything
    const trust = card.isTrusted;
    assert.ok(trust && typeof trust === 'object', `hover markdown is trusted only for listed commands (isTrusted: ${JSON.stringify(trust)})`);
    for (const command of trust.enabledCommands) assert.match(command, /^conflictAnnotator\.(acceptSuggestion|rejectSuggestion|removeAnnotation|changeLabel|changeEventType|changeEventRole)$/);
    assert.equal(card.supportHtml, false);
    assert.match(text, /\[Accept\]\(command:conflictAnnotator\.acceptSuggestion\?/, 'a suggestion card links Accept');
    assert.match(text, /\[Reject\]\(command:conflictAnnotator\.rejectSuggestion\?/, 'and Reject');
  });

  test('hover on a place shows coordinates; on a cue, the attribution card', async () => {
    const document = await open('000_db39f04dd305928f.txt');
    const place = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'Albu Kamal').translate(0, 2));
    assert.match(hoverText(place), /Coordinates: 34\.45/);
    const text = document.getText();
    const cue = /\b(said|says|told)\b/.exec(text)!;
    const attribution = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, document.positionAt(cue.index + 1));
    assert.match(hoverText(attribution), /Attribution/);
  });

  test('Tag as event from the lightbulb writes the event with actors, place and date into the sidecar', async () => {
    const name = '002_423dc2fc7979b9d9.txt';
    const document = await open(name);
    const text = document.getText();
    // a sentence that reports fighting
    const sentence = /[^.\n]*\b(?:killed|seized|captured|attack|clashes)\b[^.\n]*\./.exec(text);
    assert.ok(sentence, 'the article reports an event');
    const range = new vscode.Range(document.positionAt(sentence.index), document.positionAt(sentence.index + sentence[0].length));
    const actions = await waitFor(async () => {
      const a = await codeActions(document, range);
      return a.some((x) => x.title.startsWith('Tag as event')) ? a : undefined;
    }, 'a "Tag as event" code action', 20_000);
    const tag = actions.find((a) => a.title.startsWith('Tag as event'))!;
    assert.ok(actions.some((a) => a.title === 'Tag as actor'), 'a selection can be tagged as an actor');
    const id = await vscode.commands.executeCommand<string>(tag.command!.command, ...(tag.command!.arguments ?? []), { type: 'Battles', subtype: 'Armed clash', save: true });
    assert.match(id ?? '', /^e(?:\d+|-[0-9a-f]{6,16})$/);
    const sidecar = await waitFor(() => readSidecar(name)?.events?.length ? readSidecar(name) : undefined, 'the sidecar with the event', 10_000);
    const event = sidecar.events.find((e: { id: string }) => e.id === id);
    assert.equal(event.type, 'Battles');
    assert.equal(event.subtype, 'Armed clash');
    assert.equal(event.status, 'accepted');
    assert.equal(Array.from(text).slice(event.start, event.end).join(''), event.text, 'event offsets are code points into the text');
    assert.equal(sidecar.document.sha256.length, 64);
    for (const ref of [event.actor1, event.place].filter(Boolean)) {
      const m = sidecar.mentions.find((x: { id: string }) => x.id === ref);
      assert.ok(m, `event reference ${ref} exists`);
      assert.equal(m.status, 'accepted', 'mentions an event points to are accepted with it');
    }
  });

  test('accept and reject suggestions through code actions; a rejection is not suggested again', async () => {
    const name = '004_c6c6a49fe15b7881.txt';
    const document = await open(name);
    const at = (needle: string) => {
      const p = positionOf(document, needle);
      return new vscode.Range(p, p.translate(0, 1));
    };
    const accept = await waitFor(async () => (await codeActions(document, at('Isil'))).find((a) => a.title.startsWith('Accept suggestion')), 'an Accept suggestion action on Isil', 20_000);
    await vscode.commands.executeCommand(accept.command!.command, ...(accept.command!.arguments ?? []));
    const afterAccept = await waitFor(() => readSidecar(name), 'the sidecar');
    const isil = afterAccept.mentions.find((m: { text: string; status: string }) => m.text === 'Isil' && m.status === 'accepted');
    assert.ok(isil, 'Isil accepted');
    assert.equal(isil.entity, 'isil', 'linked to the canonical entity');

    const reject = (await codeActions(document, at('Qaim'))).find((a) => a.title.startsWith('Reject suggestion'));
    assert.ok(reject, 'a Reject suggestion action on Qaim');
    await vscode.commands.executeCommand(reject.command!.command, ...(reject.command!.arguments ?? []));
    const afterReject = await waitFor(() => (readSidecar(name)?.rejected?.length ? readSidecar(name) : undefined), 'a rejection in the sidecar');
    const rejected = afterReject.rejected[0];
    assert.match(rejected.text, /Qaim/);
    await vscode.commands.executeCommand('conflictAnnotator.annotateFile', document.uri.toString());
    const again = readSidecar(name)!;
    assert.ok(!again.mentions.some((m: { start: number; end: number }) => m.start === rejected.start && m.end === rejected.end), 'the rejected suggestion is not re-added');
    assert.ok(again.mentions.some((m: { id: string; status: string }) => m.id === isil.id && m.status === 'accepted'), 'accepted items survive re-annotation');
  });

  test('edits in the editor move annotations with the text', async () => {
    const name = '004_c6c6a49fe15b7881.txt';
    const document = await open(name);
    const editor = await vscode.window.showTextDocument(document);
    const api = vscode.extensions.getExtension(EXTENSION_ID)!.exports as { service: { get(u: vscode.Uri): { sidecar?: { mentions: Array<{ text: string; start: number; status: string }> } } | undefined } };
    const before = api.service.get(document.uri)!.sidecar!.mentions.find((m) => m.text === 'Isil' && m.status === 'accepted')!;
    const startBefore = before.start;
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'EDITED 🔥 '));
    const after = await waitFor(() => api.service.get(document.uri)?.sidecar?.mentions.find((m) => m.text === 'Isil' && m.status === 'accepted' && m.start !== startBefore), 'the accepted mention to move');
    assert.equal(after.start, startBefore + Array.from('EDITED 🔥 ').length, 'shifted by the inserted code points (emoji counts as one)');
    await vscode.commands.executeCommand('undo');
    await document.save();
  });

  test('a broken sidecar is reported in Problems and never overwritten', async () => {
    // a copy of an article, so the other tests keep their sidecars
    const name = 'broken_copy.txt';
    fs.copyFileSync(workspacePath('articles', '000_db39f04dd305928f.txt'), workspacePath('articles', name));
    const sidecarPath = workspacePath('articles', name.replace(/\.txt$/, '.ann.yaml'));
    const broken = 'version: 1\ndocument: {text: x.txt\nmentions: [\n';
    fs.writeFileSync(sidecarPath, broken);
    const document = await open(name);
    const uri = vscode.Uri.file(sidecarPath);
    await waitFor(() => vscode.languages.getDiagnostics(uri).length > 0, 'diagnostics on the broken sidecar', 15_000);
    await vscode.commands.executeCommand('conflictAnnotator.acceptAll', document.uri.toString());
    assert.equal(fs.readFileSync(sidecarPath, 'utf8'), broken, 'the broken file was left as it was');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    fs.rmSync(sidecarPath);
    fs.rmSync(workspacePath('articles', name));
  });

  test('Export Training Data writes spaCy JSONL of the reviewed documents and a manifest', async () => {
    // only reviewed documents are training data: review one first
    const document = await open('000_db39f04dd305928f.txt');
    await vscode.commands.executeCommand('conflictAnnotator.markReviewed', document.uri.toString());
    const out = workspacePath('exports-test');
    const result = await vscode.commands.executeCommand<string>('conflictAnnotator.exportTrainingData', 'jsonl', out);
    assert.equal(result, out);
    const file = fs.readdirSync(out).find((f) => f.endsWith('.jsonl'));
    assert.ok(file, 'a .jsonl file was written');
    const lines = fs.readFileSync(`${out}/${file}`, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.ok(lines.some((l) => l.meta.name === '000_db39f04dd305928f.txt' && l.spans.length > 0), 'the reviewed document is exported with its annotations');
    const manifest = JSON.parse(fs.readFileSync(`${out}/manifest.json`, 'utf8'));
    assert.ok(manifest.documents.some((d: { name: string }) => d.name === '000_db39f04dd305928f.txt'), 'the manifest lists it');
  });

  test('Show Corpus Statistics counts the workspace articles through the core job', async () => {
    const text = await vscode.commands.executeCommand<string>('conflictAnnotator.showStatistics');
    assert.match(text ?? '', /^Documents: [1-9]\d* \(\d+ reviewed\)\n/, `statistics text: ${text}`);
    assert.match(text ?? '', /\n {2}ACTOR +\d+ +\d+\n/);
    assert.match(text ?? '', /\n +\d+ {2}Islamic State of Iraq and the Levant \(ACTOR\)\n/, 'entities are listed by name, not id');
    assert.doesNotMatch(text ?? '', /\n +\d+ {2}isil \(ACTOR\)\n/);
  });

  test('Open a Sample Article copies the samples into a folder and opens the copy, never writing into the extension', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const samples = `${ext.extensionPath}/media/samples/articles`;
    const before = fs.readdirSync(samples).sort();
    const folder = workspacePath('sample-copy');
    const article = await vscode.commands.executeCommand<string>('conflictAnnotator.openSample', folder);
    assert.equal(article, `${folder}/articles/000_db39f04dd305928f.txt`);
    assert.deepEqual(fs.readdirSync(`${folder}/articles`).sort(), before);
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.fsPath === article, 'the copy to open in the editor');
    await waitFor(() => fs.existsSync(article.replace(/\.txt$/, '.ann.yaml')) || vscode.window.activeTextEditor?.document.languageId === 'conflict-text', 'the copy to be an article');
    assert.deepEqual(fs.readdirSync(samples).sort(), before, 'nothing was written into the extension folder');
  });

  test('outline lists events; references find every mention of an entity', async () => {
    const document = await open('002_423dc2fc7979b9d9.txt');
    const api = vscode.extensions.getExtension(EXTENSION_ID)!.exports as { service: { get(u: vscode.Uri): { sidecar?: { events: unknown[] } } | undefined } };
    await waitFor(() => api.service.get(document.uri)?.sidecar?.events.length, 'the tagged event in the document state');
    // outlines are cached per text version: a new version makes VS Code ask again
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((b) => b.insert(document.positionAt(document.getText().length), ' '));
    const symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', document.uri)) ?? [];
    assert.ok(symbols.some((s) => s.name === 'Battles: Armed clash'), `the event tagged earlier is in the outline: ${JSON.stringify(symbols)}`);
    await vscode.commands.executeCommand('undo');
    await document.save();
    const doc0 = await open('000_db39f04dd305928f.txt');
    const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc0.uri, positionOf(doc0, 'ISIL').translate(0, 1));
    assert.ok(refs.length >= 10, `ISIL has many mentions (${refs.length})`);
  });
});
