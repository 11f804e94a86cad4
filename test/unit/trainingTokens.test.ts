import { describe, expect, it } from 'vitest';
import { alignTokens, bioTags, bioTagsWithReport, trainingTokens } from '../../src/core/exports/trainingTokens';

const texts = (s: string): string[] => trainingTokens(s).map((t) => t.text);

describe('trainingTokens', () => {
  it('separates punctuation, keeps hyphenated words, numbers, acronyms and abbreviations whole', () => {
    expect(texts('U.S. and al-Qaim forces, led by Gen. Ali, killed 1,500 (06/25/2014).')).toEqual([
      'U.S.', 'and', 'al-Qaim', 'forces', ',', 'led', 'by', 'Gen.', 'Ali', ',', 'killed', '1,500', '(', '06/25/2014', ')', '.',
    ]);
  });

  it('splits the possessive and quotes', () => {
    expect(texts('Al-Qaeda\'s "Syrian branch" said')).toEqual(['Al-Qaeda', "'s", '"', 'Syrian', 'branch', '"', 'said']);
    expect(texts('Qaeda’s unit')).toEqual(['Qaeda', '’s', 'unit']);
  });

  it('ends a sentence-final acronym once and a sentence period separately', () => {
    expect(texts('troops left the U.S. Then Mosul fell.')).toEqual(['troops', 'left', 'the', 'U.S.', 'Then', 'Mosul', 'fell', '.']);
  });

  it('uses code point offsets after astral characters, with CRLF and Arabic', () => {
    const text = '😀 ISIL\r\nفي الموصل';
    const toks = trainingTokens(text);
    expect(toks.map((t) => [t.text, t.start, t.end])).toEqual([
      ['😀', 0, 1], ['ISIL', 2, 6], ['في', 8, 10], ['الموصل', 11, 17],
    ]);
    const cps = [...text];
    for (const t of toks) expect(cps.slice(t.start, t.end).join('')).toBe(t.text);
  });

  it('returns no tokens for empty or blank text', () => {
    expect(trainingTokens('')).toEqual([]);
    expect(trainingTokens(' \r\n\t')).toEqual([]);
  });
});

describe('bioTags', () => {
  const toks = trainingTokens('Islamic State fighters entered Albu Kamal.');
  it('tags B- and I- tokens of each span', () => {
    expect(bioTags(toks, [{ start: 0, end: 13, label: 'ACTOR' }, { start: 31, end: 41, label: 'PLACE' }])).toEqual([
      'B-ACTOR', 'I-ACTOR', 'O', 'O', 'B-PLACE', 'I-PLACE', 'O',
    ]);
  });

  it('tags tokens a misaligned span overlaps and counts the misalignment', () => {
    // "Islamic Sta" ends inside "State"
    const r = bioTagsWithReport(toks, [{ start: 0, end: 11, label: 'ACTOR' }, { start: 14, end: 22, label: 'ACTOR' }]);
    expect(r.tags.slice(0, 3)).toEqual(['B-ACTOR', 'I-ACTOR', 'B-ACTOR']);
    expect(r.misaligned).toBe(1);
  });

  it('lets the first of two overlapping spans win and ignores empty spans', () => {
    const r = bioTagsWithReport(toks, [{ start: 8, end: 22, label: 'ACTOR' }, { start: 0, end: 13, label: 'ACTOR' }, { start: 5, end: 5, label: 'PLACE' }]);
    expect(r.tags.slice(0, 3)).toEqual(['B-ACTOR', 'I-ACTOR', 'O']);
  });

  it('alignTokens splits tokens at span boundaries so nothing is misaligned', () => {
    const text = 'near Albukamal-Qaim today';
    const spans = [{ start: 5, end: 14, label: 'PLACE' }, { start: 15, end: 19, label: 'PLACE' }];
    const raw = trainingTokens(text);
    expect(bioTagsWithReport(raw, spans).misaligned).toBe(2);
    const aligned = alignTokens(text, raw, spans);
    expect(aligned.map((t) => t.text)).toEqual(['near', 'Albukamal', '-', 'Qaim', 'today']);
    expect(bioTagsWithReport(aligned, spans)).toEqual({ tags: ['O', 'B-PLACE', 'O', 'B-PLACE', 'O'], misaligned: 0 });
  });
});
