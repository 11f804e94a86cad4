/**
 * The .spacy export, checked twice: decoded here (format, hashes, text round trip) and loaded by real spaCy
 * (test/python/read_docbin.py, then `spacy debug data`). Real spaCy is required (pythonReaders.ts): without it the
 * spaCy part fails, it is never skipped.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { decode } from '@msgpack/msgpack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportDocument } from '../../src/core/exports/exportDocument';
import { SPACY_SYMBOLS, spacyStringId, toSpacyDocBin, type SpacyDocBinOptions } from '../../src/core/exports/spacyDocBin';
import type { Attribution, Mention, Sidecar, Span } from '../../src/core/model';
import { parseSidecar } from '../../src/core/sidecar/parseSidecar';
import { requireReaders, runPython } from './pythonReaders';

const ROOT = join(__dirname, '..', '..');
const FIX = join(ROOT, 'test', 'fixtures');

/** Gold sidecars with their texts: the sample articles from media/samples, the others from the fixture sets. */
function goldDocs(): ExportDocument[] {
  const dirs = [join(ROOT, 'media', 'samples', 'articles'), ...['corpus', 'heldout', 'unseen', 'fresh'].map((d) => join(FIX, d))];
  return readdirSync(join(FIX, 'gold'))
    .filter((f) => f.endsWith('.ann.yaml'))
    .sort()
    .map((f) => {
      const name = f.replace(/\.ann\.yaml$/, '.txt');
      const path = dirs.map((d) => join(d, name)).find(existsSync);
      if (!path) throw new Error(`no text for ${f}`);
      return { name, text: readFileSync(path, 'utf8'), sidecar: parseSidecar(readFileSync(join(FIX, 'gold', f), 'utf8')).sidecar! };
    });
}

const cpLength = (s: string): number => [...s].length;

/** Builds a text piece by piece, keeping code point offsets of the pieces. */
class TextBuilder {
  text = '';
  add(s: string): Span {
    const start = cpLength(this.text);
    this.text += s;
    return { start, end: start + cpLength(s), text: s };
  }
}

/** The `nth` occurrence of `sub` inside `piece`. */
function within(piece: Span, sub: string, nth = 0): Span {
  let at = -1;
  for (let k = 0; k <= nth; k++) at = piece.text.indexOf(sub, at + 1);
  if (at < 0) throw new Error(`${sub} not in ${piece.text}`);
  const start = piece.start + cpLength(piece.text.slice(0, at));
  return { start, end: start + cpLength(sub), text: sub };
}

let mentionNo = 0;
const mention = (label: Mention['label'], s: Span, entity?: string, extra: Partial<Mention> = {}): Mention => ({
  id: `m${++mentionNo}`, label, ...s, entity, status: 'accepted', origin: 'manual', ...extra,
});

const sidecarOf = (name: string, status: 'draft' | 'reviewed', mentions: Mention[], attributions: Attribution[] = [], rejected: Sidecar['rejected'] = []): Sidecar => ({
  version: 1, document: { text: name, sha256: '', status }, mentions, attributions, events: [], rejected,
});

/**
 * A reviewed document with leading whitespace, NBSP, CRLF, thin and ideographic spaces, tab, U+2028, NEL,
 * double spaces, ZWJ emoji, a flag, Arabic, spaCy symbol names as tokens ("X", "PERSON", "_") and as a kb id
 * ("LOC"), nested and partly overlapping mentions, a suggestion (exported: the document is reviewed), an
 * orphan (never exported) and two attributions.
 */
