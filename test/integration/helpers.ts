// Shared helpers for integration tests running inside the extension host.
import * as path from 'node:path';
import * as vscode from 'vscode';

/** Absolute path inside the per-run workspace copy (media/samples/articles as articles/) (tests may write there freely). */
export function workspacePath(...segments: string[]): string {
  const root = process.env.CONFLICT_ANNOTATOR_TEST_WORKSPACE ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!root) throw new Error('no test workspace: CONFLICT_ANNOTATOR_TEST_WORKSPACE is unset and no folder is open');
  return path.join(root, ...segments);
}

/**
 * Polls `fn` until it returns a truthy value (or a promise of one); fails with `what` after `ms`.
 * `what` may be a function so the message can describe the state at the moment of failure.
 */
export async function waitFor<T>(fn: () => T | Promise<T>, what: string | (() => string), ms = 10_000, intervalMs = 50): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value as NonNullable<T>;
    } catch (err) {
      lastError = err; // keep polling: the condition may depend on state that is still settling
    }
    if (Date.now() >= deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      const description = typeof what === 'function' ? what() : what;
      throw new Error(`timed out after ${ms} ms waiting for ${description}${cause}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** The open document for `uri`, looked up afresh: a language change replaces the TextDocument object. */
export function currentDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
}

/** Opens `articles/<name>` from the test workspace in an editor. */
export async function openArticle(name: string): Promise<{ uri: vscode.Uri; document: vscode.TextDocument; editor: vscode.TextEditor }> {
  const uri = vscode.Uri.file(workspacePath('articles', name));
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  return { uri, document, editor };
}
