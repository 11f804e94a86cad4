/** The Annotations view for the active article: entities by type with their mentions, events, attributions, orphans. */
import * as vscode from 'vscode';
import type { Sidecar } from '../core/model';
import type { Gazetteer } from '../core/gazetteer/gazetteer';
import type { AnnotationService } from './annotationService';
import { COMMANDS, LANGUAGE_ID } from './ids';

interface Node {
  label: string;
  description?: string;
  tooltip?: string;
  icon?: string;
  children?: () => Node[];
  reveal?: { start: number; end: number };
  contextValue?: string;
  /** The annotation a context-menu command acts on (orphans: re-attach, delete). */
  item?: { uri: string; id: string };
}

export class AnnotationsTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private uri?: vscode.Uri;
  private gazetteer?: Gazetteer;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly service: AnnotationService, gazetteer: () => Promise<Gazetteer>) {
    this.subscriptions = [
      this.changed,
      service.onDidChange((u) => {
        if (u.toString() === this.uri?.toString()) this.changed.fire(undefined);
      }),
    ];
    void gazetteer().then((g) => {
      this.gazetteer = g;
      this.changed.fire(undefined);
    });
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }

  setEditor(editor: vscode.TextEditor | undefined): void {
    const uri = editor?.document.languageId === LANGUAGE_ID ? editor.document.uri : undefined;
    if (uri?.toString() === this.uri?.toString()) return;
    this.uri = uri;
    this.changed.fire(undefined);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const item = new vscode.TreeItem(node.label, node.children ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.contextValue = node.contextValue;
    if (node.icon) item.iconPath = new vscode.ThemeIcon(node.icon);
    if (node.reveal && this.uri) item.command = { command: COMMANDS.reveal.id, title: 'Reveal', arguments: [this.uri.toString(), node.reveal.start, node.reveal.end] };
    return item;
  }

  getChildren(node?: Node): Node[] {
    if (node) return node.children?.() ?? [];
    const state = this.uri ? this.service.get(this.uri) : undefined;
    if (!state?.sidecar) return [];
    return this.roots(state.sidecar);
  }

  private roots(s: Sidecar): Node[] {
    const live = s.mentions.filter((m) => !m.orphan);
    const byEntity = (label: 'ACTOR' | 'PLACE'): Node[] => {
      const groups = new Map<string, typeof live>();
      for (const m of live.filter((x) => x.label === label)) groups.set(m.entity ?? m.text, [...(groups.get(m.entity ?? m.text) ?? []), m]);
      return [...groups]
        .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
        .map(([id, ms]) => {
          const entity = this.gazetteer?.get(id);
          return {
            label: entity?.name ?? ms[0].text,
            description: `${ms.length} · ${entity?.kind.replace(/_/g, ' ') ?? 'new'}`,
            icon: label === 'ACTOR' ? 'person' : 'location',
            children: () => ms.map((m) => ({ label: m.text, description: `${m.status}${m.origin === 'manual' ? '' : ` · ${m.origin}`}${m.by ? ` · ${m.by}` : ''}`, icon: m.status === 'accepted' ? 'pass-filled' : 'circle-large-outline', reveal: m, contextValue: `mention.${m.status}` })),
          };
        });
    };
    const orphans = [...s.mentions, ...s.events].filter((x) => x.orphan);
    const roots: Node[] = [
      { label: 'Actors', description: String(live.filter((m) => m.label === 'ACTOR').length), icon: 'organization', children: () => byEntity('ACTOR') },
      { label: 'Places', description: String(live.filter((m) => m.label === 'PLACE').length), icon: 'globe', children: () => byEntity('PLACE') },
      {
        label: 'Events', description: String(s.events.length), icon: 'flame',
        children: () => s.events.filter((e) => !e.orphan).map((e) => ({ label: `${e.type} / ${e.subtype}`, description: [e.date, e.fatalities !== undefined ? `${e.fatalities} killed` : undefined].filter(Boolean).join(' · '), tooltip: e.text, icon: 'flame', reveal: e })),
      },
      {
        label: 'Attributions', description: String(s.attributions.length), icon: 'quote',
        children: () => s.attributions.filter((a) => !a.orphan).map((a) => ({ label: a.source?.text ?? '(no source)', description: `${a.cue.text} · ${a.kind}${a.direct ? ' · direct' : ''}`, icon: a.kind === 'named' ? 'account' : 'question', reveal: a.source ?? a.cue })),
      },
    ];
    const uri = this.uri?.toString() ?? '';
    if (orphans.length > 0) roots.push({ label: 'Orphaned', description: String(orphans.length), icon: 'warning', children: () => orphans.map((o) => ({ label: o.text, description: `${o.id}: not found after the text changed`, tooltip: 'Select the right text in the article, then Re-attach; or Delete', icon: 'warning', contextValue: 'orphan', item: { uri, id: o.id } })) });
    return roots;
  }
}
