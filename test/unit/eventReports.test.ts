// Detector 24: rules from invented wire reports (Pakistan, Mozambique, Lebanon, Ethiopia); each case fails
// without its rule.
import { describe, expect, it } from 'vitest';
import { detectWithEvents } from '../../src/core/review/annotateDocument';
import type { Detection } from '../../src/core/model';
import { buildDefaultGazetteer } from './detectFixtures';

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
