/**
 * Imports: each reader on files the other tools write (UTF-16 offsets, predictions, stacked and multi-token
 * WebAnno values, BILUO and IOB1 tags), merging that never clobbers accepted work, and round trips
 * export -> import -> export that give back the same files for every format that can be read back.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../../src/cli/runCli';
import { exportCorpus } from '../../src/core/corpus/exportCorpus';
import { importCorpus, type ImportedFileReport } from '../../src/core/corpus/importCorpus';
import { ACLED_TAXONOMY } from '../../src/core/events/taxonomy';
import type { ExportDocument } from '../../src/core/exports/exportDocument';
import { exportFormat } from '../../src/core/exports/exportFormats';
import { toEventsJsonl } from '../../src/core/exports/eventsJsonl';
import type { Gazetteer } from '../../src/core/gazetteer/gazetteer';
import { readConll } from '../../src/core/imports/conllImport';
import { readDoccano } from '../../src/core/imports/doccanoImport';
import { importFormat, IMPORT_FORMATS } from '../../src/core/imports/importFormats';
import { readLabelStudio } from '../../src/core/imports/labelStudioImport';
import { readProdigy } from '../../src/core/imports/prodigyImport';
import { readWebanno } from '../../src/core/imports/webannoImport';
import type { Sidecar } from '../../src/core/model';
import { parseSidecar } from '../../src/core/sidecar/parseSidecar';
import { renderSidecar } from '../../src/core/sidecar/renderSidecar';
import { nodeFileSystem } from '../../src/node/nodeFileSystem';
import { loadExportDocs, lookupUnicodeEntity, unicodeExportDoc, draftExportDoc } from './exportFixtures';
import { MemoryFileSystem } from './memoryFileSystem';
import { testPlaceData } from './detectFixtures';

const sha = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const withHash = (d: ExportDocument): ExportDocument => ({ ...d, sidecar: { ...d.sidecar, document: { ...d.sidecar.document, sha256: d.sidecar.document.sha256 || sha(d.text) } } });
const DOCS = [...loadExportDocs(), unicodeExportDoc(), draftExportDoc()].map(withHash);

const gazetteer = async (): Promise<Gazetteer> => ({ get: lookupUnicodeEntity }) as unknown as Gazetteer;
const quiet = { progress: () => undefined, problem: () => undefined };

function workspace(docs: readonly ExportDocument[], dir = '/ws/a'): MemoryFileSystem {
  const fs = new MemoryFileSystem();
  for (const d of docs) {
    fs.put(`${dir}/${d.name}`, d.text);
    fs.put(`${dir}/${d.name.replace(/\.txt$/, '.ann.yaml')}`, renderSidecar(d.sidecar));
  }
  return fs;
}

const exportTo = (fs: MemoryFileSystem, from: string, format: string, out: string) =>
  exportCorpus(fs, { paths: [from], format: exportFormat(format)!, out, gazetteer, taxonomy: async () => ACLED_TAXONOMY }, quiet);

async function importTo(fs: MemoryFileSystem, format: string, sources: string[], out: string, extra: { dryRun?: boolean; reviewed?: boolean; labels?: Map<string, 'ACTOR' | 'PLACE'> } = {}) {
  const reports: ImportedFileReport[] = [];
  const problems: string[] = [];
  const result = await importCorpus(fs, { format: importFormat(format)!, sources, out, taxonomy: async () => ACLED_TAXONOMY, ...extra }, { progress: () => undefined, problem: (p) => problems.push(`${p.severity}: ${p.message}`), imported: (r) => reports.push(r) });
  return { result, reports, problems };
}

/** The files under a folder (but the manifest), by name relative to it. */
function filesOf(fs: MemoryFileSystem, dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [p, f] of fs.files) if (p.startsWith(`${dir}/`) && !p.endsWith('/manifest.json')) out.set(p.slice(dir.length + 1), new TextDecoder().decode(f.data));
  return out;
}

const sidecarAt = (fs: MemoryFileSystem, path: string): Sidecar => parseSidecar(fs.text(path)!).sidecar!;

