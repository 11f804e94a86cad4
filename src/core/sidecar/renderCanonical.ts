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

function scalar(key: string, v: unknown): string {
  if (typeof v === 'string') {
    if (QUOTED_KEYS.has(key)) return doubleQuoted(v);
    const plain = plainScalar(v);
    if (plain !== undefined) return plain;
    // a string that would read back as a number or boolean: `yaml` double-quotes it, as here
    if (/^[\p{L}\p{N}_.+-]+$/u.test(v) && isNonString(v)) return doubleQuoted(v);
    throw new NotCanonical();
  }
  if (typeof v === 'number') {
    if (Number.isSafeInteger(v) && !Object.is(v, -0)) return String(v);
    throw new NotCanonical();
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return `[${v.map((x) => scalar('', x)).join(', ')}]`;
  if (typeof v === 'object' && v !== null) return flowMap(v as Record<string, unknown>);
  throw new NotCanonical();
}

/** Keys already seen to be plain identifiers (the format has a few dozen). */
const plainKeys = new Set<string>();

function flowMap(o: Record<string, unknown>): string {
  let out = '{';
  let first = true;
  for (const k in o) {
    const v = o[k];
    if (v === undefined) continue;
    out += `${first ? '' : ', '}${pair(k, v)}`;
    first = false;
  }
  return `${out}}`;
}

function pair(k: string, v: unknown): string {
  if (!plainKeys.has(k)) {
    if (!/^[a-z][A-Za-z0-9_]*$/.test(k)) throw new NotCanonical();
    plainKeys.add(k);
  }
  return `${k}: ${scalar(k, v)}`;
}

/** The line of an item being written (flowMap of diskItem, without building diskItem's object). */
let line = '';
const field = (k: string, v: unknown): void => {
  if (v === undefined) return;
  line += line.length > 1 ? `, ${pair(k, v)}` : pair(k, v);
};

function itemLine(key: ListKey, item: object, pinned: boolean, notesOf: NotesOf | undefined): string {
  line = '{';
  diskFields(key, item, pinned, notesOf, field);
  return `${line}}`;
}

/**
 * A list, an item a line. The lines are joined once into a flat string: appended one by one they would make a
 * rope of every little piece, several times the size of the text (220 MB for the 30 MB sidecar of an 8 MB
 * article), and each item is made into what is written only as its turn comes.
 */
function list(key: ListKey, items: readonly object[], pinned: ReadonlySet<string>, notesOf?: NotesOf): string {
  if (items.length === 0) return `${key}: []\n`;
  const lines: string[] = new Array<string>(items.length + 2);
  lines[0] = `${key}:`;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    lines[i + 1] = `- ${itemLine(key, item, key !== 'rejected' && pinned.has((item as { id: string }).id), notesOf)}`;
  }
  lines[items.length + 1] = '';
  return lines.join('\n');
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
