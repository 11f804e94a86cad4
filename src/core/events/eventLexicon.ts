/**
 * The words event detection reads: trigger verbs and nouns with their inflections, the multi-word phrases built
 * on them, weapons, and the nouns that say what kind of party an unnamed group is. Written from general English
 * and ACLED's codebook, never from particular articles. Everything is lower case; lookups are by exact word form.
 */

/** What a trigger says happened; the event type is decided from this plus its context. */
export type TriggerClass =
  | 'attack' // attack, assault, raid, storm, ambush: one side goes at another
  | 'fight' // clash, fight, battle, skirmish: symmetric fighting
  | 'kill' // kill, shoot dead, execute, massacre, open fire
  | 'seize' // seize, capture, overrun, take over: a place changes hands
  | 'retake' // retake, recapture, liberate, regain
  | 'air' // airstrike, air raid, drone strike
  | 'strike' // strike, struck: air strike unless a weapon says otherwise
  | 'hit' // hit: an event only when a weapon hits
  | 'shell' // shell, shelling, bombardment
  | 'explode' // explosion, blast, bomb, detonate, IED
  | 'suicide' // suicide bombing, suicide bomber
  | 'grenade'
  | 'chemical'
  | 'abduct' // abduct, kidnap, hostage
  | 'sexual'
  | 'arrest'
  | 'protest'
  | 'riot'
  | 'loot' // loot, torch, set fire, destroy
  | 'agree' // ceasefire, truce, deal, prisoner swap
  | 'allegiance' // pledge allegiance, merge, defect, declare a caliphate
  | 'withdraw' // withdraw, pull out, hand over, annex
  | 'base' // set up a base or headquarters
  | 'intercept' // shoot down, intercept, defuse
  | 'coup'
  | 'display' // an armed parade, a show of force
  | 'siege'
  | 'anaphor'; // carnage, onslaught: only ever refers back to an event already reported

export type Tense = 'base' | 'present' | 'past' | 'participle' | 'pastOrParticiple' | 'gerund' | 'noun' | 'plural';

export interface TriggerForm {
  cls: TriggerClass;
  tense: Tense;
  lemma: string;
}

/** A verb: lemma and, for irregular verbs, [3sg, past, past participle, gerund]. */
type VerbRow = [lemma: string, cls: TriggerClass, forms?: [string, string, string, string]];

