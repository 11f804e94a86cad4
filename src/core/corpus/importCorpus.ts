/**
 * The import job: another tool's files read by one import format and merged into sidecars in an output folder,
 * never clobbering accepted work (mergeImport.ts).
 *
 * Each imported document is `OUT/NAME.txt` with `OUT/NAME.ann.yaml`. When the text file exists, the imported
 * text must be it (line ends aside: offsets of a text read with LF line ends are mapped onto its CRLF ones);
 * otherwise the document is left alone and reported. A missing text file is written. With `dryRun` nothing is
 * written: each document is reported with what would change.
 */
import { createHash } from 'node:crypto';
import type { Taxonomy } from '../events/taxonomy';
import type { ImportedDocument, ImportedSpan, ImportFormat, LabelMap } from '../imports/importedDocument';
import { mergeImport, type MergeImportReport } from '../imports/mergeImport';
import { MANIFEST_FILE } from '../exports/exportManifest';
import type { FileSystem } from '../ports';
import { syncToText } from '../review/annotateDocument';
import { emptySidecar, sidecarPathFor } from '../sidecar/sidecarFormat';
import { SidecarConflictError, SidecarStore } from '../sidecar/sidecarStore';
import { decodeText, TextDecodeError } from '../text/decodeText';
import { InputError, NoSuchFileError, requirePaths, type CorpusReporter } from './corpusJob';
import { fileName, folderOf, joinPath, outputPath } from './corpusPaths';

export interface ImportCorpusOptions {
  readonly format: ImportFormat;
  /** Files or folders (searched for the format's file endings). */
  readonly sources: readonly string[];
  /** Absolute folder of the texts and sidecars. */
  readonly out: string;
  readonly dryRun?: boolean;
  readonly reviewed?: boolean;
  readonly labels?: LabelMap;
  readonly taxonomy: () => Promise<Taxonomy>;
}

export interface ImportedFileReport extends MergeImportReport {
  readonly textPath: string;
  readonly sidecarPath: string;
  /** Where the document came from (`file:line`). */
  readonly source: string;
  /** The text file was (or, in a dry run, would be) created. */
  readonly newText: boolean;
  readonly written: boolean;
}

export interface ImportReporter extends CorpusReporter {
  imported(r: ImportedFileReport): void;
}

export interface ImportCorpusResult {
  readonly documents: number;
  /** Source files or documents that could not be imported (reported). */
  readonly failed: number;
}

async function sourceFiles(fs: FileSystem, paths: readonly string[], format: ImportFormat): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const e of await fs.readDir(dir)) {
      // the manifest of an export is no data
      if (e.name.startsWith('.') || e.name === MANIFEST_FILE) continue;
      const p = joinPath(dir, e.name);
      if (e.isDirectory) await walk(p);
      else if (format.extensions.some((x) => e.name.toLowerCase().endsWith(x))) out.push(p);
    }
  };
  for (const p of paths) {
    const st = await fs.stat(p);
    if (!st) throw new NoSuchFileError(p);
    if (st.isDirectory) await walk(p);
    else out.push(p);
  }
  return [...new Set(out)].sort();
}

/** Offsets of a text with LF line ends mapped onto the same text with CRLF/CR ones; undefined if they differ otherwise. */
function lineEndMap(imported: string, existing: string): ((cp: number) => number) | undefined {
  if (imported.includes('\r') || existing.replace(/\r\n?/g, '\n') !== imported.replace(/\r\n?/g, '\n')) return undefined;
  const cps = [...existing];
  const at: number[] = [];
  for (let i = 0; i < cps.length; i++) {
    if (cps[i] === '\r' && cps[i + 1] === '\n') continue;
    at.push(i);
  }
  at.push(cps.length);
  return (cp) => at[cp];
}

function remap(doc: ImportedDocument, map: (cp: number) => number, text: string): ImportedDocument {
  const span = <T extends ImportedSpan>(s: T): T => ({ ...s, start: map(s.start), end: map(s.end) });
  return {
    ...doc,
    text,
    mentions: doc.mentions.map(span),
    events: doc.events.map(span),
    attributions: doc.attributions.map((a) => ({ ...a, cue: span(a.cue), source: a.source && span(a.source), content: a.content && span(a.content) })),
  };
}

