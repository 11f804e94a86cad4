/**
 * Reporting-verb lexicon for attribution cues. The lemmas are the attribution cues of the PARC 3.0 corpus
 * guidelines and the communication and attitude classes of VerbNet (say-37.7, tell-37.2, talk-37.5,
 * manner_speaking-37.3, complain-37.8, advise-37.9, lecture-37.11, promise-37.13, conjecture-29.5,
 * judgment-33, order-60, reject), plus the Krestel et al. (2008) list and verbs of wire copy. Inflections are
 * derived by the English spelling rules, with the irregular and doubling verbs spelled out, and both -ise and
 * -ize spellings.
 *
 * Strength: `core` verbs report whenever they have a subject ("X condemned the attack"); `weak` ones only
 * with a complement that carries content: a that-clause, a quotation or colon, or a to-infinitive ("expects
 * that", "pledged to", "fears that"). Some need a particle ("called for", "spoke about", "pointed out") or an
 * object noun ("expressed concern", "gave the death toll").
 */

export type CueStrength = 'core' | 'weak';

interface VerbEntry {
  readonly lemma: string;
  readonly strength: CueStrength;
  /** Words one of which must follow (after at most one -ly adverb): "called for", "spoke about". */
  readonly particles?: ReadonlySet<string>;
  /** Nouns one of which must follow within four words: "expressed concern", "gave the death toll". */
  readonly objects?: ReadonlySet<string>;
  /** A base or -s form that is a noun too ("protest", "estimate"): a cue only after a subject-like word or with content. */
  readonly homograph?: boolean;
}

const words = (s: string): string[] => s.trim().split(/\s+/);
const set = (s: string): ReadonlySet<string> => new Set(words(s));

/** Verbs that report whenever they have a speaker. */
const CORE = words(`
  say tell claim state declare announce assert affirm reaffirm aver avow allege maintain contend insist argue
  explain clarify elaborate specify add comment remark note observe mention report reveal disclose divulge confide
  confess admit acknowledge concede deny refute rebut dispute contradict reject dismiss repudiate disavow
  confirm corroborate attest testify recount relate narrate describe detail outline recall reply respond retort
  answer counter rejoin reiterate repeat stress emphasize underline underscore highlight accuse blame charge
  criticize condemn denounce decry deplore slam blast castigate lambaste censure rebuke chastise praise hail laud
  applaud commend welcome congratulate thank complain protest object grumble lament bemoan boast brag gripe
  warn caution alert urge implore plead beseech demand vow swear threaten predict forecast estimate project
  calculate speculate surmise conjecture theorize quip joke exclaim proclaim broadcast tweet write quote cite
  shout scream yell cry whisper murmur mutter chant sob concur disagree agree insinuate imply hint assure
  reassure promise pledge guarantee recommend advise counsel propose suggest advocate request appeal question
  wonder inquire enquire ask brief inform notify update remind conclude assess judge find believe post order
  decline
`);

/** Verbs that report only with a content complement (that-clause, quotation, colon, to-infinitive). */
const WEAK = new Set(words(`
  agree ask believe charge cite conclude decline disagree fear hope maintain mention note observe order promise
  recall recommend suggest think worry post insinuate pledge demand brief inform indicate shout chant feel expect
  anticipate suspect doubt assume presume suppose reckon guess imagine trust find judge assess guarantee commit
  undertake propose counsel request appeal question wonder inquire enquire notify update remind signal
  recognise recognize accept welcome thank praise hail joke quip whisper murmur mutter scream yell cry sob
`));

/** Verbs that need a particle after them; the particle is part of the cue. */
const PARTICLE_VERBS: ReadonlyArray<[string, string]> = [
  ['call', 'for on'],
  ['speak', 'about of out up'],
  ['talk', 'about of up'],
  ['point', 'out'],
  ['weigh', 'in'],
  ['lash', 'out'],
  ['hit', 'out'],
  ['spell', 'out'],
  ['play', 'down'],
  ['rule', 'out'],
];

