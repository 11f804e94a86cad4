/**
 * Parses sidecar YAML (`NAME.ann.yaml`, format version 1 or 2) into a {@link Sidecar}. Never throws: every YAML
 * error and schema violation becomes a line-numbered problem, and `sidecar` is undefined when any of them is an
 * error. Consistency with the text (quotes, hash, references) is validateSidecar's job.
 */
import { type Document, LineCounter, parseDocument } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import { MENTION_LABELS, type Attribution, type Conflict, type ConflictSide, type DocumentInfo, type EventAnnotation, type Mention, type Provenance, type Rejection, type Sidecar, type Span } from '../model';
import {
  ATTRIBUTION_KEYS,
  CONFLICT_KEYS,
  DOCUMENT_KEYS,
  DOCUMENT_STATUSES,
  EVENT_KEYS,
  KINDS,
  MAX_ALIAS_COUNT,
  MENTION_KEYS,
  ORIGINS,
  codePointLength,
  DEFAULT_MENTION_ORIGIN,
  DEFAULT_RULE_ORIGIN,
  REJECTION_KEYS,
  REJECTION_KINDS,
  ISO_TIME,
  SPAN_KEYS,
  STATUSES,
  TOP_KEYS,
  type Locate,
  type ParseResult,
} from './sidecarFormat';
import type { Problem, ProblemCode } from '../problem';
import { SIDECAR_VERSION } from '../model';
import { parseCanonical, type CanonicalParse } from './parseCanonical';
import { impliedEntity, isRuleSuggestion, withImpliedCoding } from './impliedValues';
import { firstConflictMarker } from './conflictMarkers';

/** What a sidecar with git's conflict markers reports, and how to get out of it. */
export function conflictMarkersProblem(line: number): Problem {
  return {
    code: 'conflict-markers',
    severity: 'error',
    line,
    message: `merge conflict markers (<<<<<<<) at line ${line}: git merged this sidecar as text; run \`conflict-annotator resolve\` on it to merge the two versions item by item (and \`conflict-annotator setup-git\` once, so git merges sidecars that way itself)`,
  };
}

type PathPart = string | number;

function pathString(parts: PathPart[]): string {
  let s = '';
  for (const p of parts) s += typeof p === 'number' ? `[${p}]` : s ? `.${p}` : p;
  return s;
}

function parsePath(path: string): PathPart[] {
  const parts: PathPart[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) parts.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return parts;
}

function makeLocator(doc: Document | undefined, lineCounter: LineCounter): Locate {
  return (path: string) => {
    if (!doc) return 0;
    const parts = parsePath(path);
    // Fall back to the nearest enclosing node that exists.
    for (let n = parts.length; n >= 0; n--) {
      try {
        const node = n === 0 ? doc.contents : doc.getIn(parts.slice(0, n), true);
        const range = (node as YamlNode | null | undefined)?.range;
        if (range) return lineCounter.linePos(range[0]).line;
      } catch {
        // getIn throws on paths through scalars; try the parent.
      }
    }
    return 0;
  };
}

/** The key tables as sets (they are checked for every item). */
const keySets = new WeakMap<readonly string[], ReadonlySet<string>>();

class Checker {
  readonly problems: Problem[] = [];
  /** `keysKnown`: the data comes from parseCanonical, which declines any key its level does not list. */
  constructor(
    private readonly locate: Locate,
    private readonly keysKnown = false,
  ) {}

  add(code: ProblemCode, parts: PathPart[], message: string, severity: Problem['severity'] = 'error'): void {
    const path = pathString(parts);
    this.problems.push({ code, line: this.locate(path) || 1, message: path ? `${path}: ${message}` : message, severity, path });
  }

  isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  }

  object(v: unknown, parts: PathPart[]): Record<string, unknown> | undefined {
    if (this.isObject(v)) return v;
    this.add('schema', parts, `expected a map, found ${describe(v)}`);
    return undefined;
  }

  unknownKeys(o: Record<string, unknown>, known: readonly string[], parts: PathPart[]): void {
    if (this.keysKnown) return;
    let set = keySets.get(known);
    if (!set) keySets.set(known, (set = new Set(known)));
    for (const k of Object.keys(o)) {
      if (!set.has(k)) this.add('unknown-key', [...parts, k], `unknown key '${k}' (kept as is)`, 'warning');
    }
  }

  string(o: Record<string, unknown>, key: string, parts: PathPart[], required: boolean): string | undefined {
    const v = o[key];
    if (v === undefined || v === null) {
      if (required) this.add('missing-key', [...parts, key], `missing required key '${key}'`);
      return undefined;
    }
    if (typeof v === 'string') return v;
    // Plain scalars like `id: 12` or `entity: 1914` are clearly meant as strings.
    if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean') {
      if (key === 'text' || key === 'prefix' || key === 'suffix' || key === 'sha256') {
        this.add('schema', [...parts, key], `expected a quoted string, found ${describe(v)}`);
        return undefined;
      }
      return String(v);
    }
    this.add('schema', [...parts, key], `expected a string, found ${describe(v)}`);
    return undefined;
  }

  oneOf<T extends string>(o: Record<string, unknown>, key: string, allowed: readonly T[], parts: PathPart[], required: boolean): T | undefined {
    const v = o[key];
    if (v === undefined || v === null) {
      if (required) this.add('missing-key', [...parts, key], `missing required key '${key}'`);
      return undefined;
    }
    if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
    this.add('unknown-value', [...parts, key], `unknown ${key} ${JSON.stringify(v)}; expected one of ${allowed.join(', ')}`);
    return undefined;
  }

  offset(o: Record<string, unknown>, key: string, parts: PathPart[]): number | undefined {
    const v = o[key];
    if (v === undefined || v === null) {
      this.add('missing-key', [...parts, key], `missing required key '${key}'`);
      return undefined;
    }
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
      this.add('schema', [...parts, key], `offset must be a non-negative integer, found ${describe(v)}`);
      return undefined;
    }
    return v;
  }

  boolean(o: Record<string, unknown>, key: string, parts: PathPart[], required: boolean): boolean | undefined {
    const v = o[key];
    if (v === undefined || v === null) {
      if (required) this.add('missing-key', [...parts, key], `missing required key '${key}'`);
      return undefined;
    }
    if (typeof v === 'boolean') return v;
    this.add('schema', [...parts, key], `expected true or false, found ${describe(v)}`);
    return undefined;
  }

  /** An optional integer in [min, max]. */
  integer(o: Record<string, unknown>, key: string, parts: PathPart[], min: number, max: number): number | undefined {
    const v = o[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max) return v;
    this.add('schema', [...parts, key], `${key} must be a whole number from ${min} to ${max}, found ${describe(v)}`);
    return undefined;
  }

  /** `by` and `at` (who decided, and when), both optional. */
  provenance(o: Record<string, unknown>, parts: PathPart[], into: Provenance): void {
    const by = this.string(o, 'by', parts, false);
    const at = this.string(o, 'at', parts, false);
    if (at !== undefined && !ISO_TIME.test(at)) this.add('schema', [...parts, 'at'], `at should be an ISO date and time like 2025-03-01T14:05:00Z, found ${JSON.stringify(at)}`, 'warning');
    if (by !== undefined) into.by = by;
    if (at !== undefined) into.at = at;
  }

  date(o: Record<string, unknown>, key: string, parts: PathPart[]): string | undefined {
    const v = this.string(o, key, parts, false);
    if (v !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(v)) {
      this.add('schema', [...parts, key], `date must be YYYY-MM-DD, found ${JSON.stringify(v)}`);
      return undefined;
    }
    return v;
  }

  list(o: Record<string, unknown>, key: string): unknown[] {
    const v = o[key];
    if (v === undefined || v === null) return [];
    if (Array.isArray(v)) return v;
    this.add('schema', [key], `expected a list, found ${describe(v)}`);
    return [];
  }

  span(v: unknown, parts: PathPart[], withContext: boolean, quoteOptional = false): Span | undefined {
    const o = this.object(v, parts);
    if (!o) return undefined;
    if (withContext) this.unknownKeys(o, SPAN_KEYS, parts);
    return this.spanFields(o, parts, quoteOptional);
  }

  /**
   * `end` may be left out where the quote ends (start + the quote's length); `quoteOptional`: a span whose quote
   * is filled in from the text later (a suggested attribution's or event's) reads as '' without one.
   */
  spanFields(o: Record<string, unknown>, parts: PathPart[], quoteOptional = false): Span | undefined {
    const start = this.offset(o, 'start', parts);
    const quote = this.string(o, 'text', parts, !quoteOptional);
    const text = quote ?? (quoteOptional && (o.text === undefined || o.text === null) ? '' : undefined);
    const implied = (o.end === undefined || o.end === null) && start !== undefined && quote !== undefined && quote !== '';
    const end = implied ? start + codePointLength(quote) : this.offset(o, 'end', parts);
    const prefix = this.string(o, 'prefix', parts, false);
    const suffix = this.string(o, 'suffix', parts, false);
    if (start !== undefined && end !== undefined && start > end) this.add('bad-span', [...parts, 'end'], `end ${end} is before start ${start}`);
    if (start === undefined || end === undefined || text === undefined) return undefined;
    const span: Span = { start, end, text };
    if (prefix !== undefined) span.prefix = prefix;
    if (suffix !== undefined) span.suffix = suffix;
    return span;
  }
}


