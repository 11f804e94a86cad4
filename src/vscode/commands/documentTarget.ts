/**
 * What the editing commands act on. Arguments passed by code actions and tree items are plain JSON (uri string,
 * code point offsets, ids) so the same commands can be run from tests; without them the active editor counts.
 */
import * as vscode from 'vscode';
import type { Sidecar } from '../../core/model';
import { splitSentences } from '../../core/text/splitSentences';
import type { AnnotationService, DocState } from '../annotationService';

/** Where a command acts: a document and a code point range in it. */
export interface Target {
  uri: string;
  start: number;
  end: number;
}

export type ArticleState = DocState & { sidecar: Sidecar };

export async function documentFor(uri?: string): Promise<vscode.TextDocument> {
  if (uri) return vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const editor = vscode.window.activeTextEditor;
  if (!editor) throw new Error('open an article first');
  return editor.document;
}

export async function stateFor(service: AnnotationService, document: vscode.TextDocument): Promise<ArticleState> {
  const state = await service.open(document);
  if (!state) throw new Error('this file is not an article on disk');
  if (!state.sidecar) throw new Error(state.error ?? 'the sidecar has errors; fix them first (see Problems)');
  return state as ArticleState;
}

/** The selection as a code point range; an empty selection stands for its sentence. */
export function targetFromEditor(state: DocState, editor: vscode.TextEditor, wholeSentence: boolean, selection: vscode.Selection = editor.selection): Target {
  const doc = editor.document;
  let start = doc.offsetAt(selection.start);
  let end = doc.offsetAt(selection.end);
  if (start === end && wholeSentence) {
    const s = splitSentences(state.text).find((r) => r.start <= start && start <= r.end);
    if (s) [start, end] = [s.start, s.end];
  }
  return { uri: doc.uri.toString(), start: state.index.toCodePoint(start), end: state.index.toCodePoint(end) };
}

export async function resolveTarget(service: AnnotationService, target: Target | undefined, wholeSentence: boolean): Promise<{ document: vscode.TextDocument; state: ArticleState; target: Target }> {
  const document = await documentFor(target?.uri);
  const state = await stateFor(service, document);
  if (target) return { document, state, target };
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.uri.toString() !== document.uri.toString()) throw new Error('select some text in an article first');
  return { document, state, target: targetFromEditor(state, editor, wholeSentence) };
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('open a folder first');
  return folder.uri;
}
