/**
 * Every export loaded with the reader its users use: `spacy convert` for CoNLL (plus a strict IOB2/IOB1/BIOES
 * check written here), `datasets.load_dataset` for the Hugging Face folder, pandas for the ACLED CSV, and a
 * strict brat checker (bratChecker.ts) for the standoff files. The corpus: the three gold articles with their
 * hand-coded events, a reviewed Unicode article (CRLF, a name across a line break, NEL, NBSP, U+2028, tab, ZWJ
 * emoji, a flag, Arabic, nested mentions, an orphan) and a draft, all exported by the export job through the
 * real file system. The Python readers are required (pythonReaders.ts): a missing one fails, never skips.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportCorpus, type ExportCorpusOptions } from '../../src/core/corpus/exportCorpus';
import { ACLED_TAXONOMY } from '../../src/core/events/taxonomy';
import { ACLED_COLUMNS } from '../../src/core/exports/acledCsv';
import { prepare, type ExportDocument, type TagScheme } from '../../src/core/exports/exportDocument';
import { exportFormat } from '../../src/core/exports/exportFormats';
import { tagNames } from '../../src/core/exports/taggedSentences';
import { trainingTokens } from '../../src/core/exports/trainingTokens';
import type { Gazetteer } from '../../src/core/gazetteer/gazetteer';
import { renderSidecar } from '../../src/core/sidecar/renderSidecar';
import { nodeFileSystem } from '../../src/node/nodeFileSystem';
import { checkBrat, parseBratConfig } from './bratChecker';
import { pythonJson, requireReaders, runPython } from './pythonReaders';
import { draftExportDoc, loadExportDocs, lookupUnicodeEntity, unicodeExportDoc } from './exportFixtures';
import { buildDefaultGazetteer } from './detectFixtures';
import { annotateDocument } from '../../src/core/review/annotateDocument';
import { acceptItem } from '../../src/core/review/mergeSuggestions';
import { emptySidecar } from '../../src/core/sidecar/sidecarFormat';

const python = pythonJson;

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

const withHash = (d: ExportDocument): ExportDocument => ({ ...d, sidecar: { ...d.sidecar, document: { ...d.sidecar.document, sha256: d.sidecar.document.sha256 || createHash('sha256').update(d.text, 'utf8').digest('hex') } } });
const GOLD = loadExportDocs().map(withHash);
const UNICODE = withHash(unicodeExportDoc());
const DRAFT = withHash(draftExportDoc());
const DOCS = [...GOLD, UNICODE, DRAFT];

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * The corpus as articles and sidecars on disk; the Unicode article starts with a UTF-8 byte order mark (offsets
 * count from after it, and no export may shift by it). `copies` more of each document, renamed, fill a corpus up.
 */
function corpusDir(copies = 0): string {
  const dir = mkdtempSync(join(tmpdir(), 'export-readers-'));
  made.push(dir);
  mkdirSync(join(dir, 'articles'));
  for (let c = 0; c <= copies; c++) {
    for (const d of DOCS) {
      const name = c === 0 ? d.name : `copy${String(c).padStart(2, '0')}_${d.name}`;
      const bytes = d === UNICODE ? Buffer.concat([BOM, Buffer.from(d.text, 'utf8')]) : Buffer.from(d.text, 'utf8');
      const sidecar = { ...d.sidecar, document: { ...d.sidecar.document, text: name, sha256: createHash('sha256').update(bytes).digest('hex') } };
      writeFileSync(join(dir, 'articles', name), bytes);
      writeFileSync(join(dir, 'articles', name.replace(/\.txt$/, '.ann.yaml')), renderSidecar(sidecar));
    }
  }
  return dir;
}

const gazetteer = async (): Promise<Gazetteer> => ({ get: lookupUnicodeEntity }) as unknown as Gazetteer;

