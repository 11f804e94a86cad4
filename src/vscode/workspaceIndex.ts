/**
 * The sidecars of the whole workspace, parsed lazily and kept fresh by a file watcher: entity mention counts
 * for hovers, references, workspace symbols and corpus statistics.
 */
import * as vscode from 'vscode';
import type { Sidecar } from '../core/model';
import type { FileSystem } from '../core/ports';
import { parseSidecar } from '../core/sidecar/parseSidecar';

export interface IndexedSidecar {
  sidecarUri: vscode.Uri;
  textUri: vscode.Uri;
  sidecar: Sidecar;
}

const MAX_SIDECARS = 20_000;

export class WorkspaceIndex implements vscode.Disposable {
  private entries?: Map<string, IndexedSidecar>;
  private building?: Promise<Map<string, IndexedSidecar>>;
  private readonly watcher = vscode.workspace.createFileSystemWatcher('**/*.ann.yaml');
  private readonly subscriptions: vscode.Disposable[] = [
    this.watcher.onDidChange((u) => void this.refresh(u)),
    this.watcher.onDidCreate((u) => void this.refresh(u)),
    this.watcher.onDidDelete((u) => this.entries?.delete(u.toString())),
    this.watcher,
  ];

  /** What the extension itself last wrote to a sidecar: its own writes need no parse when the watcher reports them. */
  private readonly written = new Map<string, { bytes: Uint8Array; sidecar: Sidecar }>();

  constructor(private readonly fs: FileSystem) {}

  /** The extension wrote `sidecar` as `bytes` to `sidecarPath` (the watcher event that follows is not re-parsed). */
  wrote(sidecarPath: string, bytes: Uint8Array, sidecar: Sidecar): void {
    const uri = vscode.Uri.file(sidecarPath);
    this.written.set(uri.toString(), { bytes, sidecar });
    if (this.entries) this.entries.set(uri.toString(), { sidecarUri: uri, textUri: vscode.Uri.joinPath(uri, '..', sidecar.document.text), sidecar });
  }

  get onDidChangeSidecar(): vscode.Event<vscode.Uri> {
    return (listener, thisArgs, disposables) => {
      const a = this.watcher.onDidChange(listener, thisArgs, disposables);
      const b = this.watcher.onDidCreate(listener, thisArgs, disposables);
      return vscode.Disposable.from(a, b);
    };
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }

  async all(): Promise<IndexedSidecar[]> {
    return [...(await this.load()).values()];
  }

  private async load(): Promise<Map<string, IndexedSidecar>> {
    if (this.entries) return this.entries;
    this.building ??= (async () => {
      const map = new Map<string, IndexedSidecar>();
      const uris = await vscode.workspace.findFiles('**/*.ann.yaml', '**/node_modules/**', MAX_SIDECARS);
      await Promise.all(uris.map(async (u) => {
        const entry = await read(this.fs, u);
        if (entry) map.set(u.toString(), entry);
      }));
      this.entries = map;
      return map;
    })();
    return this.building;
  }

  private async refresh(uri: vscode.Uri): Promise<void> {
    if (!this.entries) return;
    const own = this.written.get(uri.toString());
    if (own) {
      const bytes = await this.fs.readFile(uri.fsPath).catch(() => undefined);
      if (bytes && bytes.length === own.bytes.length && bytes.every((b, i) => b === own.bytes[i])) return;
      this.written.delete(uri.toString());
    }
    const entry = await read(this.fs, uri);
    if (entry) this.entries.set(uri.toString(), entry);
    else this.entries.delete(uri.toString());
  }

  /** Mentions of `entity` across the workspace (from sidecars on disk). */
  async mentionsOf(entity: string): Promise<Array<{ textUri: vscode.Uri; start: number; end: number; text: string }>> {
    const out = [];
    for (const e of await this.all()) for (const m of e.sidecar.mentions) if (m.entity === entity && !m.orphan) out.push({ textUri: e.textUri, start: m.start, end: m.end, text: m.text });
    return out;
  }
}

async function read(fs: FileSystem, uri: vscode.Uri): Promise<IndexedSidecar | undefined> {
  try {
    const parsed = parseSidecar(new TextDecoder().decode(await fs.readFile(uri.fsPath)));
    if (!parsed.sidecar) return undefined;
    const textUri = vscode.Uri.joinPath(uri, '..', parsed.sidecar.document.text);
    return { sidecarUri: uri, textUri, sidecar: parsed.sidecar };
  } catch {
    return undefined;
  }
}
