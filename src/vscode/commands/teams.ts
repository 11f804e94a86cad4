/**
 * Team commands: settle the conflicts a merge or a curation left in a sidecar (one at a time from a quick fix,
 * or walking through them), recover a sidecar git merged as text, set git up to merge sidecars by item, and
 * curate this document against another annotator's version in a git ref.
 */
import * as vscode from 'vscode';
import { join, relative, sep } from 'node:path';
import type { Conflict, Sidecar } from '../../core/model';
import { nodeGit } from '../../node/nodeGit';
import { describeConflict } from '../../core/sidecar/describeConflict';
import { parseSidecar } from '../../core/sidecar/parseSidecar';
import { sidecarPathFor } from '../../core/sidecar/sidecarFormat';
import { settleConflict as settle, SETTLEMENTS, type Settlement } from '../../core/review/settleConflict';
import { curate as curateVersions } from '../../core/review/curate';
import { resolveMarkers as resolveMarkerFiles } from '../../core/corpus/resolveMarkers';
import { setupGit as setupGitRepo, shellWord } from '../../core/corpus/setupGit';
import { checkRef } from '../../core/corpus/gitTreeFileSystem';
import type { CommandDeps } from './commandDeps';
import { documentFor, stateFor, workspaceRoot } from './documentTarget';
import { reveal } from './review';
import { AgreementView, pickAgreementSource, type AgreementSource } from '../agreementView';
import type { AgreementReport } from '../../core/agreement/computeAgreement';

/** Where the conflict's item is in the article (the version the list holds, else either side's span). */
export function conflictSpan(sidecar: Sidecar, c: Conflict): { start: number; end: number } | undefined {
  const held = [...sidecar.mentions, ...sidecar.events].find((x) => x.id === c.id) ?? sidecar.attributions.find((a) => a.id === c.id)?.cue;
  if (held) return { start: held.start, end: held.end };
  for (const side of [c.ours, c.theirs]) {
    const s = (side?.cue as { start?: unknown; end?: unknown } | undefined) ?? side;
    if (s && typeof s.start === 'number' && typeof s.end === 'number') return { start: s.start, end: s.end };
  }
  return undefined;
}

function left(sidecar: Sidecar | undefined): string {
  const n = sidecar?.conflicts?.length ?? 0;
  return n ? `${n} conflict(s) left` : 'no conflicts left: stage the sidecar (git add) to finish the merge';
}

export async function settleConflict(deps: CommandDeps, uri?: string, id?: string, take?: Settlement): Promise<void> {
  if (!id || !take || !SETTLEMENTS.includes(take)) throw new Error('settle needs a conflict id and ours, theirs or both');
  const state = await stateFor(deps.service, await documentFor(uri));
  await deps.service.update(state.uri, (s) => settle(s, id, take));
  vscode.window.setStatusBarMessage(`Conflict ${id} settled (${take}); ${left(deps.service.get(state.uri)?.sidecar)}`, 6000);
}

/** Walks through the open conflicts: shows each in the article and asks take mine, take theirs, keep both or skip. */
export async function nextConflict(deps: CommandDeps, uri?: string): Promise<number> {
  const document = await documentFor(uri);
  let settled = 0;
  const skipped = new Set<string>();
  for (;;) {
    const state = await stateFor(deps.service, document);
    const c = state.sidecar.conflicts?.find((x) => !skipped.has(x.id));
    if (!c) break;
    const span = conflictSpan(state.sidecar, c);
    if (span) await reveal(document.uri.toString(), span.start, span.end);
    const options: Array<{ label: string; take?: Settlement }> = [
      { label: c.ours ? 'Take mine (ours)' : 'Take mine: remove it', take: 'ours' },
      { label: c.theirs ? 'Take theirs' : 'Take theirs: remove it', take: 'theirs' },
      ...(c.ours && c.theirs ? [{ label: 'Keep both', take: 'both' as const }] : []),
      { label: 'Skip (edit it myself)' },
    ];
    const pick = await vscode.window.showQuickPick(options, { title: `Conflict ${state.sidecar.conflicts!.indexOf(c) + 1} of ${state.sidecar.conflicts!.length}`, placeHolder: describeConflict(c) });
    if (!pick) break;
    if (!pick.take) {
      skipped.add(c.id);
      continue;
    }
    await deps.service.update(state.uri, (s) => settle(s, c.id, pick.take!));
    settled++;
  }
  vscode.window.setStatusBarMessage(`${settled} conflict(s) settled; ${left(deps.service.get(document.uri)?.sidecar)}`, 6000);
  return settled;
}

