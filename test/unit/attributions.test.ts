import { describe, expect, it } from 'vitest';
import { detect } from '../../src/core/detection/detect';
import type { DetectedAttribution } from '../../src/core/model';
import { reportingLemmas, reportingVerb } from '../../src/core/detection/reportingVerbs';
import { TestGazetteer } from './detectFixtures';

const gazetteer = new TestGazetteer([
  { id: 'afp', name: 'AFP', label: 'ACTOR', kind: 'media', aliases: [] },
  { id: 'iran', name: 'Iran', label: 'PLACE', kind: 'country', aliases: [] },
]);

function attributions(text: string): DetectedAttribution[] {
  return detect(text, gazetteer).attributions;
}

describe('attributions', () => {
  it('finds an anonymous indirect source after the content', () => {
    const [a] = attributions('Sunni militants seized the crossing, security officials claim.');
    expect(a).toMatchObject({ kind: 'anonymous', direct: false });
    expect(a.cue.text).toBe('claim');
    expect(a.source?.text).toBe('security officials');
    expect(a.content?.text).toBe('Sunni militants seized the crossing');
  });

  it('finds a named direct quote with the speaker after the verb', () => {
    const text = '"They are rivals, but both groups are jihadist," said Observatory director Rami Abdel Rahman.';
    const [a] = attributions(text);
    expect(a).toMatchObject({ kind: 'named', direct: true });
    expect(a.source?.text).toBe('Observatory director Rami Abdel Rahman');
    expect(a.content?.text).toBe('They are rivals, but both groups are jihadist');
  });

  it('handles curly quotes, a missing opening quote and a colon', () => {
    const text = 'It’s a substantial amount,” said an American official. Hussein said: “ISIL fighters are now positioned at the entrance.”';
    const [a, b] = attributions(text);
    expect(a).toMatchObject({ kind: 'anonymous', direct: true });
    expect(a.content?.text).toBe('It’s a substantial amount');
    expect(b).toMatchObject({ direct: true });
    expect(b.content?.text).toBe('ISIL fighters are now positioned at the entrance.');
  });

  it('reads "according to" and noun-less sources', () => {
    const [a] = attributions('Iran has mounted a parallel effort, according to American officials.');
    expect(a.cue.text).toBe('according to');
    expect(a.source?.text).toBe('American officials');
    expect(a.content?.text).toBe('Iran has mounted a parallel effort');
    expect(a.kind).toBe('anonymous');
  });

  it('treats explicitly anonymous speakers as anonymous even with a title', () => {
    const text = 'A military commander, who spoke on condition of anonymity because he was not authorized to talk to media, said the town fell.';
    const [a] = attributions(text);
    expect(a.kind).toBe('anonymous');
    expect(a.source?.text).toBe('A military commander');
  });

  it('does not give a linked group\'s statement to the group it is linked to', () => {
    const g = new TestGazetteer([{ id: 'red-front', name: 'Red Front', label: 'ACTOR', kind: 'armed_group', aliases: [] }]);
    const [a] = detect('The Red Front-linked group claimed responsibility in a statement, saying its fighters had killed 40 soldiers.', g).attributions;
    expect(a.source?.text).toBe('The Red Front-linked group');
    expect(a.sourceEntity).not.toBe('red-front');
  });

  it('resolves a pronoun source to the previous named speaker', () => {
    const text = 'Abdel Salam al-Hussein said the oath followed tension. He also said thousands live in the town.';
    const [first, second] = attributions(text);
    const hussein = detect(text, gazetteer).mentions.find((m) => m.text === 'Abdel Salam al-Hussein');
    expect(first).toMatchObject({ kind: 'named', sourceEntity: hussein?.entity });
    expect(second).toMatchObject({ kind: 'named', sourceEntity: hussein?.entity, direct: false });
    expect(second.source?.text).toBe('He');
  });

  it('gives a pronoun the previous speaker, anonymous or not, else the nearest person named before', () => {
    const anonymous = 'A senior security official, speaking on condition of anonymity, said the city held. He said special forces led the operation.';
    expect(attributions(anonymous).map((a) => a.kind)).toEqual(['anonymous', 'anonymous']);
    const text = 'They were joined by Secretary of State John Kerry, who returned from Baghdad.\n\nHe announced he will go to Saudi Arabia.';
    const kerry = detect(text, gazetteer).mentions.find((m) => m.text === 'John Kerry');
    expect(attributions(text)[0]).toMatchObject({ kind: 'named', sourceEntity: kerry?.entity });
  });

  it('follows appositions and coordinated verbs', () => {
    const text = 'The rebels’ spokesman, Lawrence Kanyuka, denied the claim and said fighters held the road. An opposition activist told AFP that "there is a lot of tension."';
    const [denied, said, told] = attributions(text);
    expect(denied.source?.text).toContain('Lawrence Kanyuka');
    expect(said.source?.text).toBe(denied.source?.text);
    expect(told).toMatchObject({ kind: 'anonymous', direct: true });
    expect(told.content?.text).toBe('there is a lot of tension.');
  });

  it('takes a name and its apposition before the verb as the speaker, not the clause after the verb', () => {
    for (const text of ['Sani Bello, a district administrator, said the attackers fled.', 'Sani Bello, a spokesman for the army, said the attackers fled.']) {
      const [a] = attributions(text);
      expect(a).toMatchObject({ kind: 'named' });
      expect(a.source?.text).toBe('Sani Bello');
    }
    // after content, the inverted order still holds; a short opener before the source is no name
    expect(attributions('Rebels seized the town, said Sani Bello, a spokesman.')[0].source?.text).toBe('Sani Bello');
    expect(attributions('In the capital, a police spokesman said the attackers fled.')[0]).toMatchObject({ kind: 'anonymous', source: { text: 'a police spokesman' } });
  });

  it('does not take a person whose role names a place type for a place', () => {
    const r = detect('The attackers looted food stores, said Sani Bello, a district administrator.', gazetteer);
    expect(r.mentions.map((m) => [m.text, m.label])).toEqual([['Sani Bello', 'ACTOR']]);
    expect(r.attributions[0]).toMatchObject({ kind: 'named', source: { text: 'Sani Bello' } });
  });

  it('ignores nouns, passives and unbalanced quotes without crashing', () => {
    expect(attributions('The claim could not be verified. Fighting was reported in the north.')).toEqual([]);
    expect(() => attributions('He said “this never ends')).not.toThrow();
    expect(attributions('He said “this never ends')[0].direct).toBe(true);
  });

  it('takes a headline\'s source before its colon: a source noun or an actor opening the line', () => {
    const text = 'Officials: Iraqi forces fend off Ramadi attack\nAFP: Iran Closes Its Border\nThe time was 10:30 in Iran: Nothing Moved\n';
    expect(attributions(text).map((a) => [a.cue.text, a.source?.text, a.kind, a.sourceEntity])).toEqual([
      [':', 'Officials', 'anonymous', undefined],
      [':', 'AFP', 'named', 'afp'],
    ]);
    // many headlines in one long text: each is found (the lookups are by position, not a scan of every mention)
    const many = attributions('AFP: Iran Closes Its Border\nThe army said the town fell.\n'.repeat(300));
    expect(many.filter((a) => a.cue.text === ':' && a.sourceEntity === 'afp')).toHaveLength(300);
  });

  it('never takes a reporting verb for its source: "said said" is the cue repeated, a noun before it speaks', () => {
    expect(attributions('said '.repeat(50))).toEqual([]);
    expect(attributions('told told told. The talks stalled, he said.').map((a) => a.source?.text)).toEqual(['he']);
    const dense = attributions('officials said. '.repeat(50));
    expect(dense).toHaveLength(50);
    expect(new Set(dense.map((a) => a.source?.text))).toEqual(new Set(['officials']));
    // nouns that are also reporting-verb forms still speak
    expect(attributions('The town had fallen, reports said.')[0].source?.text).toBe('reports');
  });
});

