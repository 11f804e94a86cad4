/**
 * The GeoNames places compiled at build time into the gazetteer's own lookup structures (dist/places.bin), so a
 * host opens them by wrapping typed arrays round the file's bytes instead of parsing 5 MB of JSON and indexing
 * 80,000 spellings one by one (seconds on a busy machine, before the first article could be highlighted).
 *
 * The file holds: every match key of every place spelling and its prefixes in an open-addressing hash table,
 * each key's place entries (row, acronym, weak) already in the order the gazetteer ranks them, the place rows as
 * tab-separated UTF-8, each decoded on its own into an entity when matched or asked for, the first-word bit set, and the given
 * names. Keys are made by the gazetteer's own `aliasKeys`, so the compiled index and `Gazetteer.add` agree; a
 * gazetteer takes it through `addPlaceIndex`.
 */
import type { Entity } from '../model';
import { aliasKeys, DEFAULT_MAX_WORDS, FIRST_WORDS_BYTES, markFirstWord } from './gazetteer';
import { placeEntities, type PlaceData } from './placeData';

/** "CAPX", little-endian. */
const MAGIC = 0x58504143;
const FORMAT = 3;
const ALIGN = 8;

interface Header {
  readonly format: number;
  readonly attribution: string;
  readonly countries: string[][];
  readonly maxWords: number;
  readonly entryCount: number;
  /** name → [byte offset from the start of the file, byte length] */
  readonly sections: Record<string, [number, number]>;
}

/** FNV-1a over UTF-16 code units. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
  return h >>> 0;
}

/** Strings concatenated, with their starts (UTF-16 offsets, one more than strings) and a hash table of them. */
interface StringTable {
  readonly text: string;
  readonly starts: Uint32Array;
  readonly slots: Uint32Array;
}

function compileStrings(strings: readonly string[]): StringTable {
  const starts = new Uint32Array(strings.length + 1);
  let at = 0;
  strings.forEach((s, i) => {
    starts[i] = at;
    at += s.length;
  });
  starts[strings.length] = at;
  let size = 1;
  while (size < strings.length * 1.6) size <<= 1;
  const slots = new Uint32Array(size);
  strings.forEach((s, i) => {
    let slot = hashString(s) & (size - 1);
    while (slots[slot] !== 0) slot = (slot + 1) & (size - 1);
    slots[slot] = i + 1;
  });
  return { text: strings.join(''), starts, slots };
}

/** The index of `key` in a string table, or -1. */
function findString(table: StringTable, key: string): number {
  const { slots, starts, text } = table;
  const mask = slots.length - 1;
  for (let slot = hashString(key) & mask; ; slot = (slot + 1) & mask) {
    const v = slots[slot];
    if (v === 0) return -1;
    const start = starts[v - 1];
    if (starts[v] - start === key.length && text.startsWith(key, start)) return v - 1;
  }
}

// (a capital is a city with its own code: "C")
const KIND_CODE: Record<string, string> = { city: 'c', region: 'r' };
const CODE_KIND: Record<string, 'city' | 'region'> = { c: 'city', C: 'city', r: 'region' };

