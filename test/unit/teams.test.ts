/**
 * Team work in the core, without git: who decided (stampDecisions), the merge that records conflicts, conflict
 * markers, settling, curation. test/unit/gitTeams.test.ts runs the same through real git.
 */
import { describe, expect, it } from 'vitest';
import type { EventAnnotation, Mention, Sidecar } from '../../src/core/model';
import { emptySidecar } from '../../src/core/sidecar/sidecarFormat';
import { mergeSidecars } from '../../src/core/sidecar/mergeSidecars';
import { parseSidecar } from '../../src/core/sidecar/parseSidecar';
import { renderSidecar } from '../../src/core/sidecar/renderSidecar';
import { validateSidecar } from '../../src/core/sidecar/validateSidecar';
import { firstConflictMarker, splitConflictMarkers } from '../../src/core/sidecar/conflictMarkers';
import { mergeVersions } from '../../src/core/sidecar/mergeVersions';
import { describeConflict } from '../../src/core/sidecar/describeConflict';
import { acceptAll, acceptItem, addMention, mergeSuggestions, rejectItem, upsertEvent } from '../../src/core/review/mergeSuggestions';
import { decisionBy, stampDecisions } from '../../src/core/review/stampDecisions';
import { conflictListOf, settleAll, settleConflict } from '../../src/core/review/settleConflict';
import { curate } from '../../src/core/review/curate';
import { entityCard, eventCard } from '../../src/core/review/cards';
import { entityUse } from '../../src/core/review/annotationQueries';
import { sha256Hex } from '../../src/core/text/decodeText';

const TEXT = 'ISIL took Mosul. Officials said the army fled to Baghdad.';
const SHA = sha256Hex(new TextEncoder().encode(TEXT));
const AMAL = { by: 'amal', at: '2025-03-01T14:05:00Z' };
const BO = { by: 'bo', at: '2025-03-02T09:00:00Z' };

function mention(id: string, quote: string, label: 'ACTOR' | 'PLACE' = 'ACTOR', extra: Partial<Mention> = {}): Mention {
  const start = TEXT.indexOf(quote);
  return { id, label, start, end: start + quote.length, text: quote, status: 'suggested', origin: 'rule', ...extra };
}

/** The detector's view of the text: ISIL, Mosul, army, Baghdad suggested. */
function base(): Sidecar {
  return {
    ...emptySidecar('a.txt', SHA),
    mentions: [mention('m-aaaaaa', 'ISIL'), mention('m-bbbbbb', 'Mosul', 'PLACE'), mention('m-cccccc', 'army'), mention('m-dddddd', 'Baghdad', 'PLACE')],
  };
}

const decide = (before: Sidecar, change: (s: Sidecar) => Sidecar, who: { by: string; at: string }) => stampDecisions(before, change(before), who);

