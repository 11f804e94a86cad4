/**
 * The editor detects the articles already open before it is activated and annotates with that detection
 * (annotateWithEarlyDetection): what it gives must be exactly what annotating from scratch gives, and a detection
 * made for another reference date must not be used.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { annotateDocument, annotateWithEarlyDetection, detectWithEvents, referenceDate } from '../../src/core/review/annotateDocument';
import { acceptItem, rejectItem } from '../../src/core/review/mergeSuggestions';
import { emptySidecar } from '../../src/core/sidecar/sidecarFormat';
import { sha256Hex } from '../../src/core/text/decodeText';
import type { Sidecar } from '../../src/core/model';
import { buildDefaultGazetteer } from './detectFixtures';

const ARTICLES = join(__dirname, '..', '..', 'media', 'samples', 'articles');
const g = buildDefaultGazetteer();
const sha = (t: string) => sha256Hex(new TextEncoder().encode(t));
/** As the editor makes it: for the date a fresh sidecar of the file is read against. */
const early = (name: string, text: string) => {
  const date = referenceDate(emptySidecar(name, ''), text);
  return { date, detection: detectWithEvents(text, g, date) };
};

describe('a detection made before activation', () => {
  for (const name of ['000_db39f04dd305928f.txt', '002_423dc2fc7979b9d9.txt', '004_c6c6a49fe15b7881.txt']) {
    it(`gives the sidecar annotating from scratch gives: ${name}`, () => {
      const text = readFileSync(join(ARTICLES, name), 'utf8');
      const fresh = annotateDocument(emptySidecar(name, sha(text)), text, sha(text), g);
      expect(fresh.sidecar.mentions.length).toBeGreaterThan(10);
      expect(annotateWithEarlyDetection(emptySidecar(name, sha(text)), text, sha(text), g, early(name, text))).toEqual(fresh);
    });
  }

  it('keeps a person\'s decisions as annotating from scratch does', () => {
    const name = '000_db39f04dd305928f.txt';
    const text = readFileSync(join(ARTICLES, name), 'utf8');
    const first = annotateDocument(emptySidecar(name, sha(text)), text, sha(text), g).sidecar;
    const [a, b] = first.mentions;
    const decided: Sidecar = rejectItem(acceptItem(first, a.id, text), b.id);
    const fresh = annotateDocument(decided, text, sha(text), g);
    expect(fresh.sidecar.rejected.length).toBe(1);
    expect(annotateWithEarlyDetection(decided, text, sha(text), g, early(name, text))).toEqual(fresh);
  });

  it('is used only for the document date it was made with', () => {
    const name = '000_db39f04dd305928f.txt';
    const text = readFileSync(join(ARTICLES, name), 'utf8');
    const nothing = { mentions: [], attributions: [], events: [] };
    const empty = emptySidecar(name, sha(text));
    // taken: the date matches (an empty detection then leaves the sidecar without suggestions)
    expect(annotateWithEarlyDetection(empty, text, sha(text), g, { date: early(name, text).date, detection: nothing }).sidecar.mentions).toEqual([]);
    // not taken: the sidecar carries another date than the one it was made with
    const dated: Sidecar = { ...empty, document: { ...empty.document, date: '2001-02-03' } };
    const withDate = annotateWithEarlyDetection(dated, text, sha(text), g, { date: early(name, text).date, detection: nothing });
    expect(withDate).toEqual(annotateDocument(dated, text, sha(text), g));
    expect(withDate.sidecar.mentions.length).toBeGreaterThan(10);
    // nor when a date is given with the document (publication metadata)
    const given = annotateWithEarlyDetection(empty, text, sha(text), g, { date: early(name, text).date, detection: nothing }, { date: '2001-02-03' });
    expect(given).toEqual(annotateDocument(empty, text, sha(text), g, { date: '2001-02-03' }));
    expect(given.sidecar.mentions.length).toBeGreaterThan(10);
  });
});
