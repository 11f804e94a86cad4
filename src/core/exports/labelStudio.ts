/**
 * Label Studio tasks (JSON, the file its import dialog takes) with annotations and predictions, and the labelling
 * config that matches them.
 *
 * A task per document: `data.text` the text, `data.name` its name, `data.entities` each region's entity id;
 * `meta` the hash and status. Accepted items (every item of a reviewed document) are the task's annotation;
 * suggestions exported from drafts are its predictions (`model_version: "conflict-annotator"`), for review in
 * Label Studio. Region offsets are code points, as Label Studio stores them, with the quoted text.
 */
import type { Mention } from '../model';
import { prepare, type ExportDocument, type ExportOptions } from './exportDocument';

export const LABEL_STUDIO_FROM = 'label';
export const LABEL_STUDIO_TO = 'text';
export const LABEL_STUDIO_MODEL = 'conflict-annotator';

const region = (m: Mention) => ({
  id: m.id,
  from_name: LABEL_STUDIO_FROM,
  to_name: LABEL_STUDIO_TO,
  type: 'labels',
  value: { start: m.start, end: m.end, text: m.text, labels: [m.label] },
});

export function toLabelStudio(docs: readonly ExportDocument[], opts: ExportOptions = {}): string {
  const tasks = docs.map((d, i) => {
    const p = prepare(d, opts);
    const reviewed = d.sidecar.document.status === 'reviewed';
    const accepted = p.mentions.filter((m) => reviewed || m.status === 'accepted');
    const suggested = p.mentions.filter((m) => !reviewed && m.status !== 'accepted');
    const entities = Object.fromEntries(p.mentions.filter((m) => m.entity).map((m) => [m.id, m.entity]));
    return {
      id: i + 1,
      data: { text: d.text, name: d.name, entities },
      meta: { sha256: p.sha256, status: d.sidecar.document.status },
      annotations: accepted.length || reviewed ? [{ result: accepted.map(region), ground_truth: false }] : [],
      predictions: suggested.length ? [{ model_version: LABEL_STUDIO_MODEL, result: suggested.map(region) }] : [],
    };
  });
  return JSON.stringify(tasks, null, 1) + '\n';
}

/** The labelling config for the tasks (Settings → Labeling Interface → Code). */
export function labelStudioConfig(labels: readonly string[] = ['ACTOR', 'PLACE']): string {
  return [
    '<View>',
    `  <Labels name="${LABEL_STUDIO_FROM}" toName="${LABEL_STUDIO_TO}">`,
    ...labels.map((l) => `    <Label value="${l}"/>`),
    '  </Labels>',
    `  <Text name="${LABEL_STUDIO_TO}" value="$text"/>`,
    '</View>',
    '',
  ].join('\n');
}
