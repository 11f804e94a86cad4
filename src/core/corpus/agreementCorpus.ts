/**
 * The agreement job: two annotators' copies of a corpus (two folders holding the same articles, each with its
 * own sidecars) compared document by document. Documents pair by file name; the text is A's, and a document
 * whose text differs between the copies is reported and left out (offsets into different texts cannot agree).
 */
import type { FileSystem } from '../ports';
import { computeAgreement, type AgreementReport, type AnnotatedDocument } from '../agreement/computeAgreement';
import { annotatedDocuments } from './annotatedDocuments';
import type { CorpusReporter } from './corpusJob';

export interface AgreementCorpusOptions {
  readonly a: string;
  readonly b: string;
  readonly includeSuggestions?: boolean;
  /** Display names of the annotators (default: the folder paths as given). */
  readonly annotators?: { readonly a: string; readonly b: string };
}

export interface AgreementCorpusResult {
  readonly report: AgreementReport;
  /** Articles whose text or sidecar could not be read, or whose texts differ (all reported). */
  readonly failed: number;
}

export async function agreementCorpus(fs: FileSystem, options: AgreementCorpusOptions, reporter: CorpusReporter): Promise<AgreementCorpusResult> {
  const a = await annotatedDocuments(fs, [options.a], reporter);
  const b = await annotatedDocuments(fs, [options.b], reporter);
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