/** Builds the index file from the place table (build time; the same entities `placeEntities` gives). */
export function compilePlaceIndex(data: PlaceData): Uint8Array {
  const entities = placeEntities(data);
  const nodeOf = new Map<string, number>();
  const keys: string[] = [];
  const nodeEntries: number[][] = [];
  const extend: number[] = [];
  const firstWords = new Uint8Array(FIRST_WORDS_BYTES);
  const node = (key: string): number => {
    let n = nodeOf.get(key);
    if (n === undefined) {
      n = keys.length;
      nodeOf.set(key, n);
      keys.push(key);
      nodeEntries.push([]);
      extend.push(0);
    }
    return n;
  };
  const rowEntryCount = new Uint8Array(entities.length);
  const seen = new Set<string>();
  let entryCount = 0;
  const rows: string[] = [];
  entities.forEach((e, row) => {
    // what Gazetteer.add would do with these entities in this order; two rows of one id would merge there
    if (seen.has(e.id)) throw new Error(`place index: duplicate id ${e.id}`);
    seen.add(e.id);
    for (const alias of [e.name, ...e.aliases]) {
      for (const k of aliasKeys(alias, true, DEFAULT_MAX_WORDS)) {
        const key = k.words.join(' ');
        markFirstWord(firstWords, k.words[0]);
        const list = nodeEntries[node(key)];
        const value = (row << 2) | (k.acronym ? 2 : 0) | (k.weak ? 1 : 0);
        if (list.some((v) => v >>> 2 === row && (v & 2) === (value & 2))) continue;
        list.push(value);
        entryCount++;
        if (rowEntryCount[row] === 255) throw new Error(`place index: ${e.id} has too many spellings`);
        rowEntryCount[row]++;
        let prefix = k.words[0];
        for (let i = 1; i < k.words.length; i++) {
          extend[node(prefix)] = 1;
          prefix += ' ' + k.words[i];
        }
      }
    }
    const fields = [String(e.geonameId), e.country ?? '', e.capital ? 'C' : KIND_CODE[e.kind], String(e.population), String(e.lat), String(e.lon), e.name, ...e.aliases];
    if (KIND_CODE[e.kind] === undefined || fields.some((f) => /[\t\n]/.test(f))) throw new Error(`place index: cannot store ${e.id}`);
    if (e.id !== `geonames-${e.geonameId}` || !Number.isInteger(e.population) || e.population! < 0 || e.population! > 0xffffffff) throw new Error(`place index: unexpected id or population on ${e.id}`);
    rows.push(fields.join('\t') + '\n');
  });
  // entries best first, as the gazetteer sorts them: by population, then in the order they were added
  const population = new Uint32Array(entities.map((e) => e.population ?? 0));
  const entries = new Uint32Array(entryCount);
  const entryStart = new Uint32Array(keys.length + 1);
  let at = 0;
  nodeEntries.forEach((list, n) => {
    entryStart[n] = at;
    const sorted = list.map((v, i) => ({ v, i })).sort((a, b) => population[b.v >>> 2] - population[a.v >>> 2] || a.i - b.i);
    for (const { v } of sorted) entries[at++] = v;
  });
  entryStart[keys.length] = at;
  const keyTable = compileStrings(keys);
  // node n is key n; the hash table maps a key to n + 1
  const given = compileStrings([...new Set(data.givenNames ?? [])]);
  // byte offsets: a row is decoded on its own when first asked for (decoding all rows costs 20 ms and 6 MB)
  const encoder = new TextEncoder();
  const rowStart = new Uint32Array(rows.length + 1);
  let offset = 0;
  rows.forEach((r, i) => {
    rowStart[i] = offset;
    offset += encoder.encode(r).byteLength;
  });
  rowStart[rows.length] = offset;
  const ids = entities.map((e, row) => ({ id: e.geonameId!, row })).sort((a, b) => a.id - b.id);
  const regionRows = entities.flatMap((e, row) => (e.kind === 'region' ? [row] : []));
  const sections: Array<[string, Uint8Array]> = [
    ['keys', text(encoder, keyTable.text)],
    ['keyStart', bytes(keyTable.starts)],
    ['keySlots', bytes(keyTable.slots)],
    ['extends', new Uint8Array(extend)],
    ['entryStart', bytes(entryStart)],
    ['entries', bytes(entries)],
    ['rows', text(encoder, rows.join(''))],
    ['rowStart', bytes(rowStart)],
    ['population', bytes(population)],
    ['rowEntryCount', rowEntryCount],
    ['idSorted', bytes(new Uint32Array(ids.map((x) => x.id)))],
    ['idRow', bytes(new Uint32Array(ids.map((x) => x.row)))],
    ['regionRows', bytes(new Uint32Array(regionRows))],
    ['firstWords', firstWords],
    ['given', text(encoder, given.text)],
    ['givenStart', bytes(given.starts)],
    ['givenSlots', bytes(given.slots)],
  ];
  const placed: Record<string, [number, number]> = {};
  // offsets depend on the header's length, which depends on the offsets: place relative to the body, then shift
  let body = 0;
  for (const [name, b] of sections) {
    placed[name] = [body, b.byteLength];
    body = pad(body + b.byteLength);
  }
  const headerOf = (shift: number): Uint8Array => {
    const shifted = Object.fromEntries(Object.entries(placed).map(([k, [o, l]]) => [k, [o + shift, l] as [number, number]]));
    const header: Header = { format: FORMAT, attribution: data.attribution, countries: data.countries.map((c) => [...c]), maxWords: DEFAULT_MAX_WORDS, entryCount, sections: shifted };
    return encoder.encode(JSON.stringify(header));
  };
  let shift = pad(16 + headerOf(0).byteLength);
  let header = headerOf(shift);
  while (pad(16 + header.byteLength) !== shift) {
    shift = pad(16 + header.byteLength);
    header = headerOf(shift);
  }
  const out = new Uint8Array(shift + body);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, FORMAT, true);
  view.setUint32(8, header.byteLength, true);
  out.set(header, 16);
  for (const [name, b] of sections) out.set(b, shift + placed[name][0]);
  return out;
}