function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return `${typeof v} ${String(v)}`;
}

function duplicateIds(items: { id: string }[], key: string, checker: Checker): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const first = seen.get(item.id);
    if (first !== undefined) checker.add('duplicate-id', [key, i, 'id'], `duplicate id '${item.id}' (first used at ${key}[${first}])`);
    else seen.set(item.id, i);
  });
}

/** Version 1 requires `status`; from version 2 on, an item without one is a suggestion. */
function readStatus(o: Record<string, unknown>, parts: PathPart[], c: Checker, version: number): Mention['status'] | undefined {
  if (version >= 2 && (o.status === undefined || o.status === null)) return 'suggested';
  return c.oneOf(o, 'status', STATUSES as Mention['status'][], parts, true);
}

function readMention(v: unknown, parts: PathPart[], c: Checker, version: number): Mention | undefined {
  const o = c.object(v, parts);
  if (!o) return undefined;
  c.unknownKeys(o, MENTION_KEYS, parts);
  const id = c.string(o, 'id', parts, true);
  const label = c.oneOf(o, 'label', MENTION_LABELS, parts, true);
  const span = c.spanFields(o, parts);
  const status = readStatus(o, parts, c, version);
  const origin = o.origin === undefined || o.origin === null ? DEFAULT_MENTION_ORIGIN : c.oneOf(o, 'origin', ORIGINS as Mention['origin'][], parts, true);
  // a rule suggestion without `entity` has its quote's generated id (`entity: null` when it has none)
  const entity = o.entity === undefined && version >= 2 && span && isRuleSuggestion({ status, origin }, DEFAULT_MENTION_ORIGIN) ? impliedEntity(span.text) : c.string(o, 'entity', parts, false);
  const orphan = c.boolean(o, 'orphan', parts, false);
  const provenance: Provenance = {};
  c.provenance(o, parts, provenance);
  if (!id || !label || !span || !status || !origin) return undefined;
  const m: Mention = { id, label, ...span, status, origin };
  if (entity !== undefined) m.entity = entity;
  if (orphan) m.orphan = true;
  Object.assign(m, provenance);
  return m;
}

