/**
 * annotate skips a document only when its text, its sidecar and everything detection depends on are as the run
 * that sealed the sidecar left them: any change of any of them means the whole work again.
 */
import { describe, expect, it } from 'vitest';
import { DETECTOR_VERSION } from '../../src/core/detection/detectorVersion';
import { parseTaxonomyYaml } from '../../src/core/events/taxonomy';
import type { Detection } from '../../src/core/model';
import { annotateCorpus, type AnnotateCorpusOptions, type AnnotatedFile, type Detector } from '../../src/core/corpus/annotateCorpus';
import { detectWithEvents } from '../../src/core/review/annotateDocument';
import { isSealed, SEAL_PLACEHOLDER, sealYaml } from '../../src/core/sidecar/sealSidecar';
import { parseSidecar } from '../../src/core/sidecar/parseSidecar';
import { renderSidecar } from '../../src/core/sidecar/renderSidecar';
import { emptySidecar } from '../../src/core/sidecar/sidecarFormat';
import { emptyLearned, learnFromSidecar } from '../../src/core/learning/learnedSuggestions';
import { sha256Hex } from '../../src/core/text/decodeText';
import { MemoryFileSystem } from './memoryFileSystem';
import { buildTestGazetteer } from './detectFixtures';
import { prng } from './prng';

const ARTICLES = [
  'MOSUL, 1 June 2014\n\nISIL fighters attacked Mosul, officials said.\n',
  'BAGHDAD, 3 June 2014\n\nThe Peshmerga said Kurdish forces held Kirkuk.\n',
  'RAQQA, 5 June 2014\n\nThe Free Syrian Army clashed with ISIL near Raqqa, the Syrian Observatory for Human Rights said.\n',
];

let built: ReturnType<typeof buildTestGazetteer> | undefined;
const gazetteer = () => (built ??= buildTestGazetteer());

function corpus(): MemoryFileSystem {
  const fs = new MemoryFileSystem();
  ARTICLES.forEach((t, i) => fs.put(`/ws/articles/a${i}.txt`, t));
  return fs;
}

/** Detection in this thread that counts the texts it is given, and whether it was made at all. */
function counted(): { detector: () => Promise<Detector>; made: () => number; calls: () => number } {
  let made = 0;
  let calls = 0;
  return {
    detector: async () => {
      made++;
      return {
        detect: async (text: string, date: string | undefined): Promise<Detection> => {
          calls++;
          return detectWithEvents(text, gazetteer(), date);
        },
      };
    },
    made: () => made,
    calls: () => calls,
  };
}

async function run(fs: MemoryFileSystem, extra: Partial<AnnotateCorpusOptions> = {}, inputs = 'gazetteer A') {
  const d = counted();
  const annotated: AnnotatedFile[] = [];
  const writesBefore = fs.writes.length;
  const result = await annotateCorpus(
    fs,
    { paths: ['/ws'], detector: d.detector, inputs: async () => inputs, ...extra },
    { progress: () => undefined, problem: (p) => expect.fail(p.message), annotated: (a) => annotated.push(a) },
  );
  const skipped = annotated.filter((a) => a.skipped).map((a) => a.sidecarPath.replace('/ws/articles/', ''));
  return { result, skipped, calls: d.calls(), made: d.made(), written: fs.writes.slice(writesBefore).filter((p) => p.endsWith('.ann.yaml')) };
}