function unicodeDoc(): { doc: ExportDocument; ents: string[]; missing: string[] } {
  mentionNo = 0;
  const b = new TextBuilder();
  b.add('  ');
  const khartoum = b.add('KHARTOUM');
  b.add(', ');
  const sudan = b.add('Sudan');
  b.add('\u00a0— ');
  const rsf = b.add('The Rapid Support Forces (RSF)');
  b.add(' ');
  const said = b.add('said');
  b.add(' ');
  const content = b.add('on Monday 👨‍👩‍👧 fighters entered El Fasher');
  b.add('.\r\n\r\n');
  const arabic = b.add('قالت قوات الدعم السريع إنها سيطرت على الفاشر');
  b.add('\u2009.\u3000Residents\tfled\u2028to 🇸🇩 ');
  const tawila = b.add('Tawila \u0085 camp');
  b.add('.  X PERSON _ \r\n');
  const police = b.add('North Darfur State Police');
  b.add(' chief ');
  const said2 = b.add('said:');
  b.add(' "');
  const quote = b.add("Gen. Ali's men 😀arrived");
  b.add('".\r\n');
  const mentions = [
    mention('PLACE', khartoum, 'khartoum'),
    mention('PLACE', sudan, 'sudan'),
    mention('ACTOR', within(rsf, 'Rapid Support Forces (RSF)'), 'rsf'),
    mention('ACTOR', within(rsf, 'Rapid Support Forces'), 'rsf'),
    mention('ACTOR', within(rsf, 'RSF'), 'rsf'),
    mention('ACTOR', within(content, '👨‍👩‍👧 fighters')),
    mention('PLACE', within(content, 'El Fasher'), 'el-fasher', { status: 'suggested', origin: 'gazetteer' }),
    mention('ACTOR', within(arabic, 'قوات الدعم السريع'), 'rsf'),
    mention('PLACE', within(arabic, 'الفاشر'), 'el-fasher'),
    mention('PLACE', tawila, 'LOC'),
    mention('PLACE', within(police, 'North Darfur State'), 'north-darfur'),
    mention('ACTOR', within(police, 'Darfur State Police'), 'north-darfur-police'),
    mention('ACTOR', within(quote, "Ali's men"), 'ali-men'),
    mention('PLACE', sudan, 'sudan', { orphan: true }),
  ];
  const attributions: Attribution[] = [
    { id: 'a1', cue: said, source: rsf, content, kind: 'named', direct: false, status: 'accepted', sourceEntity: 'rsf' },
    { id: 'a2', cue: said2, source: police, content: quote, kind: 'anonymous', direct: true, status: 'accepted' },
  ];
  return {
    doc: { name: 'unicode.txt', text: b.text, sidecar: sidecarOf('unicode.txt', 'reviewed', mentions, attributions) },
    // Longest first: "Rapid Support Forces (RSF)" wins over its parts, "Darfur State Police" (19) over "North Darfur State" (18).
    ents: ['KHARTOUM', 'Sudan', 'Rapid Support Forces (RSF)', '👨‍👩‍👧 fighters', 'El Fasher', 'قوات الدعم السريع', 'الفاشر', 'Tawila \u0085 camp', 'Darfur State Police', "Ali's men"],
    missing: ['North'],
  };
}

/** A draft: one accepted place, one suggested actor, one rejected suggestion. */
function draftDoc(): ExportDocument {
  mentionNo = 0;
  const b = new TextBuilder();
  const armed = b.add('Armed men');
  b.add(' attacked ');
  const djibo = b.add('Djibo');
  b.add(' on Sunday, ');
  const residents = b.add('residents');
  b.add(' said.\nThe army responded near ');
  const arbinda = b.add('Arbinda');
  b.add('.');
  const mentions = [
    mention('ACTOR', armed, undefined, { status: 'suggested', origin: 'rule' }),
    mention('PLACE', djibo, 'djibo'),
    mention('PLACE', arbinda, 'arbinda'),
  ];
  return { name: 'draft.txt', text: b.text, sidecar: sidecarOf('draft.txt', 'draft', mentions, [], [{ kind: 'mention', label: 'ACTOR', ...residents }]) };
}

const edgeDocs = (): ExportDocument[] => [
  { name: 'empty.txt', text: '', sidecar: sidecarOf('empty.txt', 'reviewed', []) },
  { name: 'blank.txt', text: ' \r\n\t ', sidecar: sidecarOf('blank.txt', 'reviewed', []) },
];

interface Decoded {
  version: string;
  attrs: number[];
  tokens: Uint8Array;
  spaces: Uint8Array;
  lengths: Uint8Array;
  strings: string[];
  cats: unknown[];
  flags: unknown[];
  span_groups: Uint8Array[];
  user_data: Uint8Array[];
}

