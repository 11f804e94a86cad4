/**
 * Command handlers. Each one reads the document state, asks the core for the change and hands it to
 * AnnotationService.update, which writes the sidecar. Arguments passed by code actions and tree items are
 * plain JSON (uri string, code point offsets, ids) so the same commands can be run from tests.
 */
import * as vscode from 'vscode';
import { join } from 'node:path';
import type { EventAnnotation, MentionLabel, Sidecar } from '../core/model';
import type { Gazetteer } from '../core/gazetteer/gazetteer';
import { acceptAll, acceptItem, addMention, rejectItem, removeItem, upsertEvent } from '../core/review/mergeSuggestions';
import { proposeEvent } from '../core/events/proposeEvent';
import { splitSentences } from '../core/text/splitSentences';
import { occurrences } from '../core/review/annotationQueries';
import { generatedEntityId } from '../core/detection/detect';
import { addAliasToGazetteerYaml, GAZETTEER_FILE } from '../core/gazetteer/gazetteerFile';
import type { Taxonomy } from '../core/events/taxonomy';
import { contextOf } from '../core/anchoring/reanchor';
import { TextIndex } from '../core/text/textIndex';
import { runCli } from '../cli/runCli';
import { nodeFileSystem } from '../node/nodeFileSystem';
import type { PlaceData } from '../core/gazetteer/placeData';
import type { AnnotationService, DocState } from './annotationService';
import { COMMANDS, SETTINGS, SETTINGS_SECTION } from './ids';

export interface CommandDeps {
  service: AnnotationService;
  gazetteer: () => Promise<Gazetteer>;
  taxonomy: () => Promise<Taxonomy>;
  reloadGazetteer: () => void;
  placeData: () => PlaceData | undefined;
  output: vscode.OutputChannel;
  extensionUri: vscode.Uri;
}

/** Where a command acts: a document and a code point range in it. */
export interface Target {
  uri: string;
  start: number;
  end: number;
}

/** Options for tagging an event without the quick picks (tests, scripted use). */
export interface TagEventOptions {
  type?: string;
  subtype?: string;
  /** Save at once with the proposed details. */
  save?: boolean;
}

async function documentFor(uri?: string): Promise<vscode.TextDocument> {
  if (uri) return vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const editor = vscode.window.activeTextEditor;
  if (!editor) throw new Error('open an article first');
  return editor.document;
}

async function stateFor(deps: CommandDeps, document: vscode.TextDocument): Promise<DocState & { sidecar: Sidecar }> {
  const state = await deps.service.open(document);
  if (!state) throw new Error('this file is not an article on disk');
  if (!state.sidecar) throw new Error(state.error ?? 'the sidecar has errors; fix them first (see Problems)');
  return state as DocState & { sidecar: Sidecar };
}

/** The selection as a code point range; an empty selection stands for its sentence. */
function targetFromEditor(state: DocState, editor: vscode.TextEditor, wholeSentence: boolean): Target {
  const doc = editor.document;
  let start = doc.offsetAt(editor.selection.start);
  let end = doc.offsetAt(editor.selection.end);
  if (start === end && wholeSentence) {
    const s = splitSentences(state.text).find((r) => r.start <= start && start <= r.end);
    if (s) [start, end] = [s.start, s.end];
  }
  return { uri: doc.uri.toString(), start: state.index.toCodePoint(start), end: state.index.toCodePoint(end) };
}

async function resolveTarget(deps: CommandDeps, target: Target | undefined, wholeSentence: boolean): Promise<{ document: vscode.TextDocument; state: DocState & { sidecar: Sidecar }; target: Target }> {
  const document = await documentFor(target?.uri);
  const state = await stateFor(deps, document);
  if (target) return { document, state, target };
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.uri.toString() !== document.uri.toString()) throw new Error('select some text in an article first');
  return { document, state, target: targetFromEditor(state, editor, wholeSentence) };
}