describe('annotate skips what is unchanged', () => {
  it('seals what it writes; a second run reads, neither parses nor detects nor writes, and makes no detector', async () => {
    const fs = corpus();
    const first = await run(fs);
    expect(first.calls).toBe(3);
    expect(first.skipped).toEqual([]);
    for (let i = 0; i < 3; i++) {
      const yaml = fs.text(`/ws/articles/a${i}.ann.yaml`)!;
      expect(yaml).toMatch(/^document: \{.*, fingerprint: "[0-9a-f]{16}",/m);
      expect(parseSidecar(yaml).sidecar!.document.detector).toBe(DETECTOR_VERSION);
    }
    const again = await run(fs);
    expect(again.result).toMatchObject({ total: 3, failed: 0, skipped: 3 });
    expect(again.skipped).toEqual(['a0.ann.yaml', 'a1.ann.yaml', 'a2.ann.yaml']);
    expect([again.calls, again.made, again.written]).toEqual([0, 0, []]);
  });

  it('does the whole work for a text that changed, and only for it', async () => {
    const fs = corpus();
    await run(fs);
    fs.put('/ws/articles/a1.txt', `${ARTICLES[1]}Kirkuk was quiet on Tuesday.\n`);
    const again = await run(fs);
    expect(again.skipped).toEqual(['a0.ann.yaml', 'a2.ann.yaml']);
    expect(again.calls).toBe(1);
    expect(again.written).toEqual(['/ws/articles/a1.ann.yaml']);
    // the one it wrote is sealed again: a third run skips all
    expect((await run(fs)).skipped).toHaveLength(3);
  });

  it('does the whole work for a sidecar a person edited: a deleted suggestion comes back, a new date dates the events', async () => {
    const fs = corpus();
    await run(fs);
    const path = '/ws/articles/a0.ann.yaml';
    const yaml = fs.text(path)!;
    const lines = yaml.split('\n');
    const gone = lines.findIndex((l) => l.startsWith('- {id: m-'));
    fs.put(path, lines.filter((_, i) => i !== gone).join('\n'));
    const again = await run(fs);
    expect(again.skipped).toEqual(['a1.ann.yaml', 'a2.ann.yaml']);
    expect(fs.text(path)).toBe(yaml);
    // a date given by hand: events are dated from it, so the document is detected again with it
    const dated = yaml.replace('date: 2014-06-01', 'date: 2015-07-02');
    expect(dated).not.toBe(yaml);
    fs.put(path, dated);
    const later = await run(fs);
    expect(later.calls).toBe(1);
    expect(parseSidecar(fs.text(path)!).sidecar!.document.date).toBe('2015-07-02');
  });

  it('takes a hand edit that broke the seal for an edit, not for a concurrent change, and seals the file again at once', async () => {
    // the node adapter reads into Buffers, whose slice is a view of the same bytes (not a copy)
    const fs = corpus();
    await run(fs);
    const path = '/ws/articles/a0.ann.yaml';
    const sealed = fs.text(path)!;
    const bytes = Buffer.from(sealed);
    const inputs = `detector ${DETECTOR_VERSION}\ngazetteer A\nlearned none`;
    expect(isSealed(bytes, inputs, sha256Hex(fs.files.get('/ws/articles/a0.txt')!.data))).toBe(true);
    const edited = Buffer.from(sealed.replace('status: draft', 'status: reviewed'));
    const copy = Buffer.from(edited);
    expect(isSealed(edited, inputs, sha256Hex(fs.files.get('/ws/articles/a0.txt')!.data))).toBe(false);
    expect(edited.equals(copy)).toBe(true);
    fs.put(path, edited.toString());
    const annotated: AnnotatedFile[] = [];
    await annotateCorpus(
      fs,
      { paths: ['/ws'], detector: counted().detector, inputs: async () => 'gazetteer A' },
      { progress: () => undefined, problem: (p) => expect.fail(p.message), annotated: (a) => annotated.push(a) },
    );
    expect(annotated.find((a) => a.sidecarPath === path)).toMatchObject({ merged: false, written: true });
    expect(parseSidecar(fs.text(path)!).sidecar!.document.status).toBe('reviewed');
    expect((await run(fs)).skipped).toHaveLength(3);
  });

  it('does the whole work everywhere when what detection depends on changed (workspace gazetteer, learned names)', async () => {
    const fs = corpus();
    await run(fs);
    expect((await run(fs, {}, 'gazetteer B')).calls).toBe(3);
    expect((await run(fs, {}, 'gazetteer B')).calls).toBe(0);
    // a name learned from someone's accept is suggested everywhere: every document is detected again
    const model = emptyLearned();
    expect((await run(fs, { learning: { model, documentKey: (f) => f } }, 'gazetteer B')).calls).toBe(3);
    expect((await run(fs, { learning: { model, documentKey: (f) => f } }, 'gazetteer B')).calls).toBe(0);
    const s = emptySidecar('x.txt', 'f'.repeat(64));
    s.mentions.push({ id: 'm1', label: 'ACTOR', start: 0, end: 6, text: 'Sheikh', status: 'accepted', origin: 'manual' });
    learnFromSidecar(model, 'elsewhere.txt', s);
    expect((await run(fs, { learning: { model, documentKey: (f) => f } }, 'gazetteer B')).calls).toBe(3);
  });

  it('a date given for a document and a workspace taxonomy are inputs too: changing either detects again', async () => {
    const fs = corpus();
    await run(fs);
    const dated = (file: string) => (file.endsWith('a1.txt') ? '2014-06-04' : undefined);
    const withDate = await run(fs, { dateOf: dated });
    expect(withDate.calls).toBe(1);
    expect(parseSidecar(fs.text('/ws/articles/a1.ann.yaml')!).sidecar!.document.date).toBe('2014-06-04');
    expect((await run(fs, { dateOf: dated })).calls).toBe(0);
    const taxonomy = parseTaxonomyYaml('types:\n  - name: Battles\n    subtypes:\n      - name: Raid\n        keywords: [raid]\n').taxonomy!;
    expect((await run(fs, { dateOf: dated, taxonomy: async () => taxonomy })).calls).toBe(3);
    expect((await run(fs, { dateOf: dated, taxonomy: async () => taxonomy })).calls).toBe(0);
  });

  it('never skips without inputs to seal with, nor in a file whose seal is a placeholder, nor after any one-byte change', async () => {
    const fs = corpus();
    await run(fs);
    // no inputs given: no seal is checked (nor written)
    const d = counted();
    await annotateCorpus(fs, { paths: ['/ws'], detector: d.detector }, { progress: () => undefined, problem: () => undefined, annotated: () => undefined });
    expect(d.calls()).toBe(3);
    const path = '/ws/articles/a2.ann.yaml';
    await run(fs);
    const sealed = fs.files.get(path)!.data;
    const textSha = sha256Hex(fs.files.get('/ws/articles/a2.txt')!.data);
    const inputs = `detector ${DETECTOR_VERSION}\ngazetteer A\nlearned none`;
    expect(isSealed(sealed, inputs, textSha)).toBe(true);
    expect(isSealed(sealed, `${inputs} `, textSha)).toBe(false);
    expect(isSealed(sealed, inputs, 'e'.repeat(64))).toBe(false);
    const random = prng(13);
    for (let k = 0; k < 300; k++) {
      const changed = new Uint8Array(sealed);
      const at = Math.floor(random() * changed.length);
      changed[at] = (changed[at] + 1 + Math.floor(random() * 254)) % 256;
      expect(isSealed(changed, inputs, textSha), `byte ${at}`).toBe(false);
    }
    const yaml = new TextDecoder().decode(sealed);
    const placeholder = yaml.replace(/fingerprint: "[0-9a-f]{16}"/, `fingerprint: "${SEAL_PLACEHOLDER}"`);
    expect(isSealed(new TextEncoder().encode(placeholder), inputs, textSha)).toBe(false);
    expect(sealYaml(placeholder, inputs, textSha)!.yaml).toBe(yaml);
  });

  it('leaves a version 1 sidecar byte for byte (it is never sealed), and so detects it on every run', async () => {
    const text = 'ISIL fighters attacked Mosul.\n';
    const v1 = `version: 1\ndocument: {text: a.txt, sha256: ${sha256Hex(new TextEncoder().encode(text))}, status: draft}\nmentions:\n  - {id: m1, label: ACTOR, start: 0, end: 4, text: "ISIL", status: accepted, origin: manual, prefix: "", suffix: " fighters attacked Mosul."}\n`;
    const fs = new MemoryFileSystem({ '/ws/articles/a.txt': text, '/ws/articles/a.ann.yaml': v1 });
    let calls = 0;
    // detection finds nothing new: nothing changes, so nothing is written
    const nothing = async (): Promise<Detector> => ({ detect: async () => (calls++, { mentions: [], attributions: [], events: [] }) });
    for (let i = 0; i < 2; i++) {
      const r = await run(fs, { detector: nothing });
      expect(r.written).toEqual([]);
      expect(r.skipped).toEqual([]);
      expect(fs.text('/ws/articles/a.ann.yaml')).toBe(v1);
    }
    expect(calls).toBe(2);
  });

  it('does not seal a save that merged someone else’s change', async () => {
    const fs = corpus();
    const path = '/ws/articles/a0.ann.yaml';
    // someone writes the sidecar while annotate works on it
    fs.beforeWrite = (p) => {
      if (p !== path || fs.text(path)?.includes('by: "amal"')) return;
      fs.beforeWrite = undefined;
      const s = emptySidecar('a0.txt', sha256Hex(fs.files.get('/ws/articles/a0.txt')!.data));
      s.mentions.push({ id: 'm-aaaaaa', label: 'PLACE', start: 20, end: 24, text: 'ISIL', status: 'accepted', origin: 'manual', by: 'amal' });
      fs.put(path, renderSidecar(s));
    };
    await run(fs);
    const yaml = fs.text(path)!;
    expect(yaml).toContain('by: "amal"');
    expect(yaml).not.toContain('fingerprint:');
    expect((await run(fs)).skipped).toEqual(['a1.ann.yaml', 'a2.ann.yaml']);
    expect(fs.text(path)).toMatch(/fingerprint: "[0-9a-f]{16}"/);
  });
});
