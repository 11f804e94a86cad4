/**
 * Hugging Face token classification: a dataset folder that `datasets.load_dataset(folder)` reads with
 * `ner_tags` as a ClassLabel sequence.
 *
 * - `GROUP.hf.jsonl`: one record per sentence (keeps sequences short for transformer models),
 *   `{"id":"NAME#N","tokens":[...],"ner_tags":[1,2,0,...]}`, N counting from 0 per document, tags as ids of
 *   {@link tagNames}. An unknown label (a draft's unreviewed text, a mention left out for overlapping a longer
 *   one) is -100, the label id PyTorch's cross-entropy and the transformers token-classification recipes ignore.
 * - `README.md`: the dataset card, whose YAML `dataset_info` declares the features (ClassLabel names) and whose
 *   `configs` map splits to files: corpus and train to `train`, dev to `validation`, test to `test`. Splits
 *   without a record are left out of the card (`load_dataset` refuses an empty split).
 * - `labels.json`: `{"scheme","names","id2label","label2id"}` for a model config.
 */
import { ENTITY_LABELS } from '../model';
import { prepare, type ExportDocument, type ExportOptions, type TagScheme } from './exportDocument';
import { tagNames, taggedSentences } from './taggedSentences';

/** The label id for "unknown": ignored by the loss. */
export const IGNORED_LABEL = -100;

const namesFor = (opts: ExportOptions): string[] => tagNames(opts.labels ?? ENTITY_LABELS, opts.scheme);

export function toHfJsonl(docs: readonly ExportDocument[], opts: ExportOptions = {}): string {
  const ids = new Map(namesFor(opts).map((n, i) => [n, i]));
  let out = '';
  for (const d of docs) {
    taggedSentences(prepare(d, opts), opts.scheme).forEach((s, i) => {
      out += JSON.stringify({ id: `${d.name}#${i}`, tokens: s.tokens.map((t) => t.text), ner_tags: s.tags.map((t) => (t === null ? IGNORED_LABEL : ids.get(t)!)) }) + '\n';
    });
  }
  return out;
}

/** The split a group is published as. */
export function hfSplitName(group: string): string {
  return group === 'dev' ? 'validation' : group === 'corpus' ? 'train' : group;
}

const SCHEME_NAMES: Record<TagScheme, string> = { iob2: 'IOB2', iob1: 'IOB1', bioes: 'BIOES' };

/** `labels.json`: the tag names in id order. */
export function hfLabels(opts: ExportOptions = {}): string {
  const names = namesFor(opts);
  return JSON.stringify({ scheme: SCHEME_NAMES[opts.scheme ?? 'iob2'], names, id2label: Object.fromEntries(names.map((n, i) => [String(i), n])), label2id: Object.fromEntries(names.map((n, i) => [n, i])), ignored_label: IGNORED_LABEL }, null, 2) + '\n';
}

/** The dataset card for data files (group name, file name), listed in the order given. */
export function hfDatasetCard(files: readonly { group: string; file: string }[], opts: ExportOptions = {}): string {
  const names = namesFor(opts);
  const q = (s: string): string => `'${s.replace(/'/g, "''")}'`;
  const yaml = [
    '---',
    'task_categories:',
    '- token-classification',
    'task_ids:',
    '- named-entity-recognition',
    'dataset_info:',
    '  features:',
    '  - name: id',
    '    dtype: string',
    '  - name: tokens',
    '    sequence: string',
    '  - name: ner_tags',
    '    sequence:',
    '      class_label:',
    '        names:',
    ...names.map((n, i) => `          ${q(String(i))}: ${q(n)}`),
    'configs:',
    '- config_name: default',
    '  data_files:',
    ...files.flatMap((f) => [`  - split: ${hfSplitName(f.group)}`, `    path: ${q(f.file)}`]),
    '---',
  ];
  const body = [
    '',
    '# Conflict Annotator token classification export',
    '',
    'Actors and places in news articles, one record per sentence: `tokens` and `ner_tags` in the',
    `${SCHEME_NAMES[opts.scheme ?? 'iob2']} scheme (label names in \`labels.json\` and in the card's \`dataset_info\`).`,
    '',
    '```python',
    'from datasets import load_dataset',
    'ds = load_dataset("path/to/this/folder")',
    'names = ds["train"].features["ner_tags"].feature.names',
    '```',
    '',
    `A tag of ${IGNORED_LABEL} means "unknown": text of a draft exported with \`--unreviewed missing\`, or a mention`,
    'left out for overlapping a longer one. Keep it as the label of those tokens (the loss ignores -100); do not',
    'map it to `O`, which would teach the model that an unreviewed name is no entity. `manifest.json` lists',
    'what the export took and what it left out.',
    '',
  ];
  return [...yaml, ...body].join('\n');
}