const mentionLabel = (s: Sidecar, id?: string): string => {
  const m = id ? s.mentions.find((x) => x.id === id) : undefined;
  return m ? `${m.text} (${m.label.toLowerCase()}, ${m.status})` : '—';
};

type Draft = Omit<EventAnnotation, 'id'> & { id?: string };

async function pickMention(sidecar: Sidecar, label: MentionLabel, title: string, near: { start: number; end: number }): Promise<string | null | undefined> {
  const items = sidecar.mentions
    .filter((m) => m.label === label && !m.orphan)
    .sort((a, b) => Number(b.start >= near.start && b.end <= near.end) - Number(a.start >= near.start && a.end <= near.end) || a.start - b.start)
    .map((m) => ({ label: m.text, description: `${m.status}${m.start >= near.start && m.end <= near.end ? ' · in this event' : ''}`, id: m.id as string | null }));
  const pick = await vscode.window.showQuickPick([{ label: '(none)', description: '', id: null }, ...items], { title, matchOnDescription: true });
  return pick === undefined ? undefined : pick.id;
}

/** The "Event details" loop: every proposed field can be changed before saving. */
async function editDetails(draft: Draft, state: DocState & { sidecar: Sidecar }): Promise<Draft | undefined> {
  for (;;) {
    const s = state.sidecar;
    const attribution = draft.attribution ? s.attributions.find((a) => a.id === draft.attribution) : undefined;
    const items: Array<vscode.QuickPickItem & { field: string }> = [
      { label: '$(check) Save event', description: `${draft.type} / ${draft.subtype}`, field: 'save' },
      { label: `Actor 1: ${mentionLabel(s, draft.actor1)}`, field: 'actor1' },
      { label: `Actor 2: ${mentionLabel(s, draft.actor2)}`, field: 'actor2' },
      { label: `Place: ${mentionLabel(s, draft.place)}`, field: 'place' },
      { label: `Date: ${draft.date ?? '—'}`, field: 'date' },
      { label: `Fatalities: ${draft.fatalities ?? '—'}`, field: 'fatalities' },
      { label: `Source: ${attribution?.source?.text ?? attribution?.cue.text ?? '—'}`, field: 'attribution' },
    ];
    const pick = await vscode.window.showQuickPick(items, { title: 'Event details', placeHolder: 'Pick a field to change it, or save' });
    if (!pick) return undefined;
    if (pick.field === 'save') return draft;
    if (pick.field === 'actor1' || pick.field === 'actor2' || pick.field === 'place') {
      const id = await pickMention(s, pick.field === 'place' ? 'PLACE' : 'ACTOR', pick.label.split(':')[0], draft);
      if (id !== undefined) draft = { ...draft, [pick.field]: id ?? undefined };
    } else if (pick.field === 'date') {
      const value = await vscode.window.showInputBox({ title: 'Event date', value: draft.date ?? '', placeHolder: 'YYYY-MM-DD (empty: unknown)', validateInput: (v) => (v === '' || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))) ? undefined : 'a date as YYYY-MM-DD') });
      if (value !== undefined) draft = { ...draft, date: value || undefined };
    } else if (pick.field === 'fatalities') {
      const value = await vscode.window.showInputBox({ title: 'Reported fatalities', value: draft.fatalities?.toString() ?? '', validateInput: (v) => (v === '' || /^\d{1,7}$/.test(v) ? undefined : 'a whole number (empty: unknown)') });
      if (value !== undefined) draft = { ...draft, fatalities: value === '' ? undefined : Number(value) };
    } else if (pick.field === 'attribution') {
      const options = s.attributions.filter((a) => !a.orphan).map((a) => ({ label: a.source?.text ?? a.cue.text, description: `${a.cue.text} · ${a.kind}`, id: a.id as string | null }));
      const chosen = await vscode.window.showQuickPick([{ label: '(unattributed)', description: '', id: null }, ...options], { title: 'Source of the report' });
      if (chosen) draft = { ...draft, attribution: chosen.id ?? undefined };
    }
  }
}

