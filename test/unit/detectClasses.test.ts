import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { detect } from '../../src/core/detection/detect';
import { COUNTRY_DEMONYMS, demonymForm } from '../../src/core/gazetteer/demonyms';
import { reportingVerb } from '../../src/core/detection/reportingVerbs';
import { unwrapLines } from '../../src/core/text/unwrapLines';
import { parseGoldFile } from '../../src/core/corpus/goldFile';
import { scoreNamedMentions } from '../../src/core/corpus/evaluate';
import { buildDefaultGazetteer } from './detectFixtures';

/**
 * The classes of errors real articles showed (demonyms, persons after titles and roles, facilities, cues beyond
 * "said", hard-wrapped lines), each on sentences written for this test: no text of the evaluation articles.
 */
const gazetteer = buildDefaultGazetteer();
const mentions = (text: string) => detect(text, gazetteer).mentions.map((m) => `${m.label}:${m.text}`);
const cues = (text: string) => detect(text, gazetteer).attributions.map((a) => a.cue.text);

describe('demonyms', () => {
  it('has an adjective for every ISO country but a few territories named only by their name', () => {
    const require = createRequire(import.meta.url);
    const codes = Object.keys(require('i18n-iso-countries').getNames('en'));
    const missing = codes.filter((c) => !COUNTRY_DEMONYMS[c]);
    expect(missing.sort()).toEqual(['GG', 'IO', 'JE', 'SJ']);
    expect(demonymForm('Yemeni')).toBe('adjective');
    expect(demonymForm('Saudi Arabian')).toBe('adjective');
    expect(demonymForm('Burkinabe')).toBe('adjective');
    expect(demonymForm('Kurds')).toBe('plural');
    expect(demonymForm('Shi’ite')).toBe('adjective');
    expect(demonymForm('Yemen')).toBeUndefined();
  });

  it('makes no mention of a demonym alone, and one described actor of a counted group', () => {
    const found = mentions('Ghanaian tribal elders met Peruvian diplomats after Arab mediation. At least 9 Malian troops were killed, and six Canadians were wounded.');
    expect(found).toContain('ACTOR:Malian troops');
    expect(found.some((m) => /:(?:Ghanaian|Peruvian|Arab|Malian|Canadians)$/.test(m))).toBe(false);
  });
});

describe('persons', () => {
  it('finds names after long titles, roles and kin words, and in contributor lines', () => {
    expect(mentions('The UN High Commissioner for Refugees Filippo Grandi visited the camp.')).toContain('ACTOR:Filippo Grandi');
    expect(mentions('“They came at night,” said witness Karim Nasser.')).toContain('ACTOR:Karim Nasser');
    expect(mentions('Mariam Osei, 34, fled with her husband Kwame.')).toEqual(expect.arrayContaining(['ACTOR:Mariam Osei', 'ACTOR:Kwame']));
    expect(mentions('Reporters contributed.\n\nContributing: Laura Bennett')).toContain('ACTOR:Laura Bennett');
  });

  it('takes no title word for a place', () => {
    const found = mentions('Among the dead was Brig. Gen. Omar Haddad, a veteran officer.');
    expect(found).toContain('ACTOR:Omar Haddad');
    expect(found).not.toContain('PLACE:Brig');
  });

  it('takes a name after a title for the person, even where GeoNames has a town of that name', () => {
    // (a town in the Dominican Republic is called so)
    const found = mentions('Defense Minister Pedro Sanchez blamed the rebels. Later, President Pedro Sanchez spoke.');
    expect(found.filter((m) => m.endsWith(':Pedro Sanchez'))).toEqual(['ACTOR:Pedro Sanchez', 'ACTOR:Pedro Sanchez']);
    // words that only modify a title are no title before a place
    expect(mentions('The gate is run by the group’s official Syria branch.')).toContain('PLACE:Syria');
  });
});

describe('organisations', () => {
  it('takes a name spelled out before its acronym in brackets as one organisation, small words and all', () => {
    const found = mentions('The Group to Support Islam and Muslims (JNIM) claimed the attack near Gao.');
    expect(found).toContain('ACTOR:Group to Support Islam and Muslims');
    expect(found.some((m) => /^PLACE:(?:Support|Islam|Muslims)/.test(m))).toBe(false);
    // a place the gazetteer knows stays one
    expect(mentions('Troops entered the Democratic Republic of the Congo (DRC) on Monday.')).toContain('PLACE:Democratic Republic of the Congo');
  });

  it('takes an organisation head, "to" and its capitalised aim for one name', () => {
    expect(mentions('The Committee to Protect Journalists said two reporters were held.')).toContain('ACTOR:Committee to Protect Journalists');
  });
});

