/**
 * The command line end to end: runCli in-process on real temporary folders (node file system port), plus the
 * bundled dist/cli.js spawned as a child process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { parse as parseYaml } from 'yaml';
import { runCli } from '../../src/cli/runCli';
import { outputPath } from '../../src/core/corpus/corpusPaths';
import { nodeFileSystem } from '../../src/node/nodeFileSystem';
import { splitOf } from '../../src/core/exports/splitOf';
import type { Sidecar } from '../../src/core/model';
import { testPlaceData } from './detectFixtures';
import { compilePlaceIndex } from '../../src/core/gazetteer/placeIndex';
import { DETECTOR_VERSION } from '../../src/core/detection/detectorVersion';
import { parseSidecar } from '../../src/core/sidecar/parseSidecar';
import { withQuotes } from '../../src/core/sidecar/sidecarStore';
import { decodeText } from '../../src/core/text/decodeText';

const ROOT = resolve(__dirname, '..', '..');
const SAMPLES = join(ROOT, 'media', 'samples', 'articles');
const GOLD = join(ROOT, 'test', 'fixtures', 'gold');
const HELDOUT = join(ROOT, 'test', 'fixtures', 'heldout');
const FIRST = '000_db39f04dd305928f';

const made: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'conflict-cli-'));
  made.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

interface Run {
  code: number;
  out: string;
  err: string;
}

async function cli(cwd: string, ...argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { fs: nodeFileSystem, io: { out: (l) => out.push(l), err: (l) => err.push(l), cwd }, loadPlaceData: testPlaceData });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A fresh folder with the sample articles under `articles/`. */
function sampleCorpus(): string {
  const dir = tempDir();
  cpSync(SAMPLES, join(dir, 'articles'), { recursive: true });
  return dir;
}

const read = (path: string): string => readFileSync(path, 'utf8');
/** The sidecar as the tools read it: the quotes a file leaves out filled in from its text. */
const sidecarOf = (path: string): Sidecar => {
  const text = decodeText(readFileSync(path.replace(/\.ann\.yaml$/, '.txt')));
  return withQuotes(parseSidecar(read(path)).sidecar!, text.text, text.sha256);
};
/** Python-style slice: code points. */
const cpSlice = (text: string, start: number, end: number): string => Array.from(text).slice(start, end).join('');
const lineOf = (yaml: string, needle: string): number => yaml.slice(0, yaml.indexOf(needle)).split('\n').length;
/** A suggestion's line with `status: accepted` (a suggestion has no status of its own on disk), as a person adds it. */
const accepted = (line: string): string => (line.includes(', origin: ') ? line.replace(', origin: ', ', status: accepted, origin: ') : line.replace(/\}$/, ', status: accepted}'));

function allSpans(s: Sidecar): { start: number; end: number; text: string }[] {
  return [
    ...s.mentions.filter((m) => !m.orphan),
    ...s.attributions.filter((a) => !a.orphan).flatMap((a) => [a.cue, ...(a.source ? [a.source] : []), ...(a.content ? [a.content] : [])]),
    ...s.events.filter((e) => !e.orphan),
  ];
}

