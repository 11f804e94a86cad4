/**
 * What an export takes: poisoning (unreviewed text exported as "no entity") and silent loss (accepted work
 * dropped while the export reports success) cannot happen. Run through the export job on an in-memory file
 * system for every format, and on the pure parts (document choice, tags, overlaps).
 */
import { inflateSync } from 'node:zlib';
import { decode } from '@msgpack/msgpack';
import { describe, expect, it } from 'vitest';
import { exportCorpus } from '../../src/core/corpus/exportCorpus';
import { validateCorpus } from '../../src/core/corpus/validateCorpus';
import { formatProblem } from '../../src/core/problem';
import { ACLED_TAXONOMY } from '../../src/core/events/taxonomy';
import { documentChoice, flatMentions, prepare, type ExportDocument } from '../../src/core/exports/exportDocument';
import { EXPORT_FORMATS, exportFormat } from '../../src/core/exports/exportFormats';
import { overlapProblems } from '../../src/core/exports/overlappingMentions';
import { schemeTags, taggedSentences } from '../../src/core/exports/taggedSentences';
import { trainingTokens } from '../../src/core/exports/trainingTokens';
import type { Gazetteer } from '../../src/core/gazetteer/gazetteer';
import type { Mention, Sidecar } from '../../src/core/model';
import { renderSidecar } from '../../src/core/sidecar/renderSidecar';
import { createHash } from 'node:crypto';
import { draftExportDoc, unicodeExportDoc } from './exportFixtures';
import { MemoryFileSystem } from './memoryFileSystem';

const sha = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

function doc(name: string, text: string, status: 'draft' | 'reviewed', mentions: Partial<Mention>[], extra: Partial<Sidecar> = {}): ExportDocument {
  const cps = [...text];
  return {
    name,
    text,
    sidecar: {
      version: 1,
      document: { text: name, sha256: sha(text), status },
      mentions: mentions.map((m, i) => ({ id: `m${i + 1}`, label: 'ACTOR', status: 'accepted', origin: 'manual', ...m, text: m.text ?? cps.slice(m.start!, m.end!).join('') })) as Mention[],
      attributions: [],
      events: [],
      rejected: [],
      ...extra,
    },
  };
}

function workspace(docs: readonly ExportDocument[]): MemoryFileSystem {
  const fs = new MemoryFileSystem();
  for (const d of docs) {
    fs.put(`/ws/a/${d.name}`, d.text);
    fs.put(`/ws/a/${d.name.replace(/\.txt$/, '.ann.yaml')}`, renderSidecar(d.sidecar));
  }
  return fs;
}

const gazetteer = async (): Promise<Gazetteer> => ({ get: () => undefined }) as unknown as Gazetteer;
const run = (fs: MemoryFileSystem, format: string, extra: Record<string, unknown> = {}) =>
  exportCorpus(fs, { paths: ['/ws/a'], format: exportFormat(format)!, out: '/ws/out', gazetteer, taxonomy: async () => ACLED_TAXONOMY, ...extra }, { progress: () => undefined, problem: () => undefined });

/** Everything a format wrote, as text (DocBin inflated and decoded: its strings table holds every token). */
function written(fs: MemoryFileSystem): string {
  return [...fs.files.entries()]
    .filter(([p]) => p.startsWith('/ws/out/') && !p.endsWith('manifest.json'))
    .map(([p, f]) => (p.endsWith('.spacy') ? JSON.stringify((decode(inflateSync(f.data)) as { strings: string[] }).strings) : new TextDecoder().decode(f.data)))
    .join('\n');
}

const UNREVIEWED = 'Zanzibarian raiders torched Qwertyville overnight.';

