/**
 * The state every rule reads: the tokens, their sentences, which tokens the gazetteer already covers, and the
 * capitalised sequences (computed once, on first use). Also the token helpers the rules share and the way a
 * rule adds a mention (`addRuleMention`, with the PRIORITY that settles overlaps).
 */
import { firstTokenFrom, type Token } from './tokenize';
import type { GazetteerMatcher, MentionCandidate } from './types';
import { generatedEntityId } from './generatedEntityId';
import { W_ORG_HEAD, wordFlags } from './wordFlags';
import { demonymForm } from '../gazetteer/demonyms';

export interface RuleContext {
  readonly text: string;
  /** Demonym test: the gazetteer's country knowledge when it has it, else the word's ending. */
  readonly isDemonym: (word: string) => boolean;
  /** Given-name test ("Anders", "Karim"): the gazetteer's name list, or nothing when it has none. */
  readonly isGivenName: (word: string) => boolean;
  readonly tokens: Token[];
  /** token index → 1 for the first token of a sentence */
  readonly sentenceStarts: Uint8Array;
  /** ACTOR gazetteer coverage: token index → true */
  readonly actorToken: Uint8Array;
  readonly placeToken: Uint8Array;
  readonly countryToken: Uint8Array;
  /** start * (text length + 1) + end of every gazetteer place hit (numbers: no key string per hit) */
  readonly placeSpans: Set<number>;
  /** capitalised sequences, computed once */
  readonly sequences: Array<[number, number]>;
  /** the capitalised sequences split at "and" (`splitAtAnd`), in order, computed once for the rules that read them */
  readonly sequenceParts: Array<[number, number]>;
}

export const PRIORITY = { gazetteer: 5, title: 6, strong: 4, pattern: 3, weak: 2, guess: 1 } as const;

// Unicode-class patterns live at module level: bundled for Node they would otherwise be rebuilt per call.
export const DEMONYM_LIKE = /^\p{Lu}[\p{L}’'-]*(?:i|an|ian|ese|ish|ite|ist|ic)$/u;

/**
 * The context for one text, with empty gazetteer coverage (filled in by the gazetteer step). Sets each
 * token's `sentence` index, which attribution detection reads too.
 */
export function createRuleContext(text: string, tokens: Token[], sentences: ReadonlyArray<{ start: number; end: number }>, gazetteer: GazetteerMatcher): RuleContext {
  const sentenceStarts = new Uint8Array(tokens.length);
  let s = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    while (s < sentences.length && sentences[s].end <= t.start) s++;
    t.sentence = s;
    if (s < sentences.length && (i === 0 || tokens[i - 1].sentence !== s)) sentenceStarts[i] = 1;
  }
  return {
    text,
    ...wordTests(gazetteer),
    tokens,
    sentenceStarts,
    actorToken: new Uint8Array(tokens.length),
    placeToken: new Uint8Array(tokens.length),
    countryToken: new Uint8Array(tokens.length),
    placeSpans: new Set<number>(),
    sequences: [],
    sequenceParts: [],
  };
}

/** Cached answers per gazetteer: the same words recur across documents, the tests cost a lowering and lookups. */
const wordTestCache = new WeakMap<GazetteerMatcher, { demonym: Map<string, boolean>; given: Map<string, boolean> }>();
const MAX_CACHED_WORDS = 1 << 18;

function cached(map: Map<string, boolean>, test: (w: string) => boolean): (w: string) => boolean {
  return (w) => {
    let v = map.get(w);
    if (v === undefined) {
      if (map.size > MAX_CACHED_WORDS) map.clear();
      v = test(w);
      map.set(w, v);
    }
    return v;
  };
}

function wordTests(gazetteer: GazetteerMatcher): Pick<RuleContext, 'isDemonym' | 'isGivenName'> {
  let cache = wordTestCache.get(gazetteer);
  if (!cache) wordTestCache.set(gazetteer, (cache = { demonym: new Map(), given: new Map() }));
  const demonym = gazetteer.isDemonym ? (w: string) => gazetteer.isDemonym!(w) || /(?:ist|ite|ic)s?$/.test(w) : (w: string) => demonymForm(w) !== undefined || DEMONYM_LIKE.test(w);
  const given = gazetteer.isGivenName ? (w: string) => gazetteer.isGivenName!(w) : () => false;
  return { isDemonym: cached(cache.demonym, demonym), isGivenName: cached(cache.given, given) };
}

/** Some token in a..b has the word flag `flag`. */
export function anyWordFlag(ctx: RuleContext, a: number, b: number, flag: number): boolean {
  for (let k = a; k <= b; k++) if ((wordFlags(ctx.tokens[k]) & flag) !== 0) return true;
  return false;
}

export function anyActorToken(ctx: RuleContext, a: number, b: number): boolean {
  for (let k = a; k <= b; k++) if (ctx.actorToken[k]) return true;
  return false;
}

export function hasOrgHead(ctx: RuleContext, a: number, b: number): boolean {
  return anyWordFlag(ctx, a, b, W_ORG_HEAD);
}

/** A gazetteer place covers exactly tokens a..b ("Saudi Arabia"), so they are not a person's name. */
export function exactPlaceHit(ctx: RuleContext, a: number, b: number): boolean {
  return ctx.placeSpans.has(ctx.tokens[a].start * (ctx.text.length + 1) + ctx.tokens[b].end);
}

/** The characters between tokens a and b are exactly the one character `c` (no substring made). */
export function gap1(text: string, a: Token, b: Token, c: number): boolean {
  return b.start === a.end + 1 && text.charCodeAt(a.end) === c;
}

/** The characters between tokens a and b are exactly `c` then `d` (", ", ". "). */
export function gap2(text: string, a: Token, b: Token, c: number, d: number): boolean {
  return b.start === a.end + 2 && text.charCodeAt(a.end) === c && text.charCodeAt(a.end + 1) === d;
}

/** Only spaces between two tokens (one line). */
export function joined(text: string, a: Token, b: Token): boolean {
  for (let i = a.end; i < b.start; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 0xa0) return false;
  }
  return true;
}

export function gap(text: string, a: Token, b: Token): string {
  return text.slice(a.end, b.start);
}

/** Index of the token starting at UTF-16 offset `pos`, or undefined. */
export function tokenIndex(ctx: RuleContext, pos: number): number | undefined {
  const i = firstTokenFrom(ctx.tokens, pos);
  return i < ctx.tokens.length && ctx.tokens[i].start === pos ? i : undefined;
}

export function spanText(ctx: RuleContext, a: number, b: number): string {
  return ctx.text.slice(ctx.tokens[a].start, ctx.tokens[b].end);
}

/** A rule mention over tokens a..b with a generated entity id. */
export function addRuleMention(out: MentionCandidate[], ctx: RuleContext, a: number, b: number, kind: 'person' | 'organisation' | 'city', priority: number): void {
  out.push({
    start: ctx.tokens[a].start,
    end: ctx.tokens[b].end,
    label: kind === 'city' ? 'PLACE' : 'ACTOR',
    entity: generatedEntityId(spanText(ctx, a, b)),
    kind,
    origin: 'rule',
    priority,
  });
}
