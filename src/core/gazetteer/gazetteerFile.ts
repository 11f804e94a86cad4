/**
 * The workspace gazetteer file (`conflict-gazetteer.yaml`): entities a team adds or extends.
 *
 * ```yaml
 * entities:
 *   - id: isil                      # an existing id adds aliases to the built-in entity
 *     aliases: [Tanzim al-Dawla]
 *   - id: jaish-al-izza
 *     name: Jaish al-Izza
 *     label: ACTOR
 *     kind: armed_group
 *     aliases: [Army of Glory]
 * ```
 * Only plain strings are read: nothing in the file is compiled as a pattern, so an untrusted file cannot
 * make matching hang.
 */
import { isMap, isSeq, LineCounter, parseDocument, type YAMLMap, YAMLSeq, type Document } from 'yaml';
import type { Entity, EntityKind, MentionLabel } from '../model';
import type { Problem, ProblemCode } from '../problem';

export const GAZETTEER_FILE = 'conflict-gazetteer.yaml';

const KINDS: ReadonlySet<string> = new Set<EntityKind>(['person', 'organisation', 'armed_group', 'state_force', 'government', 'media', 'igo_ngo', 'group', 'country', 'admin_area', 'city', 'facility', 'region']);
const LIMITS = { entities: 50_000, aliases: 500, length: 200 };

export interface ParsedGazetteer {
  entities: Entity[];
  problems: Problem[];
}

function parse(text: string): { doc: Document.Parsed; lines: LineCounter } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  return { doc, lines };
}

const lineOf = (lines: LineCounter, offset: number | undefined): number => (offset === undefined ? 1 : lines.linePos(offset).line);
// Every problem here means part of the file was not used (an entry skipped, or the whole file).
const problem = (code: ProblemCode, line: number, message: string): Problem => ({ code, severity: 'error', message, line });

/** Reads the file; entries with problems are skipped and reported, the rest are used. */
export function parseGazetteerYaml(text: string): ParsedGazetteer {
  const { doc, lines } = parse(text);
  const problems: Problem[] = doc.errors.map((e) => problem('yaml-syntax', lineOf(lines, e.pos[0]), e.message.split('\n')[0]));
  if (problems.length > 0) return { entities: [], problems };
  const root = doc.contents;
  if (root === null) return { entities: [], problems };
  const list = isMap(root) ? root.get('entities', true) : undefined;
  if (!isSeq(list)) return { entities: [], problems: [problem('schema', lineOf(lines, root.range?.[0]), 'expected a top-level "entities:" list')] };
  const entities: Entity[] = [];
  const seen = new Set<string>();
  if (list.items.length > LIMITS.entities) {
    const line = lineOf(lines, (list.items[LIMITS.entities] as { range?: [number] }).range?.[0]);
    problems.push(problem('too-large', line, `${list.items.length} entities; only the first ${LIMITS.entities} are used (split the gazetteer or raise the limit)`));
  }
  for (const item of list.items.slice(0, LIMITS.entities)) {
    const line = lineOf(lines, (item as { range?: [number] }).range?.[0]);
    if (!isMap(item)) {
      problems.push(problem('schema', line, 'an entity must be a mapping with at least "id"'));
      continue;
    }
    // alias expansion is bounded: a "billion laughs" file fails instead of eating memory
    let raw: Record<string, unknown>;
    try {
      raw = item.toJS(doc, { maxAliasCount: 50 }) as Record<string, unknown>;
    } catch (e) {
      problems.push(problem('yaml-aliases', line, (e as Error).message));
      continue;
    }
    const id = raw.id;
    if (typeof id !== 'string' || !/^[\p{L}\p{N}][\p{L}\p{N}._-]{0,99}$/u.test(id)) {
      problems.push(problem('schema', line, `entity id must be a short string of letters, digits, '.', '_' or '-' (got ${JSON.stringify(id)})`));
      continue;
    }
    if (seen.has(id)) {
      problems.push(problem('duplicate-id', line, `duplicate entity id "${id}"`));
      continue;
    }
    seen.add(id);
    const aliases = raw.aliases ?? [];
    if (!Array.isArray(aliases) || aliases.some((a) => typeof a !== 'string' || a.length === 0 || a.length > LIMITS.length)) {
      problems.push(problem('schema', line, `${id}: aliases must be a list of non-empty strings up to ${LIMITS.length} characters`));
      continue;
    }
    const label = raw.label ?? 'ACTOR';
    if (label !== 'ACTOR' && label !== 'PLACE') {
      problems.push(problem('unknown-value', line, `${id}: label must be ACTOR or PLACE`));
      continue;
    }
    const kind = raw.kind ?? (label === 'PLACE' ? 'city' : 'organisation');
    if (typeof kind !== 'string' || !KINDS.has(kind)) {
      problems.push(problem('unknown-value', line, `${id}: unknown kind ${JSON.stringify(kind)} (one of ${[...KINDS].join(', ')})`));
      continue;
    }
    const name = typeof raw.name === 'string' && raw.name.length > 0 ? raw.name : (aliases[0] as string | undefined) ?? id;
    if (aliases.length > LIMITS.aliases) problems.push(problem('too-large', line, `${id}: ${aliases.length} aliases; only the first ${LIMITS.aliases} are used`));
    const entity: Entity = { id, name, label: label as MentionLabel, kind: kind as EntityKind, aliases: (aliases as string[]).slice(0, LIMITS.aliases) };
    for (const key of ['inter', 'geonameId', 'lat', 'lon', 'population'] as const) if (typeof raw[key] === 'number') entity[key] = raw[key] as number;
    for (const key of ['country', 'description', 'admin1'] as const) if (typeof raw[key] === 'string') entity[key] = raw[key] as string;
    entities.push(entity);
  }
  return { entities, problems };
}

