/**
 * Fuzzing parseSidecar with mutated real sidecars. FUZZ_CASES=1000000 (and FUZZ_SEED) run a longer campaign:
 *   FUZZ_CASES=1000000 npx vitest run test/unit/fuzz.test.ts
 * Every input the fast reader (parseCanonical) accepts is also read by the full parser: data, problems and
 * line numbers must agree.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSidecar, parseWithDocument } from '../../src/core/sidecar/parseSidecar';
import { canonicalSidecar, renderSidecar, renderWithDocument } from '../../src/core/sidecar/renderSidecar';
import { parseCanonical } from '../../src/core/sidecar/parseCanonical';
import { renderCanonical } from '../../src/core/sidecar/renderCanonical';
import type { Sidecar } from '../../src/core/model';
import { prng } from './prng';

const CASES = Number(process.env.FUZZ_CASES ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 1234);
const GOLD = join(__dirname, '..', 'fixtures', 'gold');


/**
 * Small real sidecars: a slice of each gold file, plus one with every optional field (version 2's too), as raw
 * and rendered YAML, and the start of a file the version 1 writer wrote.
 */
function seeds(): string[] {
  const out: string[] = [];
  for (const f of readdirSync(GOLD)) {
    const raw = readFileSync(join(GOLD, f), 'utf8');
    const s = parseSidecar(raw).sidecar!;
    const who = { by: 'amal', at: '2025-03-01T14:05:00Z' };
    const small: Sidecar = {
      ...s,
      document: { ...s.document, detector: '1' },
      mentions: s.mentions.slice(0, 4).map((m, i) => (i === 0 ? { ...m, prefix: 'the "town" of\r\n', suffix: ' 😀 حلب', orphan: true, ...who } : i === 1 ? { ...m, status: 'suggested' } : m)),
      attributions: s.attributions.slice(0, 2),
      events: [{ id: 'e-1a2b3c', type: 'Battles', subtype: 'Armed clash', start: 0, end: 4, text: 'x', actor1: s.mentions[0].id, date: '2014-06-01', fatalities: 3, status: 'accepted', origin: 'manual', spans: [{ start: 5, end: 6, text: 'y', prefix: 'p' }], inter1: 3, interaction: 30, civilian_targeting: true, admin1: 'Nineveh', notes: 'n', ...who }],
      rejected: [{ kind: 'mention', label: 'ACTOR', start: 1, end: 2, text: 'y', prefix: 'a', suffix: 'b', ...who }],
    };
    out.push(renderSidecar(small));
    out.push(raw.split('\n').slice(0, 14).join('\n'));
  }
  const v1 = readFileSync(join(__dirname, '..', 'fixtures', 'v1', '004_c6c6a49fe15b7881.ann.yaml'), 'utf8').split('\n');
  out.push([...v1.slice(0, 8), ...v1.slice(v1.indexOf('attributions:'), v1.indexOf('attributions:') + 17), ...v1.slice(v1.indexOf('events:'))].join('\n'));
  return out;
}

const PATHS = ['', 'version', 'document.text', 'mentions', 'mentions[0]', 'mentions[2].end', 'mentions[50]', 'attributions[0].cue', 'attributions[1].kind', 'events[0].spans[0]', 'rejected[0]', 'x'];

const SNIPPETS = [
  '&a', '*a', '*nope', '<<: *a', '!!binary', '!!str', '!custom', '? ', ': ', '- ', '{', '}', '[', ']', '"', "'", '#', '|', '>',
  '\t', '\r\n', '\n', '\u0000', '\uFEFF', '😀', 'حلب', '1e400', '-0', '0x1F', '.nan', '.inf', '99999999999999999999', 'null', '~',
  'true', '2014-13-45', '%YAML 1.1\n---\n', '---\n', '...\n', 'id: m1', 'start: -5', 'end: 1.5', 'label: PERSON', 'status: maybe',
];

