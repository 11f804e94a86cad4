import { describe, expect, it } from 'vitest';
import { ACLED_TAXONOMY, disorderType, isKnownEvent, parseTaxonomyYaml, suggestSubtypes } from '../../src/core/events/taxonomy';

describe('ACLED taxonomy', () => {
  it('has 6 event types and 25 sub-types spelled as ACLED spells them', () => {
    expect(ACLED_TAXONOMY.types.map((t) => t.name)).toEqual([
      'Battles', 'Explosions/Remote violence', 'Violence against civilians', 'Protests', 'Riots', 'Strategic developments',
    ]);
    const subs = ACLED_TAXONOMY.types.flatMap((t) => t.subtypes.map((s) => s.name));
    expect(subs).toHaveLength(25);
    expect(subs).toContain('Shelling/artillery/missile attack');
    expect(subs).toContain('Remote explosive/landmine/IED');
    expect(subs).toContain('Abduction/forced disappearance');
    expect(subs).toContain('Headquarters or base established');
    expect(ACLED_TAXONOMY.types.every((t) => t.subtypes.every((s) => s.description))).toBe(true);
  });

  it('knows valid pairs, rejects mismatched ones and accepts the "protestors" spelling', () => {
    expect(isKnownEvent(ACLED_TAXONOMY, 'Battles', 'Armed clash')).toBe(true);
    expect(isKnownEvent(ACLED_TAXONOMY, 'Battles', 'Grenade')).toBe(false);
    expect(isKnownEvent(ACLED_TAXONOMY, 'Protests', 'Excessive force against protestors')).toBe(true);
    expect(isKnownEvent(ACLED_TAXONOMY, 'battles', 'Armed clash')).toBe(false);
  });

  it('maps sub-types to disorder types', () => {
    expect(disorderType('Battles', 'Armed clash')).toBe('Political violence');
    expect(disorderType('Protests', 'Peaceful protest')).toBe('Demonstrations');
    expect(disorderType('Protests', 'Excessive force against protesters')).toBe('Political violence; Demonstrations');
    expect(disorderType('Riots', 'Violent demonstration')).toBe('Demonstrations');
    expect(disorderType('Riots', 'Mob violence')).toBe('Political violence');
    expect(disorderType('Strategic developments', 'Arrests')).toBe('Strategic developments');
  });
});

describe('suggestSubtypes', () => {
  const top = (s: string): string | undefined => suggestSubtypes(ACLED_TAXONOMY, s)[0]?.subtype;
  it.each([
    ['Sunni militants seize an Iraqi crossing on the border with Syria', 'Non-state actor overtakes territory'],
    ['Militants overran the town overnight', 'Non-state actor overtakes territory'],
    ['A U.S. airstrike hit a hospital', 'Air/drone strike'],
    ['A drone hit a convoy', 'Air/drone strike'],
    ['A suicide bomber blew himself up at a checkpoint, and the bomb killed six', 'Suicide bomb'],
    ['A mortar round hit a crowded market', 'Shelling/artillery/missile attack'],
    ['A Russian missile struck a market', 'Shelling/artillery/missile attack'],
    ['A roadside bomb exploded near a patrol', 'Remote explosive/landmine/IED'],
    ['Heavy clashes broke out between the army and rebels', 'Armed clash'],
    ['Gunmen kidnapped 12 students', 'Abduction/forced disappearance'],
    ['Thousands of demonstrators marched in the capital', 'Peaceful protest'],
    ['Police arrested the opposition leader', 'Arrests'],
    ['The local unit pledged loyalty to the group', 'Change to group/activity'],
    ['The army recaptured the town', 'Government regains territory'],
  ])('%s -> %s', (sentence, expected) => {
    expect(top(sentence)).toBe(expected);
  });

  it('returns nothing for a sentence without trigger words and ranks by score', () => {
    expect(suggestSubtypes(ACLED_TAXONOMY, 'The minister visited the capital.')).toEqual([]);
    const r = suggestSubtypes(ACLED_TAXONOMY, 'A suicide car bomb exploded');
    expect(r[0].subtype).toBe('Suicide bomb');
    expect(r.map((x) => x.score)).toEqual([...r.map((x) => x.score)].sort((a, b) => b - a));
  });
});