describe('round trips: export -> import -> export gives the same files', () => {
  const cases: [string, string, boolean][] = [
    ['brat', 'brat', true],
    ['doccano', 'doccano', false],
    ['label-studio', 'label-studio', false],
    ['jsonl', 'spacy-jsonl', false],
    ['webanno', 'webanno-tsv', true],
    ['conll', 'conll', true],
  ];
  for (const [exp, imp, needsReviewed] of cases) {
    it(`${exp} (imported with --from ${imp}${needsReviewed ? ' --reviewed: the format has no document status' : ': the status travels in the file'})`, async () => {
      const fs = workspace(DOCS);
      const first = await exportTo(fs, '/ws/a', exp, '/ws/out1');
      expect(first.documents).toBe(4);
      const { result, problems } = await importTo(fs, imp, ['/ws/out1'], '/ws/imp', needsReviewed ? { reviewed: true } : {});
      expect(problems).toEqual([]);
      expect(result).toEqual({ documents: 4, failed: 0 });
      const second = await exportTo(fs, '/ws/imp', exp, '/ws/out2');
      expect(second.documents).toBe(4);
      const a = filesOf(fs, '/ws/out1');
      const b = filesOf(fs, '/ws/out2');
      expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
      for (const [name, content] of a) expect(b.get(name), name).toBe(content);
      for (const s of [...fs.files.keys()].filter((p) => p.startsWith('/ws/imp/') && p.endsWith('.ann.yaml'))) {
        const sc = sidecarAt(fs, s);
        expect(sc.mentions.every((m) => m.origin === 'import')).toBe(true);
      }
    });
  }

  it('brat keeps events (type, sub-type, roles, date, fatalities, attribution) and attributions', async () => {
    const fs = workspace(DOCS);
    await exportTo(fs, '/ws/a', 'brat', '/ws/out');
    await importTo(fs, 'brat', ['/ws/out'], '/ws/imp', { reviewed: true });
    const gold = DOCS.slice(0, 3);
    const eventsOf = (docs: ExportDocument[]) =>
      toEventsJsonl(docs, {})
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
        .map((e) => ({ ...e, sha256: undefined, actor1: e.actor1?.text, actor2: e.actor2?.text, place: e.place?.text }));
    const imported = gold.map((d) => {
      const base = `/ws/imp/${d.name.replace(/\.txt$/, '')}`;
      return { name: d.name, text: fs.text(`${base}.txt`)!, sidecar: sidecarAt(fs, `${base}.ann.yaml`) };
    });
    expect(eventsOf(imported)).toEqual(eventsOf(gold));
    expect(imported.map((d) => d.sidecar.attributions.length)).toEqual(gold.map((d) => d.sidecar.attributions.length));
    expect(imported[2].sidecar.attributions.map((a) => [a.cue.text, a.source?.text, a.kind, a.direct])).toEqual(gold[2].sidecar.attributions.map((a) => [a.cue.text, a.source?.text, a.kind, a.direct]));
  });
});

