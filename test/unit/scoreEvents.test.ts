import { describe, expect, it } from 'vitest';
import { checkEventGold, eventReport, formatEventReport, parseEventGold, scoreEvents, type GoldEvent, type PredictedEvent } from '../../src/core/corpus/scoreEvents';
import { TextIndex } from '../../src/core/text/textIndex';

const B = 'Battles';
const VAC = 'Violence against civilians';
const gold: GoldEvent[] = [
  { type: B, subtype: 'Armed clash', spans: [{ start: 0, end: 10 }, { start: 50, end: 60 }], actor1: { start: 0, end: 3, text: 'ISF' }, actor2: { start: 7, end: 10, text: 'ISIL' }, date: '2014-06', fatalities: 3 },
  { type: VAC, subtype: 'Attack', spans: [{ start: 20, end: 30 }], actor2: { start: 25, end: 30, text: 'people' }, date: '2014-06-21' },
  { type: B, subtype: 'Armed clash', spans: [{ start: 70, end: 80 }] },
];

describe('scoreEvents', () => {
  it('matches by overlap one to one, counts a second prediction on a matched event as a repeat, and types F1', () => {
    const predicted: PredictedEvent[] = [
      // matches gold 1 through its second span, roles by overlap and by text
      { type: B, subtype: 'Armed clash', start: 52, end: 58, actor1: { start: 100, end: 103, text: 'isf' }, actor2: { start: 8, end: 9, text: 'x' }, date: '2014-06-20', fatalities: 3 },
      // the same event again: a repeat
      { type: B, subtype: 'Armed clash', start: 1, end: 4 },
      // matches gold 2 with the wrong type: untyped match only
      { type: B, subtype: 'Armed clash', start: 22, end: 24 },
      // nothing
      { type: B, subtype: 'Armed clash', start: 90, end: 95 },
    ];
    const f = scoreEvents([{ gold, predicted }]);
    expect(f).toMatchObject({ gold: 3, predicted: 4, matched: 2, typed: 1, repeats: 1 });
    expect(f.precision).toBeCloseTo(2 / 3);
    expect(f.recall).toBeCloseTo(2 / 3);
    expect(f.strictF1).toBeCloseTo(4 / 7); // P 2/4, R 2/3
    expect(f.typedF1).toBeCloseTo(2 * (1 / 4) * (1 / 3) / (1 / 4 + 1 / 3));
    expect(f.counts).toEqual({ subtype: [1, 1], actor1: [1, 1], actor2: [1, 1], place: [0, 0], date: [1, 1], fatalities: [1, 1] });
  });

  it('prefers a prediction of the same type when two overlap, and a missing toll equals zero', () => {
    const predicted: PredictedEvent[] = [
      { type: B, subtype: 'Armed clash', start: 20, end: 30 },
      { type: VAC, subtype: 'Abduction/forced disappearance', start: 21, end: 29, date: '2014-07-01' },
    ];
    const f = scoreEvents([{ gold: [gold[1]], predicted }]);
    expect(f).toMatchObject({ matched: 1, typed: 1, repeats: 1, subtype: 0, actor2: 0, date: 0, fatalities: 1 });
  });

  it('reports each document and prints a block', () => {
    const r = eventReport([{ name: 'a.txt', gold, predicted: [] }, { name: 'b.txt', gold: [], predicted: [{ type: B, subtype: 'Armed clash', start: 0, end: 1 }] }]);
    expect(r.documents.map((d) => [d.name, d.gold, d.predicted])).toEqual([['a.txt', 3, 0], ['b.txt', 0, 1]]);
    const text = formatEventReport(r);
    expect(text).toContain('Events (2 documents with event gold): gold 3, predicted 1, matched 0');
    expect(text).toMatch(/a\.txt\s+3\s+0\s+0\s+0\s+0/);
  });
});

describe('parseEventGold', () => {
  it('reads role spans (the real-dev format) and roles that name mentions (sidecar style)', () => {
    const realDev = parseEventGold(
      'document: a.txt\nevents:\n  - id: g1\n    type: Battles\n    subtype: Armed clash\n    spans:\n      - {start: 0, end: 10, text: "Rebels hit"}\n    actor1: {start: 0, end: 6, text: Rebels}\n    actor2: null\n    date: 2014-06-21\n    fatalities: null\n',
    );
    expect(realDev).toEqual({ document: 'a.txt', problems: [], events: [{ type: 'Battles', subtype: 'Armed clash', spans: [{ start: 0, end: 10, text: 'Rebels hit' }], actor1: { start: 0, end: 6, text: 'Rebels' }, date: '2014-06-21' }] });
    const own = parseEventGold(
      'document: {text: "b.txt"}\nmentions:\n  - {id: m1, label: ACTOR, start: 0, end: 6, text: "Rebels"}\nevents:\n  - {id: g1, type: Battles, subtype: Armed clash, start: 0, end: 10, text: "Rebels hit", actor1: m1, date: "2014-06", fatalities: 2, spans: [{start: 20, end: 25, text: "again"}]}\n',
    );
    expect(own.document).toBe('b.txt');
    expect(own.events).toEqual([{ type: 'Battles', subtype: 'Armed clash', spans: [{ start: 0, end: 10, text: 'Rebels hit' }, { start: 20, end: 25, text: 'again' }], actor1: { start: 0, end: 6, text: 'Rebels' }, date: '2014-06', fatalities: 2 }]);
  });

  it('reports what it cannot use, never throwing', () => {
    expect(parseEventGold('events: [\n').problems[0].code).toBe('yaml-syntax');
    expect(parseEventGold('document: a.txt\n').problems[0].code).toBe('missing-key');
    const bad = parseEventGold('events:\n  - {type: Battles}\n  - {type: Battles, subtype: Armed clash}\n  - {type: Battles, subtype: Armed clash, start: 0, end: 3, actor1: m9}\n');
    expect(bad.problems.map((p) => p.code)).toEqual(['schema', 'schema', 'dangling-ref']);
  });

  it('checkEventGold throws when a quote is not at its offsets', () => {
    const idx = new TextIndex('Rebels hit Osk.');
    expect(() => checkEventGold('a.txt', [{ type: B, subtype: 'Armed clash', spans: [{ start: 0, end: 10, text: 'Rebels hit' }] }], idx)).not.toThrow();
    expect(() => checkEventGold('a.txt', [{ type: B, subtype: 'Armed clash', spans: [{ start: 0, end: 10, text: 'Rebels hi' }] }], idx)).toThrow(/does not match its text at 0-10/);
  });
});
