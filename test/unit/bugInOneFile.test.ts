/**
 * A bug that one file brings out (an exception, not bad input) must not stop validate, stats or export: the
 * file is reported as `internal-error` with its name, the others are done, and the run exits 70 at the end, as
 * annotate does. The bug is simulated by making one core function throw for one article's sidecar.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../../src/cli/runCli';
import { nodeFileSystem } from '../../src/node/nodeFileSystem';
import { exportCorpus } from '../../src/core/corpus/exportCorpus';
import { ACLED_TAXONOMY } from '../../src/core/events/taxonomy';
import { exportFormat, type ExportFormat } from '../../src/core/exports/exportFormats';
import type { FileProblem } from '../../src/core/problem';
import { testPlaceData } from './detectFixtures';
import type * as ValidateSidecar from '../../src/core/sidecar/validateSidecar';
import type * as AnnotationCounts from '../../src/core/review/annotationCounts';
import type * as AnnotateDocument from '../../src/core/review/annotateDocument';
import type * as Brat from '../../src/core/exports/brat';

/** The article (its file name) whose sidecar the simulated bug strikes, and where. */
const bug = vi.hoisted(() => ({ file: undefined as string | undefined, where: '' }));
const strike = (where: string, file: string): void => {
  if (bug.where === where && bug.file === file) throw new TypeError(`simulated bug in ${where}`);
};

vi.mock('../../src/core/sidecar/validateSidecar', async (importOriginal) => {
  const m = await importOriginal<typeof ValidateSidecar>();
  return { ...m, validateSidecar: (...args: Parameters<typeof m.validateSidecar>) => (strike('validate', args[0].document.text), m.validateSidecar(...args)) };
});
vi.mock('../../src/core/review/annotationCounts', async (importOriginal) => {
  const m = await importOriginal<typeof AnnotationCounts>();
  return { ...m, annotationCounts: (...args: Parameters<typeof m.annotationCounts>) => (strike('counts', args[0].document.text), m.annotationCounts(...args)) };
});
vi.mock('../../src/core/review/annotateDocument', async (importOriginal) => {
  const m = await importOriginal<typeof AnnotateDocument>();
  return { ...m, syncToText: (...args: Parameters<typeof m.syncToText>) => (strike('read', args[0].document.text), m.syncToText(...args)) };
});
vi.mock('../../src/core/exports/brat', async (importOriginal) => {
  const m = await importOriginal<typeof Brat>();
  return { ...m, toBrat: (...args: Parameters<typeof m.toBrat>) => (strike('brat', args[0].name), m.toBrat(...args)) };
});

const SAMPLES = resolve(__dirname, '..', '..', 'media', 'samples', 'articles');
const [A, B, C] = ['000_db39f04dd305928f', '002_423dc2fc7979b9d9', '004_c6c6a49fe15b7881'];

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

async function cli(cwd: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { fs: nodeFileSystem, io: { out: (l) => out.push(l), err: (l) => err.push(l), cwd }, loadPlaceData: testPlaceData });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

let annotated: string;
beforeAll(async () => {
  annotated = mkdtempSync(join(tmpdir(), 'conflict-bug-'));
  made.push(annotated);
  cpSync(SAMPLES, join(annotated, 'articles'), { recursive: true });
  const r = await cli(annotated, 'annotate', 'articles');
  expect(r.code, r.err).toBe(0);
}, 60_000);

/** A copy of the annotated sample corpus. */
function corpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'conflict-bug-'));
  made.push(dir);
  cpSync(annotated, dir, { recursive: true });
  return dir;
}

beforeEach(() => {
  bug.file = undefined;
  bug.where = '';
});

describe('validate', () => {
  it('reports the sidecar that met a bug, checks the others, and exits 70', async () => {
    const dir = corpus();
    bug.where = 'validate';
    bug.file = `${B}.txt`;
    const r = await cli(dir, 'validate', 'articles');
    expect(r.code).toBe(70);
    expect(r.out).toMatch(new RegExp(`^articles/${B}.txt: error: internal error \\(please report it\\): TypeError: simulated bug in validate`, 'm'));
    expect(r.err).toContain('3 sidecars checked, 1 errors');
    // the sidecars after it were checked too: a broken quote in the last one is still found
    bug.file = `${A}.txt`;
    const last = join(dir, 'articles', `${C}.ann.yaml`);
    const yaml = readFileSync(last, 'utf8');
    const mention = /^- \{id: m-.*text: "([^"]+)"/m.exec(yaml)!;
    writeFileSync(last, yaml.replace(mention[0], mention[0].replace(`text: "${mention[1]}"`, `text: "${mention[1]}X"`)));
    const again = await cli(dir, 'validate', 'articles');
    expect(again.code).toBe(70);
    expect(again.out).toContain(`articles/${A}.txt: error: internal error`);
    expect(again.out).toMatch(new RegExp(`^articles/${C}.ann.yaml:\\d+: error: .*quote`, 'm'));
  });
});