function readAttribution(v: unknown, parts: PathPart[], c: Checker, version: number): Attribution | undefined {
  const o = c.object(v, parts);
  if (!o) return undefined;
  c.unknownKeys(o, ATTRIBUTION_KEYS, parts);
  const id = c.string(o, 'id', parts, true);
  const status = readStatus(o, parts, c, version);
  // quotes may be left out (a suggestion's are, see quotesKept; a person accepting one in the file need not add
  // them): read as '', filled in from the text by SidecarStore while it is the text the sidecar was made for
  const quoteOptional = version >= 2;
  let cue: Span | undefined;
  if (o.cue === undefined || o.cue === null) c.add('missing-key', [...parts, 'cue'], "missing required key 'cue'");
  else cue = c.span(o.cue, [...parts, 'cue'], true, quoteOptional);
  const source = o.source === undefined || o.source === null ? undefined : c.span(o.source, [...parts, 'source'], true, quoteOptional);
  const content = o.content === undefined || o.content === null ? undefined : c.span(o.content, [...parts, 'content'], true, quoteOptional);
  const kind = c.oneOf(o, 'kind', KINDS as Attribution['kind'][], parts, true);
  // false goes without saying (only direct quotes say so)
  const direct = c.boolean(o, 'direct', parts, false) ?? (o.direct === undefined || o.direct === null ? false : undefined);
  const origin = version >= 2 && (o.origin === undefined || o.origin === null) ? DEFAULT_RULE_ORIGIN : c.oneOf(o, 'origin', ORIGINS as Mention['origin'][], parts, false);
  const sourceEntity = c.string(o, 'sourceEntity', parts, false);
  const orphan = c.boolean(o, 'orphan', parts, false);
  const provenance: Provenance = {};
  c.provenance(o, parts, provenance);
  if (!id || !cue || !kind || direct === undefined || !status) return undefined;
  const a: Attribution = { id, cue, kind, direct, status };
  if (source) a.source = source;
  if (content) a.content = content;
  if (origin) a.origin = origin;
  if (sourceEntity !== undefined) a.sourceEntity = sourceEntity;
  if (orphan) a.orphan = true;
  Object.assign(a, provenance);
  return a;
}

function readEvent(v: unknown, parts: PathPart[], c: Checker, version: number): EventAnnotation | undefined {
  const o = c.object(v, parts);
  if (!o) return undefined;
  c.unknownKeys(o, EVENT_KEYS, parts);
  const id = c.string(o, 'id', parts, true);
  const type = c.string(o, 'type', parts, true);
  const subtype = c.string(o, 'subtype', parts, true);
  const status = readStatus(o, parts, c, version);
  const span = c.spanFields(o, parts, version >= 2);
  const refs: Partial<Record<'actor1' | 'actor2' | 'place' | 'attribution', string>> = {};
  for (const key of ['actor1', 'actor2', 'place', 'attribution'] as const) {
    const r = c.string(o, key, parts, false);
    if (r !== undefined) refs[key] = r;
  }
  const date = c.date(o, 'date', parts);
  let fatalities: number | undefined;
  if (o.fatalities !== undefined && o.fatalities !== null) {
    if (typeof o.fatalities === 'number' && Number.isSafeInteger(o.fatalities) && o.fatalities >= 0) fatalities = o.fatalities;
    else c.add('schema', [...parts, 'fatalities'], `fatalities must be a non-negative integer, found ${describe(o.fatalities)}`);
  }
  const acled = readAcled(o, parts, c);
  const origin = version >= 2 && (o.origin === undefined || o.origin === null) ? DEFAULT_RULE_ORIGIN : c.oneOf(o, 'origin', ORIGINS as Mention['origin'][], parts, false);
  const orphan = c.boolean(o, 'orphan', parts, false);
  const provenance: Provenance = {};
  c.provenance(o, parts, provenance);
  let spans: Span[] | undefined;
  if (o.spans !== undefined && o.spans !== null) {
    if (Array.isArray(o.spans)) spans = o.spans.map((x, i) => c.span(x, [...parts, 'spans', i], true, version >= 2)).filter((x): x is Span => x !== undefined);
    else c.add('schema', [...parts, 'spans'], `expected a list of quotes, found ${describe(o.spans)}`);
  }
  if (!id || !type || !subtype || !span || !status) return undefined;
  const e: EventAnnotation = { id, type, subtype, ...span, ...refs, status };
  if (date !== undefined) e.date = date;
  if (fatalities !== undefined) e.fatalities = fatalities;
  if (origin) e.origin = origin;
  if (orphan) e.orphan = true;
  Object.assign(e, acled, provenance);
  if (spans && spans.length) e.spans = spans;
  // a rule suggestion's line leaves out the coding the rest of it implies (its notes: see withQuotes)
  return version >= 2 && isRuleSuggestion(e, DEFAULT_RULE_ORIGIN) ? withImpliedCoding(e) : e;
}

