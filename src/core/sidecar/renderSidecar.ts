/**
 * Renders a sidecar as stable, diff-friendly YAML: fixed key order, sorted lists, one flow map per item, quoted
 * texts. Given the previous file, comments a person added and keys the format does not know are kept.
 */
import { Document, isMap, isPair, isScalar, isSeq, parseDocument, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Node as YamlNode, Pair } from 'yaml';
import { SIDECAR_VERSION, type Sidecar } from '../model';
import { CONFLICT_KEYS, DOCUMENT_KEYS, HEADER, pinnedIds, QUOTED_KEYS, REJECTION_ID_KEYS, SPAN_KEYS, TOP_KEYS } from './sidecarFormat';
import { diskConflict, diskDocument, diskItems, ITEM_KEYS, notesFor, sortSidecar } from './canonicalSidecar';
import { parseCanonical } from './parseCanonical';
import { renderCanonical } from './renderCanonical';

export { canonicalSidecar, sortSidecar } from './canonicalSidecar';

/** Marks every string under a quoted key double-quoted, at any depth (items nest spans, conflicts nest items). */
function quoteTexts(node: unknown): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (isScalar(pair.key) && QUOTED_KEYS.has(String(pair.key.value)) && isScalar(pair.value) && typeof pair.value.value === 'string') {
        pair.value.type = Scalar.QUOTE_DOUBLE;
      } else quoteTexts(pair.value);
    }
  } else if (isSeq(node)) for (const item of node.items) quoteTexts(item);
}

function flowMap(doc: Document, value: Record<string, unknown>): YAMLMap {
  const node = doc.createNode(value) as YAMLMap;
  node.flow = true;
  quoteTexts(node);
  return node;
}

function seq(items: YamlNode[]): YAMLSeq {
  const s = new YAMLSeq();
  s.items = items;
  if (items.length === 0) s.flow = true;
  return s;
}

/** Item identity used to match list entries between the previous file and the new one. */
function itemKey(listKey: string, node: unknown): string | undefined {
  if (!isMap(node)) return undefined;
  if (listKey === 'rejected') {
    return REJECTION_ID_KEYS.map((k) => String(scalarValue(node.get(k, true)))).join('\u0000');
  }
  const id = scalarValue(node.get('id', true));
  return id === undefined ? undefined : String(id);
}

function scalarValue(n: unknown): unknown {
  return isScalar(n) ? n.value : undefined;
}

const KNOWN_ITEM_KEYS: Record<string, readonly string[]> = { ...ITEM_KEYS, conflicts: CONFLICT_KEYS };

/**
 * Copies comments from `old` onto `fresh`, and keys that the format does not know (a person's additions).
 * `known` lists the keys this writer owns at this level; those are never copied back once removed.
 */
function graft(old: unknown, fresh: unknown, known: readonly string[] | undefined, childKnown: (key: string) => readonly string[] | undefined): void {
  if (!old || !fresh || typeof old !== 'object' || typeof fresh !== 'object') return;
  const o = old as { commentBefore?: string | null; comment?: string | null; spaceBefore?: boolean };
  const f = fresh as { commentBefore?: string | null; comment?: string | null; spaceBefore?: boolean };
  if (o.commentBefore) f.commentBefore = o.commentBefore;
  if (o.comment) f.comment = o.comment;
  if (o.spaceBefore) f.spaceBefore = true;
  if (isMap(old) && isMap(fresh)) {
    for (const pair of old.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      const target = fresh.items.find((p) => isScalar(p.key) && String(p.key.value) === key) as Pair<Scalar, unknown> | undefined;
      if (target) {
        const ok = pair.key as Scalar;
        if (ok.commentBefore) (target.key as Scalar).commentBefore = ok.commentBefore;
        if (ok.spaceBefore) (target.key as Scalar).spaceBefore = true;
        graft(pair.value, target.value, childKnown(key), () => undefined);
      } else if (known && !known.includes(key)) {
        fresh.items.push(pair.clone ? (pair.clone() as Pair<Scalar, unknown>) : (pair as Pair<Scalar, unknown>));
      }
    }
  }
}

