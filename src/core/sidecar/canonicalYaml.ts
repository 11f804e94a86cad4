/**
 * Fast paths for sidecars in the exact layout renderSidecar writes (header comment, known keys in table order,
 * one flow mapping per item, attributions as block mappings of flow spans): write and read them line by line
 * instead of through a YAML document, about twenty times faster on large files. An item they cannot handle
 * themselves (a quote that spans lines, a scalar outside the plain and double-quoted forms below) goes through
 * the `yaml` library alone. Anything else (a person's comment, an unknown key, another layout) makes both
 * answer undefined, and the callers take the general path; the writer's bytes are the general writer's
 * (test/unit/canonicalYaml.test.ts checks both directions).
 */
import { parseDocument } from 'yaml';
import type { Sidecar } from '../model';
import { ATTRIBUTION_KEYS, DOCUMENT_KEYS, EVENT_KEYS, HEADER, MENTION_KEYS, QUOTED_KEYS, REJECTION_KEYS, SPAN_KEYS, TOP_KEYS } from './sidecarFormat';

/**
 * Strings the yaml library writes unquoted: letters, digits, `_ . / -` and single inner spaces ("Armed clash"),
 * not starting with a sign or a dot.
 */
const PLAIN = /^[\p{L}\p{N}_](?:[\p{L}\p{N}_./-]| (?! ))*(?<! )$/u;
/** Plain spellings the core schema reads as something else than a string (so they are written quoted). */
const NOT_STRING = [
  /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
  /^0o[0-7]+$/,
  /^[-+]?[0-9]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:~|[Nn]ull|NULL)?$/,
];
/** The yaml library writes a double-quoted string with a newline inside over several lines from this length. */
const MIN_MULTILINE = 40;

// ---------------------------------------------------------------------------------------------------------------
// Writing

/** A double-quoted scalar exactly as the yaml library writes it on one line; undefined when it would fold. */
function doubleQuoted(value: string): string | undefined {
  const json = JSON.stringify(value);
  let str = '';
  let start = 0;
  for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
    if (ch === ' ' && json[i + 1] === '\\' && json[i + 2] === 'n') {
      // a space before a newline is escaped, or folding would eat it
      str += `${json.slice(start, i)}\\ `;
      i += 1;
      start = i;
      ch = '\\';
    }
    if (ch !== '\\') continue;
    const next = json[i + 1];
    if (next === 'u') {
      str += json.slice(start, i);
      const code = json.substr(i + 2, 4);
      const short: Record<string, string> = { '0000': '\\0', '0007': '\\a', '000b': '\\v', '001b': '\\e', '0085': '\\N', '00a0': '\\_', '2028': '\\L', '2029': '\\P' };
      str += short[code] ?? (code.startsWith('00') ? `\\x${code.slice(2)}` : json.substr(i, 6));
      i += 5;
      start = i + 1;
    } else if (next === 'n') {
      if (json[i + 2] !== '"' && json.length >= MIN_MULTILINE) return undefined;
      i += 1;
    } else {
      i += 1;
    }
  }
  return start ? str + json.slice(start) : json;
}

function scalar(key: string, value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : undefined;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value !== 'string') return undefined;
  if (QUOTED_KEYS.has(key)) return doubleQuoted(value);
  if (!PLAIN.test(value)) return undefined;
  return NOT_STRING.some((re) => re.test(value)) ? JSON.stringify(value) : value;
}

/** `{k: v, …}` of the keys in table order, as renderSidecar's flow maps; undefined outside the fast forms. */
function flow(o: object, keys: readonly string[]): string | undefined {
  const src = o as Record<string, unknown>;
  const parts: string[] = [];
  for (const k of keys) {
    const v = src[k];
    if (v === undefined || (k === 'orphan' && v !== true)) continue;
    const s = scalar(k, v);
    if (s === undefined) return undefined;
    parts.push(`${k}: ${s}`);
  }
  return `{${parts.join(', ')}}`;
}

export type ListKey = 'mentions' | 'attributions' | 'events' | 'rejected';
/** One item as the general writer writes it (its lines, `  - ` first); see renderSidecar's renderItemYaml. */
export type ItemWriter = (listKey: ListKey, item: object) => string;
const LIST_KEYS: Record<ListKey, readonly string[]> = { mentions: MENTION_KEYS, attributions: ATTRIBUTION_KEYS, events: EVENT_KEYS, rejected: REJECTION_KEYS };