/** The optional ACLED coding of an event. */
function readAcled(o: Record<string, unknown>, parts: PathPart[], c: Checker): Partial<EventAnnotation> {
  const out: Partial<EventAnnotation> = {};
  const inter1 = c.integer(o, 'inter1', parts, 0, 8);
  const inter2 = c.integer(o, 'inter2', parts, 0, 8);
  const interaction = c.integer(o, 'interaction', parts, 0, 88);
  const civilian = c.boolean(o, 'civilian_targeting', parts, false);
  const time = c.integer(o, 'time_precision', parts, 1, 3);
  const geo = c.integer(o, 'geo_precision', parts, 1, 3);
  const admin1 = c.string(o, 'admin1', parts, false);
  const scale = c.string(o, 'source_scale', parts, false);
  const notes = c.string(o, 'notes', parts, false);
  if (inter1 !== undefined) out.inter1 = inter1;
  if (inter2 !== undefined) out.inter2 = inter2;
  if (interaction !== undefined) out.interaction = interaction;
  if (civilian !== undefined) out.civilian_targeting = civilian;
  if (time !== undefined) out.time_precision = time;
  if (geo !== undefined) out.geo_precision = geo;
  if (admin1 !== undefined) out.admin1 = admin1;
  if (scale !== undefined) out.source_scale = scale;
  if (notes !== undefined) out.notes = notes;
  return out;
}

function readRejection(v: unknown, parts: PathPart[], c: Checker): Rejection | undefined {
  const o = c.object(v, parts);
  if (!o) return undefined;
  c.unknownKeys(o, REJECTION_KEYS, parts);
  const kind = c.oneOf(o, 'kind', REJECTION_KINDS as Rejection['kind'][], parts, true);
  const label = c.string(o, 'label', parts, false);
  const span = c.spanFields(o, parts);
  const orphan = c.boolean(o, 'orphan', parts, false);
  const provenance: Provenance = {};
  c.provenance(o, parts, provenance);
  if (!kind || !span) return undefined;
  const r: Rejection = { kind, start: span.start, end: span.end, text: span.text };
  if (label !== undefined) r.label = label;
  if (orphan) r.orphan = true;
  if (span.prefix !== undefined) r.prefix = span.prefix;
  if (span.suffix !== undefined) r.suffix = span.suffix;
  Object.assign(r, provenance);
  return r;
}

function readConflictSide(o: Record<string, unknown>, key: string, parts: PathPart[], c: Checker, required: boolean): ConflictSide | undefined {
  if (!(key in o)) {
    if (required) c.add('missing-key', [...parts, key], `missing required key '${key}' (null when that side removed the item)`);
    return undefined;
  }
  const v = o[key];
  if (v === null) return null;
  return c.object(v, [...parts, key]);
}

function readConflict(v: unknown, parts: PathPart[], c: Checker): Conflict | undefined {
  const o = c.object(v, parts);
  if (!o) return undefined;
  c.unknownKeys(o, CONFLICT_KEYS, parts);
  const id = c.string(o, 'id', parts, true);
  const ours = readConflictSide(o, 'ours', parts, c, true);
  const theirs = readConflictSide(o, 'theirs', parts, c, true);
  const base = readConflictSide(o, 'base', parts, c, false);
  if (!id || ours === undefined || theirs === undefined) return undefined;
  const conflict: Conflict = { id, ours, theirs };
  if (base !== undefined) conflict.base = base;
  return conflict;
}

