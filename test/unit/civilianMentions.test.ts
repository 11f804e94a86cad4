import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { annotateDocument } from '../../src/core/review/annotateDocument';
import { acceptItem, rejectItem, removeItem } from '../../src/core/review/mergeSuggestions';
import { emptySidecar } from '../../src/core/sidecar/sidecarFormat';
import { renderSidecar } from '../../src/core/sidecar/renderSidecar';
import { parseSidecar } from '../../src/core/sidecar/parseSidecar';
import { validateSidecar } from '../../src/core/sidecar/validateSidecar';
import { scoreNamedMentions } from '../../src/core/corpus/evaluate';
import { documentCounts } from '../../src/core/corpus/corpusStats';
import { annotationCounts } from '../../src/core/review/annotationCounts';
import { emptyLearned, learnFromSidecar } from '../../src/core/learning/learnedSuggestions';
import { toConll } from '../../src/core/exports/conll';
import { toAcledCsv } from '../../src/core/exports/acledCsv';
import { toEventsJsonl } from '../../src/core/exports/eventsJsonl';
import { prepare, roleNotes } from '../../src/core/exports/exportDocument';
import { semanticSpans } from '../../src/core/review/semanticSpans';
import type { Sidecar } from '../../src/core/model';
import { buildDefaultGazetteer } from './detectFixtures';

/**
 * Victims ("civilians", "14 villagers") are no actors by the mention guidelines, but an event's actor 2 needs a
 * mention to point to: they are CIVILIAN mentions, which entity scores, statistics, learning and the NER exports
 * leave out and the events keep. Texts written for this test.
 */
const TEXT = 'Gunmen killed 14 villagers in Gao, Mali, on Monday, officials said.\n';
const gazetteer = buildDefaultGazetteer();
const sha = createHash('sha256').update(TEXT).digest('hex');
const annotated = (): Sidecar => annotateDocument(emptySidecar('t.txt', sha), TEXT, sha, gazetteer).sidecar;

