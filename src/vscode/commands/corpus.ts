/** Commands over the whole workspace corpus: they run the core corpus jobs under a progress notification. */
import * as vscode from 'vscode';
import { join, relative, resolve } from 'node:path';
import { EXPORT_FORMATS, exportFormat } from '../../core/exports/exportFormats';
import { CancelledError, formatProblem, type CorpusReporter } from '../../core/corpus/corpusJob';
import { exportCorpus } from '../../core/corpus/exportCorpus';
import { manifestSummary } from '../../core/exports/exportManifest';
import { formatStats } from '../../core/corpus/corpusStats';
import type { CommandDeps } from './commandDeps';
import { workspaceRoot } from './documentTarget';

/** `path` relative to the workspace folder, as the CLI shows paths relative to its folder; outside it, in full. */
function shown(path: string): string {
  const r = relative(workspaceRoot().fsPath, path);
  return r.startsWith('..') ? path : r;
}

/**
 * Runs a corpus job under a cancellable progress notification (every file counts, however few). Problems go to
 * `problem` as lines with workspace-relative paths; undefined when the person cancelled.
 */
async function runCorpusJob<T>(title: string, problem: (line: string) => void, job: (reporter: CorpusReporter) => Promise<T>): Promise<T | undefined> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const reporter: CorpusReporter = {
      progress: (done, total, file) => progress.report({ message: `${done}/${total} ${shown(file)}`, increment: 100 / total }),
      problem: (p) => problem(formatProblem(p, shown)),
      cancelled: () => token.isCancellationRequested,
    };
    try {
      return await job(reporter);
    } catch (e) {
      if (!(e instanceof CancelledError)) throw e;
      vscode.window.setStatusBarMessage(`${title}: cancelled`, 4000);
      return undefined;
    }
  });
}

/** Shows a folder: the system file manager on a desktop, the Explorer view in a browser or remote window. */
async function openFolder(folder: vscode.Uri): Promise<void> {
  if (vscode.env.uiKind === vscode.UIKind.Desktop && !vscode.env.remoteName) await vscode.commands.executeCommand('revealFileInOS', folder);
  else await vscode.commands.executeCommand('revealInExplorer', folder);
}

export async function exportTrainingData(deps: CommandDeps, formatId?: string, outFolder?: string): Promise<string | undefined> {
  const chosen = formatId ?? (await vscode.window.showQuickPick(EXPORT_FORMATS.map((f) => ({ label: f.id, description: f.description })), { title: 'Export training data as' }))?.label;
  if (!chosen) return undefined;
  const format = exportFormat(chosen);
  if (!format) throw new Error(`unknown export format "${chosen}"; one of ${EXPORT_FORMATS.map((f) => f.id).join(', ')}`);
  const settings = deps.settings.current;
  const root = workspaceRoot().fsPath;
  const out = outFolder ?? join(root, settings.exportFolder);
  const target = resolve(root, out);
  // the job reads sidecars from disk: decisions still waiting for a pause in the review go out first
  await deps.service.flush();
  const result = await runCorpusJob(`Exporting ${format.id}`, (l) => deps.output.appendLine(l), (reporter) =>
    exportCorpus(deps.fs, { paths: [root], format, out: target, includeSuggestions: settings.includeSuggestionsInExport, gazetteer: deps.gazetteer, taxonomy: deps.taxonomy }, reporter),
  );
  if (!result) return undefined;
  const summary = `${result.documents} document${result.documents === 1 ? '' : 's'} exported as ${format.id} to ${shown(target)}: ${result.written.map((w) => relative(target, w)).join(', ')}`;
  deps.output.appendLine(summary);
  for (const line of manifestSummary(result.manifest)) deps.output.appendLine(line);
  if (result.failed) {
    deps.output.show(true);
    throw new Error(`export finished with problems (${result.failed} documents skipped); see the Conflict Annotator output`);
  }
  void vscode.window.showInformationMessage(summary, 'Open Folder').then((choice) => {
    if (choice) void openFolder(vscode.Uri.file(target));
  });
  return out;
}

/** The figures of the stats job, from the workspace index: only articles changed since it was saved are read. */
export async function showStatistics(deps: CommandDeps): Promise<string | undefined> {
  const problems: string[] = [];
  // counted from disk, so the figures agree with the status bar only once pending decisions are written
  await deps.service.flush();
  const result = await runCorpusJob('Counting annotations', (l) => problems.push(l), (reporter) => deps.index.stats(workspaceRoot().fsPath, reporter));
  if (!result) return undefined;
  const gazetteer = await deps.gazetteer();
  // people read entity names, not ids
  const text = [formatStats(result.stats, (id) => gazetteer.get(id)?.name), ...problems, ...result.problems.map((p) => formatProblem(p, shown))].join('\n');
  deps.output.clear();
  deps.output.appendLine(text);
  deps.output.show(true);
  return text;
}