const VERBS: VerbRow[] = [
  ['attack', 'attack'], ['assault', 'attack'], ['raid', 'attack'], ['storm', 'attack'], ['ambush', 'attack', ['ambushes', 'ambushed', 'ambushed', 'ambushing']],
['besiege', 'siege', ['besieges', 'besieged', 'besieged', 'besieging']],
  ['clash', 'fight', ['clashes', 'clashed', 'clashed', 'clashing']], ['fight', 'fight', ['fights', 'fought', 'fought', 'fighting']],
  ['battle', 'fight', ['battles', 'battled', 'battled', 'battling']], ['skirmish', 'fight', ['skirmishes', 'skirmished', 'skirmished', 'skirmishing']],
  ['repel', 'fight', ['repels', 'repelled', 'repelled', 'repelling']], ['repulse', 'fight', ['repulses', 'repulsed', 'repulsed', 'repulsing']],
  ['kill', 'kill'], ['slay', 'kill', ['slays', 'slew', 'slain', 'slaying']], ['massacre', 'kill', ['massacres', 'massacred', 'massacred', 'massacring']],
  ['execute', 'kill', ['executes', 'executed', 'executed', 'executing']], ['behead', 'kill'], ['murder', 'kill'], ['lynch', 'kill', ['lynches', 'lynched', 'lynched', 'lynching']],
  ['assassinate', 'kill', ['assassinates', 'assassinated', 'assassinated', 'assassinating']], ['die', 'kill', ['dies', 'died', 'died', 'dying']],
  ['seize', 'seize', ['seizes', 'seized', 'seized', 'seizing']], ['capture', 'seize', ['captures', 'captured', 'captured', 'capturing']],
  ['overrun', 'seize', ['overruns', 'overran', 'overrun', 'overrunning']], ['overtake', 'seize', ['overtakes', 'overtook', 'overtaken', 'overtaking']],
  ['occupy', 'seize', ['occupies', 'occupied', 'occupied', 'occupying']], ['annex', 'withdraw', ['annexes', 'annexed', 'annexed', 'annexing']],
  ['retake', 'retake', ['retakes', 'retook', 'retaken', 'retaking']], ['recapture', 'retake', ['recaptures', 'recaptured', 'recaptured', 'recapturing']],
  ['regain', 'retake'], ['liberate', 'retake', ['liberates', 'liberated', 'liberated', 'liberating']], ['reclaim', 'retake'],
  ['shell', 'shell'], ['bombard', 'shell'], ['pound', 'shell'],
  ['bomb', 'explode'], ['detonate', 'explode', ['detonates', 'detonated', 'detonated', 'detonating']], ['explode', 'explode', ['explodes', 'exploded', 'exploded', 'exploding']],
  ['strike', 'strike', ['strikes', 'struck', 'struck', 'striking']], ['hit', 'hit', ['hits', 'hit', 'hit', 'hitting']],
  ['abduct', 'abduct'], ['kidnap', 'abduct', ['kidnaps', 'kidnapped', 'kidnapped', 'kidnapping']],
  ['rape', 'sexual', ['rapes', 'raped', 'raped', 'raping']],
  ['arrest', 'arrest'], ['detain', 'arrest'], ['apprehend', 'arrest'],
  ['protest', 'protest'], ['demonstrate', 'protest', ['demonstrates', 'demonstrated', 'demonstrated', 'demonstrating']], ['rally', 'protest', ['rallies', 'rallied', 'rallied', 'rallying']],
  ['march', 'protest', ['marches', 'marched', 'marched', 'marching']], ['riot', 'riot'],
  ['loot', 'loot'], ['torch', 'loot', ['torches', 'torched', 'torched', 'torching']], ['burn', 'loot', ['burns', 'burned', 'burned', 'burning']],
  ['destroy', 'loot'], ['demolish', 'loot', ['demolishes', 'demolished', 'demolished', 'demolishing']], ['ransack', 'loot'], ['vandalise', 'loot', ['vandalises', 'vandalised', 'vandalised', 'vandalising']],
  ['vandalize', 'loot', ['vandalizes', 'vandalized', 'vandalized', 'vandalizing']], ['pillage', 'loot', ['pillages', 'pillaged', 'pillaged', 'pillaging']],
  ['withdraw', 'withdraw', ['withdraws', 'withdrew', 'withdrawn', 'withdrawing']], ['retreat', 'withdraw'], ['abandon', 'withdraw'],
  ['target', 'attack'], ['beat', 'attack', ['beats', 'beat', 'beaten', 'beating']], ['torture', 'attack', ['tortures', 'tortured', 'tortured', 'torturing']], ['shoot', 'attack', ['shoots', 'shot', 'shot', 'shooting']],
  ['flog', 'attack', ['flogs', 'flogged', 'flogged', 'flogging']], ['parade', 'display', ['parades', 'paraded', 'paraded', 'parading']],
  ['intercept', 'intercept'], ['defuse', 'intercept', ['defuses', 'defused', 'defused', 'defusing']], ['down', 'intercept', ['downs', 'downed', 'downed', 'downing']],
  ['merge', 'allegiance', ['merges', 'merged', 'merged', 'merging']], ['defect', 'allegiance'],
];

/** Nouns: [forms..., class]. Plurals are listed as written; the tense of the first form is 'noun', the rest 'plural'. */
type NounRow = [singular: string, plural: string | undefined, cls: TriggerClass];

