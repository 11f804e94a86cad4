/**
 * The Annotations view: every article of the workspace with its review progress (the open ones as they are in
 * the editor, the others as their sidecars are on disk), and under each its actors and places by entity, events,
 * attributions and orphans. Rows show the line and a snippet of the text; suggestions have inline accept and
 * reject buttons, other items a remove button. Filters by label and status apply to the rows.
 */
import * as vscode from 'vscode';
import type { EventAnnotation, Mention, MentionLabel, Sidecar, Status } from '../core/model';
import { EVENT_ROLES, ROLE_MEANINGS, ROLE_NAMES, type EventRole } from '../core/review/editEvent';
import type { Gazetteer } from '../core/gazetteer/gazetteer';
import { annotationCounts, formatProgress, reviewProgress } from '../core/review/annotationCounts';
import { LineIndex } from '../core/review/contextSnippet';
import { TextIndex } from '../core/text/textIndex';
import { decodeText } from '../core/text/decodeText';
import type { FileSystem } from '../core/ports';
import { sidecarPathFor } from '../core/sidecar/sidecarFormat';
import type { AnnotationService } from './annotationService';
import type { IndexedCounts, WorkspaceIndex } from './workspaceIndex';
import { SidecarStore } from '../core/sidecar/sidecarStore';
import type { Settings } from './settings';
import { COMMANDS, LANGUAGE_ID } from './ids';

export type FilterLabel = MentionLabel | 'event' | 'attribution';
export interface TreeFilter {
  labels: ReadonlySet<FilterLabel>;
  statuses: ReadonlySet<Status>;
}
export const ALL_LABELS: readonly FilterLabel[] = ['ACTOR', 'PLACE', 'CIVILIAN', 'event', 'attribution'];
export const ALL_STATUSES: readonly Status[] = ['suggested', 'accepted'];

export interface Node {
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  icon?: string;
  /** A contributed colour id for the icon (the legend). */
  iconColor?: string;
  expanded?: boolean;
  children?: () => Node[] | Promise<Node[]>;
  /** Where a click goes. */
  reveal?: { uri: string; start: number; end: number };
  contextValue?: string;
  /** The annotation a context-menu or inline command acts on. */
  item?: { uri: string; id: string };
  /** An event's role row: the role a context-menu command changes. */
  role?: EventRole;
}

interface Article {
  textUri: vscode.Uri;
  sidecar?: Sidecar;
  /** An article not open: its figures from the workspace index (its sidecar is read when it is expanded). */
  counts?: IndexedCounts;
  /** The text as it is now: the editor's for open articles, else read from disk when first needed. */
  text?: string;
}

/** How annotations look in the text (the default themes; other themes colour by their own token scopes). */
const LEGEND: Node = {
  id: 'legend',
  label: 'Colour legend',
  icon: 'symbol-color',
  description: 'how annotations look in the text',
  children: () => [
    { id: 'legend:actor', label: 'Actor', description: 'person, group, force, organisation', icon: 'circle-filled', iconColor: 'conflictAnnotator.actorForeground' },
    { id: 'legend:place', label: 'Place', description: 'country, region, town, facility', icon: 'circle-filled', iconColor: 'conflictAnnotator.placeForeground' },
    { id: 'legend:civilian', label: 'Civilians', description: 'victims an event names (no conflict party)', icon: 'circle-filled', iconColor: 'conflictAnnotator.civilianForeground' },
    { id: 'legend:source', label: 'Source', description: 'who a statement is attributed to', icon: 'circle-filled', iconColor: 'conflictAnnotator.attributionSourceForeground' },
    { id: 'legend:cue', label: 'Cue', description: 'underlined: "said", "according to"', icon: 'circle-filled', iconColor: 'conflictAnnotator.attributionCueForeground' },
    { id: 'legend:suggested', label: 'Suggested', description: 'italic: waiting for a decision', icon: 'circle-large-outline' },
    { id: 'legend:accepted', label: 'Accepted', description: 'bold: accepted or added by a person', icon: 'pass-filled' },
    { id: 'legend:event', label: 'Event', description: 'shaded background, one shade per ACLED type; suggested: faint, dashed outline', icon: 'flame' },
  ],
};

