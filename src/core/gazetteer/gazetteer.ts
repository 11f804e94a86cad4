/**
 * The gazetteer: canonical entities with their spelling variants, matched against a text in one pass.
 *
 * Matching works on word tokens, not characters: every alias is stored under its folded word sequence
 * ("al qaim"), and every prefix of such a sequence is indexed too, so one left-to-right walk over the text's
 * tokens finds the leftmost-longest alias at each capitalised word with a few hash lookups. Whole-word
 * matching, folding (case, diacritics, apostrophes, hyphens), possessive "'s" and dotted acronyms come for free
 * from the tokenisation; the cost does not grow with the number of aliases.
 */
import type { Entity } from '../model';
import type { GazetteerHit, GazetteerMatcher } from '../detection/types';
import { ARTICLE_PARTICLES, foldWord } from '../text/fold';
import { InternTable } from '../text/internTable';
import { ASCII_CLASS, charClass, isNameApostrophe, isNameDash, LETTER, MARK, NUMBER } from '../text/charClasses';
import { demonymForm } from './demonyms';
import type { PlaceIndex } from './placeIndex';

/**
 * The key one word is matched under: the folded word, with the article written "el" or "al" alike and a
 * final "-ah" like "-a" (Baqubah/Baquba, Fallujah/Falluja, Raqqah/Raqqa): transliteration variants of one name.
 */
export function matchKey(word: string): string {
  const folded = foldWord(word);
  if (folded === 'el') return 'al';
  return folded.length > 4 && folded.endsWith('ah') ? folded.slice(0, -1) : folded;
}

/**
 * Match keys of the words met so far, interned: a repeated word is neither sliced nor folded again, and its key
 * is one string whose hash the alias maps compute once.
 */
interface MatchWord {
  readonly text: string;
  readonly key: string;
  /**
   * The key's look-ups as a name's first word (its node and place node) in the gazetteer state `stamp` numbers:
   * most words that open a name open many, and the look-ups are the same each time.
   */
  stamp: number;
  node: KeyNode | undefined;
  placeNode: number;
  /** The same for two-word keys opened by this word, by their second word (a few per word: names repeat). */
  pairs: Map<MatchWord, { key: string; node: KeyNode | undefined; placeNode: number }> | undefined;
}
/** Two-word look-ups kept per first word at most (a bound on what one word keeps alive). */
const MAX_PAIRS = 32;
let STAMPS = 0;
const MATCH_KEYS = new InternTable<MatchWord>((text) => ({ text, key: matchKey(text), stamp: 0, node: undefined, placeNode: -1, pairs: undefined }), 1 << 19);

/** Endings of demonyms, longest first. */
const DEMONYM_SUFFIXES = ['ians', 'ian', 'ans', 'an', 'ese', 'ish', 'is', 'i', 'ns', 'n', 's'];

/** Where an entity came from; earlier sources win when two entities share an alias. */
export type EntitySource = 'workspace' | 'builtin' | 'country' | 'place';

const SOURCE_RANK: Record<EntitySource, number> = { workspace: 0, builtin: 1, country: 2, place: 3 };

interface KeyNode {
  /** Aliases whose key is exactly this; undefined for a pure prefix. */
  entries?: AliasEntry[];
  /** Some longer alias starts with this key. */
  extends: boolean;
}

interface AliasEntry {
  readonly entity: Entity;
  readonly rank: number;
  /** For place entries: the place index row it stands for (its order among places of equal population). */
  readonly seq: number;
  /** All-caps acronyms ("ISIL", "RSF") only match all-caps text. */
  readonly acronym: boolean;
  /** Single-word GeoNames places are skipped where the word is also used in lower case in the text. */
  readonly weak: boolean;
}

export interface GazetteerOptions {
  /** Longest alias in words (longer aliases are ignored). */
  readonly maxWords?: number;
}

const isBlank = (c: number): boolean => c === 32 || c === 9 || c === 0xa0;

/**
 * What may stand between two words of one name: one or two spaces, a hyphen with at most a space either side,
 * or the dot of an acronym ("U.S.") after a single letter. Checked on char codes: this runs for every word pair.
 */
function joins(text: string, from: number, to: number, afterSingleLetter: boolean): boolean {
  const len = to - from;
  if (len === 1) {
    const c = text.charCodeAt(from);
    return isBlank(c) || isNameDash(c) || (c === 46 && afterSingleLetter);
  }
  if (len === 2) {
    const a = text.charCodeAt(from);
    const b = text.charCodeAt(from + 1);
    return (isBlank(a) && isBlank(b)) || (isBlank(a) && isNameDash(b)) || (isNameDash(a) && isBlank(b));
  }
  return len === 3 && isBlank(text.charCodeAt(from)) && isNameDash(text.charCodeAt(from + 1)) && isBlank(text.charCodeAt(from + 2));
}

