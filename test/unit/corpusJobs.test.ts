/** The corpus jobs on an in-memory file system: what they report to their host, and cancellation. */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Sidecar } from '../../src/core/model';
import { CancelledError, formatProblem, NoPathsError, type CorpusReporter, type FileProblem } from '../../src/core/corpus/corpusJob';
import { annotateCorpus, type AnnotatedFile } from '../../src/core/corpus/annotateCorpus';
import { validateCorpus } from '../../src/core/corpus/validateCorpus';
import { exportCorpus } from '../../src/core/corpus/exportCorpus';
import { countCorpus } from '../../src/core/corpus/countCorpus';
import { evaluateCorpus } from '../../src/core/corpus/evaluateCorpus';
import { workspaceGazetteer, workspaceTaxonomy } from '../../src/core/corpus/workspaceConfig';
import { exportFormat } from '../../src/core/exports/exportFormats';
import { ACLED_TAXONOMY } from '../../src/core/events/taxonomy';
import { MemoryFileSystem } from './memoryFileSystem';
import { buildTestGazetteer } from './detectFixtures';

const ARTICLE = 'MOSUL, 1 June 2014\n\nISIL fighters attacked Mosul, officials said.\n';

function corpus(n: number): MemoryFileSystem {
  const fs = new MemoryFileSystem();
  for (let i = 0; i < n; i++) fs.put(`/ws/articles/a${String(i).padStart(2, '0')}.txt`, ARTICLE);
  return fs;
}

function recorder(cancelAfter?: number) {
  const progress: Array<[number, number, string]> = [];
  const problems: FileProblem[] = [];
  const reporter: CorpusReporter = {
    progress: (done, total, file) => progress.push([done, total, file]),
    problem: (p) => problems.push(p),
    cancelled: () => cancelAfter !== undefined && progress.length >= cancelAfter,
  };
  return { progress, problems, reporter };
}

let built: ReturnType<typeof buildTestGazetteer> | undefined;
const gazetteer = async () => (built ??= buildTestGazetteer());

