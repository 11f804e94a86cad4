import { describe, expect, it } from 'vitest';
import { extractFatalities } from '../../src/core/events/fatalities';

describe('extractFatalities', () => {
  it.each([
    ['A double bombing struck a funeral, killing 10 people and wounding 22.', 10, '10', 'exact'],
    ['At least 14 were killed in the attack.', 14, 'At least 14', 'approximate'],
    ['they killed some 30 Iraqi troops, security officials claim', 30, 'some 30', 'approximate'],
    ['Dozens of people were killed.', 12, 'Dozens', 'vague'],
    ['Tens died in the fighting.', 10, 'Tens', 'vague'],
    ['Hundreds were killed.', 100, 'Hundreds', 'vague'],
    ['Scores of civilians died.', 20, 'Scores', 'vague'],
    ['Twenty-two soldiers were killed.', 22, 'Twenty-two', 'words'],
    ['two hundred and fifty people died', 250, 'two hundred and fifty', 'words'],
    ['The death toll rose to 1,500.', 1500, '1,500', 'exact'],
    ['The strike killed a dozen fighters.', 12, 'a dozen', 'words'],
    ['Between 10 and 15 people were killed.', 10, 'Between 10 and 15', 'approximate'],
    ['The blast killed 10 to 15 people.', 10, '10 to 15', 'approximate'],
    ['The blast killed 15-20 people.', 15, '15-20', 'approximate'],
    ['Gunmen wounded 30 people and killed five.', 5, 'five', 'words'],
    ['At least 14 were killed and 20 wounded.', 14, 'At least 14', 'approximate'],
    ['A Russian missile struck a market, killing 17 people and wounding at least 32.', 17, '17', 'exact'],
    // one person killed, no count: one
    ['Gunmen shot dead a polio vaccination worker.', 1, 'a polio vaccination worker', 'words'],
    ['A fourth attacker was killed nearby.', 1, 'A fourth attacker', 'words'],
    ['The killing of a journalist drew protests.', 1, 'a journalist', 'words'],
    ['A soldier died of his wounds.', 1, 'A soldier', 'words'],
    // the bombers who blew themselves up are the dead
    ['Two suicide bombers detonated themselves at the gate.', 2, 'Two suicide bombers', 'words'],
    ['A bomber blew himself up at a checkpoint.', 1, 'bomber', 'words'],
    // a count wins over the single person who did it
    ['A suicide bomber killed 11 police officers.', 11, '11', 'exact'],
  ] as const)('%s', (sentence, count, phrase, rule) => {
    const f = extractFatalities(sentence);
    expect(f).toMatchObject({ count, phrase, rule });
    expect(sentence.slice(f!.start, f!.end)).toBe(phrase);
  });

  it('adds a second group of dead joined by "and", never a verb\'s count', () => {
    expect(extractFatalities('Separatists killed four soldiers and a civilian in an ambush.')?.count).toBe(5);
    expect(extractFatalities('Gunmen killed six soldiers and two civilians.')?.count).toBe(8);
    expect(extractFatalities('Gunmen killed two soldiers and a police officer escorting her.')?.count).toBe(3);
    expect(extractFatalities('The blast killed 32 people and wounded 81.')?.count).toBe(32);
    expect(extractFatalities('Troops raided the hotel, killing four extremists and freeing 126 hostages.')?.count).toBe(4);
  });

  it('ignores injuries, dates, distances and sentences without a death count', () => {
    expect(extractFatalities('The blast wounded 22 people.')).toBeUndefined();
    expect(extractFatalities('A suicide bomber attacked a checkpoint, wounding a soldier.')).toBeUndefined();
    expect(extractFatalities('A soldier was shot in the leg.')).toBeUndefined();
    expect(extractFatalities('22 people were injured.')).toBeUndefined();
    expect(extractFatalities('He was killed in 2014.')).toBeUndefined();
    expect(extractFatalities('Fighters were killed 25 km west of Goma.')).toBeUndefined();
    expect(extractFatalities('The town was captured on June 12 and many were killed.')).toBeUndefined();
    expect(extractFatalities('No one was killed.')).toBeUndefined();
    expect(extractFatalities('Militants seized 3 towns.')).toBeUndefined();
    expect(extractFatalities('')).toBeUndefined();
  });

  it('returns UTF-16 offsets within the sentence after an astral character', () => {
    const s = '🔥 Shelling killed 7 people.';
    const f = extractFatalities(s)!;
    expect(f.count).toBe(7);
    expect(s.slice(f.start, f.end)).toBe('7');
    expect(f.start).toBe(s.indexOf('7'));
  });
});