/** An attribution as a block mapping of `key: value` lines; undefined outside the fast forms. */
function attributionLines(a: object): string[] | undefined {
  const src = a as Record<string, unknown>;
  const lines: string[] = [];
  for (const k of ATTRIBUTION_KEYS) {
    const v = src[k];
    if (v === undefined || (k === 'orphan' && v !== true)) continue;
    const s = k === 'cue' || k === 'source' || k === 'content' ? flow(v as object, SPAN_KEYS) : scalar(k, v);
    if (s === undefined) return undefined;
    lines.push(`${lines.length ? '    ' : '  - '}${k}: ${s}`);
  }
  return lines.length ? lines : undefined;
}

/** renderSidecar's output for an already sorted sidecar, or undefined when the document needs the general writer. */
export function renderCanonical(s: Sidecar, slowItem: ItemWriter): string | undefined {
  const document = flow(s.document, DOCUMENT_KEYS);
  if (document === undefined) return undefined;
  const out = [`#${HEADER}`, '', 'version: 1', `document: ${document}`];
  for (const key of ['mentions', 'attributions', 'events', 'rejected'] as const) {
    const items = s[key] as object[];
    if (items.length === 0) {
      out.push(`${key}: []`);
      continue;
    }
    out.push(`${key}:`);
    for (const item of items) {
      if (key === 'attributions') {
        const lines = attributionLines(item);
        if (lines) out.push(...lines);
        else out.push(slowItem(key, item));
        continue;
      }
      const f = flow(item, LIST_KEYS[key]);
      out.push(f === undefined ? slowItem(key, item) : `  - ${f}`);
    }
  }
  out.push('');
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ', '"': '"', '/': '/', '\\': '\\',
  N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
};
const HEX = /^[0-9a-fA-F]+$/;

/** Thrown (and caught in readCanonical) when the file leaves the fast forms. */
class NotCanonical extends Error {}
function bail(): never {
  throw new NotCanonical();
}

class LineReader {
  i = 0;
  constructor(public line: string) {}

  reset(line: string): void {
    this.line = line;
    this.i = 0;
  }

  expect(s: string): void {
    if (!this.line.startsWith(s, this.i)) bail();
    this.i += s.length;
  }

  /** A double-quoted scalar that ends on this line. */
  quoted(): string {
    const line = this.line;
    let i = this.i + 1;
    let out = '';
    let start = i;
    for (;;) {
      const c = line.charCodeAt(i);
      if (Number.isNaN(c) || c < 0x20 || c === 0x7f) bail();
      if (c === 0x22) break;
      if (c !== 0x5c) {
        i++;
        continue;
      }
      out += line.slice(start, i);
      const e = line[i + 1];
      if (e === 'x' || e === 'u' || e === 'U') {
        const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const hex = line.slice(i + 2, i + 2 + n);
        if (hex.length !== n || !HEX.test(hex)) bail();
        const cp = parseInt(hex, 16);
        if (cp > 0x10ffff) bail();
        out += e === 'U' ? String.fromCodePoint(cp) : String.fromCharCode(cp);
        i += 2 + n;
      } else {
        const r = ESCAPES[e];
        if (r === undefined) bail();
        out += r;
        i += 2;
      }
      start = i;
    }
    this.i = i + 1;
    return out + line.slice(start, i);
  }

  /** A plain scalar up to one of `stops` (or the end of the line), resolved as the core schema does. */
  plain(stops: string): unknown {
    let j = this.i;
    while (j < this.line.length && !stops.includes(this.line[j])) j++;
    const s = this.line.slice(this.i, j);
    this.i = j;
    if (/^(?:0|[1-9][0-9]*)$/.test(s)) return Number(s);
    if (s === 'true') return true;
    if (s === 'false') return false;
    if (!PLAIN.test(s) || NOT_STRING.some((re) => re.test(s))) bail();
    return s;
  }

  value(stops: string): unknown {
    const c = this.line[this.i];
    if (c === '"') return this.quoted();
    if (c === '{') return this.flowMap(SPAN_KEYS);
    return this.plain(stops);
  }

