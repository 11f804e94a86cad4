/**
 * The agreement report in a webview: two annotators' folders, or one folder in two git refs, compared by the
 * core job; the page (core agreementHtml) has a chart per label and the disagreements, and a click on one
 * opens both annotators' versions of the document side by side with their spans selected. A ref's files are
 * shown read-only through a content provider that reads them from git.
 */
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { dirname, relative, sep } from 'node:path';
import type { FileSystem, Git } from '../core/ports';
import type { AgreementReport } from '../core/agreement/computeAgreement';
import { agreementHtml } from '../core/agreement/agreementHtml';
import { agreementCorpus, agreementOfRefs } from '../core/corpus/agreementCorpus';
import { collectTextFiles } from '../core/corpus/collectTextFiles';
import { formatProblem } from '../core/problem';
import { checkRef } from '../core/corpus/gitTreeFileSystem';
import { TextIndex } from '../core/text/textIndex';

export const REF_SCHEME = 'conflict-annotator-ref';

/** What to compare: two folders, or one folder in two refs. */
export type AgreementSource = { readonly a: string; readonly b: string } | { readonly folder: string; readonly refs: readonly [string, string] };

/** A file as it is in a git ref, titled `NAME @ REF`; the query says which file of which repository. */
export function refUri(top: string, rel: string, ref: string): vscode.Uri {
  const file = vscode.Uri.file(`${top}${sep}${rel.split('/').join(sep)}`);
  return vscode.Uri.from({ scheme: REF_SCHEME, path: `${file.path} @ ${ref}`, query: JSON.stringify({ top, rel, ref }) });
}

/** Read-only documents of a git ref (see refUri). */
export class RefDocuments implements vscode.TextDocumentContentProvider {
  constructor(private readonly git: Git) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const { top, rel, ref } = JSON.parse(uri.query) as { top: string; rel: string; ref: string };
    const bytes = await this.git.readBlob(top, checkRef(ref), rel);
    return bytes ? new TextDecoder().decode(bytes).replace(/^\uFEFF/, '') : '';
  }
}

export class AgreementView implements vscode.Disposable {
  private panel?: vscode.WebviewPanel;
  private report?: AgreementReport;
  private source?: AgreementSource;

  constructor(
    private readonly fs: FileSystem,
    private readonly git: Git,
    private readonly output: vscode.OutputChannel,
  ) {}

  dispose(): void {
    this.panel?.dispose();
  }