describe('poisoning is impossible', () => {
  const fresh = doc('fresh.txt', UNREVIEWED, 'draft', [{ start: 0, end: 19, status: 'suggested', origin: 'rule' }]);
  const reviewed = doc('reviewed.txt', 'ISIL fighters attacked Mosul.', 'reviewed', [{ start: 0, end: 4 }, { start: 23, end: 28, label: 'PLACE' }]);

  for (const format of EXPORT_FORMATS) {
    it(`${format.id}: a draft with nothing accepted is in no file, with or without --unreviewed missing`, async () => {
      for (const unreviewed of ['skip', 'missing'] as const) {
        const fs = workspace([fresh, reviewed]);
        const r = await run(fs, format.id, { unreviewed });
        expect(r.documents).toBe(1);
        expect(written(fs)).not.toContain('Qwertyville');
        expect(r.manifest.leftOut).toEqual([{ document: 'fresh.txt', kind: 'document', reason: 'nothing-accepted' }]);
        expect(r.manifest.losses).toBe(0);
      }
    });
  }

  it('a draft with accepted work is left out by default and counted as a loss; with --unreviewed missing its other tokens are unknown, never O', async () => {
    const draft = draftExportDoc();
    const d = { ...draft, sidecar: { ...draft.sidecar, document: { ...draft.sidecar.document, sha256: sha(draft.text) } } };
    expect(documentChoice(d)).toEqual({ export: false, reason: 'unreviewed' });
    expect(documentChoice(d, { unreviewed: 'missing' })).toEqual({ export: true, missing: true });
    const fs = workspace([d]);
    const skipped = await run(fs, 'hf');
    expect(skipped.documents).toBe(0);
    expect(skipped.manifest.losses).toBe(1);
    const tagged = taggedSentences(prepare(d, { unreviewed: 'missing' })).flatMap((s) => s.tokens.map((t, i) => `${t.text}:${s.tags[i] ?? '?'}`));
    expect(tagged).toEqual(['Armed:?', 'men:?', 'attacked:?', 'Djibo:B-PLACE', 'on:?', 'Sunday:?', ',:?', 'residents:O', 'said:?', '.:?', 'The:?', 'army:?', 'responded:?', 'near:?', 'Arbinda:B-PLACE', '.:?']);
    // formats that cannot say "unknown" leave the draft out and say why
    for (const format of EXPORT_FORMATS.filter((f) => !f.holds.missing)) {
      const r = await run(workspace([d]), format.id, { unreviewed: 'missing' });
      expect(r.manifest.leftOut, format.id).toEqual([expect.objectContaining({ document: 'draft.txt', reason: 'cannot-mark-missing' })]);
    }
  });
});

describe('silent loss is impossible', () => {
  const text = 'ISIL fighters attacked Mosul and Tal Afar.';
  const d = doc('loss.txt', text, 'reviewed', [
    { start: 0, end: 4 },
    { start: 23, end: 28, label: 'PLACE', orphan: true },
    { start: 33, end: 41, label: 'PLACE', text: 'Tal Afa' }, // quote no longer matches
    { start: 0, end: 13 }, // "ISIL fighters" contains "ISIL"
  ], {
    events: [{ id: 'e1', start: 14, end: 22, text: 'attacked', type: 'Battles', subtype: 'Armed clash', actor1: 'm1', place: 'm2', status: 'accepted', origin: 'manual' }],
  });

  it('every accepted item a format can hold is written or listed in the manifest with its reason; --strict sees the losses', async () => {
    for (const format of EXPORT_FORMATS) {
      const r = await run(workspace([d]), format.id);
      const reasons = r.manifest.leftOut.map((l) => `${l.reason}:${l.id}`).sort();
      const expected: string[] = [];
      if (format.holds.mentions !== 'none') expected.push('orphan:m2', 'quote-mismatch:m3');
      if (format.holds.mentions === 'flat') expected.push('overlap:m1');
      if (format.holds.events) expected.push('role-lost:e1');
      expect(reasons, format.id).toEqual(expected.sort());
      expect(r.manifest.losses, format.id).toBe(expected.length);
      const m = r.manifest.totals.mentions;
      expect(m.ACTOR + m.PLACE, format.id).toBe(format.holds.mentions === 'flat' ? 1 : format.holds.mentions === 'all' ? 2 : 0);
    }
    const lost = (await run(workspace([d]), 'events')).manifest.leftOut.find((l) => l.reason === 'role-lost')!;
    expect(lost.detail).toBe('place m2 "Mosul" is orphaned');
  });

  it('an accepted event whose actor is still a suggestion keeps it, flagged in the record and the manifest', async () => {
    const draft = draftExportDoc();
    const dd = { ...draft, sidecar: { ...draft.sidecar, document: { ...draft.sidecar.document, sha256: sha(draft.text) } } };
    const fs = workspace([dd]);
    const r = await run(fs, 'events', { unreviewed: 'missing' });
    const rec = JSON.parse(fs.text('/ws/out/corpus.events.jsonl')!);
    expect(rec.actor1).toEqual({ id: 'm1', label: 'ACTOR', text: 'Armed men', entity: null, status: 'suggested' });
    expect(r.manifest.leftOut).toEqual([expect.objectContaining({ reason: 'role-suggested', id: 'e1', detail: 'actor1 m1 "Armed men"' })]);
    const brat = workspace([{ ...dd, sidecar: { ...dd.sidecar, document: { ...dd.sidecar.document, status: 'reviewed' } } }]);
    await run(brat, 'brat');
    expect(brat.text('/ws/out/draft.ann')).toMatch(/^A\d+\tSuggested T1$/m);
  });
});