function readDocumentInfo(v: unknown, c: Checker): DocumentInfo | undefined {
  if (v === undefined || v === null) {
    c.add('missing-key', ['document'], "missing required key 'document'");
    return undefined;
  }
  const o = c.object(v, ['document']);
  if (!o) return undefined;
  c.unknownKeys(o, DOCUMENT_KEYS, ['document']);
  const text = c.string(o, 'text', ['document'], true);
  const sha256 = c.string(o, 'sha256', ['document'], true);
  if (sha256 !== undefined && !/^[0-9a-f]{64}$/i.test(sha256)) c.add('schema', ['document', 'sha256'], 'sha256 should be 64 hex digits', 'warning');
  const detector = c.string(o, 'detector', ['document'], false);
  const fingerprint = c.string(o, 'fingerprint', ['document'], false);
  const date = c.date(o, 'date', ['document']);
  const status = c.oneOf(o, 'status', DOCUMENT_STATUSES as DocumentInfo['status'][], ['document'], true);
  const provenance: Provenance = {};
  c.provenance(o, ['document'], provenance);
  if (text === undefined || sha256 === undefined || !status) return undefined;
  const info: DocumentInfo = { text, sha256, status };
  if (date !== undefined) info.date = date;
  if (detector !== undefined) info.detector = detector;
  if (fingerprint !== undefined) info.fingerprint = fingerprint;
  return Object.assign(info, provenance);
}

/**
 * Parses sidecar YAML. `sidecar` is undefined when any problem is an error.
 *
 * A file in our canonical layout is read by parseCanonical without building a YAML document (several times
 * faster, far less garbage); anything else, and any canonical file with a problem, goes through the general
 * parser, so problems and line numbers are always the general parser's.
 */
export function parseSidecar(yamlText: string): ParseResult {
  const fast = parseCanonical(yamlText, { typed: true });
  if (fast) {
    const problems: Problem[] = [];
    let sidecar: Sidecar | undefined;
    try {
      sidecar = readSidecar(fast.data, new Checker(fast.locate, true), problems, fast);
    } catch {
      sidecar = undefined; // reported by the general path below
    }
    if (sidecar && problems.length === 0) return { sidecar, problems, locate: fast.locate };
  }
  return parseWithDocument(yamlText);
}

/** The general parser (the `yaml` Document API): any YAML, every problem with its line. */
export function parseWithDocument(yamlText: string): ParseResult {
  // two versions in one file: one problem that says so, not the hundreds of YAML errors the markers cause
  const marker = firstConflictMarker(yamlText);
  if (marker !== undefined) return { problems: [conflictMarkersProblem(marker)], locate: () => marker };
  const lineCounter = new LineCounter();
  let doc: Document | undefined;
  try {
    doc = parseDocument(yamlText, { lineCounter, prettyErrors: true, uniqueKeys: true, schema: 'core' });
  } catch (e) {
    return { problems: [{ code: 'internal', line: 1, message: `internal error: ${(e as Error).message}`, severity: 'error' }], locate: () => 0 };
  }
  const locate = makeLocator(doc, lineCounter);
  const problems: Problem[] = [];
  const yamlProblem = (e: { message: string; linePos?: [{ line: number; col: number }, ...unknown[]]; pos: [number, number] }, severity: Problem['severity']) => {
    const pos = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
    problems.push({ code: 'yaml-syntax', line: pos.line, column: pos.col, message: e.message.split('\n')[0], severity });
  };
  for (const e of doc.errors) yamlProblem(e, 'error');
  for (const w of doc.warnings) yamlProblem(w, 'warning');
  if (doc.errors.length > 0) return { problems, locate };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const aliases = e instanceof ReferenceError && /alias/i.test(e.message);
    const code: ProblemCode = aliases ? 'yaml-aliases' : 'yaml-syntax';
    const message = aliases ? `too many YAML aliases (more than ${MAX_ALIAS_COUNT}); refusing to expand them` : `cannot read YAML: ${(e as Error).message}`;
    problems.push({ code, line: 1, message, severity: 'error' });
    return { problems, locate };
  }
  try {
    const sidecar = readSidecar(data, new Checker(locate), problems);
    return { sidecar: problems.some((p) => p.severity === 'error') ? undefined : sidecar, problems, locate };
  } catch (e) {
    problems.push({ code: 'internal', line: 1, message: `internal error: ${(e as Error).message}`, severity: 'error' });
    return { problems, locate };
  }
}