const fileName = (uri: vscode.Uri) => uri.path.slice(uri.path.lastIndexOf('/') + 1);

export class AnnotationsTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private active?: vscode.Uri;
  private gazetteer?: Gazetteer;
  private filter: TreeFilter = { labels: new Set(ALL_LABELS), statuses: new Set(ALL_STATUSES) };
  private readonly texts = new Map<string, Promise<string | undefined>>();
  private timer?: ReturnType<typeof setTimeout>;
  private files?: Promise<vscode.Uri[]>;
  private readonly textWatcher = vscode.workspace.createFileSystemWatcher('**/*.txt', false, true, false);
  private readonly subscriptions: vscode.Disposable[];
  /** The tree view, for its description (the filter in use). */
  view?: vscode.TreeView<Node>;

  constructor(
    private readonly service: AnnotationService,
    gazetteer: () => Promise<Gazetteer>,
    private readonly index: WorkspaceIndex,
    private readonly settings: Settings,
    private readonly fs: FileSystem,
  ) {
    const forgetFiles = () => {
      this.files = undefined;
      this.refreshSoon();
    };
    this.subscriptions = [
      this.changed,
      this.textWatcher,
      this.textWatcher.onDidCreate(forgetFiles),
      this.textWatcher.onDidDelete(forgetFiles),
      settings.onDidChange(forgetFiles),
      service.onDidChange((u) => {
        // an article is claimed (and loaded) after its editor opened: it becomes the active one only now
        const editor = vscode.window.activeTextEditor;
        if (editor?.document.uri.toString() === u.toString()) this.setEditor(editor);
        this.refreshSoon();
      }),
      index.onDidChangeSidecar((u) => {
        this.texts.delete(u.toString());
        this.refreshSoon();
      }),
    ];
    void gazetteer().then((g) => {
      this.gazetteer = g;
      this.changed.fire(undefined);
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.subscriptions) d.dispose();
  }

  /** Changes come in bursts (detection, an accept, a save): one repaint per burst. */
  private refreshSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.changed.fire(undefined), 60);
  }

  refresh(): void {
    this.texts.clear();
    this.files = undefined;
    this.changed.fire(undefined);
  }

  setEditor(editor: vscode.TextEditor | undefined): void {
    const uri = editor?.document.languageId === LANGUAGE_ID ? editor.document.uri : undefined;
    if (!uri || uri.toString() === this.active?.toString()) return;
    this.active = uri;
    this.changed.fire(undefined);
  }

  get currentFilter(): TreeFilter {
    return this.filter;
  }

  setFilter(filter: TreeFilter): void {
    this.filter = filter;
    const labels = ALL_LABELS.filter((l) => filter.labels.has(l));
    const statuses = ALL_STATUSES.filter((s) => filter.statuses.has(s));
    const parts = [labels.length < ALL_LABELS.length ? labels.join(', ') : '', statuses.length < ALL_STATUSES.length ? statuses.join(', ') : ''].filter(Boolean);
    if (this.view) this.view.description = parts.length ? `filter: ${parts.join(' · ')}` : undefined;
    this.changed.fire(undefined);
  }

  /** Asks for the filters with one multi-select quick pick. */
  async pickFilter(): Promise<void> {
    type Pick = vscode.QuickPickItem & { key: FilterLabel | Status };
    const names: Record<string, string> = { ACTOR: 'Actors', PLACE: 'Places', CIVILIAN: 'Civilians (victims)', event: 'Events', attribution: 'Attributions', suggested: 'Suggested', accepted: 'Accepted' };
    const items: Pick[] = [
      { label: 'Labels', kind: vscode.QuickPickItemKind.Separator, key: 'ACTOR' },
      ...ALL_LABELS.map((l) => ({ label: names[l], key: l, picked: this.filter.labels.has(l) })),
      { label: 'Status', kind: vscode.QuickPickItemKind.Separator, key: 'suggested' },
      ...ALL_STATUSES.map((s) => ({ label: names[s], key: s, picked: this.filter.statuses.has(s) })),
    ];
    const picks = await vscode.window.showQuickPick(items, { canPickMany: true, title: 'Show in the Annotations view' });
    if (!picks) return;
    const keys = new Set(picks.map((p) => p.key));
    const labels = ALL_LABELS.filter((l) => keys.has(l));
    const statuses = ALL_STATUSES.filter((s) => keys.has(s as Status));
    this.setFilter({ labels: new Set(labels.length ? labels : ALL_LABELS), statuses: new Set(statuses.length ? statuses : ALL_STATUSES) });
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const state = node.children ? (node.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed) : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(node.label, state);
    item.id = node.id;
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.contextValue = node.contextValue;
    if (node.icon) item.iconPath = new vscode.ThemeIcon(node.icon, node.iconColor ? new vscode.ThemeColor(node.iconColor) : undefined);
    if (node.reveal) item.command = { command: COMMANDS.reveal.id, title: 'Reveal', arguments: [node.reveal.uri, node.reveal.start, node.reveal.end] };
    return item;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node) return (await node.children?.()) ?? [];
    return [LEGEND, ...(await this.articles()).map((a) => this.documentNode(a))];
  }

  /** Every article: sidecars on disk, files matching the article globs, and the open articles (live). */
  private async articles(): Promise<Article[]> {
    const byUri = new Map<string, Article>();
    // the index's figures: no sidecar is read to list the workspace
    for (const e of await this.index.articles()) if (e.counts) byUri.set(e.textUri.toString(), { textUri: e.textUri, counts: e.counts });
    for (const uri of await this.articleFiles()) if (!byUri.has(uri.toString())) byUri.set(uri.toString(), { textUri: uri });
    for (const state of this.service.all()) byUri.set(state.uri.toString(), { textUri: state.uri, sidecar: state.sidecar, text: state.text });
    return [...byUri.values()].sort((a, b) => a.textUri.path.localeCompare(b.textUri.path));
  }

  /** Files matching the article globs; searched again only when .txt files come or go (a search per repaint is slow). */
  private articleFiles(): Promise<vscode.Uri[]> {
    this.files ??= (async () => {
      const out: vscode.Uri[] = [];
      for (const folder of vscode.workspace.workspaceFolders ?? []) {
        const globs = this.settings.articleGlobs(folder.uri);
        if (globs.length === 0) continue;
        const pattern = new vscode.RelativePattern(folder, globs.length === 1 ? globs[0] : `{${globs.join(',')}}`);
        out.push(...(await vscode.workspace.findFiles(pattern, '**/node_modules/**', 20_000)));
      }
      return out;
    })();
    return this.files;
  }

  private documentNode(a: Article): Node {
    const uri = a.textUri.toString();
    const active = uri === this.active?.toString();
    const base: Node = { id: `${active ? 'active:' : ''}${uri}`, label: fileName(a.textUri), expanded: active, contextValue: 'document' };
    if (!a.sidecar && !a.counts) return { ...base, description: 'not annotated yet', icon: 'circle-large-outline', reveal: { uri, start: 0, end: 0 } };
    const counts = a.sidecar ? annotationCounts(a.sidecar) : { ...a.counts!.review, orphaned: a.counts!.orphans };
    const progress = reviewProgress(counts);
    const reviewed = a.sidecar ? a.sidecar.document.status === 'reviewed' : a.counts!.reviewed;
    return {
      ...base,
      description: `Review ${formatProgress(progress)}${reviewed ? ' · reviewed' : ''}`,
      tooltip: `${counts.accepted} accepted, ${counts.suggested} suggested, ${counts.rejected} rejected${counts.orphaned ? `, ${counts.orphaned} orphaned` : ''}${reviewed ? '; marked reviewed' : ''}`,
      icon: reviewed ? 'verified-filled' : progress.done ? 'pass-filled' : 'circle-large-outline',
      // VS Code may ask for the children of an element it got earlier: read the live state then, not now
      children: async () => {
        const live = this.service.get(a.textUri);
        if (live?.sidecar) return this.groups({ textUri: a.textUri, sidecar: live.sidecar, text: live.text });
        if (a.sidecar) return this.groups(a);
        // an article only the index knows: its sidecar as on disk, read now that its items are shown
        const loaded = await new SidecarStore(this.fs).load(a.textUri.fsPath).catch(() => undefined);
        return loaded?.sidecar ? this.groups({ textUri: a.textUri, sidecar: loaded.sidecar, text: loaded.text }) : [];
      },
    };
  }

  private async textOf(a: Article): Promise<string | undefined> {
    if (a.text !== undefined) return a.text;
    const key = vscode.Uri.file(sidecarPathFor(a.textUri.fsPath)).toString();
    let text = this.texts.get(key);
    if (!text) {
      text = this.fs.readFile(a.textUri.fsPath).then((b) => decodeText(b).text, () => undefined);
      this.texts.set(key, text);
    }
    return text;
  }

  private async groups(a: Article): Promise<Node[]> {
    const s = a.sidecar!;
    const uri = a.textUri.toString();
    const text = await this.textOf(a);
    const lines = text !== undefined ? new LineIndex(new TextIndex(text)) : undefined;
    const where = (start: number, end: number, fallback: string) => {
      if (!lines || end > lines.index.length) return fallback;
      const sn = lines.snippet(start, end);
      return `L${sn.line} · ${sn.text}`;
    };
    const f = this.filter;
    const shown = (label: FilterLabel, status: Status) => f.labels.has(label) && f.statuses.has(status);
    const row = (id: string, label: string, status: Status, start: number, end: number, kind: string, icon?: string, tooltip?: string): Node => ({
      id: `${uri}#${id}`,
      label,
      description: where(start, end, `${start}–${end}`),
      tooltip: tooltip ?? `${status}${kind ? ` ${kind}` : ''} (${id}); click to show it in the text`,
      icon: icon ?? (status === 'accepted' ? 'pass-filled' : 'circle-large-outline'),
      reveal: { uri, start, end },
      contextValue: `item.${status}.${kind}`,
      item: { uri, id },
    });
    const live = s.mentions.filter((m) => !m.orphan);
    const byEntity = (label: MentionLabel): Node[] => {
      const groups = new Map<string, Mention[]>();
      for (const m of live) if (m.label === label && shown(label, m.status)) groups.set(m.entity ?? m.text, [...(groups.get(m.entity ?? m.text) ?? []), m]);
      return [...groups]
        .sort((x, y) => y[1].length - x[1].length || x[0].localeCompare(y[0]))
        .map(([entityId, ms]) => {
          const entity = this.gazetteer?.get(entityId);
          const suggested = ms.filter((m) => m.status === 'suggested').length;
          return {
            id: `${uri}#${label}:${entityId}`,
            label: entity?.name ?? ms[0].text,
            description: `${ms.length}${suggested ? ` (${suggested} suggested)` : ''} · ${entity?.kind.replace(/_/g, ' ') ?? 'new'}`,
            icon: label === 'PLACE' ? 'location' : 'person',
            children: () => ms.map((m) => row(m.id, m.text, m.status, m.start, m.end, 'mention', undefined, `${m.status} ${m.label} · ${m.origin}${m.by ? ` · by ${m.by}` : ''} (${m.id})`)),
          };
        });
    };
    const groups: Node[] = [];
    const group = (key: string, label: string, icon: string, children: Node[], countOf = children.length) => {
      if (children.length > 0) groups.push({ id: `${uri}#group:${key}`, label, description: String(countOf), icon, children: () => children, expanded: key === 'ACTOR' || key === 'PLACE' || key === 'CIVILIAN' ? false : undefined });
    };
    const actors = byEntity('ACTOR');
    group('ACTOR', 'Actors', 'organization', actors, live.filter((m) => m.label === 'ACTOR' && shown('ACTOR', m.status)).length);
    const places = byEntity('PLACE');
    group('PLACE', 'Places', 'globe', places, live.filter((m) => m.label === 'PLACE' && shown('PLACE', m.status)).length);
    group('CIVILIAN', 'Civilians', 'heart', byEntity('CIVILIAN'), live.filter((m) => m.label === 'CIVILIAN' && shown('CIVILIAN', m.status)).length);
    // an event opens onto its roles, each leading to its mention
    const roles = (e: EventAnnotation): Node[] => {
      const mention = (id: string | undefined) => (id === undefined ? undefined : s.mentions.find((m) => m.id === id && !m.orphan));
      const out: Node[] = EVENT_ROLES.map((r) => {
        const m = mention(e[r]);
        const name = m ? (m.entity ? this.gazetteer?.get(m.entity)?.name : undefined) ?? m.text : '—';
        return {
          id: `${uri}#${e.id}:${r}`,
          label: `${ROLE_NAMES[r]}: ${name}`,
          description: m ? where(m.start, m.end, `${m.start}–${m.end}`) : ROLE_MEANINGS[r],
          tooltip: `${ROLE_NAMES[r]}, ${ROLE_MEANINGS[r]}${m ? ` (${m.label} ${m.id}, ${m.status})` : ': nobody'}; right-click to change it`,
          icon: r === 'place' ? 'location' : m?.label === 'CIVILIAN' ? 'heart' : 'person',
          ...(m ? { reveal: { uri, start: m.start, end: m.end } } : {}),
          contextValue: 'eventRole',
          item: { uri, id: e.id },
          role: r,
        };
      });
      const source = e.attribution ? s.attributions.find((a) => a.id === e.attribution) : undefined;
      const facts: Array<[string, string, string]> = [
        ['date', `Date: ${e.date ?? '—'}`, 'calendar'],
        ['fatalities', `Fatalities: ${e.fatalities ?? '—'}`, 'pulse'],
        ['source', `Source: ${source?.source?.text ?? source?.cue.text ?? '—'}`, 'quote'],
      ];
      for (const [key, label, icon] of facts) out.push({ id: `${uri}#${e.id}:${key}`, label, icon });
      return out;
    };
    group('event', 'Events', 'flame', s.events.filter((e) => !e.orphan && shown('event', e.status)).map((e) => ({
      ...row(e.id, `${e.type} / ${e.subtype}`, e.status, e.start, e.end, 'event', 'flame', [e.date, e.fatalities !== undefined ? `${e.fatalities} killed` : undefined, e.text].filter(Boolean).join(' · ')),
      children: () => roles(e),
    })));
    group('attribution', 'Attributions', 'quote', s.attributions.filter((x) => !x.orphan && shown('attribution', x.status)).map((x) => row(x.id, `${x.source?.text ?? '(no source)'} — ${x.cue.text}`, x.status, x.cue.start, x.cue.end, 'attribution', x.status === 'accepted' ? 'pass-filled' : x.kind === 'named' ? 'account' : 'question', `${x.status} ${x.kind} attribution${x.direct ? ', direct quote' : ''} (${x.id})`)));
    const orphans = [...s.mentions, ...s.events].filter((x) => x.orphan);
    if (orphans.length > 0) {
      groups.push({
        id: `${uri}#group:orphans`, label: 'Orphaned', description: String(orphans.length), icon: 'warning',
        children: () => orphans.map((o) => ({ id: `${uri}#${o.id}`, label: o.text, description: `${o.id}: not found after the text changed`, tooltip: 'Select the right text in the article, then Re-attach; or Delete', icon: 'warning', contextValue: 'orphan', item: { uri, id: o.id } })),
      });
    }
    return groups;
  }
}