function mutate(rnd: () => number, src: string): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const at = () => Math.floor(rnd() * (src.length + 1));
  const lines = src.split('\n');
  const line = () => Math.floor(rnd() * lines.length);
  switch (Math.floor(rnd() * 12)) {
    case 0: { // flip a character
      const i = at();
      return src.slice(0, i) + String.fromCharCode(Math.floor(rnd() * 128)) + src.slice(i + 1);
    }
    case 1: // truncate
      return src.slice(0, at());
    case 2: { // duplicate a line (duplicate keys / ids)
      const i = line();
      lines.splice(i, 0, lines[i]);
      return lines.join('\n');
    }
    case 3: { // insert a YAML snippet
      const i = at();
      return src.slice(0, i) + pick(SNIPPETS) + src.slice(i);
    }
    case 4: // replace a number with a huge or odd one
      return src.replace(/\b\d+\b/, () => pick(['1e400', '-1', '3.5', '99999999999999999999', '0x10', '"12"', '[]', '{}', 'null']));
    case 5: // wrong type for a whole key
      return src.replace(new RegExp(`^${pick(['mentions', 'attributions', 'events', 'rejected', 'document', 'version'])}:.*$`, 'm'), (m) => `${m.split(':')[0]}: ${pick(['7', 'text', '{a: 1}', '[1, 2]', '', '*x'])}`);
    case 6: { // alias bomb appended
      let bomb = 'b0: &b0 [x, x, x, x, x, x, x, x, x, x]\n';
      const depth = 2 + Math.floor(rnd() * 6);
      for (let i = 1; i < depth; i++) bomb += `b${i}: &b${i} [${Array(10).fill(`*b${i - 1}`).join(', ')}]\n`;
      return rnd() < 0.5 ? src + bomb : bomb + src;
    }
    case 7: { // delete a random range
      const i = at();
      return src.slice(0, i) + src.slice(i + Math.floor(rnd() * 40));
    }
    case 8: { // swap two lines
      const i = line();
      const j = line();
      [lines[i], lines[j]] = [lines[j], lines[i]];
      return lines.join('\n');
    }
    case 9: // change indentation
      return lines.map((l) => (rnd() < 0.1 ? (rnd() < 0.5 ? ` ${l}` : l.replace(/^ /, '')) : l)).join('\n');
    case 10: { // random bytes decoded leniently
      const i = at();
      const junk = Array.from({ length: 1 + Math.floor(rnd() * 8) }, () => String.fromCharCode(Math.floor(rnd() * 0xffff))).join('');
      return src.slice(0, i) + junk + src.slice(i);
    }
    default: // several mutations
      return mutate(rnd, mutate(rnd, src));
  }
}

describe('parseSidecar fuzz', () => {
  it(`survives ${CASES} mutated sidecars (seed ${SEED})`, () => {
    const rnd = prng(SEED);
    const base = seeds();
    let accepted = 0;
    let rejected = 0;
    let fast = 0;
    const failures: string[] = [];
    for (let n = 0; n < CASES && failures.length < 5; n++) {
      const input = mutate(rnd, base[n % base.length]);
      let result: ReturnType<typeof parseSidecar>;
      try {
        result = parseSidecar(input);
      } catch (e) {
        failures.push(`threw ${(e as Error).message} on ${JSON.stringify(input.slice(0, 200))}`);
        continue;
      }
      // the fast reader with its direct mention lines (what parseSidecar uses) or without
      if (parseCanonical(input, { typed: true }) || parseCanonical(input)) {
        fast++;
        const full = parseWithDocument(input);
        if (JSON.stringify(full.problems) !== JSON.stringify(result.problems) || JSON.stringify(full.sidecar) !== JSON.stringify(result.sidecar)) {
          failures.push(`fast and full parser disagree on ${JSON.stringify(input)}`);
        }
        const lines = (r: typeof result) => PATHS.map((p) => r.locate(p)).join();
        if (lines(full) !== lines(result)) failures.push(`fast and full locate disagree on ${JSON.stringify(input)}: ${lines(result)} vs ${lines(full)}`);
      }
      const errors = result.problems.filter((p) => p.severity === 'error');
      if (result.problems.some((p) => !Number.isInteger(p.line) || p.line < 1 || p.message.startsWith('internal error'))) {
        failures.push(`bad problem ${JSON.stringify(result.problems)} on ${JSON.stringify(input.slice(0, 200))}`);
      }
      if (result.sidecar) {
        accepted++;
        if (errors.length) failures.push('sidecar returned despite errors');
        // whatever parses must survive a render/parse round trip unchanged (lists come back sorted); sampled
        // because rendering costs as much as parsing
        if (n % 8 !== 0) continue;
        const written = renderSidecar(result.sidecar);
        const again = parseSidecar(written);
        if (JSON.stringify(again.sidecar) !== JSON.stringify(canonicalSidecar(result.sidecar))) failures.push(`round trip changed ${JSON.stringify(input)} ${JSON.stringify(again.problems)}`);
        const quick = renderCanonical(result.sidecar);
        if (quick !== undefined && quick !== renderWithDocument(result.sidecar)) failures.push(`fast and full renderer disagree on ${JSON.stringify(input)}`);
      } else {
        rejected++;
        if (errors.length === 0) failures.push(`no sidecar and no error on ${JSON.stringify(input.slice(0, 200))}`);
      }
    }
    expect(failures).toEqual([]);
    expect(accepted + rejected).toBe(CASES);
    // the mutations must exercise both outcomes
    expect(accepted).toBeGreaterThan(CASES / 20);
    expect(rejected).toBeGreaterThan(CASES / 4);
    expect(fast).toBeGreaterThan(CASES / 50);
  }, Math.max(60_000, CASES * 10)); // long campaigns need more than the default timeout
});
