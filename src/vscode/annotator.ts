/**
 * Who the person at this editor is, for `by`/`at` on their decisions: the `conflictAnnotator.annotator` setting,
 * else `git config user.name` of the workspace, read through the Git port at start, when the setting or the
 * folders change, and again in the background once a minute old (a `git init` or config change meanwhile).
 */
import * as vscode from 'vscode';
import type { Provenance } from '../core/model';
import type { Git } from '../core/ports';
import { decisionBy } from '../core/review/stampDecisions';
import { SETTINGS, SETTINGS_SECTION } from './ids';

export class Annotator implements vscode.Disposable {
  private fromGit?: string;
  private gitRead = 0;
  private configured = '';
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly git: Git) {
    this.read();
    void this.readGit();
    this.subscriptions = [
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(`${SETTINGS_SECTION}.${SETTINGS.annotator}`)) return;
        this.read();
        void this.readGit();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.readGit()),
    ];
  }

  private read(): void {
    this.configured = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<string>(SETTINGS.annotator, '').trim();
  }

  private async readGit(): Promise<void> {
    this.gitRead = Date.now();
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    this.fromGit = folder ? (await this.git.configGet(folder, 'user.name').catch(() => undefined))?.trim() || undefined : undefined;
  }

  /** The annotator's name; undefined when neither the setting nor git names one. */
  name(): string | undefined {
    if (!this.configured && Date.now() - this.gitRead > 60_000) void this.readGit();
    return this.configured || this.fromGit;
  }

  /** `by` and `at` for a decision made now. */
  provenance(): Provenance | undefined {
    return decisionBy(this.name());
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}
