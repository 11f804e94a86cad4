/**
 * The fast sidecar writer and reader (canonicalYaml.ts) against the general ones through the `yaml` library:
 * the writer's bytes must be the general writer's, and whatever the reader accepts it must read exactly as
 * `yaml` does (random sidecars with awkward strings, and mutations of their files).
 */
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import type { Attribution, EventAnnotation, Mention, Rejection, Sidecar, Span } from '../../src/core/model';
import { readCanonical, renderCanonical } from '../../src/core/sidecar/canonicalYaml';
import { parseSidecar, parseSidecarYaml } from '../../src/core/sidecar/parseSidecar';
import { renderItemYaml, renderSidecar, renderSidecarYaml, sortSidecar } from '../../src/core/sidecar/renderSidecar';
import { MAX_ALIAS_COUNT } from '../../src/core/sidecar/sidecarFormat';
import { prng } from './prng';

const CASES = Number(process.env.FUZZ_CASES ?? 400);
/** Share of awkward characters in generated strings (AWKWARD_RATE=0.3 for a harsher campaign). */
const AWKWARD_RATE = Number(process.env.AWKWARD_RATE ?? 0.08);

const AWKWARD = ['"', '\\', '\n', '\r', '\t', ' \n', '\n ', '\u0000', '\u0007', '\u000b', '\u001b', '\u007f', '\u0085', '\u00a0', '\u2028', '\u2029', '\ufeff', '😀', 'حلب', '#', ': ', ' #', '- ', '{', '}', '[', ']', ',', "'", '%', '...', '---', '&a', '*a', '!', '|', '>', '@', '`', '\ud800'];
const WORDS = ['ISIL', 'Mosul', 'said', 'the army', 'Officials said', 'Nineveh', 'فلسطين', 'Kyiv', 'x'];
const PLAINS = ['m1', 'isil', 'x-abc', 'geonames-99072', 'é-town', 'a_b', '1234', 'true', 'null', 'False', '1e3', '0x1F', '.inf', '-x', '.x', 'a b', 'a:b', '', 'yes', '2014-06-01', 'ab/cd', 'a.b', '~', '0o17'];

function generator(rnd: () => number) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const str = (max: number): string => {
    let s = '';
    const n = Math.floor(rnd() * max);
    for (let i = 0; i < n; i++) s += rnd() < AWKWARD_RATE ? pick(AWKWARD) : pick(WORDS) + (rnd() < 0.5 ? ' ' : '');
    return s;
  };
  const span = (): Span => {
    const start = Math.floor(rnd() * 5000);
    const s: Span = { start, end: start + Math.floor(rnd() * 40), text: str(rnd() < 0.05 ? 12 : 3) };
    // context as recorded: at most 32 code points
    if (rnd() < 0.8) s.prefix = [...str(6)].slice(-32).join('');
    if (rnd() < 0.8) s.suffix = [...str(6)].slice(0, 32).join('');
    return s;
  };
  const plain = () => (rnd() < 0.97 ? pick(PLAINS.slice(0, 6)) : pick(PLAINS));
  return (): Sidecar => {
    const mentions: Mention[] = Array.from({ length: Math.floor(rnd() * 6) }, (_, i) => {
      const m: Mention = { id: rnd() < 0.97 ? `m${i + 1}` : plain(), label: rnd() < 0.5 ? 'ACTOR' : 'PLACE', ...span(), status: rnd() < 0.5 ? 'accepted' : 'suggested', origin: 'gazetteer' };
      if (rnd() < 0.6) m.entity = plain();
      if (rnd() < 0.2) m.orphan = true;
      return m;
    });
    const attributions: Attribution[] = Array.from({ length: Math.floor(rnd() * 3) }, (_, i) => {
      const a: Attribution = { id: `a${i + 1}`, cue: span(), kind: rnd() < 0.5 ? 'named' : 'anonymous', direct: rnd() < 0.5, status: 'suggested' };
      if (rnd() < 0.7) a.source = span();
      if (rnd() < 0.7) a.content = span();
      if (rnd() < 0.5) a.origin = 'rule';
      if (rnd() < 0.3) a.sourceEntity = plain();
      if (rnd() < 0.1) a.orphan = true;
      return a;
    });
    const events: EventAnnotation[] = Array.from({ length: Math.floor(rnd() * 3) }, (_, i) => {
      const e: EventAnnotation = { id: `e${i + 1}`, type: pick(['Battles', 'Violence against civilians', 'Strategic developments']), subtype: pick(['Armed clash', 'Attack', 'Looting/property destruction']), ...span(), status: 'accepted' };
      if (rnd() < 0.5) e.actor1 = 'm1';
      if (rnd() < 0.5) e.date = '2014-06-01';
      if (rnd() < 0.5) e.fatalities = Math.floor(rnd() * 50);
      return e;
    });
    const rejected: Rejection[] = Array.from({ length: Math.floor(rnd() * 3) }, () => {
      const { start, end, text, prefix, suffix } = span();
      const r: Rejection = { kind: 'mention', label: 'PLACE', start, end, text };
      if (prefix !== undefined) r.prefix = prefix;
      if (suffix !== undefined) r.suffix = suffix;
      if (rnd() < 0.1) r.orphan = true;
      return r;
    });
    const document = { text: rnd() < 0.9 ? 'a.txt' : str(3), sha256: rnd() < 0.9 ? 'ab'.repeat(32) : plain(), status: 'draft' as const, ...(rnd() < 0.5 ? { date: '2014-06-26' } : {}) };
    return { version: 1, document, mentions, attributions, events, rejected };
  };
}

