import { describe, expect, it } from 'vitest';
import { detectEvents, type EventDetection } from '../../src/core/events/detectEvents';
import { TRIGGER_FORMS } from '../../src/core/events/eventLexicon';
import { classifyEvent, type FrameFacts } from '../../src/core/events/classifyEvent';
import type { DetectedMention, Detection, Entity } from '../../src/core/model';
import { parseTaxonomyYaml } from '../../src/core/events/taxonomy';
import { detect } from '../../src/core/detection/detect';
import { TestGazetteer } from './detectFixtures';

/**
 * Event rules on sentences written for these tests (invented places and groups). Mentions are given by hand, as
 * the mention detector would give them, so each test reads as: this text with these mentions gives these events.
 */
const ENTITIES: Record<string, Entity> = {
  'red-front': { id: 'red-front', name: 'Red Front', label: 'ACTOR', kind: 'armed_group', inter: 2, aliases: [] },
  'national-army': { id: 'national-army', name: 'National Army', label: 'ACTOR', kind: 'state_force', inter: 1, aliases: [] },
  'freedom-movement': { id: 'freedom-movement', name: 'Freedom and Liberation Movement', label: 'ACTOR', kind: 'armed_group', inter: 2, aliases: [] },
  'country-zz': { id: 'country-zz', name: 'Zandia', label: 'PLACE', kind: 'country', aliases: [], country: 'ZZ' },
  tarvo: { id: 'tarvo', name: 'Tarvo', label: 'PLACE', kind: 'city', aliases: [], country: 'ZZ' },
  belmira: { id: 'belmira', name: 'Belmira', label: 'PLACE', kind: 'city', aliases: [], country: 'ZZ' },
  osk: { id: 'osk', name: 'Osk', label: 'PLACE', kind: 'city', aliases: [], country: 'ZZ' },
  vell: { id: 'vell', name: 'Vell', label: 'PLACE', kind: 'city', aliases: [], country: 'ZZ', capital: true },
  splendor: { id: 'splendor', name: 'Splendor', label: 'PLACE', kind: 'city', aliases: [] },
};
const NAMES: Array<[RegExp, string, 'ACTOR' | 'PLACE']> = [
  [/Red Front/g, 'red-front', 'ACTOR'],
  [/National Army/g, 'national-army', 'ACTOR'],
  [/Freedom and Liberation Movement/g, 'freedom-movement', 'ACTOR'],
  [/Zandia/g, 'country-zz', 'PLACE'],
  [/Tarvo/g, 'tarvo', 'PLACE'],
  [/Belmira/g, 'belmira', 'PLACE'],
  [/Osk/g, 'osk', 'PLACE'],
  [/Vell/g, 'vell', 'PLACE'],
  [/Splendor/g, 'splendor', 'PLACE'],
];

function mentionsOf(text: string): DetectedMention[] {
  const out: DetectedMention[] = [];
  for (const [re, entity, label] of NAMES) for (const m of text.matchAll(re)) out.push({ label, start: m.index, end: m.index + m[0].length, text: m[0], entity, origin: 'gazetteer' });
  return out.sort((a, b) => a.start - b.start);
}

function run(text: string, date = '2030-03-15', detection?: Partial<Detection>): EventDetection {
  return detectEvents(text, { mentions: mentionsOf(text), attributions: [], ...detection }, { date, entityOf: (id) => ENTITIES[id] });
}

/** The attributions the detector finds in `text` (the speakers some event rules read), with the hand-given mentions. */
function speech(text: string): Partial<Detection> {
  return { attributions: detect(text, new TestGazetteer(Object.values(ENTITIES))).attributions };
}

/** Events as [subtype, actor1, actor2, place] with role texts. */
function summary(text: string, date?: string, detection?: Partial<Detection>): Array<[string, string?, string?, string?]> {
  const r = run(text, date, detection);
  const q = (x?: { start: number; end: number }) => (x ? text.slice(x.start, x.end) : undefined);
  return r.events.map((e) => [e.subtype, q(e.actor1), q(e.actor2), q(e.place)]);
}

