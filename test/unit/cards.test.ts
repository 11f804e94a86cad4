import { describe, expect, it } from 'vitest';
import { attributionCard, entityCard, escapeMarkdown, eventCard, grouped } from '../../src/core/review/cards';
import { entityUse } from '../../src/core/review/annotationQueries';
import type { Mention, Sidecar } from '../../src/core/model';

const mention = (id: string, text: string, start: number, extra: Partial<Mention> = {}): Mention => ({ id, label: 'ACTOR', start, end: start + Array.from(text).length, text, entity: 'isil', status: 'suggested', origin: 'gazetteer', ...extra });
const sidecar: Sidecar = {
  version: 1,
  document: { text: 'a.txt', sha256: 'x'.repeat(64), status: 'draft' },
  mentions: [mention('m1', 'ISIL', 0), mention('m2', 'Isil', 10), mention('m3', 'ISIL', 20), mention('m4', 'Qaim', 30, { label: 'PLACE', entity: 'qaim' })],
  attributions: [{ id: 'a1', cue: { start: 40, end: 44, text: 'said' }, source: { start: 30, end: 39, text: 'officials' }, kind: 'anonymous', direct: false, status: 'suggested' }],
  events: [{ id: 'e1', type: 'Battles', subtype: 'Armed clash', start: 0, end: 30, text: 'x', actor1: 'm1', place: 'm4', date: '2014-06-21', fatalities: 30, attribution: 'a1', status: 'accepted' }],
  rejected: [],
};

