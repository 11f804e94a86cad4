import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detect } from '../../src/core/detection/detect';
import { tokenize } from '../../src/core/detection/tokenize';
import { buildTestGazetteer } from './detectFixtures';
import { SAMPLE_ARTICLES } from './fixtureSets';

// The regex tokenizer the char-code scanner replaced: the scanner must give exactly the same tokens.
const WORD = /(?:\p{Lu}\.){2,}|[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’\-‐][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*/gu;
const PARTICLE_NAME = /^(?:al|el|ad|ar|as|ash|at|az|an|ul)[-‐]\p{Lu}/u;

function referenceTokens(text: string) {
  const out = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    let word = m[0];
    let possessive = false;
    const n = word.length;
    const last = word.charCodeAt(n - 1);
    const beforeLast = n > 2 ? word.charCodeAt(n - 2) : 0;
    const next = text.charCodeAt(m.index + n);
    const after = text[m.index + n + 1];
    if ((last === 115 || last === 83) && (beforeLast === 39 || beforeLast === 0x2019)) {
      word = word.slice(0, -2);
      possessive = true;
    } else if ((last === 115 || last === 83) && (next === 39 || next === 0x2019) && !(after !== undefined && after.toLowerCase() !== after.toUpperCase())) {
      possessive = true;
    }
    const first = word.charCodeAt(0);
    const upper = first < 128 ? first >= 65 && first <= 90 : word[0] !== word[0].toLowerCase();
    const lower = word.toLowerCase();
    let allCaps = false;
    if (upper) {
      const up = word.toUpperCase();
      const letters = [...word].filter((ch) => ch.toLowerCase() !== ch.toUpperCase()).length;
      allCaps = up === word && up !== lower && n >= 2 && (letters >= 2 || /^\p{Lu}\p{N}+$/u.test(word));
    }
    const cap = upper || (first < 128 && (lower.startsWith('al-') || lower.startsWith('el-') || (lower.length > 3 && lower[2] === '-') || (lower.length > 4 && lower[3] === '-')) && PARTICLE_NAME.test(word));
    out.push({ start: m.index, end: m.index + word.length, text: word, lower, cap, allCaps, possessive });
  }
  return out;
}

const view = (text: string) => tokenize(text).map((t) => ({ start: t.start, end: t.end, text: t.text, lower: t.lower, cap: t.cap, allCaps: t.allCaps, possessive: t.possessive }));

// Pieces that exercise every branch: dotted acronyms, possessives, inner apostrophes and hyphens, marks,
// astral letters and digits, lone surrogates, case-mapping oddities.
const PIECES = [
  'U.S.', 'U.N', 'A.', 'B', '.', ' ', '  ', '\n', ',', "'", '’', 's', 'S', "'s", '’s', '-', '‐', '–', 'al-', 'Al-', 'el-Sisi',
  'ad-Dawla', 'ISIL', 'M23', 'A1', 'x', 'Qa’im', 'Da\'ish', 'rebels', 'Kurds', 'e\u0301', '\u0301', 'É', 'ÉTAT', 'ß', 'ǅ', 'İ',
  'Ⅻ', '٣', 'ش', '𝐀', '𝐚', '😀', '\ud800', '\udc00', 'Ⅰ.Ⅱ.', 'Ω.Σ.', 'abc', 'ABC', 'Abc', '123', '9',
];

function randomText(seed: number, length: number): string {
  let x = seed;
  const next = (): number => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x >>> 8;
  };
  let s = '';
  for (let i = 0; i < length; i++) s += PIECES[next() % PIECES.length];
  return s;
}

describe('tokenize matches the regex tokenizer it replaced', () => {
  it('on hand-picked cases', () => {
    for (const text of ["Al-Qaeda's fighters", "the rebels' spokesman", 'U.S.A. and U.N.', "ISIL's M23 A's", 'É.Ü. ÉTAT ß', 'al-Qaim ad-Dawla 😀 𝐀𝐁 e\u0301t\u0301'])
      expect(view(text)).toEqual(referenceTokens(text));
  });

  it('on 2,000 random texts', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const text = randomText(seed, 40);
      expect(view(text), JSON.stringify(text)).toEqual(referenceTokens(text));
    }
  });

  it('gives the same tokens when a text is tokenized again (interned words are shared)', () => {
    const text = randomText(7, 200);
    const a = tokenize(text);
    const b = tokenize(text);
    expect(b.map((t) => t.text)).toEqual(a.map((t) => t.text));
    expect(b.every((t, i) => t.word === a[i].word)).toBe(true);
  });
});

describe('rule flags and folded keys cached on interned words', () => {
  it('give the same detection on a first call and on later calls, in any order of documents', () => {
    const dir = SAMPLE_ARTICLES;
    const texts = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().slice(0, 4).map((f) => readFileSync(join(dir, f), 'utf8'));
    const gazetteer = buildTestGazetteer();
    // the words of a text not seen before: its flags and folds are computed during this call
    const unseen = 'Brigadier Zorvath Quennel-Abu, spokesman of the Drelvani Liberation Front, said in Vostrakh province.';
    const fresh = JSON.stringify(detect(unseen, gazetteer));
    const first = texts.map((t) => JSON.stringify(detect(t, gazetteer)));
    const again = [...texts].reverse().map((t) => JSON.stringify(detect(t, gazetteer))).reverse();
    expect(again).toEqual(first);
    expect(JSON.stringify(detect(unseen, gazetteer))).toBe(fresh);
    expect(JSON.parse(fresh).mentions.length).toBeGreaterThan(0);
  });
});