describe('event types from triggers and context', () => {
  it.each([
    ['Warplanes bombed a market in Tarvo on Monday, killing nine people.', 'Air/drone strike'],
    ['A drone strike hit a car near Tarvo on Monday.', 'Air/drone strike'],
    ['An airstrike destroyed a bridge in Tarvo on Monday.', 'Air/drone strike'],
    ['Mortar rounds hit a school in Tarvo on Monday, wounding four children.', 'Shelling/artillery/missile attack'],
    ['The National Army shelled villages around Tarvo on Monday.', 'Shelling/artillery/missile attack'],
    ['A missile struck an apartment block in Tarvo on Monday.', 'Shelling/artillery/missile attack'],
    ['A car bomb exploded outside a police station in Tarvo on Monday.', 'Remote explosive/landmine/IED'],
    ['A roadside bomb killed two soldiers near Tarvo on Monday.', 'Remote explosive/landmine/IED'],
    ['A suicide bomber blew himself up at a checkpoint in Tarvo on Monday.', 'Suicide bomb'],
    ['Militants threw a grenade at a bus in Tarvo on Monday.', 'Grenade'],
    ['Gunmen killed 14 villagers in Tarvo on Monday.', 'Attack'],
    ['Soldiers executed six men in Tarvo on Monday.', 'Attack'],
    ['Gunmen kidnapped three aid workers in Tarvo on Monday.', 'Abduction/forced disappearance'],
    ['Red Front fighters clashed with the National Army near Tarvo on Monday.', 'Armed clash'],
    ['Rebels ambushed an army convoy near Tarvo on Monday, killing five soldiers.', 'Armed clash'],
    ['Red Front fighters seized the town of Tarvo on Monday.', 'Non-state actor overtakes territory'],
    ['The National Army recaptured Tarvo on Monday.', 'Government regains territory'],
    ['Police arrested a Red Front commander in Tarvo on Monday.', 'Arrests'],
    ['Thousands of protesters rallied in Tarvo on Monday against rising prices.', 'Peaceful protest'],
    ['Police fired tear gas to disperse protesters who marched in Tarvo on Monday.', 'Protest with intervention'],
    ['Armed men looted and torched shops in Tarvo on Monday.', 'Looting/property destruction'],
    ['Red Front and the National Army signed a ceasefire in Tarvo on Monday.', 'Agreement'],
    ['The Red Front pledged allegiance to a rival group on Monday.', 'Change to group/activity'],
    ['Troops withdrew from Tarvo on Monday.', 'Non-violent transfer of territory'],
    ['Air defences shot down two drones over Tarvo on Monday.', 'Disrupted weapons use'],
    ['Police defused a bomb found near the market in Tarvo on Monday.', 'Disrupted weapons use'],
    ['Security forces opened fire on demonstrators in Tarvo on Monday, killing five.', 'Excessive force against protesters'],
    ['Rioters looted shops and set fire to a police post in Tarvo on Saturday.', 'Violent demonstration'],
    ['A mob lynched two men accused of theft in Tarvo on Saturday.', 'Mob violence'],
    ['Hundreds of traders staged a peaceful sit-in outside the market in Tarvo on Saturday.', 'Peaceful protest'],
    ['Soldiers raped three women in a village near Tarvo on Saturday.', 'Sexual violence'],
    ['Hundreds of fighters paraded through Tarvo with heavy weapons on Saturday.', 'Other'],
    ['The Red Front set up a new base in the hills near Tarvo on Saturday.', 'Headquarters or base established'],
  ])('%s -> %s', (text, subtype) => {
    expect(summary(text).map((e) => e[0])).toEqual([subtype]);
  });

  it('the weapon decides remote violence before the victims do', () => {
    const base: FrameFacts = { classes: new Set(['kill']), weapons: new Set(), armedTarget: false, civilianTarget: true, territory: false, reflexiveBlast: false, protestIntervention: false, protestForce: false, crowdViolence: false, deaths: true, strikeNoun: false, armedCrowd: false, protestVictims: false };
    expect(classifyEvent(base)?.subtype).toBe('Attack');
    expect(classifyEvent({ ...base, weapons: new Set(['air']) })?.subtype).toBe('Air/drone strike');
    expect(classifyEvent({ ...base, armedTarget: true, civilianTarget: false })?.subtype).toBe('Armed clash');
    expect(classifyEvent({ ...base, classes: new Set(['seize']), territory: true, actor1Kind: 'state' })?.subtype).toBe('Government regains territory');
    expect(classifyEvent({ ...base, classes: new Set(['seize']), territory: true, actor1Kind: 'nonstate' })?.subtype).toBe('Non-state actor overtakes territory');
  });

  it('the lexicon knows inflections and nominalisations', () => {
    for (const w of ['seize', 'seized', 'seizes', 'seizing', 'overran', 'overrun', 'retook', 'recaptured', 'clashes', 'clashed', 'ambushed', 'shelling', 'shelled', 'airstrikes', 'explosion', 'detonated', 'kidnapping', 'abducted', 'arrests', 'detention', 'protested', 'rioting', 'looting', 'truce', 'ceasefire', 'withdrawal', 'pullout', 'massacre', 'beheaded', 'executions', 'slain']) {
      expect(TRIGGER_FORMS.has(w), w).toBe(true);
    }
  });
});