/** Saving an event accepts the suggestions it points to, so they are not dropped as stale later. */
function withReferencesAccepted(sidecar: Sidecar, e: Draft, state: DocState): Sidecar {
  let s = sidecar;
  for (const id of [e.actor1, e.actor2, e.place, e.attribution]) if (id) s = acceptItem(s, id, state.index);
  return s;
}

async function tagEvent(deps: CommandDeps, target?: Target, options: TagEventOptions = {}): Promise<string | undefined> {
  const { state, target: t } = await resolveTarget(deps, target, true);
  if (t.start >= t.end) throw new Error('select the words that report the event');
  const taxonomy = await deps.taxonomy();
  const proposal = proposeEvent({ text: state.text, sidecar: state.sidecar, start: t.start, end: t.end, taxonomy });
  let type = options.type;
  if (!type) {
    const items = taxonomy.types.map((x) => ({ label: x.name, description: x.name === proposal.type ? 'suggested' : '', detail: x.description }));
    items.sort((a, b) => Number(b.label === proposal.type) - Number(a.label === proposal.type));
    type = (await vscode.window.showQuickPick(items, { title: 'Event type (ACLED)' }))?.label;
    if (!type) return undefined;
  }
  let subtype = options.subtype;
  if (!subtype) {
    const subs = taxonomy.types.find((x) => x.name === type)?.subtypes ?? [];
    const items = subs.map((x) => ({ label: x.name, description: x.name === proposal.subtype ? 'suggested' : '', detail: x.description }));
    items.sort((a, b) => Number(b.label === proposal.subtype) - Number(a.label === proposal.subtype));
    subtype = (await vscode.window.showQuickPick(items, { title: `${type}: sub-type` }))?.label;
    if (!subtype) return undefined;
  }
  const quote = state.index.slice(t.start, t.end);
  let draft: Draft | undefined = {
    type, subtype, start: t.start, end: t.end, text: quote, ...contextOf(state.index, t.start, t.end),
    actor1: proposal.actor1, actor2: proposal.actor2, place: proposal.place, date: proposal.date, fatalities: proposal.fatalities, attribution: proposal.attribution,
    status: 'accepted', origin: 'manual',
  };
  if (!options.save) draft = await editDetails(draft, state);
  if (!draft) return undefined;
  for (const key of Object.keys(draft) as Array<keyof Draft>) if (draft[key] === undefined) delete draft[key];
  let id = '';
  const final = draft;
  await deps.service.update(state.uri, (s, current) => {
    const r = upsertEvent(withReferencesAccepted(s, final, current), final);
    id = r.id;
    return r.sidecar;
  });
  vscode.window.setStatusBarMessage(`Event ${id} saved: ${type} / ${subtype}`, 4000);
  return id;
}

async function tagMention(deps: CommandDeps, label: MentionLabel, target?: Target): Promise<string> {
  const { state, target: t } = await resolveTarget(deps, target, false);
  if (t.start >= t.end) throw new Error('select the name to tag');
  const quote = state.index.slice(t.start, t.end).trim();
  const hit = (await deps.gazetteer()).match(quote).find((h) => h.start === 0 && h.end === quote.length);
  const entity = hit ? (typeof hit.entity === 'string' ? hit.entity : hit.entity.id) : generatedEntityId(quote);
  let id = '';
  await deps.service.update(state.uri, (s) => {
    const r = addMention(s, state.index, { start: t.start, end: t.end, label, entity });
    id = r.id;
    return r.sidecar;
  });
  return id;
}