describe('hover cards', () => {
  it('escape Markdown, HTML and command links coming from documents', () => {
    const evil = '[click](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> **bold**';
    const out = escapeMarkdown(evil);
    expect(out).not.toMatch(/\]\(command:/);
    expect(out).not.toContain('<img');
    expect(out).toContain('\\[click\\]\\(command:');
    expect(out).toContain('&lt;img');
    const card = entityCard({ mention: mention('m9', evil, 0, { entity: 'x-evil' }), use: entityUse(sidecar, 'x-evil') });
    expect(card).not.toMatch(/[^\\]\]\(command:/);
  });

  it('an entity card starts with the canonical name and counts spellings, mentions and events', () => {
    const card = entityCard({
      mention: sidecar.mentions[0],
      entity: { id: 'isil', name: 'Islamic State of Iraq and the Levant', label: 'ACTOR', kind: 'armed_group', aliases: ['ISIL', 'ISIS'], inter: 2 },
      use: entityUse(sidecar, 'isil'),
      workspaceCount: 12,
      workspaceDocuments: { mentioning: 2, annotated: 3 },
    });
    expect(card.split('\n')[0]).toBe('**Islamic State of Iraq and the Levant**');
    expect(card).toContain('ACTOR · armed group · ACLED inter 2 \\(Rebel Groups\\)');
    expect(card).toContain('Written here as: ISIL, Isil');
    expect(card).toContain('Mentions: 3 in this document · 12 in the workspace (2 of 3 annotated articles)');
    expect(card).toContain('Events: Battles / Armed clash (2014-06-21)');
  });

  it('while the workspace index is first built, an entity card counts this document and says how far the build is', () => {
    const use = entityUse(sidecar, 'isil');
    expect(entityCard({ mention: sidecar.mentions[0], use, workspaceBuilding: { done: 3412, total: 10000 } })).toContain('Mentions: 3 in this document · workspace index building… (3,412 of 10,000 articles)');
    expect(entityCard({ mention: sidecar.mentions[0], use, workspaceBuilding: { done: 0, total: 0 } })).toContain('Mentions: 3 in this document · workspace index loading…\n');
    // counts, once there are any, take its place
    const counted = entityCard({ mention: sidecar.mentions[0], use, workspaceCount: 12, workspaceDocuments: { mentioning: 2, annotated: 3 }, workspaceBuilding: { done: 1, total: 2 } });
    expect(counted).toContain('12 in the workspace');
    expect(counted).not.toContain('building');
  });

  it('a place card has coordinates and a GeoNames link', () => {
    const card = entityCard({ mention: sidecar.mentions[3], entity: { id: 'qaim', name: 'Al-Qaim', label: 'PLACE', kind: 'city', aliases: [], lat: 34.37, lon: 41.09, geonameId: 99 }, use: entityUse(sidecar, 'qaim') });
    expect(card).toContain('Coordinates: 34.370, 41.090 · [GeoNames 99](https://www.geonames.org/99)');
  });

  it('attribution and event cards name source, cue, kind and the event fields', () => {
    expect(attributionCard(sidecar.attributions[0])).toMatch(/anonymous source · reported speech[\s\S]*Source: officials[\s\S]*Cue: said/);
    const card = eventCard(sidecar.events[0], sidecar);
    expect(card).toMatch(/Actor 1 \(acts\): ISIL · _suggested_[\s\S]*Actor 2 \(acted on\): —[\s\S]*Place: Qaim[\s\S]*Date: 2014\\-06\\-21[\s\S]*Fatalities: 30[\s\S]*Source: officials \(anonymous\)/);
  });

  it('event card: roles with their ACLED actor types, victims as Civilians, the coding and repeated reports', () => {
    const victims: Mention = { id: 'm5', label: 'CIVILIAN', start: 50, end: 59, text: 'villagers', entity: 'x-villagers', status: 'accepted', origin: 'rule' };
    const s: Sidecar = { ...sidecar, mentions: [...sidecar.mentions, victims] };
    const e = { ...sidecar.events[0], type: 'Violence against civilians', subtype: 'Attack', actor2: 'm5', inter2: 7, interaction: 27, civilian_targeting: true, time_precision: 2, admin1: 'Anbar', spans: [{ start: 60, end: 70, text: 'y' }] };
    const card = eventCard(e, s, (id) => (id === 'isil' ? { id, name: 'Islamic State', label: 'ACTOR', kind: 'armed_group', aliases: [], inter: 2 } : undefined));
    expect(card).toContain('Actor 1 (acts): ISIL (Islamic State) · inter 2 (Rebel Groups)');
    expect(card).toContain('Actor 2 (acted on): villagers · inter 7 (Civilians)');
    expect(card).toContain('Place: Qaim, Anbar');
    expect(card).toMatch(/Date: 2014\\-06\\-21 \(week\)/);
    expect(card).toContain('ACLED: civilian targeting · interaction 27 · reported 2 times');
  });

  it('event card: a coding ACLED would not accept is a warning line under the type', () => {
    const soldiers: Mention = { id: 'm6', label: 'ACTOR', start: 50, end: 58, text: 'soldiers', entity: 'x-soldiers', status: 'accepted', origin: 'rule' };
    const s: Sidecar = { ...sidecar, mentions: [...sidecar.mentions, soldiers] };
    const e = { ...sidecar.events[0], type: 'Violence against civilians', subtype: 'Attack', actor2: 'm6', inter1: 2, inter2: 1, interaction: 12 };
    const lines = eventCard(e, s).split('\n');
    // as rendered: the card escapes Markdown
    expect(lines[2].replace(/\\(.)/g, '$1')).toMatch(/^⚠ Violence against civilians targets unarmed civilians \(inter 7\), but actor 2 is "soldiers" \(inter 1, state forces\)/);
    // without that actor 2, nothing known contradicts the type
    expect(eventCard({ ...e, actor2: undefined, inter2: 0 }, s)).not.toContain('⚠');
    expect(eventCard(sidecar.events[0], sidecar)).not.toContain('⚠');
  });
});

describe('grouped', () => {
  it('groups thousands as en-US does', () => {
    for (const n of [0, 7, 999, 1000, 12345, 1234567, 10000000, -4321, 1234.5]) expect(grouped(n)).toBe(n.toLocaleString('en-US', { maximumFractionDigits: 20 }));
  });
});
