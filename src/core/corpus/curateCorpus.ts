/**
 * The curate job (`conflict-annotator curate A B -o OUT`): two annotators' copies of a corpus (folders, paired
 * by file name as the agreement job pairs them) become one curated copy in OUT: each article (A's text) with a
 * sidecar holding what both decided alike and, in `conflicts:`, every disagreement for the curator to settle
 * (in the editor, or `settle`). A document they agree on entirely is marked reviewed by the curator. A curated
 * sidecar already in OUT is the curator's work and is never replaced.
 */
import type { Provenance } from '../model';
import type { FileSystem } from '../ports';
import { curate } from '../review/curate';
import { renderSidecar } from '../sidecar/renderSidecar';
import { sidecarPathFor } from '../sidecar/sidecarFormat';
import { decodeText } from '../text/decodeText';
import { annotatedDocuments } from './annotatedDocuments';
import { InputError } from './corpusErrors';
import type { CorpusReporter } from './corpusJob';
import { isWithin, joinPath } from './corpusPaths';

export interface CurateCorpusOptions {
  readonly a: string;
  readonly b: string;
  /** The curated copy: a new or existing folder outside A and B. */
  readonly out: string;
  /** The curator. */
  readonly provenance?: Provenance;
}

export interface CurateReporter extends CorpusReporter {
  curated(r: { sidecarPath: string; agreed: number; disagreements: number; reviewed: boolean }): void;
}

export async function curateCorpus(fs: FileSystem, options: CurateCorpusOptions, reporter: CurateReporter): Promise<{ documents: number; disagreements: number; failed: number }> {
  if (isWithin(options.out, options.a) || isWithin(options.out, options.b) || isWithin(options.a, options.out) || isWithin(options.b, options.out)) {
    throw new InputError(`-o ${options.out} must be a folder of its own, outside ${options.a} and ${options.b}`);
  }
  const a = await annotatedDocuments(fs, [options.a], reporter);
  const b = await annotatedDocuments(fs, [options.b], reporter);
  let failed = a.failed + b.failed;
  const others = new Map(b.docs.map((d) => [d.name, d]));
  await fs.mkdirp(options.out);
  let documents = 0;
  let disagreements = 0;
  for (const doc of a.docs) {
    const other = others.get(doc.name);
    if (!other) continue;
    const textPath = joinPath(options.out, doc.name);
    const sidecarPath = sidecarPathFor(textPath);
    if (other.sidecar.document.sha256 !== doc.sidecar.document.sha256) {
      reporter.problem({ code: 'stale', severity: 'error', line: 0, file: joinPath(options.b, doc.name), message: "the text differs from the other annotator's copy; not curated" });
      failed++;
      continue;
    }
    if (await fs.stat(sidecarPath)) {
      reporter.problem({ code: 'not-written', severity: 'warning', line: 0, file: sidecarPath, message: 'already curated; left as it is (delete it to curate the document again)' });
      continue;
    }
    const r = curate(doc.sidecar, other.sidecar);
    const reviewed = r.disagreements === 0;
    // the copy's hash names the bytes written (a byte order mark is not copied; offsets count after it anyway)
    const bytes = (await fs.stat(textPath)) ? await fs.readFile(textPath) : new TextEncoder().encode(doc.text);
    if (!(await fs.stat(textPath))) await fs.writeFileAtomic(textPath, bytes);
    else if (decodeText(bytes).text !== doc.text) {
      reporter.problem({ code: 'stale', severity: 'error', line: 0, file: textPath, message: 'a different text of this name is already there; not curated' });
      failed++;
      continue;
    }
    const document = { ...r.sidecar.document, sha256: decodeText(bytes).sha256, ...(reviewed ? { status: 'reviewed' as const, ...options.provenance } : {}) };
    const sidecar = { ...r.sidecar, document };
    await fs.writeFileAtomic(sidecarPath, new TextEncoder().encode(renderSidecar(sidecar)), { expect: null });
    documents++;
    disagreements += r.disagreements;
    reporter.curated({ sidecarPath, agreed: r.agreed, disagreements: r.disagreements, reviewed });
  }
  return { documents, disagreements, failed };
}