/** The sidecar holds git's conflict markers: merge its two versions by item (conflicts into `conflicts:`). */
export async function resolveMarkers(deps: CommandDeps, uri?: string): Promise<number> {
  const document = await documentFor(uri);
  // run from the sidecar itself or from its article
  const sidecar = document.uri.fsPath.endsWith('.ann.yaml') ? document.uri.fsPath : sidecarPathFor(document.uri.fsPath);
  const problems: string[] = [];
  let conflicts = 0;
  const r = await resolveMarkerFiles(deps.fs, nodeGit, [sidecar], { resolved: (x) => (conflicts = x.conflicts), problem: (p) => problems.push(p.message) });
  if (r.failed) throw new Error(`${sidecar}: ${problems.join('; ')}`);
  await deps.service.onSidecarChanged(vscode.Uri.file(sidecar));
  void vscode.window.showInformationMessage(r.resolved ? `Merged the two versions by item; ${conflicts ? `${conflicts} conflict(s) to settle (see Problems)` : 'no conflicts'}. Stage the sidecar (git add) when done.` : 'The sidecar has no conflict markers.');
  return conflicts;
}

/** How git's shell runs the bundled command line of this extension (the host's own runtime as node). */
function cliCommand(extensionUri: vscode.Uri): string {
  const cli = join(extensionUri.fsPath, 'dist', 'cli.js');
  const runtime = `${shellWord(process.execPath)} ${shellWord(cli)}`;
  // desktop VS Code runs on Electron, which acts as node only when told so
  return process.versions.electron ? `ELECTRON_RUN_AS_NODE=1 ${runtime}` : runtime;
}

export async function setupGit(deps: CommandDeps, folder?: string): Promise<string> {
  const cwd = folder ?? workspaceRoot().fsPath;
  const r = await setupGitRepo(deps.fs, nodeGit, { cwd, command: cliCommand(deps.extensionUri) });
  deps.output.appendLine(`git config merge.conflict-annotator.driver: ${r.driver}`);
  void vscode.window.showInformationMessage(`Sidecars now merge by item in ${r.top}${r.attributesChanged ? ': commit .gitattributes so the team shares it' : ''}.`);
  return r.driver;
}

/**
 * Curation against the same document in another git ref (an annotator's branch): what both decided alike is
 * kept, each disagreement is listed as a conflict (mine = this version, theirs = the ref's) to settle.
 */
export async function curate(deps: CommandDeps, uri?: string, ref?: string): Promise<number> {
  const document = await documentFor(uri);
  const state = await stateFor(deps.service, document);
  const sidecarPath = sidecarPathFor(document.uri.fsPath);
  const top = await nodeGit.topLevel(join(sidecarPath, '..'));
  if (!top) throw new Error('this article is not in a git work tree: curation compares it with another annotator\'s branch');
  const chosen = ref ?? (await vscode.window.showInputBox({ title: 'Curate against the version in', placeHolder: 'a branch, tag or commit, e.g. annotator-b', validateInput: (v) => (v.trim() ? undefined : 'a git ref') }))?.trim();
  if (!chosen) return 0;
  const path = relative(top, sidecarPath).split(sep).join('/');
  const bytes = await nodeGit.readBlob(top, checkRef(chosen), path);
  if (!bytes) throw new Error(`${chosen} has no ${path}`);
  const other = parseSidecar(new TextDecoder().decode(bytes));
  if (!other.sidecar) throw new Error(`${path} in ${chosen} has errors: ${other.problems[0]?.message ?? ''}`);
  if (other.sidecar.document.sha256 !== state.sidecar.document.sha256) throw new Error(`the article differs in ${chosen}; curate versions of the same text`);
  const theirs = other.sidecar;
  let disagreements = 0;
  await deps.service.update(state.uri, (s) => {
    const r = curateVersions(s, theirs);
    disagreements = r.disagreements;
    return r.sidecar;
  });
  vscode.window.setStatusBarMessage(`Curating against ${chosen}: ${disagreements} disagreement(s) listed as conflicts`, 6000);
  return disagreements;
}

/** One report panel per window, made on first use. */
let agreementView: AgreementView | undefined;

export async function showAgreement(deps: CommandDeps, source?: AgreementSource): Promise<AgreementReport | undefined> {
  const chosen = source ?? (await pickAgreementSource(nodeGit));
  if (!chosen) return undefined;
  agreementView ??= new AgreementView(deps.fs, nodeGit, deps.output);
  return agreementView.show(chosen);
}

/** Opens both annotators' versions of the report's disagreement `index` (what a click in the report does). */
export async function openDisagreement(index: number): Promise<number> {
  return (await agreementView?.open(index))?.length ?? 0;
}