const NOUNS: NounRow[] = [
  ['attack', 'attacks', 'attack'], ['assault', 'assaults', 'attack'], ['raid', 'raids', 'attack'], ['ambush', 'ambushes', 'attack'], ['incursion', 'incursions', 'attack'],
  ['offensive', undefined, 'attack'],
  ['clash', 'clashes', 'fight'], ['fighting', undefined, 'fight'], ['battle', 'battles', 'fight'], ['firefight', 'firefights', 'fight'], ['gunfight', 'gunfights', 'fight'],
  ['skirmish', 'skirmishes', 'fight'], ['standoff', 'standoffs', 'fight'], ['gunbattle', 'gunbattles', 'fight'],
  ['massacre', 'massacres', 'kill'], ['killing', 'killings', 'kill'], ['execution', 'executions', 'kill'], ['beheading', 'beheadings', 'kill'],
  ['assassination', 'assassinations', 'kill'], ['slaying', 'slayings', 'kill'], ['shooting', 'shootings', 'kill'], ['gunfire', undefined, 'kill'],
  ['atrocity', 'atrocities', 'kill'], ['lynching', 'lynchings', 'kill'],
  ['capture', undefined, 'seize'], ['seizure', undefined, 'seize'], ['takeover', undefined, 'seize'], ['fall', undefined, 'seize'],
  ['recapture', undefined, 'retake'], ['liberation', undefined, 'retake'],
  ['airstrike', 'airstrikes', 'air'], ['air-strike', 'air-strikes', 'air'], ['strike', 'strikes', 'strike'],
  ['shelling', undefined, 'shell'], ['bombardment', 'bombardments', 'shell'], ['barrage', 'barrages', 'shell'],
  ['explosion', 'explosions', 'explode'], ['blast', 'blasts', 'explode'], ['bombing', 'bombings', 'explode'], ['bomb', 'bombs', 'explode'],
  ['ied', 'ieds', 'explode'], ['landmine', 'landmines', 'explode'], ['detonation', 'detonations', 'explode'],
  ['abduction', 'abductions', 'abduct'], ['kidnapping', 'kidnappings', 'abduct'], ['hostage', 'hostages', 'abduct'], ['hostage-taking', undefined, 'abduct'],
  ['rape', 'rapes', 'sexual'],
  ['arrest', 'arrests', 'arrest'], ['detention', 'detentions', 'arrest'],
  ['protest', 'protests', 'protest'], ['demonstration', 'demonstrations', 'protest'], ['rally', 'rallies', 'protest'], ['sit-in', 'sit-ins', 'protest'],
  ['march', undefined, 'protest'], ['riot', 'riots', 'riot'], ['rioting', undefined, 'riot'], ['uprising', 'uprisings', 'protest'],
  ['looting', undefined, 'loot'], ['arson', undefined, 'loot'],
  ['ceasefire', 'ceasefires', 'agree'], ['cease-fire', 'cease-fires', 'agree'], ['truce', 'truces', 'agree'], ['armistice', undefined, 'agree'],
  ['withdrawal', 'withdrawals', 'withdraw'], ['pullout', 'pullouts', 'withdraw'], ['pull-out', 'pull-outs', 'withdraw'], ['handover', undefined, 'withdraw'],
  ['annexation', undefined, 'withdraw'], ['retreat', undefined, 'withdraw'],
  ['coup', 'coups', 'coup'], ['putsch', undefined, 'coup'], ['mutiny', undefined, 'coup'],
  ['merger', undefined, 'allegiance'], ['defection', 'defections', 'allegiance'], ['parade', 'parades', 'display'],
  ['siege', 'sieges', 'siege'], ['blockade', undefined, 'siege'],
  ['carnage', undefined, 'anaphor'], ['onslaught', undefined, 'anaphor'], ['bloodshed', undefined, 'anaphor'], ['bodies', undefined, 'anaphor'], ['corpses', undefined, 'anaphor'],
];

function regularForms(lemma: string): [string, string, string, string] {
  const e = lemma.endsWith('e');
  const s = /(?:s|sh|ch|x|z)$/.test(lemma) ? `${lemma}es` : /[^aeiou]y$/.test(lemma) ? `${lemma.slice(0, -1)}ies` : `${lemma}s`;
  const ed = e ? `${lemma}d` : /[^aeiou]y$/.test(lemma) ? `${lemma.slice(0, -1)}ied` : `${lemma}ed`;
  const ing = e && !lemma.endsWith('ee') ? `${lemma.slice(0, -1)}ing` : `${lemma}ing`;
  return [s, ed, ed, ing];
}

