/**
 * The extension's settings as a typed snapshot: read once, re-read only when a configuration change touches
 * them, so edits and detection runs never go to the configuration service.
 */
import * as vscode from 'vscode';
import { SETTINGS, SETTINGS_SECTION } from './ids';

export interface SettingsValues {
  readonly autoDetect: boolean;
  /** Articles larger than this many MB of text get no automatic suggestions. */
  readonly maxDetectionSizeMB: number;
  readonly includeSuggestionsInExport: boolean;
  /** Relative to the workspace folder. */
  readonly exportFolder: string;
}

function read(): SettingsValues {
  const c = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  return {
    autoDetect: c.get<boolean>(SETTINGS.autoDetect, true),
    maxDetectionSizeMB: c.get<number>(SETTINGS.maxDetectionSizeMB, 2),
    includeSuggestionsInExport: c.get<boolean>(SETTINGS.includeSuggestionsInExport, false),
    exportFolder: c.get<string>(SETTINGS.exportFolder, 'exports'),
  };
}

export class Settings implements vscode.Disposable {
  private values = read();
  /** `articleGlobs` is resource-scoped (each workspace folder may set its own), so it is kept per folder. */
  private readonly globs = new Map<string, readonly string[]>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after the snapshot was re-read. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [
    this.changed,
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SETTINGS_SECTION)) this.refresh();
    }),
    // articleGlobs is a restricted setting: its workspace value counts only once the workspace is trusted
    vscode.workspace.onDidGrantWorkspaceTrust(() => this.refresh()),
    vscode.workspace.onDidChangeWorkspaceFolders(() => this.refresh()),
  ];

  get current(): SettingsValues {
    return this.values;
  }

  maxDetectionChars(): number {
    return Math.max(0, this.values.maxDetectionSizeMB) * 1024 * 1024;
  }

  /** Glob patterns of article files for the folder holding `uri`. */
  articleGlobs(uri: vscode.Uri): readonly string[] {
    const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.toString() ?? '';
    let globs = this.globs.get(folder);
    if (!globs) {
      globs = vscode.workspace.getConfiguration(SETTINGS_SECTION, uri).get<string[]>(SETTINGS.articleGlobs, []);
      this.globs.set(folder, globs);
    }
    return globs;
  }

  private refresh(): void {
    this.values = read();
    this.globs.clear();
    this.changed.fire();
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}