function expectQuotesMatch(text: string, s: Sidecar): void {
  const spans = allSpans(s);
  expect(spans.length).toBeGreaterThan(0);
  for (const sp of spans) expect(cpSlice(text, sp.start, sp.end)).toBe(sp.text);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

// Detection builds a full gazetteer per command; give the slower cases room.
const SLOW = 60_000;

describe('annotate', () => {
  it('detects on one thread per core unless --jobs says otherwise, and never on more threads than documents', { timeout: SLOW }, async () => {
    const sizes: number[] = [];
    const run = async (dir: string, ...args: string[]) => {
      const err: string[] = [];
      // the pool is asked for and declined: detection then runs in this thread, as without a worker bundle
      const code = await runCli(['annotate', 'articles', ...args], { fs: nodeFileSystem, io: { out: () => undefined, err: (l) => err.push(l), cwd: dir }, loadPlaceData: testPlaceData, detectorPool: (size) => (sizes.push(size), undefined) });
      expect(code, err.join('\n')).toBe(0);
    };
    await run(sampleCorpus());
    await run(sampleCorpus(), '--jobs', '2');
    await run(sampleCorpus(), '--jobs', '9');
    const cores = Math.min(availableParallelism(), 3);
    expect(sizes).toEqual([...(cores > 1 ? [cores] : []), 2, 3]);
    expect((await cli(sampleCorpus(), 'annotate', 'articles', '--jobs', '0')).code).toBe(2);
  });

  it('creates sidecars that validate, and a second run writes the same bytes', { timeout: SLOW }, async () => {
    const dir = sampleCorpus();
    const first = await cli(dir, 'annotate', 'articles');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(new RegExp(`articles/${FIRST}\\.ann\\.yaml: \\+\\d+ suggested`));
    const names = readdirSync(join(dir, 'articles')).filter((f) => f.endsWith('.ann.yaml')).sort();
    expect(names).toEqual(readdirSync(SAMPLES).map((f) => f.replace(/\.txt$/, '.ann.yaml')).sort());
    const before = names.map((n) => readFileSync(join(dir, 'articles', n)));
    for (const n of names) {
      const s = sidecarOf(join(dir, 'articles', n));
      expect(s.mentions.length).toBeGreaterThan(0);
      expectQuotesMatch(read(join(dir, 'articles', n.replace(/\.ann\.yaml$/, '.txt'))), s);
    }
    const valid = await cli(dir, 'validate', 'articles');
    expect(valid.code).toBe(0);
    expect(valid.err).toContain(`${names.length} sidecars checked, 0 errors`);

    // sealed by the first run: every document is skipped, none is listed, none written
    const again = await cli(dir, 'annotate', 'articles');
    expect(again.code).toBe(0);
    expect(again.out).toBe('');
    expect(again.err).toContain(`${names.length} of ${names.length} documents annotated, ${names.length} unchanged since the last run`);
    names.forEach((n, i) => expect(readFileSync(join(dir, 'articles', n)).equals(before[i])).toBe(true));
  });

  it('leaves a version 1 sidecar alone until something in it changes, then writes version 2', { timeout: SLOW }, async () => {
    const dir = tempDir();
    const name = '004_c6c6a49fe15b7881';
    mkdirSync(join(dir, 'articles'));
    cpSync(join(SAMPLES, `${name}.txt`), join(dir, 'articles', `${name}.txt`));
    const path = join(dir, 'articles', `${name}.ann.yaml`);
    const v1 = read(join(ROOT, 'test', 'fixtures', 'v1', `${name}.ann.yaml`));
    writeFileSync(path, v1);
    for (const args of [['validate'], ['stats'], ['export', '--format', 'jsonl', '-o', 'out']]) {
      const r = await cli(dir, ...args, 'articles');
      expect([args[0], r.code]).toEqual([args[0], 0]);
      expect(read(path)).toBe(v1);
    }
    // the version 1 file predates event suggestions, so annotate has something to add: it writes version 2,
    // keeping the numbered ids and the decisions, and hashing the ids of what it adds
    const decided = v1.replace(/(\{id: m5,[^\n]*)status: suggested/, '$1status: accepted');
    writeFileSync(path, decided.replace(/\n  - \{id: m6,[^\n]*/, ''));
    expect((await cli(dir, 'annotate', 'articles')).out).toMatch(/\+\d+ suggested, -0 stale/);
    const after = read(path);
    expect(after).toMatch(/\nversion: 2\n/);
    expect(after).toContain(`detector: "${DETECTOR_VERSION}"`);
    const s = sidecarOf(path);
    expect(s.mentions.find((m) => m.id === 'm5')).toMatchObject({ status: 'accepted', prefix: expect.any(String) });
    expect(s.mentions.find((m) => m.id === 'm7')).toMatchObject({ status: 'suggested' });
    expect(s.mentions.find((m) => m.id === 'm7')!.prefix).toBeUndefined();
    expect(s.mentions.find((m) => m.text === 'Isil')!.id).toMatch(/^m-[0-9a-f]{6}$/);
    expect(s.rejected).toHaveLength(1);
    expect((await cli(dir, 'validate', 'articles')).code).toBe(0);
  });

  it('--date and --dates give the publication date that relative dates resolve against', { timeout: SLOW }, async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'articles'));
    const story = 'Gunmen attacked a market in Kunduz on Friday, killing 12 people.\n';
    writeFileSync(join(dir, 'articles', 'a.txt'), story);
    writeFileSync(join(dir, 'articles', 'b.txt'), story);
    const events = (name: string) => sidecarOf(join(dir, 'articles', `${name}.ann.yaml`)).events.map((e) => e.date);
    expect((await cli(dir, 'annotate', 'articles')).code).toBe(0);
    expect(events('a')).toEqual([undefined]);
    // 2020-03-09 is a Monday: "on Friday" is 2020-03-06
    expect((await cli(dir, 'annotate', '--date', '2020-03-09', 'articles')).code).toBe(0);
    expect(sidecarOf(join(dir, 'articles', 'a.ann.yaml')).document.date).toBe('2020-03-09');
    expect(events('a')).toEqual(['2020-03-06']);
    writeFileSync(join(dir, 'sources.csv'), 'file,published\na.txt,2021-06-14\nb.txt,"June 21, 2021"\nc.txt,someday\n');
    const r = await cli(dir, 'annotate', '--dates', 'sources.csv', 'articles');
    expect(r.code).toBe(0);
    expect(r.err).toContain('sources.csv:4');
    expect([events('a'), events('b')]).toEqual([['2021-06-11'], ['2021-06-18']]);
    expect((await cli(dir, 'annotate', '--date', 'March 9', 'articles')).code).toBe(2);
    expect((await cli(dir, 'annotate', '--date', '2020-03-09', '--dates', 'sources.csv', 'articles')).code).toBe(2);
    expect((await cli(dir, 'annotate', '--dates', 'missing.csv', 'articles')).code).toBe(1);
  });

  it('--dry-run writes nothing', { timeout: SLOW }, async () => {
    const dir = sampleCorpus();
    const r = await cli(dir, 'annotate', '--dry-run', 'articles');
    expect(r.code).toBe(0);
    expect(r.out).toContain('would write');
    expect(readdirSync(join(dir, 'articles')).filter((f) => f.endsWith('.ann.yaml'))).toEqual([]);
  });

  it('keeps accepted mentions, rejections and comments when run again', { timeout: SLOW }, async () => {
    const dir = sampleCorpus();
    const path = join(dir, 'articles', `${FIRST}.ann.yaml`);
    expect((await cli(dir, 'annotate', 'articles')).code).toBe(0);
    const original = sidecarOf(path);
    const [m1, m2] = original.mentions;
    expect(m1.status).toBe('suggested');
    const lines = read(path).split('\n');
    const i1 = lines.findIndex((l) => l.startsWith(`- {id: ${m1.id},`));
    const i2 = lines.findIndex((l) => l.startsWith(`- {id: ${m2.id},`));
    lines[i1] = accepted(lines[i1]);
    lines.splice(i2, 1); // the rejected suggestion leaves the mentions list ...
    const edited = lines
      .join('\n')
      .replace('mentions:\n', '# checked against the wire copy\nmentions:\n')
      // ... and goes to rejected
      .replace('rejected: []', `rejected:\n  - {kind: mention, label: ${m2.label}, start: ${m2.start}, end: ${m2.end}, text: ${JSON.stringify(m2.text)}}`);
    writeFileSync(path, edited);

    const r = await cli(dir, 'annotate', 'articles');
    expect(r.code).toBe(0);
    const yaml = read(path);
    expect(yaml).toContain('# checked against the wire copy');
    const after = sidecarOf(path);
    expect(after.mentions.find((m) => m.id === m1.id)).toMatchObject({ status: 'accepted', start: m1.start, end: m1.end, text: m1.text });
    expect(after.mentions.some((m) => m.start === m2.start && m.end === m2.end && m.label === m2.label)).toBe(false);
    // (given the context it is re-anchored with when the text changes)
    expect(after.rejected).toEqual([{ kind: 'mention', label: m2.label, start: m2.start, end: m2.end, text: m2.text, prefix: expect.any(String), suffix: expect.any(String) }]);
    // every other suggestion is still there
    expect(after.mentions.length).toBe(original.mentions.length - 1);
  });

  it('re-anchors after the text changes on disk', { timeout: SLOW }, async () => {
    const dir = sampleCorpus();
    const textPath = join(dir, 'articles', `${FIRST}.txt`);
    const path = join(dir, 'articles', `${FIRST}.ann.yaml`);
    expect((await cli(dir, 'annotate', 'articles')).code).toBe(0);
    const third = sidecarOf(path).mentions[2].id;
    writeFileSync(path, read(path).replace(new RegExp(`\\{id: ${third},[^\\n]*`), accepted));
    const before = sidecarOf(path);
    const m3 = before.mentions.find((m) => m.id === third)!;
    expect(m3.status).toBe('accepted');
    // accepted by hand, it has no context yet; the next annotate gives it some while the text is unchanged
    expect(m3.prefix).toBeUndefined();
    expect((await cli(dir, 'annotate', 'articles')).code).toBe(0);
    expect(sidecarOf(path).mentions.find((m) => m.id === third)!.prefix).toEqual(expect.any(String));
    const note = 'Editor’s note — this story was updated 🕊 after publication.\n\n';
    const text = note + read(textPath);
    writeFileSync(textPath, text);

    const r = await cli(dir, 'annotate', `articles/${FIRST}.txt`);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/text changed: \d+ moved, 0 orphaned/);
    const after = sidecarOf(path);
    expect(after.document.sha256).toBe(createHash('sha256').update(readFileSync(textPath)).digest('hex'));
    const shift = Array.from(note).length;
    expect(after.mentions.find((m) => m.id === third)).toMatchObject({ status: 'accepted', start: m3.start + shift, end: m3.end + shift, text: m3.text });
    expectQuotesMatch(text, after);
    expect((await cli(dir, 'validate', `articles/${FIRST}.txt`)).code).toBe(0);
  });

  it('refuses to overwrite a sidecar it cannot parse', { timeout: SLOW }, async () => {
    const dir = sampleCorpus();
    const path = join(dir, 'articles', `${FIRST}.ann.yaml`);
    const broken = 'version: 1\ndocument: {text: "x.txt"\nmentions: [\n';
    writeFileSync(path, broken);
    const r = await cli(dir, 'annotate', 'articles');
    expect(r.code).toBe(1);
    expect(r.err).toContain(`articles/${FIRST}.ann.yaml: error: not changed`);
    expect(read(path)).toBe(broken);
    // the other articles were still annotated
    expect(existsSync(join(dir, 'articles', '002_423dc2fc7979b9d9.ann.yaml'))).toBe(true);
  });

  it('rejects binary and non-UTF-8 texts with a clear message and writes no sidecar', { timeout: SLOW }, async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
    writeFileSync(join(dir, 'latin1.txt'), Buffer.from('Mosul, 12 June 2014\nFighters entered the caf\xe9 in Mosul.\n', 'latin1'));
    const r = await cli(dir, 'annotate', '.');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/binary\.txt: error: this looks like a binary file \(NUL byte at offset 8\)/);
    expect(r.err).toMatch(/latin1\.txt: error: the file is not valid UTF-8 \(first bad byte at offset 44\)/);
    expect(r.err).toContain('0 of 2 documents annotated');
    expect(readdirSync(dir).sort()).toEqual(['binary.txt', 'latin1.txt']);
  });

  it('counts offsets in code points for CRLF, emoji and Arabic text', { timeout: SLOW }, async () => {
    const dir = tempDir();
    const text =
      'BAGHDAD, 12 June 2014\r\n\r\n' +
      '🔥🔥 Breaking: ISIL fighters seized Mosul on Tuesday, the Syrian Observatory for Human Rights said.\r\n' +
      'قال مسؤول عراقي 👍 إن القتال مستمر. Nouri al-Maliki said Iraqi troops would retake Tikrit.\r\n';
    writeFileSync(join(dir, 'mixed.txt'), text);
    const r = await cli(dir, 'annotate', 'mixed.txt');
    expect(r.code).toBe(0);
    const s = sidecarOf(join(dir, 'mixed.ann.yaml'));
    expectQuotesMatch(text, s);
    const maliki = s.mentions.find((m) => m.text === 'Nouri al-Maliki');
    expect(maliki).toBeDefined();
    // three emoji before it, two UTF-16 code units each: the stored offset is the code point one
    const utf16 = text.indexOf('Nouri al-Maliki');
    expect(maliki!.start).toBe(Array.from(text.slice(0, utf16)).length);
    expect(maliki!.start).toBe(utf16 - 3);
    expect(s.mentions.some((m) => m.text === 'Mosul')).toBe(true);
    expect((await cli(dir, 'validate', 'mixed.txt')).code).toBe(0);

    // spaCy export offsets are code points too, CRLF kept as stored
    const out = await cli(dir, 'export', 'mixed.txt', '--format', 'jsonl', '-o', 'out', '--include-suggestions');
    expect(out.code).toBe(0);
    const rec = JSON.parse(read(join(dir, 'out', 'corpus.spacy.jsonl')));
    expect(rec.text).toBe(text);
    expect(rec.spans.length).toBe(s.mentions.length);
    for (const sp of rec.spans) expect(s.mentions.some((m) => m.start === sp.start && m.end === sp.end && cpSlice(text, sp.start, sp.end) === m.text)).toBe(true);
  });

  it('counts offsets from after a UTF-8 byte order mark and hashes the raw bytes', { timeout: SLOW }, async () => {
    const dir = tempDir();
    const text = 'MOSUL, 12 June 2014\n\nISIL fighters seized Mosul, the Syrian Observatory for Human Rights said.\n';
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    writeFileSync(join(dir, 'bom.txt'), bytes);
    const r = await cli(dir, 'annotate', 'bom.txt');
    expect(r.code).toBe(0);
    const s = sidecarOf(join(dir, 'bom.ann.yaml'));
    expect(s.document.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expectQuotesMatch(text, s);
    expect(s.mentions.find((m) => m.text === 'ISIL')?.start).toBe(text.indexOf('ISIL'));
    expect((await cli(dir, 'validate', '.')).code).toBe(0);
    expect(readFileSync(join(dir, 'bom.txt')).equals(bytes)).toBe(true);
  });
});

