import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectWithEvents } from '../../src/core/review/annotateDocument';
import { buildDefaultGazetteer } from './detectFixtures';
import { GOLD_SETS, setDir } from './fixtureSets';
import { codingProblems, consistentSuggestion, detectedEventCoding, eventCodingProblems, sidecarCodingProblems, type CodingSide, type EventCoding } from '../../src/core/events/codingProblems';
import type { DetectedEvent, EventAnnotation, Mention, Sidecar } from '../../src/core/model';

const side = (key: string, inter?: number, entity?: string): CodingSide => ({ key, text: key, ...(inter ? { inter } : {}), ...(entity ? { entity } : {}) });
const codes = (e: EventCoding) => codingProblems(e).map((p) => p.code);
const ev = (type: string, subtype: string, a1?: CodingSide, a2?: CodingSide, fatalities?: number): EventCoding => ({ type, subtype, ...(a1 ? { actor1: a1 } : {}), ...(a2 ? { actor2: a2 } : {}), ...(fatalities !== undefined ? { fatalities } : {}) });

describe('codingProblems: ACLED codebook rules', () => {
  it('Violence against civilians: actor 2 is civilians, never an armed side', () => {
    expect(codes(ev('Violence against civilians', 'Attack', side('gunmen', 3), side('people', 7)))).toEqual([]);
    // interaction 22 is no civilian-targeting interaction
    expect(codes(ev('Violence against civilians', 'Attack', side('rebels', 2), side('militia', 2)))).toEqual(['vac-target-not-civilian']);
    expect(codes(ev('Violence against civilians', 'Abduction/forced disappearance', side('gunmen', 3), side('soldiers', 1)))).toEqual(['vac-target-not-civilian']);
    // the victims are not named: nothing known contradicts the type
    expect(codes(ev('Violence against civilians', 'Attack', side('gunmen', 3)))).toEqual([]);
    expect(codes(ev('Violence against civilians', 'Attack', side('gunmen', 3), side('someone')))).toEqual([]);
  });

  it('Violence against civilians is by an organised armed group: a mob is Riots', () => {
    expect(codes(ev('Violence against civilians', 'Attack', side('rioters', 5), side('people', 7)))).toEqual(['vac-unorganised-perpetrator']);
    expect(codes(ev('Violence against civilians', 'Attack', side('protesters', 6), side('people', 7)))).toEqual(['vac-unorganised-perpetrator']);
    for (const armed of [1, 2, 3, 4, 8]) expect(codes(ev('Violence against civilians', 'Attack', side('a', armed), side('people', 7)))).toEqual([]);
  });

  it('civilians never act', () => {
    expect(codes(ev('Explosions/Remote violence', 'Grenade', side('villagers', 7), side('soldiers', 1)))).toEqual(['civilians-act']);
    expect(codes(ev('Violence against civilians', 'Attack', side('villagers', 7), side('people', 7)))).toEqual(['civilians-act']);
    // said once, not again as an unarmed side of a battle
    expect(codes(ev('Battles', 'Armed clash', side('villagers', 7), side('soldiers', 1)))).toEqual(['civilians-act']);
    expect(codes(ev('Explosions/Remote violence', 'Grenade', side('soldiers', 1), side('villagers', 7)))).toEqual([]);
  });

  it('Battles are between two organised armed groups', () => {
    expect(codes(ev('Battles', 'Armed clash', side('army', 1), side('rebels', 2)))).toEqual([]);
    expect(codes(ev('Battles', 'Armed clash', side('army', 1), side('villagers', 7)))).toEqual(['battle-unarmed-side']);
    expect(codes(ev('Battles', 'Armed clash', side('police', 1), side('protesters', 6)))).toEqual(['battle-unarmed-side']);
    expect(codes(ev('Battles', 'Armed clash', side('rioters', 5), side('police', 1)))).toEqual(['battle-unarmed-side']);
    expect(codingProblems(ev('Battles', 'Armed clash', side('army', 1), side('villagers', 7)))[0].message).toContain('Violence against civilians');
    // a side the text does not name, or of unknown type, breaks no rule
    expect(codes(ev('Battles', 'Armed clash', side('army', 1)))).toEqual([]);
    expect(codes(ev('Battles', 'Armed clash', side('army', 1), side('they')))).toEqual([]);
  });

  it('Protests are events of protesters, Riots of rioters', () => {
    expect(codes(ev('Protests', 'Peaceful protest', side('protesters', 6)))).toEqual([]);
    expect(codes(ev('Protests', 'Protest with intervention', side('protesters', 6), side('police', 1)))).toEqual([]);
    // the side that acts may be the force used on them: protesters are still a side (interaction 16)
    expect(codes(ev('Protests', 'Excessive force against protesters', side('police', 1), side('protesters', 6)))).toEqual([]);
    expect(codes(ev('Protests', 'Peaceful protest', side('rebels', 2)))).toEqual(['protest-without-protesters']);
    expect(codes(ev('Protests', 'Peaceful protest', side('rioters', 5), side('police', 1)))).toEqual(['protest-without-protesters']);
    expect(codes(ev('Protests', 'Peaceful protest', side('residents')))).toEqual([]);
    expect(codes(ev('Riots', 'Violent demonstration', side('rioters', 5), side('police', 1)))).toEqual([]);
    expect(codes(ev('Riots', 'Mob violence', side('police', 1), side('rioters', 5)))).toEqual([]);
    expect(codes(ev('Riots', 'Mob violence', side('militia', 3), side('people', 7)))).toEqual(['riot-without-rioters']);
    expect(codes(ev('Riots', 'Violent demonstration', side('protesters', 6)))).toEqual(['riot-without-rioters']);
  });

  it('Strategic developments are non-violent: no deaths', () => {
    expect(codes(ev('Strategic developments', 'Arrests', side('police', 1), side('journalist', 7)))).toEqual([]);
    expect(codes(ev('Strategic developments', 'Arrests', side('police', 1), side('journalist', 7), 0))).toEqual([]);
    expect(codes(ev('Strategic developments', 'Looting/property destruction', side('militia', 3), undefined, 4))).toEqual(['development-with-fatalities']);
    expect(codes(ev('Battles', 'Armed clash', side('army', 1), side('rebels', 2), 4))).toEqual([]);
  });

  it('actor 1 and actor 2 are two different actors', () => {
    expect(codes(ev('Battles', 'Armed clash', side('m1', 2), side('m1', 2)))).toEqual(['same-actor']);
    // two mentions of one entity
    expect(codes(ev('Battles', 'Armed clash', side('m1', 2, 'isil'), side('m2', 2, 'isil')))).toEqual(['same-actor']);
    expect(codes(ev('Battles', 'Armed clash', side('m1', 2, 'isil'), side('m2', 2, 'pkk')))).toEqual([]);
  });
});

