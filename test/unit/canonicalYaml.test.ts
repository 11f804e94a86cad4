/**
 * The fast sidecar reader and writer (parseCanonical, renderCanonical) against the `yaml` Document paths they
 * stand in for: the same bytes written, the same data, problems and lines read, on real and random sidecars.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseSidecar, parseWithDocument } from '../../src/core/sidecar/parseSidecar';
import { renderSidecar, renderWithDocument } from '../../src/core/sidecar/renderSidecar';
import { renderCanonical } from '../../src/core/sidecar/renderCanonical';
import { parseCanonical } from '../../src/core/sidecar/parseCanonical';
import { acceptAll } from '../../src/core/review/mergeSuggestions';
import { emptySidecar } from '../../src/core/sidecar/sidecarFormat';
import type { Attribution, EventAnnotation, Mention, Rejection, Sidecar, Span } from '../../src/core/model';
import { prng } from './prng';
import { parseDocument } from 'yaml';
import { MAX_ALIAS_COUNT } from '../../src/core/sidecar/sidecarFormat';

const FIX = join(__dirname, '..', 'fixtures');
const real = [
  ...readdirSync(join(FIX, 'gold')).map((f) => readFileSync(join(FIX, 'gold', f), 'utf8')),
  readFileSync(join(FIX, 'v1', '004_c6c6a49fe15b7881.ann.yaml'), 'utf8'),
].map((y) => parseSidecar(y).sidecar!);

/** Paths validate and the editor ask for, and some that do not exist. */
const PATHS = [
  '', 'version', 'version[0]', 'document', 'document.sha256', 'document.nope', 'mentions', 'mentions[0]', 'mentions[1].text', 'mentions.1', 'mentions[999]',
  'attributions', 'attributions[0]', 'attributions[0].cue', 'attributions[0].cue.text', 'attributions[1].kind', 'events', 'events[0].spans[0]',
  'events[0].actor1', 'rejected', 'rejected[0].label', 'conflicts[0]', 'nothing[3]',
];

function expectSameParse(y: string): boolean {
  const fast = parseSidecar(y);
  const full = parseWithDocument(y);
  expect(fast.problems).toEqual(full.problems);
  expect(JSON.stringify(fast.sidecar)).toBe(JSON.stringify(full.sidecar));
  const canonical = parseCanonical(y) !== undefined;
  if (canonical) for (const p of PATHS) expect([p, fast.locate(p)]).toEqual([p, full.locate(p)]);
  return canonical;
}

// Random sidecars: most values as annotation produces them, some made to trip a YAML writer.
const ODD = [
  '"', "'", '\\', '\n', '\r\n', '\t', '\u0000', '\u0007', '\u001b', '\u0085', '\u00a0', '\u2028', '\uFEFF', '\ud800', '😀', 'حلب', 'e\u0301', ' ', '  ', '#', ' #', ': ',
  ',', '[', ']', '{', '}', '-', '- ', '?', '&', '*', '!', '%', '@', '`', '~', '|', '>', 'null', 'true', 'False', '12', '007', '0x1F', '0o7', '1e5', '-3', '.5', '.inf', '---', '...', ' \n',
];
const WORDS = ['ISIL', 'Mosul', 'al-Qaeda', 'Cote d\'Ivoire', 'Deir ez-Zor', 'x-rami-abdel-rahman', 'geonames-98182', 'Air/drone strike', 'Change to group/activity', 'Šabac', 'حلب', 'M23 (rebels)', 'U.S.', 'A&B', 'R+D'];