describe('validate', () => {
  let dir: string;
  let good: string;
  const path = (): string => join(dir, 'articles', `${FIRST}.ann.yaml`);
  beforeAll(async () => {
    dir = sampleCorpus();
    expect((await cli(dir, 'annotate', 'articles')).code).toBe(0);
    good = read(path());
  }, SLOW);

  async function validateWith(yaml: string): Promise<Run> {
    writeFileSync(path(), yaml);
    return cli(dir, 'validate', 'articles');
  }

  const ids = (): string[] => parseSidecar(good).sidecar!.mentions.map((m) => m.id);
  const m1Line = (): number => lineOf(good, `- {id: ${ids()[0]},`);
  const name = `articles/${FIRST}.ann.yaml`;

  it('reports malformed YAML with file and line', async () => {
    const yaml = good.replace(/(\n- \{id: m-[^\n]*)\}\n/, '$1\n');
    const r = await validateWith(yaml);
    expect(r.code).toBe(1);
    // every problem validate finds is on stdout, the summary on stderr
    expect(r.out).toMatch(new RegExp(`^${name}:\\d+: error: `, 'm'));
    expect(r.out).not.toMatch(new RegExp(`^${name}:0:`, 'm'));
  });

  it('reports offsets past the end of the text', async () => {
    const r = await validateWith(good.replace(`{id: ${ids()[0]}, label: PLACE, start: 23, end: 27, text: "Iraq"`, `{id: ${ids()[0]}, label: PLACE, start: 990023, end: 990027, text: "Iraq"`));
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${name}:${m1Line()}: error: mentions[0]: offsets 990023-990027 are past the end of the text`);
  });

  it('reports a quote that does not match the text', async () => {
    const r = await validateWith(good.replace(`{id: ${ids()[0]}, label: PLACE, start: 23, end: 27, text: "Iraq"`, `{id: ${ids()[0]}, label: PLACE, start: 23, end: 27, text: "Iran"`));
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${name}:${m1Line()}: error: mentions[0]: quote "Iran" does not match the text at 23-27 ("Iraq")`);
  });

  it('reports duplicate ids', async () => {
    const [m1, m2] = ids();
    const r = await validateWith(good.replace(`{id: ${m2},`, `{id: ${m1},`));
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${name}:${lineOf(good, `- {id: ${m2},`)}: error: mentions[1].id: duplicate id '${m1}'`);
  });

  it('reports a sidecar whose article was renamed away, and fails when there is no sidecar at all', async () => {
    writeFileSync(path(), good);
    cpSync(path(), join(dir, 'articles', 'renamed-away.ann.yaml'));
    const r = await cli(dir, 'validate', 'articles');
    expect(r.code).toBe(1);
    expect(r.out).toContain('articles/renamed-away.ann.yaml:1: error: its text renamed-away.txt is missing');
    rmSync(join(dir, 'articles', 'renamed-away.ann.yaml'));
    const empty = tempDir();
    cpSync(join(SAMPLES, `${FIRST}.txt`), join(empty, 'a.txt'));
    const none = await cli(empty, 'validate', '.');
    expect(none.code).toBe(1);
    expect(none.err).toContain('no sidecars found');
  });

  it('reports a coding ACLED would not accept as a warning, with exit code 0', async () => {
    const battle = /- \{id: (e-[0-9a-f]+), type: Battles, subtype: [^,]+, ([^\n]*inter2: [1-48],)/.exec(good);
    expect(battle).not.toBeNull();
    const r = await validateWith(good.replace(battle![0], `- {id: ${battle![1]}, type: Violence against civilians, subtype: Attack, ${battle![2]}`));
    expect(r.code).toBe(0);
    const index = parseSidecar(good).sidecar!.events.findIndex((e) => e.id === battle![1]);
    expect(r.out).toContain(`${name}:${lineOf(good, `- {id: ${battle![1]},`)}: warning: events[${index}] (Violence against civilians / Attack): Violence against civilians targets unarmed civilians (inter 7), but actor 2 is `);
    expect(r.err).toContain('0 errors');
  });

  it('passes the untouched sidecar and a sidecar path given directly', async () => {
    writeFileSync(path(), good);
    expect((await cli(dir, 'validate', 'articles')).code).toBe(0);
    expect((await cli(dir, 'validate', name)).code).toBe(0);
  });
});

describe('export', () => {
  let dir: string;
  const FORMATS = ['jsonl', 'hf', 'conll', 'brat', 'events', 'acled-csv'] as const;
  const CORPUS_FILE: Record<Exclude<(typeof FORMATS)[number], 'brat'>, string> = {
    jsonl: 'corpus.spacy.jsonl',
    hf: 'corpus.hf.jsonl',
    conll: 'corpus.conll',
    events: 'corpus.events.jsonl',
    'acled-csv': 'corpus.acled.csv',
  };
  beforeAll(async () => {
    dir = sampleCorpus();
    expect((await cli(dir, 'annotate', 'articles')).code).toBe(0);
  }, SLOW);

  /** Number of labelled items in one export: spans, B- tags, brat T lines, event records or CSV rows. */
  function countItems(format: (typeof FORMATS)[number], out: string): number {
    if (format === 'brat') {
      return readdirSync(out)
        .filter((f) => f.endsWith('.ann'))
        .reduce((n, f) => n + read(join(out, f)).split('\n').filter((l) => /^T\d+\t/.test(l)).length, 0);
    }
    // Hugging Face writes no data file for a split without records
    if (!existsSync(join(out, CORPUS_FILE[format]))) return 0;
    const body = read(join(out, CORPUS_FILE[format]));
    if (format === 'jsonl') return body.trim().split('\n').filter(Boolean).reduce((n, l) => n + JSON.parse(l).spans.length, 0);
    if (format === 'hf') return body.trim().split('\n').filter(Boolean).reduce((n, l) => n + JSON.parse(l).ner_tags.filter((t: number) => t === 1 || t === 3).length, 0);
    if (format === 'conll') return body.split('\n').filter((l) => / B-(ACTOR|PLACE)$/.test(l)).length;
    if (format === 'events') return body.split('\n').filter((l) => l.trim()).length;
    return body.split('\n').filter((l) => l.trim()).length - 1; // CSV header
  }
  const manifestOf = (out: string) => JSON.parse(read(join(out, 'manifest.json')));

  for (const format of FORMATS) {
    it(`${format}: fresh drafts are no training data; --include-suggestions exports everything; the manifest says why`, { timeout: SLOW }, async () => {
      const plain = await cli(dir, 'export', 'articles', '--format', format, '-o', `out/${format}`);
      expect(plain.code).toBe(0);
      expect(plain.out).toContain(`0 documents exported as ${format}`);
      expect(plain.err).toContain('left out: 3 drafts with nothing accepted');
      expect(countItems(format, join(dir, 'out', format))).toBe(0);
      const m = manifestOf(join(dir, 'out', format));
      expect(m.reasons).toEqual({ 'nothing-accepted': 3 });
      expect(m.losses).toBe(0);
      if (format === 'brat') expect(filesUnder(join(dir, 'out', format))).toContain('annotation.conf');

      const all = await cli(dir, 'export', 'articles', '--format', format, '-o', `all/${format}`, '--include-suggestions');
      expect(all.code).toBe(0);
      expect(all.out).toContain(`3 documents exported as ${format}`);
      if (format === 'jsonl') expect(read(join(dir, 'all', format, CORPUS_FILE.jsonl)).trim().split('\n')).toHaveLength(3);
      // annotate suggests events too, a few per article
      if (format === 'events' || format === 'acled-csv') expect(countItems(format, join(dir, 'all', format))).toBeGreaterThan(5);
      else expect(countItems(format, join(dir, 'all', format))).toBeGreaterThan(100);
    });
  }

  it('a draft with accepted work: left out by default (and --strict fails), exported with the rest unknown by --unreviewed missing, whole once reviewed', { timeout: SLOW }, async () => {
    const d = sampleCorpus();
    expect((await cli(d, 'annotate', 'articles')).code).toBe(0);
    const path = join(d, 'articles', `${FIRST}.ann.yaml`);
    const [m5, m6, m7] = sidecarOf(path).mentions.slice(4, 7).map((m) => m.id);
    const event =
      `events:\n  - {id: e1, start: 218, end: 233, text: "pledged loyalty", type: Strategic developments, subtype: Change to group/activity, actor1: ${m5}, actor2: ${m7}, place: ${m6}, date: 2014-06-25, status: accepted, origin: manual}`;
    // the suggested events annotate made are replaced by one accepted event
    let yaml = read(path).replace(/^events:(?: \[\])?\n(?:- .*\n)*/m, `${event}\n`);
    // the event and two of the mentions it refers to; actor2 stays a suggestion
    for (const id of [m5, m6]) yaml = yaml.replace(new RegExp(`\\{id: ${id},[^\\n]*`), accepted);
    writeFileSync(path, yaml);
    expect((await cli(d, 'validate', 'articles')).code).toBe(0);

    const skipped = await cli(d, 'export', 'articles', '--format', 'jsonl', '-o', 'out');
    expect(skipped.code).toBe(0);
    expect(skipped.out).toContain('0 documents exported');
    expect(skipped.err).toContain('1 draft with accepted work, not reviewed');
    expect(manifestOf(join(d, 'out')).leftOut).toContainEqual({ document: `${FIRST}.txt`, kind: 'document', reason: 'unreviewed' });
    const strict = await cli(d, 'export', 'articles', '--format', 'jsonl', '-o', 'out', '--strict');
    expect(strict.code).toBe(1);
    expect(strict.err).toContain('--strict: 1 accepted items or documents were left out');

    // spaCy-style spans cannot say "unknown": the draft stays out, and says why
    const jsonl = await cli(d, 'export', 'articles', '--format', 'jsonl', '-o', 'out', '--unreviewed', 'missing');
    expect(jsonl.err).toContain('1 draft this format cannot mark as partly unknown');
    // Hugging Face can: accepted mentions tagged, every other token -100
    expect((await cli(d, 'export', 'articles', '--format', 'hf', '-o', 'hf', '--unreviewed', 'missing')).code).toBe(0);
    const recs = read(join(d, 'hf', 'corpus.hf.jsonl')).trim().split('\n').map((l) => JSON.parse(l));
    const tags = recs.flatMap((r) => r.ner_tags);
    expect(tags.filter((t) => t !== -100 && t !== 0 && t !== 2 && t !== 4).length).toBe(2); // B- of the two accepted mentions
    expect(tags.filter((t) => t === -100).length).toBeGreaterThan(tags.length / 2);

    // events: the accepted event, its suggested actor2 kept and flagged (in the record and the manifest)
    const ev = await cli(d, 'export', 'articles', '--format', 'events', '-o', 'ev', '--unreviewed', 'missing');
    expect(ev.code).toBe(0);
    expect(ev.err).toContain('1 event role that is still a suggestion');
    const events = read(join(d, 'ev', 'corpus.events.jsonl')).trim().split('\n').map((l) => JSON.parse(l));
    expect(events).toHaveLength(1);
    expect(events[0].actor2).toMatchObject({ id: m7, status: 'suggested' });
    expect(manifestOf(join(d, 'ev')).leftOut).toContainEqual(expect.objectContaining({ reason: 'role-suggested', id: 'e1', detail: expect.stringContaining(`actor2 ${m7}`) }));
    expect((await cli(d, 'export', 'articles', '--format', 'acled-csv', '-o', 'csv', '--unreviewed', 'missing')).code).toBe(0);
    const csv = read(join(d, 'csv', 'corpus.acled.csv')).trim().split('\n');
    expect(csv).toHaveLength(2);
    expect(csv[1]).toMatch(/^000_db39f04dd305928f\.txt:e1,2014-06-25,2014,1,Strategic developments,Strategic developments,Change to group\/activity,.*Albu Kamal.*pledged loyalty/);

    // reviewed: the whole document, suggestions included (a reviewer vouched for it)
    writeFileSync(path, read(path).replace('status: draft', 'status: reviewed'));
    const reviewed = await cli(d, 'export', 'articles', '--format', 'jsonl', '-o', 'rev', '--strict');
    expect(reviewed.code).toBe(0);
    const spans = read(join(d, 'rev', 'corpus.spacy.jsonl'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .flatMap((rec) => rec.spans.map((s: { start: number; end: number }) => cpSlice(rec.text, s.start, s.end)));
    expect(spans.length).toBe(sidecarOf(path).mentions.length);
  });

  it('--split 80/10/10 puts each document in one group by its hash, the same way every time', { timeout: SLOW }, async () => {
    const d = tempDir();
    mkdirSync(join(d, 'texts'));
    const names: string[] = [];
    for (let i = 0; i < 24; i++) {
      const name = `article_${String(i).padStart(2, '0')}.txt`;
      names.push(name);
      writeFileSync(join(d, 'texts', name), `MOSUL, ${(i % 28) + 1} June 2014\n\nISIL fighters attacked Mosul (report ${i}), the Syrian Observatory for Human Rights said.\n`);
    }
    expect((await cli(d, 'annotate', 'texts')).code).toBe(0);
    const runA = await cli(d, 'export', 'texts', '--format', 'jsonl', '-o', 'a', '--split', '80/10/10', '--include-suggestions');
    const runB = await cli(d, 'export', 'texts', '--format', 'jsonl', '-o', 'b', '--split', '80/10/10', '--include-suggestions');
    expect(runA.code).toBe(0);
    expect(runB.code).toBe(0);
    const files = filesUnder(join(d, 'a'));
    expect(files).toEqual(filesUnder(join(d, 'b')));
    for (const f of files) expect(read(join(d, 'a', f))).toBe(read(join(d, 'b', f)));
    const seen = new Map<string, string>();
    for (const f of files.filter((x) => x !== 'manifest.json')) {
      const group = f.replace('.spacy.jsonl', '');
      expect(['train', 'dev', 'test']).toContain(group);
      for (const l of read(join(d, 'a', f)).trim().split('\n').filter(Boolean)) {
        const rec = JSON.parse(l);
        expect(seen.has(rec.meta.name)).toBe(false);
        seen.set(rec.meta.name, group);
        expect(group).toBe(splitOf(rec.meta.sha256, [80, 10, 10]));
      }
    }
    expect([...seen.keys()].sort()).toEqual(names);
    expect(new Set(seen.values()).size).toBeGreaterThan(1);
    expect([...seen.values()].filter((g) => g === 'train').length).toBeGreaterThan(12);
    expect(manifestOf(join(d, 'a')).groups.map((g: { name: string }) => g.name)).toEqual(['dev', 'test', 'train']);

    const bad = await cli(d, 'export', 'texts', '--format', 'jsonl', '-o', 'c', '--split', '80/20');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--split expects three numbers');
  });

  it('--split on a corpus too small for every group writes every group file and says which is empty', { timeout: SLOW }, async () => {
    const d = sampleCorpus();
    for (const f of readdirSync(GOLD).filter((n) => n.startsWith('00'))) cpSync(join(GOLD, f), join(d, 'articles', f));
    const groups = readdirSync(join(d, 'articles')).filter((f) => f.endsWith('.ann.yaml')).map((f) => splitOf(sidecarOf(join(d, 'articles', f)).document.sha256, [80, 10, 10]));
    const empty = ['train', 'dev', 'test'].filter((g) => !groups.includes(g as 'train'));
    expect(empty.length).toBeGreaterThan(0);
    const r = await cli(d, 'export', 'articles', '--format', 'conll', '-o', 'out', '--split', '80/10/10');
    expect(r.code).toBe(0);
    for (const g of ['train', 'dev', 'test']) expect(existsSync(join(d, 'out', `${g}.conll`)), g).toBe(true);
    for (const g of empty) expect(r.err).toContain(`warning: --split 80/10/10: no document fell into ${g} (3 documents exported`);
    expect(manifestOf(join(d, 'out')).warnings).toHaveLength(empty.length);
    expect((await cli(d, 'export', 'articles', '--format', 'conll', '-o', 'out', '--split', '80/10/10', '--strict')).code).toBe(1);
  });

  it('never writes outside the output folder', { timeout: SLOW }, async () => {
    const out = resolve(tmpdir(), 'exports');
    expect(() => outputPath(out, '../escaped.conll')).toThrow(/refusing to write outside/);
    expect(() => outputPath(out, '/etc/passwd')).toThrow(/refusing to write outside/);
    expect(() => outputPath(out, 'train/../../x.ann')).toThrow(/refusing to write outside/);
    expect(() => outputPath(out, '.')).toThrow(/refusing to write outside/);
    expect(() => outputPath(`${out}/`, '../exports-sibling/x')).toThrow(/refusing to write outside/);
    expect(outputPath(out, 'dev/a.ann')).toBe(join(out, 'dev', 'a.ann'));

    // article names made of dots and backslashes still land inside -o
    const d = tempDir();
    const inner = join(d, 'work');
    mkdirSync(join(inner, 'texts'), { recursive: true });
    const weird = ['...txt', '..\\..\\escape.txt', '..txt'];
    for (const n of weird) writeFileSync(join(inner, 'texts', n), 'MOSUL, 1 June 2014\n\nISIL fighters attacked Mosul.\n');
    expect((await cli(inner, 'annotate', ...weird.map((n) => `texts/${n}`))).code).toBe(0);
    for (const format of FORMATS) {
      // named one by one: a folder scan skips dot files
      const r = await cli(inner, 'export', ...weird.map((n) => `texts/${n}`), '--format', format, '-o', 'out', '--include-suggestions', '--split', '34/33/33');
      expect(r.code).toBe(0);
    }
    expect(readdirSync(d)).toEqual(['work']);
    expect(readdirSync(inner).sort()).toEqual(['out', 'texts']);
    for (const f of filesUnder(join(inner, 'out'))) expect(f.startsWith('..')).toBe(false);
    expect(filesUnder(join(inner, 'out')).filter((f) => f.endsWith('.ann'))).toHaveLength(3);
  });
});

describe('stats and evaluate', () => {
  it('stats prints document, label and entity counts', { timeout: SLOW }, async () => {
    const dir = sampleCorpus();
    expect((await cli(dir, 'annotate', 'articles')).code).toBe(0);
    const sidecars = readdirSync(join(dir, 'articles'))
      .filter((f) => f.endsWith('.ann.yaml'))
      .map((f) => sidecarOf(join(dir, 'articles', f)));
    const count = (label: string) => sidecars.reduce((n, s) => n + s.mentions.filter((m) => m.label === label).length, 0);
    const r = await cli(dir, 'stats', 'articles');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Documents: 3 (0 reviewed)');
    expect(r.out).toMatch(new RegExp(`ACTOR\\s+0\\s+${count('ACTOR')}\\b`));
    expect(r.out).toMatch(new RegExp(`PLACE\\s+0\\s+${count('PLACE')}\\b`));
    expect(r.out).toMatch(/\d+\s+isil \(ACTOR\)/);
    expect(r.out).toContain(`Events: ${sidecars.reduce((n, s) => n + s.events.length, 0)}`);
  });

  it('evaluate scores the held-out articles against their gold sidecars', { timeout: SLOW }, async () => {
    const r = await cli(ROOT, 'evaluate', '--gold', relative(ROOT, GOLD), relative(ROOT, HELDOUT));
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Mentions (${readdirSync(HELDOUT).filter((f) => f.endsWith('.txt') && existsSync(join(GOLD, f.replace(/\.txt$/, '.ann.yaml')))).length} documents)`);
    expect(r.out).toMatch(/^ALL\s+exact\s+\d+\.\d/m);
    expect(r.out).toContain('Attributions: gold');
    expect(r.out).toContain('afghanistan_kunduz.txt');
    // no event gold there: no event block
    expect(r.out).not.toContain('Events (');
  });

  it('evaluate scores event suggestions against event gold found in a further --gold folder', { timeout: SLOW }, async () => {
    const EVENTS = join(ROOT, 'test', 'fixtures', 'events');
    const r = await cli(ROOT, 'evaluate', '--gold', relative(ROOT, GOLD), '--gold', relative(ROOT, EVENTS), relative(ROOT, HELDOUT));
    expect(r.code).toBe(0);
    const withEventGold = readdirSync(HELDOUT).filter((f) => f.endsWith('.txt') && existsSync(join(EVENTS, f.replace(/\.txt$/, '.events.yaml')))).length;
    expect(withEventGold).toBeGreaterThan(0);
    expect(r.out).toContain(`Events (${withEventGold} documents with event gold)`);
    expect(r.out).toMatch(/F1 lenient \d+\.\d%  strict \d+\.\d%  typed \d+\.\d%/);
    expect(r.out).toMatch(/actor 2 \d+\.\d% \(\d+\/\d+\)/);
    // event gold alone (a folder of NAME.events.yaml): events only
    const only = await cli(ROOT, 'evaluate', '--gold', relative(ROOT, EVENTS), relative(ROOT, HELDOUT));
    expect(only.code).toBe(0);
    expect(only.out).not.toContain('Mentions (');
    expect(only.out).toContain(`Events (${withEventGold} documents with event gold)`);
  });

  it('evaluate refuses event gold whose quotes are not in the text', { timeout: SLOW }, async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'articles'));
    mkdirSync(join(dir, 'gold'));
    writeFileSync(join(dir, 'articles', 'a.txt'), 'Rebels attacked Kunduz on Friday.\n');
    writeFileSync(join(dir, 'gold', 'a.events.gold.yaml'), 'document: a.txt\nevents:\n  - {type: Battles, subtype: Armed clash, spans: [{start: 0, end: 15, text: "Rebels attacked"}]}\n');
    const ok = await cli(dir, 'evaluate', '--gold', 'gold', 'articles');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('gold 1, predicted 1, matched 1');
    writeFileSync(join(dir, 'gold', 'a.events.gold.yaml'), 'document: a.txt\nevents:\n  - {type: Battles, subtype: Armed clash, spans: [{start: 0, end: 15, text: "Rebels attacke"}]}\n');
    const bad = await cli(dir, 'evaluate', '--gold', 'gold', 'articles');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('does not match its text');
  });
});