async function annotateAll(deps: CommandDeps, target?: Target, label?: MentionLabel): Promise<number> {
  const { state, target: t } = await resolveTarget(deps, target, false);
  const quote = state.index.slice(t.start, t.end);
  if (!quote.trim()) throw new Error('select the text whose occurrences you want to annotate');
  const chosenLabel = label ?? ((await vscode.window.showQuickPick(['ACTOR', 'PLACE'], { title: `Annotate every "${quote}" as` })) as MentionLabel | undefined);
  if (!chosenLabel) return 0;
  const found = occurrences(state.text, quote).filter((o) => !state.sidecar.mentions.some((m) => !m.orphan && m.label === chosenLabel && m.start === o.start && m.end === o.end && m.status === 'accepted'));
  let chosen = found;
  if (!label) {
    // preview: every occurrence with its line, all ticked; untick the ones that are not this name
    const items = found.map((o) => {
      const ctx = contextOf(state.index, o.start, o.end);
      return { label: `${ctx.prefix.split('\n').pop()}[${quote}]${ctx.suffix.split('\n')[0]}`, picked: true, o };
    });
    const picks = await vscode.window.showQuickPick(items, { canPickMany: true, title: `${found.length} occurrences of "${quote}"` });
    if (!picks) return 0;
    chosen = picks.map((p) => p.o);
  }
  const hit = (await deps.gazetteer()).match(quote.trim()).find((h) => h.start === 0);
  const entity = hit ? (typeof hit.entity === 'string' ? hit.entity : hit.entity.id) : generatedEntityId(quote);
  await deps.service.update(state.uri, (s) => chosen.reduce((acc, o) => addMention(acc, state.index, { ...o, label: chosenLabel, entity }).sidecar, s));
  return chosen.length;
}

function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('open a folder first');
  return folder.uri;
}

async function addAlias(deps: CommandDeps, target?: Target, entityId?: string): Promise<void> {
  const { state, target: t } = await resolveTarget(deps, target, false);
  const alias = state.index.slice(t.start, t.end).trim();
  if (!alias) throw new Error('select the spelling to add');
  const gazetteer = await deps.gazetteer();
  let entity = entityId ? gazetteer.get(entityId) : undefined;
  if (!entity) {
    const seen = new Set(state.sidecar.mentions.map((m) => m.entity).filter((x): x is string => !!x));
    const candidates = [...gazetteer.entities()].filter((e) => seen.has(e.id) || e.label === 'ACTOR' || e.kind === 'country');
    const pick = await vscode.window.showQuickPick(
      candidates.map((e) => ({ label: e.name, description: `${e.id} · ${e.kind}`, id: e.id })),
      { title: `Add "${alias}" as a spelling of…`, matchOnDescription: true },
    );
    if (!pick) return;
    entity = gazetteer.get(pick.id);
  }
  if (!entity) return;
  if (!vscode.workspace.isTrusted) throw new Error('the workspace gazetteer is not written in restricted mode; trust the workspace first');
  const file = join(workspaceRoot().fsPath, GAZETTEER_FILE);
  const existing = (await nodeFileSystem.stat(file)) ? new TextDecoder().decode(await nodeFileSystem.readFile(file)) : '';
  await nodeFileSystem.writeFileAtomic(file, new TextEncoder().encode(addAliasToGazetteerYaml(existing, entity, alias)));
  deps.reloadGazetteer();
  await deps.service.refreshAll();
  vscode.window.setStatusBarMessage(`"${alias}" added to ${entity.name} in ${GAZETTEER_FILE}`, 4000);
}

/** Item commands take (uri, id) from code actions and a tree node ({ item: { uri, id } }) from the Annotations view. */
function itemArgs(uriOrNode?: string | { item?: { uri: string; id: string } }, id?: string): [string | undefined, string | undefined] {
  if (uriOrNode && typeof uriOrNode === 'object') return [uriOrNode.item?.uri, uriOrNode.item?.id];
  return [uriOrNode, id];
}

