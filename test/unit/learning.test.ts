import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { detect } from '../../src/core/detection/detect';
import { emptyLearned, learnedEntities, learnFromSidecar, withLearned, withoutSuppressed } from '../../src/core/learning/learnedSuggestions';
import { parseLearnedYaml, renderLearnedYaml } from '../../src/core/learning/learnedFile';
import { emptySidecar } from '../../src/core/sidecar/sidecarFormat';
import { parseSidecar } from '../../src/core/sidecar/parseSidecar';
import type { Sidecar } from '../../src/core/model';
import { runCli } from '../../src/cli/runCli';
import { nodeFileSystem } from '../../src/node/nodeFileSystem';
import { buildDefaultGazetteer, testPlaceData } from './detectFixtures';

const gazetteer = buildDefaultGazetteer();

/** A sidecar whose person accepted `accepted` and rejected `rejected` (as the editor writes them). */
function decided(name: string, accepted: Array<[string, 'ACTOR' | 'PLACE', string?]>, rejected: Array<[string, 'ACTOR' | 'PLACE']> = []): Sidecar {
  const s = emptySidecar(name, 'ab'.repeat(32));
  accepted.forEach(([text, label, entity], i) => s.mentions.push({ id: `m${i + 1}`, label, start: 0, end: text.length, text, ...(entity ? { entity } : {}), status: 'accepted', origin: 'manual' }));
  for (const [text, label] of rejected) s.rejected.push({ kind: 'mention', label, start: 0, end: text.length, text });
  return s;
}

describe('learned suggestions', () => {
  it('suggests a name accepted in one document in every other, with its label and entity', () => {
    const model = emptyLearned();
    expect(learnFromSidecar(model, 'a.txt', decided('a.txt', [['Hamid Tesfaye', 'ACTOR', 'hamid-tesfaye'], ['Wadi Halfa Junction', 'PLACE']]))).toBe(true);
    const text = 'Hamid Tesfaye met elders near Wadi Halfa Junction on Monday.';
    expect(detect(text, gazetteer).mentions.some((m) => m.text === 'Hamid Tesfaye' && m.entity === 'hamid-tesfaye')).toBe(false);
    const found = detect(text, withLearned(gazetteer, model)).mentions;
    expect(found.find((m) => m.text === 'Hamid Tesfaye')).toMatchObject({ label: 'ACTOR', entity: 'hamid-tesfaye' });
    expect(found.find((m) => m.text === 'Wadi Halfa Junction')).toMatchObject({ label: 'PLACE' });
    expect(learnedEntities(model, gazetteer).find((e) => e.id === 'hamid-tesfaye')?.kind).toBe('person');
  });

  it('stops suggesting a name rejected in rejectAfter documents, workspace-wide', () => {
    const model = emptyLearned(2);
    const text = 'The Sunrise Bakery Front said it would fight on.';
    const suggested = (d: ReturnType<typeof detect>) => d.mentions.some((m) => m.text === 'Sunrise Bakery Front');
    expect(suggested(detect(text, gazetteer))).toBe(true);
    learnFromSidecar(model, 'a.txt', decided('a.txt', [], [['Sunrise Bakery Front', 'ACTOR']]));
    expect(suggested(withoutSuppressed(detect(text, gazetteer), model))).toBe(true);
    learnFromSidecar(model, 'b.txt', decided('b.txt', [], [['Sunrise Bakery Front', 'ACTOR']]));
    expect(suggested(withoutSuppressed(detect(text, gazetteer), model))).toBe(false);
    // a document where a person accepted it keeps it
    expect(suggested(withoutSuppressed(detect(text, gazetteer), model, decided('c.txt', [['Sunrise Bakery Front', 'ACTOR']])))).toBe(true);
    // a decision withdrawn in a document is forgotten for it
    expect(learnFromSidecar(model, 'b.txt', decided('b.txt', []))).toBe(true);
    expect(suggested(withoutSuppressed(detect(text, gazetteer), model))).toBe(true);
  });

  it('round-trips the workspace file and reports bad entries with their line', () => {
    const model = emptyLearned(3);
    learnFromSidecar(model, 'x/a.txt', decided('a.txt', [['Kibre Tesfaye', 'ACTOR', 'kibre-tesfaye'], ['true', 'PLACE']], [['Ministry', 'ACTOR']]));
    const yaml = renderLearnedYaml(model);
    expect(yaml).toContain('{text: Kibre Tesfaye, label: ACTOR, entity: kibre-tesfaye, accepted: [x/a.txt], rejected: []}');
    const back = parseLearnedYaml(yaml);
    expect(back.problems).toEqual([]);
    expect(renderLearnedYaml(back.model)).toBe(yaml);
    expect(back.model.rejectAfter).toBe(3);
    const bad = parseLearnedYaml('rejectAfter: 2\nentries:\n  - {text: A B, label: SHIP}\n  - {label: ACTOR}\n  - {text: C D, label: PLACE}\n');
    expect(bad.problems.map((p) => [p.code, p.line])).toEqual([['unknown-value', 3], ['missing-key', 4]]);
    expect(bad.model.entries.size).toBe(1);
    expect(parseLearnedYaml('entries: [\n').problems[0].code).toBe('yaml-syntax');
  });
});