describe('stampDecisions: who decided what', () => {
  it('stamps accepts, rejections and a new status, and nothing the detector did', () => {
    const b = base();
    const accepted = decide(b, (s) => acceptItem(s, 'm-aaaaaa', TEXT), AMAL);
    expect(accepted.mentions[0]).toMatchObject({ status: 'accepted', ...AMAL });
    expect(accepted.mentions.slice(1).every((m) => m.by === undefined)).toBe(true);
    // accepting it again later is no new decision: the first annotator stays
    expect(decide(accepted, (s) => acceptItem(s, 'm-aaaaaa', TEXT), BO).mentions[0]).toMatchObject(AMAL);
    const rejected = decide(accepted, (s) => rejectItem(s, 'm-bbbbbb'), BO);
    expect(rejected.rejected).toEqual([{ kind: 'mention', label: 'PLACE', start: 10, end: 15, text: 'Mosul', ...BO }]);
    const reviewed = decide(rejected, (s) => ({ ...s, document: { ...s.document, status: 'reviewed' } }), BO);
    expect(reviewed.document).toMatchObject({ status: 'reviewed', ...BO });
    // a detection merge adds suggestions: none of them gets a `by`
    const detected = decide(b, (s) => mergeSuggestions(s, { mentions: [{ label: 'ACTOR', start: 17, end: 26, text: 'Officials', origin: 'rule' }], attributions: [] }, TEXT).sidecar, AMAL);
    expect(detected.mentions.find((m) => m.text === 'Officials')).toMatchObject({ status: 'suggested' });
    expect(detected.mentions.some((m) => m.by !== undefined)).toBe(false);
  });

  it('stamps an edited event and a re-attached mention, keeps provenance a core call set itself', () => {
    const b = decide(base(), (s) => acceptAll(s, TEXT), AMAL);
    const event: Omit<EventAnnotation, 'id'> = { type: 'Battles', subtype: 'Armed clash', start: 0, end: 15, text: 'ISIL took Mosul', actor1: 'm-aaaaaa', status: 'accepted', origin: 'manual' };
    const tagged = upsertEvent(b, event, BO);
    const withEvent = stampDecisions(b, tagged.sidecar, { by: 'someone else', at: '2025-04-01T00:00:00Z' });
    expect(withEvent.events[0]).toMatchObject(BO);
    const edited = decide(withEvent, (s) => ({ ...s, events: s.events.map((e) => ({ ...e, fatalities: 3 })) }), AMAL);
    expect(edited.events[0]).toMatchObject({ fatalities: 3, ...AMAL });
    const moved = decide(edited, (s) => ({ ...s, mentions: s.mentions.map((m) => (m.id === 'm-cccccc' ? { ...m, start: 41, end: 45, text: 'fled' } : m)) }), BO);
    expect(moved.mentions.find((m) => m.id === 'm-cccccc')).toMatchObject(BO);
    expect(moved.mentions.find((m) => m.id === 'm-aaaaaa')).toMatchObject(AMAL);
    expect(stampDecisions(b, acceptAll(b, TEXT), undefined)).toEqual(acceptAll(b, TEXT));
  });

  it('writes the time to the second in UTC', () => {
    expect(decisionBy(' amal ', new Date(Date.UTC(2025, 2, 1, 14, 5, 7, 123)))).toEqual({ by: 'amal', at: '2025-03-01T14:05:07Z' });
    expect(decisionBy('  ')).toBeUndefined();
  });

  it('shows who decided on the hover cards', () => {
    const s = decide(base(), (x) => acceptItem(x, 'm-aaaaaa', TEXT), AMAL);
    const card = entityCard({ mention: s.mentions[0], use: entityUse(s, ''), entity: undefined });
    expect(card).toContain('by amal, 2025\\-03\\-01 14:05 UTC');
    expect(entityCard({ mention: s.mentions[1], use: entityUse(s, '') })).not.toContain(' by ');
    const e = upsertEvent(s, { type: 'Battles', subtype: 'Armed clash', start: 0, end: 15, text: 'ISIL took Mosul', status: 'accepted' }, BO);
    expect(eventCard(e.sidecar.events[0], e.sidecar)).toContain('by bo');
  });
});

