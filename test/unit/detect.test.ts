import { describe, expect, it } from 'vitest';
import { detect, foldName, generatedEntityId } from '../../src/core/detection/detect';
import type { DetectedMention, Entity } from '../../src/core/model';
import { TextIndex } from '../../src/core/text/textIndex';
import { TestGazetteer } from './detectFixtures';

const gazetteer = new TestGazetteer([
  { id: 'isil', name: 'ISIL', label: 'ACTOR', kind: 'armed_group', aliases: ['ISIS', 'Islamic State of Iraq and the Levant'] },
  { id: 'iraq', name: 'Iraq', label: 'PLACE', kind: 'country', aliases: [] },
  { id: 'iran', name: 'Iran', label: 'PLACE', kind: 'country', aliases: [] },
  { id: 'united-states', name: 'United States', label: 'PLACE', kind: 'country', aliases: [] },
  { id: 'baghdad', name: 'Baghdad', label: 'PLACE', kind: 'city', aliases: [] },
] satisfies Entity[]);

function find(mentions: readonly DetectedMention[], text: string): DetectedMention | undefined {
  return mentions.find((m) => m.text === text);
}

/** Every mention's text is what its code point offsets select. */
function expectCodePointOffsets(text: string, mentions: readonly DetectedMention[]): void {
  const cps = Array.from(text);
  for (const m of mentions) expect(cps.slice(m.start, m.end).join('')).toBe(m.text);
}

describe('detect: persons', () => {
  it('takes the name after a title, without the title', () => {
    const { mentions } = detect('Rebels fought the forces of President Bashar al-Assad near Baghdad.', gazetteer);
    expect(find(mentions, 'Bashar al-Assad')).toMatchObject({ label: 'ACTOR', origin: 'rule' });
    expect(find(mentions, 'President Bashar al-Assad')).toBeUndefined();
  });

  it('links later surname-only mentions to the full name', () => {
    const text = 'Iraqi Prime Minister Nouri al-Maliki rejected the calls. Mr Maliki said he would stay. Later Maliki left.';
    const { mentions } = detect(text, gazetteer);
    const full = find(mentions, 'Nouri al-Maliki');
    expect(full?.entity).toBe(generatedEntityId('Nouri al-Maliki'));
    const short = mentions.filter((m) => m.text === 'Maliki');
    expect(short).toHaveLength(2);
    for (const m of short) expect(m.entity).toBe(full?.entity);
  });

  it('finds quoted speakers before and after the reporting verb', () => {
    const text = '"It is a red line," said Omar Abu Leyla. Hadi Salameh also said the merger was a problem.';
    const { mentions } = detect(text, gazetteer);
    expect(find(mentions, 'Omar Abu Leyla')?.label).toBe('ACTOR');
    expect(find(mentions, 'Hadi Salameh')?.label).toBe('ACTOR');
  });
});

