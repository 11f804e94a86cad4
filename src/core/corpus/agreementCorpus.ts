/**
 * The agreement job: two annotators' copies of a corpus (two folders holding the same articles, each with its
 * own sidecars, or one folder in two git refs: a branch per annotator) compared document by document.
 * Documents pair by file name; the text is A's, and a document whose text differs between the copies is
 * reported and left out (offsets into different texts cannot agree).
 */
import type { FileSystem, Git } from '../ports';
import { InputError } from './corpusErrors';
import { GitTreeFileSystem } from './gitTreeFileSystem';
import { computeAgreement, type AgreementReport, type AnnotatedDocument } from '../agreement/computeAgreement';
import { annotatedDocuments } from './annotatedDocuments';
import type { CorpusReporter } from './corpusJob';

export interface AgreementCorpusOptions {
  readonly a: string;
  readonly b: string;
  readonly includeSuggestions?: boolean;
  /** Display names of the annotators (default: the folder paths as given). */
  readonly annotators?: { readonly a: string; readonly b: string };
  /** Where each side is read from (default: `fs` for both); a GitTreeFileSystem reads a ref. */
  readonly sources?: { readonly a: FileSystem; readonly b: FileSystem };
}

export interface AgreementCorpusResult {
  readonly report: AgreementReport;
  /** Articles whose text or sidecar could not be read, or whose texts differ (all reported). */
  readonly failed: number;
}

export async function agreementCorpus(fs: FileSystem, options: AgreementCorpusOptions, reporter: CorpusReporter): Promise<AgreementCorpusResult> {
  const a = await annotatedDocuments(options.sources?.a ?? fs, [options.a], reporter);
  const b = await annotatedDocuments(options.sources?.b ?? fs, [options.b], reporter);
  let failed = a.failed + b.failed;
  const texts = new Map<string, string>();
  const hashes = new Map<string, string>();
  for (const d of a.docs) {
    texts.set(d.name, d.text);
    hashes.set(d.name, d.sidecar.document.sha256);
  }
  const bDocs: AnnotatedDocument[] = [];
  for (const d of b.docs) {
    const hash = hashes.get(d.name);
    if (hash !== undefined && hash !== d.sidecar.document.sha256) {
      failed++;
      reporter.problem({ code: 'stale', severity: 'error', line: 0, file: `${options.b}/${d.name}`, message: 'the text differs from the other annotator\'s copy; left out of the comparison' });
      continue;
    }
    bDocs.push({ name: d.name, sidecar: d.sidecar });
  }
  const kept = new Set(bDocs.map((d) => d.name));
  const aDocs = a.docs.filter((d) => kept.has(d.name) || !b.docs.some((x) => x.name === d.name)).map((d) => ({ name: d.name, sidecar: d.sidecar }));
  const report = computeAgreement(
    { a: aDocs, b: bDocs, texts, annotators: options.annotators ?? { a: options.a, b: options.b } },
    { includeSuggestions: options.includeSuggestions === true },
  );
  return { report, failed };
}

export interface AgreementOfRefsOptions {
  /** The folder compared, the same in both refs (an absolute path inside the work tree). */
  readonly folder: string;
  /** The two refs (branches, tags, commits): A's and B's version of the folder. */
  readonly a: string;
  readonly b: string;
  readonly includeSuggestions?: boolean;
}

/** Agreement of one folder as two git refs have it (`agreement REF_A REF_B -- FOLDER`): nothing is checked out. */
export async function agreementOfRefs(git: Git, options: AgreementOfRefsOptions, reporter: CorpusReporter): Promise<AgreementCorpusResult> {
  const top = await git.topLevel(options.folder);
  if (!top) throw new InputError(`${options.folder} is not inside a git work tree`);
  const [a, b] = await Promise.all([GitTreeFileSystem.open(git, top, options.a, options.folder), GitTreeFileSystem.open(git, top, options.b, options.folder)]);
  return agreementCorpus(a, { a: options.folder, b: options.folder, includeSuggestions: options.includeSuggestions, annotators: { a: options.a, b: options.b }, sources: { a, b } }, reporter);
}