describe('what is not an event', () => {
  it.each([
    ['Red Front fighters will attack Tarvo next week.'],
    ['Red Front fighters vowed to retake Tarvo.'],
    ['The National Army did not attack Tarvo on Monday.'],
    ['If rebels seize Tarvo, the road to Osk will be cut.'],
    ['Red Front fighters have often attacked convoys near Tarvo.'],
    ['Red Front threatened to attack the capital.'],
    ['The government plans an offensive to recapture Tarvo.'],
    ['Airstrikes by both sides continue to kill civilians.'],
    ['Fighting has killed thousands of people since 2021.'],
    ['There were no clashes in Tarvo on Monday.'],
    // a tally over the running year, or up to now from some start, not one happening
    ['More than 5,000 civilians have been killed since the war began, the UN said.'],
    // a tally over the running year, not one happening
    ['More than 400 people have been killed in Tarvo and Osk this year, a rights group said.'],
    // a word of a name is no trigger
    ['The Freedom and Liberation Movement elected a new leader in Tarvo on Monday.'],
  ])('%s', (text) => {
    expect(summary(text)).toEqual([]);
  });
});

describe('roles', () => {
  it('takes the acting side from the subject, or from "by" in a passive, and the side acted on from the object', () => {
    expect(summary('Red Front fighters attacked a National Army base near Tarvo on Monday.')).toEqual([['Armed clash', 'Red Front', 'National Army', 'Tarvo']]);
    expect(summary('A National Army post near Tarvo was attacked by Red Front fighters on Monday.')).toEqual([['Armed clash', 'Red Front', 'National Army', 'Tarvo']]);
  });

  it('adds a bare group noun in a role as an actor mention, and the victims as a civilian mention (no actor by the guidelines)', () => {
    const r = run('Gunmen killed 14 villagers in Tarvo on Monday.');
    expect(r.mentions).toEqual([
      { label: 'ACTOR', start: 0, end: 6, text: 'Gunmen', entity: 'x-gunmen', origin: 'rule' },
      { label: 'CIVILIAN', start: 17, end: 26, text: 'villagers', entity: 'x-villagers', origin: 'rule' },
    ]);
    expect(r.events[0].actor1).toEqual({ label: 'ACTOR', start: 0, end: 6 });
    expect(r.events[0].actor2).toEqual({ label: 'CIVILIAN', start: 17, end: 26 });
    // the people arrested are civilians too; the troops killed stay an armed side
    const arrest = run('Two correspondents with the Tarvo Daily were detained by the National Army on Friday.');
    expect(arrest.mentions.filter((m) => m.text === 'correspondents').map((m) => m.label)).toEqual(['CIVILIAN']);
    const raid = run('Rebels stormed a military base near Tarvo before dawn on Sunday, killing at least 17 soldiers.');
    expect(raid.mentions.find((m) => m.text === 'soldiers')?.label).toBe('ACTOR');
  });

  it('gives the people harmed as the side acted on: civilians for violence against civilians', () => {
    expect(summary('Gunmen opened fire at a wedding in Tarvo on Friday, killing at least 32 people.')).toEqual([['Attack', 'Gunmen', 'people', 'Tarvo']]);
    expect(summary('A drone attack by Red Front hit a bus carrying displaced families near Tarvo on Friday, killing nine people.')[0][2]).toBe('displaced families');
    expect(summary('A teacher was one of at least 12 people killed in an attack in Tarvo on Friday.')[0][2]).toBe('people');
    expect(summary('A Belgian engineer was abducted in Tarvo on Friday.', undefined, { mentions: mentionsOf('A Belgian engineer was abducted in Tarvo on Friday.') })[0][2]).toBe('engineer');
    expect(summary('An elderly woman was wounded when a drone hit a house in Tarvo on Friday.')[0][2]).toBe('elderly woman');
    expect(summary('Red Front shelled a hospital run by Red Front in Tarvo on Friday, killing nine staff members.')[0][2]).toBe('staff members');
    // the people arrested
    expect(summary('Two correspondents with the Tarvo Daily, who were detained by the National Army on Friday, were freed.')[0][2]).toBe('correspondents');
  });

  it('prefers the troops killed to a bare owner of the position attacked, but keeps a named owner', () => {
    expect(summary('Rebels stormed a military base near Tarvo before dawn on Sunday, killing at least 17 soldiers.')[0][2]).toBe('soldiers');
    expect(summary('A car bomb explosion at a National Army checkpoint in Tarvo killed one soldier on Sunday.')[0][2]).toBe('National Army');
  });

  it('reads an event noun heading the subject as the happening, not the last party of its phrase', () => {
    const text = 'Fighting between the Freedom and Liberation Movement and deserters of the National Army has killed at least 30 people in Tarvo, officials said on Monday.';
    expect(summary(text)).toEqual([['Armed clash', 'Freedom and Liberation Movement', 'National Army', 'Tarvo']]);
    expect(run(text).events[0].fatalities).toBe(30);
    // "earlier this month" dates one happening: still an event
    expect(summary('Red Front fighters attacked a National Army base near Tarvo earlier this month, killing 12 soldiers.')).toEqual([['Armed clash', 'Red Front', 'National Army', 'Tarvo']]);
  });

  it('reads a participle phrase or "since" inside the subject as the subject\'s, not the clause\'s', () => {
    expect(summary('National Army troops deployed in the region since 2021 retook Osk on Friday.')).toEqual([['Government regains territory', 'National Army', undefined, 'Osk']]);
    // a fronted "since" still makes a summary of the war so far
    expect(summary('Since 2021, Red Front fighters have attacked convoys near Tarvo.')).toEqual([]);
  });

  it('gives a protest verb after its crowd no passive reading, and a withdrawal after an act no type', () => {
    expect(summary('On Saturday, hundreds of residents marched in Tarvo to demand better protection.').map((e) => e[0])).toEqual(['Peaceful protest']);
    expect(run('Red Front fighters looted shops in Tarvo on Friday before withdrawing.').events.map((e) => e.subtype)).toEqual(['Looting/property destruction']);
  });

  it('takes a state modifier of a weapon fired from afar as the shooter, and an aircraft subject as the weapon', () => {
    expect(summary('A military airstrike on a village near Tarvo killed at least 40 people on Monday.')).toEqual([['Air/drone strike', 'military', 'people', 'Tarvo']]);
    const text = 'A military airstrike on a village near Tarvo killed at least 40 people on Monday. "A helicopter then fired on people who were running away," a witness said.';
    expect(run(text).events.map((e) => [e.subtype, e.spans.length])).toEqual([['Air/drone strike', 1]]);
  });

  it('reads a prisoner exchange as an agreement, and a ministry\'s forces as a state\'s', () => {
    const mentions = (t: string) => [...mentionsOf(t), ...[...t.matchAll(/Defence Ministry/g)].map((m) => ({ label: 'ACTOR' as const, start: m.index, end: m.index + m[0].length, text: m[0], entity: 'x-defence-ministry', origin: 'rule' as const }))];
    const swap = 'Red Front and the National Army exchanged 75 prisoners each in Tarvo on Friday.';
    expect(summary(swap)[0]?.[0]).toBe('Agreement');
    const taken = 'The Defence Ministry said its forces had taken control of the village of Osk on Friday.';
    expect(summary(taken, undefined, { mentions: mentions(taken) })[0]?.[0]).toBe('Government regains territory');
  });

  it('places an event in the region a country owns ("in Zandia\'s central Belmira region"), not in the country', () => {
    const text = 'Red Front attacked an army base in Zandia\'s central Belmira region on Monday.';
    expect(summary(text)[0]?.[3]).toBe('Belmira');
  });

  it('joins a toll told of "the assault" to the attack just told, whatever its kind, and takes its nearer place', () => {
    const text = 'Red Front set off a car bomb at an army base in Zandia on Monday. At least 17 soldiers were killed in the assault on the base outside the town of Osk.';
    const r = run(text);
    expect(r.events.map((e) => [e.subtype, e.fatalities, text.slice(e.place!.start, e.place!.end)])).toEqual([['Remote explosive/landmine/IED', 17, 'Osk']]);
  });

  it('reads a claim with no "for the attack" as the attack told before, and not the group the claimant is linked to', () => {
    const mentions = (t: string) => [...mentionsOf(t), ...[...t.matchAll(/al-Qaida/g)].map((m) => ({ label: 'ACTOR' as const, start: m.index, end: m.index + m[0].length, text: m[0], entity: 'x-al-qaida', origin: 'rule' as const }))];
    const text = 'A car bomb exploded at an army base in Tarvo on Monday, killing 11 soldiers. The al-Qaida-linked group claimed responsibility in a statement, saying its fighters had killed 40 soldiers.';
    const r = run(text, undefined, { mentions: mentions(text) });
    expect(r.events.map((e) => [e.subtype, e.fatalities])).toEqual([['Remote explosive/landmine/IED', 11]]);
    // told alone, the claim's fighters are still not al-Qaida's
    const alone = 'The al-Qaida-linked group said its fighters had killed 40 soldiers in Tarvo on Monday.';
    const actor = run(alone, undefined, { mentions: mentions(alone) }).events[0]?.actor1;
    expect(actor && alone.slice(actor.start, actor.end)).not.toBe('al-Qaida');
  });

  it('reads "repelled the attackers" as the attack just told, fought back', () => {
    const text = 'Gunmen set off a car bomb at an army base in Zandia on Monday. Soldiers repelled the attackers and killed two of them.';
    expect(run(text).events.map((e) => e.subtype)).toEqual(['Remote explosive/landmine/IED']);
  });

  it('keeps "the troops" a state\'s side when a rebel group was named last', () => {
    const text = 'Red Front said on Monday that it had attacked Tarvo. The troops later killed five rebels near Osk on Tuesday.';
    const clash = run(text).events.find((e) => e.actor1 && text.slice(e.actor1.start, e.actor1.end) === 'troops');
    expect(clash?.inter1).toBe(1);
  });

  it('joins "the attackers also killed ..." to the raid just told, whatever its sub-type', () => {
    const text = 'Gunmen kidnapped 87 villagers in a raid on Tarvo on Saturday. The attackers also killed a guard and burned several houses.';
    expect(run(text).events).toHaveLength(1);
  });

  it('reads no event in a trend or in captives handed over', () => {
    expect(run('Kidnapping for ransom has become rampant in Zandia.').events).toEqual([]);
    expect(run('The six soldiers were handed over to a humanitarian commission near Tarvo on Monday.').events).toEqual([]);
  });

  it('reads "blocked a highway to protest against the wave of X" as a protest that took place', () => {
    const text = 'On Monday, hundreds of women blocked a highway in Tarvo to protest against the wave of abductions, before police dispersed them with tear gas.';
    expect(summary(text).map((e) => e[0])).toEqual(['Protest with intervention']);
    expect(run('Students plan to protest in Tarvo on Monday.').events).toEqual([]);
  });

  it('reads the subject through a bracketed acronym ("the Red Front (RF) shelled", "(RF) fighters")', () => {
    expect(summary('The Red Front (RF) shelled villages around Tarvo on Monday.')).toEqual([['Shelling/artillery/missile attack', 'Red Front', undefined, 'Tarvo']]);
    // only the acronym is known: the acronym
    const acronym = 'The Zarin Liberation Brigades (RF) attacked an army post near Tarvo on Monday.';
    const rf = { label: 'ACTOR' as const, start: acronym.indexOf('RF'), end: acronym.indexOf('RF') + 2, text: 'RF', entity: 'red-front', origin: 'gazetteer' as const };
    expect(summary(acronym, undefined, { mentions: [rf, ...mentionsOf(acronym)] })[0][1]).toBe('RF');
    // "(RF) fighters": the group's
    const fighters = 'The Zarin Liberation Brigades (RF) fighters attacked an army post near Tarvo on Monday.';
    const at = (w: string, origin: 'gazetteer' | 'rule', entity?: string) => ({ label: 'ACTOR' as const, start: fighters.indexOf(w), end: fighters.indexOf(w) + w.length, text: w, origin, entity });
    const withFighters = { mentions: [at('RF', 'gazetteer', 'red-front'), ...mentionsOf(fighters)].sort((a, b) => a.start - b.start) };
    expect(summary(fighters, undefined, withFighters)[0][1]).toBe('RF');
  });

  it('places an event "in Zandia\'s capital" in the capital the article names, and at a named facility', () => {
    const text = 'Gunmen killed 20 people in Zandia\'s capital on Monday. Vell has seen such attacks before.';
    expect(summary(text)[0][3]).toBe('Vell');
    // no capital named: the country
    expect(summary('Gunmen killed 20 people in Zandia\'s capital on Monday.')[0][3]).toBe('Zandia');
    expect(summary('Soldiers killed four gunmen in Tarvo at the Hotel Splendor on Monday.')[0][3]).toBe('Splendor');
  });

  it('folds a report that names the same victims again with "the" into the first, with its nearer place', () => {
    const text = 'Jihadists have killed 12 farmers in Zandia. Fighters of the Red Front stormed farms outside the village of Kora on Saturday and opened fire on the farmers.';
    const kora = { label: 'PLACE' as const, start: text.indexOf('Kora'), end: text.indexOf('Kora') + 4, text: 'Kora', origin: 'rule' as const };
    const r = summary(text, undefined, { mentions: [...mentionsOf(text), kora].sort((a, b) => a.start - b.start) });
    expect(r).toEqual([['Attack', 'Jihadists', 'farmers', 'Kora']]);
  });

  it('takes the army of "an army drone strike" as the side that struck', () => {
    expect(summary('An army drone strike hit a fuel depot in Tarvo on Monday.')[0].slice(0, 2)).toEqual(['Air/drone strike', 'army']);
  });

  it('codes a protest dispersed in the next sentence as a protest with intervention, its people as actor 1', () => {
    const text = 'Hundreds of residents protested in Tarvo on Wednesday against the curfew. Police fired tear gas to disperse the crowd.';
    expect(summary(text)).toEqual([['Protest with intervention', 'residents', undefined, 'Tarvo']]);
  });

  it('places no event in a country accused, and folds a withdrawal into the capture just told', () => {
    expect(summary('The National Army repelled several assaults near Tarvo on Monday and accused Zandia of sending troops.')[0][3]).toBe('Tarvo');
    expect(summary('The National Army repelled several assaults on Monday and accused Zandia of sending troops.')[0][3]).toBeUndefined();
    const text = 'The Red Front captured the town of Tarvo on Tuesday. The rebels entered the town early and the soldiers withdrew towards Belmira.';
    expect(summary(text, '').map((e) => e[0])).toEqual(['Non-state actor overtakes territory']);
  });

  it('finds no event in what a war has cost ("the conflict has killed 40,000 people")', () => {
    expect(run('The 15-year conflict has killed around 40,000 people.').events).toEqual([]);
    expect(run('The war between the National Army and the Red Front, which erupted in 2023, has killed thousands of people.').events).toEqual([]);
    expect(run('The Red Front has killed 12 farmers in Tarvo.').events).toHaveLength(1);
  });

  it('reads the state\'s own account of what was just told as the same happening', () => {
    const strike = 'An airstrike on a house in Tarvo killed five people on Monday. The National Army said it had struck a Red Front weapons depot.';
    expect(summary(strike, undefined, speech(strike))).toEqual([['Air/drone strike', 'National Army', 'people', 'Tarvo']]);
    const shot = 'A man was shot dead by National Army troops in Tarvo on Monday. The National Army said soldiers had fired at suspects.';
    expect(summary(shot, undefined, speech(shot))).toEqual([['Attack', 'National Army', 'man', 'Tarvo']]);
  });

  it('gives the speaker of "X said it fired a barrage of rockets" as the side that fired', () => {
    const barrage = 'The Red Front said it fired a barrage of rockets at Tarvo on Monday.';
    expect(summary(barrage, undefined, speech(barrage))).toEqual([['Shelling/artillery/missile attack', 'Red Front', undefined, 'Tarvo']]);
  });

  it('keeps settlers\' arson apart from a rocket barrage told before it', () => {
    const text = 'The Red Front said it fired a barrage of rockets on Monday.\n\nIn Tarvo, settlers set fire to cars and homes on Monday night, residents said.';
    expect(summary(text, undefined, speech(text)).map((e) => [e[0], e[1]])).toEqual([['Shelling/artillery/missile attack', 'Red Front'], ['Looting/property destruction', 'settlers']]);
  });

  it('takes the suicide bombers as the side that acts, and their count as the dead', () => {
    const r = run('Two suicide bombers detonated themselves at a checkpoint in Tarvo on Monday.');
    expect(r.events.map((e) => [e.subtype, e.actor1 && r.mentions.find((m) => m.start === e.actor1!.start)?.text, e.fatalities])).toEqual([['Suicide bomb', 'suicide bombers', 2]]);
  });

  it('adds "X were also killed" to the toll of the happening just told, whichever side they were on', () => {
    const r = run('The National Army killed four fighters in a raid near Tarvo on Monday. Two soldiers were also killed.');
    expect(r.events.map((e) => [e.subtype, e.fatalities])).toEqual([['Armed clash', 6]]);
    // another day is another happening
    expect(run('The National Army killed four fighters in a raid near Tarvo on Monday. Two soldiers were also killed on Thursday.').events).toHaveLength(2);
  });

  it('makes the crowd fired on the first side of excessive force against protesters', () => {
    const text = 'Soldiers opened fire on protesters in Tarvo on Tuesday, wounding three people.';
    expect(summary(text)).toEqual([['Excessive force against protesters', 'protesters', 'Soldiers', 'Tarvo']]);
  });

  it('takes no fighter from "fighter jets", and no protest from an armed uprising', () => {
    const jets = 'Two fighter jets bombed a village near Tarvo on Tuesday.';
    expect(summary(jets)).toEqual([['Air/drone strike', undefined, undefined, 'Tarvo']]);
    const war = 'The coup in 2021 triggered a nationwide armed uprising.';
    expect(summary(war).map((e) => e[0])).not.toContain('Peaceful protest');
  });

  it('reads the rest of a responsibility claim as the attack claimed, not a new event', () => {
    const text = 'Gunmen attacked a market in Tarvo on Friday, killing 11 villagers. Red Front claimed responsibility for the attack on Saturday, saying its fighters had killed 20 soldiers.';
    expect(run(text).events.map((e) => e.subtype)).toEqual(['Attack']);
  });

  it('finds the other side of a deal, a takeover and a fight told around the trigger', () => {
    // "the group": the armed group named before, not the first signatory
    expect(summary('Red Front fighters seized Osk in May. On Saturday, the National Army and the group signed a peace deal in Tarvo.').at(-1)).toEqual(['Agreement', 'National Army', 'Red Front', 'Tarvo']);
    expect(summary('Red Front fighters took over Osk on Friday after heavy clashes with the National Army.')).toEqual([['Non-state actor overtakes territory', 'Red Front', 'National Army', 'Osk']]);
    // the side that pulled out is the side the place was taken from
    expect(summary('National Army troops abandoned Osk, and Red Front fighters seized it on Saturday.')).toEqual([['Non-state actor overtakes territory', 'Red Front', 'National Army', 'Osk']]);
    expect(summary('Red Front has pushed the National Army out of Osk on Saturday.')[0][2]).toBe('National Army');
    expect(summary('Fighting broke out in Tarvo on Saturday between Red Front and the National Army.')).toEqual([['Armed clash', 'Red Front', 'National Army', 'Tarvo']]);
  });

  it('takes the head of a passive subject, not a name inside its apposition', () => {
    const text = 'Ivo Marek, a reporter working for the Tarvo Daily, was detained by the National Army on Friday in Osk.';
    const mentions = [...mentionsOf(text), { label: 'ACTOR' as const, start: 0, end: 9, text: 'Ivo Marek', entity: 'ivo-marek', origin: 'rule' as const }].sort((a, b) => a.start - b.start);
    expect(summary(text, undefined, { mentions })).toEqual([['Arrests', 'National Army', 'Ivo Marek', 'Osk']]);
  });

  it('picks the most specific place of the clause, not a possessive or a neighbour', () => {
    expect(summary("Gunmen killed 14 villagers in the village of Osk outside Tarvo on Monday.")[0][3]).toBe('Osk');
    expect(summary("Zandia's army shelled Belmira on Monday.")[0][3]).toBe('Belmira');
    expect(summary('Rebels attacked a post near the border with Zandia, 30 km north of Tarvo, in Belmira on Monday.')[0][3]).toBe('Belmira');
  });

  it('gives one event per place a clause lists, the toll to the first', () => {
    const r = run('Warplanes struck Tarvo and Belmira on Monday, killing 12 people.');
    expect(r.events.map((e) => [r.events.indexOf(e), e.subtype, e.fatalities])).toEqual([[0, 'Air/drone strike', 12], [1, 'Air/drone strike', undefined]]);
    expect(r.events.map((e) => (e.place ? 'Warplanes struck Tarvo and Belmira on Monday, killing 12 people.'.slice(e.place.start, e.place.end) : ''))).toEqual(['Tarvo', 'Belmira']);
  });

  it('resolves the date against the reference date and reads the toll by ACLED rules', () => {
    const r = run('Gunmen killed at least 12 people in Tarvo on Tuesday. Dozens of soldiers were killed in clashes near Osk last month.', '2030-03-15');
    expect(r.events.map((e) => [e.date, e.datePrecision, e.fatalities])).toEqual([['2030-03-12', 1, 12], ['2030-02-01', 3, 12]]);
    // no reference date: only a date that names its year is written
    expect(run('Rebels seized Tarvo on Tuesday.', '').events[0].date).toBeUndefined();
    expect(run('Rebels seized Tarvo in March 2029.', '').events[0].date).toBe('2029-03-01');
  });
});

