// Detectors 24 and 25: rules from invented wire reports (Pakistan, Mozambique, Lebanon, Ethiopia; Iraq, Myanmar,
// Burkina Faso, Congo, Haiti); each case fails without its rule.
import { describe, expect, it } from 'vitest';
import { detectWithEvents } from '../../src/core/review/annotateDocument';
import type { Detection } from '../../src/core/model';
import { buildDefaultGazetteer } from './detectFixtures';
import { detect } from '../../src/core/detection/detect';

const gazetteer = buildDefaultGazetteer();

/** Each event as "Type/Subtype a1=… a2=… place=… fat=…", roles by their text. */
function events(text: string): string[] {
  const d: Detection = detectWithEvents(text, gazetteer, '2031-05-20');
  const at = (r: { start: number; end: number } | undefined) => (r ? [...text].slice(r.start, r.end).join('') : '-');
  return d.events!.map((e) => `${e.type}/${e.subtype} a1=${at(e.actor1)} a2=${at(e.actor2)} place=${at(e.place)} fat=${e.fatalities ?? '-'}`);
}

describe('event reports', () => {
  it('takes what a protest is about for its grievance, not for violence: a peaceful protest by the crowd', () => {
    const found = events('In the west, hundreds of people blocked a highway near Quetta on Monday to protest the killing of a tribal elder.\n');
    expect(found).toEqual(['Protests/Peaceful protest a1=people a2=- place=Quetta fat=-']);
    const cues = detectWithEvents('Hundreds of people blocked a highway to protest the killing of an elder.\n', gazetteer, undefined).attributions;
    expect(cues.map((a) => a.cue.text)).toEqual([]);
  });

  it('does not take an undated dateline city for the place when the story names where it happened', () => {
    const text = 'Militants kill 14 soldiers\n\nPESHAWAR, Pakistan (AP) — Militants attacked an army post before dawn on Tuesday, killing 14 soldiers, the military said.\n\nThe attack took place in the Mir Ali area of North Waziristan.\n';
    expect(events(text)).toEqual(['Battles/Armed clash a1=Militants a2=army place=Mir Ali fat=14']);
    // with no other place the lead happened where it was filed
    expect(events('Blast\n\nPESHAWAR, Pakistan (AP) — A bomb exploded at a market on Tuesday, killing five people, police said.\n')[0]).toContain('place=PESHAWAR');
  });

  it('takes the place of a local source for what it tells ("police in the city of Bannu said gunmen …")', () => {
    expect(events('Police in the nearby city of Bannu said gunmen on motorcycles shot dead two policemen on Tuesday.\n')).toEqual(['Battles/Armed clash a1=gunmen a2=policemen place=Bannu fat=2']);
  });

  it('counts the beheaded as dead', () => {
    expect(events('Islamist insurgents beheaded at least 11 villagers in Cabo Delgado on Friday.\n')[0]).toMatch(/fat=11$/);
  });

  it('takes the noun a participle follows for the subject, not the side its purpose acts on', () => {
    expect(events("Rwandan troops deployed to help Mozambique's army fight the insurgency recaptured the town of Mbau on Sunday.\n")[0]).toContain('a1=Rwandan troops');
  });
});

