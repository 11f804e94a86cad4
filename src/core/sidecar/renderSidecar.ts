/**
 * Renders a sidecar as stable, diff-friendly YAML: fixed key order, sorted lists, flow maps for items, quoted
 * texts. Given the previous file, comments a person added and keys the format does not know are kept.
 */
import { Document, isMap, isPair, isScalar, isSeq, parseDocument, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Node as YamlNode, Pair } from 'yaml';
import type { Sidecar } from '../model';
import { readCanonical, renderCanonical } from './canonicalYaml';
import { ATTRIBUTION_KEYS, DOCUMENT_KEYS, EVENT_KEYS, HEADER, MENTION_KEYS, QUOTED_KEYS, REJECTION_IDENTITY_KEYS, REJECTION_KEYS, SPAN_KEYS, TOP_KEYS } from './sidecarFormat';

function compareIds(a: string, b: string): number {
  const na = Number(a.replace(/^\D+/, ''));
  const nb = Number(b.replace(/^\D+/, ''));
  if (a.replace(/\d+$/, '') === b.replace(/\d+$/, '') && Number.isFinite(na) && Number.isFinite(nb) && na !== nb) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

function bySpan<T extends { start: number; end: number; id: string }>(a: T, b: T): number {
  return a.start - b.start || a.end - b.end || compareIds(a.id, b.id);
}

function str(a: string | undefined, b: string | undefined): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Sorted copies of all lists, in the order they are written. */
export function sortSidecar(s: Sidecar): Sidecar {
  return {
    ...s,
    mentions: [...s.mentions].sort(bySpan),
    attributions: [...s.attributions].sort((a, b) => bySpan({ ...a.cue, id: a.id }, { ...b.cue, id: b.id })),
    events: [...s.events].sort(bySpan),
    rejected: [...s.rejected].sort((a, b) => a.start - b.start || a.end - b.end || str(a.kind, b.kind) || str(a.label, b.label) || str(a.text, b.text)),
  };
}

function ordered(o: object, keys: readonly string[]): Record<string, unknown> {
  const src = o as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = src[k];
    if (v === undefined || (k === 'orphan' && v !== true)) continue;
    out[k] = v;
  }
  return out;
}

function flowMap(doc: Document, value: Record<string, unknown>): YAMLMap {
  const node = doc.createNode(value) as YAMLMap;
  node.flow = true;
  for (const pair of node.items) {
    if (isScalar(pair.key) && QUOTED_KEYS.has(String(pair.key.value)) && isScalar(pair.value) && typeof pair.value.value === 'string') {
      pair.value.type = Scalar.QUOTE_DOUBLE;
    }
  }
  return node;
}

function blockMap(doc: Document, value: Record<string, unknown>, flowKeys: readonly string[]): YAMLMap {
  const node = new YAMLMap();
  for (const [k, v] of Object.entries(value)) {
    const child = flowKeys.includes(k) && typeof v === 'object' && v !== null ? flowMap(doc, v as Record<string, unknown>) : doc.createNode(v);
    node.add(doc.createPair(k, child));
  }
  return node;
}

function seq(items: YamlNode[]): YAMLSeq {
  const s = new YAMLSeq();
  s.items = items;
  if (items.length === 0) s.flow = true;
  return s;
}

export type ListKey = 'mentions' | 'attributions' | 'events' | 'rejected';
const LIST_KEYS: Record<ListKey, readonly string[]> = { mentions: MENTION_KEYS, attributions: ATTRIBUTION_KEYS, events: EVENT_KEYS, rejected: REJECTION_KEYS };
const OPTIONS = { lineWidth: 0, flowCollectionPadding: false, indentSeq: true } as const;

function itemNode(doc: Document, listKey: ListKey, item: object): YAMLMap {
  if (listKey !== 'attributions') return flowMap(doc, ordered(item, LIST_KEYS[listKey]));
  const v = ordered(item, ATTRIBUTION_KEYS);
  for (const k of ['cue', 'source', 'content']) if (v[k]) v[k] = ordered(v[k] as object, SPAN_KEYS);
  return blockMap(doc, v, ['cue', 'source', 'content']);
}

/**
 * One list item as renderSidecarYaml writes it (its lines, `  - ` first, without the final newline): the fast
 * writer's way out for an item it cannot write itself, and the fast reader's check of one it cannot read.
 */
export function renderItemYaml(listKey: ListKey, item: object): string {
  const doc = new Document();
  const root = new YAMLMap();
  root.add(doc.createPair(listKey, seq([itemNode(doc, listKey, item)])));
  doc.contents = root;
  const out = doc.toString(OPTIONS);
  return out.slice(out.indexOf('\n') + 1, -1);
}

/** Item identity used to match list entries between the previous file and the new one. */
function itemKey(listKey: string, node: unknown): string | undefined {
  if (!isMap(node)) return undefined;
  if (listKey === 'rejected') {
    return REJECTION_IDENTITY_KEYS.map((k) => String(scalarValue(node.get(k, true)))).join('\u0000');
  }
  const id = scalarValue(node.get('id', true));
  return id === undefined ? undefined : String(id);
}

function scalarValue(n: unknown): unknown {
  return isScalar(n) ? n.value : undefined;
}

const KNOWN_ITEM_KEYS: Record<string, readonly string[]> = {
  mentions: MENTION_KEYS,
  attributions: ATTRIBUTION_KEYS,
  events: EVENT_KEYS,
  rejected: REJECTION_KEYS,
};

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

/**
 * Renders a sidecar as stable, diff-friendly YAML. With `previousYaml`, comments a person added and keys this
 * format does not know are carried over (list items are matched by id).
 */
export function renderSidecar(sidecar: Sidecar, previousYaml?: string): string {
  // a previous file in our own layout has nothing to carry over: the fast writer gives the same bytes
  if (previousYaml === undefined || readCanonical(previousYaml, renderItemYaml)) {
    const fast = renderCanonical(sortSidecar(sidecar), renderItemYaml);
    if (fast !== undefined) return fast;
  }
  return renderSidecarYaml(sidecar, previousYaml);
}

/** renderSidecar through a YAML document: the general writer, for any values and any previous file. */
export function renderSidecarYaml(sidecar: Sidecar, previousYaml?: string): string {
  const s = sortSidecar(sidecar);
  const doc = new Document();
  const root = new YAMLMap();
  root.add(doc.createPair('version', 1));
  root.add(doc.createPair('document', flowMap(doc, ordered(s.document, DOCUMENT_KEYS))));
  for (const key of ['mentions', 'attributions', 'events', 'rejected'] as const) {
    root.add(doc.createPair(key, seq((s[key] as object[]).map((item) => itemNode(doc, key, item)))));
  }
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
  return doc.toString(OPTIONS);
}