describe('usage errors exit 2 with the usage text', () => {
  const cases: [string, string[], RegExp][] = [
    ['no command', [], /^Usage:/],
    ['unknown command', ['frobnicate', 'x'], /unknown command "frobnicate"/],
    ['unknown option', ['annotate', '--colour', 'x'], /Unknown option '--colour'/],
    ['annotate without paths', ['annotate'], /no PATHS given/],
    ['validate without paths', ['validate'], /no PATHS given/],
    ['export without --format', ['export', 'x', '-o', 'out'], /--format must be one of/],
    ['export with a bad --format', ['export', 'x', '--format', 'xml', '-o', 'out'], /--format must be one of/],
    ['export without -o', ['export', 'x', '--format', 'jsonl'], /-o OUT/],
    ['evaluate without --gold', ['evaluate', 'x'], /--gold DIR is required/],
  ];
  for (const [what, argv, message] of cases) {
    it(what, async () => {
      const dir = tempDir();
      const r = await cli(dir, ...argv);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err).toContain('Usage: conflict-annotator <command>');
      expect(readdirSync(dir)).toEqual([]);
    });
  }

  it('--help prints the usage on stdout and exits 0', async () => {
    const r = await cli(tempDir(), '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Usage: conflict-annotator <command>');
  });

  it('--jobs, --shard and --jsonl are checked before anything runs', async () => {
    const dir = sampleCorpus();
    for (const args of [['--jobs', '0'], ['--jobs', 'two'], ['--shard', '0/3'], ['--shard', '4/3'], ['--shard', '1-3'], ['--jsonl', 'in.jsonl'], ['--jsonl', '-', 'articles']]) {
      const r = await cli(dir, 'annotate', ...args, ...(args[0] === '--jsonl' ? [] : ['articles']));
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toContain('Usage: conflict-annotator');
    }
    expect(filesUnder(join(dir, 'articles')).some((f) => f.endsWith('.ann.yaml'))).toBe(false);
  });

  it('annotate --jsonl - in process: stdin lines in, sidecar lines out, exit 1 when a line is bad', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const stdin = () => [JSON.stringify({ id: 'x', text: 'ISIL fighters attacked Mosul, officials said.' }), '[1]'];
    const code = await runCli(['annotate', '--jsonl', '-'], { fs: nodeFileSystem, io: { out: (l) => out.push(l), err: (l) => err.push(l), cwd: tempDir(), stdin }, loadPlaceData: testPlaceData });
    expect(code).toBe(1);
    expect(out).toHaveLength(2);
    expect(JSON.parse(out[0]).document.text).toBe('x');
    expect(JSON.parse(out[1])).toEqual({ id: null, error: 'expected an object {"id": ..., "text": ...}' });
    expect(err).toContain('1 of 2 texts annotated');
    expect(err.some((l) => l.startsWith('<stdin>:2: error: '))).toBe(true);
  });

  it('a missing path is an error (exit 1), not a usage error', async () => {
    const r = await cli(tempDir(), 'annotate', 'nowhere');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/nowhere: no such file or folder/);
  });
});

