import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { annotateDocument } from '../../src/core/review/annotateDocument';
import { retypeEvent, roleLabels, setEventRole } from '../../src/core/review/editEvent';
import { emptySidecar } from '../../src/core/sidecar/sidecarFormat';
import { validateSidecar } from '../../src/core/sidecar/validateSidecar';
import { TextIndex } from '../../src/core/text/textIndex';
import type { Sidecar } from '../../src/core/model';
import { buildDefaultGazetteer } from './detectFixtures';

/** Changing an event's type and its roles, as the editor's quick fixes do (texts written for this test). */
const TEXT = 'Gunmen killed 14 villagers in Gao, Mali, on Monday.\nRebels stormed a military base near Gao before dawn on Tuesday, killing at least 17 soldiers.\n';
const gazetteer = buildDefaultGazetteer();
const sha = createHash('sha256').update(TEXT).digest('hex');
const index = new TextIndex(TEXT);
const annotate = (s: Sidecar = emptySidecar('t.txt', sha)): Sidecar => annotateDocument(s, TEXT, sha, gazetteer).sidecar;
const mention = (s: Sidecar, text: string) => s.mentions.find((m) => m.text === text)!;

describe('editing an event', () => {
  const base = annotate();
  const event = base.events.find((e) => e.type === 'Battles')!;

  it('the detector suggests an event to edit', () => {
    expect(event).toMatchObject({ status: 'suggested', origin: 'rule', actor1: mention(base, 'Rebels').id, actor2: mention(base, 'soldiers').id });
  });

  it('retyping makes it a decision; the old coding is not suggested again beside it', () => {
    const s = retypeEvent(base, event.id, 'Violence against civilians', 'Attack', index, { by: 'amal', at: '2030-01-01T00:00:00Z' });
    const e = s.events.find((x) => x.id === event.id)!;
    expect(e).toMatchObject({ type: 'Violence against civilians', subtype: 'Attack', status: 'accepted', origin: 'manual', civilian_targeting: true });
    expect(e.prefix).toBeDefined();
    // its roles are accepted with it
    expect(s.mentions.find((m) => m.id === e.actor1)?.status).toBe('accepted');
    expect(s.rejected).toEqual([expect.objectContaining({ kind: 'event', label: `${event.type}/${event.subtype}`, start: event.start, by: 'amal' })]);
    const again = annotate(s);
    expect(again.events.filter((x) => x.start === event.start).map((x) => `${x.type}/${x.subtype}`)).toEqual(['Violence against civilians/Attack']);
    expect(validateSidecar(again, TEXT)).toEqual([]);
    // the same coding changes nothing
    expect(retypeEvent(base, event.id, event.type, event.subtype)).toBe(base);
  });

  it('a role takes another mention; the actor types and interaction follow', () => {
    const villagers = mention(base, 'villagers');
    expect(villagers.label).toBe('CIVILIAN');
    const s = setEventRole(base, event.id, 'actor2', villagers.id, index, undefined, (m) => (m.text === 'Rebels' ? 2 : undefined));
    const e = s.events.find((x) => x.id === event.id)!;
    expect(e).toMatchObject({ actor2: villagers.id, inter1: 2, inter2: 7, interaction: 27, civilian_targeting: true, status: 'accepted' });
    expect(s.mentions.find((m) => m.id === villagers.id)?.status).toBe('accepted');
    expect(validateSidecar(s, TEXT)).toEqual([]);
    // and again nobody: ACLED's actor 2 type 0
    const none = setEventRole(s, event.id, 'actor2', undefined, index, undefined, (m) => (m.text === 'Rebels' ? 2 : undefined)).events.find((x) => x.id === event.id)!;
    expect(none.actor2).toBeUndefined();
    expect(none).toMatchObject({ inter1: 2, inter2: 0, interaction: 20 });
  });

  it('making actor 2 actor 1 swaps the two; a victim never acts', () => {
    const soldiers = mention(base, 'soldiers');
    const swapped = setEventRole(base, event.id, 'actor1', soldiers.id, index).events.find((x) => x.id === event.id)!;
    expect([swapped.actor1, swapped.actor2]).toEqual([soldiers.id, event.actor1]);
    // their ACLED types go with them
    expect(event.inter1).toBeDefined();
    expect([swapped.inter1, swapped.inter2]).toEqual([event.inter2, event.inter1]);
    // a victim made actor 2 cannot change places with the actor: actor 1 is left empty
    const villagers0 = mention(base, 'villagers');
    const victims = setEventRole(base, event.id, 'actor2', villagers0.id, index);
    expect(setEventRole(victims, event.id, 'actor2', event.actor1, index).events.find((x) => x.id === event.id)).toMatchObject({ actor2: event.actor1 });
    expect(setEventRole(victims, event.id, 'actor2', event.actor1, index).events.find((x) => x.id === event.id)?.actor1).toBeUndefined();
    const villagers = mention(base, 'villagers');
    expect(() => setEventRole(base, event.id, 'actor1', villagers.id)).toThrow(/cannot be the actor 1/);
    expect(() => setEventRole(base, event.id, 'place', event.actor1)).toThrow(/cannot be the place/);
    expect(roleLabels('actor2')).toContain('CIVILIAN');
  });
});