function buildForms(): Map<string, TriggerForm[]> {
  const out = new Map<string, TriggerForm[]>();
  const add = (w: string, f: TriggerForm): void => {
    const list = out.get(w);
    if (!list) out.set(w, [f]);
    else if (!list.some((x) => x.cls === f.cls && x.tense === f.tense)) list.push(f);
  };
  for (const [lemma, cls, irregular] of VERBS) {
    const [s, past, pp, ing] = irregular ?? regularForms(lemma);
    add(lemma, { cls, tense: 'base', lemma });
    add(s, { cls, tense: 'present', lemma });
    if (past === pp) add(past, { cls, tense: 'pastOrParticiple', lemma });
    else {
      add(past, { cls, tense: 'past', lemma });
      add(pp, { cls, tense: 'participle', lemma });
    }
    add(ing, { cls, tense: 'gerund', lemma });
  }
  for (const [singular, plural, cls] of NOUNS) {
    add(singular, { cls, tense: 'noun', lemma: singular });
    if (plural) add(plural, { cls, tense: 'plural', lemma: singular });
  }
  // "targets" and "target" are nouns far more often than verbs ("Houthi targets"); only "targeted", "targeting" count
  out.delete('target');
  out.delete('targets');
  return out;
}

/** Every trigger word form → its readings (a word can be a verb and a noun: "attack", "raid"). */
export const TRIGGER_FORMS: ReadonlyMap<string, readonly TriggerForm[]> = buildForms();

/**
 * Multi-word triggers: a head word followed, within `within` words, by one of `next`. They win over the head
 * word's own reading ("took over", "opened fire", "set fire", "shot down"). Heads are word forms.
 */
export interface PhraseRule {
  heads: ReadonlySet<string>;
  next: ReadonlySet<string>;
  within: number;
  cls: TriggerClass;
  /** The phrase only counts when this word follows `next` ("fell to", "took control of"). */
  then?: ReadonlySet<string>;
}

const set = (s: string): ReadonlySet<string> => new Set(s.trim().split(/\s+/));
const verbForms = (lemma: string, irregular?: string): string => `${lemma} ${irregular ?? regularForms(lemma).join(' ')}`;

