/// <reference types="mocha" />
// Events in the editor through the real VS Code API: the event card on hover, the quick fixes that change an
// event's type and an actor's role (and what they write), the Annotations view's roles under each event, and
// victims coloured as civilians. Each test owns a copy of an article.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { currentDocument, openArticle, waitFor, workspacePath } from './helpers';

const EXTENSION_ID = 'conflict-annotator.conflict-annotator';
const SOURCE = '000_db39f04dd305928f.txt';

interface MentionView { id: string; label: string; text: string; start: number; end: number; status: string; orphan?: boolean }
interface EventView { id: string; type: string; subtype: string; start: number; end: number; status: string; origin?: string; actor1?: string; actor2?: string; place?: string; orphan?: boolean }
interface StateView { text: string; sidecar?: { mentions: MentionView[]; events: EventView[]; rejected: Array<{ kind: string; label?: string; start: number }> } }
interface TreeNode { id: string; label: string; description?: string; children?: () => TreeNode[] | Promise<TreeNode[]>; role?: string }
interface Api {
  service: { get(u: vscode.Uri): StateView | undefined };
  tree: { getChildren(node?: TreeNode): Promise<TreeNode[]> };
}
const api = () => vscode.extensions.getExtension(EXTENSION_ID)!.exports as Api;

let copies = 0;
async function openCopy(source = SOURCE, text?: string): Promise<{ uri: vscode.Uri; document: vscode.TextDocument; state: () => StateView; sidecarPath: string; name: string }> {
  await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  const name = `events_${++copies}.txt`;
  if (text === undefined) fs.copyFileSync(workspacePath('articles', source), workspacePath('articles', name));
  else fs.writeFileSync(workspacePath('articles', name), text);
  const { uri } = await openArticle(name);
  await waitFor(() => currentDocument(uri)?.languageId === 'conflict-text', `${name} to become conflict-text`, 15_000);
  const state = () => api().service.get(uri)!;
  await waitFor(() => (state()?.sidecar?.events.length ?? 0) > 0, `suggested events in ${name}`, 20_000);
  return { uri, document: currentDocument(uri)!, state, sidecarPath: workspacePath('articles', name.replace(/\.txt$/, '.ann.yaml')), name };
}

const hoverText = (hovers: vscode.Hover[]) => hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
/** UTF-16 position of a code point offset (the sample has no astral characters; checked). */
const at = (document: vscode.TextDocument, cp: number) => {
  assert.equal(Array.from(document.getText()).length, document.getText().length, 'no astral characters in the fixture');
  return document.positionAt(cp);
};
const readSidecar = (path: string) => parse(fs.readFileSync(path, 'utf8')) as NonNullable<StateView['sidecar']>;

/** A suggested event with both actors and a place, and a position inside it that is on no mention. */
function eventWithRoles(s: StateView): { event: EventView; offset: number } {
  const sidecar = s.sidecar!;
  for (const e of sidecar.events) {
    if (e.status !== 'suggested' || e.orphan || !e.actor1 || !e.actor2 || !e.place) continue;
    for (let o = e.start; o < e.end; o++) {
      if (/\s/.test(Array.from(s.text)[o] ?? ' ')) continue;
      if (!sidecar.mentions.some((m) => !m.orphan && m.start <= o && o < m.end)) return { event: e, offset: o };
    }
  }
  throw new Error(`no suggested event with actor 1, actor 2 and a place: ${JSON.stringify(sidecar.events.map((e) => [e.type, e.actor1, e.actor2, e.place]))}`);
}

