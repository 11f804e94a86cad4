import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { annotateDocument } from '../../src/core/review/annotateDocument';
import { emptySidecar } from '../../src/core/sidecar/sidecarFormat';
import type { Sidecar } from '../../src/core/model';
import { buildDefaultGazetteer } from './detectFixtures';
import { parseDateTable } from '../../src/core/corpus/documentDates';
import { FIXTURES, setDir, type GoldSetName } from './fixtureSets';
import { checkEventGold, parseEventGold, scoreEvents, sidecarEvents, type EventFigures, type GoldEvent } from '../../src/core/corpus/scoreEvents';
import { TextIndex } from '../../src/core/text/textIndex';
import { parse } from 'yaml';

/**
 * Event suggestions scored on real text, through the same path as `annotate` (default gazetteer, empty
 * sidecar). Floors are the measured values rounded down a little: they may only ever be raised.
 *
 * real-dev: six real articles from other conflicts with independent gold, read from the shared corpus folder
 * (never copied into the repository). The texts carry no dateline, so `annotate` has no reference date and
 * writes only dates that name their year (none of the six names one); a second run gives each article its
 * publication date from the folder's SOURCES.md, as `annotate --dates SOURCES.md` does, to measure date resolution.
 * Our own gold (test/fixtures/events) was written before event detection existed. The detector was tuned on
 * real-dev, the sample corpus and the held-out set; the unseen set was then scored (typed F1 0.727) and its
 * errors read for one round of general rules; the fresh set was never used for tuning (first scored 0.444, then
 * 0.556 and 0.632 after later general rules, with its place accuracy falling from 0.6 to 0.33 in the last round):
 * it is the check of generalisation. The side-acted-on rules (victims, the side fought or pulled out; detector 5)
 * were written after reading the actor2 errors of every set, fresh included: actor2 there no longer measures
 * generalisation (it rose from 0.33 to 1.0 with real-dev's from 0.26 to 0.74). Detector 9 came from reading
 * fresh's false positives (a word of a name taken as a trigger, an event noun heading the subject, a tally over the
 * year): typed F1 0.667 to 0.824 and place 0.571 to 0.714 there, no other set changed; fresh is now a tuned set too.
 */
const FLOORS = {
  realDev: { typedF1: 0.89, subtype: 0.97, actor1: 0.85, actor2: 0.74, place: 0.81 },
  realDevDated: { date: 0.91 },
  corpus: { typedF1: 0.75, subtype: 1, actor1: 0.78, actor2: 1, place: 1, date: 1 },
  heldout: { typedF1: 0.93, subtype: 1, actor1: 0.95, actor2: 0.89, place: 0.92, date: 1 },
  unseen: { typedF1: 0.88, subtype: 0.87, actor1: 0.85, actor2: 1, place: 0.87, date: 1 },
  fresh: { typedF1: 0.82, subtype: 1, actor1: 0.71, actor2: 1, place: 0.71, date: 0.75 },
} as const;

const gazetteer = buildDefaultGazetteer();

function annotate(name: string, text: string, date?: string): Sidecar {
  const sha = createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');
  return annotateDocument(emptySidecar(name, sha), text, sha, gazetteer, date ? { date } : {}).sidecar;
}

function report(label: string, f: EventFigures): void {
  const r = (x: number) => x.toFixed(3);
  console.log(`${label}: gold=${f.gold} pred=${f.predicted} P=${r(f.precision)} R=${r(f.recall)} strict F1=${r(f.strictF1)} typed F1=${r(f.typedF1)}; subtype=${r(f.subtype)} actor1=${r(f.actor1)} actor2=${r(f.actor2)} place=${r(f.place)} date=${r(f.date)} fatalities=${r(f.fatalities)}`);
}

function expectFloors(f: EventFigures, floors: Partial<Record<keyof EventFigures, number>>): void {
  for (const [key, floor] of Object.entries(floors)) expect(f[key as keyof EventFigures], key).toBeGreaterThanOrEqual(floor);
}

// The shared corpus sits beside the repository (or beside the folder holding this worktree).
const REAL_DEV = [join(__dirname, '..', '..', '..', 'shared', 'corpus', 'real-dev'), join(__dirname, '..', '..', '..', '..', 'shared', 'corpus', 'real-dev')].find(existsSync);