describe('parseTaxonomyYaml', () => {
  it('extends the ACLED taxonomy by default and merges keywords into existing sub-types', () => {
    const { taxonomy, problems } = parseTaxonomyYaml(
      ['types:', '  - name: Battles', '    subtypes:', '      - name: Armed clash', '        keywords: [gun battle]', '      - name: Sniper fire', '  - name: Cyber', '    subtypes: [Hack]', ''].join('\n'),
    );
    expect(problems).toEqual([]);
    expect(taxonomy!.types).toHaveLength(7);
    expect(isKnownEvent(taxonomy!, 'Battles', 'Sniper fire')).toBe(true);
    expect(isKnownEvent(taxonomy!, 'Battles', 'Armed clash')).toBe(true);
    expect(isKnownEvent(taxonomy!, 'Cyber', 'Hack')).toBe(true);
    expect(suggestSubtypes(taxonomy!, 'a long gun battle')[0].subtype).toBe('Armed clash');
    // the default taxonomy is not mutated
    expect(isKnownEvent(ACLED_TAXONOMY, 'Battles', 'Sniper fire')).toBe(false);
  });

  it('replaces the taxonomy with mode: replace', () => {
    const { taxonomy } = parseTaxonomyYaml('mode: replace\ntypes:\n  - name: Unrest\n    subtypes:\n      - name: Strike\n        keywords: [walkout]\n');
    expect(taxonomy!.types.map((t) => t.name)).toEqual(['Unrest']);
    expect(suggestSubtypes(taxonomy!, 'Workers staged a walkout')[0]).toEqual({ type: 'Unrest', subtype: 'Strike', score: 1 });
  });

  it('reports problems with line numbers', () => {
    const r = parseTaxonomyYaml('mode: merge\ntypes:\n  - name: A\n    subtypes:\n      - description: no name\n  - subtypes: []\n');
    expect(r.problems.map((p) => p.line)).toEqual([1, 5, 6]);
    expect(parseTaxonomyYaml('types: [\n').problems[0].line).toBeGreaterThanOrEqual(1);
    expect(parseTaxonomyYaml('types: 3\n').taxonomy).toBeUndefined();
    expect(parseTaxonomyYaml('- a\n').problems[0].message).toMatch(/mapping/);
  });

  it('treats keywords as plain words, never as patterns', () => {
    const { taxonomy } = parseTaxonomyYaml('mode: replace\ntypes:\n  - name: T\n    subtypes:\n      - name: S\n        keywords: ["(a+)+$", ".*"]\n');
    expect(suggestSubtypes(taxonomy!, 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!')).toEqual([]);
    expect(suggestSubtypes(taxonomy!, 'anything at all')).toEqual([]);
  });
});

describe('media/taxonomy.default.yaml', () => {
  it('is the ACLED taxonomy in the workspace file format (UPDATE_GOLDEN=1 rewrites it)', async () => {
    const { existsSync, readFileSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { stringify } = await import('yaml');
    const path = join(__dirname, '..', '..', 'media', 'taxonomy.default.yaml');
    const header = [
      '# ACLED event types and sub-event types (spelled as ACLED spells them), with trigger keywords.',
      '# Copy to conflict-taxonomy.yaml in a workspace to change it: "mode: extend" adds types, sub-types and',
      '# keywords to these; "mode: replace" uses only the file. Keywords are plain words or phrases.',
      '',
    ].join('\n');
    const expected = header + stringify({ mode: 'replace', types: ACLED_TAXONOMY.types }, { lineWidth: 0, flowCollectionPadding: false });
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, expected);
    expect(existsSync(path)).toBe(true);
    const text = readFileSync(path, 'utf8');
    expect(text).toBe(expected);
    const parsed = parseTaxonomyYaml(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.taxonomy).toEqual(ACLED_TAXONOMY);
  });
});