describe('one event per happening', () => {
  it('folds a later report and a reference back ("the attack") into the first report', () => {
    const text = 'Gunmen attacked a wedding in Tarvo on Sunday, killing 20 people. Residents said the attack lasted an hour. Police said 20 people were killed in the attack.';
    const r = run(text);
    expect(r.events).toHaveLength(1);
    expect(r.events[0]).toMatchObject({ subtype: 'Attack', fatalities: 20, civilianTargeting: true });
    expect(r.events[0].spans.map((s) => s.text)).toEqual(['the attack', 'people were killed in the attack']);
  });

  it('folds arrests of protesters into the protest, and a reference back in another clause stands apart', () => {
    expect(summary('Police fired tear gas at students who marched in Tarvo on Monday. At least three protesters were arrested.').map((e) => e[0])).toEqual(['Protest with intervention']);
    expect(summary('The two sides agreed to a truce in Tarvo on Thursday, but the ceasefire collapsed within hours.').map((e) => e[0])).toEqual(['Agreement']);
    expect(summary('Rebels recaptured the village of Osk from government forces on Saturday.')).toEqual([['Non-state actor overtakes territory', 'Rebels', 'government forces', 'Osk']]);
  });

  it('keeps apart reports of different places, dates or sides', () => {
    const text = 'Rebels attacked an army post in Tarvo on Sunday. Rebels attacked an army post in Belmira on Sunday. Rebels attacked an army post in Tarvo in January.';
    expect(run(text).events).toHaveLength(3);
    expect(summary('Gunmen killed ten villagers in Tarvo on Sunday. Soldiers killed four villagers in Tarvo on Sunday.')).toEqual([
      ['Attack', 'Gunmen', 'villagers', 'Tarvo'],
      ['Attack', 'Soldiers', 'villagers', 'Tarvo'],
    ]);
  });

  it('skips headlines and datelines', () => {
    const text = 'Rebels seize Tarvo\n\nOSK, Zandia, March 15, 2030 (Wire) - Rebels seized the town of Tarvo on Saturday, residents said.';
    expect(summary(text, undefined, { attributions: [] })).toEqual([['Non-state actor overtakes territory', 'Rebels', undefined, 'Tarvo']]);
  });
});

describe('a workspace taxonomy', () => {
  const text = 'Gunmen attacked a market in Tarvo on Monday, killing nine people. Red Front fighters seized Osk on Monday.';
  const detect = (yaml: string) =>
    detectEvents(text, { mentions: mentionsOf(text), attributions: [] }, { date: '2030-03-15', entityOf: (id) => ENTITIES[id], taxonomy: parseTaxonomyYaml(yaml).taxonomy! }).events.map((e) => [e.type, e.subtype]);

  it('names events by its own sub-types of an ACLED type when their keywords are in the clause', () => {
    expect(detect('types:\n  - name: Violence against civilians\n    subtypes:\n      - name: Market attack\n        keywords: [market, bazaar]\n')).toEqual([
      ['Violence against civilians', 'Market attack'],
      ['Battles', 'Non-state actor overtakes territory'],
    ]);
  });

  it('leaves out the events whose sub-type a replacing taxonomy lacks', () => {
    expect(detect('mode: replace\ntypes:\n  - name: Battles\n    subtypes: [Non-state actor overtakes territory]\n')).toEqual([['Battles', 'Non-state actor overtakes territory']]);
  });
});