function generator(seed: number, oddness: number) {
  const rnd = prng(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const word = () => (rnd() < oddness ? Array.from({ length: 1 + int(3) }, () => (rnd() < 0.5 ? pick(ODD) : pick(WORDS))).join('') : pick(WORDS));
  const text = () => Array.from({ length: int(6) }, () => (rnd() < oddness * 2 ? pick(ODD) : `${pick(WORDS)} `)).join('');
  const maybe = <T>(p: number, f: () => T): T | undefined => (rnd() < p ? f() : undefined);
  const num = () => (rnd() < oddness / 4 ? pick([2 ** 53, 1.5, -0, 1e21]) : int(20000));
  const span = (context: boolean): Span => {
    const s: Span = { start: num(), end: num(), text: text() };
    if (context && rnd() < 0.8) Object.assign(s, { prefix: text(), suffix: text() });
    return s;
  };
  const who = () => (rnd() < 0.3 ? { by: word(), at: rnd() < 0.8 ? '2025-03-01T14:05:00Z' : word() } : {});
  const clean = <T extends object>(o: T): T => {
    for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
    return o;
  };
  return (): Sidecar => {
    const s = emptySidecar(rnd() < 0.9 ? 'article.txt' : word(), rnd() < 0.95 ? 'ab'.repeat(32) : pick(['0'.repeat(64), '1'.repeat(63) + 'e', word()]));
    Object.assign(s.document, clean({ date: maybe(0.7, () => '2014-06-26'), detector: maybe(0.8, () => pick(['1', '2.0', 'v3', word()])), status: pick(['draft', 'reviewed'] as const) }));
    const status = () => pick(['suggested', 'suggested', 'accepted'] as const);
    for (let i = int(12); i > 0; i--) {
      const m: Mention = clean({ id: rnd() < 0.8 ? `m-${int(1 << 24).toString(16)}` : pick([`m${i}`, word()]), label: pick(['ACTOR', 'PLACE'] as const), ...span(true), entity: maybe(0.7, word), status: status(), origin: pick(['gazetteer', 'rule', 'manual', 'import'] as const), orphan: maybe(0.1, () => rnd() < 0.5), ...who() });
      s.mentions.push(m);
    }
    for (let i = int(4); i > 0; i--) {
      const a: Attribution = clean({ id: `a-${int(1 << 24).toString(16)}`, cue: span(true), source: maybe(0.7, () => span(true)), content: maybe(0.7, () => span(true)), kind: pick(['named', 'anonymous'] as const), direct: rnd() < 0.5, status: status(), origin: maybe(0.8, () => 'rule' as const), sourceEntity: maybe(0.3, word), orphan: maybe(0.1, () => true), ...who() });
      s.attributions.push(a);
    }
    for (let i = int(3); i > 0; i--) {
      const e: EventAnnotation = clean({
        id: `e-${int(1 << 24).toString(16)}`, type: pick(['Battles', 'Riots', word()]), subtype: pick(['Armed clash', 'Air/drone strike', word()]), ...span(true), actor1: maybe(0.5, word), place: maybe(0.5, word),
        date: maybe(0.5, () => '2014-06-25'), fatalities: maybe(0.4, num), status: status(), origin: maybe(0.5, () => 'manual' as const), spans: maybe(0.3, () => Array.from({ length: int(3) }, () => span(true))),
        inter1: maybe(0.3, () => int(9)), interaction: maybe(0.2, () => int(89)), civilian_targeting: maybe(0.2, () => rnd() < 0.5), admin1: maybe(0.2, word), source_scale: maybe(0.2, word), notes: maybe(0.2, text), ...who(),
      });
      s.events.push(e);
    }
    for (let i = int(3); i > 0; i--) {
      const r: Rejection = clean({ kind: pick(['mention', 'attribution', 'event'] as const), label: maybe(0.8, word), ...span(true), ...who() });
      if (r.start % 8 === 0) r.orphan = true; // (drawn from the offset, so the random stream stays as it was)
      s.rejected.push(r);
    }
    if (rnd() < 0.05) s.conflicts = [{ id: 'm1', ours: null, theirs: { id: 'm1', text: text() } }];
    return s;
  };
}

describe('renderCanonical', () => {
  it('writes what the Document renderer writes for real sidecars, as found and with every decision', () => {
    for (const s of real) {
      for (const variant of [s, acceptAll(s), { ...s, version: 2 as const }]) {
        const fast = renderCanonical(variant);
        expect(fast).toBeDefined();
        expect(fast).toBe(renderWithDocument(variant));
      }
    }
  });

  it.each([
    ['realistic', 0.02, 0.6],
    ['hostile', 0.4, 0.01],
  ])('writes what the Document renderer writes for random %s sidecars', (_name, oddness, minFast) => {
    const next = generator(oddness === 0.02 ? 11 : 12, oddness);
    let fast = 0;
    const N = oddness < 0.1 ? 200 : 120;
    for (let n = 0; n < N; n++) {
      const s = next();
      const slow = renderWithDocument(s);
      const quick = renderCanonical(s);
      if (quick !== undefined) {
        fast++;
        expect(quick).toBe(slow);
      }
      // and whatever the writer picks, it writes the same as the general path, also given the previous file
      const edited = { ...s, mentions: s.mentions.slice(1) };
      expect(renderSidecar(edited, slow)).toBe(renderWithDocument(edited, slow));
    }
    expect(fast / N).toBeGreaterThanOrEqual(minFast);
  });

  it('keeps each item on one line, even a long quote with line breaks', () => {
    const s = emptySidecar('a.txt', 'ab'.repeat(32));
    s.events.push({ id: 'e1', type: 'Battles', subtype: 'Armed clash', start: 0, end: 60, text: `${'a long quote '.repeat(4)}\nover two lines`, status: 'accepted', prefix: '\n\n', suffix: 'x \n y' });
    const y = renderSidecar(s);
    expect(y.split('\n').find((l) => l.startsWith('- '))).toContain('"a long quote a long quote a long quote a long quote\\ \\nover two lines"');
    expect(y).toBe(renderWithDocument(s));
    expect(y).toContain('suffix: "x\\ \\n y"'); // yaml escapes a space before a line break
  });
});

describe('parseCanonical', () => {
  it('reads real sidecars, as written by both versions, as the full parser does', () => {
    let canonical = 0;
    for (const s of real) {
      for (const y of [renderSidecar(s), renderSidecar(acceptAll(s))]) if (expectSameParse(y)) canonical++;
    }
    expect(canonical).toBe(real.length * 2);
    expect(expectSameParse(readFileSync(join(FIX, 'v1', '004_c6c6a49fe15b7881.ann.yaml'), 'utf8'))).toBe(true);
    for (const f of readdirSync(join(FIX, 'gold'))) expect(expectSameParse(readFileSync(join(FIX, 'gold', f), 'utf8'))).toBe(false); // hand-written layout
  });

  it.each([
    ['realistic', 0.02],
    ['hostile', 0.4],
  ])('reads random %s sidecars as the full parser does', (_name, oddness) => {
    const next = generator(oddness === 0.02 ? 21 : 22, oddness);
    let canonical = 0;
    const N = oddness < 0.1 ? 150 : 100;
    for (let n = 0; n < N; n++) if (expectSameParse(renderWithDocument(next()))) canonical++;
    if (oddness < 0.1) expect(canonical / N).toBeGreaterThan(0.5);
  });

  it('declines what it does not know, so the full parser reports it', () => {
    const y = renderSidecar(real[0]);
    const line = y.split('\n').find((l) => l.startsWith('- {'))!;
    for (const edit of [
      y.replace('mentions:\n', '# a comment\nmentions:\n'),
      y.replace(line, `${line} # why`),
      y.replace(line, `${line}\n`),
      y.replace(line, line.replace('{id:', '{colour: red, id:')),
      y.replace(line, line.replace(', label:', ',  label:')),
      y.replace('version: 2', 'version: 2\nversion: 2'),
      y.replace('\n', '\r\n'),
      `${y}extra: 1\n`,
      y.slice(0, -1),
    ]) {
      expect([edit.slice(0, 300), parseCanonical(edit)]).toEqual([edit.slice(0, 300), undefined]);
      expectSameParse(edit);
    }
    // well-formed but wrong (a duplicate id): read fast, then handed to the full parser for the problem
    const twice = y.replace(line, `${line}\n${line}`);
    expect(parseCanonical(twice)).toBeDefined();
    expect(parseSidecar(twice).problems.map((p) => p.code)).toEqual(['duplicate-id']);
    expectSameParse(twice);
  });

  it('reads annotation-style names and words as plain scalars', () => {
    for (const w of WORDS) expect(parseCanonical(renderSidecar({ ...emptySidecar('a.txt', 'ab'.repeat(32)), mentions: [{ id: 'm1', label: 'ACTOR', start: 0, end: 1, text: 'x', entity: w, status: 'suggested', origin: 'rule' }] }))).toBeDefined();
  });
});

/** One random edit of a file: a character dropped, inserted or replaced, or a line repeated. */
function mutate(rnd: () => number, src: string): string {
  const at = Math.floor(rnd() * (src.length + 1));
  const snippets = [...ODD, '1', ' ', 'm', '}', ', x: 1', '\\x4', '\\u00', '\\q', '\t'];
  switch (Math.floor(rnd() * 4)) {
    case 0:
      return src.slice(0, at) + src.slice(at + 1);
    case 1:
      return src.slice(0, at) + snippets[Math.floor(rnd() * snippets.length)] + src.slice(at);
    case 2:
      return src.slice(0, at) + String.fromCharCode(32 + Math.floor(rnd() * 95)) + src.slice(at + 1);
    default: {
      const lines = src.split('\n');
      const i = Math.floor(rnd() * lines.length);
      lines.splice(i, 0, lines[i]);
      return lines.join('\n');
    }
  }
}

describe('parseCanonical on damaged files', () => {
  it('reads a randomly edited file exactly as yaml does, or leaves it to the full parser', () => {
    const rnd = prng(7);
    const next = generator(31, 0.05);
    let accepted = 0;
    const N = Number(process.env.FUZZ_CASES ?? 300);
    for (let n = 0; n < N; n++) {
      let y = renderSidecar(next());
      for (let k = 1 + Math.floor(rnd() * 3); k > 0; k--) y = mutate(rnd, y);
      const fast = parseCanonical(y);
      if (fast) {
        accepted++;
        const doc = parseDocument(y, { schema: 'core', uniqueKeys: true });
        expect(doc.errors).toEqual([]);
        expect(fast.data).toEqual(doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }));
      }
      expectSameParse(y);
    }
    expect(accepted).toBeGreaterThan(0);
  });
});

