import { describe, expect, it } from 'vitest';
import { corpusStats, formatStats } from '../../src/core/corpus/corpusStats';
import type { Sidecar } from '../../src/core/model';
import { loadExportDocs } from './exportFixtures';

describe('corpusStats', () => {
  it('counts the corpus gold sidecars', () => {
    const docs = loadExportDocs();
    const s = corpusStats(docs, 5);
    expect(s.documents).toBe(3);
    expect(s.reviewed).toBe(3);
    const total = docs.reduce((n, d) => n + d.sidecar.mentions.length, 0);
    expect(s.mentions.ACTOR.accepted + s.mentions.PLACE.accepted).toBe(total);
    expect(s.mentions.ACTOR.suggested + s.mentions.PLACE.suggested).toBe(0);
    expect(s.events).toEqual({ 'Strategic developments': 1, Battles: 4 });
    expect(s.attributions.named + s.attributions.anonymous).toBe(docs.reduce((n, d) => n + d.sidecar.attributions.length, 0));
    expect(s.entities).toHaveLength(5);
    expect(s.entities[0]).toMatchObject({ id: 'isil', label: 'ACTOR', count: docs.flatMap((d) => d.sidecar.mentions).filter((m) => m.entity === 'isil' && m.label === 'ACTOR').length });
    for (let i = 1; i < s.entities.length; i++) expect(s.entities[i - 1].count).toBeGreaterThanOrEqual(s.entities[i].count);
    expect(s.orphans).toBe(0);
  });

  it('keeps orphans out of the other counts and formats a summary', () => {
    const sidecar: Sidecar = {
      version: 1,
      document: { text: 'a.txt', sha256: '', status: 'draft' },
      mentions: [
        { id: 'm1', label: 'ACTOR', start: 0, end: 4, text: 'ISIL', entity: 'isil', status: 'accepted', origin: 'manual' },
        { id: 'm2', label: 'ACTOR', start: 10, end: 14, text: 'ISIL', entity: 'isil', status: 'suggested', origin: 'rule' },
        { id: 'm3', label: 'PLACE', start: 20, end: 24, text: 'Iran', entity: 'iran', status: 'accepted', origin: 'manual' },
        { id: 'm4', label: 'ACTOR', start: 30, end: 34, text: 'Iran', entity: 'iran', status: 'accepted', origin: 'manual' },
        { id: 'm5', label: 'PLACE', start: 40, end: 44, text: 'Raqa', entity: 'raqa', status: 'accepted', origin: 'manual', orphan: true },
      ],
      attributions: [
        { id: 'a1', cue: { start: 0, end: 4, text: 'said' }, kind: 'anonymous', direct: false, status: 'accepted' },
        { id: 'a2', cue: { start: 5, end: 9, text: 'said' }, kind: 'named', direct: true, status: 'accepted', orphan: true },
      ],
      events: [{ id: 'e1', start: 0, end: 4, text: 'ISIL', type: 'Riots', subtype: 'Mob violence', status: 'suggested', orphan: true }],
      rejected: [{ kind: 'mention', label: 'ACTOR', start: 50, end: 54, text: 'ISIS' }],
    };
    const s = corpusStats([{ name: 'a.txt', sidecar }]);
    expect(s.reviewed).toBe(0);
    expect(s.mentions).toEqual({ ACTOR: { accepted: 2, suggested: 1 }, PLACE: { accepted: 1, suggested: 0 } });
    expect(s.entities).toEqual([
      { id: 'isil', label: 'ACTOR', count: 2, text: 'ISIL' },
      { id: 'iran', label: 'ACTOR', count: 1, text: 'Iran' },
      { id: 'iran', label: 'PLACE', count: 1, text: 'Iran' },
    ]);
    expect(s.attributions).toEqual({ named: 0, anonymous: 1 });
    expect(s.events).toEqual({});
    expect(s.orphans).toBe(3);
    // the status bar's figures: accepted and rejected are decided, orphans count nowhere
    expect(s.review).toEqual({ accepted: 4, rejected: 1, suggested: 1 });
    const text = formatStats(s);
    expect(text).toContain('Documents: 1 (0 reviewed)');
    expect(text).toContain('Review: 5/6 decided (4 accepted, 1 rejected, 1 suggestions left)');
    expect(text).toMatch(/ACTOR\s+2\s+1/);
    expect(text).toContain('Orphans: 3');
    expect(text).toContain('   2  isil (ACTOR)');
    // the editor's form: gazetteer names, else the spelling people wrote, never an id
    const named = formatStats(s, (id) => (id === 'isil' ? 'Islamic State of Iraq and the Levant' : undefined));
    expect(named).toContain('   2  Islamic State of Iraq and the Levant (ACTOR)');
    expect(named).toContain('   1  Iran (PLACE)');
    expect(named).not.toMatch(/\b(?:isil|iran) \(/);
  });

  it('handles an empty corpus', () => {
    const s = corpusStats([]);
    expect(s.documents).toBe(0);
    expect(formatStats(s)).toContain('Events: 0');
  });
});
