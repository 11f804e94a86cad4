/**
 * Articles far larger than any real one (several MB, hundreds of thousands of names) must be processed, not
 * crash: a spread of a huge array (`push(...xs)`) overflows the call stack long before memory runs out.
 */
import { describe, expect, it } from 'vitest';
import { detect } from '../../src/core/detection/detect';
import { parseSidecar } from '../../src/core/sidecar/parseSidecar';
import { TestGazetteer } from './detectFixtures';

describe('huge inputs', () => {
  it('detects in an article with 200k capitalised names without overflowing the stack', () => {
    const text = 'Ahmed Karim met Omar Said. '.repeat(100_000);
    const { mentions } = detect(text, new TestGazetteer([]));
    expect(Array.isArray(mentions)).toBe(true);
  });

  it('parses a sidecar with 200k problems into problems, not a RangeError', () => {
    const yaml = `version: 1\ndocument: {text: a.txt, sha256: "${'0'.repeat(64)}", status: draft}\nrejected: [${'1,'.repeat(200_000)}1]\n`;
    const r = parseSidecar(yaml);
    expect(r.sidecar).toBeUndefined();
    expect(r.problems.some((p) => p.code === 'internal')).toBe(false);
    expect(r.problems.length).toBeGreaterThan(200_000);
  });
});
