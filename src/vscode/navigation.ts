/** Outline of events, workspace symbols for entities, references and definitions across the workspace. */
import * as vscode from 'vscode';
import { annotationsAt } from '../core/review/annotationQueries';
import type { Gazetteer } from '../core/gazetteer/gazetteer';
import { GAZETTEER_FILE } from '../core/gazetteer/gazetteerFile';
import { firstIndexWhere } from '../core/text/binarySearch';
import { TextIndex } from '../core/text/textIndex';
import { fileName } from '../core/corpus/corpusPaths';
import type { AnnotationService } from './annotationService';
import { rangeOf, type WorkspaceIndex } from './workspaceIndex';
import { timed } from './perf';
import { extensionFileSystem } from './fileSystem';

type Locate = (start: number, end: number) => vscode.Location;

/**
 * Turns code point spans of one text into Locations: through the open document when there is one, else by
 * reading the file once and indexing its line starts once, however many spans are asked for.
 */
async function locator(uri: vscode.Uri, service: AnnotationService): Promise<Locate> {
  const open = service.get(uri);
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open && document) {
    return (start, end) => new vscode.Location(uri, new vscode.Range(document.positionAt(open.index.toUtf16(start)), document.positionAt(open.index.toUtf16(end))));
  }
  const text = new TextDecoder().decode(await extensionFileSystem.readFile(uri.fsPath));
  const index = new TextIndex(text);
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const pos = (cp: number): vscode.Position => {
    const u = index.toUtf16(cp);
    // the last line starting at or before u (line 0 starts at 0)
    const line = Math.max(0, firstIndexWhere(lineStarts.length, (i) => lineStarts[i] > u) - 1);
    return new vscode.Position(line, u - lineStarts[line]);
  };
  return (start, end) => new vscode.Location(uri, new vscode.Range(pos(start), pos(end)));
}

/** One locator per text for the length of one request. */
function locators(service: AnnotationService): (uri: vscode.Uri) => Promise<Locate> {
  const cache = new Map<string, Promise<Locate>>();
  return (uri) => {
    let l = cache.get(uri.toString());
    if (!l) {
      l = locator(uri, service);
      cache.set(uri.toString(), l);
    }
    return l;
  };
}

export class AnnotationNavigation implements vscode.DocumentSymbolProvider, vscode.ReferenceProvider, vscode.DefinitionProvider, vscode.WorkspaceSymbolProvider {
  constructor(
    private readonly service: AnnotationService,
    private readonly index: WorkspaceIndex,
    private readonly gazetteer: () => Promise<Gazetteer>,
  ) {}

  /** VS Code caches outlines per text version (symbol providers have no change event): new events show after the next edit; the Annotations view is live. */
  async provideDocumentSymbols(document: vscode.TextDocument): Promise<vscode.DocumentSymbol[]> {
    const state = await this.service.open(document);
    if (!state?.sidecar) return [];
    const range = (s: number, e: number) => new vscode.Range(document.positionAt(state.index.toUtf16(s)), document.positionAt(state.index.toUtf16(e)));
    return state.sidecar.events
      .filter((e) => !e.orphan)
      .map((e) => new vscode.DocumentSymbol(`${e.type}: ${e.subtype}`, [e.date, e.fatalities !== undefined ? `${e.fatalities} killed` : ''].filter(Boolean).join(' · '), vscode.SymbolKind.Event, range(e.start, e.end), range(e.start, e.end)));
  }

  private async entityAt(document: vscode.TextDocument, position: vscode.Position): Promise<string | undefined> {
    const state = await this.service.open(document);
    if (!state?.sidecar) return undefined;
    const found = annotationsAt(state.sidecar, state.index.toCodePoint(document.offsetAt(position))).find((a) => a.kind === 'mention');
    return found?.kind === 'mention' ? found.item.entity : undefined;
  }

  /** Every mention of the entity: open documents as edited, the rest from sidecars on disk. */
  provideReferences(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Location[]> {
    return timed('references', async () => {
      const entity = await this.entityAt(document, position);
      if (!entity) return [];
      const out: vscode.Location[] = [];
      const openUris = new Set<string>();
      const locate = locators(this.service);
      for (const state of this.service.all()) {
        if (!state.sidecar) continue;
        openUris.add(state.uri.toString());
        for (const m of state.sidecar.mentions) if (m.entity === entity && !m.orphan) out.push((await locate(state.uri))(m.start, m.end));
      }
      const open = (uri: vscode.Uri): boolean => openUris.size > 0 && openUris.has(uri.toString());
      for (const m of await this.index.mentionsOf(entity)) {
        if (open(m.textUri)) continue;
        // where the index knows the text's lines, the text is not read
        if (m.range) out.push(new vscode.Location(m.textUri, m.range));
        else {
          try {
            out.push((await locate(m.textUri))(m.start, m.end));
          } catch {
            // the text is gone; its sidecar is reported by validate
          }
        }
      }
      return out;
    });
  }

  /** The entity's entry in the workspace gazetteer, else its first mention in this document. */
  async provideDefinition(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Location | undefined> {
    const entity = await this.entityAt(document, position);
    if (!entity) return undefined;
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (folder) {
      const uri = vscode.Uri.joinPath(folder.uri, GAZETTEER_FILE);
      try {
        const text = new TextDecoder().decode(await extensionFileSystem.readFile(uri.fsPath));
        const line = text.split('\n').findIndex((l) => new RegExp(`^\\s*-?\\s*id:\\s*["']?${entity.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*(#.*)?$`).test(l));
        if (line >= 0) return new vscode.Location(uri, new vscode.Position(line, 0));
      } catch {
        // no workspace gazetteer
      }
    }
    const state = this.service.get(document.uri);
    const first = state?.sidecar?.mentions.find((m) => m.entity === entity && !m.orphan);
    return first ? (await locator(document.uri, this.service))(first.start, first.end) : undefined;
  }

  async provideWorkspaceSymbols(query: string): Promise<vscode.SymbolInformation[]> {
    return timed('workspaceSymbols', async () => {
      const q = query.toLowerCase();
      const gazetteer = await this.gazetteer();
      const out: vscode.SymbolInformation[] = [];
      const locate = locators(this.service);
      for (const e of await this.index.spellings()) {
        const known = gazetteer.get(e.entity)?.name;
        // the first spelling that matches (any spelling, when the gazetteer name does)
        const hit = e.spellings.find(({ spelling }) => !q || (known ?? spelling).toLowerCase().includes(q) || spelling.toLowerCase().includes(q));
        if (!hit) continue;
        const uri = vscode.Uri.file(hit.text);
        const where = hit.position
          ? new vscode.Location(uri, rangeOf(hit.position))
          : await locate(uri).then(
              (l) => l(hit.start, hit.end),
              () => new vscode.Location(uri, new vscode.Position(0, 0)),
            );
        out.push(new vscode.SymbolInformation(known ?? hit.spelling, e.label === 'ACTOR' ? vscode.SymbolKind.Class : vscode.SymbolKind.Namespace, fileName(hit.text), where));
        if (out.length >= 500) break;
      }
      return out;
    });
  }
}