const pad = (n: number): number => Math.ceil(n / ALIGN) * ALIGN;
const bytes = (a: Uint32Array): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** UTF-8 of a string that decodes back to itself (the offsets in the file are offsets in the decoded string). */
function text(encoder: { encode(s: string): Uint8Array }, s: string): Uint8Array {
  const b = encoder.encode(s);
  if (new TextDecoder().decode(b) !== s) throw new Error('place index: a name is not valid Unicode');
  return b;
}

/** The compiled places, read-only, as `Gazetteer.addPlaceIndex` consults them. */
export class PlaceIndex {
  readonly attribution: string;
  /** [ISO alpha-2, name, alternative names…], as in the place table. */
  readonly countries: ReadonlyArray<readonly string[]>;
  readonly maxWords: number;
  readonly rowCount: number;
  /** Place entries (row << 2 | acronym << 1 | weak), grouped by key. */
  readonly entries: Uint32Array;
  readonly entryCount: number;
  readonly firstWords: Uint8Array;
  readonly regionRows: Uint32Array;
  /** The given names (lower case) the person rules know. */
  readonly givenNames: { has(name: string): boolean; readonly size: number };
  private readonly keys: StringTable;
  private readonly extendsFlags: Uint8Array;
  private readonly entryStarts: Uint32Array;
  private readonly rowStart: Uint32Array;
  private readonly populations: Uint32Array;
  private readonly rowEntryCounts: Uint8Array;
  private readonly idSorted: Uint32Array;
  private readonly idRow: Uint32Array;
  private readonly rowBytes: Uint8Array;
  private readonly decoder = new TextDecoder();

  private constructor(header: Header, section: (name: string) => Uint8Array) {
    const u32 = (name: string) => {
      const b = section(name);
      return new Uint32Array(b.buffer, b.byteOffset, b.byteLength >> 2);
    };
    const decoder = new TextDecoder();
    this.attribution = header.attribution;
    this.countries = header.countries;
    this.maxWords = header.maxWords;
    this.entryCount = header.entryCount;
    this.keys = { text: decoder.decode(section('keys')), starts: u32('keyStart'), slots: u32('keySlots') };
    this.extendsFlags = section('extends');
    this.entryStarts = u32('entryStart');
    this.entries = u32('entries');
    this.rowBytes = section('rows');
    this.rowStart = u32('rowStart');
    this.populations = u32('population');
    this.rowEntryCounts = section('rowEntryCount');
    this.idSorted = u32('idSorted');
    this.idRow = u32('idRow');
    this.regionRows = u32('regionRows');
    this.firstWords = section('firstWords');
    this.rowCount = this.populations.length;
    const given: StringTable = { text: decoder.decode(section('given')), starts: u32('givenStart'), slots: u32('givenSlots') };
    const count = given.starts.length - 1;
    this.givenNames = { has: (name: string) => count > 0 && findString(given, name) >= 0, size: count };
    const consistent =
      this.keys.starts.length === this.extendsFlags.length + 1 && this.entryStarts.length === this.keys.starts.length && this.entries.length === this.entryStarts[this.entryStarts.length - 1] &&
      this.rowStart.length === this.rowCount + 1 && this.rowStart[this.rowCount] === this.rowBytes.length && this.rowEntryCounts.length === this.rowCount && this.idSorted.length === this.rowCount && this.idRow.length === this.rowCount &&
      this.firstWords.length === FIRST_WORDS_BYTES && isPowerOfTwo(this.keys.slots.length) && isPowerOfTwo(given.slots.length);
    if (!consistent) throw new Error('place index: inconsistent tables');
  }