/** The words of an alias as the matcher sees them: split by the same scanner as the text, so both agree. */
export function aliasWords(alias: string): string[] {
  const words = scanWords(alias);
  const out: string[] = [];
  for (let k = 0; k < words.count; k++) out.push(matchKey(alias.slice(words.starts[k], words.ends[k])));
  return out;
}

function isAcronym(alias: string): boolean {
  const letters = alias.replace(/[^\p{L}]/gu, '');
  const chars = alias.replace(/[^\p{L}\p{N}]/gu, '').length;
  return chars >= 2 && chars <= 8 && letters.length >= 1 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

/** One key an alias is indexed under: its words, whether it is an acronym, whether it is a weak (GeoNames single-word) name. */
export interface AliasKey {
  readonly words: readonly string[];
  readonly acronym: boolean;
  readonly weak: boolean;
}

/** The longest alias in words that the default gazetteer (and the compiled place index) indexes. */
export const DEFAULT_MAX_WORDS = 10;

/**
 * The keys an alias is indexed under (none for a lone article particle or initial). Shared by the gazetteer and
 * the place index compiled at build time, so both index every GeoNames spelling alike.
 */
export function aliasKeys(alias: string, fromPlaces: boolean, maxWords: number): AliasKey[] {
  const words = aliasWords(alias);
  if (words.length === 0 || words.length > maxWords) return [];
  // an article particle alone is not a name
  if (words.length === 1 && ARTICLE_PARTICLES.has(words[0])) return [];
  // single letters ("U" of "U.N.") are initials, not names
  if (words.length === 1 && words[0].length < 2) return [];
  const acronym = isAcronym(alias);
  const keys: AliasKey[] = [{ words, acronym, weak: fromPlaces && words.length === 1 }];
  // "Albukamal" for "Albu Kamal", "Alqaim" for "Al Qaim": short first words are often written joined
  if (words.length === 2 && words[0].length <= 4 && !acronym) keys.push({ words: [words.join('')], acronym: false, weak: fromPlaces });
  return keys;
}

export class Gazetteer implements GazetteerMatcher {
  /** Every alias key and every proper prefix of one, in one map: one lookup per word step while matching. */
  private readonly nodes = new Map<string, KeyNode>();
  private readonly byId = new Map<string, Entity>();
  /** Hashes of every alias's first word (a bit set): most capitalised words are ruled out without building their key. */
  private readonly firstWords = new Uint8Array(FIRST_WORDS_BYTES);
  private readonly maxWords: number;
  private aliasTotal = 0;
  /**
   * The GeoNames places as a compiled, read-only index (see placeIndex.ts), consulted beside `nodes` instead of
   * being copied into it: its entries are source 'place' entries, decoded into entities only when matched.
   */
  private places?: PlacesLayer;
  /**
   * A number no other gazetteer or state of this one has (from STAMPS), new whenever a key gets a node or the
   * place index comes: what a MatchWord remembers holds for one stamp.
   */
  private stamp = ++STAMPS;

  constructor(options: GazetteerOptions = {}) {
    this.maxWords = options.maxWords ?? DEFAULT_MAX_WORDS;
  }

  /** Builds a gazetteer from sources in priority order. */
  static from(sources: ReadonlyArray<{ source: EntitySource; entities: readonly Entity[] }>, options?: GazetteerOptions): Gazetteer {
    const g = new Gazetteer(options);
    for (const { source, entities } of sources) for (const e of entities) g.add(e, source);
    return g;
  }

  get size(): number {
    return this.byId.size + (this.places ? this.places.index.rowCount - this.places.inById : 0);
  }

  /** Number of distinct (alias, entity) pairs indexed. */
  get aliasCount(): number {
    return this.aliasTotal + (this.places?.entryCount ?? 0);
  }

  get(id: string): Entity | undefined {
    const own = this.byId.get(id);
    if (own || !this.places) return own;
    const row = this.places.index.rowOfId(id);
    return row < 0 ? undefined : this.placeEntity(row);
  }

  /**
   * Adds the GeoNames places of a compiled index, as if each of its entities were added now with source
   * 'place' (in the index's order): the same matches as `add` would give, without building them one by one.
   * A place whose id was added before (a workspace entry with that id) is indexed the ordinary way.
   */
  addPlaceIndex(index: PlaceIndex): void {
    if (this.places) throw new Error('a gazetteer takes one place index');
    if (index.maxWords !== this.maxWords) throw new Error(`the place index was compiled for ${index.maxWords}-word aliases, not ${this.maxWords}`);
    const layer: PlacesLayer = { index, decoded: new Array<Entity | undefined>(index.rowCount), rowOf: new Map(), skip: new Uint8Array(index.rowCount), inById: 0, entryCount: index.entryCount };
    orInto(this.firstWords, index.firstWords);
    const taken: number[] = [];
    for (const id of this.byId.keys()) {
      const row = index.rowOfId(id);
      if (row >= 0) taken.push(row);
    }
    this.places = layer;
    this.stamp = ++STAMPS;
    for (const row of taken.sort((a, b) => a - b)) {
      layer.skip[row] = 1;
      layer.inById++;
      layer.entryCount -= index.rowEntryCount(row);
      this.add(index.rowEntity(row), 'place', row);
    }
  }

  /** The entity of a place row, decoded once (the same object every time). */
  private placeEntity(row: number): Entity {
    const layer = this.places!;
    if (layer.skip[row] === 1) return this.byId.get(layer.index.rowId(row))!;
    let e = layer.decoded[row];
    if (!e) {
      e = layer.index.rowEntity(row);
      layer.decoded[row] = e;
      layer.rowOf.set(e, row);
    }
    return e;
  }

  /**
   * Whether a capitalised word is a demonym of a known country or region: a demonym ending (-i, -an, -ian, -ese,
   * -ish, -n) on a stem that starts a word of a country or region name ("Iraqi" → Iraq, "Afghan" → Afghanistan,
   * "Kurdish" → Kurdistan, "Emirati" → Emirates). "Taliban" or "Houthi" are not: they are names.
   */
  isDemonym(word: string): boolean {
    if (demonymForm(word) !== undefined) return true;
    if (!/^\p{Lu}\p{Ll}/u.test(word)) return false;
    this.demonymStems ??= this.buildStems();
    const folded = foldWord(word);
    for (const suffix of DEMONYM_SUFFIXES) {
      if (!folded.endsWith(suffix) || folded.length - suffix.length < 3) continue;
      const stem = folded.slice(0, -suffix.length);
      if (stem.length >= 4 && this.demonymStems.has(stem.slice(0, 12))) return true;
      // "Congol-ese" → Congo
      if (stem.length >= 5 && this.demonymStems.has(stem.slice(0, -1).slice(0, 12))) return true;
      // short stems: "Cub-an" → Cuba, "Mal-ian" → Mali, "Syri-an" → Syria
      if (['a', 'i', 'e', 'ia'].some((end) => this.demonymStems!.has((stem + end).slice(0, 12)))) return true;
    }
    return false;
  }

  private demonymStems?: Set<string>;

  private givenNames: { has(name: string): boolean; readonly size: number } = new Set<string>();

  /** Sets the given names (lower case) that `isGivenName` knows: a list, or the table of a place index. */
  setGivenNames(names: Iterable<string> | { has(name: string): boolean; readonly size: number }): void {
    this.givenNames = Symbol.iterator in names ? new Set(names as Iterable<string>) : names;
  }

  /** Whether a capitalised word is a known given name ("Anders", "Karim"); the text around it decides the rest. */
  isGivenName(word: string): boolean {
    return this.givenNames.size > 0 && this.givenNames.has(word.toLowerCase());
  }

  private buildStems(): Set<string> {
    const stems = new Set<string>();
    const regions: Entity[] = [...this.byId.values()];
    // of the places, only the few that are not populated places are regions
    if (this.places) for (const row of this.places.index.regionRows) if (this.places.skip[row] === 0 && !this.byId.has(this.places.index.rowId(row))) regions.push(this.placeEntity(row));
    for (const e of regions) {
      if (e.kind !== 'country' && e.kind !== 'region' && e.kind !== 'admin_area') continue;
      for (const name of [e.name, ...e.aliases]) {
        for (const w of name.split(/[\s-]+/)) {
          const f = foldWord(w);
          for (let n = 4; n <= Math.min(f.length, 12); n++) stems.add(f.slice(0, n));
        }
      }
    }
    return stems;
  }

  /** Every entity; `geoNames: false` leaves out the GeoNames places (tens of thousands, decoded one by one). */
  *entities(options: { geoNames?: boolean } = {}): IterableIterator<Entity> {
    yield* this.byId.values();
    const layer = this.places;
    if (!layer || options.geoNames === false) return;
    for (let row = 0; row < layer.index.rowCount; row++) {
      if (layer.skip[row] === 1) continue;
      const e = this.placeEntity(row);
      if (this.byId.get(e.id) !== e) yield e;
    }
  }

  /** Every entity one of whose spellings is `name` (same match key), best ranked first. */
  entitiesNamed(name: string): Entity[] {
    const key = aliasWords(name).join(' ');
    const out: Entity[] = [];
    this.forEachEntry(this.nodes.get(key)?.entries, this.places ? this.places.index.node(key) : -1, (_acronym, _weak, entry, row) => {
      out.push(entry ? entry.entity : this.placeEntity(row));
      return false;
    });
    return out;
  }

  /**
   * Adds an entity. An entity whose id is already present merges its aliases into the existing one
   * (a workspace file can add spellings to a built-in entity).
   */
  add(entity: Entity, source: EntitySource = 'workspace', placeRow?: number): void {
    let existing = this.byId.get(entity.id);
    if (!existing && this.places && placeRow === undefined) {
      // a later entity with a place's id adds spellings to that place
      const row = this.places.index.rowOfId(entity.id);
      if (row >= 0) {
        existing = this.placeEntity(row);
        this.byId.set(entity.id, existing);
        this.places.inById++;
      }
    }
    const target = existing ?? { ...entity, aliases: [...entity.aliases] };
    if (existing) {
      for (const a of [entity.name, ...entity.aliases]) if (a !== existing.name && !existing.aliases.includes(a)) existing.aliases.push(a);
      // a team may say which province a known place is in
      if (entity.admin1 && source === 'workspace') existing.admin1 = entity.admin1;
    } else {
      this.byId.set(entity.id, target);
    }
    const rank = SOURCE_RANK[source];
    // place entries added outside the index keep their place in its order: the row they stand for, or after it
    const seq = source !== 'place' ? 0 : placeRow ?? (this.places ? Number.MAX_SAFE_INTEGER : -1);
    for (const alias of [entity.name, ...entity.aliases]) this.index(alias, target, rank, source === 'place', seq);
  }

  private index(alias: string, entity: Entity, rank: number, fromPlaces: boolean, seq: number): void {
    for (const k of aliasKeys(alias, fromPlaces, this.maxWords)) this.indexKey(k.words, entity, rank, k.acronym, k.weak, seq);
  }

  private indexKey(words: readonly string[], entity: Entity, rank: number, acronym: boolean, weak: boolean, seq: number): void {
    const key = words.join(' ');
    markFirstWord(this.firstWords, words[0]);
    const node = this.node(key);
    const entry: AliasEntry = { entity, rank, acronym, weak, seq };
    if (node.entries?.some((e) => e.entity === entity && e.acronym === entry.acronym)) return;
    if (this.places && this.placeHas(key, entity, acronym)) return;
    if (node.entries) {
      node.entries.push(entry);
      node.entries.sort((a, b) => a.rank - b.rank || (b.entity.population ?? 0) - (a.entity.population ?? 0));
    } else {
      node.entries = [entry];
    }
    this.aliasTotal++;
    let prefix = words[0];
    for (let i = 1; i < words.length; i++) {
      this.node(prefix).extends = true;
      prefix += ' ' + words[i];
    }
  }

  /** Whether the place index already holds this spelling of this (decoded) place. */
  private placeHas(key: string, entity: Entity, acronym: boolean): boolean {
    const layer = this.places!;
    const row = layer.rowOf.get(entity);
    if (row === undefined || layer.skip[row] === 1) return false;
    const n = layer.index.node(key);
    if (n < 0) return false;
    const entries = layer.index.entries;
    for (let k = layer.index.entryStart(n), end = layer.index.entryStart(n + 1); k < end; k++) {
      if (entries[k] >>> 2 === row && ((entries[k] >>> 1) & 1) === (acronym ? 1 : 0)) return true;
    }
    return false;
  }

  private node(key: string): KeyNode {
    let node = this.nodes.get(key);
    if (!node) {
      node = { extends: false };
      this.nodes.set(key, node);
      this.stamp = ++STAMPS;
    }
    return node;
  }

  /**
   * Visits the entries of a key, best first: those of `nodes` ranked before places, then the places of both
   * (the index's, already in order, and any added one by one) by population, in the order they were added.
   * `visit` gets whether the entry is an acronym and weak, and the entry (`own`) or the place row it stands for;
   * returning true stops. (No closure per entry: this runs for every candidate name while matching.)
   */
  private forEachEntry(own: readonly AliasEntry[] | undefined, placeNode: number, visit: (acronym: boolean, weak: boolean, entry: AliasEntry | undefined, row: number) => boolean): void {
    let i = 0;
    if (own) {
      for (; i < own.length && own[i].rank < PLACE_RANK; i++) {
        const e = own[i];
        if (visit(e.acronym, e.weak, e, -1)) return;
      }
    }
    if (placeNode < 0) {
      for (; own && i < own.length; i++) {
        const e = own[i];
        if (visit(e.acronym, e.weak, e, -1)) return;
      }
      return;
    }
    const layer = this.places!;
    const { index } = layer;
    const entries = index.entries;
    const end = index.entryStart(placeNode + 1);
    for (let k = index.entryStart(placeNode); k < end || (own && i < own.length); ) {
      let takeOwn = own !== undefined && i < own.length;
      if (takeOwn && k < end) {
        const row = entries[k] >>> 2;
        const ownPopulation = own![i].entity.population ?? 0;
        const population = index.population(row);
        takeOwn = ownPopulation > population || (ownPopulation === population && own![i].seq < row);
      }
      if (takeOwn) {
        const e = own![i++];
        if (visit(e.acronym, e.weak, e, -1)) return;
        continue;
      }
      const value = entries[k++];
      const row = value >>> 2;
      if (layer.skip[row] === 1) continue;
      if (visit((value & 2) !== 0, (value & 1) !== 0, undefined, row)) return;
    }
  }

  /** Leftmost-longest, whole-word, non-overlapping alias matches; UTF-16 offsets. */
  match(text: string): GazetteerHit[] {
    const words = scanWords(text);
    const count = words.count;
    const matchWords: Array<MatchWord | undefined> = new Array(count);
    MATCH_KEYS.trim();
    const wordAt = (k: number): MatchWord => (matchWords[k] ??= MATCH_KEYS.get(text, words.starts[k], words.ends[k]));
    const keyOf = (k: number): string => wordAt(k).key;
    const places = this.places?.index;
    const hits: GazetteerHit[] = [];
    // single-word GeoNames hits wait for one check at the end: is the word also written in lower case here?
    const weakHits: number[] = [];
    for (let i = 0; i < count; i++) {
      const upper = words.upper[i] === 1;
      if (!upper) {
        // only an article particle ("al-Qaim") may open a name in lower case
        const len = words.ends[i] - words.starts[i];
        const c = text.charCodeAt(words.starts[i]);
        if (len > 3 || len < 2 || (c !== 97 && c !== 101) || !ARTICLE_PARTICLES.has(keyOf(i))) continue;
      }
      if (!mayStartName(this.firstWords, text, words.starts[i], words.ends[i])) continue;
      const first = wordAt(i);
      let key = first.key;
      if (first.stamp !== this.stamp) {
        first.stamp = this.stamp;
        first.node = this.nodes.get(key);
        first.placeNode = places ? places.node(key) : -1;
        first.pairs = undefined;
      }
      let node = first.node;
      let placeNode = first.placeNode;
      if (!node && placeNode < 0) continue;
      let last = -1;
      let bestEntity: Entity | undefined;
      let bestWeak = false;
      for (let j = i; ; ) {
        if (words.upper[j] === 1 && (node?.entries || (placeNode >= 0 && places!.hasEntries(placeNode))) && this.pick(node?.entries, placeNode, text, words, i, j)) {
          last = j;
          bestEntity = this.picked;
          bestWeak = this.pickedWeak;
        }
        const extend = node?.extends === true || (placeNode >= 0 && places!.extendsAt(placeNode));
        if (!extend || j + 1 >= count || j - i + 1 >= this.maxWords) break;
        const lastEnd = words.ends[j];
        // a dot joins only the letters of an acronym ("U.S."), never two sentences
        if (!joins(text, lastEnd, words.starts[j + 1], lastEnd - words.starts[j] === 1)) break;
        j++;
        if (j === i + 1) {
          const second = wordAt(j);
          let look = first.pairs?.get(second);
          if (!look) {
            const pair = key + ' ' + second.key;
            look = { key: pair, node: this.nodes.get(pair), placeNode: places ? places.node(pair) : -1 };
            first.pairs ??= new Map();
            if (first.pairs.size < MAX_PAIRS) first.pairs.set(second, look);
          }
          key = look.key;
          node = look.node;
          placeNode = look.placeNode;
        } else {
          key += ' ' + keyOf(j);
          node = this.nodes.get(key);
          placeNode = places ? places.node(key) : -1;
        }
        if (!node && placeNode < 0) break;
      }
      if (last < 0) continue;
      const start = words.starts[i];
      let end = words.ends[last];
      // keep the final dot of a dotted acronym ("U.S."), which the words leave out
      if (text[end] === '.' && last > i && end - words.starts[last] === 1 && text[words.starts[last] - 1] === '.') end++;
      if (bestWeak && last === i && COMMON_WORD_PLACES.has(keyOf(i)) && !afterLocative(text, words, i)) continue;
      if (bestWeak) weakHits.push(hits.length);
      hits.push({ start, end, entity: bestEntity! });
      i = last;
    }
    return weakHits.length === 0 ? hits : dropCommonWords(text, words, hits, weakHits);
  }

  /** What the last successful `pick` chose (kept on the instance: no object per candidate name). */
  private picked?: Entity;
  private pickedWeak = false;

  /** The best entry of a key that the text admits here, into `picked`; false when none does. */
  private pick(own: readonly AliasEntry[] | undefined, placeNode: number, text: string, words: Words, i: number, j: number): boolean {
    let allCaps = true;
    for (let k = i; k <= j && allCaps; k++) allCaps = allCapsAt(text, words.starts[k], words.ends[k]);
    if (placeNode < 0) {
      for (const e of own!) {
        if (!admits(e.acronym, e.weak, allCaps, text, words, i, j)) continue;
        this.picked = e.entity;
        this.pickedWeak = e.weak;
        return true;
      }
      return false;
    }
    let found = false;
    this.forEachEntry(own, placeNode, (acronym, weak, entry, row) => {
      if (!admits(acronym, weak, allCaps, text, words, i, j)) return false;
      this.picked = entry ? entry.entity : this.placeEntity(row);
      this.pickedWeak = weak;
      found = true;
      return true;
    });
    return found;
  }
}

/** Whether an entry may match words i..j here. */
function admits(acronym: boolean, weak: boolean, allCaps: boolean, text: string, words: Words, i: number, j: number): boolean {
  if (acronym && !allCaps) return false;
  // "UN", "AU" in capitals are acronyms, not the villages "Un" or "Au"
  if (!acronym && allCaps && j === i && words.ends[i] - words.starts[i] <= 3) return false;
  // "Ansar Allah", "Jaish Kamal": a village name right after another capitalised word is part of an unknown name
  if (weak && continuesName(text, words, i)) return false;
  // "Hassan Sheikh Mohamud": a village name followed by more capitalised words opens an unknown name
  if (weak && opensName(text, words, i)) return false;
  return true;
}

const PLACE_RANK = SOURCE_RANK.place;

/** The place index inside one gazetteer: the decoded places, and the rows the gazetteer indexes itself. */
interface PlacesLayer {
  readonly index: PlaceIndex;
  readonly decoded: Array<Entity | undefined>;
  readonly rowOf: Map<Entity, number>;
  /** 1: the row's id was added before the index, so the row was indexed through `add` and its entries here are skipped. */
  readonly skip: Uint8Array;
  /** Rows whose entity is in `byId` (skipped, or given more spellings by a later `add`). */
  inById: number;
  entryCount: number;
}

/** target |= bits, four bytes at a time (both are FIRST_WORDS_BYTES long, a multiple of 4). */
function orInto(target: Uint8Array, bits: Uint8Array): void {
  const words = target.length >> 2;
  const t = new Uint32Array(target.buffer, target.byteOffset, words);
  const b = bits.byteOffset % 4 === 0 ? new Uint32Array(bits.buffer, bits.byteOffset, words) : new Uint32Array(bits.slice().buffer, 0, words);
  for (let k = 0; k < words; k++) t[k] |= b[k];
}

function isAllCaps(word: string): boolean {
  return word === word.toUpperCase() && word !== word.toLowerCase();
}

/** isAllCaps of text[start, end) without a slice when it is ASCII: no a-z, at least one A-Z. */
function allCapsAt(text: string, start: number, end: number): boolean {
  let upper = false;
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c >= 128) return isAllCaps(text.slice(start, end));
    if (c >= 97 && c <= 122) return false;
    if (c >= 65 && c <= 90) upper = true;
  }
  return upper;
}

