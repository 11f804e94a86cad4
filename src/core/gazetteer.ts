/**
 * The gazetteer: canonical entities with their spelling variants, matched against a text in one pass.
 *
 * Matching works on word tokens, not characters: every alias is stored under its folded word sequence
 * ("al qaim"), and every prefix of such a sequence is indexed too, so one left-to-right walk over the text's
 * tokens finds the leftmost-longest alias at each capitalised word with a few hash lookups. Whole-word
 * matching, folding (case, diacritics, apostrophes, hyphens), possessive "'s" and dotted acronyms come for free
 * from the tokenisation; the cost does not grow with the number of aliases.
 */
import type { Entity } from './model';
import type { GazetteerHit, GazetteerMatcher } from './detect';
import { ARTICLE_PARTICLES, foldWord } from './fold';

/**
 * The key one word is matched under: the folded word, with the article written "el" or "al" alike and a
 * final "-ah" like "-a" (Baqubah/Baquba, Fallujah/Falluja, Raqqah/Raqqa): transliteration variants of one name.
 */
export function matchKey(word: string): string {
  const folded = foldWord(word);
  if (folded === 'el') return 'al';
  return folded.length > 4 && folded.endsWith('ah') ? folded.slice(0, -1) : folded;
}

/** Where an entity came from; earlier sources win when two entities share an alias. */
export type EntitySource = 'workspace' | 'builtin' | 'country' | 'place';

const SOURCE_RANK: Record<EntitySource, number> = { workspace: 0, builtin: 1, country: 2, place: 3 };

interface AliasEntry {
  readonly entity: Entity;
  readonly rank: number;
  /** All-caps acronyms ("ISIL", "RSF") only match all-caps text. */
  readonly acronym: boolean;
  /** Single-word GeoNames places are skipped where the word is also used in lower case in the text. */
  readonly weak: boolean;
}

export interface GazetteerOptions {
  /** Longest alias in words (longer aliases are ignored). */
  readonly maxWords?: number;
}

// Words, with inner apostrophes ("Da'ish", "Qa'im"); hyphens, dots and spaces separate words.
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’ʿʾ][\p{L}\p{M}\p{N}]+)*/gu;
/** What may stand between two words of one name: spaces, a hyphen, or the dot of an acronym ("U.S."). */
const JOINER = /^(?:[ \t\u00a0]{1,2}|[ \t\u00a0]?[-‐–][ \t\u00a0]?|\.)$/u;

interface TextToken {
  start: number;
  end: number;
  key: string;
  upperFirst: boolean;
  allCaps: boolean;
}

/** The words of an alias as the matcher sees them. */
export function aliasWords(alias: string): string[] {
  return [...alias.matchAll(WORD)].map((m) => matchKey(stripPossessive(m[0])));
}