function graftList(listKey: string, old: unknown, fresh: YAMLSeq): void {
  if (!isSeq(old)) return;
  const o = old as YAMLSeq;
  if (o.commentBefore) fresh.commentBefore = o.commentBefore;
  if (o.comment) fresh.comment = o.comment;
  const byKey = new Map<string, unknown>();
  for (const item of o.items) {
    const k = itemKey(listKey, item);
    if (k !== undefined) byKey.set(k, item);
  }
  const known = KNOWN_ITEM_KEYS[listKey];
  for (const item of fresh.items) {
    const k = itemKey(listKey, item);
    const prev = k === undefined ? undefined : byKey.get(k);
    if (prev) graft(prev, item, known, (key) => (['cue', 'source', 'content'].includes(key) ? SPAN_KEYS : undefined));
  }
}

function stripHeader(comment: string | null | undefined): string | undefined {
  if (!comment) return undefined;
  const lines = comment.split('\n').filter((l) => l !== HEADER);
  const rest = lines.join('\n').replace(/^\n+/, '');
  return rest.trim() ? rest : undefined;
}

/** Options of the YAML writer; with them the Document renderer and renderCanonical agree byte for byte. */
export const TO_STRING_OPTIONS = {
  lineWidth: 0,
  flowCollectionPadding: false,
  // `- {…}` items at the key's own indentation: two bytes a line less, the same YAML (files with `  - ` read as before)
  indentSeq: false,
  // a long quote with a line break would otherwise be written over several lines, breaking one item per line
  doubleQuotedMinMultiLineLength: Number.MAX_SAFE_INTEGER,
} as const;

/**
 * Renders a sidecar as stable, diff-friendly YAML, always in the current format version. With `previousYaml`,
 * comments a person added and keys this format does not know are carried over (list items are matched by id).
 * A previous file with nothing of that kind (the usual case) is not even parsed as a YAML document: the
 * sidecar is written by renderCanonical, which is many times faster and writes the same bytes. `text`: the text
 * the sidecar was made for, when the caller has it: a rule suggestion's notes that it implies are left out.
 */
export function renderSidecar(sidecar: Sidecar, previousYaml?: string, text?: string): string {
  if (previousYaml === undefined || parseCanonical(previousYaml) !== undefined) {
    const fast = renderCanonical(sidecar, text);
    if (fast !== undefined) return fast;
  }
  return renderWithDocument(sidecar, previousYaml, text);
}

/** The general renderer, through the `yaml` Document API; the reference renderCanonical must match. */
export function renderWithDocument(sidecar: Sidecar, previousYaml?: string, text?: string): string {
  const s = sortSidecar(sidecar);
  const notesOf = notesFor(s, text);
  const doc = new Document();
  const root = new YAMLMap();
  root.add(doc.createPair('version', SIDECAR_VERSION));
  root.add(doc.createPair('document', flowMap(doc, diskDocument(s.document))));
  const pinned = pinnedIds(s);
  for (const list of ['mentions', 'attributions', 'events', 'rejected'] as const) {
    root.add(doc.createPair(list, seq(diskItems(list, s[list] as object[], pinned, list === 'events' ? notesOf : undefined).map((x) => flowMap(doc, x)))));
  }
  if (s.conflicts?.length) root.add(doc.createPair('conflicts', seq(s.conflicts.map((c) => flowMap(doc, diskConflict(c))))));
  doc.contents = root;
  doc.commentBefore = HEADER;

  if (previousYaml !== undefined) {
    const prev = parseDocument(previousYaml, { uniqueKeys: false });
    if (prev.errors.length === 0) {
      const personal = stripHeader(prev.commentBefore);
      if (personal) doc.commentBefore = `${HEADER}\n${personal}`;
      if (prev.comment) doc.comment = prev.comment;
      const prevRoot = prev.contents;
      if (isMap(prevRoot)) {
        for (const pair of prevRoot.items) {
          if (!isScalar(pair.key)) continue;
          const key = String(pair.key.value);
          const target = root.items.find((p) => isScalar(p.key) && p.key.value === key);
          if (!target) {
            if (!TOP_KEYS.includes(key)) root.items.push(pair.clone());
            continue;
          }
          const pk = pair.key as Scalar;
          if (pk.commentBefore) (target.key as Scalar).commentBefore = stripHeader(pk.commentBefore) ?? null;
          if (pk.spaceBefore) (target.key as Scalar).spaceBefore = true;
          if (key === 'document') graft(pair.value, target.value, DOCUMENT_KEYS, () => undefined);
          else if (KNOWN_ITEM_KEYS[key]) graftList(key, pair.value, target.value as YAMLSeq);
          else graft(pair.value, target.value, undefined, () => undefined);
        }
      }
    }
  }
  return doc.toString(TO_STRING_OPTIONS);
}
