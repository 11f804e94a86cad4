import { describe, expect, it } from 'vitest';
import { Gazetteer, aliasWords } from '../../src/core/gazetteer/gazetteer';
import { parseGazetteerYaml, addAliasToGazetteerYaml } from '../../src/core/gazetteer/gazetteerFile';
import type { Entity } from '../../src/core/model';
import { buildDefaultGazetteer } from './detectFixtures';

const e = (id: string, label: 'ACTOR' | 'PLACE', names: string[], extra: Partial<Entity> = {}): Entity => ({ id, name: names[0], label, kind: label === 'ACTOR' ? 'armed_group' : 'city', aliases: names.slice(1), ...extra });

const small = Gazetteer.from([
  { source: 'builtin', entities: [e('isil', 'ACTOR', ['Islamic State of Iraq and the Levant', 'ISIL', 'ISIS', 'Isil', "Da'ish", 'Islamic State']), e('qaim', 'PLACE', ['Al-Qaim', 'Qaim']), e('albu-kamal', 'PLACE', ['Albu Kamal', 'Abu Kamal']), e('us', 'PLACE', ['United States', 'U.S.'])] },
  { source: 'place', entities: [e('g-mobile', 'PLACE', ['Mobile'], { population: 190000 }), e('g-un', 'PLACE', ['Un'], { population: 30000 }), e('g-baquba', 'PLACE', ['Baqubah'])] },
]);

const found = (text: string, g = small) => g.match(text).map((h) => [text.slice(h.start, h.end), typeof h.entity === 'string' ? h.entity : h.entity.id]);

describe('Gazetteer.match', () => {
  it('links every spelling variant to one entity', () => {
    expect(found("ISIL, ISIS, Isil, Da'ish and the Islamic State of Iraq and the Levant")).toEqual([
      ['ISIL', 'isil'], ['ISIS', 'isil'], ['Isil', 'isil'], ["Da'ish", 'isil'], ['Islamic State of Iraq and the Levant', 'isil'],
    ]);
  });

  it('folds case of the article, hyphens, apostrophes and diacritics', () => {
    expect(found('Al-Qaim, al Qaim, al-Qa’im, AL-QAIM and Qaim')).toEqual([
      ['Al-Qaim', 'qaim'], ['al Qaim', 'qaim'], ['al-Qa’im', 'qaim'], ['AL-QAIM', 'qaim'], ['Qaim', 'qaim'],
    ]);
  });

  it('matches joined and -ah/-a transliterations', () => {
    expect(found('Albukamal, Abu Kamal and Baquba')).toEqual([['Albukamal', 'albu-kamal'], ['Abu Kamal', 'albu-kamal'], ['Baquba', 'g-baquba']]);
  });

  it('takes the longest alias and leaves a possessive out', () => {
    expect(found("the Islamic State's fighters")).toEqual([['Islamic State', 'isil']]);
    expect(found('ISIL’s advance')).toEqual([['ISIL', 'isil']]);
  });

  it('matches whole words only and keeps the dot of an acronym', () => {
    expect(found('ISILX and PRE-ISIL and U.S. troops')).toEqual([['ISIL', 'isil'], ['U.S.', 'us']]);
  });

  it('does not match acronyms written in lower case, or lower-case words', () => {
    expect(found('isil and isis and qaim')).toEqual([]);
  });

  it('skips GeoNames words used in lower case in the same text, and capitalised short acronyms', () => {
    expect(found('Mobile phones were cut. The mobile network is down. The UN said.')).toEqual([]);
    expect(found('Mobile was quiet.')).toEqual([['Mobile', 'g-mobile']]);
  });

  it('takes a GeoNames name that is a common English word for the word, unless a locative comes before it', () => {
    const g = Gazetteer.from([{ source: 'place', entities: [e('g-police', 'PLACE', ['Police'], { population: 34000 }), e('g-federal', 'PLACE', ['Federal'], { population: 16000 })] }]);
    expect(found('Police said Federal forces had left.', g)).toEqual([]);
    expect(found('Police spokesman Ali Musa said they fled.', g)).toEqual([]);
    expect(found('Two buses arrived in Police on Monday.', g)).toEqual([['Police', 'g-police']]);
  });

  it('does not join words across a sentence end', () => {
    expect(found('They fled the United. States said')).toEqual([]);
  });

  it('merges aliases into an existing id, and earlier sources win on a shared alias', () => {
    const g = Gazetteer.from([
      { source: 'workspace', entities: [e('isil', 'ACTOR', ['Tanzim al-Dawla']), e('balad-base', 'PLACE', ['Balad'])] },
      { source: 'builtin', entities: [e('isil', 'ACTOR', ['ISIL'])] },
      { source: 'place', entities: [e('g-balad', 'PLACE', ['Balad'], { population: 42000 })] },
    ]);
    expect(found('Tanzim al-Dawla and ISIL in Balad', g)).toEqual([['Tanzim al-Dawla', 'isil'], ['ISIL', 'isil'], ['Balad', 'balad-base']]);
  });

  it('works on astral and Arabic-script text (UTF-16 offsets)', () => {
    const g = Gazetteer.from([{ source: 'builtin', entities: [e('mosul', 'PLACE', ['Mosul', 'الموصل'])] }]);
    const text = '🔥🔥 Mosul / الموصل';
    const hits = g.match(text);
    expect(hits.map((h) => text.slice(h.start, h.end))).toEqual(['Mosul']);
    expect(aliasWords('الموصل')).toEqual(['الموصل']);
  });

  it('the default gazetteer holds thousands of aliases and knows countries, places and actors', () => {
    const g = buildDefaultGazetteer();
    expect(g.aliasCount).toBeGreaterThan(10_000);
    const text = 'Fighting in El Fasher, Sudan, and Kharkiv, Ukraine, involved the Rapid Support Forces and M23 near Goma.';
    expect(found(text, g).map(([t]) => t)).toEqual(['El Fasher', 'Sudan', 'Kharkiv', 'Ukraine', 'Rapid Support Forces', 'M23', 'Goma']);
  });
});

