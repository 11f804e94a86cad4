/**
 * The export formats, in one table that the CLI (`--format`) and the extension (its quick pick) both read:
 * each format's id, description, file naming and renderer.
 */
import type { Taxonomy } from '../events/taxonomy';
import type { ExportDocument, ExportOptions } from './exportDocument';
import { toSpacyJsonl } from './spacyJsonl';
import { toHfJsonl } from './hfJsonl';
import { toConll } from './conll';
import { bratConfig, bratName, toBrat } from './brat';
import { toEventsJsonl } from './eventsJsonl';
import { toAcledCsv } from './acledCsv';
import { toSpacyDocBin } from './spacyDocBin';

/** A file to write, named relative to the output folder. */
export interface ExportFile {
  readonly name: string;
  /** Text (written as UTF-8) or bytes (binary formats such as spaCy's DocBin). */
  readonly content: string | Uint8Array;
}

/** The documents that go into one set of files: the whole corpus ("corpus"), or one of train/dev/test with a split. */
export interface ExportGroup {
  readonly name: string;
  readonly docs: readonly ExportDocument[];
  /** True when the corpus is split, so each group needs files of its own. */
  readonly split: boolean;
}

export interface ExportFormat {
  /** The `--format` value. */
  readonly id: string;
  readonly description: string;
  /** Name ending of a group's single file (`corpus.spacy.jsonl`); undefined for brat's files per document. */
  readonly extension?: string;
  files(group: ExportGroup, opts: ExportOptions, taxonomy: Taxonomy): ExportFile[];
}

/** A format that renders a whole group into one file named GROUP.EXTENSION. */
function singleFile(id: string, description: string, extension: string, render: (docs: readonly ExportDocument[], opts: ExportOptions) => string | Uint8Array): ExportFormat {
  return { id, description, extension, files: (group, opts) => [{ name: `${group.name}.${extension}`, content: render(group.docs, opts) }] };
}

const brat: ExportFormat = {
  id: 'brat',
  description: 'brat standoff (.txt + .ann + annotation.conf)',
  files(group, opts, taxonomy) {
    const folder = group.split ? `${group.name}/` : '';
    const files: ExportFile[] = [];
    // bratName folds punctuation ("a b.txt" and "a_b.txt" meet): number repeats so no document overwrites another
    const used = new Set<string>();
    for (const d of group.docs) {
      const { txt, ann } = toBrat(d, opts);
      let name = bratName(d.name);
      for (let n = 2; used.has(name); n++) name = `${bratName(d.name)}_${n}`;
      used.add(name);
      files.push({ name: `${folder}${name}.txt`, content: txt }, { name: `${folder}${name}.ann`, content: ann });
    }
    files.push({ name: `${folder}annotation.conf`, content: bratConfig(taxonomy) });
    return files;
  },
};

export const EXPORT_FORMATS: readonly ExportFormat[] = [
  singleFile('jsonl', 'spaCy-style spans (JSONL)', 'spacy.jsonl', toSpacyJsonl),
  singleFile('spacy', 'spaCy DocBin for spacy train (.spacy)', 'spacy', (docs, opts) => toSpacyDocBin(docs, opts)),
  singleFile('hf', 'Hugging Face token classification (tokens + BIO tags)', 'hf.jsonl', toHfJsonl),
  singleFile('conll', 'CoNLL-2003 BIO', 'conll', toConll),
  brat,
  singleFile('events', 'event records (JSONL)', 'events.jsonl', toEventsJsonl),
  singleFile('acled-csv', 'events as ACLED columns (CSV)', 'acled.csv', toAcledCsv),
];

export function exportFormat(id: string): ExportFormat | undefined {
  return EXPORT_FORMATS.find((f) => f.id === id);
}
