/**
 * spaCy DocBin (`.spacy`), the only corpus format `spacy train` reads. Layout as written by spaCy 3.8
 * (`spacy/tokens/_serialize.py`, `DocBin.to_bytes`): zlib-compressed msgpack of `{version, attrs, tokens, spaces,
 * lengths, strings, cats, flags, span_groups, user_data}`. `tokens` is a row-major little-endian uint64 matrix, one
 * row per token and one column per attribute, each value a string id: spaCy's symbol number for its built-in
 * names ("", "X", "PERSON", "_"...), otherwise MurmurHash64A (seed 1) of the UTF-8 bytes.
 *
 * Per document:
 * - tokens are the training tokens of the other exports, also split at every exported span boundary; the
 *   whitespace between two tokens becomes spaCy's trailing-space flag when it starts with U+0020 and a whitespace
 *   token for the rest, so `doc.text` is the article text exactly (CRLF, NBSP, astral characters included);
 * - `doc.ents`: exported mentions, `kb_id` = entity id. Ents cannot overlap, so they are a greedy subset, longest
 *   (in code points) first, then earliest; tokens of a mention left out that lie outside every ent are missing
 *   (ENT_IOB 0), not O, as they do belong to an entity;
 * - `doc.spans["sc"]`: every exported mention, overlapping ones included (label, kb_id = entity, id = mention id);
 * - `doc.spans["attribution_cue" | "attribution_source" | "attribution_content"]`: cue labelled DIRECT or
 *   REPORTED, source NAMED or ANONYMOUS (kb_id = source entity), content CONTENT; all three carry the attribution
 *   id as span id so they can be paired;
 * - `doc.user_data`: `{name, sha256}` to trace a Doc back to its files.
 * Spans are snapped to whole tokens without whitespace at either edge. Empty texts give empty Docs, which spaCy's
 * corpus reader skips by itself.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { encode } from '@msgpack/msgpack';
import type { Span } from '../model';
import type { TextIndex } from '../text/textIndex';
import { prepare, spanMatches, type ExportDocument, type ExportOptions } from './exportDocument';
import { alignTokens, trainingTokens, type LabelledSpan } from './trainingTokens';

/**
 * Options of the DocBin export. `unreviewed: 'missing'` marks tokens outside every annotation of a draft as
 * missing (ENT_IOB 0: spaCy learns nothing from them, right or wrong); whitespace and rejected mention
 * suggestions stay O, as nobody would tag them. Otherwise such tokens are O.
 */
export type SpacyDocBinOptions = ExportOptions;

const range = (from: number, to: number, name: (i: number) => string): string[] =>
  Array.from({ length: to - from + 1 }, (_, k) => name(from + k));

/** `spacy.symbols.NAMES` (spaCy 3.8): the index of a name is its string id and, for attributes, the attribute id. */
export const SPACY_SYMBOLS: readonly string[] = [
  '',
  ...'IS_ALPHA IS_ASCII IS_DIGIT IS_LOWER IS_PUNCT IS_SPACE IS_TITLE IS_UPPER LIKE_URL LIKE_NUM LIKE_EMAIL IS_STOP IS_OOV_DEPRECATED IS_BRACKET IS_QUOTE IS_LEFT_PUNCT IS_RIGHT_PUNCT IS_CURRENCY'.split(' '),
  ...range(19, 63, (i) => `FLAG${i}`),
  ...'ID ORTH LOWER NORM SHAPE PREFIX SUFFIX LENGTH CLUSTER LEMMA POS TAG DEP ENT_IOB ENT_TYPE HEAD SENT_START SPACY PROB LANG ADJ ADP ADV AUX CONJ CCONJ DET INTJ NOUN NUM PART PRON PROPN PUNCT SCONJ SYM VERB X EOL SPACE'.split(' '),
  ...range(1, 276, (i) => `DEPRECATED${String(i).padStart(3, '0')}`),
  ...'PERSON NORP FACILITY ORG GPE LOC PRODUCT EVENT WORK_OF_ART LANGUAGE LAW DATE TIME PERCENT MONEY QUANTITY ORDINAL CARDINAL acomp advcl advmod agent amod appos attr aux auxpass cc ccomp complm conj cop csubj csubjpass dep det dobj expl hmod hyph infmod intj iobj mark meta neg nmod nn npadvmod nsubj nsubjpass num number oprd obj obl parataxis partmod pcomp pobj poss possessive preconj prep prt punct quantmod relcl rcmod root xcomp acl ENT_KB_ID MORPH ENT_ID IDX _'.split(' '),
];
const SYMBOL_IDS = new Map(SPACY_SYMBOLS.map((name, i) => [name, i]));
const attr = (name: string): number => SYMBOL_IDS.get(name)!;