describe('event suggestions on real articles (real-dev)', () => {
  if (!REAL_DEV) {
    it('needs the shared real-dev corpus', () => {
      if (process.env.CI) throw new Error('the real-dev corpus (../shared/corpus/real-dev) is missing on CI');
      console.log('SKIPPED: ../shared/corpus/real-dev is not on this machine; real-dev event scores were not measured');
    });
    return;
  }
  const dir = REAL_DEV;
  const stems = readdirSync(dir).filter((f) => f.endsWith('.events.gold.yaml')).map((f) => f.slice(0, -'.events.gold.yaml'.length)).sort();
  // the folder's table of sources, read as `annotate --dates SOURCES.md` reads it
  const published = parseDateTable(readFileSync(join(dir, 'SOURCES.md'), 'utf8')).dates;
  const run = (dated: boolean) =>
    scoreEvents(
      stems.map((stem) => {
        const text = readFileSync(join(dir, `${stem}.txt`), 'utf8');
        const gold = parseEventGold(readFileSync(join(dir, `${stem}.events.gold.yaml`), 'utf8')).events!;
        return { gold, predicted: sidecarEvents(annotate(`${stem}.txt`, text, dated ? published.get(`${stem}.txt`) : undefined)) };
      }),
    );

  it('as annotate sees them (no reference date): type, sub-type, acting side and place at or above their floors', () => {
    const f = run(false);
    report('real-dev', f);
    expectFloors(f, FLOORS.realDev);
  });

  it('with each article dated by its publication day: dates at or above their floor', () => {
    expect(published.size).toBeGreaterThanOrEqual(stems.length);
    const f = run(true);
    report('real-dev, dated', f);
    expectFloors(f, FLOORS.realDevDated);
  });
});

function ownGoldSet(set: GoldSetName): Array<{ name: string; text: string; gold: GoldEvent[] }> {
  const dir = setDir(set);
  const texts = new Set(readdirSync(dir).filter((f) => f.endsWith('.txt')));
  return readdirSync(join(FIXTURES, 'events'))
    .filter((f) => f.endsWith('.events.yaml'))
    .sort()
    .map((f) => parseEventGold(readFileSync(join(FIXTURES, 'events', f), 'utf8')))
    .filter((g) => g.document !== undefined && texts.has(g.document))
    .map((g) => ({ name: g.document!, text: readFileSync(join(dir, g.document!), 'utf8'), gold: g.events! }));
}

describe('event suggestions on our own articles (test/fixtures/events)', () => {
  for (const set of ['corpus', 'heldout', 'unseen', 'fresh'] as const) {
    it(`${set}: figures at or above their floors`, () => {
      const docs = ownGoldSet(set);
      expect(docs.length).toBeGreaterThan(0);
      const f = scoreEvents(docs.map((d) => ({ gold: d.gold, predicted: sidecarEvents(annotate(d.name, d.text)) })));
      report(set, f);
      expectFloors(f, FLOORS[set]);
    });
  }

  it('gold files: offsets, quotes and role references agree with the texts', () => {
    for (const f of readdirSync(join(FIXTURES, 'events')).filter((x) => x.endsWith('.events.yaml'))) {
      const source = readFileSync(join(FIXTURES, 'events', f), 'utf8');
      const raw = parse(source) as { document: { text: string }; mentions: Array<{ id: string; start: number; end: number; text: string }>; events: Array<{ id: string; start: number; end: number; text: string; spans?: Array<{ start: number; end: number; text: string }>; actor1?: string; actor2?: string; place?: string }> };
      const name = raw.document.text;
      const parsed = parseEventGold(source);
      expect(parsed.problems, f).toEqual([]);
      const set = (['corpus', 'heldout', 'unseen', 'fresh'] as const).find((s) => existsSync(join(setDir(s), name)));
      expect(set, f).toBeDefined();
      const cps = Array.from(readFileSync(join(setDir(set!), name), 'utf8'));
      const quote = (s: { start: number; end: number }) => cps.slice(s.start, s.end).join('');
      const ids = new Set(raw.mentions.map((m) => m.id));
      for (const m of raw.mentions) expect(quote(m), `${f} ${m.id}`).toBe(m.text);
      for (const e of raw.events) {
        expect(quote(e), `${f} ${e.id}`).toBe(e.text);
        for (const s of e.spans ?? []) expect(quote(s), `${f} ${e.id}`).toBe(s.text);
        for (const r of [e.actor1, e.actor2, e.place]) if (r !== undefined) expect(ids.has(r), `${f} ${e.id} ${r}`).toBe(true);
      }
      expect(() => checkEventGold(name, parsed.events!, new TextIndex(cps.join('')))).not.toThrow();
    }
  });
});