describe('a sidecar event\'s coding', () => {
  const m = (id: string, text: string, label: Mention['label'] = 'ACTOR', entity?: string): Mention => ({ id, label, start: 0, end: text.length, text, status: 'accepted', origin: 'manual', ...(entity ? { entity } : {}) });
  const mentions = [m('m1', 'ISIL', 'ACTOR', 'isil'), m('m2', 'soldiers'), m('m3', 'villagers', 'CIVILIAN')];
  const e = (extra: Partial<EventAnnotation>): EventAnnotation => ({ id: 'e1', type: 'Violence against civilians', subtype: 'Attack', start: 0, end: 4, text: 'ISIL', status: 'accepted', ...extra });

  it('reads the stored actor types, else victims as civilians and the gazetteer\'s type', () => {
    expect(eventCodingProblems(e({ actor1: 'm1', actor2: 'm2', inter1: 2, inter2: 1 }), mentions).map((p) => p.code)).toEqual(['vac-target-not-civilian']);
    expect(eventCodingProblems(e({ actor1: 'm1', actor2: 'm3', inter1: 2 }), mentions)).toEqual([]);
    // no stored type: a CIVILIAN mention is Civilians, and so acts against the rules as actor 1 of a battle
    expect(eventCodingProblems(e({ type: 'Battles', subtype: 'Armed clash', actor1: 'm1', actor2: 'm3' }), mentions).map((p) => p.code)).toEqual(['battle-unarmed-side']);
    const gazetteer = (id: string) => (id === 'isil' ? { id, name: 'Islamic State', label: 'ACTOR' as const, kind: 'armed_group' as const, aliases: [], inter: 2 } : undefined);
    expect(eventCodingProblems(e({ actor1: 'm2', actor2: 'm1' }), mentions, gazetteer).map((p) => p.code)).toEqual(['vac-target-not-civilian']);
    expect(eventCodingProblems(e({ actor1: 'm2', actor2: 'm1' }), mentions)).toEqual([]);
  });

  it('sidecarCodingProblems: warnings at the event\'s line, naming the event', () => {
    const s: Sidecar = { version: 2, document: { text: 'a.txt', sha256: 'x'.repeat(64), status: 'draft' }, mentions, attributions: [], rejected: [], events: [e({ actor1: 'm1', actor2: 'm3', inter1: 2, inter2: 7 }), e({ id: 'e2', actor1: 'm1', actor2: 'm2', inter1: 2, inter2: 1 })] };
    const problems = sidecarCodingProblems(s, (path) => (path === 'events[1]' ? 12 : 0));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'event-coding', severity: 'warning', line: 12, path: 'events[1]' });
    expect(problems[0].message).toMatch(/^events\[1\] \(Violence against civilians \/ Attack\): .*actor 2 is "soldiers" \(inter 1, state forces\)/);
  });
});