export const PHRASES: readonly PhraseRule[] = [
  { heads: set(verbForms('take', 'takes took taken taking')), next: set('over control'), within: 3, cls: 'seize' },
  { heads: set(verbForms('seize', 'seizes seized seized seizing') + ' ' + verbForms('wrest', 'wrests wrested wrested wresting') + ' ' + verbForms('gain')), next: set('control'), within: 2, cls: 'seize' },
  { heads: set(verbForms('fall', 'falls fell fallen falling')), next: set('to into'), within: 1, cls: 'seize' },
  { heads: set(verbForms('push', 'pushes pushed pushed pushing') + ' ' + verbForms('drive', 'drives drove driven driving')), next: set('out back'), within: 4, cls: 'seize' },
  { heads: set(verbForms('push', 'pushes pushed pushed pushing') + ' ' + verbForms('advance', 'advances advanced advanced advancing') + ' ' + verbForms('sweep', 'sweeps swept swept sweeping') + ' ' + verbForms('storm', 'storms stormed stormed storming')),
    next: set('into'), within: 2, cls: 'attack' },
  { heads: set(verbForms('win', 'wins won won winning')), next: set('back'), within: 3, cls: 'retake' },
  { heads: set(verbForms('open', 'opens opened opened opening')), next: set('fire'), within: 1, cls: 'kill' },
  { heads: set(verbForms('fire', 'fires fired fired firing')), next: set('on at upon into'), within: 3, cls: 'attack' },
  // "Russian forces had launched 4 missiles and 61 drones overnight"
  { heads: set(verbForms('launch', 'launches launched launched launching')), next: set('missiles missile rockets rocket drones drone projectiles'), within: 3, cls: 'attack' },
  // "a patrol came under fire": the subject is what was attacked (see assignRoles)
  { heads: set(verbForms('come', 'comes came come coming')), next: set('under'), within: 1, then: set('fire attack attacks assault gunfire shelling bombardment'), cls: 'attack' },
  { heads: set(verbForms('throw', 'throws threw thrown throwing') + ' ' + verbForms('hurl', 'hurls hurled hurled hurling') + ' ' + verbForms('lob', 'lobs lobbed lobbed lobbing') + ' ' + verbForms('toss', 'tosses tossed tossed tossing')),
    next: set('grenade grenades'), within: 3, cls: 'grenade' },
  { heads: set('grenade grenades'), next: set('attack attacks blast explosion explosions exploded'), within: 1, cls: 'grenade' },
  { heads: set(verbForms('shoot', 'shoots shot shot shooting')), next: set('dead'), within: 3, cls: 'kill' },
  { heads: set(verbForms('gun', 'guns gunned gunned gunning') + ' ' + verbForms('mow', 'mows mowed mown mowing')), next: set('down'), within: 3, cls: 'kill' },
  { heads: set(verbForms('shoot', 'shoots shot shot shooting')), next: set('down'), within: 3, cls: 'intercept' },
  { heads: set(verbForms('set', 'sets set set setting')), next: set('fire ablaze alight'), within: 2, cls: 'loot' },
  { heads: set(verbForms('blow', 'blows blew blown blowing')), next: set('up'), within: 3, cls: 'explode' },
  { heads: set(verbForms('go', 'goes went gone going')), next: set('off'), within: 1, cls: 'explode' },
  { heads: set(verbForms('pull', 'pulls pulled pulled pulling')), next: set('out back'), within: 1, cls: 'withdraw' },
  { heads: set(verbForms('hand', 'hands handed handed handing')), next: set('over'), within: 3, cls: 'withdraw' },
  { heads: set(verbForms('exchange', 'exchanges exchanged exchanged exchanging') + ' ' + verbForms('trade', 'trades traded traded trading')), next: set('fire'), within: 1, cls: 'fight' },
  { heads: set(verbForms('face', 'faces faced faced facing')), next: set('off'), within: 1, cls: 'fight' },
  { heads: set(verbForms('break', 'breaks broke broken breaking')), next: set('siege sieges blockade'), within: 2, cls: 'fight' },
  { heads: set(verbForms('lay', 'lays laid laid laying')), next: set('siege'), within: 1, cls: 'siege' },
  { heads: set(verbForms('pledge', 'pledges pledged pledged pledging') + ' ' + verbForms('swear', 'swears swore sworn swearing')), next: set('allegiance loyalty'), within: 2, cls: 'allegiance' },
  { heads: set('oath'), next: set('loyalty allegiance'), within: 2, cls: 'allegiance' },
  { heads: set(verbForms('seize', 'seizes seized seized seizing') + ' ' + verbForms('take', 'takes took taken taking') + ' ' + verbForms('grab')), next: set('power'), within: 1, cls: 'coup' },
  { heads: set(verbForms('set', 'sets set set setting') + ' ' + verbForms('establish', 'establishes established established establishing')), next: set('base bases headquarters camp outpost office center centre command'), within: 4, cls: 'base' },
  { heads: set(verbForms('sign', 'signs signed signed signing') + ' ' + verbForms('agree', 'agrees agreed agreed agreeing') + ' ' + verbForms('reach', 'reaches reached reached reaching') + ' ' + verbForms('broker')),
    next: set('deal agreement accord ceasefire cease-fire truce armistice treaty pact'), within: 5, cls: 'agree' },
  { heads: set('prisoner prisoners'), next: set('swap swaps exchange exchanges release'), within: 1, cls: 'agree' },
  // "Ukraine and Russia exchanged 75 prisoners each"
  { heads: set(verbForms('exchange', 'exchanges exchanged exchanged exchanging') + ' ' + verbForms('swap', 'swaps swapped swapped swapping')), next: set('prisoners prisoner detainees captives pows hostages bodies'), within: 4, cls: 'agree' },
  { heads: set('peace'), next: set('deal agreement accord'), within: 1, cls: 'agree' },
  { heads: set(verbForms('take', 'takes took taken taking')), next: set('hostage hostages captive prisoner'), within: 3, cls: 'abduct' },
  // "hundreds of protesters took to the streets"
  { heads: set(verbForms('take', 'takes took taken taking')), next: set('streets'), within: 3, cls: 'protest' },
  { heads: set(verbForms('declare', 'declares declared declared declaring') + ' ' + verbForms('proclaim') + ' ' + verbForms('pronounce', 'pronounces pronounced pronounced pronouncing') + ' ' + verbForms('announce', 'announces announced announced announcing')),
    next: set('caliphate emirate'), within: 5, cls: 'allegiance' },
];