describe('mergeSidecars, recording conflicts (the merge driver)', () => {
  it('merges different decisions cleanly and never calls two annotators accepting one item a conflict', () => {
    const b = base();
    const ours = decide(b, (s) => acceptItem(s, 'm-aaaaaa', TEXT), AMAL);
    const theirs = decide(b, (s) => rejectItem(acceptItem(s, 'm-aaaaaa', TEXT), 'm-dddddd'), BO);
    const r = mergeSidecars(b, ours, theirs, { record: true });
    expect(r.conflicts).toBe(0);
    expect(r.sidecar.conflicts).toBeUndefined();
    expect(r.sidecar.mentions.find((m) => m.id === 'm-aaaaaa')).toMatchObject({ status: 'accepted', by: 'amal' });
    expect(r.sidecar.mentions.some((m) => m.id === 'm-dddddd')).toBe(false);
    expect(r.sidecar.rejected).toHaveLength(1);
  });

  it('lists the same item decided differently, keeps ours in the list meanwhile, with both sides and the base', () => {
    const b = base();
    const ours = decide(b, (s) => acceptItem(s, 'm-bbbbbb', TEXT), AMAL);
    const theirs = decide(b, (s) => rejectItem(s, 'm-bbbbbb'), BO);
    const r = mergeSidecars(b, ours, theirs, { record: true });
    expect(r.conflicts).toBe(1);
    expect(r.sidecar.conflicts).toEqual([{ id: 'm-bbbbbb', ours: expect.objectContaining({ status: 'accepted', by: 'amal' }), theirs: null, base: expect.objectContaining({ id: 'm-bbbbbb' }) }]);
    expect(r.sidecar.mentions.find((m) => m.id === 'm-bbbbbb')).toMatchObject({ status: 'accepted' });
    expect(r.sidecar.rejected).toEqual([expect.objectContaining({ text: 'Mosul', by: 'bo' })]);
    // the other way round: the list holds theirs (ours removed it), and a field conflict prefers ours
    const swapped = mergeSidecars(b, theirs, ours, { record: true });
    expect(swapped.sidecar.conflicts![0]).toMatchObject({ ours: null, theirs: expect.objectContaining({ by: 'amal' }) });
    expect(swapped.sidecar.mentions.some((m) => m.id === 'm-bbbbbb')).toBe(true);
    const linkedA = decide(b, (s) => ({ ...s, mentions: s.mentions.map((m) => (m.id === 'm-cccccc' ? { ...m, status: 'accepted' as const, entity: 'iq-army' } : m)) }), AMAL);
    const linkedB = decide(b, (s) => ({ ...s, mentions: s.mentions.map((m) => (m.id === 'm-cccccc' ? { ...m, status: 'accepted' as const, entity: 'x-army' } : m)) }), BO);
    const fields = mergeSidecars(b, linkedA, linkedB, { record: true });
    expect(fields.sidecar.mentions.find((m) => m.id === 'm-cccccc')!.entity).toBe('iq-army');
    expect(describeConflict(fields.sidecar.conflicts![0])).toBe('mention m-cccccc "army": entity ours "iq-army", theirs "x-army" (ours by amal, theirs by bo)');
    // the store's save keeps theirs and records nothing
    const store = mergeSidecars(b, linkedA, linkedB);
    expect([store.conflicts, store.sidecar.conflicts, store.sidecar.mentions.find((m) => m.id === 'm-cccccc')!.entity]).toEqual([1, undefined, 'x-army']);
  });

  it('pairs items both tagged by hand at one place: one item when they agree, a conflict when not', () => {
    const b = base();
    const tag = (s: Sidecar, label: 'ACTOR' | 'PLACE', who: typeof AMAL) => addMention(s, TEXT, { start: 17, end: 26, label, entity: 'x-officials' }, who).sidecar;
    const ours = decide(b, (s) => tag(s, 'ACTOR', AMAL), AMAL);
    const theirs = decide(b, (s) => tag(s, 'ACTOR', BO), BO);
    const oursId = ours.mentions.find((m) => m.text === 'Officials')!.id;
    expect(theirs.mentions.find((m) => m.text === 'Officials')!.id).not.toBe(oursId); // manual ids take who and when
    const agreed = mergeSidecars(b, ours, theirs, { record: true });
    expect(agreed.sidecar.mentions.filter((m) => m.text === 'Officials').map((m) => m.id)).toEqual([oursId]);
    expect(agreed.sidecar.conflicts).toBeUndefined();
    const other = decide(b, (s) => tag(s, 'PLACE', BO), BO);
    const disagree = mergeSidecars(b, ours, other, { record: true });
    expect(disagree.sidecar.mentions.filter((m) => m.text === 'Officials')).toHaveLength(1);
    expect(disagree.sidecar.conflicts).toEqual([expect.objectContaining({ id: oursId, ours: expect.objectContaining({ label: 'ACTOR' }), theirs: expect.objectContaining({ label: 'PLACE', id: oursId }) })]);
  });

  it('keeps a settled conflict settled, and drops event roles whose mention the merge removed', () => {
    const b = base();
    const open: Sidecar = { ...b, conflicts: [{ id: 'm-aaaaaa', ours: null, theirs: { id: 'm-aaaaaa' } }] };
    const settled = { ...open, conflicts: undefined };
    expect(mergeSidecars(open, settled, open, { record: true }).sidecar.conflicts).toBeUndefined();
    expect(mergeSidecars(open, settled, open).sidecar.conflicts).toBeUndefined();
    expect(mergeSidecars(b, b, open).sidecar.conflicts).toEqual(open.conflicts);
    const event = upsertEvent(b, { type: 'Battles', subtype: 'Armed clash', start: 0, end: 15, text: 'ISIL took Mosul', place: 'm-bbbbbb', status: 'accepted' }, AMAL).sidecar;
    const theirs = decide(b, (s) => rejectItem(s, 'm-bbbbbb'), BO);
    const r = mergeSidecars(b, event, theirs, { record: true });
    expect(r.sidecar.mentions.some((m) => m.id === 'm-bbbbbb')).toBe(false);
    expect(r.sidecar.events[0].place).toBeUndefined();
    expect(validateSidecar(r.sidecar, TEXT).filter((p) => p.severity === 'error')).toEqual([]);
  });
});