function mutate(rnd: () => number, src: string): string {
  const at = Math.floor(rnd() * (src.length + 1));
  const snippets = [...AWKWARD, '1', ' ', 'm', '}', ', x: 1', '\\x4', '\\u00', '\\q', '\t'];
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

describe('canonical sidecar YAML', () => {
  it(`writes what the general writer writes and reads what yaml reads (${CASES} random sidecars)`, () => {
    const rnd = prng(99);
    const make = generator(rnd);
    let fastWrites = 0;
    let fastReads = 0;
    for (let c = 0; c < CASES; c++) {
      const s = make();
      const slow = renderSidecarYaml(s);
      const fast = renderCanonical(sortSidecar(s), renderItemYaml);
      if (fast !== undefined) {
        fastWrites++;
        expect(fast).toBe(slow);
      }
      expect(renderSidecar(s)).toBe(slow);
      expect(renderSidecar(s, slow)).toBe(renderSidecarYaml(s, slow));
      const data = readCanonical(slow, renderItemYaml);
      if (data) {
        fastReads++;
        expect(data).toEqual(parseDocument(slow, { schema: 'core' }).toJS({ maxAliasCount: MAX_ALIAS_COUNT }));
      }
      const general = parseSidecarYaml(slow);
      const quick = parseSidecar(slow);
      expect(quick.sidecar).toEqual(general.sidecar);
      expect(quick.problems).toEqual(general.problems);
    }
    // the fast paths must actually carry most files
    expect(fastWrites).toBeGreaterThan(CASES * 0.5);
    expect(fastReads).toBeGreaterThan(CASES * 0.5);
  });

  it(`reads a mutated file exactly as yaml does, or leaves it to yaml (${CASES} mutations)`, () => {
    const rnd = prng(7);
    const make = generator(rnd);
    let accepted = 0;
    for (let c = 0; c < CASES; c++) {
      let text = renderSidecar(make());
      for (let k = 1 + Math.floor(rnd() * 3); k > 0; k--) text = mutate(rnd, text);
      const data = readCanonical(text, renderItemYaml);
      if (data) {
        accepted++;
        const doc = parseDocument(text, { schema: 'core', uniqueKeys: true });
        expect(doc.errors).toEqual([]);
        expect(data).toEqual(doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }));
      }
      const general = parseSidecarYaml(text);
      const quick = parseSidecar(text);
      expect(quick.sidecar).toEqual(general.sidecar);
      expect(quick.problems).toEqual(general.problems);
    }
    expect(accepted).toBeGreaterThan(0);
  });

  it('reads a file it did not write with the general reader, keeping a person’s comments on rewrite', () => {
    const s = generator(prng(3))();
    const withComment = renderSidecar(s).replace('version: 1', '# checked\nversion: 1');
    expect(readCanonical(withComment, renderItemYaml)).toBeUndefined();
    expect(parseSidecar(withComment).sidecar).toEqual(parseSidecarYaml(withComment).sidecar);
    expect(renderSidecar(parseSidecar(withComment).sidecar!, withComment)).toContain('# checked\nversion: 1');
  });
});