/** Verbs that report with one of these nouns as object ("expressed deep concern", "gave the same death toll"). */
const OBJECT_VERBS: ReadonlyArray<[string, string]> = [
  ['express', 'concern concerns regret hope hopes support condolences solidarity outrage alarm dismay sympathy doubt doubts fear fears frustration optimism confidence gratitude'],
  ['voice', 'concern concerns regret hope support solidarity outrage alarm dismay doubt doubts fear fears frustration opposition'],
  ['raise', 'concern concerns alarm doubts questions fears'],
  ['give', 'toll figure figures account details number numbers estimate statement interview briefing warning'],
  ['issue', 'statement warning appeal denial call ultimatum'],
  ['make', 'statement claim remarks comments appeal'],
  ['identify', 'as'],
  ['sound', 'alarm'],
];

/** Irregular forms: lemma → [3rd person, past, past participle, -ing]. */
const IRREGULAR: Readonly<Record<string, readonly [string, string, string, string]>> = {
  say: ['says', 'said', 'said', 'saying'],
  tell: ['tells', 'told', 'told', 'telling'],
  write: ['writes', 'wrote', 'written', 'writing'],
  speak: ['speaks', 'spoke', 'spoken', 'speaking'],
  think: ['thinks', 'thought', 'thought', 'thinking'],
  swear: ['swears', 'swore', 'sworn', 'swearing'],
  give: ['gives', 'gave', 'given', 'giving'],
  find: ['finds', 'found', 'found', 'finding'],
  feel: ['feels', 'felt', 'felt', 'feeling'],
  forecast: ['forecasts', 'forecast', 'forecast', 'forecasting'],
  broadcast: ['broadcasts', 'broadcast', 'broadcast', 'broadcasting'],
  undertake: ['undertakes', 'undertook', 'undertaken', 'undertaking'],
  go: ['goes', 'went', 'gone', 'going'],
  hit: ['hits', 'hit', 'hit', 'hitting'],
  make: ['makes', 'made', 'made', 'making'],
  show: ['shows', 'showed', 'shown', 'showing'],
  spell: ['spells', 'spelled', 'spelt', 'spelling'],
};

/** Final consonants doubled before -ed and -ing. */
const DOUBLING = new Set(['admit', 'commit', 'rebut', 'concur', 'refer', 'regret', 'omit', 'submit', 'quip', 'sob', 'plan', 'stop', 'drop', 'bid']);

function inflect(lemma: string): string[] {
  const irregular = IRREGULAR[lemma];
  if (irregular) return [lemma, ...irregular];
  const last = lemma[lemma.length - 1];
  const consonantY = /[^aeiou]y$/.test(lemma);
  const third = /(?:s|x|z|ch|sh)$/.test(lemma) ? `${lemma}es` : consonantY ? `${lemma.slice(0, -1)}ies` : `${lemma}s`;
  const double = DOUBLING.has(lemma) ? lemma + last : lemma;
  const past = last === 'e' ? `${lemma}d` : consonantY ? `${lemma.slice(0, -1)}ied` : `${double}ed`;
  const ing = /ie$/.test(lemma) ? `${lemma.slice(0, -2)}ying` : /[^eoy]e$/.test(lemma) ? `${lemma.slice(0, -1)}ing` : `${double}ing`;
  return [lemma, third, past, ing];
}

/** British spellings of -ize verbs ("criticise", "emphasise"), under the -ize lemma. */
function spellings(lemma: string): string[] {
  return /ize$/.test(lemma) ? [lemma, lemma.replace(/ize$/, 'ise')] : [lemma];
}

export type CueVerb = VerbEntry;