/**
 * A filter on first words by a hash of their key, computed straight from the text's char codes for ASCII words
 * (lower case, apostrophes dropped, final "-ah" as "-a", "el" as "al": what matchKey does), kept as a bit set
 * (the place index ships its own, OR-ed in). Other words always pass. False positives only cost a lookup; there
 * are no false negatives.
 */
const FIRST_WORDS_BITS = 1 << 20;
export const FIRST_WORDS_BYTES = FIRST_WORDS_BITS >> 3;
const EL_HASH = (Math.imul(101, 31) + 108) | 0;
const AL_HASH = (Math.imul(97, 31) + 108) | 0;

function firstWordHash(key: string): number {
  let h = 0;
  for (let k = 0; k < key.length; k++) h = (Math.imul(h, 31) + key.charCodeAt(k)) | 0;
  return h & (FIRST_WORDS_BITS - 1);
}

/** Marks the first word (a match key) of an alias in a first-word bit set. */
export function markFirstWord(bits: Uint8Array, key: string): void {
  const h = firstWordHash(key);
  bits[h >>> 3] |= 1 << (h & 7);
}

function mayStartName(bits: Uint8Array, text: string, start: number, end: number): boolean {
  let h = 0;
  let beforeLast = 0;
  let len = 0;
  let last = 0;
  for (let k = start; k < end; k++) {
    let c = text.charCodeAt(k);
    if (c >= 128) return true;
    if (c === 39) continue;
    if (c >= 65 && c <= 90) c += 32;
    beforeLast = h;
    h = (Math.imul(h, 31) + c) | 0;
    last = c;
    len++;
  }
  // "-ah" folds to "-a": the key's hash is the hash before the final "h"
  if (len > 4 && last === 104 && text.charCodeAt(end - 2) !== 39 && (text.charCodeAt(end - 2) | 32) === 97) h = beforeLast;
  else if (len === 2 && h === EL_HASH) h = AL_HASH;
  h &= FIRST_WORDS_BITS - 1;
  return (bits[h >>> 3] & (1 << (h & 7))) !== 0;
}

