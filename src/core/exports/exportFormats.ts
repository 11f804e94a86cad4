/**
 * The export formats, in one table that the CLI (`--format`) and the extension (its quick pick) both read:
 * each format's id, description, file naming and renderer.
 */
import type { Taxonomy } from '../events/taxonomy';
import type { ExportDocument, ExportOptions } from './exportDocument';
import { toSpacyJsonl } from './spacyJsonl';
import { hfDatasetCard, hfLabels, toHfJsonl } from './hfJsonl';
import { toConll } from './conll';
import { bratConfig, bratName, bratToolsConfig, bratVisualConfig, toBrat } from './brat';
import { toEventsJsonl } from './eventsJsonl';
import { toAcledCsv } from './acledCsv';
import { toSpacyDocBin } from './spacyDocBin';
import { toDoccano } from './doccano';
import { labelStudioConfig, toLabelStudio } from './labelStudio';
import { toWebannoTsv } from './webannoTsv';
import { MENTION_LABELS } from '../model';

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

/** What a format can hold, which decides what the export manifest reports as left out. */
export interface FormatHolds {
  /** `flat`: one label per token, overlapping mentions are left out; `all`: overlaps too; `none`: no mentions. */
  readonly mentions: 'flat' | 'all' | 'none';
  readonly attributions: boolean;
  readonly events: boolean;
  /** Can mark a draft's unreviewed text unknown (`--unreviewed missing`); event records need no marking. */
  readonly missing: boolean;
}

export interface ExportFormat {
  /** The `--format` value. */
  readonly id: string;
  readonly description: string;
  /** Name ending of a group's single file (`corpus.spacy.jsonl`); undefined for brat's files per document. */
  readonly extension?: string;
  readonly holds: FormatHolds;
  /** True when `--scheme` applies. */
  readonly tagged?: boolean;
  files(group: ExportGroup, opts: ExportOptions, taxonomy: Taxonomy): ExportFile[];
  /** Files about the whole export, written once at the top of the output folder after every group's files. */
  corpusFiles?(written: readonly { group: string; files: readonly ExportFile[] }[], opts: ExportOptions, taxonomy: Taxonomy): ExportFile[];
}

/** A format that renders a whole group into one file named GROUP.EXTENSION. */
function singleFile(
  id: string,
  description: string,
  extension: string,
  holds: FormatHolds,
  render: (docs: readonly ExportDocument[], opts: ExportOptions) => string | Uint8Array,
  extra: Partial<ExportFormat> = {},
): ExportFormat {
  return { id, description, extension, holds, files: (group, opts) => [{ name: `${group.name}.${extension}`, content: render(group.docs, opts) }], ...extra };
}

/**
 * A file base name per document for formats with files per document: the name without `.txt`, folded to
 * letters, digits, '_' and '-'; names that fold together ("a b.txt", "a_b.txt") are numbered so none overwrites another.
 */
export function documentBaseNames(docs: readonly ExportDocument[]): string[] {
  const used = new Set<string>();
  return docs.map((d) => {
    const base = bratName(d.name.replace(/\.txt$/i, '')) || 'document';
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
    used.add(name);
    return name;
  });
}

const brat: ExportFormat = {
  id: 'brat',
  description: 'brat standoff (.txt + .ann, annotation.conf, visual.conf, tools.conf)',
  holds: { mentions: 'all', attributions: true, events: true, missing: false },
  files(group, opts, taxonomy) {
    const folder = group.split ? `${group.name}/` : '';
    const names = documentBaseNames(group.docs);
    const files: ExportFile[] = group.docs.flatMap((d, i) => {
      const { txt, ann } = toBrat(d, opts);
      return [{ name: `${folder}${names[i]}.txt`, content: txt }, { name: `${folder}${names[i]}.ann`, content: ann }];
    });
    files.push(
      { name: `${folder}annotation.conf`, content: bratConfig(taxonomy, group.docs) },
      { name: `${folder}visual.conf`, content: bratVisualConfig(taxonomy, group.docs) },
      { name: `${folder}tools.conf`, content: bratToolsConfig() },
    );
    return files;
  },
};

const webanno: ExportFormat = {
  id: 'webanno',
  description: 'WebAnno TSV 3.3 for WebAnno and INCEpTION (one .tsv per document)',
  holds: { mentions: 'all', attributions: false, events: false, missing: false },
  files(group, opts) {
    const folder = group.split ? `${group.name}/` : '';
    const names = documentBaseNames(group.docs);
    return group.docs.map((d, i) => ({ name: `${folder}${names[i]}.tsv`, content: toWebannoTsv(d, opts) }));
  },
};

const labelStudio: ExportFormat = {
  id: 'label-studio',
  description: 'Label Studio tasks JSON (annotations and predictions) and its labelling config',
  extension: 'label-studio.json',
  holds: { mentions: 'all', attributions: false, events: false, missing: false },
  files: (group, opts) => [{ name: `${group.name}.label-studio.json`, content: toLabelStudio(group.docs, opts) }],
  corpusFiles: (_, opts) => [{ name: 'label-studio.xml', content: labelStudioConfig(opts.labels ?? MENTION_LABELS) }],
};

const hf: ExportFormat = {
  id: 'hf',
  description: 'Hugging Face token classification dataset folder (JSONL, dataset card with ClassLabel names, labels.json)',
  extension: 'hf.jsonl',
  holds: { mentions: 'flat', attributions: false, events: false, missing: true },
  tagged: true,
  // an empty split is left out: load_dataset refuses a split without data
  files: (group, opts) => {
    const content = toHfJsonl(group.docs, opts);
    return content ? [{ name: `${group.name}.hf.jsonl`, content }] : [];
  },
  corpusFiles: (written, opts) => [
    { name: 'README.md', content: hfDatasetCard(written.flatMap((w) => w.files.map((f) => ({ group: w.group, file: f.name }))), opts) },
    { name: 'labels.json', content: hfLabels(opts) },
  ],
};

export const EXPORT_FORMATS: readonly ExportFormat[] = [
  singleFile('jsonl', 'spaCy-style spans (JSONL)', 'spacy.jsonl', { mentions: 'flat', attributions: false, events: false, missing: false }, toSpacyJsonl),
  singleFile('spacy', 'spaCy DocBin for spacy train (.spacy)', 'spacy', { mentions: 'flat', attributions: true, events: false, missing: true }, (docs, opts) => toSpacyDocBin(docs, opts)),
  hf,
  singleFile('conll', 'CoNLL-2003 BIO (spacy convert reads it)', 'conll', { mentions: 'flat', attributions: false, events: false, missing: false }, toConll, { tagged: true }),
  brat,
  singleFile('events', 'event records (JSONL)', 'events.jsonl', { mentions: 'none', attributions: false, events: true, missing: true }, toEventsJsonl),
  singleFile('acled-csv', 'events as ACLED columns (CSV)', 'acled.csv', { mentions: 'none', attributions: false, events: true, missing: true }, toAcledCsv),
  singleFile('doccano', 'doccano sequence labelling JSONL', 'doccano.jsonl', { mentions: 'all', attributions: false, events: false, missing: false }, toDoccano),
  labelStudio,
  webanno,
];

export function exportFormat(id: string): ExportFormat | undefined {
  return EXPORT_FORMATS.find((f) => f.id === id);
}