/** `DocBin()`'s default columns, sorted by id as spaCy stores them, so our files merge with spaCy's own. */
const ATTRS = ['ORTH', 'NORM', 'TAG', 'HEAD', 'DEP', 'ENT_IOB', 'ENT_TYPE', 'ENT_KB_ID', 'ENT_ID', 'LEMMA', 'MORPH', 'POS', 'SENT_START']
  .map(attr)
  .sort((a, b) => a - b);
const COL = { orth: ATTRS.indexOf(attr('ORTH')), iob: ATTRS.indexOf(attr('ENT_IOB')), type: ATTRS.indexOf(attr('ENT_TYPE')), kb: ATTRS.indexOf(attr('ENT_KB_ID')), sentStart: ATTRS.indexOf(attr('SENT_START')) };

/** `Token.iob_strings()` order: "" (missing), I, O, B. */
const IOB = { missing: 0n, I: 1n, O: 2n, B: 3n } as const;

const M = 0xc6a4a7935bd1e995n;
const MASK64 = 0xffffffffffffffffn;

/** MurmurHash64A as in the `murmurhash` package spaCy hashes strings with (blocks read little-endian). */
function murmurHash64A(bytes: Uint8Array, seed: bigint): bigint {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let h = (seed ^ (BigInt(bytes.length) * M)) & MASK64;
  const blocks = bytes.length >>> 3;
  for (let i = 0; i < blocks; i++) {
    let k = (view.getBigUint64(i * 8, true) * M) & MASK64;
    k ^= k >> 47n;
    k = (k * M) & MASK64;
    h = ((h ^ k) * M) & MASK64;
  }
  const tail = bytes.length & 7;
  if (tail > 0) {
    for (let j = 0; j < tail; j++) h ^= BigInt(bytes[blocks * 8 + j]) << BigInt(8 * j);
    h = (h * M) & MASK64;
  }
  h ^= h >> 47n;
  h = (h * M) & MASK64;
  return h ^ (h >> 47n);
}

const utf8 = new TextEncoder();

/** The id spaCy's StringStore gives a string (`spacy.strings.get_string_id`). */
export function spacyStringId(s: string): bigint {
  const symbol = SYMBOL_IDS.get(s);
  return symbol !== undefined ? BigInt(symbol) : murmurHash64A(utf8.encode(s), 1n);
}

interface DocToken {
  text: string;
  /** Code point offsets, end exclusive. */
  start: number;
  end: number;
  /** Followed by one U+0020 that is not a token of its own. */
  space: boolean;
  whitespace: boolean;
}

/** A span over tokens `[start, end)` of a Doc. */
interface DocSpan {
  start: number;
  end: number;
  label: string;
  kbId: string;
  id: string;
}

const ALL_WHITESPACE = /^\p{White_Space}+$/u;

/** Training tokens plus whitespace tokens, covering the text without gaps (see the module comment). */
function docTokens(text: string, index: TextIndex, cuts: readonly LabelledSpan[]): DocToken[] {
  // \p{White_Space} is wider than JS \s (NEL U+0085), so such a "token" joins the whitespace around it.
  const words = alignTokens(text, trainingTokens(text), cuts).filter((t) => !ALL_WHITESPACE.test(t.text));
  const out: DocToken[] = [];
  const gap = (from: number, to: number): void => {
    if (to <= from) return;
    let s = index.slice(from, to);
    const prev = out[out.length - 1];
    if (prev && s.startsWith(' ')) {
      prev.space = true;
      s = s.slice(1);
      from++;
    }
    if (s) out.push({ text: s, start: from, end: to, space: false, whitespace: true });
  };
  let pos = 0;
  for (const w of words) {
    gap(pos, w.start);
    out.push({ text: w.text, start: w.start, end: w.end, space: false, whitespace: false });
    pos = w.end;
  }
  gap(pos, index.length);
  return out;
}

