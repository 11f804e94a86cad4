/** Wires the core to VS Code: nothing here but construction and registration. */
import { loadStarted } from './loadClock';
import * as vscode from 'vscode';
import { join } from 'node:path';
import type { Gazetteer } from '../core/gazetteer/gazetteer';
import { GAZETTEER_FILE, TAXONOMY_FILE } from '../core/corpus/workspaceConfig';
import { extensionFileSystem } from './fileSystem';
import { type AnnotationService } from './annotationService';
import { claimIfArticle } from './languageAssociation';
import { EventDecorations } from './semanticTokens';
import { ArticleStart } from './articleStart';
import { PendingStyles } from './pendingStyles';
import { AnnotationHoverProvider } from './hoverProvider';
import { AnnotationCodeActions } from './codeActions';
import { registerCommands } from './commands';
import { AnnotationsTree } from './annotationsTree';
import { AnnotationNavigation } from './navigation';
import { AnnotationDiagnostics } from './diagnostics';
import { ReviewStatus } from './reviewStatus';
import { WorkspaceIndex } from './workspaceIndex';
import { Annotator } from './annotator';
import { ConflictDiagnostics } from './conflictDiagnostics';
import { ConflictActions } from './conflictActions';
import { nodeGit } from '../node/nodeGit';
import { REF_SCHEME, RefDocuments } from './agreementView';
import { LANGUAGE_ID, VIEWS } from './ids';
import { now, record } from './perf';
import { EarlyStart } from './earlyStart';

export interface ExtensionApi {
  service: AnnotationService;
  gazetteer(): Promise<Gazetteer>;
  /** The Annotations view's rows, as VS Code asks for them (tests read what the view shows). */
  tree: AnnotationsTree;
}