function itemCommand(deps: CommandDeps, change: (s: Sidecar, id: string, state: DocState) => Sidecar) {
  return async (uriOrNode?: string | { item?: { uri: string; id: string } }, idArg?: string) => {
    const [uri, id] = itemArgs(uriOrNode, idArg);
    const document = await documentFor(uri);
    const state = await stateFor(deps, document);
    let itemId = id;
    if (!itemId) {
      const editor = vscode.window.activeTextEditor;
      const offset = editor ? state.index.toCodePoint(document.offsetAt(editor.selection.active)) : -1;
      itemId = [...state.sidecar.mentions, ...state.sidecar.events].find((m) => m.start <= offset && offset < m.end)?.id
        ?? state.sidecar.attributions.find((a) => a.cue.start <= offset && offset < a.cue.end)?.id;
      if (!itemId) throw new Error('put the cursor on an annotation');
    }
    const finalId = itemId;
    await deps.service.update(state.uri, (s, current) => change(s, finalId, current));
  };
}

/** Runs the shared command line in-process, with progress and cancellation. */
async function runCorpusCommand(deps: CommandDeps, args: string[], title: string): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const cwd = workspaceRoot().fsPath;
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const code = await runCli(args, {
      fs: nodeFileSystem,
      io: {
        out: (l) => out.push(l),
        err: (l) => {
          err.push(l);
          if (l.startsWith('…')) progress.report({ message: l.slice(1).trim() });
        },
        cwd,
      },
      loadPlaceData: deps.placeData,
      cancelled: () => token.isCancellationRequested,
    });
    return { code, out, err };
  });
}

const EXPORT_FORMATS = [
  { label: 'jsonl', description: 'spaCy-style spans (JSONL)' },
  { label: 'hf', description: 'Hugging Face token classification (tokens + BIO tags)' },
  { label: 'conll', description: 'CoNLL-2003 BIO' },
  { label: 'brat', description: 'brat standoff (.txt + .ann + annotation.conf)' },
  { label: 'events', description: 'event records (JSONL)' },
  { label: 'acled-csv', description: 'events as ACLED columns (CSV)' },
];

async function exportTrainingData(deps: CommandDeps, format?: string, outFolder?: string): Promise<string | undefined> {
  const chosen = format ?? (await vscode.window.showQuickPick(EXPORT_FORMATS, { title: 'Export training data as' }))?.label;
  if (!chosen) return undefined;
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const out = outFolder ?? join(workspaceRoot().fsPath, config.get<string>(SETTINGS.exportFolder, 'exports'));
  const args = ['export', '.', '--format', chosen, '-o', out];
  if (config.get<boolean>(SETTINGS.includeSuggestionsInExport, false)) args.push('--include-suggestions');
  const result = await runCorpusCommand(deps, args, `Exporting ${chosen}`);
  deps.output.appendLine([...result.out, ...result.err].join('\n'));
  if (result.code !== 0) {
    deps.output.show(true);
    throw new Error(`export finished with problems (exit ${result.code}); see the Conflict Annotator output`);
  }
  void vscode.window.showInformationMessage(result.out.join(' ') || `Exported to ${out}`);
  return out;
}

async function showStatistics(deps: CommandDeps): Promise<string> {
  const result = await runCorpusCommand(deps, ['stats', '.'], 'Counting annotations');
  const text = [...result.out, ...result.err.filter((l) => !l.startsWith('…'))].join('\n');
  deps.output.clear();
  deps.output.appendLine(text);
  deps.output.show(true);
  return text;
}

async function openGazetteer(): Promise<void> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), GAZETTEER_FILE);
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    const template = '# Entities and spellings for this workspace; they add to and win over the built-in gazetteer.\n# kinds: person, organisation, armed_group, state_force, government, media, igo_ngo, group, country, admin_area, city, facility, region\nentities: []\n';
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(template));
  }
  await vscode.window.showTextDocument(uri);
}