describe('detect: organisations and groups', () => {
  it('finds organisation names by their head word and links their acronym', () => {
    const text = 'The Rapid Support Forces shelled the city. The RSF said it had captured a town.';
    const { mentions } = detect(text, gazetteer);
    const org = find(mentions, 'Rapid Support Forces');
    expect(org?.label).toBe('ACTOR');
    expect(find(mentions, 'RSF')?.entity).toBe(org?.entity);
  });

  it('keeps a possessive that is a word of the name ("People\'s", "Workers\'") inside it', () => {
    const text = "The Zandian People's Defence Force and the Kurdistan Workers' Party met. The people's anger grew.";
    const { mentions } = detect(text, gazetteer);
    expect(find(mentions, "Zandian People's Defence Force")?.label).toBe('ACTOR');
    expect(find(mentions, "Kurdistan Workers' Party")?.label).toBe('ACTOR');
    expect(mentions.some((m) => m.text.startsWith('people'))).toBe(false);
  });

  it('marks descriptive group mentions but keeps a named group alone', () => {
    const text = 'Iraqi security forces abandoned the town after Sunni militants and ISIL fighters arrived.';
    const { mentions } = detect(text, gazetteer);
    expect(find(mentions, 'Iraqi security forces')?.label).toBe('ACTOR');
    expect(find(mentions, 'Sunni militants')?.label).toBe('ACTOR');
    expect(find(mentions, 'ISIL')?.entity).toBe('isil');
    expect(find(mentions, 'ISIL fighters')).toBeUndefined();
    expect(find(mentions, 'militants')).toBeUndefined();
  });

  it('takes an institutional modifier that is itself a group noun ("government troops")', () => {
    const { mentions } = detect('Police said that government troops had cleared the square.', gazetteer);
    expect(find(mentions, 'government troops')?.label).toBe('ACTOR');
  });

  it('finds movement names joined by an Urdu or Persian linker, the group noun after them left out', () => {
    const text = 'Lashkar-e-Zarin and Jaish-e-Tarvo militants were blamed. Tehreek-e-Azadi Zandia fighters attacked a post.';
    const { mentions } = detect(text, gazetteer);
    expect(find(mentions, 'Lashkar-e-Zarin')?.label).toBe('ACTOR');
    expect(find(mentions, 'Jaish-e-Tarvo')?.label).toBe('ACTOR');
    expect(find(mentions, 'Jaish-e-Tarvo militants')).toBeUndefined();
    expect(find(mentions, 'Tehreek-e-Azadi Zandia')?.label).toBe('ACTOR');
  });

  it('does not turn "officials" into an actor', () => {
    const { mentions } = detect('American officials said the talks failed.', gazetteer);
    expect(mentions.filter((m) => m.label === 'ACTOR')).toEqual([]);
  });
});

describe('detect: places after a place type', () => {
  it('takes "the village of X" for a place even where X reads like a person\'s name', () => {
    const { mentions } = detect('The strike hit the village of Aita al-Shaab near the border.', gazetteer);
    expect(find(mentions, 'Aita al-Shaab')?.label).toBe('PLACE');
  });
});

describe('detect: places', () => {
  it('keeps facility words outside place names and splits hyphenated pairs', () => {
    const text = 'Rebels attacked the Balad airbase. The Albukamal-Qaim crossing fell, and fighting reached the town of Mellit.';
    const { mentions } = detect(text, gazetteer);
    expect(find(mentions, 'Balad')?.label).toBe('PLACE');
    expect(find(mentions, 'Albukamal')?.label).toBe('PLACE');
    expect(find(mentions, 'Qaim')?.label).toBe('PLACE');
    expect(find(mentions, 'Mellit')?.label).toBe('PLACE');
  });

  it('reads a country as an actor only when it is the subject of a verb', () => {
    const text = 'Iran is directing drones over Iraq. The United States and Iran both oppose ISIS. Fighting in Iraq was heavy.';
    const { mentions } = detect(text, gazetteer);
    const iran = mentions.filter((m) => m.text === 'Iran');
    expect(iran.map((m) => m.label)).toEqual(['ACTOR', 'ACTOR']);
    expect(find(mentions, 'United States')?.label).toBe('ACTOR');
    expect(mentions.filter((m) => m.text === 'Iraq').map((m) => m.label)).toEqual(['PLACE', 'PLACE']);
  });

  it('reads a country as the agent of a passive as an actor, unless it modifies the noun after it', () => {
    const text = 'Militias trained by Iran attacked the base. Drones launched overnight by Iran were shot down. Flights to Iran resumed. They were joined by United States officials. Troops backed by United States airstrikes advanced.';
    const { mentions } = detect(text, gazetteer);
    expect(mentions.filter((m) => m.text === 'Iran').map((m) => m.label)).toEqual(['ACTOR', 'ACTOR', 'PLACE']);
    expect(mentions.filter((m) => m.text === 'United States').map((m) => m.label)).toEqual(['PLACE', 'PLACE']);
  });

  it('takes names coordinated before a plural place type as places', () => {
    const { mentions } = detect('Drones hit the Velmor, Karsk and Ostrava Nova regions overnight.', gazetteer);
    expect(mentions.filter((m) => m.label === 'PLACE').map((m) => m.text)).toEqual(['Velmor', 'Karsk', 'Ostrava Nova']);
  });

  it('finds dateline places', () => {
    const { mentions } = detect('KHARTOUM, Sudan, May 14, 2024 (Reuters) - Fighting went on.', gazetteer);
    expect(find(mentions, 'KHARTOUM')?.label).toBe('PLACE');
  });
});

