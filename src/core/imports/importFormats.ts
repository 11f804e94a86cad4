/**
 * The import formats, in one table the CLI (`import --from`) reads: each format's id, description, the file
 * endings it reads from a folder, a companion file if it has one, and its reader.
 */
import { readBrat } from './bratImport';
import { readConll } from './conllImport';
import { readDoccano } from './doccanoImport';
import type { ImportFormat } from './importedDocument';
import { readLabelStudio } from './labelStudioImport';
import { readProdigy } from './prodigyImport';
import { readSpacyJsonl } from './spacyJsonlImport';
import { readWebanno } from './webannoImport';

export const IMPORT_FORMATS: readonly ImportFormat[] = [
  { id: 'brat', description: 'brat standoff (.ann with its .txt)', extensions: ['.ann'], companion: (name) => name.replace(/\.ann$/, '.txt'), read: (s, taxonomy) => readBrat(s, taxonomy) },
  { id: 'doccano', description: 'doccano sequence labelling JSONL', extensions: ['.jsonl', '.json'], read: readDoccano },
  { id: 'label-studio', description: 'Label Studio tasks JSON (annotations, predictions as suggestions)', extensions: ['.json'], read: readLabelStudio },
  { id: 'prodigy', description: 'Prodigy JSONL (accepted answers)', extensions: ['.jsonl'], read: readProdigy },
  { id: 'spacy-jsonl', description: 'spaCy-style span JSONL', extensions: ['.jsonl'], read: readSpacyJsonl },
  { id: 'conll', description: 'CoNLL columns (IOB1, IOB2, BIOES, BILUO)', extensions: ['.conll', '.iob', '.bio'], read: readConll },
  { id: 'webanno-tsv', description: 'WebAnno TSV 3.x (WebAnno, INCEpTION)', extensions: ['.tsv'], read: readWebanno },
];

export function importFormat(id: string): ImportFormat | undefined {
  return IMPORT_FORMATS.find((f) => f.id === id);
}