describe('attributions: what is no speech, and speakers in the middle of a phrase', () => {
  it('takes the person of "according to a doctor at the local hospital who …"', () => {
    const [a] = attributions('The strike hit the market, according to a doctor at the local hospital who spoke on condition of anonymity.');
    expect(a.cue.text).toBe('according to');
    expect(a.source?.text).toBe('a doctor');
    expect(a.kind).toBe('anonymous');
  });

  it('finds no statement in "did not respond", a demonstration, or "reports of"', () => {
    expect(attributions('A government spokesman, Tomas Varga, did not respond to a request for comment.')).toEqual([]);
    expect(attributions("The army didn't immediately reply to questions.")).toEqual([]);
    expect(attributions('Hundreds of residents protested in Tarvo on Wednesday against the curfew.')).toEqual([]);
    // a protest that is speech still speaks
    expect(attributions('The ministry protested the detention of two journalists.')[0]?.source?.text).toBe('The ministry');
    // after a preposition a form that can be a noun is one
    expect(attributions('The army said soldiers had fired at "suspects who threw rocks".').map((x) => x.cue.text)).toEqual(['said']);
    const [r] = attributions('The commission said it was investigating reports of killings.').filter((x) => x.cue.text === 'reports');
    expect(r.source).toBeUndefined();
  });

  it('takes the speaker after a report noun: "a charge Iran denies"', () => {
    const [, b] = attributions('Officials accuse Iran of arming the rebels, a charge Iran denies.');
    expect(b.cue.text).toBe('denies');
    expect(b.source?.text).toBe('Iran');
  });
});

describe('reporting verbs', () => {
  it('covers the Krestel lemmas and common news verbs with inflections', () => {
    const lemmas = reportingLemmas();
    for (const l of ['say', 'tell', 'claim', 'confirm', 'announce', 'warn', 'deny', 'add', 'report', 'allege', 'insist', 'accuse', 'describe', 'estimate', 'vow', 'threaten', 'complain', 'tweet', 'post', 'according']) {
      if (l !== 'according') expect(lemmas).toContain(l);
    }
    expect(lemmas.length).toBeGreaterThanOrEqual(55);
    expect(reportingVerb('told')?.lemma).toBe('tell');
    expect(reportingVerb('criticised')?.lemma).toBe('criticize');
    expect(reportingVerb('tables')).toBeUndefined();
  });
});