function stripPossessive(word: string): string {
  return /['’]s$/u.test(word) && word.length > 2 ? word.slice(0, -2) : word;
}

function isAcronym(alias: string): boolean {
  const letters = alias.replace(/[^\p{L}]/gu, '');
  const chars = alias.replace(/[^\p{L}\p{N}]/gu, '').length;
  return chars >= 2 && chars <= 8 && letters.length >= 1 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

export class Gazetteer implements GazetteerMatcher {
  private readonly entries = new Map<string, AliasEntry[]>();
  /** Every proper prefix of an alias key, so the walk knows when to keep extending. */
  private readonly prefixes = new Set<string>();
  private readonly byId = new Map<string, Entity>();
  private readonly maxWords: number;
  private aliasTotal = 0;

  constructor(options: GazetteerOptions = {}) {
    this.maxWords = options.maxWords ?? 10;
  }

  /** Builds a gazetteer from sources in priority order. */
  static from(sources: ReadonlyArray<{ source: EntitySource; entities: readonly Entity[] }>, options?: GazetteerOptions): Gazetteer {
    const g = new Gazetteer(options);
    for (const { source, entities } of sources) for (const e of entities) g.add(e, source);
    return g;
  }

  get size(): number {
    return this.byId.size;
  }

  /** Number of distinct (alias, entity) pairs indexed. */
  get aliasCount(): number {
    return this.aliasTotal;
  }

  get(id: string): Entity | undefined {
    return this.byId.get(id);
  }

  entities(): IterableIterator<Entity> {
    return this.byId.values();
  }

  /**
   * Adds an entity. An entity whose id is already present merges its aliases into the existing one
   * (a workspace file can add spellings to a built-in entity).
   */
  add(entity: Entity, source: EntitySource = 'workspace'): void {
    const existing = this.byId.get(entity.id);
    const target = existing ?? { ...entity, aliases: [...entity.aliases] };
    if (existing) {
      for (const a of [entity.name, ...entity.aliases]) if (a !== existing.name && !existing.aliases.includes(a)) existing.aliases.push(a);
    } else {
      this.byId.set(entity.id, target);
    }
    const rank = SOURCE_RANK[source];
    for (const alias of [entity.name, ...entity.aliases]) this.index(alias, target, rank, source === 'place');
  }

  private index(alias: string, entity: Entity, rank: number, fromPlaces: boolean): void {
    const words = aliasWords(alias);
    if (words.length === 0 || words.length > this.maxWords) return;
    // an article particle alone is not a name
    if (words.length === 1 && ARTICLE_PARTICLES.has(words[0])) return;
    // single letters ("U" of "U.N.") are initials, not names
    if (words.length === 1 && words[0].length < 2) return;
    this.indexKey(words, entity, rank, isAcronym(alias), fromPlaces && words.length === 1);
    // "Albukamal" for "Albu Kamal", "Alqaim" for "Al Qaim": short first words are often written joined
    if (words.length === 2 && words[0].length <= 4 && !isAcronym(alias)) this.indexKey([words.join('')], entity, rank, false, fromPlaces);
  }

  private indexKey(words: readonly string[], entity: Entity, rank: number, acronym: boolean, weak: boolean): void {
    const key = words.join(' ');
    const list = this.entries.get(key);
    const entry: AliasEntry = { entity, rank, acronym, weak };
    if (list) {
      if (list.some((e) => e.entity === entity && e.acronym === entry.acronym)) return;
      list.push(entry);
      list.sort((a, b) => a.rank - b.rank || (b.entity.population ?? 0) - (a.entity.population ?? 0));
    } else {
      this.entries.set(key, [entry]);
    }
    this.aliasTotal++;
    let prefix = words[0];
    for (let i = 1; i < words.length; i++) {
      this.prefixes.add(prefix);
      prefix += ' ' + words[i];
    }
  }

  /** Leftmost-longest, whole-word, non-overlapping alias matches; UTF-16 offsets. */
  match(text: string): GazetteerHit[] {
    const tokens = tokenizeForMatch(text);
    const lowerWords = new Set<string>();
    for (const t of tokens) if (!t.upperFirst) lowerWords.add(t.key);
    const hits: GazetteerHit[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const first = tokens[i];
      const particle = !first.upperFirst && ARTICLE_PARTICLES.has(first.key);
      if (!first.upperFirst && !particle) continue;
      let key = first.key;
      let best: { end: number; entry: AliasEntry; last: number } | undefined;
      for (let j = i; ; ) {
        const found = this.entries.get(key);
        const last = tokens[j];
        if (found && last.upperFirst) {
          const entry = this.pick(found, tokens, i, j, lowerWords);
          if (entry) best = { end: last.end, entry, last: j };
        }
        if (j + 1 >= tokens.length || j - i + 1 >= this.maxWords || !this.prefixes.has(key)) break;
        const next = tokens[j + 1];
        const gap = text.slice(last.end, next.start);
        // a dot joins only the letters of an acronym ("U.S."), never two sentences
        if (!JOINER.test(gap) || (gap === '.' && last.end - last.start !== 1)) break;
        j++;
        key += ' ' + next.key;
      }
      if (!best) continue;
      let end = best.end;
      // keep the final dot of a dotted acronym ("U.S."), which the tokens leave out
      if (text[end] === '.' && best.last > i && text[tokens[best.last].start - 1] === '.' && tokens[best.last].end - tokens[best.last].start === 1) end++;
      hits.push({ start: first.start, end, entity: best.entry.entity, alias: text.slice(first.start, end) });
      i = best.last;
    }
    return hits;
  }

  private pick(found: readonly AliasEntry[], tokens: readonly TextToken[], i: number, j: number, lowerWords: ReadonlySet<string>): AliasEntry | undefined {
    let allCaps = true;
    for (let k = i; k <= j; k++) if (!tokens[k].allCaps) allCaps = false;
    for (const e of found) {
      if (e.acronym && !allCaps) continue;
      // "UN", "AU" in capitals are acronyms, not the villages "Un" or "Au"
      if (!e.acronym && allCaps && j === i && tokens[i].end - tokens[i].start <= 3) continue;
      // "Mobile", "Police", "Deal": a place name also written in lower case in this text is a common word here
      if (e.weak && lowerWords.has(tokens[i].key)) continue;
      return e;
    }
    return undefined;
  }
}

function tokenizeForMatch(text: string): TextToken[] {
  const tokens: TextToken[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    let word = m[0];
    const stripped = stripPossessive(word);
    const end = m.index + stripped.length;
    word = stripped;
    const c = word.charCodeAt(0);
    const upperFirst = c >= 65 && c <= 90 ? true : c < 128 ? false : word[0] !== word[0].toLowerCase();
    const letters = word.replace(/[^\p{L}]/gu, '');
    const allCaps = letters.length > 0 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
    tokens.push({ start: m.index, end, key: matchKey(word), upperFirst, allCaps });
  }
  return tokens;
}