describe('tokens, sentences and tags', () => {
  it('all Unicode and Python whitespace separates tokens', () => {
    expect(trainingTokens('a\u0085b\u001cc\u001fd\u2028e\u00a0f\u3000g').map((t) => t.text)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
  });

  it('a sentence boundary never cuts a mention, and every scheme is valid', () => {
    const u = unicodeExportDoc();
    const p = prepare(u, {});
    for (const scheme of ['iob2', 'iob1', 'bioes'] as const) {
      for (const s of taggedSentences(p, scheme)) {
        s.tags.forEach((t, i) => {
          if (scheme !== 'iob1' && t && /^[IE]-/.test(t)) expect(s.tags[i - 1]?.slice(2), `${scheme} ${t} at ${i}`).toBe(t.slice(2));
        });
        if (scheme === 'bioes') s.tags.forEach((t, i) => t && /^[BI]-/.test(t) && expect(s.tags[i + 1]).toMatch(/^[IE]-/));
      }
    }
    const deir = taggedSentences(p).find((s) => s.tokens.some((t) => t.text === 'Deir'))!;
    expect(deir.tokens.map((t) => t.text)).toContain('Ezzor');
  });

  it('IOB1 writes B- only where an entity follows one of the same label', () => {
    expect(schemeTags([0, 0, 1, -1, 2], (s) => ['ACTOR', 'ACTOR', 'PLACE'][s], 'iob1')).toEqual(['I-ACTOR', 'I-ACTOR', 'B-ACTOR', 'O', 'I-PLACE']);
    expect(schemeTags([0, 0, 1, -1, 2], (s) => ['ACTOR', 'ACTOR', 'PLACE'][s], 'bioes')).toEqual(['B-ACTOR', 'E-ACTOR', 'S-ACTOR', 'O', 'S-PLACE']);
  });

  it('flat mentions: longest first, then earliest; the others listed with the mention kept', () => {
    const m = (id: string, start: number, end: number): Mention => ({ id, label: 'ACTOR', start, end, text: '', status: 'accepted', origin: 'manual' });
    const { flat, overlapped } = flatMentions([m('a', 0, 5), m('b', 3, 10), m('c', 10, 12), m('d', 11, 20), m('e', 21, 22)]);
    expect(flat.map((x) => x.id)).toEqual(['b', 'd', 'e']);
    expect(overlapped.map((o) => [o.mention.id, o.by])).toEqual([['a', 'b'], ['c', 'd']]);
  });
});

describe('validate: overlapping mentions', () => {
  it('crossing and duplicate spans are errors; nesting and one span with two labels are warnings', () => {
    const text = 'North Darfur State Police chief said.';
    const d = doc('o.txt', text, 'draft', [
      { start: 0, end: 18, label: 'PLACE' }, // North Darfur State
      { start: 6, end: 25 }, // Darfur State Police: crosses
      { start: 6, end: 12, label: 'PLACE' }, // Darfur: nested
      { start: 6, end: 12 }, // Darfur as ACTOR: same span
      { start: 6, end: 12, label: 'PLACE' }, // duplicate
      { start: 26, end: 31, orphan: true },
    ]);
    const problems = overlapProblems(d.sidecar, text);
    expect(problems.map((p) => [p.code, p.severity, p.path, p.line])).toEqual([
      ['overlap', 'error', 'mentions[1]', 0],
      ['overlap', 'warning', 'mentions[2]', 0],
      ['overlap', 'warning', 'mentions[3]', 0],
      ['overlap', 'error', 'mentions[4]', 0],
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      'mentions[1]: ACTOR m2 "Darfur State Police" (6-25) crosses PLACE m1 "North Darfur State" (0-18); flat exports keep only the longer',
      'mentions[2]: PLACE m3 "Darfur" (6-12) lies inside PLACE m1 "North Darfur State" (0-18); flat exports keep the outer mention (and 1 more)',
      'mentions[3]: ACTOR m4 "Darfur" (6-12) lies inside PLACE m1 "North Darfur State" (0-18); flat exports keep the outer mention (and 2 more)',
      'mentions[4]: PLACE m5 "Darfur" (6-12) duplicates PLACE m3 "Darfur" (6-12) (and 3 more)',
    ]);
  });

  it('validate reports them with the sidecar line', async () => {
    const text = 'North Darfur State Police chief said.';
    const d = doc('o.txt', text, 'draft', [{ start: 0, end: 18, label: 'PLACE' }, { start: 6, end: 25 }]);
    const fs = workspace([d]);
    const findings: string[] = [];
    const r = await validateCorpus(fs, { paths: ['/ws/a'], taxonomy: async () => ACLED_TAXONOMY }, { progress: () => undefined, problem: () => undefined, finding: (p) => findings.push(formatProblem(p)) });
    expect(r).toEqual({ checked: 1, errors: 1, internalErrors: 0 });
    expect(findings).toEqual([expect.stringMatching(/^\/ws\/a\/o\.ann\.yaml:\d+: error: mentions\[1\]: ACTOR m2 "Darfur State Police" \(6-25\) crosses PLACE m1/)]);
  });
});