/** Words that make a nearby trigger one of the remote-violence sub-types. Multi-word ones by their last word. */
export type Weapon = 'air' | 'shell' | 'ied' | 'suicide' | 'grenade' | 'chemical';

export const WEAPONS: ReadonlyMap<string, Weapon> = new Map<string, Weapon>([
  ...[...set('drone drones airstrike airstrikes warplane warplanes jet jets aircraft helicopter helicopters gunship gunships plane planes bomber bombers aerial air-strike air-strikes')].map((w) => [w, 'air'] as [string, Weapon]),
  ...[...set('artillery mortar mortars rocket rockets missile missiles shell shells shelling howitzer howitzers tank tanks katyusha grad cannon')].map((w) => [w, 'shell'] as [string, Weapon]),
  ...[...set('ied ieds bomb bombs landmine landmines mine mines explosive explosives roadside booby-trap booby-trapped car-bomb')].map((w) => [w, 'ied'] as [string, Weapon]),
  ...[...set('suicide')].map((w) => [w, 'suicide'] as [string, Weapon]),
  ...[...set('grenade grenades')].map((w) => [w, 'grenade'] as [string, Weapon]),
  ...[...set('chemical chlorine sarin mustard toxic poison nerve')].map((w) => [w, 'chemical'] as [string, Weapon]),
]);

/** Two-word weapons whose first word alone means something else ("air force", "air raid"). */
export const WEAPON_PAIRS: ReadonlyMap<string, Weapon> = new Map<string, Weapon>([
  ['air force', 'air'], ['air forces', 'air'], ['air raid', 'air'], ['air raids', 'air'], ['air strike', 'air'], ['air strikes', 'air'],
  ['fighter jets', 'air'], ['car bomb', 'ied'], ['truck bomb', 'ied'], ['roadside bomb', 'ied'], ['explosive device', 'ied'],
  ['gas attack', 'chemical'], ['hand grenade', 'grenade'],
]);