  /** Reads an index file (throws on a file that is not one, or of another format). */
  static read(file: Uint8Array): PlaceIndex {
    // typed arrays over the file need aligned offsets; a pooled buffer may not start on one
    const b = file.byteOffset % ALIGN === 0 ? file : file.slice();
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    if (b.byteLength < 16 || view.getUint32(0, true) !== MAGIC) throw new Error('place index: not a place index file');
    if (view.getUint32(4, true) !== FORMAT) throw new Error(`place index: format ${view.getUint32(4, true)}, expected ${FORMAT} (rebuild with npm run build)`);
    const length = view.getUint32(8, true);
    if (16 + length > b.byteLength) throw new Error('place index: truncated');
    const header = JSON.parse(new TextDecoder().decode(b.subarray(16, 16 + length))) as Header;
    const section = (name: string): Uint8Array => {
      const at = header.sections?.[name];
      if (!at || at[0] % ALIGN !== 0 || at[0] + at[1] > b.byteLength) throw new Error(`place index: section ${name} missing or out of bounds`);
      return b.subarray(at[0], at[0] + at[1]);
    };
    return new PlaceIndex(header, section);
  }

  /** The node of a match key (an alias key or a prefix of one), or -1. */
  node(key: string): number {
    return findString(this.keys, key);
  }

  extendsAt(node: number): boolean {
    return this.extendsFlags[node] === 1;
  }

  hasEntries(node: number): boolean {
    return this.entryStarts[node + 1] > this.entryStarts[node];
  }

  /** Where the entries of `node` start in `entries` (those of `node + 1` start where they end). */
  entryStart(node: number): number {
    return this.entryStarts[node];
  }

  population(row: number): number {
    return this.populations[row];
  }

  rowEntryCount(row: number): number {
    return this.rowEntryCounts[row];
  }

  rowId(row: number): string {
    return `geonames-${this.fields(row)[0]}`;
  }

  /** The row of an entity id (`geonames-<id>`), or -1. */
  rowOfId(id: string): number {
    if (!id.startsWith('geonames-')) return -1;
    const digits = id.slice(9);
    const n = Number(digits);
    if (!Number.isInteger(n) || n < 0 || String(n) !== digits) return -1;
    let lo = 0;
    let hi = this.idSorted.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.idSorted[mid];
      if (v === n) return this.idRow[mid];
      if (v < n) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** A fresh entity for a row, equal to what `placeEntities` makes of it. */
  rowEntity(row: number): Entity {
    const [geonameId, country, kind, population, lat, lon, name, ...aliases] = this.fields(row);
    const e: Entity = { id: `geonames-${geonameId}`, name, label: 'PLACE', kind: CODE_KIND[kind], aliases, country, geonameId: Number(geonameId), lat: Number(lat), lon: Number(lon), population: Number(population) };
    if (kind === 'C') e.capital = true;
    return e;
  }

  private fields(row: number): string[] {
    // one row's bytes, without its final line break
    return this.decoder.decode(this.rowBytes.subarray(this.rowStart[row], this.rowStart[row + 1] - 1)).split('\t');
  }
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}