describe('conflict markers', () => {
  const b = base();
  // ours also accepts a suggestion theirs left alone: no conflict, with or without the ancestor
  const ours = renderSidecar(decide(b, (s) => acceptItem(acceptItem(s, 'm-bbbbbb', TEXT), 'm-dddddd', TEXT), AMAL));
  const theirs = renderSidecar(decide(b, (s) => rejectItem(s, 'm-bbbbbb'), BO));
  /** What git's text merge leaves: the differing lines between markers (one hunk per run of different lines). */
  function textMerge(o: string, t: string, ancestor?: string): string {
    const ol = o.split('\n');
    const tl = t.split('\n');
    const al = ancestor?.split('\n');
    let start = 0;
    while (ol[start] === tl[start]) start++;
    let end = 0;
    while (ol[ol.length - 1 - end] === tl[tl.length - 1 - end]) end++;
    const mid = al ? ['||||||| base', ...al.slice(start, al.length - end)] : [];
    return [...ol.slice(0, start), '<<<<<<< HEAD', ...ol.slice(start, ol.length - end), ...mid, '=======', ...tl.slice(start, tl.length - end), '>>>>>>> bo', ...ol.slice(ol.length - end)].join('\n');
  }

  it('gives one clear problem instead of a cascade of YAML errors', () => {
    const merged = textMerge(ours, theirs);
    const r = parseSidecar(merged);
    const line = merged.split('\n').indexOf('<<<<<<< HEAD') + 1;
    expect(r.sidecar).toBeUndefined();
    expect(r.problems).toEqual([expect.objectContaining({ code: 'conflict-markers', severity: 'error', line })]);
    expect(r.problems[0].message).toContain(`merge conflict markers (<<<<<<<) at line ${line}`);
    expect(r.problems[0].message).toContain('conflict-annotator resolve');
    expect(firstConflictMarker(ours)).toBeUndefined();
    // a lone marker is no merge: the YAML parser's own errors are reported
    expect(parseSidecar(`${ours}<<<<<<< HEAD\n`).problems[0].code).toBe('yaml-syntax');
  });

  it('splits the versions back out, with the ancestor of a diff3 merge', () => {
    const plain = splitConflictMarkers(textMerge(ours, theirs))!;
    expect([plain.ours, plain.theirs, plain.base, plain.hunks]).toEqual([ours, theirs, undefined, 1]);
    const ancestor = renderSidecar(b);
    const diff3 = splitConflictMarkers(textMerge(ours, theirs, ancestor))!;
    expect(diff3.base).toBe(ancestor);
    expect(splitConflictMarkers(textMerge(ours, theirs).replace('>>>>>>> bo', ''))).toBeUndefined();
  });

  it('merges the two versions by item, with or without their ancestor', () => {
    for (const ancestor of [undefined, renderSidecar(b)]) {
      const split = splitConflictMarkers(textMerge(ours, theirs, ancestor))!;
      const r = mergeVersions(split);
      if (!r.ok) throw new Error('did not merge');
      expect(r.withBase).toBe(ancestor !== undefined);
      expect(r.sidecar.conflicts?.map((c) => c.id)).toEqual(['m-bbbbbb']);
      expect(r.sidecar.mentions.find((m) => m.id === 'm-dddddd')).toMatchObject({ status: 'accepted', by: 'amal' });
      expect(parseSidecar(r.yaml).problems).toEqual([]);
      expect(validateSidecar(parseSidecar(r.yaml).sidecar!, TEXT).map((p) => p.code)).toEqual(['unsettled-conflict']);
    }
    const broken = mergeVersions({ ours, theirs: 'version: [\n' });
    expect(broken).toMatchObject({ ok: false, side: 'theirs' });
  });
});