describe('consistentSuggestion: the detector never suggests a coding the rules object to', () => {
  const detected = (extra: Partial<DetectedEvent>): DetectedEvent => ({ type: 'Violence against civilians', subtype: 'Attack', start: 0, end: 30, text: 'x', trigger: { start: 5, end: 10, text: 'kill' }, spans: [], civilianTargeting: true, actor1: { label: 'ACTOR', start: 0, end: 4 }, actor2: { label: 'ACTOR', start: 20, end: 28 }, ...extra });

  it('keeps a consistent one as it is', () => {
    const ok = detected({ actor2: { label: 'CIVILIAN', start: 20, end: 28 }, inter1: 2, inter2: 7, interaction: 27 });
    expect(consistentSuggestion(ok)).toBe(ok);
  });

  it('an attack on an armed side is a battle; a battle on civilians is violence against them', () => {
    expect(consistentSuggestion(detected({ inter1: 2, inter2: 1, interaction: 12 }))).toMatchObject({ type: 'Battles', subtype: 'Armed clash', civilianTargeting: false, interaction: 12 });
    expect(consistentSuggestion(detected({ type: 'Battles', subtype: 'Armed clash', civilianTargeting: false, inter1: 1, inter2: 7, interaction: 17 }))).toMatchObject({ type: 'Violence against civilians', subtype: 'Attack', civilianTargeting: true });
  });

  it('leaves out a role or a toll that contradicts the type, and the event when nothing small helps', () => {
    const civilians = consistentSuggestion(detected({ type: 'Explosions/Remote violence', subtype: 'Grenade', inter1: 7, inter2: 1, interaction: 17 }));
    expect(civilians?.actor1).toBeUndefined();
    expect(civilians).toMatchObject({ inter2: 1 });
    expect(civilians?.interaction).toBeUndefined();
    const same = consistentSuggestion(detected({ type: 'Battles', subtype: 'Armed clash', actor2: { label: 'ACTOR', start: 0, end: 4 }, inter1: 2, inter2: 2, interaction: 22 }));
    expect(same?.actor2).toBeUndefined();
    expect(same).toMatchObject({ inter1: 2, interaction: 20 });
    const development = consistentSuggestion(detected({ type: 'Strategic developments', subtype: 'Arrests', inter1: 1, fatalities: 3 }));
    expect(development).toBeDefined();
    expect(development?.fatalities).toBeUndefined();
    expect(consistentSuggestion(detected({ inter1: 5, inter2: 2 }))).toBeUndefined();
    expect(consistentSuggestion(detected({ type: 'Protests', subtype: 'Peaceful protest', inter1: 2 }))).toBeUndefined();
  });

  it('a recoding the taxonomy in use does not have is left out', () => {
    expect(consistentSuggestion(detected({ inter1: 2, inter2: 1 }), {}, (type) => type !== 'Battles')).toBeUndefined();
  });
});

describe('the detector never suggests a coding ACLED would not accept', () => {
  const gazetteer = buildDefaultGazetteer();
  const detect = (text: string) => detectWithEvents(text, gazetteer, '2020-06-15').events ?? [];
  const problemsIn = (text: string) =>
    detect(text).flatMap((e) => codingProblems(detectedEventCoding(e)).map((p) => `${e.type} at ${e.start}: ${p.code}`));

  it('recodes what the codebook says instead (invented sentences)', () => {
    // demonstrators who clash are rioters (interaction 15), not protesters in a riot
    expect(detect('Protesters clashed with police in Nairobi on Monday, killing two.')).toMatchObject([{ type: 'Riots', inter1: 5, inter2: 1, interaction: 15 }]);
    // an armed group attacking protesters: excessive force against them, not violence against civilians
    expect(detect('The militia attacked protesters in Basra on Friday, killing four.')).toMatchObject([{ type: 'Protests', subtype: 'Excessive force against protesters', inter1: 3, inter2: 6 }]);
    // soldiers are no civilians: no abduction of civilians is suggested
    expect(detect('Militants abducted two soldiers near Mopti on Friday.').filter((e) => e.type === 'Violence against civilians')).toEqual([]);
  });

  it('on every fixture text and the real-dev articles', () => {
    const texts: Array<[string, string]> = [];
    for (const set of GOLD_SETS) for (const f of readdirSync(setDir(set)).filter((n) => n.endsWith('.txt'))) texts.push([`${set}/${f}`, readFileSync(join(setDir(set), f), 'utf8')]);
    const realDev = process.env.REAL_DEV_DIR ?? [join(__dirname, '..', '..', '..', 'shared', 'corpus', 'real-dev'), join(__dirname, '..', '..', '..', '..', 'shared', 'corpus', 'real-dev')].find(existsSync);
    if (realDev && existsSync(realDev)) for (const f of readdirSync(realDev).filter((n) => n.endsWith('.txt'))) texts.push([`real-dev/${f}`, readFileSync(join(realDev, f), 'utf8')]);
    let events = 0;
    const found: string[] = [];
    for (const [name, text] of texts) {
      events += detect(text).length;
      found.push(...problemsIn(text).map((p) => `${name}: ${p}`));
    }
    expect(events).toBeGreaterThan(50);
    expect(found).toEqual([]);
  });
});