async function exportTo(dir: string, format: string, out: string, extra: Partial<ExportCorpusOptions> = {}) {
  const problems: string[] = [];
  const result = await exportCorpus(
    nodeFileSystem,
    { paths: [join(dir, 'articles')], format: exportFormat(format)!, out: join(dir, out), gazetteer, taxonomy: async () => ACLED_TAXONOMY, ...extra },
    { progress: () => undefined, problem: (p) => problems.push(p.message) },
  );
  expect(problems).toEqual([]);
  return result;
}

/** What a token format must hold for a document: its flat mentions as (label, tokens joined by spaces). */
const flatMentions = (d: ExportDocument) => prepare(d, {}).flat.map((m) => [m.label, trainingTokens(m.text).map((t) => t.text).join(' ')]);

/**
 * A strict check of a tagged CoNLL file: the document line spaCy splits at, four columns, tags of the scheme
 * only, every I-/E- continuing an entity of its label in the same sentence, no token holding whitespace Python
 * splits at. Returns the entities per document.
 */
function strictConll(body: string, scheme: TagScheme): { label: string; words: string[] }[][] {
  const labels = ['ACTOR', 'PLACE'];
  const allowed = new Set(tagNames(labels, scheme));
  const docs: { label: string; words: string[] }[][] = [];
  let open: { label: string; words: string[] } | undefined;
  let prev = 'O';
  const close = (): void => {
    if (scheme === 'bioes' && open) throw new Error(`entity ${open.words.join(' ')} not closed by E-/S-`);
    open = undefined;
    prev = 'O';
  };
  body.split('\n').forEach((line, i) => {
    const where = `line ${i + 1}: ${JSON.stringify(line)}`;
    if (line === '-DOCSTART- -X- O O') {
      close();
      docs.push([]);
      return;
    }
    if (line === '') return close();
    const cols = line.split(' ');
    expect(cols, where).toHaveLength(4);
    expect(line.split(/[\s\u001c-\u001f\u0085]+/u), where).toHaveLength(4);
    const [word, , , tag] = cols;
    expect(allowed.has(tag), where).toBe(true);
    const [p, label] = tag === 'O' ? ['O', ''] : [tag[0], tag.slice(2)];
    const doc = docs[docs.length - 1];
    expect(doc, `${where} before any -DOCSTART-`).toBeDefined();
    const continues = prev !== 'O' && prev.slice(2) === label && !(scheme === 'bioes' && /^[ES]-/.test(prev));
    if (p === 'I' || p === 'E') {
      if (scheme === 'iob1' && !continues) {
        open = { label, words: [word] };
        doc.push(open);
      } else {
        expect(continues, `${where}: ${tag} after ${prev}`).toBe(true);
        open!.words.push(word);
      }
    } else if (p === 'B' || p === 'S') {
      if (scheme === 'iob1') expect(prev.slice(2), `${where}: IOB1 B- only between two entities of one label`).toBe(label);
      if (scheme === 'bioes' && open) throw new Error(`${where}: entity not closed`);
      open = { label, words: [word] };
      doc.push(open);
    } else {
      if (scheme === 'bioes' && open) throw new Error(`${where}: entity not closed`);
      open = undefined;
    }
    if (scheme === 'bioes' && (p === 'E' || p === 'S')) open = undefined;
    prev = tag;
  });
  close();
  return docs;
}