describe('Gazetteer.isDemonym', () => {
  const g = buildDefaultGazetteer();
  it('recognises demonyms of countries and regions from their names', () => {
    for (const w of ['Iraqi', 'Afghan', 'Syrian', 'Kurdish', 'Emirati', 'Malian', 'Sudanese', 'Congolese', 'Cuban', 'Ukrainian', 'Haitian', 'Burmese']) expect(g.isDemonym(w), w).toBe(true);
  });
  it('does not take names of groups for demonyms', () => {
    for (const w of ['Taliban', 'Houthi', 'Hamas', 'Wagner', 'Macawisley', 'iraqi', 'IRAQI']) expect(g.isDemonym(w), w).toBe(false);
  });
});

describe('workspace gazetteer file', () => {
  it('reads entities and reports bad entries with their line', () => {
    const text = 'entities:\n  - id: jaish\n    name: Jaish al-Izza\n    aliases: [Army of Glory]\n  - id: 7 bad\n  - id: p\n    label: SHIP\n';
    const r = parseGazetteerYaml(text);
    expect(r.entities.map((x) => [x.id, x.name, x.aliases])).toEqual([['jaish', 'Jaish al-Izza', ['Army of Glory']]]);
    expect(r.problems.map((p) => p.line)).toEqual([5, 6]);
    expect(r.problems[1].message).toMatch(/label must be ACTOR or PLACE/);
  });

  it('reports malformed YAML and alias bombs without throwing', () => {
    expect(parseGazetteerYaml('entities: [\n').problems[0].line).toBeGreaterThan(0);
    const bomb = ['a: &a [x,x,x,x,x,x,x,x,x,x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`)];
    const text = `entities:\n  - id: x\n    aliases: [a]\n    junk:\n${bomb.map((l) => '      ' + l).join('\n')}\n`;
    const r = parseGazetteerYaml(text);
    expect(r.entities).toEqual([]);
    expect(r.problems[0].message).toMatch(/alias/i);
  });

  it('adds an alias keeping comments, to an existing or a new entity', () => {
    const text = '# our spellings\nentities:\n  - id: isil # the group\n    aliases: [Daesh]\n';
    const once = addAliasToGazetteerYaml(text, { id: 'isil', name: 'ISIL', label: 'ACTOR', kind: 'armed_group' }, 'Tanzim');
    expect(once).toContain('# our spellings');
    expect(once).toContain('# the group');
    expect(parseGazetteerYaml(once).entities[0].aliases).toEqual(['Daesh', 'Tanzim']);
    const twice = addAliasToGazetteerYaml(once, { id: 'isil', name: 'ISIL', label: 'ACTOR', kind: 'armed_group' }, 'Tanzim');
    expect(twice).toBe(once);
    const fresh = addAliasToGazetteerYaml('', { id: 'x-jaish', name: 'Jaish', label: 'ACTOR', kind: 'armed_group' }, 'Army of Glory');
    expect(parseGazetteerYaml(fresh).entities).toEqual([{ id: 'x-jaish', name: 'Jaish', label: 'ACTOR', kind: 'armed_group', aliases: ['Army of Glory'] }]);
    expect(() => addAliasToGazetteerYaml('entities: [', { id: 'a', name: 'a', label: 'ACTOR', kind: 'group' }, 'b')).toThrow(/conflict-gazetteer.yaml:1/);
  });
});

describe('workspace gazetteer limits', () => {
  it('says so when entries are cut at the entity and alias limits instead of dropping them silently', () => {
    const many = ['entities:', ...Array.from({ length: 50_001 }, (_, i) => `  - {id: e${i}, aliases: [Name${i}]}`)].join('\n');
    const r = parseGazetteerYaml(many);
    expect(r.entities).toHaveLength(50_000);
    expect(r.problems).toEqual([expect.objectContaining({ code: 'too-large', line: 50_002, message: expect.stringContaining('50001 entities') })]);
    const aliases = `entities:\n  - {id: big, aliases: [${Array.from({ length: 501 }, (_, i) => `A${i}`).join(', ')}]}\n`;
    expect(parseGazetteerYaml(aliases).problems[0]).toMatchObject({ code: 'too-large', line: 2 });
  });
});