describe('detect: text encodings and sizes', () => {
  it('returns nothing for empty text', () => {
    expect(detect('', gazetteer)).toEqual({ mentions: [], attributions: [] });
  });

  it('keeps code point offsets right after emoji', () => {
    const text = '🔥🔥 Breaking: ISIL seized Baghdad airport, 👍 said Omar Abu Leyla.';
    const { mentions, attributions } = detect(text, gazetteer);
    expect(find(mentions, 'ISIL')?.start).toBe(Array.from(text).indexOf('I'));
    expectCodePointOffsets(text, mentions);
    for (const a of attributions) expect(Array.from(text).slice(a.cue.start, a.cue.end).join('')).toBe(a.cue.text);
  });

  it('handles CRLF line endings', () => {
    const text = 'Iraq civil war update\r\n\r\nIraqi troops fled Baghdad, security officials said.\r\nMr Maliki said nothing.\r\n';
    const { mentions, attributions } = detect(text, gazetteer);
    expect(find(mentions, 'Iraqi troops')).toBeDefined();
    expectCodePointOffsets(text, mentions);
    expect(attributions[0]).toMatchObject({ kind: 'anonymous', direct: false });
    expect(attributions[0].source?.text).toBe('security officials');
  });

  it('does not break on Arabic script and keeps offsets right', () => {
    const text = 'قال المتحدث باسم الجيش إن القوات تقدمت. Iraqi troops entered Baghdad, said Col. Ahmed al-Jubouri. بغداد 🇮🇶';
    const { mentions } = detect(text, gazetteer);
    expectCodePointOffsets(text, mentions);
    expect(find(mentions, 'Ahmed al-Jubouri')?.label).toBe('ACTOR');
    const index = new TextIndex(text);
    for (const m of mentions) expect(index.slice(m.start, m.end)).toBe(m.text);
  });

  it('completes on a 1 MB article', () => {
    const paragraph = 'Iraqi security forces abandoned Al-Qaim on Saturday, security officials said. "It is a red line," said Omar Abu Leyla. Iran is sending drones to Baghdad. ';
    const text = paragraph.repeat(Math.ceil(1_000_000 / paragraph.length));
    const { mentions, attributions } = detect(text, gazetteer);
    const repeats = Math.ceil(1_000_000 / paragraph.length);
    expect(mentions.filter((m) => m.text === 'Omar Abu Leyla')).toHaveLength(repeats);
    expect(attributions.length).toBe(2 * repeats);
  });
});

describe('foldName', () => {
  it('folds case, diacritics, apostrophes and hyphens', () => {
    expect(foldName("Al-Qā'im")).toBe('al qaim');
    expect(foldName('Ālbū Kamāl')).toBe('albu kamal');
    expect(generatedEntityId('Ségou')).toBe('x-segou');
  });

  // foldName and generatedEntityId take a char-code path for ASCII names: it must agree with the definition
  it('folds ASCII names as the regular-expression definition does', () => {
    const ref = (name: string) => name.replace(/['`]/g, '').replace(/[-_.]/g, ' ').toLowerCase().replace(/\s+/g, ' ').trim().replace(/^the /, '');
    const refId = (name: string) => `x-${ref(name).replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'unnamed'}`;
    const pieces = ['a', 'Z', 't', 'T', 'h', 'E', ' ', "'", '`', '-', '_', '.', '\t', '\n', '\v', '0', '9', ',', '!', '(', '"', 'the ', 'The-', 'THE ', ' the'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % pieces.length;
    for (let i = 0; i < 20000; i++) {
      let name = '';
      for (let k = i % 11; k > 0; k--) name += pieces[next()];
      expect(foldName(name), JSON.stringify(name)).toBe(ref(name));
      expect(generatedEntityId(name), JSON.stringify(name)).toBe(refId(name));
    }
    expect(foldName(' The  Al-Qaim_Brigade. ')).toBe('al qaim brigade');
    expect(generatedEntityId("the Sheikh's men")).toBe('x-sheikhs-men');
  });
});