/** `ready`: mentions and attributions parseCanonical read already (by index; the others are read from `data`). */
function readSidecar(data: unknown, c: Checker, problems: Problem[], ready?: Pick<CanonicalParse, 'mentions' | 'attributions'>): Sidecar | undefined {
  try {
    if (data === null || data === undefined) {
      c.add('empty', [], 'the file is empty; expected a sidecar with version, document, mentions, …');
      return undefined;
    }
    const top = c.object(data, []);
    if (!top) return undefined;
    c.unknownKeys(top, TOP_KEYS, []);
    const version: 1 | 2 = top.version === 1 ? 1 : SIDECAR_VERSION;
    if (top.version !== 1 && top.version !== SIDECAR_VERSION) {
      if (top.version === undefined) c.add('missing-key', ['version'], "missing required key 'version'");
      else c.add('unsupported-version', ['version'], `unsupported version ${describe(top.version)}; expected 1 or ${SIDECAR_VERSION}`);
    }
    const document = readDocumentInfo(top.document, c);
    const mentions = c.list(top, 'mentions').map((v, i) => ready?.mentions?.[i] ?? readMention(v, ['mentions', i], c, version));
    const attributions = c.list(top, 'attributions').map((v, i) => ready?.attributions?.[i] ?? readAttribution(v, ['attributions', i], c, version));
    const events = c.list(top, 'events').map((v, i) => readEvent(v, ['events', i], c, version));
    const rejected = c.list(top, 'rejected').map((v, i) => readRejection(v, ['rejected', i], c));
    const conflicts = c.list(top, 'conflicts').map((v, i) => readConflict(v, ['conflicts', i], c));
    const ok = <T>(xs: (T | undefined)[]): T[] => xs.filter((x): x is T => x !== undefined);
    const s: Sidecar = { version, document: document!, mentions: ok(mentions), attributions: ok(attributions), events: ok(events), rejected: ok(rejected) };
    if (conflicts.length) s.conflicts = ok(conflicts);
    // Ids are checked on the items that parsed, so indices match only when all did; otherwise errors exist anyway.
    if (s.mentions.length === mentions.length) duplicateIds(s.mentions, 'mentions', c);
    if (s.attributions.length === attributions.length) duplicateIds(s.attributions, 'attributions', c);
    if (s.events.length === events.length) duplicateIds(s.events, 'events', c);
    return document ? s : undefined;
  } finally {
    // a loop, not push(...): a spread of 200k problems overflows the stack
    for (const p of c.problems) problems.push(p);
  }
}

/**
 * One item of `list` from plain data as a sidecar holds it (a side of a conflict), checked like any item of the
 * file; undefined with the problems when it is not a valid item.
 */
export function readItem(list: 'mentions', value: unknown): { item?: Mention; problems: Problem[] };
export function readItem(list: 'attributions', value: unknown): { item?: Attribution; problems: Problem[] };
export function readItem(list: 'events', value: unknown): { item?: EventAnnotation; problems: Problem[] };
export function readItem(list: 'document', value: unknown): { item?: DocumentInfo; problems: Problem[] };
export function readItem(list: 'mentions' | 'attributions' | 'events' | 'document', value: unknown): { item?: Mention | Attribution | EventAnnotation | DocumentInfo; problems: Problem[] } {
  const c = new Checker(() => 0);
  const item =
    list === 'mentions' ? readMention(value, [list], c, SIDECAR_VERSION)
    : list === 'attributions' ? readAttribution(value, [list], c, SIDECAR_VERSION)
    : list === 'events' ? readEvent(value, [list], c, SIDECAR_VERSION)
    : readDocumentInfo(value, c);
  const errors = c.problems.filter((p) => p.severity === 'error');
  return errors.length ? { problems: c.problems } : { item, problems: c.problems };
}
