/**
 * Claims article files for the `conflict-text` language: plain-text files matching the article globs setting,
 * any .txt with a sidecar beside it, and any file the person asks to annotate. Other .txt files stay plain text.
 */
import * as vscode from 'vscode';
import { sidecarPathFor } from '../core/sidecar/sidecarFormat';
import { LANGUAGE_ID, SETTINGS, SETTINGS_SECTION } from './ids';

export async function isArticle(document: vscode.TextDocument): Promise<boolean> {
  if (document.uri.scheme !== 'file' || !document.uri.fsPath.toLowerCase().endsWith('.txt')) return false;
  const globs = vscode.workspace.getConfiguration(SETTINGS_SECTION, document.uri).get<string[]>(SETTINGS.articleGlobs, []);
  if (globs.some((pattern) => vscode.languages.match({ pattern }, document) > 0)) return true;
  try {
    await vscode.workspace.fs.stat(vscode.Uri.file(sidecarPathFor(document.uri.fsPath)));
    return true;
  } catch {
    return false;
  }
}

export async function claimIfArticle(document: vscode.TextDocument): Promise<void> {
  if (document.languageId !== 'plaintext') return;
  if (await isArticle(document)) await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
}