// the gazetteer, detection of the articles already open and the provider that paints them start as the bundle
// loads (see earlyStart.ts and articleStart.ts)
/** How often VS Code is asked again for an article's tokens until its request reaches the provider, and how many times. */
const RETRY_TOKENS_MS = 20;
const RETRY_TOKENS_TIMES = 25;
const early = new EarlyStart(extensionFileSystem, join(__dirname, 'places.bin'));
const articles = new ArticleStart(early);

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const started = now();
  // from the bundle's evaluation to this call: VS Code's wait for the window (see earlyStart.ts)
  record('load', started - loadStarted);
  const fs = extensionFileSystem;
  const { output, settings, service, tokens } = articles;
  context.subscriptions.push(articles);
  const selector: vscode.DocumentSelector = { language: LANGUAGE_ID, scheme: 'file' };
  const getGazetteer = articles.gazetteer;
  const getTaxonomy = articles.taxonomy;
  active = service;
  early.attach(articles.logProblem, (line) => output.appendLine(line), () => service.articleSeen);
  const reloadConfig = () => articles.reloadConfig();
  const annotator = new Annotator(nodeGit);
  service.decidedBy = () => annotator.provenance();
  const conflicts = new ConflictDiagnostics();
  // saved in this workspace's storage; an index saved by another version of the extension is built again
  const index = new WorkspaceIndex(fs, context.storageUri, String((context.extension.packageJSON as { version?: string }).version ?? ''), vscode.Uri.joinPath(context.extensionUri, 'dist', 'indexWorker.js').fsPath);
  service.onWrote = (path, bytes, sidecar) => index.wrote(path, bytes, sidecar);
  const decorations = new EventDecorations(service);
  const pendingStyles = new PendingStyles(service);
  tokens.onServed = (uri) => {
    pendingStyles.tokensServed(uri);
    service.tokensServed(uri);
  };
  const diagnostics = new AnnotationDiagnostics();
  const review = new ReviewStatus(service);
  const tree = new AnnotationsTree(service, getGazetteer, index, settings, fs);
  const treeView = vscode.window.createTreeView(VIEWS.annotations, { treeDataProvider: tree, showCollapseAll: true });
  tree.view = treeView;
  const navigation = new AnnotationNavigation(service, index, getGazetteer);
  const configWatcher = vscode.workspace.createFileSystemWatcher(`**/{${GAZETTEER_FILE},${TAXONOMY_FILE}}`);

  let indexWarmed = false;
  const onDocument = async (document: vscode.TextDocument) => {
    await claimIfArticle(document, settings, fs);
    if (document.languageId !== LANGUAGE_ID) return;
    // VS Code asks for tokens only 300 ms (or more) after an editor shows the document; asked now, the request
    // waits in the provider for the article's state and the highlights go out the moment they exist
    const asked = now();
    tokens.requestNow('open');
    // the window ignores the ask while the editor is not yet attached to the document or while a request of its
    // own (sent before this host knew the document, so it fails) is on its way, and then waits its delay
    // again: ask until a request reaches the provider, where it waits for the state
    let times = 0;
    const askAgain = () => {
      if (document.isClosed || tokens.servedSince(document.uri, asked) || tokens.isAsked(document.uri) || ++times > RETRY_TOKENS_TIMES) return;
      tokens.requestNow('retry');
      setTimeout(askAgain, RETRY_TOKENS_MS);
    };
    setTimeout(askAgain, RETRY_TOKENS_MS);
    await service.open(document);
  };

  context.subscriptions.push(
    index, decorations, pendingStyles, diagnostics, review, tree, treeView, configWatcher, annotator, conflicts,
    vscode.languages.registerCodeActionsProvider([selector, { pattern: '**/*.ann.yaml' }], new ConflictActions(service), { providedCodeActionKinds: ConflictActions.providedCodeActionKinds }),
    vscode.workspace.registerTextDocumentContentProvider(REF_SCHEME, new RefDocuments(nodeGit)),
    vscode.languages.registerHoverProvider(selector, new AnnotationHoverProvider(service, getGazetteer, index)),
    vscode.languages.registerCodeActionsProvider(selector, new AnnotationCodeActions(service), { providedCodeActionKinds: AnnotationCodeActions.providedCodeActionKinds }),
    vscode.languages.registerDocumentSymbolProvider(selector, navigation),
    vscode.languages.registerReferenceProvider(selector, navigation),
    vscode.languages.registerDefinitionProvider(selector, navigation),
    vscode.languages.registerWorkspaceSymbolProvider(navigation),
    ...registerCommands({ service, gazetteer: getGazetteer, taxonomy: getTaxonomy, reloadGazetteer: () => articles.forgetGazetteer(), settings, fs, output, extensionUri: context.extensionUri, index, filterTree: () => tree.pickFilter(), refreshTree: () => tree.refresh() }),
    vscode.workspace.onDidOpenTextDocument((d) => void onDocument(d)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0) pendingStyles.clear(e.document.uri);
      service.onEdit(e);
    }),
    vscode.workspace.onDidSaveTextDocument((d) => void service.onSaved(d)),
    vscode.workspace.onDidCloseTextDocument((d) => {
      service.close(d.uri);
      tokens.forget(d.uri);
    }),
    index.onDidChangeSidecar((u) => void service.onSidecarChanged(u)),
    service.onDidChange((uri) => {
      // hover cards count mentions across the workspace: read the sidecars once the first article is loaded
      if (!indexWarmed) {
        indexWarmed = true;
        index.warm();
      }
      const state = service.get(uri);
      if (state) diagnostics.update(state);
      if (state) conflicts.update(state);
      for (const editor of vscode.window.visibleTextEditors) if (editor.document.uri.toString() === uri.toString()) decorations.refresh(editor);
    }),
    // an editor attached to a document is when VS Code starts its delay before asking: ask at once instead
    vscode.window.onDidChangeVisibleTextEditors((editors) => {
      if (editors.some((e) => e.document.languageId === LANGUAGE_ID)) tokens.requestNow('visible');
    }),
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      tree.setEditor(editor);
      decorations.refresh(editor);
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(reloadConfig),
    // article globs may have changed: claim the open files again
    settings.onDidChange(() => {
      for (const d of vscode.workspace.textDocuments) void onDocument(d);
    }),
    configWatcher.onDidChange(reloadConfig),
    configWatcher.onDidCreate(reloadConfig),
    configWatcher.onDidDelete(reloadConfig),
  );

  tokens.requestNow('activate');
  // the articles open now were detected meanwhile (if the gazetteer and their text are still those)
  for (const d of vscode.workspace.textDocuments) void onDocument(d);
  tree.setEditor(vscode.window.activeTextEditor);
  review.refresh();
  context.subscriptions.push(early);
  record('activate', now() - started);
  return { service, gazetteer: getGazetteer, tree };
}

let active: AnnotationService | undefined;

/** Writes decisions still waiting for a pause in typing; everything else is disposed through context.subscriptions. */
export function deactivate(): Promise<void> | undefined {
  return active?.flush();
}
