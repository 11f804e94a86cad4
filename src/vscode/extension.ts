/** Wires the core to VS Code: nothing here but construction and registration. */
import * as vscode from 'vscode';
import { join, relative, sep } from 'node:path';
import { PlaceIndex } from '../core/gazetteer/placeIndex';
import type { Gazetteer } from '../core/gazetteer/gazetteer';
import { SidecarStore } from '../core/sidecar/sidecarStore';
import type { Taxonomy } from '../core/events/taxonomy';
import { GAZETTEER_FILE, TAXONOMY_FILE, workspaceGazetteer, workspaceTaxonomy } from '../core/corpus/workspaceConfig';
import { LEARNED_FILE } from '../core/learning/learnedFile';
import { WorkspaceLearner } from '../core/learning/workspaceLearner';
import { formatProblem, type FileProblem } from '../core/problem';
import { extensionFileSystem } from './fileSystem';
import { Settings } from './settings';
import { AnnotationService } from './annotationService';
import { claimIfArticle } from './languageAssociation';
import { AnnotationTokensProvider, EventDecorations, legend, tokensSelector } from './semanticTokens';
import { PendingStyles } from './pendingStyles';
import { AnnotationHoverProvider } from './hoverProvider';
import { AnnotationCodeActions } from './codeActions';
import { registerCommands } from './commands';
import { AnnotationsTree } from './annotationsTree';
import { AnnotationNavigation } from './navigation';
import { AnnotationDiagnostics } from './diagnostics';
import { ReviewStatus } from './reviewStatus';
import { WorkspaceIndex } from './workspaceIndex';
import { LANGUAGE_ID, VIEWS } from './ids';
import { now, record, timed } from './perf';

export interface ExtensionApi {
  service: AnnotationService;
  gazetteer(): Promise<Gazetteer>;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const started = now();
  const fs = extensionFileSystem;
  const output = vscode.window.createOutputChannel('Conflict Annotator');
  const settings = new Settings();
  context.subscriptions.push(output, settings);
  const selector: vscode.DocumentSelector = { language: LANGUAGE_ID, scheme: 'file' };
  const root = () => vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;

  // the GeoNames places, compiled at build time: opened in milliseconds, not parsed and indexed (seconds)
  let placeData: Promise<PlaceIndex | undefined> | undefined;
  const loadPlaceData = (): Promise<PlaceIndex | undefined> =>
    (placeData ??= fs.readFile(join(context.extensionUri.fsPath, 'dist', 'places.bin')).then(
      (bytes) => PlaceIndex.read(bytes),
      (e: unknown) => {
        output.appendLine(`place data not loaded: ${(e as Error).message}`);
        return undefined;
      },
    ));
  // workspace files are read only in trusted workspaces; restricted mode uses the built-ins
  const configFile = (name: string): string | undefined => {
    const folder = root();
    return folder && vscode.workspace.isTrusted ? join(folder, name) : undefined;
  };
  const logProblem = (p: FileProblem) => output.appendLine(formatProblem(p));
  let gazetteer: Promise<Gazetteer> | undefined;
  const getGazetteer = (): Promise<Gazetteer> => (gazetteer ??= timed('gazetteer', () => workspaceGazetteer(fs, configFile(GAZETTEER_FILE), loadPlaceData, logProblem, configFile(LEARNED_FILE))));
  let taxonomy: Promise<Taxonomy> | undefined;
  const getTaxonomy = (): Promise<Taxonomy> => (taxonomy ??= workspaceTaxonomy(fs, configFile(TAXONOMY_FILE), logProblem));

  const learnedPath = configFile(LEARNED_FILE);
  const learner = learnedPath ? new WorkspaceLearner(fs, learnedPath, (file) => relative(root() ?? '', file).split(sep).join('/'), logProblem) : undefined;
  const service = new AnnotationService(new SidecarStore(fs), getGazetteer, output, settings, fs, learner);
  active = service;
  // the workspace gazetteer or taxonomy changed, or may now be read (trust granted)
  const reloadConfig = () => {
    gazetteer = undefined;
    taxonomy = undefined;
    void service.refreshAll();
  };
  const index = new WorkspaceIndex(fs);
  service.onWrote = (path, bytes, sidecar) => index.wrote(path, bytes, sidecar);
  const tokens = new AnnotationTokensProvider(service);
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
    if (document.languageId === LANGUAGE_ID) await service.open(document);
  };

  context.subscriptions.push(
    service, index, tokens, decorations, pendingStyles, diagnostics, review, tree, treeView, configWatcher,
    vscode.languages.registerDocumentSemanticTokensProvider(tokensSelector, tokens, legend),
    vscode.languages.registerHoverProvider(selector, new AnnotationHoverProvider(service, getGazetteer, index)),
    vscode.languages.registerCodeActionsProvider(selector, new AnnotationCodeActions(service), { providedCodeActionKinds: AnnotationCodeActions.providedCodeActionKinds }),
    vscode.languages.registerDocumentSymbolProvider(selector, navigation),
    vscode.languages.registerReferenceProvider(selector, navigation),
    vscode.languages.registerDefinitionProvider(selector, navigation),
    vscode.languages.registerWorkspaceSymbolProvider(navigation),
    ...registerCommands({ service, gazetteer: getGazetteer, taxonomy: getTaxonomy, reloadGazetteer: () => (gazetteer = undefined), settings, fs, output, extensionUri: context.extensionUri, filterTree: () => tree.pickFilter(), refreshTree: () => tree.refresh() }),
    vscode.workspace.onDidOpenTextDocument((d) => void onDocument(d)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0) pendingStyles.clear(e.document.uri);
      service.onEdit(e);
    }),
    vscode.workspace.onDidSaveTextDocument((d) => void service.onSaved(d)),
    vscode.workspace.onDidCloseTextDocument((d) => service.close(d.uri)),
    index.onDidChangeSidecar((u) => void service.onSidecarChanged(u)),
    service.onDidChange((uri) => {
      // hover cards count mentions across the workspace: read the sidecars once the first article is loaded
      if (!indexWarmed) {
        indexWarmed = true;
        void index.all();
      }
      const state = service.get(uri);
      if (state) diagnostics.update(state);
      for (const editor of vscode.window.visibleTextEditors) if (editor.document.uri.toString() === uri.toString()) decorations.refresh(editor);
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

  for (const d of vscode.workspace.textDocuments) void onDocument(d);
  tree.setEditor(vscode.window.activeTextEditor);
  review.refresh();
  // the first article needs the gazetteer (the compiled GeoNames index: tens of milliseconds); start at once
  void getGazetteer();
  record('activate', now() - started);
  return { service, gazetteer: getGazetteer };
}

let active: AnnotationService | undefined;

/** Writes decisions still waiting for a pause in typing; everything else is disposed through context.subscriptions. */
export function deactivate(): Promise<void> | undefined {
  return active?.flush();
}