  /** `{k: v, …}` with keys from `known`, each once. */
  flowMap(known: readonly string[]): Record<string, unknown> {
    this.expect('{');
    const out: Record<string, unknown> = {};
    if (this.line[this.i] === '}') bail(); // renderSidecar never writes an empty item
    for (;;) {
      const key = this.key(known, out);
      this.expect(': ');
      const c = this.line[this.i];
      out[key] = c === '"' ? this.quoted() : c === '{' ? bail() : this.plain(',}');
      if (this.line[this.i] === '}') break;
      this.expect(', ');
    }
    this.i++;
    return out;
  }

  key(known: readonly string[], seen: Record<string, unknown>): string {
    let j = this.i;
    while (j < this.line.length && /[A-Za-z0-9]/.test(this.line[j])) j++;
    const key = this.line.slice(this.i, j);
    if (!known.includes(key) || Object.prototype.hasOwnProperty.call(seen, key)) bail();
    this.i = j;
    return key;
  }

  end(): void {
    if (this.i !== this.line.length) bail();
  }
}

/** An item on its one line (an attribution: one line per key), or undefined when it is not. */
function fastItem(key: ListKey, chunk: string[]): Record<string, unknown> | undefined {
  const known = LIST_KEYS[key];
  try {
    const r = new LineReader(chunk[0]);
    r.expect('  - ');
    if (key !== 'attributions') {
      if (chunk.length !== 1) return undefined;
      const item = r.flowMap(known);
      r.end();
      return item;
    }
    const item: Record<string, unknown> = {};
    for (let i = 0; ; ) {
      const k = r.key(known, item);
      r.expect(': ');
      item[k] = r.value('');
      r.end();
      if (++i === chunk.length) return item;
      r.reset(chunk[i]);
      r.expect('    ');
    }
  } catch (e) {
    if (e instanceof NotCanonical) return undefined;
    throw e;
  }
}

/** An item the line reader cannot read, read by `yaml` and accepted only if the general writer writes it so. */
function slowItem(key: ListKey, chunk: string[], writer: ItemWriter): Record<string, unknown> {
  const text = chunk.join('\n');
  const doc = parseDocument(`${key}:\n${text}\n`, { schema: 'core', uniqueKeys: true });
  if (doc.errors.length || doc.warnings.length) bail();
  const list = (doc.toJS({ maxAliasCount: 0 }) as Record<string, unknown> | null)?.[key];
  if (!Array.isArray(list) || list.length !== 1 || typeof list[0] !== 'object' || list[0] === null) bail();
  const item = list[0] as Record<string, unknown>;
  if (writer(key, item) !== text) bail();
  return item;
}

/**
 * The data of a sidecar in renderSidecar's exact layout, as `yaml` would read it (before schema checks), or
 * undefined when the file is in any other layout. Known keys only: a file it reads has nothing for a writer
 * to carry over (no comments, no keys of a person's own).
 */
export function readCanonical(yaml: string, writer: ItemWriter): Record<string, unknown> | undefined {
  try {
    const lines = yaml.split('\n');
    let n = 0;
    const next = (): string => (n < lines.length ? lines[n++] : bail());
    if (next() !== `#${HEADER}` || next() !== '' || next() !== 'version: 1') return undefined;
    const data: Record<string, unknown> = { version: 1 };
    const doc = new LineReader(next());
    doc.expect('document: ');
    data.document = doc.flowMap(DOCUMENT_KEYS);
    doc.end();
    const list = (key: ListKey): void => {
      const head = next();
      if (head === `${key}: []`) {
        data[key] = [];
        return;
      }
      if (head !== `${key}:`) bail();
      const items: unknown[] = [];
      while (n < lines.length && lines[n].startsWith('  - ')) {
        // an item runs to the next item or top-level key (blank lines inside belong to a folded quote)
        const first = n++;
        while (n < lines.length && !lines[n].startsWith('  - ') && (lines[n] === '' || lines[n].startsWith(' '))) n++;
        if (n === lines.length && lines[n - 1] === '') n--; // the file's final newline
        const chunk = lines.slice(first, n);
        items.push(fastItem(key, chunk) ?? slowItem(key, chunk, writer));
      }
      if (items.length === 0) bail();
      data[key] = items;
    };
    for (const key of ['mentions', 'attributions', 'events', 'rejected'] as const) list(key);
    if (next() !== '' || n !== lines.length) return undefined;
    return TOP_KEYS.every((k) => k in data) ? data : undefined;
  } catch (e) {
    if (e instanceof NotCanonical) return undefined;
    throw e;
  }
}