/** Tokens `[start, end)` covering code points `[s, e)`, whitespace at either edge left out; undefined if none. */
function tokenRange(tokens: readonly DocToken[], s: number, e: number): [number, number] | undefined {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens[mid].end <= s) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < tokens.length && tokens[end].start < e) end++;
  while (lo < end && tokens[lo].whitespace) lo++;
  while (end > lo && tokens[end - 1].whitespace) end--;
  return lo < end ? [lo, end] : undefined;
}


/** `SpanGroup.to_bytes`: `{name, attrs, spans}`, each span packed big-endian as `>QQQllll`. */
function spanGroupBytes(name: string, spans: readonly DocSpan[], tokens: readonly DocToken[], id: (s: string) => bigint): Uint8Array {
  const packed = spans.map((sp) => {
    const b = new Uint8Array(40);
    const v = new DataView(b.buffer);
    v.setBigUint64(0, id(sp.id));
    v.setBigUint64(8, id(sp.kbId));
    v.setBigUint64(16, id(sp.label));
    v.setInt32(24, sp.start);
    v.setInt32(28, sp.end);
    v.setInt32(32, tokens[sp.start].start);
    v.setInt32(36, tokens[sp.end - 1].end);
    return b;
  });
  return encode({ name, attrs: {}, spans: packed });
}

/**
 * `SpanGroups.to_bytes`: a msgpack map from each group's bytes to its keys. The keys are binary, which the
 * msgpack encoder's plain objects cannot express, so the map is assembled from separately encoded parts.
 */