describe('event reports (Detector 25)', () => {
  const mentions = (text: string): string[] => detect(text, gazetteer).mentions.map((m) => `${m.label} ${m.text}`);

  it('takes a country\'s military for a side when it acts, and the owner of "its jets" for who struck', () => {
    expect(mentions('The Turkish military said its jets struck militant positions near Amadiya.\n')).toContain('ACTOR Turkish military');
    expect(mentions('Some Russian military movements had been detected.\n')).not.toContain('ACTOR Russian military');
    expect(events('The Turkish military said on Wednesday its jets struck militant positions near Amadiya, killing 14 fighters.\n')).toEqual(['Explosions/Remote violence/Air/drone strike a1=Turkish military a2=fighters place=Amadiya fat=14']);
  });

  it('reads "the latest attack" as the happening just told, and a name\'s "Workers" as no labour strike', () => {
    expect(events('Airstrikes killed four people near Sinjar on Tuesday, local officials said, in the latest attack on militant positions.\n')).toEqual(['Explosions/Remote violence/Air/drone strike a1=- a2=people place=Sinjar fat=4']);
    expect(events("The military said its jets struck 12 targets belonging to the Kurdistan Workers' Party near Amadiya on Monday.\n")).toHaveLength(1);
  });

  it('reports no event for a toll of earlier strikes in general', () => {
    expect(events('The rights group said civilians had been killed in earlier strikes.\n')).toEqual([]);
  });

  it('reads "came under fire" as an attack on the subject, by whoever "from" names', () => {
    expect(events('A police patrol came under fire near Duhok late on Monday.\n')).toEqual(['Battles/Armed clash a1=- a2=police place=Duhok fat=-']);
    expect(events('An army convoy came under attack from al-Shabaab militants near Afgoye on Friday, killing two soldiers.\n')).toEqual(['Battles/Armed clash a1=al-Shabaab a2=soldiers place=Afgoye fat=2']);
    expect(events('The government came under pressure from donors on Friday.\n')).toEqual([]);
  });

  it('finds New York before a hyphen and a village name opened by a capitalised function word', () => {
    expect(mentions('The New York-based group said civilians were at risk.\n')).toContain('PLACE New York');
    expect(mentions('The attack on Let Pan Hla village took place on Friday.\n')).toContain('PLACE Let Pan Hla');
  });

  it('keeps the attacker\'s own noun out of the victims, and a place after "in" out of the sides', () => {
    expect(events("An airstrike by Myanmar's military on a village in the Sagaing region killed at least 17 people.\n")[0]).toContain('a2=people');
    expect(events('Suspected jihadi fighters killed at least 22 civilians in an attack on a village in northern Burkina Faso on Sunday.\n')).toEqual(['Violence against civilians/Attack a1=fighters a2=civilians place=Burkina Faso fat=22']);
  });

  it('joins a report in a village no gazetteer knows to the country-wide report it tells more precisely', () => {
    const text = 'Suspected jihadi fighters killed at least 22 civilians in an attack on a village in northern Burkina Faso, officials said.\n\nThe assailants arrived on motorbikes on Sunday in Tawori, in the Est region, and opened fire on residents at a market, a resident said.\n';
    expect(events(text)).toEqual(['Violence against civilians/Attack a1=fighters a2=civilians place=Tawori fat=22']);
  });

  it('takes no toll from a contrasting clause about violence in general', () => {
    const text = 'Gunmen opened fire on residents of the village of Tawori on Sunday, a resident said.\n\nNo group has claimed responsibility for the attack, but violence linked to jihadists has killed thousands of people in the country.\n';
    expect(events(text)).toEqual(['Violence against civilians/Attack a1=Gunmen a2=residents place=Tawori fat=-']);
  });

  it('takes a junta for a side', () => {
    expect(events("Burkina Faso's junta, which took power in a coup in 2022, has promised to restore security.\n")[0]).toContain('a1=junta');
  });

  it('does not fold a strategic act of one kind into another, nor people left to their fate into a withdrawal', () => {
    const text = 'Rebels took control of Goma on Monday after government troops withdrew from the city.\n\nThe army said the arrest of two journalists was lawful.\n';
    expect(events(text).some((e) => e.includes('journalists'))).toBe(false);
    expect(events('"The people of Bandiagara are abandoned," he said.\n')).toEqual([]);
  });

  it('counts civilians killed in the crossfire of a battle as its toll', () => {
    const text = 'M23 rebels captured the town of Nyabibwe on Tuesday after heavy fighting with the army.\n\nAt least seven civilians were killed by stray bullets during the clashes.\n';
    expect(events(text)).toEqual(['Battles/Non-state actor overtakes territory a1=M23 a2=army place=Nyabibwe fat=7']);
  });

  it('takes a capital before a reporting verb for its state speaking, and "the battlefield reports." for no cue', () => {
    const d = detectWithEvents('Moscow says it targets only military facilities. Reuters could not verify the battlefield reports.\n', gazetteer, undefined);
    expect(d.mentions.filter((m) => m.text === 'Moscow').map((m) => m.label)).toEqual(['ACTOR']);
    expect(d.attributions.map((a) => `${a.cue.text} ${a.kind}`)).toEqual(['says named']);
    expect(mentions('Officials in Moscow said the talks would go on.\n')).toContain('PLACE Moscow');
  });

  it('counts an air force or a navy speaking as a named source, like an army', () => {
    const kinds = (text: string) => detectWithEvents(text, gazetteer, undefined).attributions.map((a) => a.kind);
    expect(kinds('Jets bombed a camp on Sunday, the air force said in a statement.\n')).toEqual(['named']);
    expect(kinds('The navy said it had intercepted two boats.\n')).toEqual(['named']);
  });

  it('codes rockets fired and then intercepted as the shooting, and people counted by nationality as victims', () => {
    expect(events('Hamas fighters fired rockets at southern Israel on Tuesday, the army said, and most were intercepted.\n')).toEqual(['Explosions/Remote violence/Shelling/artillery/missile attack a1=Hamas a2=- place=Israel fat=-']);
    expect(events('Israeli troops shot dead two Palestinians during a raid on the Jenin refugee camp on Monday.\n')[0]).toContain('a2=Palestinians');
  });

  it('folds a state\'s "it had targeted X" into the strike just told, keeping its type', () => {
    const text = 'Israeli strikes killed at least 25 people across the Gaza Strip overnight, hospital officials said.\n\nThe Israeli military said it had targeted Hamas militants.\n';
    expect(events(text)).toEqual(['Explosions/Remote violence/Air/drone strike a1=Israeli military a2=people place=Gaza Strip fat=25']);
  });

  it('takes the side a source blames for actor 1, drones destroyed in flight for disrupted weapons use', () => {
    expect(events('In the southern province of Abyan, two soldiers were killed when a roadside bomb struck their vehicle, a security official said, blaming al Qaeda militants.\n')[0]).toContain('a1=al Qaeda');
    expect(events('U.S. forces destroyed two Houthi drones over the Red Sea on Sunday.\n')[0]).toMatch(/^Strategic developments\/Disrupted weapons use a1=U\.S\. forces/);
    expect(events('Soldiers destroyed a weapons depot with drones near Amadiya on Sunday.\n')[0] ?? '').not.toContain('Disrupted weapons use');
  });

  it('ends a speaker\'s phrase at its article when a word before it belongs to the sentence', () => {
    const d = detectWithEvents('The ship was the latest in a series of attacks on shipping the group says is in solidarity with Gaza.\n', gazetteer, undefined);
    expect(d.attributions.map((a) => a.source?.text)).toEqual(['the group']);
  });

  it('takes the side "backed by" air strikes for who acted, and a group claiming responsibility by its name', () => {
    expect(events('Somali troops backed by US airstrikes killed more than 40 al-Shabaab fighters in the Middle Shabelle region on Monday.\n')).toEqual(['Battles/Armed clash a1=Somali troops a2=al-Shabaab place=Middle Shabelle fat=40']);
    const text = 'A car bomb exploded outside a restaurant in Mogadishu on Friday, killing at least 12 people.\n\nThe al-Shabaab militant group claimed responsibility for the attack.\n';
    expect(events(text)[0]).toContain('a1=al-Shabaab');
  });

  it('takes a country\'s named force for who acted ("by Sudan\'s paramilitary Rapid Support Forces")', () => {
    expect(events("Shelling by Sudan's paramilitary Rapid Support Forces killed at least 15 civilians in the city of El Obeid on Sunday.\n")).toEqual(['Explosions/Remote violence/Shelling/artillery/missile attack a1=Rapid Support Forces a2=civilians place=El Obeid fat=15']);
  });

  it('keeps an attack repelled in the fight that repelled it, its side the one repelled', () => {
    expect(events("Sudan's military said its forces had repelled an RSF attack on the town of Babanusa, killing scores of fighters.\n")).toEqual(['Battles/Armed clash a1=military a2=RSF place=Babanusa fat=20']);
  });

  it('counts one dead for a single expert or aide killed', () => {
    expect(events('A bomb-making expert was killed in a drone strike near Idlib on Monday, the group said.\n')[0]).toMatch(/fat=1$/);
  });

  it('takes a group named with its acronym in commas for who claims, and its motive for no date of the attack', () => {
    const d = detectWithEvents('Tehreek-e-Taliban Pakistan, or TTP, claimed responsibility, saying it was avenging a commander.\n', gazetteer, undefined);
    expect(d.attributions.map((a) => `${a.cue.text} ${a.source?.text} ${a.kind}`)).toEqual(['claimed Tehreek-e-Taliban Pakistan named', 'saying Tehreek-e-Taliban Pakistan named']);
    const text = 'Security forces killed three militants near Bannu on Tuesday, police said.\n\nThe group claimed the attack, saying it was avenging the killing of one of its commanders in a raid last month.\n';
    expect(events(text).join(' ')).not.toMatch(/2031-04|raid/);
    expect(detectWithEvents(text, gazetteer, '2031-05-20').events!.map((e) => e.date)).toEqual(['2031-05-20']);
  });

  it('finds the speaker after a clause ending in an acronym or a relative clause ("…, said Kinos Katuho")', () => {
    const sources = (text: string) => detectWithEvents(text, gazetteer, undefined).attributions.map((a) => a.source?.text);
    expect(sources('The raid was carried out by the rebels, a Ugandan group that has pledged allegiance to IS, said Kinos Katuho, a civil society leader.\n')).toEqual(['Kinos Katuho']);
    expect(sources('The raid was carried out by the group, which has pledged allegiance to the Islamic State, said Kinos Katuho.\n')).toEqual(['Kinos Katuho']);
  });

  it('reads "a group that has pledged allegiance" as a summary, and "an attack … was carried out by X" as X\'s', () => {
    expect(events('The rebels are a Ugandan group that has pledged allegiance to the Islamic State.\n')).toEqual([]);
    expect(events('An attack on the village of Mayikengo on Monday was carried out by the Allied Democratic Forces, a local official said.\n')[0]).toContain('a1=Allied Democratic Forces');
  });

  it('takes no country the strike happened in for who struck, and the second side of "between" past its modifiers', () => {
    expect(events("A drone strike in Ethiopia's Amhara region killed at least 30 people on Tuesday.\n")[0]).toContain('a1=- a2=people');
    expect(events('Clashes between Turkish-backed Syrian fighters and the U.S.-backed Syrian Democratic Forces near the town of Manbij killed at least 18 fighters on Saturday.\n')).toEqual(['Battles/Armed clash a1=Turkish-backed Syrian fighters a2=Syrian Democratic Forces place=Manbij fat=18']);
  });

  it('resolves "they" to the speaker across a day ("said on Wednesday they had …"), and "X accused of" to no cue', () => {
    const text = 'The rebels attacked a base on Monday.\n\nPolice in Cucuta said on Wednesday they had arrested a suspected commander accused of organizing the attack.\n';
    expect(events(text).find((e) => e.startsWith('Strategic developments/Arrests'))).toContain('a1=Police');
    expect(detectWithEvents(text, gazetteer, undefined).attributions.map((a) => a.cue.text)).toEqual(['said']);
    expect(detectWithEvents('He suspended talks with the group, which he accused of violating a ceasefire.\n', gazetteer, undefined).attributions.map((a) => a.cue.text)).toEqual(['accused']);
  });

  it('keeps the countries of a list after a preposition places, and takes a quoted party for one', () => {
    expect(mentions('Militants are active in the area where the borders of Niger, Mali and Burkina Faso meet.\n').filter((m) => /Mali|Burkina/.test(m))).toEqual(['PLACE Mali', 'PLACE Burkina Faso']);
    expect(events('A day earlier, soldiers killed 15 "terrorists" in an operation near the town of Ayorou, the army said.\n')[0]).toContain('a2=terrorists');
    expect(events('Security forces repelled "terrorist attacks" in Rakhine on Monday and killed many insurgents.\n')[0]).not.toContain('a2=terrorist ');
  });

  it('reads missiles launched as an attack by who launched them, and what air defenses downed as the other side\'s', () => {
    expect(events("Ukraine's military said Russian forces had launched 4 missiles and 61 drones overnight, and that air defenses had downed 52 of the drones.\n")).toEqual(['Explosions/Remote violence/Shelling/artillery/missile attack a1=Russian forces a2=- place=- fat=-']);
    expect(events('Air defenses downed 12 drones over the region overnight, the governor said.\n')[0]).toMatch(/^Strategic developments\/Disrupted weapons use/);
  });

  it('keeps "North-West region" one place, a toll of lives no claim, and a patrol that hit a mine its victim', () => {
    expect(mentions("Separatists killed four soldiers in Cameroon's restive North-West region.\n")).toContain('PLACE North-West');
    expect(mentions("Separatists killed four soldiers in Cameroon's Anglophone region.\n")).not.toContain('PLACE Anglophone');
    expect(detectWithEvents('The conflict has claimed more than 6,000 lives since 2017, according to the group.\n', gazetteer, undefined).attributions.map((a) => a.cue.text)).toEqual(['according to']);
    expect(events('A military patrol hit an improvised explosive device near the town of Kumbo on Sunday, killing two soldiers.\n')[0]).toMatch(/a1=- a2=(?:military|soldiers)/);
  });

  it('adds "killed three others" to the toll of the battle just told', () => {
    const text = 'Militants stormed a police station in Dera Ismail Khan on Tuesday, killing six police officers, officials said.\n\nTwo of the attackers blew themselves up, and security forces killed three others, a police official said.\n';
    expect(events(text)).toEqual(['Battles/Armed clash a1=Militants a2=police place=Dera Ismail Khan fat=9']);
  });

  it('places "in the capital" in the capital of the country the story is in', () => {
    const text = 'Protests\n\nPORT-AU-PRINCE, Haiti (AP) — Gangs are tightening their grip on the country, the U.N. said.\n\nIn the capital, hundreds of protesters took to the streets on Thursday to demand the resignation of the prime minister.\n';
    expect(events(text)).toEqual(['Protests/Peaceful protest a1=protesters a2=- place=PORT-AU-PRINCE fat=-']);
  });
});