describe('settleConflict', () => {
  const b = base();
  const ours = decide(b, (s) => acceptItem(s, 'm-bbbbbb', TEXT), AMAL);
  const theirs = decide(b, (s) => rejectItem(s, 'm-bbbbbb'), BO);
  const merged = parseSidecar(renderSidecar(mergeSidecars(b, ours, theirs, { record: true }).sidecar)).sidecar!;

  it('takes mine (the item stays, the rejection goes) or theirs (the item goes, the rejection stays)', () => {
    const mine = settleConflict(merged, 'm-bbbbbb', 'ours');
    expect(mine.conflicts).toBeUndefined();
    expect(mine.mentions.find((m) => m.id === 'm-bbbbbb')).toMatchObject({ status: 'accepted', by: 'amal' });
    expect(mine.rejected).toEqual([]);
    const theirsTaken = settleConflict(merged, 'm-bbbbbb', 'theirs');
    expect(theirsTaken.mentions.some((m) => m.id === 'm-bbbbbb')).toBe(false);
    expect(theirsTaken.rejected).toHaveLength(1);
    for (const s of [mine, theirsTaken]) expect(validateSidecar(s, TEXT)).toEqual([]);
    expect(settleConflict(merged, 'm-nothere', 'ours')).toBe(merged);
  });

  it('keeps both versions as two items', () => {
    const a = decide(b, (s) => ({ ...s, mentions: s.mentions.map((m) => (m.id === 'm-cccccc' ? { ...m, status: 'accepted' as const, entity: 'iq-army' } : m)) }), AMAL);
    const c = decide(b, (s) => ({ ...s, mentions: s.mentions.map((m) => (m.id === 'm-cccccc' ? { ...m, status: 'accepted' as const, label: 'PLACE' as const } : m)) }), BO);
    const m = mergeSidecars(b, a, c, { record: true }).sidecar;
    const both = settleAll(m, 'both');
    const army = both.mentions.filter((x) => x.text === 'army');
    expect(army.map((x) => x.label).sort()).toEqual(['ACTOR', 'PLACE']);
    expect(new Set(army.map((x) => x.id)).size).toBe(2);
    expect(both.conflicts).toBeUndefined();
    expect(validateSidecar(both, TEXT)).toEqual([]);
  });

  it('knows what an id names', () => {
    expect(['m-3f9a1c', 'm12', 'a-01', 'e7', 'document', 'x1'].map(conflictListOf)).toEqual(['mentions', 'mentions', 'attributions', 'events', 'document', undefined]);
  });
});