/** Heads of unnamed groups, by the kind of party they usually are. */
export const STATE_NOUNS = set(`
  army armies troops soldier soldiers police policemen police-officers officers gendarmes gendarmerie military forces force
  marines navy guards guardsmen commandos paratroopers servicemen personnel government authorities regime units unit
  defences defenses peacekeepers junta
`);
export const NONSTATE_NOUNS = set(`
  militants militant rebels rebel insurgents insurgent gunmen gunman jihadists jihadist extremists extremist terrorists terrorist
  fighters fighter militia militias militiamen bandits bandit separatists separatist attackers attacker assailants assailant
  guerrillas guerrilla bombers bomber gang gangs gangsters raiders kidnappers abductors paramilitaries paramilitary mercenaries
  insurgency dissidents clans clan clansmen tribesmen vigilantes settlers
`);
/** Unarmed victims. */
export const CIVILIAN_PERSONS = set(`
  civilians civilian people villagers residents worshippers worshipers passengers students pupils children women families
  family journalists journalist reporters aid workers staff doctors doctor nurses patients farmers herders traders shoppers
  mourners guests tourists pilgrims displaced refugees man men woman boy boys girl girls teacher teachers elderly
  missionary couple wife husband official officials volunteers crowd congregation national nationals foreigner foreigners
  hostage hostages correspondent correspondents photographer photographers activist activists engineer engineers priest priests
`);
/** Civilian places and things attacked. */
export const CIVILIAN_OBJECTS = set(`
  market marketplace mosque church school schools hospital hospitals clinic hotel restaurant cafe wedding ceremony funeral
  bus buses convoy homes houses house village villages camp camps shop shops office offices
`);
export const CIVILIAN_NOUNS: ReadonlySet<string> = new Set([...CIVILIAN_PERSONS, ...CIVILIAN_OBJECTS]);
/** Targets that make an attack a battle: an armed side's positions. */
export const MILITARY_TARGETS = set(`
  checkpoint checkpoints base bases post posts outpost outposts barracks garrison positions position headquarters
  patrol patrols station airbase frontline front army police troops soldiers
`);
/** Objects a territorial verb takes when a place changes hands. */
export const TERRITORY_NOUNS = set(`
  town towns city cities village villages district districts area areas region province territory ground crossing
  border capital neighbourhood neighborhood suburb suburbs outskirts hills hill airport strongholds stronghold
  kilometres kilometers miles square
`);
/** Objects that rule out a place-taking reading of seize/capture/take. */
export const NON_TERRITORY_OBJECTS = set(`
  weapons weaponry arms ammunition equipment vehicles cars trucks material materials power documents money cash oil
  fuel goods phones food hostages hostage control
`);

/** Crowds that are a party to an event: ACLED's protesters and rioters. */
export const CROWD_PARTIES = set('protesters protestors demonstrators rioters mob mobs marchers');
/** Crowd words that make protest verbs a demonstration rather than a diplomatic complaint. */
export const CROWD_NOUNS = set(`
  protesters protestors demonstrators residents people students workers crowds crowd thousands hundreds dozens
  supporters women youths villagers activists families citizens farmers traders marchers
`);
/** Cues that turn a protest into one with intervention, or excessive force. */
export const INTERVENTION_CUES = set(`dispersed disperse tear teargas water-cannon arrested detained beat beaten baton batons rubber`);
export const FORCE_CUES = set(`killed killing shot live ammunition dead died`);

/** Words before a trigger that make it unreal: negation, modality, future, plans, threats. */
export const NEGATIONS = set(`not no never n't nor without denied deny denies failed fail fails`);
export const MODALS = set(`will would could might may should shall must can cannot`);
/** Verbs whose "to"-complement is not an event ("vowed to retake", "plans to attack"). */
export const INTENT_VERBS = set(`
  vow vowed vows plan planned plans planning threaten threatened threatens threatening promise promised promises
  pledge pledged pledges warn warned warns aim aimed aims seek sought seeks try tried tries trying attempt attempted
  attempts intend intended intends prepare prepared prepares preparing want wanted wants hope hoped hopes expect
  expected expects ready poised set decide decided agreed agree urged urge called call demanded demand demanding
  order ordered orders asked ask sought push pushing
`);
/** Words that make a report a generality or an ongoing state rather than one event. */
export const GENERIC_CUES = set(`often regularly frequently routinely usually repeatedly repeated series wave waves campaign continue continues continuing
  persist persists increasingly ongoing rarely seldom sometimes periodically`);
/** Subordinators after which a nominal trigger is background to the main event. */
export const BACKGROUND_PREPOSITIONS = set(`after following before since amid during despite`);

/** Definite determiners that make a nominal trigger refer back ("the attack", "that onslaught"). */
export const ANAPHORIC_DETERMINERS = set(`the that this these those such its their his her`);
/** Words that make a definite nominal a new event after all ("the deadliest attack", "a similar siege"). */
export const NEW_EVENT_MARKERS = set(`deadliest worst biggest largest another similar second third separate fresh new previous latest`);
