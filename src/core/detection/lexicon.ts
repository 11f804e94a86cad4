/**
 * Closed word classes the detection rules rely on. These are generic English and news-genre words, never names
 * of particular actors or places: names come from the gazetteer or are found by pattern.
 */

const set = (words: string): ReadonlySet<string> => new Set(words.trim().split(/\s+/));

/** Person titles and roles that precede a name ("President", "Gen.", "spokesman", "Grand Ayatollah"). Lower case. */
export const TITLES = set(`
  president vice prime minister pm premier chancellor gen general col colonel lt lieutenant maj major brig brigadier
  capt captain sgt sergeant cpl corporal adm admiral marshal commander commandant mr mrs ms dr prof professor
  senator sen rep representative congressman congresswoman lawmaker mp secretary spokesman spokeswoman
  spokesperson director cleric ayatollah grand sheikh sheik shaykh imam mullah mufti mayor governor envoy
  ambassador king queen prince princess emir sultan chief leader official adviser advisor researcher analyst
  chairman chairwoman chair deputy judge prosecutor pope bishop archbishop patriarch founder coordinator
  correspondent reporter journalist activist warlord militant rebel coach pastor father sister brother
  minister-president foreign defence defense interior
  commissioner secretary-general under-secretary undersecretary rapporteur administrator attorney attorney-general
  inspector superintendent magistrate speaker lawyer economist scholar historian author writer editor photographer
  producer witness survivor farmer student teacher nurse surgeon medic pilot engineer villager elder chieftain
  tribesman officer pvt wife husband son daughter mother uncle aunt cousin nephew niece grandson granddaughter
  grandfather grandmother widow friend colleague cardinal rabbi mawlawi maulvi sheikha crown lieutenant-general
  major-general brigadier-general vice-president deputy-governor governor-general vice-chairman co-founder
  ceo chief-of-staff
`);

/** Facility heads: a capitalised one ends ("Palm Tree Cafe", "Grand Mosque") or opens ("Hotel Meridian") a place name. */
export const FACILITY_HEADS = set(`
  Hotel Cafe Café Restaurant Mosque Church Cathedral Shrine Temple Synagogue Monastery Market Bazaar Square Bridge
  Stadium Airport Airbase Airfield Base Camp Prison Palace Checkpoint Crossing Dam Refinery Street Road Avenue
  Highway Boulevard Mall Station Port Harbour Harbor Terminal
`);

/** Natural-feature heads that belong to a place name when capitalised ("Tigris River", "Lake Chad", "Mount Sinjar"). */
export const FEATURE_HEADS = set(`
  River Sea Lake Mountains Mountain Mount Mt Valley Desert Gulf Bay Strait Canal Peninsula Island Islands Plain Plains
  Plateau Heights Hills Hill Basin Delta Oasis Coast Forest Range Falls Creek Wadi Jebel Jabal
`);

/** Adjectives that make a facility head a name by themselves ("Grand Mosque", "Central Market", "Old City"). */
export const FACILITY_ADJECTIVES = set(`Grand Great Central Old New Main Holy Big Upper Lower Red Green Blue White Black Royal`);

/** Capitalised words that end a title when followed by "of" ("Secretary of State John Kerry"). */
export const TITLE_OF_OBJECTS = set(`State Defense Defence Interior Foreign Justice Health Homeland Staff`);

/** Particles inside Arabic and other personal names. Lower case. */
export const NAME_PARTICLES = set(`al el bin ibn bint ben abu abd abdel abdul abdal ag ould de da di du van von der le la dos das`);

/** Name-initial particles that mark a personal name (Abu Leyla, Abdel Rahman, bin Laden). Lower case. */
export const PERSON_MARKERS = set(`bin ibn bint abu abd abdel abdul abdal ag ould`);