const decodeDocBin = (bytes: Uint8Array): Decoded => decode(inflateSync(bytes)) as Decoded;

describe('spaCy DocBin bytes', () => {
  it('string ids are spaCy hashes (MurmurHash64A, seed 1) or symbol ids', () => {
    // Values printed by spacy.strings.get_string_id (spaCy 3.8): every tail length and multi-byte UTF-8.
    const known: [string, bigint][] = [
      ['Hello', 15777305708150031551n],
      ['a', 11901859001352538922n],
      ['abcdefgh', 17751780907874141760n],
      ['abcdefghi', 13885881106499164936n],
      ['ACTOR', 5408755460585001224n],
      ['PLACE', 7145516467705016459n],
      ['قوات', 12083655412828739274n],
      ['👨‍👩‍👧', 2215223576508609196n],
      ['\r\n', 2933942332565701703n],
      ['Kunduz police', 13638124502741093732n],
      ['', 0n],
      ['X', 101n],
      ['PERSON', 380n],
      ['_', 456n],
    ];
    for (const [s, id] of known) expect(spacyStringId(s), JSON.stringify(s)).toBe(id);
    expect(SPACY_SYMBOLS).toHaveLength(457);
    expect(['ORTH', 'ENT_IOB', 'ENT_TYPE', 'SPACY', 'ENT_KB_ID', 'ENT_ID'].map((n) => SPACY_SYMBOLS.indexOf(n))).toEqual([65, 77, 78, 81, 452, 454]);
  });

  it('has the layout of DocBin.to_bytes and gives back every text from its tokens and spaces', () => {
    const docs = [...goldDocs(), unicodeDoc().doc, draftDoc(), ...edgeDocs()];
    const bytes = toSpacyDocBin(docs);
    expect(toSpacyDocBin(docs)).toEqual(bytes);
    const msg = decodeDocBin(bytes);
    expect(Object.keys(msg).sort()).toEqual(['attrs', 'cats', 'flags', 'lengths', 'spaces', 'span_groups', 'strings', 'tokens', 'user_data', 'version']);
    expect(msg.version).toBe('0.1');
    // DocBin()'s default attributes, as spaCy sorts them (ORTH first).
    expect(msg.attrs).toEqual([65, 67, 73, 74, 75, 76, 77, 78, 79, 80, 452, 453, 454]);
    const lengths = new DataView(msg.lengths.buffer, msg.lengths.byteOffset, msg.lengths.byteLength);
    const counts = docs.map((_, i) => lengths.getInt32(i * 4, true));
    const total = counts.reduce((a, b) => a + b, 0);
    expect(msg.tokens.byteLength).toBe(total * msg.attrs.length * 8);
    expect(msg.spaces.byteLength).toBe(total);
    const n = docs.length;
    expect([msg.cats.length, msg.flags.length, msg.span_groups.length, msg.user_data.length]).toEqual([n, n, n, n]);
    const byId = new Map(msg.strings.map((s) => [spacyStringId(s), s]));
    const tokens = new DataView(msg.tokens.buffer, msg.tokens.byteOffset, msg.tokens.byteLength);
    let row = 0;
    docs.forEach((d, i) => {
      let text = '';
      for (let k = 0; k < counts[i]; k++, row++) {
        text += byId.get(tokens.getBigUint64(row * msg.attrs.length * 8, true))! + (msg.spaces[row] ? ' ' : '');
      }
      expect(text, d.name).toBe(d.text);
      expect(decode(msg.user_data[i])).toEqual({ name: d.name, sha256: d.sidecar.document.sha256 || expect.stringMatching(/^[0-9a-f]{64}$/) });
    });
  });
});

type PySpan = [label: string, startChar: number, endChar: number, kbId: string, id: string, start: number, end: number];
interface PyDoc {
  text: string;
  tokens: [text: string, whitespace: string, iob: string, type: string, kbId: string][];
  ents: PySpan[];
  spans: Record<string, PySpan[]>;
  user_data: Record<string, string>;
  alignedNer: (string | null)[];
}
interface PyFile {
  docs: PyDoc[];
  merged: number;
  roundTrip: boolean;
}