  /** Runs the comparison and shows the report; returns it (tests read it). */
  async show(source: AgreementSource): Promise<AgreementReport> {
    const problems: string[] = [];
    const reporter = { progress: () => undefined, problem: (p: Parameters<typeof formatProblem>[0]) => problems.push(formatProblem(p)) };
    const { report } = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Computing agreement' }, () =>
      'refs' in source ? agreementOfRefs(this.git, { folder: source.folder, a: source.refs[0], b: source.refs[1] }, reporter) : agreementCorpus(this.fs, { a: source.a, b: source.b, annotators: { a: shortName(source.a), b: shortName(source.b) } }, reporter),
    );
    for (const p of problems) this.output.appendLine(p);
    this.report = report;
    this.source = source;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('conflictAnnotator.agreement', 'Agreement', vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [] });
      this.panel.onDidDispose(() => (this.panel = undefined));
      this.panel.webview.onDidReceiveMessage((m: { type?: string; index?: number }) => {
        if (m.type === 'open' && typeof m.index === 'number') void this.open(m.index).catch((e: unknown) => void vscode.window.showErrorMessage(`Conflict Annotator: ${(e as Error).message}`));
      });
    }
    this.panel.title = `Agreement: ${report.annotators.a} · ${report.annotators.b}`;
    this.panel.webview.html = this.html(report);
    this.panel.reveal();
    return report;
  }

  /** The page, with a CSP that allows only its own inline style and this script. */
  html(report: AgreementReport): string {
    const nonce = randomBytes(16).toString('base64');
    const head = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}';">`;
    const script = `<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
for (const row of document.querySelectorAll('tr.disagreement')) {
  const open = () => vscode.postMessage({ type: 'open', index: Number(row.dataset.index) });
  row.addEventListener('click', open);
  row.addEventListener('keydown', (e) => { if (e.key === 'Enter') open(); });
}
</script>`;
    return agreementHtml(report, { head, script });
  }

  /** Opens both versions of a disagreement's document, side by side, each with its span selected. */
  async open(index: number): Promise<vscode.TextEditor[]> {
    const d = this.report?.disagreements[index];
    const source = this.source;
    if (!d || !source) return [];
    const [a, b] = 'refs' in source ? await this.refUris(source, d.document) : [await this.find(source.a, d.document), await this.find(source.b, d.document)];
    const editors: vscode.TextEditor[] = [];
    for (const [uri, s, column] of [[a, d.a, vscode.ViewColumn.One], [b, d.b, vscode.ViewColumn.Two]] as const) {
      if (!uri) continue;
      const document = await vscode.workspace.openTextDocument(uri);
      const editor = await vscode.window.showTextDocument(document, { viewColumn: column, preview: true, preserveFocus: column === vscode.ViewColumn.Two });
      if (s) {
        const idx = new TextIndex(document.getText());
        const range = new vscode.Range(document.positionAt(idx.toUtf16(s.start)), document.positionAt(idx.toUtf16(s.end)));
        editor.selection = new vscode.Selection(range.start, range.end);
        editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      }
      editors.push(editor);
    }
    return editors;
  }

  private async find(folder: string, name: string): Promise<vscode.Uri | undefined> {
    const file = (await collectTextFiles(this.fs, [folder])).find((f) => f.slice(Math.max(f.lastIndexOf('/'), f.lastIndexOf('\\')) + 1) === name);
    return file ? vscode.Uri.file(file) : undefined;
  }

  private async refUris(source: { folder: string; refs: readonly [string, string] }, name: string): Promise<[vscode.Uri | undefined, vscode.Uri | undefined]> {
    const top = await this.git.topLevel(source.folder);
    if (!top) return [undefined, undefined];
    const uri = async (ref: string) => {
      const files = await this.git.listFiles(top, ref, relative(top, source.folder).split(sep).join('/'));
      const rel = files.find((f) => f.split('/').pop() === name);
      return rel ? refUri(top, rel, ref) : undefined;
    };
    return [await uri(source.refs[0]), await uri(source.refs[1])];
  }
}

function shortName(folder: string): string {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const r = root ? relative(root, folder) : folder;
  return r && !r.startsWith('..') ? r : folder;
}

/** Asks what to compare: two folders, or the workspace folder in two git refs. */
export async function pickAgreementSource(git: Git): Promise<AgreementSource | undefined> {
  const mode = await vscode.window.showQuickPick(
    [
      { label: 'Two folders', description: "one per annotator, each with the same articles and that annotator's sidecars", refs: false },
      { label: 'Two git branches', description: "a branch per annotator, of the open article's repository", refs: true },
    ],
    { title: 'Agreement between' },
  );
  if (!mode) return undefined;
  if (!mode.refs) {
    const pick = async (title: string) => (await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, title }))?.[0]?.fsPath;
    const a = await pick("Annotator A's folder");
    const b = a && (await pick("Annotator B's folder"));
    return a && b ? { a, b } : undefined;
  }
  // the repository of the open article, else the workspace's
  const active = vscode.window.activeTextEditor?.document.uri;
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const folder = (active?.scheme === 'file' ? await git.topLevel(dirname(active.fsPath)) : undefined) ?? (root ? await git.topLevel(root) : undefined);
  if (!folder) throw new Error('neither the open article nor the workspace is in a git work tree');
  const ask = (title: string) => vscode.window.showInputBox({ title, placeHolder: 'a branch, tag or commit', validateInput: (v) => (v.trim() ? undefined : 'a git ref') });
  const a = (await ask("Annotator A's branch"))?.trim();
  const b = a && (await ask("Annotator B's branch"))?.trim();
  return a && b ? { folder, refs: [a, b] } : undefined;
}