/** Last words of organisation names. Title case as written. */
export const ORG_HEADS = set(`
  Front Army Brigade Brigades Battalion Battalions Regiment Division Corps Party Forces Force Movement Council
  Ministry Department Observatory Committee Commission Group Organisation Organization Union Alliance Coalition
  League Association Federation Agency Office Bureau Service Services Center Centre Institute Foundation Watch
  International Mission Authority Command Staff Guard Guards Police Militia Court Parliament Assembly Congress
  Senate Cabinet Government Administration Nations Times Post Press News Journal Television Radio Network
  Company Bank University Fund Programme Program Brotherhood Jihad Emirate Caliphate Crescent House Tribunal
  Directorate Gendarmerie Navy Legion Squad Unit Units Cell Cells Commandos Network Society Initiative
`);

/** Plural or collective nouns for groups of people in a conflict. Lower case. */
export const GROUP_NOUNS = set(`
  troops forces army armies police militants rebels fighters insurgents militia militias militiamen
  jihadists extremists soldiers tribesmen gunmen guards mercenaries protesters protestors demonstrators
  civilians government faction factions coalition paramilitaries separatists loyalists guerrillas guerrillas
  commandos volunteers combatants regime settlers
`);

/** Two-word group nouns: the second word after the first. */
export const GROUP_NOUN_PAIRS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['security', set('forces')],
  ['air', set('force forces')],
  ['armed', set('groups forces men')],
  ['army', set('forces troops units')],
  ['military', set('forces units')],
  ['police', set('forces officers')],
  ['ground', set('forces troops')],
]);

/** Lower-case modifiers that make a group noun a descriptive actor ("security forces", "pro-government forces"). */
export const INSTITUTIONAL_MODIFIERS = set(`security government border rebel opposition regime paramilitary coalition state federal`);

/** Group nouns that need a capitalised modifier: a bare institutional modifier is too vague ("rebel government"). */
export const WEAK_GROUP_NOUNS = set(`government regime coalition faction factions force`);

/** Nouns after a place name that are not part of it ("Balad airbase", "Deir Ezzor province"). Lower case. */
export const PLACE_TYPES_AFTER = set(`
  province provinces governorate governorates region regions district districts oblast oblasts territory
  county prefecture municipality airbase airport airfield airstrip crossing gate base camp valley river
  neighbourhood neighborhood refinery dam corridor highway road state commune department township area
  raion rayon woreda kebele zone wilaya canton sector locality settlement quarter suburb village town
`);

/** Nouns before "of X" that make X a place ("the town of Mellit", "the suburb of Hawija"). Lower case. */
export const PLACE_TYPES_BEFORE = set(`
  town city village province district region suburb slum capital governorate neighbourhood neighborhood port
  county municipality camp enclave island valley oasis stronghold outskirts border frontier area quarter hamlet
  settlement locality township hub towns cities villages provinces districts regions suburbs neighbourhoods
  neighborhoods capitals enclaves islands governorates states counties areas
`);

/** Nouns of people and bodies that a place type can modify ("a district administrator", "a village elder"). */
export const ROLE_AFTER_PLACE_TYPE = set(`administrator administrators official officials chief chiefs head heads leader leaders elder elders
  council councillor councilor councillors commissioner governor spokesman spokeswoman spokesperson commander mayor
  resident residents authority authorities officer officers representative director secretary coordinator judge
  prosecutor chairman chairwoman member members police administration lawmaker legislator`);

/** Adjectives allowed between a place name and its type ("al-Kathib naval base", "Qaim border crossing"). */
export const PLACE_TYPE_ADJECTIVES = set(`naval air military border refugee displacement international main`);

/** Prepositions after which a capitalised name is read as a place. Lower case. */
export const PLACE_PREPOSITIONS = set(`in near at from to toward towards into outside around between across inside through throughout`);