/**
 * Adds `alias` to entity `id` in the file text (creating the entry, or the file, as needed) and returns the new
 * text. Comments and the order a person gave are kept. Refuses a file that does not parse.
 */
export function addAliasToGazetteerYaml(text: string, entity: Pick<Entity, 'id' | 'name' | 'label' | 'kind'>, alias: string): string {
  const source = text.trim().length === 0 ? 'entities: []\n' : text;
  const { doc, lines } = parse(source);
  if (doc.errors.length > 0) throw new Error(`${GAZETTEER_FILE}:${lineOf(lines, doc.errors[0].pos[0])}: ${doc.errors[0].message.split('\n')[0]} (fix the file first)`);
  if (!isMap(doc.contents)) throw new Error(`${GAZETTEER_FILE}: expected a top-level "entities:" list`);
  const root = doc.contents as YAMLMap;
  let list = root.get('entities', true) as unknown;
  if (list === undefined || list === null) {
    list = new YAMLSeq();
    root.set('entities', list);
  }
  if (!isSeq(list)) throw new Error(`${GAZETTEER_FILE}: "entities" must be a list`);
  const seq = list as YAMLSeq;
  seq.flow = false;
  const existing = seq.items.find((it) => isMap(it) && it.get('id') === entity.id) as YAMLMap | undefined;
  if (existing) {
    const aliases = existing.get('aliases', true);
    if (isSeq(aliases)) {
      if (!aliases.items.some((a) => (a as { value?: unknown }).value === alias || a === alias)) aliases.add(doc.createNode(alias));
    } else {
      const node = doc.createNode([alias]) as YAMLSeq;
      node.flow = true;
      existing.set('aliases', node);
    }
  } else {
    const aliasNode = doc.createNode([alias]) as YAMLSeq;
    aliasNode.flow = true;
    const item = doc.createNode({ id: entity.id, name: entity.name, label: entity.label, kind: entity.kind }) as YAMLMap;
    item.set('aliases', aliasNode);
    seq.add(item);
  }
  return doc.toString({ lineWidth: 0 });
}