describe('CoNLL: strict tag check and spacy convert', () => {
  let dir = '';
  beforeAll(() => {
    dir = corpusDir();
  });

  it('IOB2, IOB1 and BIOES files are valid and hold exactly the exported mentions, document by document', async () => {
    const exported = DOCS.filter((d) => d.sidecar.document.status === 'reviewed');
    for (const scheme of ['iob2', 'iob1', 'bioes'] as const) {
      const result = await exportTo(dir, 'conll', `conll-${scheme}`, { scheme });
      expect(result.documents).toBe(exported.length);
      const docs = strictConll(readFileSync(join(dir, `conll-${scheme}`, 'corpus.conll'), 'utf8'), scheme);
      expect(docs.map((d) => d.map((e) => [e.label, e.words.join(' ')])), scheme).toEqual(exported.map(flatMentions));
      const total = exported.reduce((n, d) => n + flatMentions(d).length, 0);
      expect(result.manifest.totals.mentions.ACTOR + result.manifest.totals.mentions.PLACE).toBe(total);
    }
    // the nested "RSF" is left out of the flat tags, and the manifest says so; the orphan too
    const m = (await exportTo(dir, 'conll', 'conll-m')).manifest;
    expect(m.leftOut.filter((l) => l.document === UNICODE.name).map((l) => [l.reason, l.text])).toEqual([['orphan', 'Sudan'], ['overlap', 'RSF']]);
    expect(m.leftOut).toContainEqual({ document: DRAFT.name, kind: 'document', reason: 'unreviewed' });
    // the name broken across CRLF is one entity inside one sentence
    const body = readFileSync(join(dir, 'conll-m', 'corpus.conll'), 'utf8');
    expect(body).toContain('in -X- _ O\nDeir -X- _ B-PLACE\nEzzor -X- _ I-PLACE\ncamp -X- _ I-PLACE\non -X- _ O\n');
    expect(body).toContain('Tawila -X- _ B-PLACE\ncamp -X- _ I-PLACE\n');
    expect(body).not.toMatch(/\u0085/);
  });

  it('spacy convert reads the documents and their entities, IOB2 and IOB1 alike', async () => {
    requireReaders('spacy', 'datasets', 'pandas');
    const exported = DOCS.filter((d) => d.sidecar.document.status === 'reviewed');
    for (const scheme of ['iob2', 'iob1'] as const) {
      await exportTo(dir, 'conll', `conll-${scheme}`, { scheme });
      const py = python('read_conll.py', join(dir, `conll-${scheme}`, 'corpus.conll')) as { log: string; docs: { words: string[]; sentStarts: number[]; ents: [string, number, number, string][] }[] };
      expect(py.log).not.toContain('No document delimiters found');
      expect(py.log).not.toContain('No sentence boundaries found');
      expect(py.docs).toHaveLength(exported.length);
      expect(py.docs.map((d) => d.ents.map(([label, , , text]) => [label, text])), scheme).toEqual(exported.map(flatMentions));
      // no sentence starts inside an entity
      for (const d of py.docs) for (const [, s, e] of d.ents) expect(d.sentStarts.filter((x) => x > s && x < e)).toEqual([]);
    }
  }, 120_000);
  it('a strict IOB2 check in Python (seqeval strict mode, written out) finds no error and exactly the exported mentions', async () => {
    requireReaders('spacy', 'datasets', 'pandas');
    const exported = DOCS.filter((d) => d.sidecar.document.status === 'reviewed');
    const r = await exportTo(dir, 'conll', 'conll-py');
    const py = python('check_iob2.py', 'conll', join(dir, 'conll-py', 'corpus.conll')) as { documents: string[][][]; errors: string[]; entities: number };
    expect(py.errors).toEqual([]);
    expect(py.documents).toEqual(exported.map(flatMentions));
    expect(py.entities).toBe(r.manifest.totals.mentions.ACTOR + r.manifest.totals.mentions.PLACE);
    expect(py.entities).toBe(exported.reduce((n, d) => n + prepare(d, {}).flat.length, 0));
    // the check can fail: a mention cut by a sentence break, and an I- after O, as the old export wrote them
    const broken = readFileSync(join(dir, 'conll-py', 'corpus.conll'), 'utf8').replace('Deir -X- _ B-PLACE\nEzzor -X- _ I-PLACE\ncamp', 'Deir -X- _ B-PLACE\n\nEzzor -X- _ I-PLACE\ncamp').replace('Tawila -X- _ B-PLACE', 'Tawila -X- _ I-PLACE');
    writeFileSync(join(dir, 'broken.conll'), broken);
    const bad = python('check_iob2.py', 'conll', join(dir, 'broken.conll')) as { errors: string[]; entities: number };
    // each I- without its B- is an error (the rest of the name after it too), and strict counting loses a mention
    expect(bad.errors).toEqual([
      expect.stringContaining("'Ezzor': I-PLACE does not continue"), expect.stringContaining("'camp': I-PLACE does not continue"),
      expect.stringContaining("'Tawila': I-PLACE does not continue"), expect.stringContaining("'camp': I-PLACE does not continue"),
    ]);
    expect(bad.entities).toBe(py.entities - 1);
  }, 120_000);
});