function spanGroupsBytes(groups: readonly [string, Uint8Array][]): Uint8Array {
  if (groups.length >= 16) throw new Error('spacyDocBin: at most 15 span groups (fixmap)');
  const parts = [Uint8Array.of(0x80 + groups.length), ...groups.flatMap(([name, bytes]) => [encode(bytes), encode([name])])];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

interface BuiltDoc {
  tokens: DocToken[];
  iob: bigint[];
  ents: DocSpan[];
  groups: [string, DocSpan[]][];
}

function buildDoc(doc: ExportDocument, opts: SpacyDocBinOptions): BuiltDoc {
  // the same items, filtered and ordered, as every other format exports
  const p = prepare(doc, opts);
  const { index, mentions, attributions } = p;
  const cuts: LabelledSpan[] = [...mentions, ...attributions.flatMap((a) => [a.cue, a.source, a.content].filter((s) => s !== undefined))].map((s) => ({ start: s.start, end: s.end, label: '' }));
  const tokens = docTokens(doc.text, index, cuts);

  const docSpan = (s: Span, label: string, kbId: string | undefined, id: string): DocSpan[] => {
    const r = tokenRange(tokens, s.start, s.end);
    return r ? [{ start: r[0], end: r[1], label, kbId: kbId ?? '', id }] : [];
  };
  const sc = mentions.flatMap((m) => docSpan(m, m.label, m.entity, m.id));
  const cue = attributions.flatMap((a) => docSpan(a.cue, a.direct ? 'DIRECT' : 'REPORTED', undefined, a.id));
  const source = attributions.flatMap((a) => (a.source ? docSpan(a.source, a.kind === 'named' ? 'NAMED' : 'ANONYMOUS', a.sourceEntity, a.id) : []));
  const content = attributions.flatMap((a) => (a.content ? docSpan(a.content, 'CONTENT', undefined, a.id) : []));

  // ents cannot overlap: the flat mentions (longest first, then earliest), as in every one-label-per-token format
  const inFlat = new Set(p.flat.map((m) => m.id));
  const ents = sc.filter((sp) => inFlat.has(sp.id)).map((sp) => ({ ...sp, id: '' }));
  const leftOut = sc.filter((sp) => !inFlat.has(sp.id));
  const taken = new Uint8Array(tokens.length);
  for (const sp of ents) taken.fill(1, sp.start, sp.end);

  const unknown = p.missing;
  const iob: bigint[] = tokens.map((t) => (unknown && !t.whitespace ? IOB.missing : IOB.O));
  if (unknown) {
    for (const r of doc.sidecar.rejected) {
      if (r.kind !== 'mention' || !spanMatches(index, r)) continue;
      const range = tokenRange(tokens, r.start, r.end);
      if (range) iob.fill(IOB.O, range[0], range[1]);
    }
  }
  for (const sp of leftOut) {
    for (let i = sp.start; i < sp.end; i++) if (!taken[i] && !tokens[i].whitespace) iob[i] = IOB.missing;
  }
  for (const sp of ents) {
    iob.fill(IOB.I, sp.start, sp.end);
    iob[sp.start] = IOB.B;
  }
  return {
    tokens,
    iob,
    ents,
    groups: [
      ['sc', sc],
      ['attribution_cue', cue],
      ['attribution_source', source],
      ['attribution_content', content],
    ],
  };
}

/** The `.spacy` bytes for documents, as `DocBin(store_user_data=True).to_bytes()` would write them. */
export function toSpacyDocBin(docs: readonly ExportDocument[], opts: SpacyDocBinOptions = {}): Uint8Array {
  const writer = spacyDocBinWriter(opts);
  for (const d of docs) writer.add(d);
  return writer.bytes();
}

/**
 * The same, a document at a time: a DocBin is one msgpack map compressed as a whole, so its bytes come at the
 * end, but only each document's tokens and spans are kept meanwhile, not its text or sidecar.
 */
export function spacyDocBinWriter(opts: SpacyDocBinOptions = {}): { add(doc: ExportDocument): void; bytes(): Uint8Array } {
  const built: BuiltDoc[] = [];
  const userData: Uint8Array[] = [];
  return {
    add(d) {
      built.push(buildDoc(d, opts));
      userData.push(encode({ name: d.name, sha256: d.sidecar.document.sha256 || createHash('sha256').update(d.text, 'utf8').digest('hex') }));
    },
    bytes: () => docBinBytes(built, userData),
  };
}

function docBinBytes(built: readonly BuiltDoc[], userData: readonly Uint8Array[]): Uint8Array {
  const ids = new Map<string, bigint>();
  const id = (s: string): bigint => {
    let v = ids.get(s);
    if (v === undefined) ids.set(s, (v = spacyStringId(s)));
    return v;
  };
  // spaCy lists every string a token or span refers to, "" included (empty tag, lemma ...).
  const strings = new Set<string>(['']);
  const nTokens = built.reduce((n, b) => n + b.tokens.length, 0);
  const tokenBytes = new Uint8Array(nTokens * ATTRS.length * 8);
  const tokenView = new DataView(tokenBytes.buffer);
  const spaces = new Uint8Array(nTokens);
  const lengths = new Uint8Array(built.length * 4);
  const lengthView = new DataView(lengths.buffer);
  let row = 0;
  built.forEach((b, di) => {
    lengthView.setInt32(di * 4, b.tokens.length, true);
    const type = new Map<number, DocSpan>();
    for (const e of b.ents) for (let i = e.start; i < e.end; i++) type.set(i, e);
    b.tokens.forEach((t, i) => {
      const cell = (col: number, value: bigint): void => tokenView.setBigUint64((row * ATTRS.length + col) * 8, value, true);
      strings.add(t.text);
      cell(COL.orth, id(t.text));
      cell(COL.iob, b.iob[i]);
      const ent = type.get(i);
      if (ent) {
        strings.add(ent.label).add(ent.kbId);
        cell(COL.type, id(ent.label));
        cell(COL.kb, id(ent.kbId));
      }
      // What spaCy writes for a fresh Doc: the first token starts a sentence, the others are unknown.
      if (i === 0) cell(COL.sentStart, 1n);
      spaces[row] = t.space ? 1 : 0;
      row++;
    });
    for (const [, spans] of b.groups) for (const sp of spans) strings.add(sp.label).add(sp.kbId).add(sp.id);
  });

  const msg = {
    version: '0.1',
    attrs: ATTRS,
    tokens: tokenBytes,
    spaces,
    lengths,
    strings: [...strings].sort(),
    cats: built.map(() => ({})),
    flags: built.map(() => ({ has_unknown_spaces: false })),
    span_groups: built.map((b) => spanGroupsBytes(b.groups.map(([name, spans]) => [name, spanGroupBytes(name, spans, b.tokens, id)]))),
    user_data: userData,
  };
  const z = deflateSync(encode(msg));
  return new Uint8Array(z.buffer, z.byteOffset, z.byteLength);
}