export async function importCorpus(fs: FileSystem, options: ImportCorpusOptions, reporter: ImportReporter): Promise<ImportCorpusResult> {
  requirePaths(options.sources);
  const outStat = await fs.stat(options.out);
  if (outStat && !outStat.isDirectory) throw new InputError(`-o ${options.out} is a file; give the folder of the texts and sidecars`);
  const taxonomy = await options.taxonomy();
  const files = await sourceFiles(fs, options.sources, options.format);
  if (files.length === 0) throw new InputError(`no ${options.format.extensions.join(' or ')} files under ${options.sources.join(', ')}`);
  const store = new SidecarStore(fs);
  let documents = 0;
  let failed = 0;
  for (const [i, file] of files.entries()) {
    if (reporter.cancelled?.()) break;
    reporter.progress(i + 1, files.length, file);
    let text: string;
    let companion: string | undefined;
    try {
      text = decodeText(await fs.readFile(file)).text;
      const c = options.format.companion ? joinPath(folderOf(file), options.format.companion(fileName(file))) : undefined;
      if (c && (await fs.stat(c))) companion = decodeText(await fs.readFile(c)).text;
    } catch (e) {
      reporter.problem({ code: 'unreadable', severity: 'error', line: 0, file, message: e instanceof TextDecodeError ? e.message : `cannot read: ${(e as Error).message}` });
      failed++;
      continue;
    }
    const result = options.format.read({ name: fileName(file), text, companion }, taxonomy);
    for (const p of result.problems) reporter.problem({ ...p, file });
    if (result.problems.some((p) => p.severity === 'error') && result.documents.length === 0) failed++;
    for (const doc of result.documents) {
      const textPath = outputPath(options.out, doc.name);
      const exists = await fs.stat(textPath);
      let current: ImportedDocument = doc;
      let loaded;
      try {
        loaded = exists ? await store.load(textPath) : undefined;
      } catch (e) {
        reporter.problem({ code: 'unreadable', severity: 'error', line: 0, file: textPath, message: (e as Error).message });
        failed++;
        continue;
      }
      if (loaded && loaded.text !== doc.text) {
        const map = lineEndMap(doc.text, loaded.text);
        if (!map) {
          reporter.problem({ code: 'quote-mismatch', severity: 'error', line: 0, file: textPath, message: `${doc.source}: the imported text differs from this file's; not imported` });
          failed++;
          continue;
        }
        current = remap(doc, map, loaded.text);
      }
      if (loaded && !loaded.sidecar) {
        for (const p of loaded.problems) reporter.problem({ ...p, file: loaded.sidecarPath });
        reporter.problem({ code: 'not-written', severity: 'error', line: 0, file: loaded.sidecarPath, message: `${doc.source}: its sidecar has errors; not imported` });
        failed++;
        continue;
      }
      const sha = loaded?.sha256 ?? createHash('sha256').update(doc.text, 'utf8').digest('hex');
      const base = loaded?.sidecar ? syncToText(loaded.sidecar, loaded.text, loaded.sha256).sidecar : emptySidecar(doc.name, sha);
      const merged = mergeImport(base, current.text, current, { labels: options.labels, reviewed: options.reviewed });
      let written = false;
      if (!options.dryRun) {
        try {
          if (!exists) {
            await fs.mkdirp(folderOf(textPath));
            await fs.writeFileAtomic(textPath, new TextEncoder().encode(doc.text));
          }
          await store.save(loaded ?? (await store.load(textPath)), merged.sidecar);
          written = true;
        } catch (e) {
          if (!(e instanceof SidecarConflictError)) throw e;
          reporter.problem({ code: 'not-written', severity: 'error', line: 0, file: textPath, message: e.message });
          failed++;
          continue;
        }
      }
      documents++;
      reporter.imported({ ...merged.report, textPath, sidecarPath: sidecarPathFor(textPath), source: doc.source, newText: !exists, written });
    }
  }
  return { documents, failed };
}