describe('Hugging Face: load_dataset(folder)', () => {
  let dir = '';
  beforeAll(() => {
    requireReaders('spacy', 'datasets', 'pandas');
    dir = corpusDir();
  });

  interface Split {
    classLabel: boolean;
    names: string[];
    columns: string[];
    rows: { id: string; tokens: string[]; ner_tags: number[] }[];
  }

  it('gives ner_tags as ClassLabel with the names of labels.json, and every exported mention', async () => {
    const r = await exportTo(dir, 'hf', 'hf');
    expect(r.written.map((w) => w.slice(join(dir, 'hf').length + 1))).toEqual(['corpus.hf.jsonl', 'README.md', 'labels.json', 'manifest.json']);
    const py = python('read_hf.py', join(dir, 'hf')) as Record<string, Split>;
    expect(Object.keys(py)).toEqual(['train']);
    const labels = JSON.parse(readFileSync(join(dir, 'hf', 'labels.json'), 'utf8'));
    expect(py.train.classLabel).toBe(true);
    expect(py.train.names).toEqual(labels.names);
    expect(py.train.names).toEqual(['O', 'B-ACTOR', 'I-ACTOR', 'B-PLACE', 'I-PLACE']);
    expect(py.train.columns).toEqual(['id', 'tokens', 'ner_tags']);
    const exported = DOCS.filter((d) => d.sidecar.document.status === 'reviewed');
    const got = exported.map((d) => {
      const rows = py.train.rows.filter((row) => row.id.startsWith(`${d.name}#`));
      const ents: string[][] = [];
      for (const row of rows) {
        row.ner_tags.forEach((t, i) => {
          const tag = t === -100 ? 'unknown' : py.train.names[t];
          if (tag.startsWith('B-')) ents.push([tag.slice(2), row.tokens[i]]);
          else if (tag.startsWith('I-')) ents[ents.length - 1][1] += ` ${row.tokens[i]}`;
        });
      }
      return ents;
    });
    expect(got).toEqual(exported.map(flatMentions));
    // the nested mention's tokens lie inside the outer one, so nothing is unknown in reviewed documents
    expect(py.train.rows.flatMap((row) => row.ner_tags).filter((t) => t === -100)).toEqual([]);
  }, 120_000);

  it('the strict IOB2 check in Python finds no error in the dataset and exactly the exported mentions', async () => {
    const r = await exportTo(dir, 'hf', 'hf-iob2');
    const py = python('check_iob2.py', 'hf', join(dir, 'hf-iob2')) as { documents: Record<string, string[][]>; errors: string[]; entities: number };
    expect(py.errors).toEqual([]);
    const exported = DOCS.filter((d) => d.sidecar.document.status === 'reviewed');
    expect(py.documents).toEqual(Object.fromEntries(exported.map((d) => [d.name, flatMentions(d)])));
    expect(py.entities).toBe(r.manifest.totals.mentions.ACTOR + r.manifest.totals.mentions.PLACE);
  }, 120_000);

  it('a split publishes train/validation/test; a draft exported with --unreviewed missing has -100 outside its accepted mentions', async () => {
    const r = await exportTo(dir, 'hf', 'hf-split', { split: [1, 1, 1], unreviewed: 'missing', scheme: 'bioes' });
    const py = python('read_hf.py', join(dir, 'hf-split')) as Record<string, Split>;
    const splits = r.manifest.groups.filter((g) => g.documents > 0).map((g) => ({ dev: 'validation', train: 'train', test: 'test' })[g.name]);
    expect(Object.keys(py).sort()).toEqual(splits.sort());
    const rows = Object.values(py).flatMap((s) => s.rows);
    const names = Object.values(py)[0].names;
    expect(names).toEqual(tagNames(['ACTOR', 'PLACE'], 'bioes'));
    const draft = rows.filter((row) => row.id.startsWith(`${DRAFT.name}#`));
    const tagged = draft.flatMap((row) => row.tokens.map((t, i) => `${t}:${row.ner_tags[i] === -100 ? '?' : names[row.ner_tags[i]]}`));
    expect(tagged).toEqual(['Armed:?', 'men:?', 'attacked:?', 'Djibo:S-PLACE', 'on:?', 'Sunday:?', ',:?', 'residents:O', 'said:?', '.:?', 'The:?', 'army:?', 'responded:?', 'near:?', 'Arbinda:S-PLACE', '.:?']);
  }, 120_000);
});