async function reveal(uri: string, start: number, end: number): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const editor = await vscode.window.showTextDocument(document);
  const index = new TextIndex(document.getText());
  const range = new vscode.Range(document.positionAt(index.toUtf16(start)), document.positionAt(index.toUtf16(end)));
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const guard = <A extends unknown[], R>(f: (...args: A) => Promise<R>) => async (...args: A): Promise<R | undefined> => {
    try {
      return await f(...args);
    } catch (e) {
      void vscode.window.showErrorMessage(`Conflict Annotator: ${(e as Error).message}`);
      deps.output.appendLine(`error: ${(e as Error).stack ?? e}`);
      return undefined;
    }
  };
  const handlers: Record<keyof typeof COMMANDS, (...args: never[]) => unknown> = {
    annotateFile: guard(async (uri?: string) => {
      const document = await documentFor(uri);
      if (document.languageId !== 'conflict-text') await vscode.languages.setTextDocumentLanguage(document, 'conflict-text');
      await deps.service.annotateNow(await documentFor(uri));
    }),
    tagEvent: guard((target?: Target, options?: TagEventOptions) => tagEvent(deps, target, options)),
    tagActor: guard((target?: Target) => tagMention(deps, 'ACTOR', target)),
    tagPlace: guard((target?: Target) => tagMention(deps, 'PLACE', target)),
    // accepting gives the item its re-anchoring context, so it needs the text
    acceptSuggestion: guard(itemCommand(deps, (s, id, state) => acceptItem(s, id, state.index))),
    rejectSuggestion: guard(itemCommand(deps, (s, id) => rejectItem(s, id))),
    removeAnnotation: guard(itemCommand(deps, removeItem)),
    acceptAll: guard(async (uri?: string) => {
      const state = await stateFor(deps, await documentFor(uri));
      await deps.service.update(state.uri, (s, current) => acceptAll(s, current.index));
    }),
    annotateAllOccurrences: guard((target?: Target, label?: MentionLabel) => annotateAll(deps, target, label)),
    addAlias: guard((target?: Target, entityId?: string) => addAlias(deps, target, entityId)),
    exportTrainingData: guard((format?: string, out?: string) => exportTrainingData(deps, format, out)),
    showStatistics: guard(() => showStatistics(deps)),
    markReviewed: guard(async (uri?: string) => {
      const state = await stateFor(deps, await documentFor(uri));
      await deps.service.update(state.uri, (s) => ({ ...s, document: { ...s.document, status: 'reviewed' } }));
      vscode.window.setStatusBarMessage('Document marked reviewed: all its annotations go into training data', 4000);
    }),
    openGazetteer: guard(openGazetteer),
    openSample: guard(async () => {
      const uri = vscode.Uri.joinPath(deps.extensionUri, 'media', 'samples', 'articles', '000_db39f04dd305928f.txt');
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.languages.setTextDocumentLanguage(document, 'conflict-text');
      await vscode.window.showTextDocument(document);
    }),
    reveal: guard((uri: string, start: number, end: number) => reveal(uri, start, end)),
    reattachOrphan: guard(async (uriOrNode?: string | { item?: { uri: string; id: string } }, idArg?: string) => {
      const [uri, id] = itemArgs(uriOrNode, idArg);
      const editor = vscode.window.activeTextEditor;
      const state = await stateFor(deps, await documentFor(uri));
      if (!editor || editor.selection.isEmpty) throw new Error('select the text the orphaned annotation belongs to, then run this again');
      const t = targetFromEditor(state, editor, false);
      const quote = state.index.slice(t.start, t.end);
      const ctx = contextOf(state.index, t.start, t.end);
      await deps.service.update(state.uri, (s) => ({
        ...s,
        mentions: s.mentions.map((m) => (m.id === id ? { ...m, start: t.start, end: t.end, text: quote, ...ctx, orphan: undefined } : m)),
        events: s.events.map((e) => (e.id === id ? { ...e, start: t.start, end: t.end, text: quote, ...ctx, orphan: undefined } : e)),
      }));
    }),
    deleteOrphan: guard(itemCommand(deps, removeItem)),
    refreshTree: guard(() => deps.service.refreshAll()),
  };
  return Object.entries(handlers).map(([key, handler]) => vscode.commands.registerCommand(COMMANDS[key as keyof typeof COMMANDS].id, handler as (...args: unknown[]) => unknown));
}