const run = (args: string[], cwd: string) => runPython(args, cwd);

const spanOf = (s: PySpan) => ({ label: s[0], start: s[1], end: s[2], kbId: s[3], id: s[4] });
const mentionOf = (m: Mention) => ({ label: m.label, start: m.start, end: m.end, kbId: m.entity ?? '', id: m.id });
const cpSlice = (text: string, s: { start: number; end: number }): string => [...text].slice(s.start, s.end).join('');

describe('spaCy DocBin read by real spaCy', () => {
  const gold = goldDocs();
  const unicode = unicodeDoc();
  const draft = draftDoc();
  const all = [...gold, unicode.doc, draft, ...edgeDocs()];
  const missingOpts: SpacyDocBinOptions = { unreviewed: 'missing' };
  let dir = '';
  let py: { spacy: string; symbols: string[]; files: PyFile[] };

  beforeAll(() => {
    requireReaders('spacy');
    dir = mkdtempSync(join(tmpdir(), 'docbin-'));
    writeFileSync(join(dir, 'all.spacy'), toSpacyDocBin(all, missingOpts));
    writeFileSync(join(dir, 'draft-o.spacy'), toSpacyDocBin([draft]));
    writeFileSync(join(dir, 'draft-suggested.spacy'), toSpacyDocBin([draft], { ...missingOpts, includeSuggestions: true }));
    const r = run(['read_docbin.py', 'all.spacy', 'draft-o.spacy', 'draft-suggested.spacy'], dir);
    expect(r.status, r.out).toBe(0);
    py = JSON.parse(r.out);
  }, 120_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loads every document with its exact text, merges into DocBin() and survives spaCy re-serialising it', () => {
    expect(py.symbols).toEqual(SPACY_SYMBOLS);
    const [file] = py.files;
    expect(file.docs.map((d) => d.text)).toEqual(all.map((d) => d.text));
    expect(file.merged).toBe(all.length);
    for (const f of py.files) expect(f.roundTrip).toBe(true);
    for (const [i, d] of file.docs.entries()) {
      expect(d.user_data.name).toBe(all[i].name);
      // All Unicode whitespace is whitespace: a token is all whitespace or has none.
      for (const [t] of d.tokens) if (/\p{White_Space}/u.test(t)) expect(t, `${all[i].name}: ${JSON.stringify(t)}`).toMatch(/^\p{White_Space}+$/u);
    }
  });

  it('gold documents: every mention is an ent with its entity as kb_id and is in spans["sc"]', () => {
    const file = py.files[0];
    gold.forEach((g, i) => {
      const d = file.docs[i];
      const mentions = [...g.sidecar.mentions].sort((a, b) => a.start - b.start || a.end - b.end);
      expect(d.spans.sc.map(spanOf), g.name).toEqual(mentions.map(mentionOf));
      // Gold mentions do not overlap, so all of them are ents.
      expect(d.ents.map(spanOf), g.name).toEqual(mentions.map((m) => ({ ...mentionOf(m), id: '' })));
      for (const e of d.ents) expect(cpSlice(d.text, spanOf(e))).toBe(mentions.find((m) => m.start === e[1])!.text);
      expect(d.tokens.filter((t) => t[2] === '')).toEqual([]);
      const attributions = g.sidecar.attributions;
      expect(d.spans.attribution_cue.map((s) => [s[4], s[1], s[2], s[0]])).toEqual(
        [...attributions].sort((a, b) => a.cue.start - b.cue.start || a.id.localeCompare(b.id)).map((a) => [a.id, a.cue.start, a.cue.end, a.direct ? 'DIRECT' : 'REPORTED']),
      );
      expect(d.spans.attribution_source.length).toBe(attributions.filter((a) => a.source).length);
      expect(d.spans.attribution_content.length).toBe(attributions.filter((a) => a.content).length);
    });
  });

  it('Unicode document: overlapping mentions in sc, longest-first ents, left-out tokens missing, attributions', () => {
    const d = py.files[0].docs[gold.length];
    const exported = unicode.doc.sidecar.mentions.filter((m) => !m.orphan);
    expect(d.spans.sc.map(spanOf)).toEqual([...exported].sort((a, b) => a.start - b.start || a.end - b.end || a.label.localeCompare(b.label)).map(mentionOf));
    expect(d.ents.map((e) => cpSlice(d.text, spanOf(e)))).toEqual(unicode.ents);
    for (const e of d.ents) {
      const m = exported.find((x) => x.start === e[1] && x.end === e[2] && x.label === e[0])!;
      expect(m, e[0]).toBeDefined();
      expect(e[3]).toBe(m.entity ?? '');
    }
    expect(d.tokens.filter((t) => t[2] === '').map((t) => t[0])).toEqual(unicode.missing);
    expect(d.tokens.map((t) => t[0])).toEqual(expect.arrayContaining(['X', 'PERSON', '_', '\r\n\r\n', '\u2028', '\u00a0', '  ']));
    expect(d.spans.attribution_cue.map((s) => [s[4], s[0], cpSlice(d.text, spanOf(s))])).toEqual([['a1', 'REPORTED', 'said'], ['a2', 'DIRECT', 'said:']]);
    expect(d.spans.attribution_source.map((s) => [s[4], s[0], s[3], cpSlice(d.text, spanOf(s))])).toEqual([
      ['a1', 'NAMED', 'rsf', 'The Rapid Support Forces (RSF)'],
      ['a2', 'ANONYMOUS', '', 'North Darfur State Police'],
    ]);
    expect(d.spans.attribution_content.map((s) => cpSlice(d.text, spanOf(s)))).toEqual(['on Monday 👨‍👩‍👧 fighters entered El Fasher', "Gen. Ali's men 😀arrived"]);
  });

  it('unreviewed text: missing outside annotations, O for whitespace and rejected suggestions; O by default', () => {
    const iobs = (d: PyDoc) => d.tokens.filter((t) => t[0].trim()).map((t) => `${t[0]}:${t[2]}`);
    expect(iobs(py.files[0].docs[gold.length + 1])).toEqual([
      'Armed:', 'men:', 'attacked:', 'Djibo:B', 'on:', 'Sunday:', ',:', 'residents:O', 'said:', '.:', 'The:', 'army:', 'responded:', 'near:', 'Arbinda:B', '.:',
    ]);
    expect(py.files[0].docs[gold.length + 1].tokens.find((t) => t[0] === '\n')?.[2]).toBe('O');
    // NER training sees missing tokens as unknown (None), not as O.
    expect(py.files[0].docs[gold.length + 1].alignedNer.filter((t) => t !== null)).toEqual(['U-PLACE', 'O', 'O', 'U-PLACE']);
    expect(iobs(py.files[1].docs[0]).filter((t) => !/:[BO]$/.test(t))).toEqual([]);
    expect(py.files[2].docs[0].ents.map((e) => [e[0], cpSlice(draft.text, spanOf(e))])).toEqual([['ACTOR', 'Armed men'], ['PLACE', 'Djibo'], ['PLACE', 'Arbinda']]);
    // The empty and the blank document load as they are.
    expect(py.files[0].docs.slice(-2).map((d) => d.tokens)).toEqual([[], [[' \r\n\t ', '', 'O', '', '']]]);
  });

  it('`spacy debug data` on a blank English NER config reports no error', () => {
    // debug data fails with fewer than 100 training documents: the small synthetic ones fill up the fixture set.
    const train: ExportDocument[] = [...all];
    while (train.length < 100) train.push(unicode.doc, draft);
    writeFileSync(join(dir, 'train.spacy'), toSpacyDocBin(train, missingOpts));
    const init = run(['-m', 'spacy', 'init', 'config', 'config.cfg', '--lang', 'en', '--pipeline', 'ner', '--force'], dir);
    expect(init.status, init.out).toBe(0);
    const r = run(['-m', 'spacy', 'debug', 'data', 'config.cfg', '--paths.train', 'train.spacy', '--paths.dev', 'all.spacy'], dir);
    expect(r.status, r.out).toBe(0);
    expect(r.out).toContain('Corpus is loadable');
    expect(r.out).not.toContain('✘');
  }, 120_000);
});
