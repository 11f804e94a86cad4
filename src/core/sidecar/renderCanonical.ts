/**
 * The fast sidecar writer: builds the canonical layout (header, fixed key order, one flow map per item) as a
 * string, without the `yaml` Document API. It writes exactly the bytes renderWithDocument writes for the same
 * sidecar (test/unit/renderCanonical.test.ts checks that on real and random sidecars), and returns undefined
 * for the rare value whose YAML form it does not know for certain (a string that must be quoted in an unusual
 * way, a fraction, conflicts); the caller then takes the general path.
 */
import type { Sidecar } from '../model';
import { SIDECAR_VERSION } from '../model';
import { HEADER, QUOTED_KEYS } from './sidecarFormat';
import { diskDocument, diskFields, notesFor, sortSidecar, type ListKey, type NotesOf } from './canonicalSidecar';
import { pinnedIds } from './sidecarFormat';
import { isNonString, plainScalar } from './parseCanonical';

/** Thrown inside the writer when a value needs the general YAML writer. */
class NotCanonical extends Error {}

/**
 * A double-quoted scalar exactly as `yaml` writes one on a single line: JSON escapes, then YAML's short forms
 * for a few control characters, `\xNN` for the other low ones, and an escaped space before an escaped newline.
 */
export function doubleQuoted(value: string): string {
  const json = JSON.stringify(value);
  if (!json.includes('\\')) return json;
  let str = '';
  let start = 0;
  for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
    if (ch === ' ' && json[i + 1] === '\\' && json[i + 2] === 'n') {
      str += `${json.slice(start, i)}\\ `;
      i += 1;
      start = i;
      ch = '\\';
    }
    if (ch === '\\') {
      if (json[i + 1] === 'u') {
        str += json.slice(start, i);
        const code = json.substr(i + 2, 4);
        switch (code) {
          case '0000':
            str += '\\0';
            break;
          case '0007':
            str += '\\a';
            break;
          case '000b':
            str += '\\v';
            break;
          case '001b':
            str += '\\e';
            break;
          case '0085':
            str += '\\N';
            break;
          case '00a0':
            str += '\\_';
            break;
          case '2028':
            str += '\\L';
            break;
          case '2029':
            str += '\\P';
            break;
          default:
            str += code.startsWith('00') ? `\\x${code.slice(2)}` : json.substr(i, 6);
        }
        i += 5;
        start = i + 1;
      } else {
        i += 1;
      }
    }
  }
  return start ? str + json.slice(start) : json;
}

/*
 * The writer puts the pieces of what it writes into one array, joined once per block of lines. Built as a
 * string per field and per line and joined only at the end, every little piece stayed alive until then, and
 * collecting them again and again was most of the time a long article's sidecar took to write.
 */
let parts: string[] = [];

/** `key: ` and `, key: ` of each key already seen to be a plain identifier (the format has a few dozen). */
const keyTokens = new Map<string, readonly [string, string]>();

/** The `key: ` that opens a map's first pair (0) or goes after a previous one (1). */
function keyToken(k: string, later: 0 | 1): string {
  let tokens = keyTokens.get(k);
  if (tokens === undefined) {
    if (!/^[a-z][A-Za-z0-9_]*$/.test(k)) throw new NotCanonical();
    tokens = [`${k}: `, `, ${k}: `];
    keyTokens.set(k, tokens);
  }
  return tokens[later];
}

/** Writes the YAML form of the value of `key`. */
function put(key: string, v: unknown): void {
  if (typeof v === 'string') {
    if (QUOTED_KEYS.has(key)) parts.push(doubleQuoted(v));
    else {
      const plain = plainScalar(v);
      if (plain !== undefined) parts.push(plain);
      // a string that would read back as a number or boolean: `yaml` double-quotes it, as here
      else if (/^[\p{L}\p{N}_.+-]+$/u.test(v) && isNonString(v)) parts.push(doubleQuoted(v));
      else throw new NotCanonical();
    }
  } else if (typeof v === 'number') {
    if (!Number.isSafeInteger(v) || Object.is(v, -0)) throw new NotCanonical();
    parts.push(String(v));
  } else if (typeof v === 'boolean') parts.push(v ? 'true' : 'false');
  else if (Array.isArray(v)) {
    parts.push('[');
    for (let i = 0; i < v.length; i++) {
      if (i > 0) parts.push(', ');
      put('', v[i]);
    }
    parts.push(']');
  } else if (typeof v === 'object' && v !== null) putMap(v as Record<string, unknown>);
  else throw new NotCanonical();
}

function putMap(o: Record<string, unknown>): void {
  parts.push('{');
  let first = true;
  for (const k in o) {
    const v = o[k];
    if (v === undefined) continue;
    parts.push(keyToken(k, first ? 0 : 1));
    put(k, v);
    first = false;
  }
  parts.push('}');
}

/** diskFields' sink: the fields of the item being written, straight into `parts` (no object per item). */
let firstField = true;
const field = (k: string, v: unknown): void => {
  if (v === undefined) return;
  parts.push(keyToken(k, firstField ? 0 : 1));
  put(k, v);
  firstField = false;
};

/** Lines joined per block: the pieces of a block die young, the blocks are few. */
const BLOCK = 512;

/** A list, an item a line, each item made into what is written only as its turn comes. */
function list(key: ListKey, items: readonly object[], pinned: ReadonlySet<string>, notesOf?: NotesOf): string {
  if (items.length === 0) return `${key}: []\n`;
  const blocks: string[] = [`${key}:\n`];
  parts = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    parts.push('- {');
    firstField = true;
    diskFields(key, item, key !== 'rejected' && pinned.has((item as { id: string }).id), notesOf, field);
    parts.push('}\n');
    if ((i + 1) % BLOCK === 0) {
      blocks.push(parts.join(''));
      parts = [];
    }
  }
  blocks.push(parts.join(''));
  parts = [];
  return blocks.join('');
}

function flowMap(o: Record<string, unknown>): string {
  parts = [];
  putMap(o);
  const out = parts.join('');
  parts = [];
  return out;
}

/**
 * The canonical YAML of a sidecar, or undefined when some value needs the general writer. `text`: the text the
 * sidecar was made for, when the caller has it (implied notes are then left out, see impliedValues).
 */
export function renderCanonical(sidecar: Sidecar, text?: string): string | undefined {
  if (sidecar.conflicts?.length) return undefined;
  const s = sortSidecar(sidecar);
  try {
    let out = `#${HEADER}\n\nversion: ${SIDECAR_VERSION}\ndocument: ${flowMap(diskDocument(s.document))}\n`;
    const pinned = pinnedIds(s);
    out += list('mentions', s.mentions, pinned);
    out += list('attributions', s.attributions, pinned);
    out += list('events', s.events, pinned, notesFor(s, text));
    out += list('rejected', s.rejected, pinned);
    return out;
  } catch (e) {
    if (e instanceof NotCanonical) return undefined;
    throw e;
  }
}
