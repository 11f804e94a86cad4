import { describe, expect, it } from 'vitest';
import { actorType, admin1Of, eventNotes, geoPrecision, interactionCode, sourceScale } from '../../src/core/events/acledCoding';
import { detectEvents } from '../../src/core/events/detectEvents';
import { mergeSuggestions } from '../../src/core/review/mergeSuggestions';
import { emptySidecar } from '../../src/core/sidecar/sidecarFormat';
import { TextIndex } from '../../src/core/text/textIndex';
import type { DetectedMention, Entity } from '../../src/core/model';

/** ACLED fields of suggested events, on sentences written for these tests (invented places and groups). */
const tarvo: Entity = { id: 'tarvo', name: 'Tarvo', label: 'PLACE', kind: 'city', aliases: [], country: 'ZZ' };
const army: Entity = { id: 'zz-army', name: 'Zandian Army', label: 'ACTOR', kind: 'state_force', inter: 1, aliases: [], country: 'ZZ' };
const un: Entity = { id: 'un', name: 'United Nations', label: 'ACTOR', kind: 'igo_ngo', aliases: [] };

describe('actor types and interaction', () => {
  it('codes sides by kind and words, a state outside its country as external', () => {
    expect(actorType({ text: 'soldiers', kind: 'state' }, 'ZZ')).toBe(1);
    expect(actorType({ text: 'Zandian Army', entity: army }, 'ZZ')).toBe(1);
    expect(actorType({ text: 'Zandian Army', entity: army }, 'YY')).toBe(8);
    // "Russian troops" in Ukraine: the demonym tells the country
    expect(actorType({ text: 'Russian troops', kind: 'state' }, 'UA')).toBe(8);
    expect(actorType({ text: 'Russian troops', kind: 'state' }, 'RU')).toBe(1);
    expect(actorType({ text: 'rebels', kind: 'nonstate' })).toBe(2);
    expect(actorType({ text: 'gunmen', kind: 'nonstate' })).toBe(3);
    expect(actorType({ text: 'clan militia', kind: 'nonstate' })).toBe(4);
    expect(actorType({ text: 'rioters' })).toBe(5);
    expect(actorType({ text: 'protesters', kind: 'other' })).toBe(6);
    expect(actorType({ text: 'people', kind: 'civilian' })).toBe(7);
    expect(actorType({ text: 'United Nations', entity: un })).toBe(8);
    expect(actorType({ text: 'a spokesman' })).toBeUndefined();
  });

  it('joins the two types, the smaller first; one side alone is its type times ten', () => {
    expect(interactionCode(3, 7)).toBe(37);
    expect(interactionCode(7, 1)).toBe(17);
    expect(interactionCode(2, undefined)).toBe(20);
    expect(interactionCode(undefined, 1)).toBeUndefined();
  });
});

describe('where and from whom', () => {
  it('grades the place: the town itself, near it, or only a region', () => {
    expect(geoPrecision(3, 'fighting in ')).toBe(1);
    expect(geoPrecision(3, 'a village near ')).toBe(2);
    expect(geoPrecision(3, '30 km north of ')).toBe(2);
    expect(geoPrecision(3, 'clashes in ', ' province on Monday')).toBe(3);
    expect(geoPrecision(2, 'in ')).toBe(3);
    expect(geoPrecision(1, 'in ')).toBe(3);
  });

  it('finds the province from the gazetteer, the place itself, or the words after it', () => {
    expect(admin1Of({ text: 'Tarvo', entity: { ...tarvo, admin1: 'North Province' }, rank: 3 }, ' on Monday')).toBe('North Province');
    expect(admin1Of({ text: 'Zamfara', rank: 3 }, ' state, officials said')).toBe('Zamfara');
    expect(admin1Of({ text: 'Sake', rank: 3 }, ', in North Kivu province, on Monday')).toBe('North Kivu');
    expect(admin1Of({ text: 'Osk', rank: 3 }, ' in the Belmira region')).toBe('Belmira');
    expect(admin1Of({ text: 'Tarvo', entity: tarvo, rank: 3 }, ' on Monday.')).toBeUndefined();
  });

  it('tells the source scale from who told it', () => {
    expect(sourceScale({ text: 'the United Nations', entity: un }, 'ZZ')).toBe('International');
    expect(sourceScale({ text: 'the defence ministry' }, 'ZZ')).toBe('National');
    expect(sourceScale({ text: 'Zandian Army', entity: army }, 'YY')).toBe('International');
    expect(sourceScale({ text: 'a local official' }, 'ZZ')).toBe('Subnational');
    expect(sourceScale({ text: 'residents' }, 'ZZ')).toBe('Local');
    expect(sourceScale({ text: 'the newspaper' }, 'ZZ')).toBeUndefined();
    expect(sourceScale(undefined, 'ZZ')).toBeUndefined();
  });

  it('writes notes as a dated summary of the clause, not the trigger word', () => {
    expect(eventNotes('Gunmen  killed 12\npeople in Tarvo', { date: '2030-03-15', precision: 1 }, 12, 2)).toBe('On 15 March 2030: Gunmen killed 12 people in Tarvo. 12 reported fatalities. Reported 2 times in the article.');
    expect(eventNotes('Rebels seized Osk.', { date: '2030-03-01', precision: 3 }, undefined, 1)).toBe('In March 2030: Rebels seized Osk.');
    expect(eventNotes('and rebels seized it on Saturday', undefined, undefined, 1)).toBe('rebels seized it on Saturday.');
    expect(eventNotes('x '.repeat(400), undefined, 1, 1).length).toBeLessThan(330);
  });
});

describe('suggested events carry their ACLED coding into the sidecar', () => {
  it('inter codes, interaction, civilian targeting, precisions, province, source scale and notes', () => {
    const text = 'Gunmen killed 12 villagers near Tarvo, in Belmira province, on Friday, residents said.';
    const mentions: DetectedMention[] = [
      { label: 'PLACE', start: 32, end: 37, text: 'Tarvo', entity: 'tarvo', origin: 'gazetteer' },
      { label: 'PLACE', start: 42, end: 49, text: 'Belmira', origin: 'rule' },
    ];
    const attributions = [{ cue: { start: 80, end: 84, text: 'said' }, source: { start: 70, end: 79, text: 'residents' }, kind: 'anonymous' as const, direct: false }];
    const detection = { mentions, attributions };
    const events = detectEvents(text, detection, { date: '2030-03-18', entityOf: (id) => (id === 'tarvo' ? tarvo : undefined) });
    expect(events.events).toHaveLength(1);
    expect(events.events[0]).toMatchObject({ inter1: 3, inter2: 7, interaction: 37, civilianTargeting: true, datePrecision: 1, geoPrecision: 2, admin1: 'Belmira', sourceScale: 'Local' });
    const idx = new TextIndex(text);
    const merged = mergeSuggestions(emptySidecar('a.txt', '0'.repeat(64)), { mentions: [...mentions, ...events.mentions], attributions, events: events.events }, idx).sidecar;
    expect(merged.events[0]).toMatchObject({
      date: '2030-03-15',
      inter1: 3,
      inter2: 7,
      interaction: 37,
      civilian_targeting: true,
      time_precision: 1,
      geo_precision: 2,
      admin1: 'Belmira',
      source_scale: 'Local',
      // the whole clause, up to where the source is told
      notes: 'On 15 March 2030: Gunmen killed 12 villagers near Tarvo, in Belmira province, on Friday. 12 reported fatalities.',
    });
  });
});