suite('Events in the editor', () => {
  test('hovering an event shows its card: type and sub-type, actors with their roles, place, date, fatalities, source, and its edits', async () => {
    const { document, state } = await openCopy();
    const { event, offset } = eventWithRoles(state());
    const mention = (id?: string) => state().sidecar!.mentions.find((m) => m.id === id)!;
    const hovers = await waitFor(async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, at(document, offset));
      return hoverText(h ?? []).includes('Actor 1') ? h : undefined;
    }, 'an event card', 20_000);
    const text = hoverText(hovers);
    const esc = (s: string) => s.replace(/[\\`*_{}[\]()#+\-.!|~>]/g, (c) => `\\${c}`);
    assert.ok(text.includes(`**${esc(event.type)}** / ${esc(event.subtype)}`), `the card names the type and sub-type: ${text}`);
    assert.ok(text.includes(`Actor 1 (acts): ${esc(mention(event.actor1).text)}`), `actor 1 with its role: ${text}`);
    assert.ok(text.includes(`Actor 2 (acted on): ${esc(mention(event.actor2).text)}`), `actor 2 with its role: ${text}`);
    assert.ok(text.includes(`Place: ${esc(mention(event.place).text)}`), 'the place');
    for (const row of ['Date: ', 'Fatalities: ', 'Source: ']) assert.ok(text.includes(row), `the card has ${row.trim()}`);
    assert.match(text, /\[Accept\]\(command:conflictAnnotator\.acceptSuggestion\?/);
    assert.match(text, /\[Change type…\]\(command:conflictAnnotator\.changeEventType\?/);
    assert.match(text, /\[Change a role…\]\(command:conflictAnnotator\.changeEventRole\?/);
    const card = hovers.flatMap((h) => h.contents).find((c) => typeof c !== 'string' && 'isTrusted' in c) as vscode.MarkdownString;
    const trust = card.isTrusted as { enabledCommands: string[] };
    assert.ok(trust.enabledCommands.includes('conflictAnnotator.changeEventType') && trust.enabledCommands.includes('conflictAnnotator.changeEventRole'), 'the card may run the event edits');
  });

  test('quick fixes change an event\'s type and sub-type and an actor\'s role; the sidecar on disk follows', async () => {
    const { document, state, sidecarPath } = await openCopy();
    const { event, offset } = eventWithRoles(state());
    const pos = at(document, offset);
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, new vscode.Range(pos, pos))) ?? [];
    const titles = actions.map((a) => a.title);
    const retype = actions.find((a) => a.title === `Change type of event ${event.type} / ${event.subtype}…`);
    assert.ok(retype, `a quick fix to change the type (titles: ${titles.join(' | ')})`);
    assert.ok(actions.some((a) => a.title === `Change a role of event ${event.type} / ${event.subtype}…`), 'and one to change a role');
    assert.ok(retype.kind && vscode.CodeActionKind.QuickFix.contains(retype.kind), `they are quick fixes (kind ${retype.kind?.value})`);
    // the type: another ACLED type and sub-type, given as the quick pick would
    const [type, subtype] = event.type === 'Violence against civilians' ? ['Battles', 'Armed clash'] : ['Violence against civilians', 'Attack'];
    await vscode.commands.executeCommand(retype.command!.command, ...retype.command!.arguments!, type, subtype);
    const retyped = state().sidecar!.events.find((e) => e.id === event.id)!;
    assert.deepEqual([retyped.type, retyped.subtype, retyped.status, retyped.origin], [type, subtype, 'accepted', 'manual']);
    assert.ok(state().sidecar!.rejected.some((r) => r.kind === 'event' && r.label === `${event.type}/${event.subtype}` && r.start === event.start), 'the old coding is remembered as rejected');
    await waitFor(() => readSidecar(sidecarPath).events.find((e) => e.id === event.id)?.type === type, 'the new type on disk', 10_000);
    // an actor's role: actor 2, at the cursor inside the event, made actor 1 (the two change places)
    const a2 = state().sidecar!.mentions.find((m) => m.id === event.actor2)!;
    const onActor = at(document, a2.start + 1);
    const roleActions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, new vscode.Range(onActor, onActor))) ?? [];
    const make = roleActions.find((a) => a.title === `Make "${a2.text}" actor 1 of event ${type} (swap the actors)`);
    assert.ok(make, `a quick fix that makes "${a2.text}" actor 1 (titles: ${roleActions.map((a) => a.title).join(' | ')})`);
    await vscode.commands.executeCommand(make.command!.command, ...make.command!.arguments!);
    const swapped = state().sidecar!.events.find((e) => e.id === event.id)!;
    assert.deepEqual([swapped.actor1, swapped.actor2], [event.actor2, event.actor1]);
    await waitFor(() => readSidecar(sidecarPath).events.find((e) => e.id === event.id)?.actor1 === event.actor2, 'the swapped actors on disk', 10_000);
    // and the hover card says so
    const card = hoverText((await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, at(document, offset))) ?? []);
    assert.ok(card.includes(`Actor 1 (acts): ${a2.text.replace(/[\\`*_{}[\]()#+\-.!|~>]/g, (c) => `\\${c}`)}`), `the card shows the new actor 1: ${card}`);
  });

  test('a coding ACLED would not accept (retyped to Violence against civilians with an armed actor 2) is a warning on the event and a line on its card', async () => {
    const { document, state } = await openCopy();
    const events = state().sidecar!.events as Array<EventView & { inter2?: number }>;
    const event = events.find((e) => e.status === 'suggested' && !e.orphan && e.type === 'Battles' && e.actor2 && e.inter2 !== undefined && [1, 2, 3, 4, 8].includes(e.inter2));
    assert.ok(event, `a suggested battle with an armed actor 2: ${JSON.stringify(events.map((e) => [e.type, e.actor2, e.inter2]))}`);
    const codingDiagnostics = () => vscode.languages.getDiagnostics(document.uri).filter((d) => d.code === 'event-coding');
    assert.deepEqual(codingDiagnostics(), [], 'the detector suggests no such coding');
    const offset = Array.from(state().text).findIndex((c, o) => o >= event.start && o < event.end && !/\s/.test(c) && !state().sidecar!.mentions.some((m) => !m.orphan && m.start <= o && o < m.end));
    const pos = at(document, offset);
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, new vscode.Range(pos, pos))) ?? [];
    const retype = actions.find((a) => a.title === `Change type of event ${event.type} / ${event.subtype}…`);
    assert.ok(retype, `a quick fix to change the type (titles: ${actions.map((a) => a.title).join(' | ')})`);
    await vscode.commands.executeCommand(retype.command!.command, ...retype.command!.arguments!, 'Violence against civilians', 'Attack');
    const [warning] = await waitFor(() => (codingDiagnostics().length > 0 ? codingDiagnostics() : undefined), 'a coding diagnostic', 10_000);
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
    assert.deepEqual([document.offsetAt(warning.range.start), document.offsetAt(warning.range.end)], [event.start, event.end], 'on the event\'s span');
    assert.match(warning.message, /^Violence against civilians \/ Attack: Violence against civilians targets unarmed civilians \(inter 7\), but actor 2 is /);
    const card = hoverText((await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, pos)) ?? []);
    assert.match(card.replace(/\\(.)/g, '$1'), /\n⚠ Violence against civilians targets unarmed civilians \(inter 7\), but actor 2 is /, `the card says so: ${card}`);
    // back to a battle: nothing to warn about
    const again = ((await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, new vscode.Range(pos, pos))) ?? []).find((a) => a.title.startsWith('Change type of event Violence against civilians / Attack'));
    assert.ok(again, 'the quick fix is there for the retyped event');
    await vscode.commands.executeCommand(again.command!.command, ...again.command!.arguments!, 'Battles', 'Armed clash');
    await waitFor(() => codingDiagnostics().length === 0 || undefined, 'the warning to go', 10_000);
    const after = hoverText((await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, pos)) ?? []);
    assert.ok(!after.includes('⚠'), `no warning line on the card: ${after}`);
  });

  test('the Annotations view lists each event\'s roles under it', async () => {
    const { state, name } = await openCopy();
    const { event } = eventWithRoles(state());
    const mention = (id?: string) => state().sidecar!.mentions.find((m) => m.id === id)!;
    const tree = api().tree;
    const children = async (n: TreeNode) => (await n.children?.()) ?? [];
    const doc = await waitFor(async () => (await tree.getChildren()).find((n) => n.label === name), `${name} in the Annotations view`, 15_000);
    const events = (await children(doc)).find((n) => n.label === 'Events');
    assert.ok(events, 'an Events group');
    const row = (await children(events)).find((n) => n.id.endsWith(`#${event.id}`));
    assert.ok(row, `a row for ${event.id}`);
    assert.equal(row.label, `${event.type} / ${event.subtype}`);
    const roles = await children(row);
    const labels = roles.map((r) => r.label);
    const gazetteer = await (vscode.extensions.getExtension(EXTENSION_ID)!.exports as { gazetteer(): Promise<{ get(id: string): { name: string } | undefined }> }).gazetteer();
    const named = (id?: string) => { const m = mention(id); return (m as MentionView & { entity?: string }).entity ? gazetteer.get((m as MentionView & { entity?: string }).entity!)?.name ?? m.text : m.text; };
    assert.deepEqual(labels.slice(0, 3), [`Actor 1: ${named(event.actor1)}`, `Actor 2: ${named(event.actor2)}`, `Place: ${named(event.place)}`]);
    assert.ok(labels.some((l) => l.startsWith('Date: ')) && labels.some((l) => l.startsWith('Fatalities: ')) && labels.some((l) => l.startsWith('Source: ')), `date, fatalities and source rows: ${labels.join(' | ')}`);
    assert.match(roles[0].description ?? '', /^L\d+ · /, 'a role row shows the line of its mention');
    assert.deepEqual(roles.slice(0, 3).map((r) => r.role), ['actor1', 'actor2', 'place']);
  });

  test('victims an event names are civilians: their own colour, and actor 2 of the event', async () => {
    const { document, state } = await openCopy(SOURCE, 'Gunmen killed 14 villagers in Gao, Mali, on Monday, officials said.\n');
    const victims = await waitFor(() => state().sidecar!.mentions.find((m) => m.text === 'villagers'), 'the victims as a mention', 15_000);
    assert.equal(victims.label, 'CIVILIAN');
    assert.ok(state().sidecar!.events.some((e) => e.actor2 === victims.id), 'the event points to them as actor 2');
    const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>('vscode.provideDocumentSemanticTokensLegend', document.uri);
    const tokens = await waitFor(async () => {
      const t = await vscode.commands.executeCommand<vscode.SemanticTokens>('vscode.provideDocumentSemanticTokens', document.uri);
      return t && t.data.length > 0 ? t : undefined;
    }, 'semantic tokens', 15_000);
    let line = 0;
    let char = 0;
    const types = new Map<number, string>();
    for (let i = 0; i < tokens.data.length; i += 5) {
      line += tokens.data[i];
      char = tokens.data[i] === 0 ? char + tokens.data[i + 1] : tokens.data[i + 1];
      if (line === 0) types.set(char, legend.tokenTypes[tokens.data[i + 3]]);
    }
    assert.equal(types.get(victims.start), 'civilian', `the victims are coloured as civilians (tokens: ${JSON.stringify([...types])})`);
    assert.equal(types.get(0), 'actor', 'the gunmen as an actor');
  });
});