describe('the bundled command', () => {
  let bin: string;
  beforeAll(async () => {
    // A fresh bundle of the current sources, laid out like dist/ (cli.js with places.bin beside it).
    const out = tempDir();
    bin = join(out, 'cli.js');
    await build({
      entryPoints: [join(ROOT, 'src', 'cli', 'main.ts')],
      outfile: bin,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      banner: { js: '#!/usr/bin/env node' },
      logLevel: 'silent',
    });
    await build({
      entryPoints: [join(ROOT, 'src', 'node', 'annotateWorker.ts')],
      outfile: join(out, 'annotateWorker.js'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      logLevel: 'silent',
    });
    writeFileSync(join(dirname(bin), 'places.bin'), compilePlaceIndex(testPlaceData()));
  }, SLOW);

  const node = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: SLOW });

  it('annotates, validates and exports the samples from a shell', { timeout: SLOW }, () => {
    const dir = sampleCorpus();
    const a = node(dir, 'annotate', 'articles');
    expect(a.stderr).not.toContain('place data (places.bin) not found');
    expect(a.status).toBe(0);
    expect(a.stdout).toContain(`articles/${FIRST}.ann.yaml: +`);
    expect(a.stderr).toContain('3 of 3 documents annotated');
    // the bundle uses the GeoNames places: Albu Kamal is a place in the first sample
    expect(sidecarOf(join(dir, 'articles', `${FIRST}.ann.yaml`)).mentions.some((m) => m.label === 'PLACE' && m.text === 'Albu Kamal')).toBe(true);
    const v = node(dir, 'validate', 'articles');
    expect(v.status).toBe(0);
    const e = node(dir, 'export', 'articles', '--format', 'conll', '-o', 'out', '--include-suggestions');
    expect(e.status).toBe(0);
    expect(read(join(dir, 'out', 'corpus.conll'))).toMatch(/^-DOCSTART- -X- O O$/m);
  });

  it('annotate --jobs 2 (worker threads) prints and writes exactly what --jobs 1 does, events and learned names included', { timeout: SLOW }, () => {
    const one = sampleCorpus();
    const two = sampleCorpus();
    // a name learned elsewhere (suggested in every article, by the workers' gazetteer) and one rejected twice
    // (suggested nowhere, filtered where the article is annotated)
    const learned = 'rejectAfter: 2\nentries:\n  - {text: Sunni Arab, label: ACTOR, accepted: [x.txt], rejected: []}\n  - {text: Lebanon, label: PLACE, accepted: [], rejected: [x.txt, y.txt]}\n';
    for (const dir of [one, two]) {
      cpSync(HELDOUT, join(dir, 'articles', 'heldout'), { recursive: true, filter: (f) => !f.endsWith('.ann.yaml') });
      writeFileSync(join(dir, 'conflict-learned.yaml'), learned);
    }
    const a = node(one, 'annotate', 'articles', '--jobs', '1');
    const b = node(two, 'annotate', 'articles', '--jobs', '2');
    expect(b.status).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(b.stderr).toBe(a.stderr);
    const sidecars = (dir: string) => filesUnder(join(dir, 'articles')).filter((f) => f.endsWith('.ann.yaml'));
    expect(sidecars(two)).toEqual(sidecars(one));
    expect(sidecars(one).length).toBeGreaterThan(5);
    for (const f of sidecars(one)) expect(read(join(two, 'articles', f)), f).toBe(read(join(one, 'articles', f)));
    const first = sidecarOf(join(two, 'articles', `${FIRST}.ann.yaml`));
    expect(first.mentions.some((m) => m.text === 'Sunni Arab' && m.label === 'ACTOR')).toBe(true);
    expect(first.mentions.some((m) => m.text === 'Lebanon')).toBe(false);
    expect(first.events.length).toBeGreaterThan(0);
    // unchanged texts: a second run over the written sidecars agrees too
    expect(node(two, 'annotate', 'articles', '--jobs', '2').stdout).toBe(node(one, 'annotate', 'articles', '--jobs', '1').stdout);
  });

  it('annotate --jobs 2 agrees with --jobs 1 on texts edited since their sidecars, with a workspace taxonomy and --date', { timeout: SLOW }, () => {
    const one = sampleCorpus();
    const two = sampleCorpus();
    const texts = (dir: string) => filesUnder(join(dir, 'articles')).filter((f) => f.endsWith('.txt'));
    for (const [dir, jobs] of [[one, '1'], [two, '2']] as const) {
      expect(node(dir, 'annotate', 'articles', '--jobs', jobs).status).toBe(0);
      writeFileSync(join(dir, 'riots.yaml'), 'mode: replace\ntypes:\n  - name: Riots\n    subtypes:\n      - name: Mob violence\n');
      // each text edited: the workers re-anchor and merge into the sidecars that exist
      for (const f of texts(dir)) writeFileSync(join(dir, 'articles', f), `Updated.\n${read(join(dir, 'articles', f))}`);
    }
    const a = node(one, 'annotate', 'articles', '--jobs', '1', '--taxonomy', 'riots.yaml', '--date', '2014-06-10');
    const b = node(two, 'annotate', 'articles', '--jobs', '2', '--taxonomy', 'riots.yaml', '--date', '2014-06-10');
    expect(b.status).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(b.stdout).toContain('text changed');
    expect(b.stderr).toBe(a.stderr);
    const sidecars = filesUnder(join(one, 'articles')).filter((f) => f.endsWith('.ann.yaml'));
    expect(sidecars.length).toBeGreaterThan(0);
    for (const f of sidecars) expect(read(join(two, 'articles', f)), f).toBe(read(join(one, 'articles', f)));
    expect(sidecarOf(join(two, 'articles', `${FIRST}.ann.yaml`)).document.date).toBe('2014-06-10');
  });

  it('annotate --jsonl - turns {"id","text"} lines on stdin into the sidecars annotate writes, as JSON lines, with --jobs 2', { timeout: SLOW }, () => {
    const dir = sampleCorpus();
    const names = readdirSync(join(dir, 'articles')).filter((f) => f.endsWith('.txt')).sort();
    const input = names.map((n) => JSON.stringify({ id: n, text: read(join(dir, 'articles', n)) })).join('\n') + '\n';
    const r = spawnSync(process.execPath, [bin, 'annotate', '--jsonl', '-', '--jobs', '2'], { cwd: dir, input, encoding: 'utf8', timeout: SLOW });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`${names.length} of ${names.length} texts annotated`);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(names.length);
    expect(node(dir, 'annotate', 'articles', '--jobs', '1').status).toBe(0);
    // the file's content, but for the seal (a hash of the file's bytes, which a JSON line has none of)
    const onDisk = (n: string) => {
      const data = parseYaml(read(join(dir, 'articles', n.replace(/\.txt$/, '.ann.yaml'))));
      expect(data.document.fingerprint).toMatch(/^[0-9a-f]{16}$/);
      delete data.document.fingerprint;
      return data;
    };
    names.forEach((n, i) => expect(JSON.parse(lines[i]), n).toEqual(onDisk(n)));
  });

  it('annotate --shard I/N: N runs annotate every article once between them', { timeout: SLOW }, () => {
    const dir = sampleCorpus();
    cpSync(HELDOUT, join(dir, 'articles', 'heldout'), { recursive: true, filter: (f) => !f.endsWith('.ann.yaml') });
    const texts = filesUnder(join(dir, 'articles')).filter((f) => f.endsWith('.txt'));
    const seen: string[] = [];
    let total = 0;
    for (const i of [1, 2, 3]) {
      const r = node(dir, 'annotate', 'articles', '--shard', `${i}/3`, '--jobs', '1');
      expect(r.status).toBe(0);
      const m = /(\d+) of (\d+) documents annotated \(shard \d\/3\)/.exec(r.stderr);
      total += Number(m?.[2]);
      seen.push(...r.stdout.trim().split('\n').filter(Boolean).map((l) => l.slice(0, l.indexOf(':'))));
    }
    expect(total).toBe(texts.length);
    expect(seen.sort()).toEqual(texts.map((t) => `articles/${t.replace(/\.txt$/, '.ann.yaml')}`).sort());
  });

  it('exits 2 with usage on stderr for an unknown command, and 1 for a broken sidecar', { timeout: SLOW }, () => {
    const dir = sampleCorpus();
    const u = node(dir, 'frobnicate');
    expect(u.status).toBe(2);
    expect(u.stderr).toContain('Usage: conflict-annotator');
    writeFileSync(join(dir, 'articles', `${FIRST}.ann.yaml`), 'version: [\n');
    const v = node(dir, 'validate', 'articles');
    expect(v.status).toBe(1);
    expect(v.stdout).toMatch(new RegExp(`articles/${FIRST}\\.ann\\.yaml:\\d+: error: `));
  });
});

