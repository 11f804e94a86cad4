/**
 * Label Studio tasks: the JSON export (an array of tasks with `data`, `annotations`, `predictions`), a single
 * task, or JSON-MIN (`{"text", "label": [{start, end, text, labels}]}`). The text is `data.text` (else the first
 * string in `data`). Regions of type `labels` become mentions: the first annotation that was not cancelled as
 * accepted, every prediction as suggestions. Offsets are code points (Label Studio's unit since 2022); a region
 * whose quoted text does not match is tried as UTF-16 offsets (older versions) and reported if that fails too.
 * Name, status and entity ids come from `data.name`, `meta.status` and `data.entities` when this tool exported
 * the tasks.
 */
import type { Status } from '../model';
import type { Problem } from '../problem';
import { TextIndex } from '../text/textIndex';
import { emptyDocument, fromUtf16, isObject, problem, textName, validSpan, type ImportedDocument, type ImportResult, type ImportSource } from './importedDocument';

/** Region ids our export writes: mention ids of sidecar format 2 (`m-3f9a1c`) or 1 (`m12`). Label Studio's own are random. */
const SIDECAR_MENTION_ID = /^m(?:-[0-9a-f]{6,16}(?:-\d+)?|\d+)$/;

function regions(result: unknown): { id?: string; start: unknown; end: unknown; text?: unknown; label: unknown }[] {
  if (!Array.isArray(result)) return [];
  return result
    .filter((r) => isObject(r) && (r.type === undefined || r.type === 'labels') && isObject(r.value))
    .map((r) => {
      const v = (r as { value: Record<string, unknown> }).value;
      return { id: typeof r.id === 'string' ? r.id : undefined, start: v.start, end: v.end, text: v.text, label: Array.isArray(v.labels) ? v.labels[0] : undefined };
    });
}

export function readLabelStudio(source: ImportSource): ImportResult {
  const problems: Problem[] = [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(source.text);
  } catch (e) {
    return { documents: [], problems: [problem(`not JSON: ${(e as Error).message}`, 1)] };
  }
  const tasks = Array.isArray(parsed) ? parsed : [parsed];
  const documents: ImportedDocument[] = [];
  tasks.forEach((task, n) => {
    if (!isObject(task)) return problems.push(problem(`task ${n + 1} is not an object`));
    const data = isObject(task.data) ? task.data : task;
    const text = typeof data.text === 'string' ? data.text : Object.values(data).find((v): v is string => typeof v === 'string');
    if (text === undefined) return problems.push(problem(`task ${n + 1} has no text`));
    const id = task.id ?? n + 1;
    const doc = emptyDocument(typeof data.name === 'string' ? textName(data.name) : textName(`${source.name.replace(/\.json$/i, '')}_task_${id}`), text, `${source.name} task ${id}`);
    const meta = isObject(task.meta) ? task.meta : {};
    if (meta.status === 'reviewed' || meta.status === 'draft') doc.status = meta.status;
    const entities = isObject(data.entities) ? data.entities : {};
    const index = new TextIndex(text);
    const cps = [...text];
    const add = (list: ReturnType<typeof regions>, status: Status): void => {
      for (const r of list) {
        if (typeof r.start !== 'number' || typeof r.end !== 'number' || typeof r.label !== 'string') {
          problems.push(problem(`${doc.source}: region ${r.id ?? ''} has no offsets or label`));
          continue;
        }
        let span: { start: number; end: number } | undefined = { start: r.start, end: r.end };
        const quoted = typeof r.text === 'string' ? r.text : undefined;
        const at = (s: { start: number; end: number }): string => cps.slice(s.start, s.end).join('');
        if (!validSpan(index, span) || (quoted !== undefined && at(span) !== quoted)) {
          const u16 = fromUtf16(index, r.start, r.end);
          span = u16 && (quoted === undefined || at(u16) === quoted) ? u16 : undefined;
        }
        if (!span) {
          problems.push(problem(`${doc.source}: region ${r.id ?? ''} ${JSON.stringify(quoted)} does not match the text at ${r.start}-${r.end}`));
          continue;
        }
        const entity = r.id !== undefined && typeof entities[r.id] === 'string' ? (entities[r.id] as string) : undefined;
        if (!doc.mentions.some((m) => m.start === span!.start && m.end === span!.end && m.label === r.label)) doc.mentions.push({ ...span, label: r.label, status, ...(entity ? { entity } : {}), ...(r.id && SIDECAR_MENTION_ID.test(r.id) ? { id: r.id } : {}) });
      }
    };
    const annotations = (Array.isArray(task.annotations) ? task.annotations : Array.isArray(task.completions) ? task.completions : []).filter((a) => isObject(a) && a.was_cancelled !== true);
    if (annotations.length > 1) problems.push(problem(`${doc.source}: ${annotations.length} annotations; the first is imported`, 0, 'warning'));
    if (annotations.length) add(regions((annotations[0] as Record<string, unknown>).result), 'accepted');
    if (!Array.isArray(task.annotations) && Array.isArray(task.label)) add(task.label.map((v) => ({ start: (v as Record<string, unknown>).start, end: (v as Record<string, unknown>).end, text: (v as Record<string, unknown>).text, label: ((v as Record<string, unknown>).labels as unknown[] | undefined)?.[0] })), 'accepted');
    for (const p of Array.isArray(task.predictions) ? task.predictions : []) if (isObject(p)) add(regions(p.result), 'suggested');
    documents.push(doc);
  });
  return { documents, problems };
}