/** Capitalised words that never start or belong to a name. */
export const CAPITALISED_STOPWORDS = set(`
  The A An In On At By For From To Of With Without Into Over Under After Before Since During Despite Through
  But And Or Nor So Yet If As When While Once Until Unless Although Though Because Whether Where What Who Whom
  Whose Which Why How This That These Those It Its He His She Her They Their Them We Our Us I My Me You Your
  There Here Some Many Most Much More Few Several All Both Each Every Either Neither Other Another Such No
  Not Even Only Also Just Still Already Meanwhile Separately However Instead Moreover Furthermore Indeed
  According Speaking Using Asked Later Earlier Then Now Today Yesterday Tomorrow Tonight Monday Tuesday
  Wednesday Thursday Friday Saturday Sunday January February March April May June July August September
  October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec One Two Three Four Five Six
  Seven Eight Nine Ten Dozens Hundreds Thousands Note Post Comment Comments Update Video Watch Photo Read
  Sounds Like Unlike Let Please Yes Oh Hot Any None Nobody Everyone Everybody Anyone Anybody Someone Somebody
  Something Nothing Everything Anything Whatever Whoever Among Amid Amongst Against Along Across Beyond Toward
  Towards Within Upon Via Besides Thus Hence Therefore Nevertheless Nonetheless Otherwise Perhaps Maybe Never
  Always Often Sometimes Almost Nearly
`);

/** Words after which a capitalised name is not a place even after a preposition. */
export const NON_PLACE_NAMES = set(`
  Twitter Telegram Facebook Instagram YouTube WhatsApp TikTok X Internet God Allah English Arabic French
  Russian Ukrainian Persian Kurdish Spanish Islam Christianity Christmas Ramadan Eid Easter
`);

export const MONTHS_AND_DAYS = set(`
  Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August
  September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
`);

/** Auxiliaries and adverbs used by the country-as-actor test ("Iran is directing", "Iran has also deployed"). */
export const AUXILIARIES = set(`is are was were has have had will would can could may might must should shall did does do`);
export const SUBJECT_ADVERBS = set(`also both still already not now never reportedly secretly allegedly later then further again`);

/** Words between a subject and a reporting verb ("Hadi Salameh also said"). */
export const CUE_ADVERBS = set(`also later earlier previously again repeatedly has have had then separately further`);

/** Source heads that make a source anonymous unless a named person is in it. Lower case. */
export const ANONYMOUS_HEADS = set(`
  official officials source sources diplomat diplomats activist activists resident residents witness witnesses
  worker workers medic medics doctor doctors someone somebody man woman men women people person politician
  politicians authorities member members analyst analysts observer observers expert experts
  commander commanders officer officers soldier soldiers fighter fighters jihadist jihadists militant militants
  insiders insider aide aides spokesman spokeswoman spokesperson employee employees staff colleague
  colleagues neighbour neighbours neighbor neighbors relative relatives survivor survivors villager villagers
  mayor governor newspaper agency media reports report statement leader leaders elder elders cleric clerics
`);

/** Phrases that mark a source as explicitly anonymous. */
export const ANONYMITY_MARKERS: readonly RegExp[] = [
  /condition of anonymity/i,
  /declined to be (?:identified|named)/i,
  /not authori[sz]ed to (?:speak|talk|brief|comment)/i,
  /asking not to be (?:named|identified)/i,
  /requested anonymity|spoke anonymously|on background/i,
];

export const PRONOUNS = set(`he she they He She They`);

// Movement names joined by an Urdu/Persian linker ("Lashkar-e-Taiba", "Hizb-ut-Tahrir", "Jamaat-ul-Ahrar"), known
// by their first word: persons ("Zia-ul-Haq") and places ("Mazar-i-Sharif") are spelled the same way.
export const LINKED_MOVEMENT_NAME = /^(?:jamaat|jamat|jamiat|harkat|hizb|ansar|jund|lashkar|jaish|tehreek|tehrik|tahrik|sipah|majlis|ittehad|ittihad|tanzeem|anjuman|ahl|markaz|imarat|ulema|ulama)[-‐](?:e|i|ut|ul|ud|un|us|ush|ur|al)[-‐]\p{Lu}/iu;