/** Capitalised words that may stand before a place name without being part of one. */
const PLACE_QUALIFIERS = new Set(['north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'central', 'northeast', 'northwest', 'southeast', 'southwest', 'northeastern', 'northwestern', 'southeastern', 'southwestern', 'upper', 'lower', 'greater', 'old', 'new', 'downtown', 'outer', 'inner', 'rural', 'mount', 'lake', 'port', 'fort', 'in', 'at', 'near', 'from', 'to', 'the', 'and', 'of', 'on', 'by', 'for', 'with', 'into', 'across']);

/**
 * Whether word `i` directly continues a capitalised name: the word before it (same line, one space) is
 * capitalised and is not a direction, a place-type word, a demonym or the first word of a sentence.
 */
function continuesName(text: string, words: Words, i: number): boolean {
  if (i === 0 || words.upper[i - 1] !== 1) return false;
  const prevEnd = words.ends[i - 1];
  if (words.starts[i] - prevEnd !== 1 || text.charCodeAt(prevEnd) !== 32) return false;
  const prev = text.slice(words.starts[i - 1], prevEnd);
  if (PLACE_QUALIFIERS.has(prev.toLowerCase()) || /(?:i|an|ese|ish)$/.test(prev) || isAllCaps(prev)) return false;
  // a sentence's first word is capitalised anyway
  const before = text.slice(Math.max(0, words.starts[i - 1] - 3), words.starts[i - 1]);
  return !(words.starts[i - 1] === 0 || /[.!?:"“\n]\s*$/.test(before));
}

/** Capitalised words after a place name that keep it a place ("Kunduz Province", "Goma Airport"). */
const PLACE_HEADS = new Set(['province', 'city', 'district', 'region', 'state', 'county', 'governorate', 'oblast', 'airport', 'airbase', 'base', 'camp', 'river', 'valley', 'mountains', 'mountain', 'lake', 'port', 'bay', 'gulf', 'sea', 'island', 'islands', 'territory', 'municipality', 'prefecture', 'square', 'street', 'road', 'bridge', 'dam', 'crossing', 'hospital', 'university', 'stadium', 'market', 'prison', 'mosque', 'church', 'refinery', 'plain', 'plains', 'desert', 'heights', 'highway', 'zone', 'area']);

/** Whether word `i` is followed (one space, same line) by a capitalised word that is not a place head or a function word. */
function opensName(text: string, words: Words, i: number): boolean {
  if (i + 1 >= words.count || words.upper[i + 1] !== 1) return false;
  const end = words.ends[i];
  if (words.starts[i + 1] - end !== 1 || text.charCodeAt(end) !== 32) return false;
  const next = text.slice(words.starts[i + 1], words.ends[i + 1]);
  return !PLACE_HEADS.has(next.toLowerCase()) && !PLACE_QUALIFIERS.has(next.toLowerCase()) && !isAllCaps(next);
}

/**
 * English words that are also the single-word names of GeoNames places ("Police" in Poland, "Federal" in
 * Argentina, "Media" in the US): written capitalised at a sentence's start or in a name ("Police said",
 * "Federal forces", "Media reports") they are the word, and the text need not write them in lower case too.
 * Only "in Police" (a locative preposition right before) keeps the place. Cities better known than the word
 * (Mobile, Nice, Reading, Split) are left to dropCommonWords.
 */
const COMMON_WORD_PLACES = new Set(`alliance along bar battle bay best central city commerce date deal eagle enterprise federal forest gap goes
  golden grave gray green hard hope independence justice liberty long made man marks media mission most much none
  officer page paradise police post price progress real republic sale salt same say send side spring stone street
  summit superior temple union valley welcome wells worth young`.split(/\s+/));

const LOCATIVES = new Set(['in', 'at', 'near', 'outside', 'from', 'to', 'into', 'around', 'of']);

/** Whether word i follows a locative preposition ("in Nice"), with only spaces between. */
function afterLocative(text: string, words: Words, i: number): boolean {
  if (i === 0 || !/^[ \u00a0]+$/.test(text.slice(words.ends[i - 1], words.starts[i]))) return false;
  return LOCATIVES.has(text.slice(words.starts[i - 1], words.ends[i - 1]).toLowerCase());
}

/** First characters (ASCII) of the weak hits of the text being matched; cleared after each use. */
const ASCII_FIRSTS = new Uint8Array(128);

/**
 * "Mobile", "Police", "Deal": a GeoNames place name that the text also writes in lower case is a common word
 * here, so those hits go. One pass over the lower-case words, slicing only those as long as a candidate and
 * starting with the same letter. (Entries are sorted by source, so a weak pick had no stronger alternative.)
 */
function dropCommonWords(text: string, words: Words, hits: GazetteerHit[], weakHits: readonly number[]): GazetteerHit[] {
  const candidates = new Set<string>();
  // lengths and first characters as flags by number (a Set look-up per word of the text cost more than the rest)
  const lowers = weakHits.map((h) => text.slice(hits[h].start, hits[h].end).toLowerCase());
  let longest = 0;
  for (const lower of lowers) longest = Math.max(longest, lower.length);
  const lengths = new Uint8Array(longest + 1);
  const firsts = new Set<number>();
  for (const lower of lowers) {
    candidates.add(lower);
    lengths[lower.length] = 1;
    const first = lower.charCodeAt(0);
    if (first < 128) ASCII_FIRSTS[first] = 1;
    else firsts.add(first);
  }
  const used = new Set<string>();
  const { starts, ends, upper, count } = words;
  for (let k = 0; k < count; k++) {
    if (upper[k] === 1 || lengths[ends[k] - starts[k]] !== 1) continue;
    const first = text.charCodeAt(starts[k]);
    if (first < 128 ? ASCII_FIRSTS[first] !== 1 : !firsts.has(first)) continue;
    const w = text.slice(starts[k], ends[k]);
    if (candidates.has(w)) used.add(w);
  }
  ASCII_FIRSTS.fill(0);
  if (used.size === 0) return hits;
  const drop = new Set(weakHits.filter((h) => used.has(text.slice(hits[h].start, hits[h].end).toLowerCase())));
  return hits.filter((_, n) => !drop.has(n));
}

interface Words {
  starts: Int32Array;
  ends: Int32Array;
  count: number;
  /** 1 when the word starts with an upper-case letter */
  upper: Uint8Array;
}

/** ASCII letters and digits. */
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = (ASCII_CLASS[c] & (LETTER | MARK | NUMBER)) !== 0 ? 1 : 0;

/** Letters, marks and digits; astral characters (emoji) are not word characters. */
function isWordChar(c: number): boolean {
  if (c < 128) return ASCII_WORD[c] === 1;
  if (!(c <= 0xffff) || (c >= 0xd800 && c <= 0xdfff)) return false; // NaN past the end; surrogates: emoji
  return (charClass(c) & (LETTER | MARK | NUMBER)) !== 0;
}

function isUpperStart(c: number): boolean {
  if (c < 128) return c >= 65 && c <= 90;
  const ch = String.fromCharCode(c);
  return ch !== ch.toLowerCase();
}

/**
 * Word boundaries in one pass over char codes, into typed arrays (plain arrays of 100k+ numbers cost three
 * times as much here). A possessive 's is left out of the word.
 */
function scanWords(text: string): Words {
  const n = text.length;
  let capacity = Math.max(16, n >> 3);
  let starts: Int32Array = new Int32Array(capacity);
  let ends: Int32Array = new Int32Array(capacity);
  let upper: Uint8Array = new Uint8Array(capacity);
  let count = 0;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (!(c < 128 ? ASCII_WORD[c] === 1 : isWordChar(c))) {
      i++;
      continue;
    }
    const start = i;
    const up = c < 128 ? c >= 65 && c <= 90 : isUpperStart(c);
    i++;
    while (i < n) {
      c = text.charCodeAt(i);
      if (c < 128 ? ASCII_WORD[c] === 1 : isWordChar(c)) {
        i++;
        continue;
      }
      // inner apostrophes belong to the word ("Da'ish", "Qa’im")
      if (isNameApostrophe(c) && i + 1 < n) {
        const d = text.charCodeAt(i + 1);
        if (d < 128 ? ASCII_WORD[d] === 1 : isWordChar(d)) {
          i += 2;
          continue;
        }
      }
      break;
    }
    let end = i;
    const last = text.charCodeAt(end - 1);
    if ((last === 115 || last === 83) && end - start > 2 && isNameApostrophe(text.charCodeAt(end - 2))) end -= 2;
    if (count === capacity) {
      capacity *= 2;
      starts = grow(starts, capacity);
      ends = grow(ends, capacity);
      const u = new Uint8Array(capacity);
      u.set(upper);
      upper = u;
    }
    starts[count] = start;
    ends[count] = end;
    upper[count++] = up ? 1 : 0;
  }
  return { starts, ends, upper, count };
}

function grow(a: Int32Array, capacity: number): Int32Array {
  const b = new Int32Array(capacity);
  b.set(a);
  return b;
}