/** Forms that are nouns far more often than reporting verbs ("an army post", "charges", "updates"): never cues. */
const NOT_CUES = set(`
  post posts cry cries counter counters project projects object objects show shows update updates order orders
  charge charges question questions signal signals judge judges find finds brief briefs alert alerts welcome
  thank thanks sob sobs chant chants shout shouts answer answers request requests appeal appeals comment
  comments remark remarks joke jokes quote quotes concern concerns trust hit hits go goes make makes give gives
  spell spells play plays rule rules sound sounds state states blast blasts
`);

/** Lemmas whose base and -s forms are nouns too ("mass protest", "post-traumatic stress"): those forms are weak. */
const NOUN_HOMOGRAPHS = set(`
  protest slam praise blame demand promise pledge vow estimate forecast guarantee hail caution boast dispute
  stress detail outline hint reply report claim
`);

/** -s forms that are mostly plural nouns ("protests erupted"): cues only with a complement. */
const NOUN_PLURALS = set(`protests demands promises pledges vows fears hopes doubts mentions claims reports`);

function buildIndex(): ReadonlyMap<string, CueVerb> {
  const index = new Map<string, CueVerb>();
  const put = (lemma: string, entry: VerbEntry): void => {
    for (const spelling of spellings(lemma)) {
      for (const form of inflect(spelling)) {
        if (index.has(form) || NOT_CUES.has(form)) continue;
        // "claims" and "reports" keep reporting as before ("Reuters reports the town fell")
        const nounForm = (form === spelling || form === inflect(spelling)[1]) && NOUN_HOMOGRAPHS.has(lemma) && lemma !== 'report' && lemma !== 'claim' && lemma !== 'reply';
        const weak = NOUN_PLURALS.has(form) && form !== 'claims' && form !== 'reports';
        index.set(form, nounForm ? { ...entry, homograph: true } : weak && entry.strength === 'core' ? { ...entry, strength: 'weak' } : entry);
      }
    }
  };
  for (const [lemma, particles] of PARTICLE_VERBS) put(lemma, { lemma, strength: 'core', particles: set(particles) });
  for (const [lemma, objects] of OBJECT_VERBS) put(lemma, { lemma, strength: 'core', objects: set(objects) });
  for (const lemma of new Set([...CORE, ...WEAK])) put(lemma, { lemma, strength: WEAK.has(lemma) ? 'weak' : 'core' });
  return index;
}

const INDEX = buildIndex();

/**
 * Forms that are only ever verbs: the past and past participle of every lemma ("said", "claimed", "told") and
 * the -s form of the irregular ones ("says", "tells"). A source made only of such words is the cue repeated
 * ("said said"), never a speaker; base, -s and -ing forms of the others can be nouns ("reports", "a briefing").
 */
const VERB_ONLY: ReadonlySet<string> = (() => {
  const out = new Set<string>();
  for (const [form, entry] of INDEX) {
    const irregular = IRREGULAR[entry.lemma];
    const forms = irregular ? irregular.slice(0, 3) : spellings(entry.lemma).map((l) => inflect(l)[2]);
    if (form !== entry.lemma && forms.includes(form)) out.add(form);
  }
  return out;
})();

/** Whether a lower-cased word is a reporting verb that is never a noun (see VERB_ONLY). */
export function isVerbOnly(form: string): boolean {
  return VERB_ONLY.has(form);
}

/** The reporting verb behind a lower-cased word form, or undefined. */
export function reportingVerb(form: string): CueVerb | undefined {
  return INDEX.get(form);
}

/** All lemmas in the lexicon (sorted, unique). */
export function reportingLemmas(): string[] {
  return [...new Set([...INDEX.values()].map((v) => v.lemma))].sort();
}

/**
 * Nouns of reported speech that take their source after "by" ("promises by the Taliban", "claims by the
 * army"): the noun is the cue.
 */
export const REPORT_NOUNS: ReadonlySet<string> = set(`
  promise promises pledge pledges claim claims statement statements assurance assurances denial denials
  accusation accusations allegation allegations threat threats warning warnings remarks comments
  announcement announcements demand demands appeal appeals
`);