describe('stats', () => {
  for (const where of ['read', 'counts']) {
    it(`counts the other documents when one meets a bug (${where === 'read' ? 'while read' : 'while counted'}), and exits 70`, async () => {
      const dir = corpus();
      const all = await cli(dir, 'stats', 'articles');
      expect(all.code).toBe(0);
      expect(all.out).toMatch(/^Documents: 3 /);
      bug.where = where;
      bug.file = `${A}.txt`;
      const r = await cli(dir, 'stats', 'articles');
      expect(r.code).toBe(70);
      expect(r.err).toMatch(new RegExp(`^articles/${A}.txt: error: internal error \\(please report it\\): TypeError: simulated bug in ${where}`, 'm'));
      expect(r.out).toMatch(/^Documents: 2 /);
    });
  }
});

describe('export', () => {
  it('exports the other documents, lists the one that met a bug in the manifest, and exits 70', async () => {
    const dir = corpus();
    bug.where = 'brat';
    bug.file = `${B}.txt`;
    const r = await cli(dir, 'export', 'articles', '--format', 'brat', '-o', 'out', '--include-suggestions');
    expect(r.code).toBe(70);
    expect(r.err).toMatch(new RegExp(`^articles/${B}.txt: error: internal error \\(please report it\\): TypeError: simulated bug in brat`, 'm'));
    expect(r.err).toContain('1 documents skipped because of internal errors');
    const files = readdirSync(join(dir, 'out')).sort();
    expect(files).toContain(`${A}.ann`);
    expect(files).toContain(`${C}.ann`);
    expect(files.filter((f) => f.startsWith(B))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(dir, 'out', 'manifest.json'), 'utf8'));
    expect(manifest.totals.articles).toBe(3);
    expect(manifest.totals.exported).toBe(2);
    expect(manifest.leftOut).toContainEqual({ document: `${B}.txt`, kind: 'document', reason: 'internal-error' });
  });

  it('a bug while a document is read is reported and the export goes on', async () => {
    const dir = corpus();
    bug.where = 'read';
    bug.file = `${C}.txt`;
    const r = await cli(dir, 'export', 'articles', '--format', 'jsonl', '-o', 'out', '--include-suggestions');
    expect(r.code).toBe(70);
    expect(r.err).toContain(`articles/${C}.txt: error: internal error`);
    expect(readFileSync(join(dir, 'out', 'corpus.spacy.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('a document whose rendering throws halfway leaves none of its output in the files', async () => {
    const dir = corpus();
    const jsonl = exportFormat('jsonl')!;
    // a writer that appends part of a document, then meets a bug (for the second document only)
    const halfway: ExportFormat = {
      ...jsonl,
      writer: (group, opts, taxonomy, sink) => {
        const inner = jsonl.writer(group, opts, taxonomy, sink);
        return {
          add: (d) => {
            sink.append(`${group.name}.jsonl`, `{"partial": "${d.name}"}\n`);
            if (d.name === `${B}.txt`) throw new RangeError('Maximum call stack size exceeded');
            inner.add(d);
          },
          end: () => inner.end(),
        };
      },
    };
    const problems: FileProblem[] = [];
    const result = await exportCorpus(
      nodeFileSystem,
      { paths: [join(dir, 'articles')], format: halfway, out: join(dir, 'out'), includeSuggestions: true, gazetteer: async () => { throw new Error('not needed'); }, taxonomy: async () => ACLED_TAXONOMY },
      { progress: () => undefined, problem: (p) => problems.push(p) },
    );
    expect(result.internalErrors).toBe(1);
    expect(result.documents).toBe(2);
    expect(problems.map((p) => [p.file, p.code])).toEqual([[join(dir, 'articles', `${B}.txt`), 'internal-error']]);
    const lines = readFileSync(join(dir, 'out', 'corpus.jsonl'), 'utf8');
    expect(lines).toContain(`{"partial": "${A}.txt"}`);
    expect(lines).not.toContain(B);
    expect(lines).toContain(`{"partial": "${C}.txt"}`);
    expect(existsSync(join(dir, 'out', 'manifest.json'))).toBe(true);
  });
});
