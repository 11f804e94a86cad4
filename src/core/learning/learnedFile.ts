/**
 * The workspace file of learned suggestions (`conflict-learned.yaml`), read and written by `annotate` (and
 * meant to be reviewed like the gazetteer file: delete a line to forget it, raise `rejectAfter` to be slower
 * to give up on a name):
 *
 * ```yaml
 * rejectAfter: 2
 * entries:
 *   - {text: Anders Holm, label: ACTOR, entity: x-anders-holm, accepted: [a.txt], rejected: []}
 * ```
 * One flow mapping per line, sorted by label and text, so a diff shows one line per learned name. Parsing never
 * throws: bad entries are skipped and reported with their line.
 */
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import type { MentionLabel } from '../model';
import type { FileProblem, Problem, ProblemCode } from '../problem';
import type { FileSystem } from '../ports';
import { DEFAULT_REJECT_AFTER, emptyLearned, learnedKey, type LearnedModel } from './learnedSuggestions';

export const LEARNED_FILE = 'conflict-learned.yaml';

const LIMITS = { entries: 100_000, length: 200, documents: 100_000 };

const problem = (code: ProblemCode, line: number, message: string): Problem => ({ code, severity: 'error', message, line });

export function parseLearnedYaml(text: string): { model: LearnedModel; problems: Problem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const lineOf = (offset: number | undefined): number => (offset === undefined ? 1 : lines.linePos(offset).line);
  const problems: Problem[] = doc.errors.map((e) => problem('yaml-syntax', lineOf(e.pos[0]), e.message.split('\n')[0]));
  const model = emptyLearned();
  if (problems.length > 0 || doc.contents === null) return { model, problems };
  const root = doc.contents;
  if (!isMap(root)) return { model, problems: [problem('schema', lineOf(root.range?.[0]), 'expected a mapping with "entries:"')] };
  const rejectAfter = root.get('rejectAfter');
  if (rejectAfter !== undefined) {
    if (typeof rejectAfter === 'number' && Number.isInteger(rejectAfter) && rejectAfter >= 1) model.rejectAfter = rejectAfter;
    else problems.push(problem('schema', lineOf(root.range?.[0]), `rejectAfter must be a whole number of documents, 1 or more; ${DEFAULT_REJECT_AFTER} is used`));
  }
  const list = root.get('entries', true);
  if (list === undefined) return { model, problems };
  if (!isSeq(list)) return { model, problems: [...problems, problem('schema', lineOf(root.range?.[0]), 'entries must be a list')] };
  for (const item of list.items.slice(0, LIMITS.entries)) {
    const line = lineOf((item as { range?: [number] }).range?.[0]);
    if (!isMap(item)) {
      problems.push(problem('schema', line, 'an entry must be a mapping with text and label'));
      continue;
    }
    let raw: Record<string, unknown>;
    try {
      raw = item.toJSON() as Record<string, unknown>;
    } catch {
      problems.push(problem('yaml-aliases', line, 'entry skipped: too many aliases'));
      continue;
    }
    const { text: t, label, entity, accepted, rejected } = raw;
    if (typeof t !== 'string' || !t.trim() || t.length > LIMITS.length) {
      problems.push(problem(t === undefined ? 'missing-key' : 'schema', line, 'text must be a name of at most 200 characters'));
      continue;
    }
    if (label !== 'ACTOR' && label !== 'PLACE') {
      problems.push(problem(label === undefined ? 'missing-key' : 'unknown-value', line, 'label must be ACTOR or PLACE'));
      continue;
    }
    const docs = (v: unknown): string[] => (Array.isArray(v) ? [...new Set(v.filter((d): d is string => typeof d === 'string'))].sort().slice(0, LIMITS.documents) : []);
    const key = learnedKey(label, t);
    if (model.entries.has(key)) {
      problems.push(problem('duplicate-id', line, `"${t}" (${label}) is listed twice; the first is used`));
      continue;
    }
    model.entries.set(key, { text: t, label: label as MentionLabel, ...(typeof entity === 'string' && entity ? { entity } : {}), accepted: docs(accepted), rejected: docs(rejected) });
  }
  return { model, problems };
}

/** A YAML flow scalar: plain when safe, else double-quoted. */
function scalar(s: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N} .'’_/-]*$/u.test(s) && !/^(?:true|false|null|yes|no|on|off|~)$/i.test(s) && !/\s$/.test(s) ? s : JSON.stringify(s);
}

export function renderLearnedYaml(model: LearnedModel): string {
  const entries = [...model.entries.values()].sort((a, b) => (a.label === b.label ? (a.text < b.text ? -1 : a.text > b.text ? 1 : 0) : a.label < b.label ? -1 : 1));
  const lines = [
    '# Suggestions learned from what people accepted and rejected (conflict-annotator annotate). Review freely:',
    '# an entry is suggested in every document while it is rejected in fewer than rejectAfter documents.',
    `rejectAfter: ${model.rejectAfter}`,
    entries.length ? 'entries:' : 'entries: []',
  ];
  for (const e of entries) {
    const list = (ds: string[]): string => `[${ds.map(scalar).join(', ')}]`;
    lines.push(`  - {text: ${scalar(e.text)}, label: ${e.label}${e.entity ? `, entity: ${scalar(e.entity)}` : ''}, accepted: ${list(e.accepted)}, rejected: ${list(e.rejected)}}`);
  }
  return lines.join('\n') + '\n';
}

/**
 * The learned file at `path`: its model, problems (with the file named), and whether it can be written back
 * (absent, or parsed without a syntax error: a broken file is never overwritten).
 */
export async function loadLearnedFile(fs: FileSystem, path: string): Promise<{ model: LearnedModel; problems: FileProblem[]; exists: boolean; writable: boolean }> {
  const stat = await fs.stat(path);
  if (!stat || stat.isDirectory) return { model: emptyLearned(), problems: [], exists: false, writable: !stat };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await fs.readFile(path));
  } catch {
    return { model: emptyLearned(), problems: [{ code: 'not-utf8', severity: 'error', file: path, line: 1, message: 'not UTF-8 text; ignored and left as it is' }], exists: true, writable: false };
  }
  const parsed = parseLearnedYaml(text);
  const broken = parsed.problems.some((p) => p.code === 'yaml-syntax' || p.code === 'yaml-aliases');
  return { model: parsed.model, problems: parsed.problems.map((p) => ({ ...p, file: path })), exists: true, writable: !broken };
}

export async function saveLearnedFile(fs: FileSystem, path: string, model: LearnedModel): Promise<void> {
  await fs.writeFileAtomic(path, new TextEncoder().encode(renderLearnedYaml(model)));
}