describe('agreement', () => {
  /** Two annotators' copies of the samples: A accepted the gold mentions of the first article, B all but one. */
  function twoAnnotators(): string {
    const dir = tempDir();
    for (const who of ['A', 'B']) cpSync(SAMPLES, join(dir, who), { recursive: true });
    const gold = read(join(GOLD, `${FIRST}.ann.yaml`));
    writeFileSync(join(dir, 'A', `${FIRST}.ann.yaml`), gold);
    const lines = gold.split('\n');
    const dropped = lines.findIndex((l) => l.includes('label: ACTOR'));
    writeFileSync(join(dir, 'B', `${FIRST}.ann.yaml`), lines.filter((_, i) => i !== dropped).join('\n'));
    return dir;
  }

  it('reports B against A as a table, and the same report as JSON', async () => {
    const dir = twoAnnotators();
    const text = await cli(dir, 'agreement', 'A', 'B');
    expect(text.code, text.err).toBe(0);
    expect(text.out).toMatch(/^Agreement of B against A: 1 documents/);
    const json = await cli(dir, 'agreement', 'A', 'B', '--format', 'json');
    const report = JSON.parse(json.out);
    // B lacks one ACTOR that A has: one false negative, everything else agrees
    expect(report.exact.ACTOR.fn).toBe(1);
    expect(report.exact.ACTOR.fp).toBe(0);
    expect(report.exact.PLACE.f1).toBe(1);
    expect(report.disagreements).toHaveLength(1);
    expect(report.disagreements[0]).toMatchObject({ document: `${FIRST}.txt`, kind: 'missing', label: 'ACTOR', b: null });
  });

  it('needs exactly two folders', async () => {
    const r = await cli(tempDir(), 'agreement', 'A');
    expect(r.code).toBe(2);
    expect(r.err).toContain('agreement takes two folders');
  });
});