describe('annotate --learned', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  async function cli(cwd: string, ...argv: string[]): Promise<{ code: number; err: string }> {
    const err: string[] = [];
    const code = await runCli(argv, { fs: nodeFileSystem, io: { out: () => {}, err: (l) => err.push(l), cwd }, loadPlaceData: testPlaceData });
    return { code, err: err.join('\n') };
  }

  it('learns what a person accepted in one sidecar and suggests it in the other documents', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'conflict-learn-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'articles'));
    writeFileSync(join(dir, 'articles', 'a.txt'), 'Fighters loyal to Kibre Tesfaye took the market on Monday.\n');
    writeFileSync(join(dir, 'articles', 'b.txt'), 'Kibre Tesfaye denied that his men had looted shops.\n');
    expect((await cli(dir, 'annotate', 'articles', '--learned', 'conflict-learned.yaml')).code).toBe(0);
    // a person tags the name in a.txt
    const sidecarA = join(dir, 'articles', 'a.ann.yaml');
    const a = parse(readFileSync(sidecarA, 'utf8')) as Sidecar;
    const text = readFileSync(join(dir, 'articles', 'a.txt'), 'utf8');
    const start = text.indexOf('Kibre Tesfaye');
    a.mentions = [...(a.mentions ?? []).filter((m) => m.end <= start || m.start >= start + 13), { id: 'm99', label: 'ACTOR', start, end: start + 13, text: 'Kibre Tesfaye', entity: 'kibre-tesfaye', status: 'accepted', origin: 'manual' }];
    writeFileSync(sidecarA, stringify(a));
    const run = await cli(dir, 'annotate', 'articles');
    expect(run.code, run.err).toBe(0);
    const learned = readFileSync(join(dir, 'conflict-learned.yaml'), 'utf8');
    expect(learned).toContain('{text: Kibre Tesfaye, label: ACTOR, entity: kibre-tesfaye, accepted: [articles/a.txt], rejected: []}');
    // read as the product reads it: on disk a suggestion carries no status (suggested is the default)
    const b = parseSidecar(readFileSync(join(dir, 'articles', 'b.ann.yaml'), 'utf8')).sidecar!;
    expect(b.mentions.find((m) => m.text === 'Kibre Tesfaye')).toMatchObject({ label: 'ACTOR', entity: 'kibre-tesfaye', status: 'suggested' });
  });
});

describe('workspace learner (the editor side)', () => {
  it('records decisions in an existing file and extends the live gazetteer; creates no file', async () => {
    const { MemoryFileSystem } = await import('./memoryFileSystem');
    const { WorkspaceLearner } = await import('../../src/core/learning/workspaceLearner');
    const fs = new MemoryFileSystem({ '/w/a.txt': 'Hamid Tesfaye spoke.' });
    const live = buildDefaultGazetteer();
    const none = new WorkspaceLearner(fs, '/w/conflict-learned.yaml', (f) => f.replace('/w/', ''), () => {});
    await none.record('/w/a.txt', decided('a.txt', [['Hamid Tesfaye', 'ACTOR', 'hamid-tesfaye']]), live);
    expect(await fs.stat('/w/conflict-learned.yaml')).toBeUndefined();
    await fs.writeFileAtomic('/w/conflict-learned.yaml', new TextEncoder().encode('rejectAfter: 2\nentries: []\n'));
    const learner = new WorkspaceLearner(fs, '/w/conflict-learned.yaml', (f) => f.replace('/w/', ''), () => {});
    await learner.record('/w/a.txt', decided('a.txt', [['Hamid Tesfaye', 'ACTOR', 'hamid-tesfaye']]), live);
    expect(new TextDecoder().decode(await fs.readFile('/w/conflict-learned.yaml'))).toContain('{text: Hamid Tesfaye, label: ACTOR, entity: hamid-tesfaye, accepted: [a.txt], rejected: []}');
    expect(detect('Hamid Tesfaye spoke.', live).mentions[0]).toMatchObject({ text: 'Hamid Tesfaye', entity: 'hamid-tesfaye' });
  });
});
