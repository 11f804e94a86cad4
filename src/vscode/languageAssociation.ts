/**
 * Claims article files for the `conflict-text` language: plain-text files matching the article globs setting,
 * any .txt with a sidecar beside it, and any file the person asks to annotate. Other .txt files stay plain text.
 */
import * as vscode from 'vscode';
import type { FileSystem } from '../core/ports';
import { sidecarPathFor } from '../core/sidecar/sidecarFormat';
import { LANGUAGE_ID } from './ids';
import type { Settings } from './settings';

export async function isArticle(document: vscode.TextDocument, settings: Settings, fs: FileSystem): Promise<boolean> {
  if (document.uri.scheme !== 'file' || !document.uri.fsPath.toLowerCase().endsWith('.txt')) return false;
  if (settings.articleGlobs(document.uri).some((pattern) => vscode.languages.match({ pattern }, document) > 0)) return true;
  try {
    return (await fs.stat(sidecarPathFor(document.uri.fsPath))) !== undefined;
  } catch {
    return false;
  }
}

export async function claimIfArticle(document: vscode.TextDocument, settings: Settings, fs: FileSystem): Promise<void> {
  if (document.languageId !== 'plaintext') return;
  if (await isArticle(document, settings, fs)) await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
}