describe('export --format spacy', () => {
  it('writes one DocBin per split group, as bytes', async () => {
    const dir = sampleCorpus();
    for (const f of readdirSync(GOLD).filter((n) => n.startsWith('00'))) cpSync(join(GOLD, f), join(dir, 'articles', f));
    const r = await cli(dir, 'export', 'articles', '--format', 'spacy', '-o', 'out');
    expect(r.code, r.err).toBe(0);
    const bytes = readFileSync(join(dir, 'out', 'corpus.spacy'));
    // zlib stream header (DocBin is msgpack compressed with zlib); spaCy itself reads it in spacyDocBin.test.ts
    expect(bytes[0]).toBe(0x78);
    expect(bytes.length).toBeGreaterThan(1000);
  });
});

describe('messages and exit codes', () => {
  it('a taxonomy file named on the command line must exist, like a gazetteer', async () => {
    const dir = sampleCorpus();
    const r = await cli(dir, 'validate', 'articles', '--taxonomy', 'missing.yaml');
    expect(r.code).toBe(1);
    expect(r.err).toContain('error: missing.yaml: no such taxonomy file');
    // annotate too: it was ignored there, silently
    const a = await cli(dir, 'annotate', 'articles', '--taxonomy', 'missing.yaml');
    expect(a.code).toBe(1);
    expect(a.err).toContain('error: missing.yaml: no such taxonomy file');
    expect(existsSync(join(dir, 'articles', `${FIRST}.ann.yaml`))).toBe(false);
  });

  it('annotate suggests events of the taxonomy in use only (validate would call the others unknown)', { timeout: SLOW }, async () => {
    const dir = sampleCorpus();
    writeFileSync(join(dir, 'riots.yaml'), 'mode: replace\ntypes:\n  - name: Riots\n    subtypes:\n      - name: Mob violence\n');
    expect((await cli(dir, 'annotate', 'articles')).code).toBe(0);
    expect(sidecarOf(join(dir, 'articles', `${FIRST}.ann.yaml`)).events.length).toBeGreaterThan(0);
    rmSync(join(dir, 'articles', `${FIRST}.ann.yaml`));
    expect((await cli(dir, 'annotate', 'articles', '--taxonomy', 'riots.yaml')).code).toBe(0);
    expect(sidecarOf(join(dir, 'articles', `${FIRST}.ann.yaml`)).events.filter((e) => e.type !== 'Riots')).toEqual([]);
    const v = await cli(dir, 'validate', 'articles', '--taxonomy', 'riots.yaml');
    expect(v.out).not.toMatch(/unknown event/);
  });

  it('a bug exits 70 and says where it happened; a missing path exits 1 with its relative name', async () => {
    const dir = sampleCorpus();
    const err: string[] = [];
    const broken = (): never => {
      throw new TypeError('simulated bug');
    };
    const code = await runCli(['annotate', 'articles'], { fs: nodeFileSystem, io: { out: () => {}, err: (l) => err.push(l), cwd: dir }, loadPlaceData: broken });
    expect(code).toBe(70);
    expect(err.join('\n')).toMatch(/^internal error \(please report it\): TypeError: simulated bug/);
    const missing = await cli(dir, 'stats', 'nowhere');
    expect(missing.code).toBe(1);
    expect(missing.err).toBe('error: nowhere: no such file or folder');
  });
});

