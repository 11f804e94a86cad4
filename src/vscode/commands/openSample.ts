/**
 * Open a Sample Article: copies the sample corpus (media/samples/articles) into `articles/` of a folder the
 * person picks, or of the open workspace, and opens the first article there. The extension's own folder is
 * never written to (it may be read-only, and is replaced on every update). Files already there are kept.
 */
import * as vscode from 'vscode';
import { join } from 'node:path';
import type { CommandDeps } from './commandDeps';

const FIRST = '000_db39f04dd305928f.txt';
const SAMPLES_FOLDER = 'conflict-samples';

/** Copies the samples into `<folder>/articles/` (existing files stay as they are); returns the first article. */
async function copySamples(deps: CommandDeps, folder: string): Promise<string> {
  const from = vscode.Uri.joinPath(deps.extensionUri, 'media', 'samples', 'articles');
  const to = join(folder, 'articles');
  await deps.fs.mkdirp(to);
  for (const [name, type] of await vscode.workspace.fs.readDirectory(from)) {
    if (type !== vscode.FileType.File) continue;
    const target = join(to, name);
    if (await deps.fs.stat(target)) continue;
    await deps.fs.writeFileAtomic(target, await deps.fs.readFile(join(from.fsPath, name)));
  }
  return join(to, FIRST);
}

/** `folder` (tests, scripts) skips the question; otherwise the workspace or a picked folder. */
export async function openSample(deps: CommandDeps, folder?: string): Promise<string | undefined> {
  let target = folder;
  const workspace = vscode.workspace.workspaceFolders?.[0];
  if (!target) {
    const inWorkspace = workspace ? { label: `Copy into this workspace (${SAMPLES_FOLDER}/articles)`, folder: join(workspace.uri.fsPath, SAMPLES_FOLDER) } : undefined;
    const pick = await vscode.window.showQuickPick(
      [...(inWorkspace ? [inWorkspace] : []), { label: 'Choose a folder…', folder: '' }],
      { title: 'Where should the sample articles go?', placeHolder: 'The samples are copied; the article opens from the copy' },
    );
    if (!pick) return undefined;
    target = pick.folder;
    if (!target) {
      const chosen = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Copy samples here', defaultUri: workspace?.uri });
      if (!chosen?.[0]) return undefined;
      target = chosen[0].fsPath;
    }
  }
  const article = await copySamples(deps, target);
  const inside = workspace && (article.startsWith(workspace.uri.fsPath + '/') || article.startsWith(workspace.uri.fsPath + '\\'));
  if (!inside && !folder) {
    // outside the workspace the copy is opened as a folder, so the Annotations view and statistics see it
    await vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.file(target), { forceNewWindow: false });
    return article;
  }
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(article));
  await vscode.languages.setTextDocumentLanguage(document, 'conflict-text');
  await vscode.window.showTextDocument(document);
  return article;
}