describe('merging never clobbers accepted work', () => {
  const text = 'ISIL fighters attacked Mosul and Tal Afar, officials said.';
  const existing = (): ExportDocument =>
    withHash({
      name: 'a.txt',
      text,
      sidecar: {
        version: 1,
        document: { text: 'a.txt', sha256: '', status: 'draft' },
        mentions: [
          { id: 'm1', label: 'ACTOR', start: 0, end: 13, text: 'ISIL fighters', status: 'accepted', origin: 'manual', entity: 'isil' },
          { id: 'm2', label: 'PLACE', start: 23, end: 28, text: 'Mosul', status: 'suggested', origin: 'gazetteer' },
        ],
        attributions: [],
        events: [],
        rejected: [{ kind: 'mention', label: 'ACTOR', start: 43, end: 52, text: 'officials' }],
      },
    });
  const doccano = JSON.stringify({
    text,
    label: [
      [0, 13, 'ACTOR'], // already there
      [0, 13, 'PLACE'], // same span as accepted ACTOR: conflict
      [5, 22, 'ACTOR'], // crosses the accepted ACTOR: conflict
      [0, 4, 'ACTOR'], // nested in it: fine
      [43, 52, 'ACTOR'], // rejected here: conflict
      [23, 32, 'PLACE'], // "Mosul and" overlaps the suggestion: supersedes it
      [33, 41, 'GPE'], // unknown label
    ],
  });

  it('keeps, adds, supersedes suggestions and reports conflicts; a dry run writes nothing', async () => {
    const fs = workspace([existing()]);
    fs.put('/in/a.jsonl', doccano.replace('{', '{"meta":{"name":"a.txt"},'));
    const before = fs.text('/ws/a/a.ann.yaml');
    const dry = await importTo(fs, 'doccano', ['/in/a.jsonl'], '/ws/a', { dryRun: true });
    expect(fs.writes).toEqual([]);
    expect(fs.text('/ws/a/a.ann.yaml')).toBe(before);
    expect(dry.reports[0]).toMatchObject({ written: false, newText: false, kept: 1, superseded: 1, added: { mentions: 2, attributions: 0, events: 0 } });
    expect(dry.reports[0].conflicts).toEqual([
      'PLACE "ISIL fighters" (0-13) is accepted ACTOR m1 "ISIL fighters"',
      'ACTOR "fighters attacked" (5-22) crosses accepted ACTOR m1 "ISIL fighters"',
      'ACTOR "officials" (43-52) was rejected here',
    ]);
    expect(dry.reports[0].skipped).toEqual(['1 × label "GPE" (map it with --map GPE=ACTOR or GPE=PLACE)']);

    const real = await importTo(fs, 'doccano', ['/in/a.jsonl'], '/ws/a', { labels: new Map([['GPE', 'PLACE']]), reviewed: true });
    expect(real.reports[0]).toMatchObject({ written: true, added: { mentions: 3 }, status: 'reviewed' });
    const s = sidecarAt(fs, '/ws/a/a.ann.yaml');
    expect(s.mentions.find((m) => m.id === 'm1')).toEqual(existing().sidecar.mentions[0]);
    expect(s.mentions.map((m) => [m.text, m.label, m.status, m.origin])).toEqual([
      ['ISIL', 'ACTOR', 'accepted', 'import'],
      ['ISIL fighters', 'ACTOR', 'accepted', 'manual'],
      ['Mosul and', 'PLACE', 'accepted', 'import'],
      ['Tal Afar', 'PLACE', 'accepted', 'import'],
    ]);
    expect(s.rejected).toEqual(existing().sidecar.rejected);
    expect(s.document.status).toBe('reviewed');
  });

  it('a requested review is not applied while detector suggestions remain', async () => {
    const fs = workspace([existing()]);
    fs.put('/in/a.jsonl', JSON.stringify({ text, label: [[33, 41, 'PLACE']], meta: { name: 'a.txt' } }));
    const r = await importTo(fs, 'doccano', ['/in/a.jsonl'], '/ws/a', { reviewed: true });
    expect(r.reports[0].status).toBe('draft');
    expect(r.reports[0].statusNote).toBe('left draft: 1 detector suggestions of the sidecar remain (accept or reject them, then mark the document reviewed)');
  });

  it('maps LF offsets onto an existing CRLF text, and refuses a text that differs', async () => {
    const crlf = 'Clashes in Deir\r\nEzzor.\r\nISIL retreated.';
    const fs = new MemoryFileSystem({ '/ws/a/d.txt': crlf, '/in/d.ann': 'T1\tPLACE 11 15;16 21\tDeir Ezzor\nT2\tACTOR 23 27\tISIL\n', '/in/d.txt': crlf.replace(/\r\n/g, '\n') });
    const r = await importTo(fs, 'brat', ['/in'], '/ws/a');
    expect(r.problems).toEqual([]);
    expect(sidecarAt(fs, '/ws/a/d.ann.yaml').mentions.map((m) => [m.text, m.start, m.end])).toEqual([['Deir\r\nEzzor', 11, 22], ['ISIL', 25, 29]]);
    fs.put('/in/d.txt', 'Clashes in Deir\nEzzor.\nISIL advanced.');
    const bad = await importTo(fs, 'brat', ['/in'], '/ws/a');
    expect(bad.result.failed).toBe(1);
    expect(bad.problems).toEqual(["error: d.ann: the imported text differs from this file's; not imported"]);
  });
});