describe('a bug in one file', () => {
  it('is reported with the file, the other articles are annotated, and the run exits 70', { timeout: SLOW }, async () => {
    const dir = sampleCorpus();
    const err: string[] = [];
    const gazetteer = (await import('../../src/core/gazetteer/defaultGazetteer')).defaultGazetteer(testPlaceData());
    const { inlineDetector } = await import('../../src/core/corpus/annotateCorpus');
    const inline = inlineDetector(gazetteer);
    // as a detection thread answers a text it crashed on
    const detectorPool = () => ({ detect: (text: string, date: string | undefined) => (text.includes('Albu Kamal') ? Promise.reject(new Error('detection failed in a worker thread: RangeError: Maximum call stack size exceeded')) : inline.detect(text, date)) });
    const code = await runCli(['annotate', 'articles', '--jobs', '2'], { fs: nodeFileSystem, io: { out: () => {}, err: (l) => err.push(l), cwd: dir }, loadPlaceData: testPlaceData, detectorPool });
    expect(code).toBe(70);
    expect(err.join('\n')).toContain(`articles/${FIRST}.txt: error: internal error (please report it): Error: detection failed in a worker thread: RangeError`);
    expect(err).toContain('2 of 3 documents annotated');
    expect(readdirSync(join(dir, 'articles')).filter((f) => f.endsWith('.ann.yaml')).sort()).toEqual(['002_423dc2fc7979b9d9.ann.yaml', '004_c6c6a49fe15b7881.ann.yaml']);
  });
});

describe('export never destroys input', () => {
  it('refuses -o on the corpus folder, on a folder above it, on / and on a file, and writes nothing there', async () => {
    const dir = sampleCorpus();
    // brat writes NAME.txt copies of the articles (report.txt, report_txt.txt), which would land on the articles themselves
    writeFileSync(join(dir, 'articles', 'report.txt'), 'Reuters said ISIL fighters entered Mosul.\n');
    writeFileSync(join(dir, 'articles', 'report_txt.txt'), 'A different article about Kirkuk.\n');
    expect((await cli(dir, 'annotate', 'articles')).code).toBe(0);
    const before = readdirSync(join(dir, 'articles')).map((f) => [f, read(join(dir, 'articles', f))]);
    for (const out of ['articles', '.', '/']) {
      const r = await cli(dir, 'export', 'articles', '--format', 'brat', '-o', out, '--include-suggestions');
      expect(r.code, out).toBe(1);
      expect(r.err, out).toContain('it holds input articles');
    }
    expect(readdirSync(join(dir, 'articles')).map((f) => [f, read(join(dir, 'articles', f))])).toEqual(before);
    writeFileSync(join(dir, 'a-file'), 'x');
    const onFile = await cli(dir, 'export', 'articles', '--format', 'jsonl', '-o', 'a-file');
    expect(onFile.code).toBe(1);
    expect(onFile.err).toMatch(/-o .*a-file is a file/);
    // a fresh folder inside the corpus folder is fine, and the two copies keep distinct names
    const ok = await cli(dir, 'export', 'articles', '--format', 'brat', '-o', 'articles/brat', '--include-suggestions');
    expect(ok.code, ok.err).toBe(0);
    const names = readdirSync(join(dir, 'articles', 'brat'));
    expect(names).toContain('report.txt');
    expect(names).toContain('report_txt.txt');
    expect(read(join(dir, 'articles', 'brat', 'report.txt'))).toContain('Mosul');
    expect(read(join(dir, 'articles', 'brat', 'report_txt.txt'))).toContain('Kirkuk');
  });
});
