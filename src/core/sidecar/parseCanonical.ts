/**
 * The fast sidecar reader: a hand parser for exactly the layout our writers produce (the header comment, the
 * top-level keys, one flow map per item; version 1's block attributions too). It returns the same plain data
 * `yaml` would, plus a line locator, or undefined for anything else: a comment or blank line a person added,
 * an unknown key, an unusual scalar, a syntax error. parseSidecar then takes the general (Document) path, which
 * also reports every problem, so problems and their lines are exactly those of the full parser.
 *
 * A file this accepts has nothing renderSidecar would have to preserve, which is how the writer knows that
 * it may write the canonical layout straight away.
 */
import type { Attribution, Mention, Span } from '../model';
import type { Locate } from './sidecarFormat';
import { ATTRIBUTION_KEYS, DEFAULT_MENTION_ORIGIN, DEFAULT_RULE_ORIGIN, DOCUMENT_KEYS, KINDS, EVENT_KEYS, HEADER, ISO_TIME, MENTION_KEYS, ORIGINS, REJECTION_KEYS, SPAN_KEYS, STATUSES, TOP_KEYS } from './sidecarFormat';
import { impliedEntity, isRuleSuggestion } from './impliedValues';

export interface CanonicalParse {
  data: Record<string, unknown>;
  locate: Locate;
  /**
   * With `typed`: the mentions read straight into what parseSidecar's checks would make of them (index by index;
   * undefined where a line was read as plain data, which `data.mentions` then holds; where a mention is given
   * here, `data.mentions` holds undefined).
   */
  mentions?: (Mention | undefined)[];
  /** The same for attributions (version 1's block attributions are read as plain data). */
  attributions?: (Attribution | undefined)[];
}

export interface CanonicalOptions {
  /**
   * Read mention and attribution lines of the usual shape straight into Mentions and Attributions, skipping the
   * plain map and its checks (they are most of a sidecar's lines). A line with anything the checks would report, or not in key-table order,
   * is read as plain data instead, so the result is the same either way.
   */
  readonly typed?: boolean;
}

/** Where the nodes of a list are: the list itself, each item, and (version 1 block items) each key of an item. */
interface ListLines {
  line: number;
  items: number[];
  keys: (Map<string, number> | undefined)[];
}

// The `yaml` package's core schema: a plain scalar matching one of these reads back as something else.
const CORE_NON_STRINGS = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
  /^0o[0-7]+$/,
  /^[-+]?[0-9]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
];

/**
 * Strings that are the same as a plain scalar inside a flow map, for `yaml`'s writer and its reader: words of
 * letters, digits and a few inner punctuation marks, starting with a letter, digit or underscore, single spaces
 * between words (no indicator, comment, flow or `: ` characters anywhere).
 */