describe('curate', () => {
  it('keeps what both decided alike and lists every disagreement', () => {
    const b = base();
    const a = decide(b, (s) => rejectItem(acceptItem(acceptItem(s, 'm-aaaaaa', TEXT), 'm-bbbbbb', TEXT), 'm-dddddd'), AMAL);
    let c = decide(b, (s) => acceptItem(acceptItem(s, 'm-aaaaaa', TEXT), 'm-dddddd', TEXT), BO);
    c = decide(c, (s) => addMention(s, TEXT, { start: 17, end: 26, label: 'ACTOR' }, BO).sidecar, BO);
    // both tag one event, B's actor is B's manual mention: roles are compared as the curated items they name
    const ev = { type: 'Battles', subtype: 'Armed clash', start: 0, end: 15, text: 'ISIL took Mosul', actor1: 'm-aaaaaa', status: 'accepted' as const, origin: 'manual' as const };
    const ca = upsertEvent(a, ev, AMAL).sidecar;
    const cb = upsertEvent(c, ev, BO).sidecar;
    const r = curate(ca, cb);
    expect(r.agreed).toBe(2); // ISIL, the event
    const byId = new Map(r.sidecar.conflicts!.map((x) => [x.id, x]));
    expect(r.disagreements).toBe(3);
    expect(byId.get('m-bbbbbb')).toMatchObject({ ours: expect.objectContaining({ text: 'Mosul' }), theirs: null });
    expect(byId.get('m-dddddd')).toMatchObject({ ours: null, theirs: expect.objectContaining({ text: 'Baghdad' }) });
    expect([...byId.values()].some((x) => x.theirs?.text === 'Officials' && x.ours === null)).toBe(true);
    // suggestions are not decisions: the army suggestion is left out
    expect(r.sidecar.mentions.some((m) => m.text === 'army')).toBe(false);
    expect(r.sidecar.document.status).toBe('draft');
    expect(validateSidecar(r.sidecar, TEXT).map((p) => p.code)).toEqual(['unsettled-conflict', 'unsettled-conflict', 'unsettled-conflict']);
    // A rejected Baghdad, B accepted it: taking B lifts A's rejection; taking A keeps it
    expect(settleConflict(r.sidecar, 'm-dddddd', 'theirs').rejected).toEqual([]);
    expect(settleConflict(r.sidecar, 'm-dddddd', 'ours').rejected).toHaveLength(1);
    const done = settleAll(r.sidecar, 'theirs');
    expect(done.mentions.map((m) => m.text).sort()).toEqual(['Baghdad', 'ISIL', 'Officials']);
    expect(validateSidecar(done, TEXT)).toEqual([]);
  });

  it('agrees with itself', () => {
    const a = decide(base(), (s) => acceptAll(s, TEXT), AMAL);
    const r = curate(a, a);
    expect([r.agreed, r.disagreements, r.sidecar.conflicts]).toEqual([4, 0, undefined]);
  });
});

describe('agreementHtml', () => {
  it('draws a chart per label and lists disagreements with both spans, escaping document text', async () => {
    const { computeAgreement } = await import('../../src/core/agreement/computeAgreement');
    const { agreementHtml } = await import('../../src/core/agreement/agreementHtml');
    const text = 'The army & ISIL fought in <b>Mosul</b>.';
    const sha = sha256Hex(new TextEncoder().encode(text));
    const m = (id: string, quote: string, label: 'ACTOR' | 'PLACE'): Mention => ({ id, label, start: text.indexOf(quote), end: text.indexOf(quote) + quote.length, text: quote, status: 'accepted', origin: 'manual' });
    const a: Sidecar = { ...emptySidecar('d.txt', sha), mentions: [m('m1', 'army', 'ACTOR'), m('m2', '<b>Mosul</b>', 'PLACE')] };
    const b: Sidecar = { ...emptySidecar('d.txt', sha), mentions: [m('m1', 'army', 'ACTOR'), m('m3', 'ISIL', 'ACTOR')] };
    const report = computeAgreement({ a: [{ name: 'd.txt', sidecar: a }], b: [{ name: 'd.txt', sidecar: b }], texts: new Map([['d.txt', text]]), annotators: { a: 'amal <x>', b: 'bo' } });
    const html = agreementHtml(report, { head: '<meta name="csp">', script: '<script nonce="n"></script>' });
    expect(html.match(/<figure class="chart">/g)).toHaveLength(6); // ACTOR PLACE SOURCE CUE, all, events
    expect(html).toContain('<figcaption>ACTOR</figcaption>');
    expect(html).toContain('amal &lt;x&gt;');
    expect(html).not.toContain('<b>Mosul</b>');
    expect(html).toContain('&lt;b&gt;Mosul&lt;/b&gt;');
    const rows = [...html.matchAll(/<tr class="disagreement"[^>]*>/g)].map((r) => r[0]);
    expect(rows).toHaveLength(report.disagreements.length);
    expect(report.disagreements.map((d) => d.kind).sort()).toEqual(['extra', 'missing']);
    const missing = report.disagreements.findIndex((d) => d.kind === 'missing');
    expect(rows[missing]).toContain(`data-a-start="${text.indexOf('<b>Mosul')}"`);
    expect(rows[missing]).not.toContain('data-b-start');
    expect(html).toContain('<meta name="csp">');
    expect(html).toContain('<script nonce="n"></script>');
    // ACTOR: A has army, B army and ISIL: F1 2/3
    expect(html).toMatch(/<figcaption>ACTOR<\/figcaption>.*?F1 exact.*?class="value">0\.667</s);
  });
});
