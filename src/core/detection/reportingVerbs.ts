/**
 * Reporting-verb lexicon for attribution cues: the 55 lemmas of Krestel et al. (2008) as listed by textacy,
 * plus verbs common in wire copy. Inflections are spelled out, not derived by rule, because English
 * reporting verbs are irregular (say/said, tell/told, write/wrote) and double consonants vary (criticise/criticize).
 */

export type CueStrength = 'core' | 'weak';

interface VerbEntry {
  readonly lemma: string;
  readonly forms: readonly string[];
  /** weak verbs are cues only when a that-clause or a quotation follows ("agreed that", "fears that"). */
  readonly strength: CueStrength;
}

/** lemma → inflected forms (base form first). */
const VERBS: readonly VerbEntry[] = [
  // Krestel / textacy lemmas
  { lemma: 'accuse', forms: ['accuse', 'accuses', 'accused', 'accusing'], strength: 'core' },
  { lemma: 'acknowledge', forms: ['acknowledge', 'acknowledges', 'acknowledged', 'acknowledging'], strength: 'core' },
  { lemma: 'add', forms: ['add', 'adds', 'added', 'adding'], strength: 'core' },
  { lemma: 'admit', forms: ['admit', 'admits', 'admitted', 'admitting'], strength: 'core' },
  { lemma: 'agree', forms: ['agree', 'agrees', 'agreed', 'agreeing'], strength: 'weak' },
  { lemma: 'allege', forms: ['allege', 'alleges', 'alleged', 'alleging'], strength: 'core' },
  { lemma: 'announce', forms: ['announce', 'announces', 'announced', 'announcing'], strength: 'core' },
  { lemma: 'argue', forms: ['argue', 'argues', 'argued', 'arguing'], strength: 'core' },
  { lemma: 'ask', forms: ['ask', 'asks', 'asked'], strength: 'weak' },
  { lemma: 'assert', forms: ['assert', 'asserts', 'asserted', 'asserting'], strength: 'core' },
  { lemma: 'believe', forms: ['believe', 'believes', 'believed'], strength: 'weak' },
  { lemma: 'blame', forms: ['blame', 'blames', 'blamed', 'blaming'], strength: 'core' },
  { lemma: 'charge', forms: ['charged'], strength: 'weak' },
  { lemma: 'cite', forms: ['cite', 'cites', 'cited', 'citing'], strength: 'weak' },
  { lemma: 'claim', forms: ['claim', 'claims', 'claimed', 'claiming'], strength: 'core' },
  { lemma: 'complain', forms: ['complain', 'complains', 'complained', 'complaining'], strength: 'core' },
  { lemma: 'concede', forms: ['concede', 'concedes', 'conceded', 'conceding'], strength: 'core' },
  { lemma: 'conclude', forms: ['conclude', 'concludes', 'concluded'], strength: 'weak' },
  { lemma: 'confirm', forms: ['confirm', 'confirms', 'confirmed', 'confirming'], strength: 'core' },
  { lemma: 'contend', forms: ['contend', 'contends', 'contended', 'contending'], strength: 'core' },
  { lemma: 'criticize', forms: ['criticize', 'criticizes', 'criticized', 'criticizing', 'criticise', 'criticises', 'criticised', 'criticising'], strength: 'core' },
  { lemma: 'declare', forms: ['declare', 'declares', 'declared', 'declaring'], strength: 'core' },
  { lemma: 'decline', forms: ['declined'], strength: 'weak' },
  { lemma: 'deny', forms: ['deny', 'denies', 'denied', 'denying'], strength: 'core' },
  { lemma: 'describe', forms: ['describe', 'describes', 'described', 'describing'], strength: 'core' },
  { lemma: 'disagree', forms: ['disagree', 'disagrees', 'disagreed'], strength: 'weak' },
  { lemma: 'disclose', forms: ['disclose', 'discloses', 'disclosed', 'disclosing'], strength: 'core' },
  { lemma: 'estimate', forms: ['estimate', 'estimates', 'estimated', 'estimating'], strength: 'core' },
  { lemma: 'explain', forms: ['explain', 'explains', 'explained', 'explaining'], strength: 'core' },
  { lemma: 'fear', forms: ['fear', 'fears', 'feared'], strength: 'weak' },
  { lemma: 'hope', forms: ['hope', 'hopes', 'hoped'], strength: 'weak' },
  { lemma: 'insist', forms: ['insist', 'insists', 'insisted', 'insisting'], strength: 'core' },
  { lemma: 'maintain', forms: ['maintains', 'maintained'], strength: 'weak' },
  { lemma: 'mention', forms: ['mention', 'mentions', 'mentioned'], strength: 'weak' },
  { lemma: 'note', forms: ['note', 'notes', 'noted', 'noting'], strength: 'weak' },
  { lemma: 'observe', forms: ['observe', 'observes', 'observed'], strength: 'weak' },
  { lemma: 'order', forms: ['ordered'], strength: 'weak' },
  { lemma: 'predict', forms: ['predict', 'predicts', 'predicted', 'predicting'], strength: 'core' },
  { lemma: 'promise', forms: ['promise', 'promises', 'promised', 'promising'], strength: 'weak' },
  { lemma: 'recall', forms: ['recall', 'recalls', 'recalled', 'recalling'], strength: 'weak' },
  { lemma: 'recommend', forms: ['recommend', 'recommends', 'recommended'], strength: 'weak' },
  { lemma: 'reply', forms: ['reply', 'replies', 'replied', 'replying'], strength: 'core' },
  { lemma: 'report', forms: ['report', 'reports', 'reported', 'reporting'], strength: 'core' },
  { lemma: 'say', forms: ['say', 'says', 'said', 'saying'], strength: 'core' },
  { lemma: 'state', forms: ['stated', 'stating'], strength: 'core' },
  { lemma: 'stress', forms: ['stress', 'stresses', 'stressed', 'stressing'], strength: 'core' },
  { lemma: 'suggest', forms: ['suggest', 'suggests', 'suggested', 'suggesting'], strength: 'weak' },
  { lemma: 'tell', forms: ['tell', 'tells', 'told', 'telling'], strength: 'core' },
  { lemma: 'testify', forms: ['testify', 'testifies', 'testified', 'testifying'], strength: 'core' },
  { lemma: 'think', forms: ['think', 'thinks', 'thought'], strength: 'weak' },
  { lemma: 'urge', forms: ['urge', 'urges', 'urged', 'urging'], strength: 'core' },
  { lemma: 'warn', forms: ['warn', 'warns', 'warned', 'warning'], strength: 'core' },
  { lemma: 'worry', forms: ['worry', 'worries', 'worried'], strength: 'weak' },
  { lemma: 'write', forms: ['write', 'writes', 'wrote', 'writing'], strength: 'core' },
  // wire-copy additions
  { lemma: 'vow', forms: ['vow', 'vows', 'vowed', 'vowing'], strength: 'core' },
  { lemma: 'threaten', forms: ['threaten', 'threatens', 'threatened', 'threatening'], strength: 'core' },
  { lemma: 'tweet', forms: ['tweet', 'tweets', 'tweeted', 'tweeting'], strength: 'core' },
  { lemma: 'post', forms: ['posted', 'posting'], strength: 'weak' },
  { lemma: 'reiterate', forms: ['reiterate', 'reiterates', 'reiterated', 'reiterating'], strength: 'core' },
  { lemma: 'quote', forms: ['quoted'], strength: 'core' },
  { lemma: 'insinuate', forms: ['insinuated'], strength: 'weak' },
  { lemma: 'pledge', forms: ['pledged', 'pledges'], strength: 'weak' },
  { lemma: 'demand', forms: ['demanded', 'demands'], strength: 'weak' },
  { lemma: 'caution', forms: ['cautioned'], strength: 'core' },
  { lemma: 'brief', forms: ['briefed'], strength: 'weak' },
  { lemma: 'inform', forms: ['informed'], strength: 'weak' },
  { lemma: 'boast', forms: ['boasted'], strength: 'core' },
  { lemma: 'recount', forms: ['recounted', 'recounts'], strength: 'core' },
  { lemma: 'indicate', forms: ['indicated'], strength: 'weak' },
  { lemma: 'remark', forms: ['remarked'], strength: 'core' },
  { lemma: 'shout', forms: ['shouted'], strength: 'weak' },
  { lemma: 'chant', forms: ['chanted'], strength: 'weak' },
];

export interface CueVerb {
  readonly lemma: string;
  readonly strength: CueStrength;
}

function buildIndex(): ReadonlyMap<string, CueVerb> {
  const index = new Map<string, CueVerb>();
  for (const v of VERBS) {
    for (const f of v.forms) {
      if (!index.has(f)) index.set(f, { lemma: v.lemma, strength: v.strength });
    }
  }
  return index;
}

const INDEX = buildIndex();

/** The reporting verb behind a lower-cased word form, or undefined. */
export function reportingVerb(form: string): CueVerb | undefined {
  return INDEX.get(form);
}

/** All lemmas in the lexicon (sorted, unique). */
export function reportingLemmas(): string[] {
  return [...new Set(VERBS.map((v) => v.lemma))].sort();
}