describe('readers on files the other tools write', () => {
  it('doccano: UTF-16 offsets after emoji, the entities format', () => {
    const text = '👨‍👩‍👧 ISIL attacked Mosul';
    const r = readDoccano({ name: 'd.jsonl', text: `${JSON.stringify({ text, label: [[9, 13, 'ACTOR']] })}\n${JSON.stringify({ text, entities: [{ id: 1, label: 'PLACE', start_offset: 23, end_offset: 28 }] })}\n{bad\n` });
    expect(r.documents.map((d) => d.name)).toEqual(['d_0001.txt', 'd_0002.txt']);
    const cp = (d: (typeof r.documents)[0]) => d.mentions.map((m) => [[...text].slice(m.start, m.end).join(''), m.label]);
    expect(r.documents.map(cp)).toEqual([[['ISIL', 'ACTOR']], [['Mosul', 'PLACE']]]);
    expect(r.problems.map((p) => p.line)).toEqual([3]);
  });

  it('Label Studio: annotations accepted, predictions suggested, cancelled annotations ignored, old UTF-16 offsets recognised', () => {
    const text = '🔥 ISIL seized Mosul';
    const region = (start: number, end: number, label: string, t: string) => ({ id: `${label}${start}`, from_name: 'label', to_name: 'text', type: 'labels', value: { start, end, text: t, labels: [label] } });
    const tasks = [
      {
        id: 7,
        data: { text },
        annotations: [
          { was_cancelled: true, result: [region(2, 6, 'PLACE', 'ISIL')] },
          { result: [region(2, 6, 'ACTOR', 'ISIL'), region(15, 20, 'PLACE', 'Mosul')] }, // Mosul in UTF-16 units
        ],
        predictions: [{ model_version: 'm', result: [region(7, 13, 'ACTOR', 'seized')] }],
      },
    ];
    const r = readLabelStudio({ name: 'ls.json', text: JSON.stringify(tasks) });
    expect(r.problems).toEqual([]);
    const d = r.documents[0];
    expect(d.name).toBe('ls_task_7.txt');
    expect(d.mentions.map((m) => [[...text].slice(m.start, m.end).join(''), m.label, m.status])).toEqual([['ISIL', 'ACTOR', 'accepted'], ['Mosul', 'PLACE', 'accepted'], ['seized', 'ACTOR', 'suggested']]);
  });

  it('Prodigy: accepted answers only', () => {
    const lines = [
      { text: 'ISIL took Mosul.', spans: [{ start: 0, end: 4, label: 'ORG' }, { start: 10, end: 15, label: 'GPE' }], answer: 'accept' },
      { text: 'Nothing here.', spans: [], answer: 'reject' },
      { text: 'Ignored.', spans: [], answer: 'ignore' },
    ];
    const r = readProdigy({ name: 'p.jsonl', text: lines.map((l) => JSON.stringify(l)).join('\n') });
    expect(r.documents).toHaveLength(1);
    expect(r.documents[0].mentions.map((m) => m.label)).toEqual(['ORG', 'GPE']);
    expect(r.problems.map((p) => [p.severity, p.message, p.line])).toEqual([['warning', 'answer "reject": not imported', 2], ['warning', 'answer "ignore": not imported', 3]]);
  });

  it('WebAnno TSV 3.3: multi-token and stacked values, identifiers, escapes, UTF-16 offsets', () => {
    const tsv = [
      '#FORMAT=WebAnno TSV 3.3',
      '#T_SP=de.tudarmstadt.ukp.dkpro.core.api.lexmorph.type.pos.POS|PosValue',
      '#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|identifier|value',
      '',
      '',
      '#Text=Ms. Haag plays Elianti 😊.',
      '1-1\t0-3\tMs.\tNNP\t*[1]|*[2]\tPER[1]|PERpart[2]\t',
      '1-2\t4-8\tHaag\tNNP\t*[1]\tPER[1]\t',
      '1-3\t9-14\tplays\tVBD\t_\t_\t',
      '1-4\t15-22\tElianti\tNNP\tQ42\tWORK\\_OF\\_ART\t',
      '1-5\t23-25\t😊\tSYM\t_\t_\t',
      '1-6\t25-26\t.\t.\t_\t_\t',
      '',
      '#Text=Mosul fell.',
      '2-1\t28-33\tMosul\tNNP\tgeonames-99072\tLOC\t',
      '2-2\t34-38\tfell\tVBD\t_\t_\t',
      '2-3\t38-39\t.\t.\t_\t_\t',
      '',
    ].join('\n');
    const r = readWebanno({ name: 'doc.tsv', text: tsv });
    expect(r.problems).toEqual([]);
    const d = r.documents[0];
    expect(d.name).toBe('doc.txt');
    expect(d.text).toBe('Ms. Haag plays Elianti 😊.\n\nMosul fell.');
    const cps = [...d.text];
    expect(d.mentions.map((m) => [cps.slice(m.start, m.end).join(''), m.label, m.entity])).toEqual([
      ['Ms. Haag', 'PER', undefined],
      ['Ms.', 'PERpart', undefined],
      ['Elianti', 'WORK_OF_ART', 'Q42'],
      ['Mosul', 'LOC', 'geonames-99072'],
    ]);
  });

  it('CoNLL: BILUO and IOB1 tags, documents and sentences', () => {
    const conll = ['-DOCSTART- -X- O O', '', 'Islamic B-ORG', 'State L-ORG', 'took O', 'Mosul U-LOC', '. O', '', 'Then O', 'Tal I-LOC', 'Afar I-LOC', 'Mosul B-LOC', '-DOCSTART- -X- O O', '', 'Done O', ''].join('\n');
    const r = readConll({ name: 'x.conll', text: conll });
    expect(r.documents.map((d) => d.name)).toEqual(['x_0001.txt', 'x_0002.txt']);
    const d = r.documents[0];
    expect(d.text).toBe('Islamic State took Mosul.\nThen Tal Afar Mosul');
    expect(d.mentions.map((m) => [[...d.text].slice(m.start, m.end).join(''), m.label])).toEqual([['Islamic State', 'ORG'], ['Mosul', 'LOC'], ['Tal Afar', 'LOC'], ['Mosul', 'LOC']]);
  });

  it('every format reads nothing but problems from garbage', () => {
    for (const f of IMPORT_FORMATS) {
      const r = f.read({ name: 'x', text: '\u0000{not a format', companion: '' }, ACLED_TAXONOMY);
      expect(r.documents.every((d) => d.mentions.length === 0), f.id).toBe(true);
    }
  });
});