describe('corpus jobs', () => {
  it('annotate reports progress for every file, however few, and what it wrote', async () => {
    const fs = corpus(3);
    const r = recorder();
    const annotated: AnnotatedFile[] = [];
    const result = await annotateCorpus(fs, { paths: ['/ws'], gazetteer }, { ...r.reporter, annotated: (a) => annotated.push(a) });
    expect(result).toEqual({ total: 3, failed: 0, skipped: 0, internalErrors: 0 });
    expect(r.progress.map(([d, t]) => `${d}/${t}`)).toEqual(['1/3', '2/3', '3/3']);
    expect(r.progress[0][2]).toBe('/ws/articles/a00.txt');
    expect(annotated.map((a) => [a.sidecarPath, a.written])).toEqual([0, 1, 2].map((i) => [`/ws/articles/a0${i}.ann.yaml`, true]));
    expect(annotated[0].added).toBeGreaterThan(0);
    expect(r.problems).toEqual([]);
    const sidecar = parse(fs.text('/ws/articles/a00.ann.yaml')!) as Sidecar;
    expect(sidecar.mentions.some((m) => m.text === 'ISIL')).toBe(true);
  });

  it('a dry run writes nothing; a broken sidecar is reported and left as it was', async () => {
    const fs = corpus(2);
    fs.put('/ws/articles/a01.ann.yaml', 'version: 1\nmentions: [\n');
    const r = recorder();
    const annotated: AnnotatedFile[] = [];
    const result = await annotateCorpus(fs, { paths: ['/ws'], gazetteer, dryRun: true }, { ...r.reporter, annotated: (a) => annotated.push(a) });
    expect(result).toEqual({ total: 2, failed: 1, skipped: 0, internalErrors: 0 });
    expect(annotated.map((a) => a.written)).toEqual([false]);
    expect(fs.writes).toEqual([]);
    expect(r.problems.at(-1)).toEqual({ code: 'not-written', severity: 'error', line: 0, file: '/ws/articles/a01.ann.yaml', message: 'not changed (fix the errors above first)' });
    expect(r.problems[0]).toMatchObject({ file: '/ws/articles/a01.ann.yaml', severity: 'error' });
  });

  it('stops with CancelledError when the host cancels, before the next file', async () => {
    const fs = corpus(4);
    const r = recorder(2);
    await expect(annotateCorpus(fs, { paths: ['/ws'], gazetteer }, { ...r.reporter, annotated: () => undefined })).rejects.toBeInstanceOf(CancelledError);
    expect(r.progress).toHaveLength(2);
    expect(fs.writes).toHaveLength(2);
    await expect(countCorpus(fs, ['/ws'], recorder(0).reporter)).rejects.toThrow('cancelled');
  });

  it('no paths is a NoPathsError; a folder without articles an error naming it', async () => {
    const fs = corpus(0);
    fs.put('/ws/notes.md', '# notes');
    await expect(countCorpus(fs, [], recorder().reporter)).rejects.toBeInstanceOf(NoPathsError);
    await expect(validateCorpus(fs, { paths: [], taxonomy: async () => ACLED_TAXONOMY }, { ...recorder().reporter, finding: () => undefined })).rejects.toBeInstanceOf(NoPathsError);
    await expect(countCorpus(fs, ['/ws'], recorder().reporter)).rejects.toThrow('no .txt articles under /ws');
  });

  it('export writes the format table files inside the output folder; count and validate read the same sidecars', async () => {
    const fs = corpus(2);
    await annotateCorpus(fs, { paths: ['/ws'], gazetteer }, { ...recorder().reporter, annotated: () => undefined });
    const r = recorder();
    const result = await exportCorpus(fs, { paths: ['/ws/articles'], format: exportFormat('brat')!, out: '/ws/exports', includeSuggestions: true, gazetteer, taxonomy: async () => ACLED_TAXONOMY }, r.reporter);
    expect(result.documents).toBe(2);
    expect(result.written).toEqual([
      '/ws/exports/a00.txt', '/ws/exports/a00.ann', '/ws/exports/a01.txt', '/ws/exports/a01.ann',
      '/ws/exports/annotation.conf', '/ws/exports/visual.conf', '/ws/exports/tools.conf', '/ws/exports/manifest.json',
    ]);
    expect(fs.text('/ws/exports/a00.ann')).toMatch(/\tACTOR \d+ \d+\tISIL\n/);
    expect(r.progress.map(([d, t]) => `${d}/${t}`)).toEqual(['1/2', '2/2']);
    const counted = await countCorpus(fs, ['/ws'], recorder().reporter);
    expect(counted.stats.documents).toBe(2);
    const findings: FileProblem[] = [];
    expect(await validateCorpus(fs, { paths: ['/ws/articles/a00.ann.yaml', '/ws/articles'], taxonomy: async () => ACLED_TAXONOMY }, { ...recorder().reporter, finding: (p) => findings.push(p) })).toEqual({ checked: 2, errors: 0, internalErrors: 0 });
  });

  it('export and count skip articles with broken sidecars and say which', async () => {
    const fs = corpus(2);
    await annotateCorpus(fs, { paths: ['/ws'], gazetteer }, { ...recorder().reporter, annotated: () => undefined });
    fs.put('/ws/articles/a01.ann.yaml', 'version: 1\nmentions: [\n');
    fs.put('/ws/articles/a00.txt', `${ARTICLE}More text.\n`);
    const r = recorder();
    const result = await exportCorpus(fs, { paths: ['/ws'], format: exportFormat('jsonl')!, out: '/ws/exports', split: [1, 0, 0], includeSuggestions: true, gazetteer, taxonomy: async () => ACLED_TAXONOMY }, r.reporter);
    expect(result).toMatchObject({ documents: 1, failed: 1, written: ['/ws/exports/train.spacy.jsonl', '/ws/exports/manifest.json'] });
    expect(result.manifest.leftOut).toEqual([{ document: 'a01.txt', kind: 'document', reason: 'unreadable' }]);
    expect(r.problems.map((p) => formatProblem(p, (f) => f.replace('/ws/', '')))).toEqual([
      expect.stringMatching(/^articles\/a00\.txt: warning: text changed since annotation \(\d+ moved, \d+ orphaned\); run annotate to save$/),
      expect.stringMatching(/^articles\/a01\.ann\.yaml:\d+: error: /),
    ]);
  });

  it('evaluate tells the host which articles have no gold, and gives up on unreadable gold', async () => {
    const fs = corpus(2);
    await annotateCorpus(fs, { paths: ['/ws'], gazetteer }, { ...recorder().reporter, annotated: () => undefined });
    fs.put('/gold/a00.ann.yaml', fs.text('/ws/articles/a00.ann.yaml')!);
    const noGold: string[] = [];
    const report = await evaluateCorpus(fs, { paths: ['/ws'], goldDir: '/gold', gazetteer }, { ...recorder().reporter, noGold: (f, g) => noGold.push(`${f} ${g}`) });
    expect(noGold).toEqual(['/ws/articles/a01.txt /gold/a01.ann.yaml']);
    expect(report?.documents).toHaveLength(1);
    expect(report?.exact.ALL.f1).toBe(1);
    fs.put('/gold/a01.ann.yaml', 'version: [\n');
    const r = recorder();
    expect(await evaluateCorpus(fs, { paths: ['/ws'], goldDir: '/gold/', gazetteer }, { ...r.reporter, noGold: () => undefined })).toBeUndefined();
    expect(r.problems[0]).toMatchObject({ file: '/gold/a01.ann.yaml' });
  });

  it('workspace gazetteer and taxonomy: the file when given, built-ins otherwise, problems reported with file and line', async () => {
    const fs = new MemoryFileSystem({ '/ws/conflict-gazetteer.yaml': 'entities:\n  - id: x\n    name: Xyzzy Brigade\n    label: ACTOR\n    kind: armed_group\n', '/ws/conflict-taxonomy.yaml': 'types: [\n' });
    const problems: FileProblem[] = [];
    const withFile = await workspaceGazetteer(fs, '/ws/conflict-gazetteer.yaml', () => undefined, (p) => problems.push(p));
    expect(withFile.get('x')?.name).toBe('Xyzzy Brigade');
    expect((await workspaceGazetteer(fs, undefined, () => undefined, (p) => problems.push(p))).get('x')).toBeUndefined();
    expect(await workspaceTaxonomy(fs, undefined, (p) => problems.push(p))).toBe(ACLED_TAXONOMY);
    expect(problems).toEqual([]);
    expect(await workspaceTaxonomy(fs, '/ws/conflict-taxonomy.yaml', (p) => problems.push(p))).toBe(ACLED_TAXONOMY);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: '/ws/conflict-taxonomy.yaml', line: expect.any(Number) });
  });
});
