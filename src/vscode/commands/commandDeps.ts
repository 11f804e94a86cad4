/** What the command handlers need from the extension. */
import type * as vscode from 'vscode';
import type { FileSystem } from '../../core/ports';
import type { Gazetteer } from '../../core/gazetteer/gazetteer';
import type { Taxonomy } from '../../core/events/taxonomy';
import type { AnnotationService } from '../annotationService';
import type { Settings } from '../settings';
import type { WorkspaceIndex } from '../workspaceIndex';

export interface CommandDeps {
  service: AnnotationService;
  gazetteer: () => Promise<Gazetteer>;
  taxonomy: () => Promise<Taxonomy>;
  reloadGazetteer: () => void;
  settings: Settings;
  fs: FileSystem;
  output: vscode.OutputChannel;
  extensionUri: vscode.Uri;
  /** The saved workspace index (statistics without reading every sidecar again). */
  index: WorkspaceIndex;
  /** Asks for the Annotations view's filters (label, status). */
  filterTree: () => Promise<void>;
  refreshTree: () => void;
}