const PLAIN = /^[\p{L}\p{N}_](?:[\p{L}\p{M}\p{N}_./()'&+-]| (?=[^ ]))*$/u;

export function isNonString(s: string): boolean {
  // every non-string starts with a digit, sign, dot, ~, or the first letter of true/false/null (or is empty)
  const c = s.charCodeAt(0);
  if (((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) && !'tTfFnN'.includes(s[0])) return false;
  for (const re of CORE_NON_STRINGS) if (re.test(s)) return true;
  return false;
}

/** [A-Za-z0-9_./()'&+-] as a lookup table: the ASCII characters PLAIN allows inside a word. */
const WORD_CHAR = new Uint8Array(128);
for (const ch of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_./()'&+-") WORD_CHAR[ch.charCodeAt(0)] = 1;

/** PLAIN for ASCII strings without a regular expression (most of ours); undefined when not ASCII. */
function plainAscii(s: string): boolean | undefined {
  const c0 = s.charCodeAt(0);
  if (!(c0 < 128 && WORD_CHAR[c0] && ((c0 >= 0x30 && c0 <= 0x39) || (c0 >= 0x41 && c0 <= 0x5a) || (c0 >= 0x61 && c0 <= 0x7a) || c0 === 0x5f))) return c0 >= 128 ? undefined : false;
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128) return undefined;
    if (c === 0x20) {
      if (i + 1 >= s.length || s.charCodeAt(i + 1) === 0x20) return false;
    } else if (!WORD_CHAR[c]) return false;
  }
  return true;
}

/** The string when it is such a plain scalar (and reads back as a string), else undefined. */
export function plainScalar(s: string): string | undefined {
  return (plainAscii(s) ?? PLAIN.test(s)) && !isNonString(s) ? s : undefined;
}

/**
 * Whether `token` stands in `s` at `i`: startsWith without its per-call overhead (a measurable part of reading
 * a line, on strings split from the file).
 */
function stands(s: string, i: number, token: string): boolean {
  const n = token.length;
  if (i + n > s.length) return false;
  for (let k = 0; k < n; k++) if (s.charCodeAt(i + k) !== token.charCodeAt(k)) return false;
  return true;
}

class Decline extends Error {}

const decline = (): never => {
  throw new Decline();
};

/** Keys allowed at a level, and their order as the writers write them (`key: ` tokens, first characters). */
interface KeySet {
  has(key: string): boolean;
  readonly order: readonly string[];
  readonly tokens: readonly string[];
  readonly firsts: Uint16Array;
}
const set = (keys: readonly string[]): KeySet => {
  const all = new Set(keys);
  return { has: (k) => all.has(k), order: keys, tokens: keys.map((k) => `${k}: `), firsts: Uint16Array.from(keys, (k) => k.charCodeAt(0)) };
};
const SPAN: KeySet = set(SPAN_KEYS);
const DOCUMENT: KeySet = set(DOCUMENT_KEYS);
const ITEMS: Record<string, KeySet> = {
  mentions: set(MENTION_KEYS),
  attributions: set(ATTRIBUTION_KEYS),
  events: set(EVENT_KEYS),
  rejected: set(REJECTION_KEYS),
};
/** Keys whose value is a nested flow map (of span keys) or a flow list of them. */
const NESTED_MAPS: Record<string, KeySet> = { attributions: set(['cue', 'source', 'content']) };
const NESTED_LISTS: Record<string, KeySet> = { events: set(['spans']) };
const TOP: KeySet = set(TOP_KEYS.filter((k) => k !== 'conflicts'));


const ESCAPES: Record<string, string> = {
  '"': '"', '\\': '\\', '/': '/', ' ': ' ', n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '0': '\0', a: '\x07', v: '\x0b', e: '\x1b',
  N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

/** Whether a character may stand raw in a canonical double-quoted string (our writers escape the rest). */
function rawOk(c: number): boolean {
  return c >= 0x20 && !(c >= 0x7f && c <= 0x9f) && c !== 0x2028 && c !== 0x2029 && c !== 0xfeff;
}

/** Reads the flow collections of one line (character codes rather than regular expressions: this is hot). */
class LineReader {
  i = 0;
  constructor(readonly s: string) {}

  expect(token: string): void {
    if (!stands(this.s, this.i, token)) decline();
    this.i += token.length;
  }

  /** Where in its key table the key after the last one read is looked for first (see key). */
  next = 0;

  /**
   * `key: ` with a key from `allowed`. Our writers write keys in table order, so the key is first looked for
   * among those after the last one read: found there, it needs neither a slice nor a set lookup.
   */
  key(allowed: KeySet): string {
    const s = this.s;
    const start = this.i;
    const c = s.charCodeAt(start);
    const { firsts, tokens, order } = allowed;
    for (let j = this.next; j < firsts.length; j++) {
      if (firsts[j] === c && stands(s, start, tokens[j])) {
        this.next = j + 1;
        this.i = start + tokens[j].length;
        return order[j];
      }
    }
    return this.anyKey(allowed);
  }

  private anyKey(allowed: KeySet): string {
    const s = this.s;
    const start = this.i;
    let i = start;
    const c0 = s.charCodeAt(i);
    if (!(c0 >= 0x61 && c0 <= 0x7a)) return decline();
    for (i++; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f)) break;
    }
    if (s.charCodeAt(i) !== 0x3a || s.charCodeAt(i + 1) !== 0x20) return decline();
    const key = s.slice(start, i);
    if (!allowed.has(key)) return decline();
    this.i = i + 2;
    return key;
  }

  /** `{k: v, …}` with keys from `allowed`; nested maps and lists only where the format has them. */
  map(allowed: KeySet, nestedMaps?: KeySet, nestedLists?: KeySet): Record<string, unknown> {
    const s = this.s;
    if (s.charCodeAt(this.i) !== 0x7b) return decline();
    this.i++;
    const out: Record<string, unknown> = {};
    if (s.charCodeAt(this.i) === 0x7d) {
      this.i++;
      return out;
    }
    this.next = 0;
    for (;;) {
      const k = this.key(allowed);
      const after = this.next;
      if (out[k] !== undefined) decline(); // duplicate key: the general parser reports it
      const c = s.charCodeAt(this.i);
      if (c === 0x7b) out[k] = nestedMaps?.has(k) ? this.map(SPAN) : decline();
      else if (c === 0x5b) out[k] = nestedLists?.has(k) ? this.list() : decline();
      else out[k] = c === 0x22 ? this.quoted() : this.plain();
      // a nested map read its own keys
      this.next = after;
      const next = s.charCodeAt(this.i);
      if (next === 0x7d) {
        this.i++;
        return out;
      }
      if (next !== 0x2c || s.charCodeAt(this.i + 1) !== 0x20) return decline();
      this.i += 2;
    }
  }

  /** `[{span}, …]` */
  list(): unknown[] {
    this.expect('[');
    const out: unknown[] = [];
    if (this.s[this.i] === ']') {
      this.i++;
      return out;
    }
    for (;;) {
      out.push(this.map(SPAN));
      if (this.s[this.i] === ']') {
        this.i++;
        return out;
      }
      this.expect(', ');
    }
  }

  scalar(): unknown {
    return this.s.charCodeAt(this.i) === 0x22 ? this.quoted() : this.plain();
  }

  plain(): unknown {
    const s = this.s;
    // a whole number as our writers write one (isInt), read without a slice: offsets are most of the values
    let n = 0;
    let d = this.i;
    for (; d < s.length && d - this.i < 15; d++) {
      const c = s.charCodeAt(d);
      if (c < 0x30 || c > 0x39) break;
      n = n * 10 + (c - 0x30);
    }
    if (d > this.i && (d === this.i + 1 || s.charCodeAt(this.i) !== 0x30)) {
      const c = s.charCodeAt(d);
      if (c === 0x2c || c === 0x7d || c === 0x5d || d === s.length) {
        this.i = d;
        return n;
      }
    }
    let end = this.i;
    for (; end < s.length; end++) {
      const c = s.charCodeAt(end);
      if (c === 0x2c || c === 0x7d || c === 0x5d) break;
    }
    const token = s.slice(this.i, end);
    this.i = end;
    const v = plainValue(token);
    return typeof v === 'string' ? own(v) : v;
  }

  quoted(): string {
    const s = this.s;
    let i = this.i + 1;
    let out = '';
    let start = i;
    for (;;) {
      if (i >= s.length) return decline();
      const c = s.charCodeAt(i);
      if (c === 0x22) break;
      if (c !== 0x5c) {
        if (c < 0x20 || c >= 0x7f) {
          if (!rawOk(c)) return decline();
          // a surrogate only as half of a pair
          if (c >= 0xd800 && c <= 0xdfff) {
            const d = s.charCodeAt(i + 1);
            if (c > 0xdbff || !(d >= 0xdc00 && d <= 0xdfff)) return decline();
            i++;
          }
        }
        i++;
        continue;
      }
      out += s.slice(start, i);
      const e = s[i + 1];
      const hex = HEX_LENGTH[e];
      if (hex !== undefined) {
        const digits = s.slice(i + 2, i + 2 + hex);
        if (digits.length !== hex || !/^[0-9a-fA-F]+$/.test(digits)) return decline();
        const code = parseInt(digits, 16);
        if (code > 0x10ffff) return decline();
        out += String.fromCodePoint(code);
        i += 2 + hex;
      } else {
        const r = ESCAPES[e];
        if (r === undefined) return decline();
        out += r;
        i += 2;
      }
      start = i;
    }
    out += s.slice(start, i);
    this.i = i + 1;
    return own(out);
  }

  end(): void {
    if (this.i !== this.s.length) decline();
  }

  /**
   * A plain scalar that reads as a string, up to the next `,`, `}` or `]`: the string, or undefined (a number, a
   * boolean, a null; a token the general reader declines).
   */
  private plainString(): string | undefined {
    const s = this.s;
    let end = this.i;
    for (; end < s.length; end++) {
      const c = s.charCodeAt(end);
      if (c === 0x2c || c === 0x7d || c === 0x5d) break;
    }
    if (end === this.i) return undefined;
    const token = s.slice(this.i, end);
    if (plainScalar(token) === undefined) return undefined;
    this.i = end;
    return own(token);
  }

  /** A whole number as our writers write one, or -1. */
  private whole(): number {
    const s = this.s;
    let n = 0;
    let d = this.i;
    for (; d < s.length && d - this.i < 15; d++) {
      const c = s.charCodeAt(d);
      if (c < 0x30 || c > 0x39) break;
      n = n * 10 + (c - 0x30);
    }
    if (d === this.i || (d > this.i + 1 && s.charCodeAt(this.i) === 0x30)) return -1;
    const c = s.charCodeAt(d);
    if (c !== 0x2c && c !== 0x7d) return -1;
    this.i = d;
    return n;
  }

  /** `true` or `false` ending at a comma or the closing brace (passed over); undefined for anything else. */
  private booleanValue(): boolean | undefined {
    const s = this.s;
    const yes = stands(s, this.i, 'true');
    if (!yes && !stands(s, this.i, 'false')) return undefined;
    const c = s.charCodeAt(this.i + (yes ? 4 : 5));
    if (c !== 0x2c && c !== 0x7d) return undefined;
    this.i += yes ? 4 : 5;
    return yes;
  }

  /** A quoted or plain string value, or undefined. */
  private stringValue(): string | undefined {
    return this.s.charCodeAt(this.i) === 0x22 ? this.quoted() : this.plainString();
  }

  /** `, key: ` at the reading position (the key one of the optional mention keys, see MENTION_TAIL). */
  private nextKey(): number {
    const s = this.s;
    if (s.charCodeAt(this.i) !== 0x2c || s.charCodeAt(this.i + 1) !== 0x20) return -1;
    const c = s.charCodeAt(this.i + 2);
    for (let j = this.next; j < MENTION_TAIL.length; j++) {
      if (MENTION_TAIL_FIRSTS[j] === c && stands(s, this.i + 2, MENTION_TAIL_TOKENS[j])) {
        this.next = j + 1;
        this.i += 2 + MENTION_TAIL_TOKENS[j].length;
        return j;
      }
    }
    return -1;
  }

  /**
   * A mention line's flow map `{id: …, label: …, start: …, end: …, text: "…"[, the others in table order]}` as
   * readMention (parseSidecar) makes it, when nothing in it is unusual: undefined, with the position where it
   * was, for anything else (a key out of order, a value the checks would report or convert), which the plain
   * reader then reads. Values are read by the same code as there (quoted, plainScalar).
   */
  mention(version: 1 | 2): Mention | undefined {
    const s = this.s;
    const from = this.i;
    const no = (): undefined => {
      this.i = from;
      return undefined;
    };
    if (!stands(s, from, '{id: ')) return undefined;
    this.i = from + 5;
    const id = this.stringValue();
    if (id === undefined || !stands(s, this.i, ', label: ')) return no();
    this.i += 9;
    const label = this.plainString();
    if (label !== 'ACTOR' && label !== 'PLACE' && label !== 'CIVILIAN') return no();
    if (!stands(s, this.i, ', start: ')) return no();
    this.i += 9;
    const start = this.whole();
    if (start < 0 || !stands(s, this.i, ', end: ')) return no();
    this.i += 7;
    const end = this.whole();
    if (end < start || !stands(s, this.i, ', text: "')) return no();
    this.i += 8;
    const text = this.quoted();
    let entity: string | undefined;
    let status: string | undefined;
    let origin: string | undefined;
    let orphan = false;
    let by: string | undefined;
    let at: string | undefined;
    let prefix: string | undefined;
    let suffix: string | undefined;
    this.next = 0;
    while (s.charCodeAt(this.i) !== 0x7d) {
      const k = this.nextKey();
      if (k < 0) return no();
      if (k === 3) {
        // orphan: true or false
        const yes = this.booleanValue();
        if (yes === undefined) return no();
        orphan = yes;
        continue;
      }
      const v = this.stringValue();
      if (v === undefined) return no();
      if (k === 0) entity = v;
      else if (k === 1) status = v;
      else if (k === 2) origin = v;
      else if (k === 4) by = v;
      else if (k === 5) at = v;
      else if (k === 6) prefix = v;
      else suffix = v;
    }
    if (this.i + 1 !== s.length) return no();
    if (status === undefined) {
      if (version === 1) return no(); // required before version 2: the checks report it
      status = 'suggested';
    } else if (!STATUSES.includes(status)) return no();
    if (origin === undefined) origin = DEFAULT_MENTION_ORIGIN;
    else if (!ORIGINS.includes(origin)) return no();
    if (at !== undefined && !ISO_TIME.test(at)) return no();
    this.i++;
    const m = { id, label, start, end, text } as Mention;
    if (prefix !== undefined) m.prefix = prefix;
    if (suffix !== undefined) m.suffix = suffix;
    m.status = status as Mention['status'];
    m.origin = origin as Mention['origin'];
    if (entity === undefined && version >= 2 && isRuleSuggestion(m, DEFAULT_MENTION_ORIGIN)) entity = impliedEntity(text);
    if (entity !== undefined) m.entity = entity;
    if (orphan) m.orphan = true;
    if (by !== undefined) m.by = by;
    if (at !== undefined) m.at = at;
    return m;
  }

  /** `, key: ` at the reading position with a key of `tokens` (after the last one read), or -1. */
  private tailKey(tokens: readonly string[], firsts: Uint16Array): number {
    const s = this.s;
    if (s.charCodeAt(this.i) !== 0x2c || s.charCodeAt(this.i + 1) !== 0x20) return -1;
    const c = s.charCodeAt(this.i + 2);
    for (let j = this.next; j < tokens.length; j++) {
      if (firsts[j] === c && stands(s, this.i + 2, tokens[j])) {
        this.next = j + 1;
        this.i += 2 + tokens[j].length;
        return j;
      }
    }
    return -1;
  }

  /**
   * `{start: N, end: N[, text: "…"][, prefix: …][, suffix: …]}` as the checks read an attribution's span
   * (`quoteOptional`: a missing quote reads as ''), or undefined where they would report or convert anything.
   */
  private span(quoteOptional: boolean): Span | undefined {
    const s = this.s;
    if (!stands(s, this.i, '{start: ')) return undefined;
    this.i += 8;
    const start = this.whole();
    if (start < 0 || !stands(s, this.i, ', end: ')) return undefined;
    this.i += 7;
    const end = this.whole();
    if (end < start) return undefined;
    let text: string | undefined;
    let prefix: string | undefined;
    let suffix: string | undefined;
    const next = this.next;
    this.next = 0;
    while (s.charCodeAt(this.i) !== 0x7d) {
      const k = this.tailKey(SPAN_TAIL_TOKENS, SPAN_TAIL_FIRSTS);
      if (k < 0) return undefined;
      const v = this.stringValue();
      if (v === undefined) return undefined;
      if (k === 0) text = v;
      else if (k === 1) prefix = v;
      else suffix = v;
    }
    this.i++;
    this.next = next;
    if (text === undefined) {
      if (!quoteOptional) return undefined;
      text = '';
    }
    const span: Span = { start, end, text };
    if (prefix !== undefined) span.prefix = prefix;
    if (suffix !== undefined) span.suffix = suffix;
    return span;
  }

  /** An attribution's flow map as readAttribution makes it, when nothing in it is unusual (see mention). */
  attribution(version: 1 | 2): Attribution | undefined {
    const s = this.s;
    const from = this.i;
    const no = (): undefined => {
      this.i = from;
      return undefined;
    };
    if (!stands(s, from, '{id: ')) return undefined;
    this.i = from + 5;
    const id = this.stringValue();
    if (id === undefined || !stands(s, this.i, ', cue: ')) return no();
    this.i += 7;
    const quoteOptional = version >= 2;
    const cue = this.span(quoteOptional);
    if (!cue) return no();
    let source: Span | undefined;
    let content: Span | undefined;
    let kind: string | undefined;
    let direct = false;
    let sourceEntity: string | undefined;
    let status: string | undefined;
    let origin: string | undefined;
    let orphan = false;
    let by: string | undefined;
    let at: string | undefined;
    this.next = 0;
    while (s.charCodeAt(this.i) !== 0x7d) {
      const k = this.tailKey(ATTRIBUTION_TAIL_TOKENS, ATTRIBUTION_TAIL_FIRSTS);
      if (k < 0) return no();
      if (k === 0 || k === 1) {
        const span = this.span(quoteOptional);
        if (!span) return no();
        if (k === 0) source = span;
        else content = span;
        continue;
      }
      if (k === 3 || k === 7) {
        // direct, orphan: true or false
        const yes = this.booleanValue();
        if (yes === undefined) return no();
        if (k === 3) direct = yes;
        else orphan = yes;
        continue;
      }
      const v = this.stringValue();
      if (v === undefined) return no();
      if (k === 2) kind = v;
      else if (k === 4) sourceEntity = v;
      else if (k === 5) status = v;
      else if (k === 6) origin = v;
      else if (k === 8) by = v;
      else at = v;
    }
    if (this.i + 1 !== s.length) return no();
    if (kind === undefined || !KINDS.includes(kind)) return no();
    if (status === undefined) {
      if (version === 1) return no(); // required before version 2: the checks report it
      status = 'suggested';
    } else if (!STATUSES.includes(status)) return no();
    if (origin === undefined) origin = version >= 2 ? DEFAULT_RULE_ORIGIN : undefined;
    else if (!ORIGINS.includes(origin)) return no();
    if (at !== undefined && !ISO_TIME.test(at)) return no();
    this.i++;
    const a = { id, cue, kind, direct, status } as Attribution;
    if (source) a.source = source;
    if (content) a.content = content;
    if (origin) a.origin = origin as Attribution['origin'];
    if (sourceEntity !== undefined) a.sourceEntity = sourceEntity;
    if (orphan) a.orphan = true;
    if (by !== undefined) a.by = by;
    if (at !== undefined) a.at = at;
    return a;
  }
}

/** A mention's keys after its quote, in table order (MENTION_KEYS), as `key: ` tokens. */
const MENTION_TAIL = ['entity', 'status', 'origin', 'orphan', 'by', 'at', 'prefix', 'suffix'] as const;
const MENTION_TAIL_TOKENS = MENTION_TAIL.map((k) => `${k}: `);
const MENTION_TAIL_FIRSTS = Uint16Array.from(MENTION_TAIL, (k) => k.charCodeAt(0));
/** An attribution's keys after its cue, and a span's after its end, in table order. */
const ATTRIBUTION_TAIL = ['source', 'content', 'kind', 'direct', 'sourceEntity', 'status', 'origin', 'orphan', 'by', 'at'] as const;
const ATTRIBUTION_TAIL_TOKENS = ATTRIBUTION_TAIL.map((k) => `${k}: `);
const ATTRIBUTION_TAIL_FIRSTS = Uint16Array.from(ATTRIBUTION_TAIL, (k) => k.charCodeAt(0));
const SPAN_TAIL = ['text', 'prefix', 'suffix'] as const;
const SPAN_TAIL_TOKENS = SPAN_TAIL.map((k) => `${k}: `);
const SPAN_TAIL_FIRSTS = Uint16Array.from(SPAN_TAIL, (k) => k.charCodeAt(0));
// the table order is what lets a line be read in one pass: fail loudly if a table changes under it
if (MENTION_KEYS.slice(5).join() !== MENTION_TAIL.join() || MENTION_KEYS.slice(0, 5).join() !== 'id,label,start,end,text') throw new Error('MENTION_KEYS changed: update MENTION_TAIL');
if (ATTRIBUTION_KEYS.join() !== ['id', 'cue', ...ATTRIBUTION_TAIL].join()) throw new Error('ATTRIBUTION_KEYS changed: update ATTRIBUTION_TAIL');
if (SPAN_KEYS.join() !== ['start', 'end', ...SPAN_TAIL].join()) throw new Error('SPAN_KEYS changed: update SPAN_TAIL');

/** A whole number as our writers write one: no sign, no leading zero, at most 15 digits (a safe integer). */
function isInt(token: string): boolean {
  const n = token.length;
  if (n === 0 || n > 15 || (n > 1 && token.charCodeAt(0) === 0x30)) return false;
  for (let i = 0; i < n; i++) {
    const c = token.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** What a plain scalar of ours reads as under the core schema; anything less usual declines. */
/**
 * `s` as a string that holds its own characters. In V8 a slice of a long string (13 characters or more) points
 * into it and keeps all of it alive, and a value read from a sidecar often outlives the file: the export's
 * manifest keeps each document's hash, stats and the editor's index keep entities and quotes. Each such slice
 * would hold its document's whole YAML in memory (an export of 10,000 sample copies reached 500 MB). Shorter
 * strings are copies already.
 */
function own(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

function plainValue(token: string): unknown {
  if (isInt(token)) return Number(token);
  if (token === 'true') return true;
  if (token === 'false') return false;
  if (plainScalar(token) !== undefined) return token;
  return decline();
}

/** One line's value: a flow map of `allowed` keys, or a scalar. */
function lineValue(s: string, allowed?: KeySet, nestedMaps?: KeySet, nestedLists?: KeySet, from = 0): unknown {
  const r = new LineReader(s);
  r.i = from;
  const v = s[from] === '{' && allowed ? r.map(allowed, nestedMaps, nestedLists) : s[from] === '{' || s[from] === '[' ? decline() : r.scalar();
  r.end();
  return v;
}

function parsePathParts(path: string): (string | number)[] {
  const parts: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) parts.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return parts;
}

function itemIndex(part: string | number | undefined): number | undefined {
  const n = typeof part === 'string' && part !== '' ? Number(part) : part;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined;
}

/**
 * The line of a path as the Document locator finds it: the deepest existing node, and every node of a one-line
 * flow map lies on that line.
 */
function makeLocate(root: number, scalars: Map<string, number>, lists: Map<string, ListLines>): Locate {
  return (path: string) => {
    const parts = parsePathParts(path);
    if (parts.length === 0) return root;
    const top = String(parts[0]);
    const line = scalars.get(top);
    if (line !== undefined) return line;
    const list = lists.get(top);
    if (!list) return root;
    if (parts.length === 1) return list.line;
    const i = itemIndex(parts[1]);
    if (i === undefined || i >= list.items.length) return list.line;
    const keys = list.keys[i];
    if (parts.length === 2 || !keys) return list.items[i];
    return keys.get(String(parts[2])) ?? list.items[i];
  };
}

/** Parses a canonical sidecar, or returns undefined when the general parser must read it. */
export function parseCanonical(text: string, options: CanonicalOptions = {}): CanonicalParse | undefined {
  // control and line-separator characters are checked where they could hide (in quoted strings; plain scalars
  // and the structure admit only known characters)
  if (!text.endsWith('\n') || text.includes('\r') || text.includes('\t') || text.includes('\uFEFF')) return undefined;
  const lines = text.split('\n');
  lines.pop();
  try {
    return read(lines, options.typed === true);
  } catch (e) {
    if (e instanceof Decline) return undefined;
    throw e;
  }
}

function read(lines: string[], typed: boolean): CanonicalParse {
  let n = 0;
  if (lines[0]?.startsWith('#')) {
    if (lines[0] !== `#${HEADER}` || lines[1] !== '') decline();
    n = 2;
  }
  if (n >= lines.length) decline();
  const data: Record<string, unknown> = {};
  const scalars = new Map<string, number>();
  const lists = new Map<string, ListLines>();
  const root = n + 1;
  let mentions: (Mention | undefined)[] | undefined;
  let attributions: (Attribution | undefined)[] | undefined;
  while (n < lines.length) {
    const line = lines[n];
    const colon = line.indexOf(':');
    const key = colon > 0 ? line.slice(0, colon) : '';
    if (!TOP.has(key) || key in data) decline();
    const rest = line.slice(colon + 1);
    n++;
    if (key === 'version' || key === 'document') {
      if (!rest.startsWith(' ')) decline();
      data[key] = key === 'document' ? lineValue(rest.slice(1), DOCUMENT) : lineValue(rest.slice(1));
      scalars.set(key, n);
      continue;
    }
    if (rest === ' []') {
      data[key] = [];
      lists.set(key, { line: n, items: [], keys: [] });
      continue;
    }
    if (rest !== '') decline();
    const allowed = ITEMS[key];
    const items: unknown[] = [];
    const where: ListLines = { line: n + 1, items: [], keys: [] };
    // items at the key's indentation (`- {`, as written now) or indented by two (`  - {`, as written before)
    const indent = lines[n]?.startsWith('- ') ? 2 : 4;
    const marker = indent === 2 ? '- ' : '  - ';
    // the version is known by now in files as our writers write them (it comes first)
    const version = data.version === 1 || data.version === 2 ? data.version : undefined;
    let direct: (Mention | Attribution | undefined)[] | undefined;
    if (typed && key === 'mentions' && version !== undefined) direct = mentions = [];
    if (typed && key === 'attributions' && version !== undefined) direct = attributions = [];
    while (n < lines.length && stands(lines[n], 0, marker)) {
      const line = lines[n];
      where.items.push(n + 1);
      const r = direct && new LineReader(line);
      if (r) r.i = indent;
      const m = r && (key === 'mentions' ? r.mention(version!) : r.attribution(version!));
      if (m) {
        direct![items.length] = m;
        items.push(undefined);
        where.keys.push(undefined);
        n++;
      } else if (line.charCodeAt(indent) === 0x7b) {
        // read in place (no copy of the line without its `- `)
        items.push(lineValue(line, allowed, NESTED_MAPS[key], NESTED_LISTS[key], indent));
        where.keys.push(undefined);
        n++;
      } else if (key === 'attributions' && indent === 4) {
        // version 1 wrote attributions as block maps: `  - id: a1` then `    key: value` lines
        const o: Record<string, unknown> = {};
        const keys = new Map<string, number>();
        let first = true;
        while (n < lines.length && (first || lines[n].startsWith('    '))) {
          const l = lines[n].slice(indent);
          const r = new LineReader(l);
          const k = r.key(allowed);
          if (k in o) decline();
          const value = l.slice(r.i);
          o[k] = value[0] === '{' ? lineValue(value, NESTED_MAPS.attributions.has(k) ? SPAN : undefined) : lineValue(value);
          keys.set(k, n + 1);
          first = false;
          n++;
        }
        items.push(o);
        where.keys.push(keys);
      } else decline();
    }
    if (items.length === 0) decline(); // `key:` with nothing under it reads as null; rare, left to the general parser
    data[key] = items;
    lists.set(key, where);
  }
  const out: CanonicalParse = { data, locate: makeLocate(root, scalars, lists) };
  if (mentions) out.mentions = mentions;
  if (attributions) out.attributions = attributions;
  return out;
}