describe('places', () => {
  it('names facilities by their name and features with their head', () => {
    const found = mentions('Gunmen stormed the Hotel Azalai and the nearby Terrasse Cafe, then fled towards the Niger River past the Great Mosque.');
    expect(found).toEqual(expect.arrayContaining(['PLACE:Azalai', 'PLACE:Terrasse', 'PLACE:Niger River', 'PLACE:Great Mosque']));
  });

  it('reads an area apposition and a place in a compound', () => {
    expect(mentions('Fighters took over Tall Hamid, an area north of the city.')).toContain('PLACE:Tall Hamid');
    expect(mentions('A Nairobi-based group monitors the fighting.')).toContain('PLACE:Nairobi');
  });
});

describe('cues', () => {
  it('knows reporting verbs beyond say and tell, with particles and object nouns', () => {
    expect(reportingVerb('emphasising')?.lemma).toBe('emphasize');
    expect(reportingVerb('concurred')?.lemma).toBe('concur');
    expect(cues('The ministry condemned the attack.')).toEqual(['condemned']);
    expect(cues('Protesters called for new elections.')).toEqual(['called for']);
    expect(cues('The army dismissed the report as propaganda.')).toEqual(['dismissed']);
    expect(cues('The governor promised to rebuild the bridge.')).toEqual(['promised']);
    expect(cues('Diplomats expect that the truce will hold.')).toEqual(['expect']);
    expect(cues('The envoy expressed deep concern over the shelling.')).toEqual(['expressed deep concern']);
    // nouns and unrelated senses are not cues
    expect(cues('A mass protest blocked the road near the army post.')).toEqual([]);
  });
});

describe('hard-wrapped text', () => {
  it('reads names and cues broken across lines as in the paragraph', () => {
    const wrapped = [
      'The fighting spread to the outskirts of the town on Tuesday, according',
      'to the provincial governor, who asked residents to stay indoors, and the',
      'local police chief Hamid Karimi warned that roads out of the district were',
      'closed. Several aid groups said they had suspended their work in the area',
      'until further notice.',
      '',
      'Short line.',
    ].join('\n');
    expect(unwrapLines(wrapped)).toHaveLength(wrapped.length);
    expect(unwrapLines(wrapped)).toContain('chief Hamid Karimi warned that roads out of the district were closed.');
    expect(unwrapLines(wrapped).endsWith('notice.\n\nShort line.')).toBe(true);
    const d = detect(wrapped, gazetteer);
    expect(d.mentions.map((m) => m.text)).toContain('Hamid Karimi');
    expect(d.attributions.find((a) => a.cue.text.startsWith('according'))?.cue.text).toBe('according\nto');
    // a text with a paragraph per line is left as it is
    const plain = 'One long paragraph that goes on well beyond any wrap width a person would use for a text file, and on.\nNext.';
    expect(unwrapLines(plain)).toBe(plain);
  });
});

describe('flat gold files', () => {
  it('parses named and gpe flags and scores the external way', () => {
    const gold = parseGoldFile(`document: a.txt
length: 40
mentions:
  - {start: 0, end: 4, text: "Iraq", label: PLACE, gpe: true, entity: iraq}
  - {start: 10, end: 23, text: "Iraqi troops", label: ACTOR, named: false, entity: iraqi-army}
  - {start: 30, end: 34, text: "ISIS", label: ACTOR, named: true, entity: isil}
attributions:
  - cue: {start: 35, end: 39, text: "said"}
    kind: named
    direct: false
`);
    expect(gold.problems).toEqual([]);
    const scores = scoreNamedMentions(
      [gold.gold!],
      [
        {
          mentions: [
            { start: 0, end: 4, label: 'ACTOR' }, // a gpe accepts either label
            { start: 10, end: 23, label: 'ACTOR' }, // a described group: neither way
            { start: 30, end: 33, label: 'ACTOR' }, // wrong span
          ],
          attributions: [{ cue: { start: 36, end: 38 }, kind: 'anonymous', direct: false }],
        },
      ],
    );
    expect(scores).toMatchObject({ tp: 1, fp: 1, fn: 1, cues: 1, cuesFound: 1, kindCorrect: 0 });
    expect(parseGoldFile('mentions: []').problems[0].code).toBe('missing-key');
  });
});