describe('spaCy-style JSONL: spans set as doc.ents by real spaCy', () => {
  it('never overlap (no E1010), nested mentions included in the corpus', async () => {
    requireReaders('spacy', 'datasets', 'pandas');
    const dir = corpusDir();
    const r = await exportTo(dir, 'jsonl', 'jsonl');
    const py = python('read_spans_jsonl.py', join(dir, 'jsonl', 'corpus.spacy.jsonl')) as { name: string; ents: number; spans: number }[];
    const exported = DOCS.filter((d) => d.sidecar.document.status === 'reviewed');
    expect(py.map((d) => [d.name, d.spans])).toEqual(exported.map((d) => [d.name, prepare(d, {}).flat.length]));
    for (const d of py) expect(d.ents, d.name).toBe(d.spans);
    expect(r.manifest.reasons.overlap).toBe(1);
  }, 120_000);
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

describe('spaCy DocBin: the export job, read by real spaCy', () => {
  const cpSlice = (text: string, s: PySpan): string => [...text].slice(s[1], s[2]).join('');
  const docbin = (file: string): Map<string, PyDoc> => {
    const py = python('read_docbin.py', file) as { files: { docs: PyDoc[]; roundTrip: boolean }[] };
    expect(py.files[0].roundTrip).toBe(true);
    return new Map(py.files[0].docs.map((d) => [d.user_data.name, d]));
  };

  it('reviewed documents only, every flat mention an ent with its entity as kb_id, every mention in spans["sc"], the manifest counting them', async () => {
    requireReaders('spacy');
    const dir = corpusDir();
    const r = await exportTo(dir, 'spacy', 'spacy');
    expect(r.written.map((w) => w.slice(join(dir, 'spacy').length + 1))).toEqual(['corpus.spacy', 'manifest.json']);
    expect(r.manifest.leftOut).toContainEqual({ document: DRAFT.name, kind: 'document', reason: 'unreviewed' });
    const docs = docbin(join(dir, 'spacy', 'corpus.spacy'));
    const exported = DOCS.filter((d) => d.sidecar.document.status === 'reviewed');
    expect([...docs.keys()].sort()).toEqual(exported.map((d) => d.name).sort());
    let ents = 0;
    for (const d of exported) {
      const got = docs.get(d.name)!;
      const p = prepare(d, {});
      // the text after the byte order mark, exactly (CRLF, NEL, emoji)
      expect(got.text, d.name).toBe(d.text);
      expect(got.ents.map((e) => [e[0], cpSlice(got.text, e), e[3]]), d.name).toEqual(p.flat.map((m) => [m.label, m.text, m.entity ?? '']));
      expect(got.spans.sc.map((e) => [e[0], cpSlice(got.text, e), e[4]]), d.name).toEqual(p.mentions.map((m) => [m.label, m.text, m.id]));
      // a reviewed document has no unknown token: the nested "RSF" lies inside its outer ent
      expect(got.tokens.filter((t) => t[2] === ''), d.name).toEqual([]);
      ents += got.ents.length;
    }
    expect(r.manifest.totals.mentions.ACTOR + r.manifest.totals.mentions.PLACE).toBe(ents);
    expect(r.manifest.leftOut.filter((l) => l.reason === 'overlap').map((l) => l.text)).toEqual(['RSF']);
  }, 120_000);

  it('a draft with --unreviewed missing: accepted mentions are ents, rejected ones O, every other token missing (None to NER training)', async () => {
    requireReaders('spacy');
    const dir = corpusDir();
    const r = await exportTo(dir, 'spacy', 'spacy', { unreviewed: 'missing' });
    expect(r.manifest.documents.find((d) => d.name === DRAFT.name)).toMatchObject({ status: 'draft', unknownText: true });
    const draft = docbin(join(dir, 'spacy', 'corpus.spacy')).get(DRAFT.name)!;
    const iobs = draft.tokens.filter((t) => t[0].trim()).map((t) => `${t[0]}:${t[2]}`);
    expect(iobs).toEqual(['Armed:', 'men:', 'attacked:', 'Djibo:B', 'on:', 'Sunday:', ',:', 'residents:O', 'said:', '.:', 'The:', 'army:', 'responded:', 'near:', 'Arbinda:B', '.:']);
    expect(draft.alignedNer.filter((t) => t !== null)).toEqual(['U-PLACE', 'O', 'O', 'U-PLACE']);
  }, 120_000);

  it('`spacy debug data` on a minimal NER config reports no error on the exported corpus', async () => {
    requireReaders('spacy');
    // debug data wants 100 training documents: the corpus five times over, twenty copies each
    const dir = corpusDir(19);
    const r = await exportTo(dir, 'spacy', 'spacy', { unreviewed: 'missing' });
    expect(r.documents).toBe(DOCS.length * 20);
    const out = join(dir, 'spacy');
    const init = runPython(['-m', 'spacy', 'init', 'config', 'config.cfg', '--lang', 'en', '--pipeline', 'ner', '--force'], out);
    expect(init.status, init.out).toBe(0);
    const debug = runPython(['-m', 'spacy', 'debug', 'data', 'config.cfg', '--paths.train', 'corpus.spacy', '--paths.dev', 'corpus.spacy'], out);
    expect(debug.status, debug.out).toBe(0);
    expect(debug.out).toContain('Corpus is loadable');
    expect(debug.out).not.toContain('✘');
  }, 240_000);
});

describe('ACLED CSV: pandas.read_csv', () => {
  it("reads ACLED's 31 columns in ACLED's order, one row per exported event", async () => {
    requireReaders('spacy', 'datasets', 'pandas');
    const dir = corpusDir();
    const r = await exportTo(dir, 'acled-csv', 'acled', { unreviewed: 'missing' });
    const py = python('read_acled.py', join(dir, 'acled', 'corpus.acled.csv')) as { columns: string[]; dtypes: Record<string, string>; rows: Record<string, string | number | null>[] };
    expect(py.columns).toEqual([...ACLED_COLUMNS]);
    expect(py.columns).toHaveLength(31);
    expect(py.rows.map((x) => x.event_id_cnty)).toEqual([...DOCS].sort((a, b) => a.name.localeCompare(b.name)).flatMap((d) => prepare(d, { unreviewed: 'missing' }).events.map((e) => `${d.name}:${e.id}`)));
    expect(py.dtypes.fatalities).toBe('int64');
    expect(py.dtypes.year).toBe('int64');
    expect(py.dtypes.time_precision).toBe('int64');
    const e1 = py.rows.find((x) => x.event_id_cnty === `${UNICODE.name}:e1`)!;
    expect(e1).toMatchObject({
      event_date: '2024-05-12', year: 2024, time_precision: 1, disorder_type: 'Political violence', event_type: 'Battles', sub_event_type: 'Armed clash',
      actor1: 'Rapid Support Forces', inter1: 2, actor2: 'Military Forces of Sudan (2019-)', inter2: 1, interaction: 12, civilian_targeting: null,
      location: 'Deir Ezzor camp', fatalities: 12, source: 'a local official',
    });
    expect(e1.notes).toBe('On 12 May 2024, Fighters of the Rapid Support Forces (RSF) attacked the Sudanese army in Deir Ezzor camp on Sunday, killing 12 people, a local official said.');
    const e2 = py.rows.find((x) => x.event_id_cnty === `${UNICODE.name}:e2`)!;
    // no date on the event: the dateline's, precision 2; one actor: interaction X0; no count: 0
    expect(e2).toMatchObject({ event_date: '2024-05-12', time_precision: 2, inter1: 2, inter2: 0, interaction: 20, iso: 729, country: 'Sudan', location: 'Abu Shouk', latitude: 13.66, geo_precision: 1, fatalities: 0 });
    const gold = py.rows.find((x) => x.event_id_cnty === '004_c6c6a49fe15b7881.txt:e1')!;
    expect(gold).toMatchObject({ iso: 368, country: 'Iraq', interaction: 13, fatalities: 30 });
    // the ACLED coding a person stored on the event wins over what the export would derive; its victims are
    // left unnamed, and ACLED names them (after the country, when the place gives one)
    const coded = py.rows.find((x) => x.event_id_cnty === `${DRAFT.name}:e1`)!;
    expect(coded).toMatchObject({
      event_date: '2024-05-12', time_precision: 2, disorder_type: 'Political violence', actor1: 'Armed men', inter1: 3, actor2: 'Civilians', inter2: 7, interaction: 37,
      civilian_targeting: 'Civilian targeting', admin1: 'Soum', location: 'Djibo', geo_precision: 2, source_scale: 'Subnational',
      notes: 'Armed men attacked residents of Djibo (Soum).', fatalities: 0, timestamp: 1715589000,
    });
    // the draft's accepted event comes with its suggested actor, which the manifest reports
    expect(r.manifest.leftOut).toContainEqual(expect.objectContaining({ document: DRAFT.name, reason: 'role-suggested', id: 'e1' }));
  }, 120_000);

  it('reads the people who protest as ACLED protesters (type 6), named after the country', async () => {
    requireReaders('spacy', 'datasets', 'pandas');
    const places = buildDefaultGazetteer();
    const text = 'Hundreds of residents protested in Gao, Mali, on Monday against power cuts.\n';
    const sha = createHash('sha256').update(text).digest('hex');
    const annotated = annotateDocument(emptySidecar('protest.txt', sha), text, sha, places).sidecar;
    const event = annotated.events.find((e) => e.type === 'Protests')!;
    const accepted = acceptItem(annotated, event.id, text);
    const dir = mkdtempSync(join(tmpdir(), 'export-readers-'));
    made.push(dir);
    mkdirSync(join(dir, 'articles'));
    // the same protest coded by the detector, and tagged by hand with no stored actor type
    const docs = { 'protest.txt': accepted, 'by-hand.txt': { ...accepted, events: accepted.events.map((e) => (e.id === event.id ? { ...e, inter1: undefined } : e)) } };
    for (const [name, sidecar] of Object.entries(docs)) {
      writeFileSync(join(dir, 'articles', name), text);
      writeFileSync(join(dir, 'articles', name.replace(/\.txt$/, '.ann.yaml')), renderSidecar({ ...sidecar, document: { ...sidecar.document, text: name, status: 'reviewed' } }));
    }
    const problems: string[] = [];
    await exportCorpus(
      nodeFileSystem,
      { paths: [join(dir, 'articles')], format: exportFormat('acled-csv')!, out: join(dir, 'acled'), gazetteer: async () => places, taxonomy: async () => ACLED_TAXONOMY },
      { progress: () => undefined, problem: (p) => problems.push(p.message) },
    );
    expect(problems).toEqual([]);
    const py = python('read_acled.py', join(dir, 'acled', 'corpus.acled.csv')) as { rows: Record<string, string | number | null>[] };
    expect(py.rows.map((x) => x.event_id_cnty).sort()).toEqual([`by-hand.txt:${event.id}`, `protest.txt:${event.id}`]);
    for (const row of py.rows) expect(row).toMatchObject({ event_type: 'Protests', actor1: 'Protesters (Mali)', inter1: 6, country: 'Mali' });
  }, 120_000);
});

describe('brat: a strict standoff checker finds no issue', () => {
  const check = (folder: string): string[] => {
    const { config, issues } = parseBratConfig(readFileSync(join(folder, 'annotation.conf'), 'utf8'), readFileSync(join(folder, 'tools.conf'), 'utf8'));
    const all = [...issues];
    for (const f of readdirSync(folder).filter((x) => x.endsWith('.ann'))) {
      const txt = readFileSync(join(folder, f.replace(/\.ann$/, '.txt')), 'utf8');
      for (const i of checkBrat(txt, readFileSync(join(folder, f), 'utf8'), config)) all.push(`${f}:${i.line}: ${i.message}`);
    }
    return all;
  };

  it('on the exported corpus, reviewed only and with every suggestion', async () => {
    const dir = corpusDir();
    await exportTo(dir, 'brat', 'brat');
    expect(check(join(dir, 'brat'))).toEqual([]);
    await exportTo(dir, 'brat', 'brat-all', { includeSuggestions: true, split: [1, 1, 1] });
    for (const g of readdirSync(join(dir, 'brat-all'), { withFileTypes: true }).filter((e) => e.isDirectory())) expect(check(join(dir, 'brat-all', g.name)), g.name).toEqual([]);
    const ann = readFileSync(join(dir, 'brat', 'unicode_crlf.ann'), 'utf8');
    const txt = readFileSync(join(dir, 'brat', 'unicode_crlf.txt'), 'utf8');
    expect(txt).not.toContain('\r');
    expect(ann).toMatch(/^T\d+\tPLACE \d+ \d+;\d+ \d+\tDeir Ezzor camp$/m);
    expect(ann).toMatch(/^N\d+\tReference T1 GeoNames:379252\tEl Fasher$/m);
    expect(ann).toMatch(/^N\d+\tReference T1 Gazetteer:geonames-379252\tEl Fasher$/m);
    expect(ann).toMatch(/^E\d+\tBattles:T\d+ ActorA:T3 ActorB:T5 Place:T6 Attribution:E\d+$/m);
  });

  it('catches what brat rejects: a repeated role written Actor1/Actor2, offsets into CRLF text, undeclared types and values', () => {
    const conf = ['[entities]', 'ACTOR', 'PLACE', '[relations]', '[events]', 'Battles\tActor1?:ACTOR, Actor2?:ACTOR', '[attributes]', 'Kind\tArg:<EVENT>, Value:a|b'].join('\n');
    const { config, issues } = parseBratConfig(conf);
    expect(issues).toEqual(['event Battles: role "Actor1" ends in a digit, which brat reads as a repeat count', 'event Battles: role "Actor2" ends in a digit, which brat reads as a repeat count']);
    const text = 'ISIL\r\nfought the army.';
    const ann = ['T1\tACTOR 0 4\tISIL', 'T2\tBattles 6 12\tfought', 'T3\tACTOR 13 21\tthe army', 'E1\tBattles:T2 Actor1:T1 Actor2:T3', 'A1\tKind E1 c', 'T4\tSHIP 0 4\tISIL', ''].join('\n');
    expect(checkBrat(text, ann, config).map((i) => i.message)).toEqual([
      'text "fought" is not the text at the offsets ("ought ")',
      'text "the army" is not the text at the offsets ("he army.")',
      'SHIP is not a known textbound type',
      'Battles cannot take a Actor argument',
      'Battles cannot take a Actor argument',
      'Kind value c is not declared',
    ]);
  });
});