describe('victims as CIVILIAN mentions', () => {
  it('annotate suggests the victims as a CIVILIAN mention the event points to, never as an ACTOR', () => {
    const s = annotated();
    const villagers = s.mentions.filter((m) => m.text === 'villagers');
    expect(villagers.map((m) => m.label)).toEqual(['CIVILIAN']);
    const event = s.events.find((e) => e.type === 'Violence against civilians');
    expect(event?.actor2).toBe(villagers[0].id);
    expect(s.mentions.find((m) => m.id === event?.actor1)?.text).toBe('Gunmen');
    // written and read back as they are, and valid
    const back = parseSidecar(renderSidecar(s));
    expect(back.problems).toEqual([]);
    expect(back.sidecar?.mentions.find((m) => m.id === villagers[0].id)?.label).toBe('CIVILIAN');
    expect(validateSidecar(back.sidecar!, TEXT)).toEqual([]);
  });

  it('is neither credited nor counted against in the named actor and place score', () => {
    const s = annotated();
    // the gold as the guidelines write it: names and places, the bare group noun as a descriptive actor
    const gold = { document: 't.txt', mentions: s.mentions.filter((m) => m.label !== 'CIVILIAN').map((m) => ({ ...m, named: m.text !== 'Gunmen' })), attributions: [] };
    const scores = scoreNamedMentions([gold], [s]);
    expect(scores.precision).toBe(1);
    // the same mention as an ACTOR would be a false positive
    const asActor = { ...s, mentions: s.mentions.map((m) => (m.label === 'CIVILIAN' ? { ...m, label: 'ACTOR' as const } : m)) };
    expect(scoreNamedMentions([gold], [asActor]).precision).toBeLessThan(1);
  });

  it('goes with its event: accepted with it, dropped when the event is rejected or removed, and not re-added', () => {
    const s = annotated();
    const event = s.events.find((e) => e.type === 'Violence against civilians')!;
    const accepted = acceptItem(s, event.id, TEXT);
    expect(accepted.mentions.find((m) => m.id === event.actor2)?.status).toBe('accepted');
    for (const after of [rejectItem(s, event.id, TEXT), removeItem(s, event.id)]) {
      expect(after.mentions.some((m) => m.label === 'CIVILIAN')).toBe(false);
      expect(after.mentions.some((m) => m.text === 'Gunmen')).toBe(true);
    }
    const again = annotateDocument(rejectItem(s, event.id, TEXT), TEXT, sha, gazetteer).sidecar;
    expect(again.events.some((e) => e.type === 'Violence against civilians')).toBe(false);
    expect(again.mentions.some((m) => m.label === 'CIVILIAN')).toBe(false);
    // an accepted victim is a person's decision and stays when its event goes
    const kept = removeItem(accepted, event.id);
    expect(kept.mentions.find((m) => m.id === event.actor2)?.label).toBe('CIVILIAN');
  });

  it('is no entity of the workspace: statistics count it only in the review totals, learning ignores it', () => {
    const s = acceptItem(annotated(), annotated().events[0].id, TEXT);
    const counts = annotationCounts(s);
    expect(Object.keys(counts.mentions)).toEqual(['ACTOR', 'PLACE']);
    expect(counts.accepted).toBeGreaterThan(counts.mentions.ACTOR.accepted + counts.mentions.PLACE.accepted);
    expect(documentCounts(s).entities.some(([label]) => label === 'CIVILIAN')).toBe(false);
    const model = emptyLearned();
    learnFromSidecar(model, 't.txt', s);
    expect([...model.entries.keys()].some((k) => k.includes('villagers'))).toBe(false);
  });

  it('exports: no NER label, but the event keeps it as actor 2 (ACLED "Civilians (Mali)", inter 7)', () => {
    let s = annotated();
    const event = s.events.find((e) => e.type === 'Violence against civilians')!;
    s = { ...acceptItem(s, event.id, TEXT), document: { ...s.document, status: 'reviewed' } };
    const doc = { name: 't.txt', text: TEXT, sidecar: s };
    const entities = (id: string) => gazetteer.get(id);
    expect(toConll([doc])).not.toMatch(/CIVILIAN/);
    expect(toConll([doc])).toMatch(/Gunmen\s+\S+\s+\S+\s+B-ACTOR/);
    const csv = toAcledCsv([doc], { entities }).split('\r\n');
    const header = csv[0].split(',');
    const row = csv.find((l) => l.includes(`:${event.id}`))!;
    const cells = row.match(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''));
    expect(cells[header.indexOf('actor2')]).toBe('Civilians (Mali)');
    expect(cells[header.indexOf('inter2')]).toBe('7');
    const rec = JSON.parse(toEventsJsonl([doc]).trim().split('\n').find((l) => l.includes(event.id))!);
    expect(rec.actor2).toMatchObject({ label: 'CIVILIAN', text: 'villagers', status: 'accepted' });
    // an accepted victim is exported with its event, not reported as a borrowed suggestion
    expect(roleNotes(prepare(doc, {}))).toEqual([]);
  });

  it('has its own colour in the editor', () => {
    const s = annotated();
    const runs = semanticSpans(s, TEXT);
    const at = TEXT.indexOf('villagers');
    expect(runs.find((r) => r.character === at)?.type).toBe('civilian');
  });

  it('holds the people who protest too: actor 1 of the protest, no ACTOR, exported as ACLED protesters (inter 6)', () => {
    const text = 'Hundreds of residents protested in Gao, Mali, on Monday against power cuts.\n';
    const h = createHash('sha256').update(text).digest('hex');
    let s = annotateDocument(emptySidecar('p.txt', h), text, h, gazetteer).sidecar;
    const residents = s.mentions.filter((m) => m.text === 'residents');
    expect(residents.map((m) => m.label)).toEqual(['CIVILIAN']);
    const event = s.events.find((e) => e.type === 'Protests')!;
    expect(event.actor1).toBe(residents[0].id);
    expect(event.inter1).toBe(6);
    s = { ...acceptItem(s, event.id, text), document: { ...s.document, status: 'reviewed' } };
    const csv = toAcledCsv([{ name: 'p.txt', text, sidecar: s }], { entities: (id: string) => gazetteer.get(id) }).split('\r\n');
    const header = csv[0].split(',');
    const cells = csv.find((l) => l.includes(`:${event.id}`))!.split(',');
    expect(cells[header.indexOf('actor1')]).toBe('Protesters (Mali)');
    expect(cells[header.indexOf('inter1')]).toBe('6');
    // a hand-tagged protest whose people carry no stored type is coded the same
    const bare = { ...s, events: s.events.map((e) => (e.id === event.id ? { ...e, inter1: undefined } : e)) };
    const again = toAcledCsv([{ name: 'p.txt', text, sidecar: bare }], { entities: (id: string) => gazetteer.get(id) }).split('\r\n');
    expect(again.find((l) => l.includes(`:${event.id}`))!.split(',')[header.indexOf('inter1')]).toBe('6');
  });
});