describe('values read by the fast reader', () => {
  it('hold their own characters, never the whole file: jobs keep some of them after the document is gone', () => {
    // a slice of a long string keeps the string alive (V8); an export kept each document's hash in its
    // manifest and so every sidecar it read (10,000 sample copies: 500 MB)
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const s = emptySidecar('a.txt', 'a'.repeat(64));
    for (let i = 0; i < 8000; i++) {
      s.mentions.push({ id: `m${i + 1}`, label: 'ACTOR', start: i * 40, end: i * 40 + 23, text: `Iraqi security forces ${i % 10}`.slice(0, 23), entity: 'x-iraqi-security-forces', status: 'suggested', origin: 'rule' });
    }
    const yaml = renderSidecar(s);
    expect(yaml.length).toBeGreaterThan(500_000);
    const kept: unknown[] = [];
    // both readers compiled first: code and feedback take heap too
    parseCanonical(yaml);
    parseCanonical(yaml, { typed: true });
    gc();
    const before = process.memoryUsage().heapUsed;
    // in a function of its own, so that no frame still holds the last file when the heap is measured
    const readOne = (i: number): void => {
      // a fresh string each time, as each file read is
      const parsed = parseCanonical(yaml.replace('a'.repeat(64), `f${i.toString(16).padStart(63, '0')}`))!.data as { document: { sha256: string }; mentions: { entity: string; text: string }[] };
      kept.push(parsed.document.sha256, parsed.mentions[7].entity, parsed.mentions[7].text);
      // and the mentions read straight into Mentions, as parseSidecar reads them
      const direct = parseCanonical(yaml.replace('a'.repeat(64), `e${i.toString(16).padStart(63, '0')}`), { typed: true })!.mentions!;
      kept.push(direct[7]!.id, direct[7]!.text);
    };
    for (let i = 0; i < 40; i++) readOne(i);
    gc();
    expect(kept).toHaveLength(200);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(4 * 1024 * 1024);
  });
});