describe('conflict-annotator import', () => {
  const made: string[] = [];
  afterAll(() => {
    for (const d of made) rmSync(d, { recursive: true, force: true });
  });

  async function cli(cwd: string, ...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, { fs: nodeFileSystem, io: { out: (l) => out.push(l), err: (l) => err.push(l), cwd }, loadPlaceData: testPlaceData });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('previews with --dry-run, then writes texts and sidecars with origin import', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'import-cli-'));
    made.push(dir);
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'in', 'tasks.jsonl'), `${JSON.stringify({ text: 'ISIL took Mosul.', label: [[0, 4, 'ACTOR'], [10, 15, 'LOC']], meta: { name: 'mosul.txt' } })}\n`);
    const dry = await cli(dir, 'import', '--from', 'doccano', 'in', '-o', 'corpus', '--map', 'LOC=PLACE', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toBe('corpus/mosul.ann.yaml: would write (new text) +2 mentions, +0 attributions, +0 events, draft');
    expect(dry.err).toBe('1 documents would be imported from doccano');
    expect(existsSync(join(dir, 'corpus'))).toBe(false);
    const real = await cli(dir, 'import', '--from', 'doccano', 'in', '-o', 'corpus', '--map', 'LOC=PLACE');
    expect(real.code).toBe(0);
    expect(readFileSync(join(dir, 'corpus', 'mosul.txt'), 'utf8')).toBe('ISIL took Mosul.');
    const s = parse(readFileSync(join(dir, 'corpus', 'mosul.ann.yaml'), 'utf8')) as Sidecar;
    expect(s.mentions.map((m) => [m.text, m.label, m.origin])).toEqual([['ISIL', 'ACTOR', 'import'], ['Mosul', 'PLACE', 'import']]);
    expect((await cli(dir, 'validate', 'corpus')).code).toBe(0);
    const bad = await cli(dir, 'import', '--from', 'xml', 'in', '-o', 'corpus');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--from must be one of brat, doccano, label-studio, prodigy, spacy-jsonl, conll, webanno-tsv');
    // mistakes in what was given are errors of the input (exit 1), not internal errors
    const onFile = await cli(dir, 'import', '--from', 'doccano', 'in', '-o', join('corpus', 'mosul.txt'));
    expect(onFile.code).toBe(1);
    expect(onFile.err).toMatch(/^error: -o .*mosul\.txt is a file/);
    mkdirSync(join(dir, 'empty'));
    const none = await cli(dir, 'import', '--from', 'brat', 'empty', '-o', 'corpus');
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/^error: no \.ann files under /);
  });
});
