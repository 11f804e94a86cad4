/**
 * The article state and its semantic tokens provider, made as the bundle is evaluated rather than in activate().
 * VS Code calls activate() only once the window has handed over the extension's stored state, 0.15-1.8 s after
 * the bundle was evaluated on a busy machine (see the editor bench); an article opened meanwhile, typically the one
 * whose opening started the extension, would stay unhighlighted all that time although its detection is ready
 * (earlyStart.ts). Registering the one provider that paints articles here lets their highlights go out as soon
 * as they exist. Everything else is registered from activate(), which takes these over: their disposal is the
 * extension context's from then on.
 */
import * as vscode from 'vscode';
import { relative, sep } from 'node:path';
import type { Gazetteer } from '../core/gazetteer/gazetteer';
import type { Taxonomy } from '../core/events/taxonomy';
import { SidecarStore } from '../core/sidecar/sidecarStore';
import { TAXONOMY_FILE, workspaceTaxonomy } from '../core/corpus/workspaceConfig';
import { LEARNED_FILE } from '../core/learning/learnedFile';
import { WorkspaceLearner } from '../core/learning/workspaceLearner';
import { formatProblem, type FileProblem } from '../core/problem';
import { extensionFileSystem } from './fileSystem';
import { Settings } from './settings';
import { AnnotationService } from './annotationService';
import { AnnotationTokensProvider, legend, tokensSelector } from './semanticTokens';
import { type EarlyStart, workspaceFile } from './earlyStart';
import { record } from './perf';

export class ArticleStart implements vscode.Disposable {
  readonly output = vscode.window.createOutputChannel('Conflict Annotator');
  readonly settings = new Settings();
  readonly service: AnnotationService;
  readonly tokens: AnnotationTokensProvider;
  private gazetteerLoad?: Promise<Gazetteer>;
  private taxonomyLoad?: Promise<Taxonomy>;
  private readonly registration: vscode.Disposable;

  constructor(private readonly early: EarlyStart) {
    this.gazetteerLoad = early.gazetteer;
    const fs = extensionFileSystem;
    const learnedPath = workspaceFile(LEARNED_FILE);
    const root = () => vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    const learner = learnedPath ? new WorkspaceLearner(fs, learnedPath, (file) => relative(root(), file).split(sep).join('/'), this.logProblem) : undefined;
    this.service = new AnnotationService(new SidecarStore(fs), this.gazetteer, this.output, this.settings, fs, learner, this.taxonomy, (uri, text, g) => early.take(uri, text, g));
    this.tokens = new AnnotationTokensProvider(this.service);
    this.registration = vscode.languages.registerDocumentSemanticTokensProvider(tokensSelector, this.tokens, legend);
    record('tokensRegistered', 0);
  }

  readonly logProblem = (p: FileProblem): void => this.output.appendLine(formatProblem(p));

  /** The gazetteer the bundle started loading; rebuilt the same way after {@link reloadConfig}. */
  readonly gazetteer = (): Promise<Gazetteer> => (this.gazetteerLoad ??= this.early.loadGazetteer(this.logProblem));

  readonly taxonomy = (): Promise<Taxonomy> => (this.taxonomyLoad ??= workspaceTaxonomy(extensionFileSystem, workspaceFile(TAXONOMY_FILE), this.logProblem));

  /** The workspace gazetteer or taxonomy changed, or may now be read (trust granted). */
  reloadConfig(): void {
    this.gazetteerLoad = undefined;
    this.taxonomyLoad = undefined;
    void this.service.refreshAll();
  }

  /** Only the gazetteer is read again (the "reload gazetteer" command). */
  forgetGazetteer(): void {
    this.gazetteerLoad = undefined;
  }

  dispose(): void {
    this.registration.dispose();
    this.tokens.dispose();
    this.service.dispose();
    this.settings.dispose();
    this.output.dispose();
  }
}
