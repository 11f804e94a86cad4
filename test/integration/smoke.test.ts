/// <reference types="mocha" />
// The real extension loads in a real VS Code and claims article files.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { currentDocument, openArticle, waitFor, workspacePath } from './helpers';

const EXTENSION_ID = 'conflict-annotator.conflict-annotator';
const ARTICLE = '000_db39f04dd305928f.txt';

suite('Smoke', () => {
  test('the window has the per-run workspace copy open', () => {
    const fromRunner = process.env.CONFLICT_ANNOTATOR_TEST_WORKSPACE;
    assert.ok(fromRunner, 'CONFLICT_ANNOTATOR_TEST_WORKSPACE reaches the extension host');
    assert.equal(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath, fromRunner);
  });

  test('the extension is installed and activates', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  test('an article opens with the conflict-text language', async () => {
    assert.ok(fs.existsSync(workspacePath('articles', ARTICLE)), 'the workspace copy holds the fixture article');
    const { uri, document } = await openArticle(ARTICLE);
    assert.equal(document.getText(), fs.readFileSync(workspacePath('articles', ARTICLE), 'utf8'));
    const doc = await waitFor(
      () => (currentDocument(uri)?.languageId === 'conflict-text' ? currentDocument(uri) : undefined),
      () => `languageId of ${ARTICLE} to become conflict-text (it is ${currentDocument(uri)?.languageId})`,
      15_000,
    );
    assert.equal(doc.languageId, 'conflict-text');
  });
});
