/**
 * "Never lose a decision", fuzzed. Each scenario is a small article and its sidecar on the in-memory port, and a
 * random interleaving of: `annotate` runs, two editors deciding (accept, reject, add a mention; each with its own
 * possibly stale view, reloading now and then), edits of the text (insert at the top, in the middle, delete,
 * replace, CRLF and back), and kills (a write that stops before its rename). Operations of one step run
 * concurrently and the port yields at random points, so saves overlap.
 *
 * The invariant, checked at the end of each scenario on the sidecar as the next load sees it: every decision
 * whose save went through is present, and either placed where the text it was made on went or reported as an
 * orphan; nothing placed has a wrong quote. Where no anchoring could know better, other places count as
 * right: a copy whose surroundings equal ones the decided span had, a nearby place when edits reached into
 * its context, any place with its quote when an edit reached into the span. Two editors deciding the same
 * thing opposite ways is a conflict (one gives way), and a later mark of a span lifts its rejection.
 *
 * FUZZ_CASES (operations, default 10,000) and FUZZ_SEED run a longer campaign; FUZZ_SCENARIO=<seed> replays
 * one scenario with the sidecar lines matching FUZZ_GREP (default: accepted items) logged at every step:
 *   FUZZ_CASES=200000 FUZZ_SEED=7 npx vitest run test/unit/decisionFuzz.test.ts
 */
import { describe, expect, it } from 'vitest';
import type { Attribution, EventAnnotation, Mention, Sidecar } from '../../src/core/model';
import { SidecarStore, type LoadedSidecar } from '../../src/core/sidecar/sidecarStore';
import { annotateDocument, syncToText } from '../../src/core/review/annotateDocument';
import { acceptItem, addMention, rejectItem } from '../../src/core/review/mergeSuggestions';
import { validateSidecar } from '../../src/core/sidecar/validateSidecar';
import { renderSidecar } from '../../src/core/sidecar/renderSidecar';
import { sha256Hex } from '../../src/core/text/decodeText';
import { CONTEXT_LENGTH, type TextEdit } from '../../src/core/anchoring/reanchor';
import { MemoryFileSystem } from './memoryFileSystem';
import { TestGazetteer } from './detectFixtures';
import { prng } from './prng';

const CASES = Number(process.env.FUZZ_CASES ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 4321);
const STEPS = 24;
const TRACE = process.env.FUZZ_SCENARIO ? Number(process.env.FUZZ_SCENARIO) : undefined;

/** The lines of a sidecar a trace shows (FUZZ_GREP, else accepted items), without their context. */
function traced(yaml: string | undefined): string {
  const want = process.env.FUZZ_GREP ?? 'accepted';
  return (yaml ?? '')
    .split('\n')
    .filter((l) => l.includes(want) || l.includes('sha256'))
    .map((l) => l.replace(/, (prefix|suffix): "[^"]*"/g, ''))
    .join('\n          ');
}

const SENTENCES = [
  'ISIL fighters took Mosul on Tuesday.',
  'Officials said the army fled Mosul.',
  'Kurdish forces held Kirkuk, a police officer said.',
  'The army said it had retaken Tikrit.',
  'ISIL attacked Baghdad again.',
  'Residents said ISIL controls Mosul and Tikrit.',
  '"We will return," the governor of Nineveh said.',
  'Peshmerga units moved towards Kirkuk.',
];
const INSERTS = ['New: ', 'ISIL ', 'Mosul. ', '\n', 'Officials said ', 'UPDATE: corrected.\n', ' Tikrit ', 'the army said '];

const gazetteer = new TestGazetteer([
  { id: 'isil', name: 'ISIL', label: 'ACTOR', kind: 'armed_group', aliases: [] },
  { id: 'peshmerga', name: 'Peshmerga', label: 'ACTOR', kind: 'state_force', aliases: [] },
  { id: 'mosul', name: 'Mosul', label: 'PLACE', kind: 'city', aliases: [] },
  { id: 'tikrit', name: 'Tikrit', label: 'PLACE', kind: 'city', aliases: [] },
  { id: 'kirkuk', name: 'Kirkuk', label: 'PLACE', kind: 'city', aliases: [] },
  { id: 'baghdad', name: 'Baghdad', label: 'PLACE', kind: 'city', aliases: [] },
  { id: 'nineveh', name: 'Nineveh', label: 'PLACE', kind: 'admin_area', aliases: [] },
]);

const sha = (t: string) => sha256Hex(new TextEncoder().encode(t));
const cps = (t: string) => [...t];

interface Decision {
  editor: number;
  id?: string;
  what: 'accept' | 'reject' | 'add';
  kind: 'mention' | 'attribution' | 'event';
  /** A mention's label; an event's `type/subtype`. */
  label?: string;
  quote: string;
  /** An accepted event's roles when it was accepted: the quote of the mention or cue each points to. */
  roles?: { key: 'actor1' | 'actor2' | 'place' | 'attribution'; quote: string; start: number; end: number }[];
  /** Text version the decision was made on, and the span there (code points). */
  version: number;
  start: number;
  end: number;
}

interface Followed {
  /** Its offsets now, or 'touched' when an edit reached into it. */
  to: { start: number; end: number } | 'touched';
  /** The windows around it in each version (see {@link windowAt}). */
  windows: Set<string>;
  /**
   * How far from `to` it may sit: edits inside its context (a copy of its quote inserted beside it, half its
   * context deleted) leave the nearby places equally plausible.
   */
  slack: number;
}

/** Where a span of version `from` went by the last version. */
function follow(start: number, end: number, texts: string[], edits: TextEdit[][], from: number): Followed {
  const windows = new Set<string>();
  let slack = 0;
  let s = start;
  let e = end;
  const to = ((): Followed['to'] => {
    for (let v = from; v < edits.length; v++) {
      windows.add(windowAt(cps(texts[v]), s, e));
      let shift = 0;
      for (const ed of edits[v]) {
        if (ed.end > s - CONTEXT_LENGTH && ed.start < e + CONTEXT_LENGTH) slack += 2 * CONTEXT_LENGTH + cps(ed.newText).length;
        if (ed.end < s || (ed.end === s && ed.start < s)) shift += cps(ed.newText).length - (ed.end - ed.start);
        else if (ed.start > e || (ed.start === e && ed.end > e)) continue;
        else return 'touched'; // overlaps, or inserts at an edge: where it belongs is a matter of taste
      }
      s += shift;
      e += shift;
    }
    windows.add(windowAt(cps(texts[edits.length]), s, e));
    return { start: s, end: e };
  })();
  return { to, windows, slack };
}

/**
 * The text around a span: a place whose window equals one the decided span had at some point cannot be told
 * from it by any context (a repeated sentence whose twin was edited).
 */
function windowAt(text: string[], start: number, end: number): string {
  return text.slice(Math.max(0, start - CONTEXT_LENGTH), Math.min(text.length, end + CONTEXT_LENGTH)).join('');
}

class Scenario {
  readonly fs: MemoryFileSystem;
  readonly store: SidecarStore;
  readonly texts: string[] = [];
  readonly edits: TextEdit[][] = [];
  readonly made: Decision[] = [];
  readonly log: string[] = [];
  private killNext = false;
  /**
   * Like the extension: a decision changes the in-memory sidecar at once; saves and reloads of one editor run
   * one after another in its queue, so further decisions can land while a save is running.
   */
  readonly editors: { state?: LoadedSidecar; sidecar?: Sidecar; pending: Decision[]; decided: Set<string>; queue: Promise<void> }[] = [
    { pending: [], decided: new Set(), queue: Promise.resolve() },
    { pending: [], decided: new Set(), queue: Promise.resolve() },
  ];

  private enqueue(e: number, job: () => Promise<void>): Promise<void> {
    const ed = this.editors[e];
    const run = ed.queue.then(job);
    ed.queue = run.catch(() => undefined);
    return run;
  }

  constructor(private readonly rnd: () => number) {
    // distinct sentences: of two identical ones, once an edit destroys the context of the one decided on, the
    // other is what the recorded context describes, and no anchoring could tell
    const pool = [...SENTENCES];
    const n = 3 + Math.floor(rnd() * 4);
    const text = Array.from({ length: n }, () => pool.splice(Math.floor(rnd() * pool.length), 1)[0]).join(rnd() < 0.5 ? ' ' : '\n');
    this.texts.push(text);
    this.fs = new MemoryFileSystem({ '/w/a.txt': text });
    this.store = new SidecarStore(this.fs);
    this.fs.delay = async () => {
      for (let i = Math.floor(rnd() * 4); i > 0; i--) await null;
    };
    this.fs.beforeWrite = (path) => {
      if (path.endsWith('.ann.yaml') && this.killNext) {
        this.killNext = false;
        throw new Error('killed');
      }
    };
  }

  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rnd() * xs.length)];
  }

  get text(): string {
    return this.texts[this.texts.length - 1];
  }

  /** The latest version with this hash (identical texts have identical offsets). */
  versionOf(hash: string): number {
    for (let v = this.texts.length - 1; v >= 0; v--) if (sha(this.texts[v]) === hash) return v;
    return -1;
  }

  async annotate(): Promise<void> {
    const loaded = await this.store.load('/w/a.txt');
    if (!loaded.sidecar) throw new Error(`annotate: sidecar does not load: ${loaded.problems.map((p) => p.message).join('; ')}`);
    const r = annotateDocument(loaded.sidecar, loaded.text, loaded.sha256, gazetteer);
    const saved = await this.store.save(loaded, r.sidecar).catch(killedOnly);
    this.log.push(`annotate v${this.versionOf(loaded.sha256)}: ${saved ? `saved${saved.merged ? ` merged (${saved.conflicts} conflicts)` : ''}` : 'killed'}`);
  }

  reload(e: number): Promise<void> {
    return this.enqueue(e, () => this.reloadNow(e));
  }

  private async reloadNow(e: number): Promise<void> {
    const ed = this.editors[e];
    if (ed.pending.length) return;
    const loaded = await this.store.load('/w/a.txt');
    if (!loaded.sidecar) throw new Error('reload: sidecar does not load');
    ed.state = loaded;
    ed.sidecar = syncToText(loaded.sidecar, loaded.text, loaded.sha256).sidecar;
    this.log.push(`editor ${e} reloads at v${this.versionOf(loaded.sha256)}`);
  }

  decide(e: number): Promise<void> {
    const ed = this.editors[e];
    if (!ed.state || !ed.sidecar) return this.reload(e);
    const version = this.versionOf(ed.sidecar.document.sha256);
    if (version < 0) return Promise.resolve();
    // each editor decides its half of the items (ids are hashes: split by their characters)
    const mine = (id: string) => [...id].reduce((n, c) => n + c.charCodeAt(0), 0) % 2 === e && !ed.decided.has(id);
    const who = { by: `annotator${e}`, at: new Date(Date.UTC(2025, 0, 1, 0, 0, this.made.length + ed.pending.length)).toISOString() };
    const open: (Mention | Attribution | EventAnnotation)[] = [...ed.sidecar.mentions, ...ed.sidecar.attributions, ...ed.sidecar.events].filter((x) => x.status === 'suggested' && !x.orphan && mine(x.id));
    const roll = this.rnd();
    let next: Sidecar;
    let d: Decision;
    if (roll < 0.15 || open.length === 0) {
      // a person marks a word themselves
      const words = [...this.texts[version].matchAll(/\p{Lu}\p{L}+/gu)];
      if (words.length === 0) return Promise.resolve();
      const w = this.pick(words);
      const start = cps(this.texts[version].slice(0, w.index)).length;
      const end = start + cps(w[0]).length;
      const label = this.rnd() < 0.5 ? 'ACTOR' : 'PLACE';
      if (ed.sidecar.mentions.some((m) => m.label === label && m.start === start && m.end === end)) return Promise.resolve();
      const added = addMention(ed.sidecar, this.texts[version], { start, end, label }, who);
      next = added.sidecar;
      d = { editor: e, id: added.id, what: 'add', kind: 'mention', label, quote: w[0], version, start, end };
    } else {
      const item = this.pick(open);
      const reject = roll > 0.8;
      ed.decided.add(item.id);
      // as the editor does: with the text it shows, so the decision gets its re-anchoring context
      next = reject ? rejectItem(ed.sidecar, item.id, this.texts[version], who) : acceptItem(ed.sidecar, item.id, this.texts[version], who);
      const span = 'cue' in item ? item.cue : item;
      const kind = 'cue' in item ? 'attribution' : 'type' in item ? 'event' : 'mention';
      const label = 'label' in item ? item.label : 'type' in item ? `${item.type}/${item.subtype}` : undefined;
      d = { editor: e, id: item.id, what: reject ? 'reject' : 'accept', kind, label, quote: span.text, version, start: span.start, end: span.end };
      if ('type' in item && !reject) d.roles = rolesOf(item, ed.sidecar);
    }
    ed.pending.push(d);
    ed.sidecar = next;
    return this.enqueue(e, () => this.flush(e));
  }

  async flush(e: number): Promise<void> {
    const ed = this.editors[e];
    if (!ed.state || !ed.sidecar || ed.pending.length === 0) return;
    const sent = ed.pending.length;
    const sidecar = ed.sidecar;
    if (TRACE !== undefined) this.log.push(`  editor ${e} saving; base:\n          ${traced(ed.state.base?.yaml)}\n        ours:\n          ${traced(renderSidecar(sidecar))}`);
    try {
      const r = await this.store.save(ed.state, sidecar);
      const done = ed.pending.splice(0, sent);
      this.made.push(...done);
      this.log.push(`editor ${e} saved ${done.map((d) => `${d.what} ${d.id ?? ''} ${d.label ?? d.kind} "${d.quote}"@${d.start}/v${d.version}`).join(', ')}${r.merged ? ` merged (${r.conflicts} conflicts)` : ''}`);
      ed.state = r.loaded;
      // decisions made while the save ran are kept (as the editor must): applied to what was written
      ed.sidecar = r.rebase(ed.sidecar);
    } catch (err) {
      killedOnly(err);
      this.log.push(`editor ${e} save killed`);
    }
  }

  edit(): void {
    const text = cps(this.text);
    const roll = this.rnd();
    let edits: TextEdit[];
    if (roll < 0.1 && !this.text.includes('\r')) {
      edits = text.flatMap((c, i) => (c === '\n' ? [{ start: i, end: i, newText: '\r' }] : []));
    } else if (roll < 0.15 && this.text.includes('\r\n')) {
      edits = text.flatMap((c, i) => (c === '\r' && text[i + 1] === '\n' ? [{ start: i, end: i + 1, newText: '' }] : []));
    } else if (roll < 0.3) {
      edits = [{ start: 0, end: 0, newText: this.pick(INSERTS) }];
    } else {
      const start = Math.floor(this.rnd() * (text.length + 1));
      const del = this.rnd() < 0.4 ? Math.min(text.length - start, Math.floor(this.rnd() * 12)) : 0;
      edits = [{ start, end: start + del, newText: this.rnd() < 0.7 ? this.pick(INSERTS) : '' }];
    }
    if (edits.length === 0) return;
    let out = '';
    let at = 0;
    for (const ed of edits) {
      out += text.slice(at, ed.start).join('') + ed.newText;
      at = ed.end;
    }
    out += text.slice(at).join('');
    if (out === this.text) return;
    this.edits.push(edits);
    this.texts.push(out);
    this.log.push(`edit -> v${this.texts.length - 1}: ${JSON.stringify(edits.length > 2 ? `${edits.length} edits` : edits)}`);
    this.fs.put('/w/a.txt', out);
  }

  async step(): Promise<void> {
    const ops: (() => Promise<void> | void)[] = [];
    const n = 1 + Math.floor(this.rnd() * 3);
    for (let i = 0; i < n; i++) {
      const r = this.rnd();
      const e = this.rnd() < 0.5 ? 0 : 1;
      if (r < 0.25) ops.push(() => this.annotate());
      else if (r < 0.65) ops.push(() => this.decide(e));
      else if (r < 0.72) ops.push(() => this.reload(e));
      else if (r < 0.9) ops.push(() => this.edit());
      else ops.push(() => void (this.killNext = true));
    }
    await Promise.all(ops.map((op) => op()));
  }

  /** Problems with the invariant, as sentences (empty when it holds). */
  async check(): Promise<string[]> {
    this.killNext = false;
    for (const e of [0, 1]) await this.enqueue(e, () => this.flush(e));
    if (this.editors.some((ed) => ed.pending.length)) return ['an editor could not save its last decisions'];
    if (!this.fs.files.has('/w/a.ann.yaml')) return this.made.length ? ['no sidecar, yet decisions were saved'] : [];
    const loaded = await this.store.load('/w/a.txt');
    if (!loaded.sidecar) return [`the sidecar does not load: ${loaded.problems.map((p) => p.message).join('; ')}`];
    const s = syncToText(loaded.sidecar, loaded.text, loaded.sha256).sidecar;
    const text = cps(this.text);
    const out = validateSidecar(s, this.text).filter((p) => p.severity === 'error').map((p) => `invalid: ${p.message}`);
    const followed = new Map(this.made.map((d) => [d, follow(d.start, d.end, this.texts, this.edits, d.version)]));
    /** Two decisions on the same thing: same place now, or (an edit blurred the place) the same label. */
    const sameThing = (a: Decision, b: Decision) => {
      if (a.kind !== b.kind || a.label !== b.label) return false;
      const [ta, tb] = [followed.get(a)!.to, followed.get(b)!.to];
      if (ta === 'touched' || tb === 'touched') return a.quote === b.quote || a.quote.includes(b.quote) || b.quote.includes(a.quote);
      return ta.start === tb.start && ta.end === tb.end;
    };
    for (const d of this.made) {
      const { to, windows, slack } = followed.get(d)!;
      // the other editor decided the same thing the other way (under another id, after annotate re-created the
      // item): one of them had to give way, and the merge counted the conflict
      const contested = this.made.some((o) => o.editor !== d.editor && (o.what === 'reject') !== (d.what === 'reject') && sameThing(o, d));
      if (contested) continue;
      const placedRight = (start: number, end: number) => to === 'touched' || (start === to.start && end === to.end) || Math.abs(start - to.start) <= slack || windows.has(windowAt(text, start, end));
      const what = `${d.what} ${d.kind} ${d.label ?? ''} "${d.quote}"@${d.start} (v${d.version} -> ${to === 'touched' ? 'touched' : `${to.start}`})`;
      if (d.what === 'reject') {
        const rs = s.rejected.filter((r) => r.kind === d.kind && r.label === d.label && (r.text === d.quote || to === 'touched'));
        // marking the same span with the same label later lifts the rejection (a newer decision)
        const lifted = d.kind === 'mention' && this.made.some((a) => a.what === 'add' && sameThing(a, d) && this.made.indexOf(a) > this.made.indexOf(d));
        if (lifted) continue;
        if (!rs.some((r) => r.orphan || placedRight(r.start, r.end))) out.push(`lost or misplaced: ${what}; rejections: ${JSON.stringify(rs.map((r) => [r.start, r.text, r.orphan]))}`);
        else if (to !== 'touched' && rs.some((r) => !r.orphan && r.start === to.start && r.end === to.end)) {
          // (an orphaned suggestion is stale, shown as an orphan and dropped by the next annotate: not back)
          const back =
            d.kind === 'mention' ? s.mentions.some((m) => m.label === d.label && m.start === to.start && m.end === to.end && m.status === 'suggested' && !m.orphan)
            : d.kind === 'event' ? s.events.some((x) => `${x.type}/${x.subtype}` === d.label && x.start === to.start && x.end === to.end && x.status === 'suggested' && !x.orphan)
            : s.attributions.some((a) => a.cue.start === to.start && a.cue.end === to.end && a.status === 'suggested' && !a.orphan);
          if (back) out.push(`rejected suggestion is back: ${what}`);
        }
        continue;
      }
      type Item = Mention | Attribution | EventAnnotation;
      const items: { span: { start: number; end: number; text: string }; item: Item }[] =
        d.kind === 'mention' ? s.mentions.filter((m) => m.label === d.label).map((m) => ({ span: m, item: m }))
        : d.kind === 'event' ? s.events.filter((x) => `${x.type}/${x.subtype}` === d.label).map((x) => ({ span: x, item: x }))
        : s.attributions.map((a) => ({ span: a.cue, item: a }));
      const candidates = items.filter(({ span, item }) => item.status === 'accepted' && (span.text === d.quote || to === 'touched') && (d.what !== 'add' || item.origin === 'manual' || d.kind !== 'mention'));
      const found = candidates.filter(({ span, item }) => item.orphan || placedRight(span.start, span.end));
      if (!found.length) {
        out.push(`lost or misplaced: ${what}; accepted candidates: ${JSON.stringify(candidates.map((c) => [c.span.start, c.span.text, c.item.orphan]))}`);
        continue;
      }
      // an accepted event keeps its roles, pointing to the same words (unless someone rejected that word since)
      for (const role of d.roles ?? []) {
        const keeps = found.some(({ item }) => {
          const id = (item as EventAnnotation)[role.key];
          const target = role.key === 'attribution' ? s.attributions.find((a) => a.id === id) : s.mentions.find((m) => m.id === id);
          const span = target && ('cue' in target ? target.cue : target);
          // an edit inside the role's words changes its quote (re-anchored to the edited words, or orphaned)
          const touched = to === 'touched' || follow(role.start, role.end, this.texts, this.edits, d.version).to === 'touched';
          return span !== undefined && (span.text === role.quote || target!.orphan === true || touched);
        });
        const rejectedSince = this.made.some((o) => o.what === 'reject' && o.kind !== 'event' && o.quote === role.quote);
        if (!keeps && !rejectedSince) out.push(`role lost: ${role.key} "${role.quote}" of ${what}`);
      }
    }
    return out;
  }
}

/** The quotes an event's roles point to (mentions by id, the attribution by its cue). */
function rolesOf(e: EventAnnotation, s: Sidecar): NonNullable<Decision['roles']> {
  const out: NonNullable<Decision['roles']> = [];
  for (const key of ['actor1', 'actor2', 'place', 'attribution'] as const) {
    const id = e[key];
    if (id === undefined) continue;
    const m = key === 'attribution' ? s.attributions.find((a) => a.id === id)?.cue : s.mentions.find((x) => x.id === id);
    if (m) out.push({ key, quote: m.text, start: m.start, end: m.end });
  }
  return out;
}

function killedOnly(err: unknown): undefined {
  if (!(err instanceof Error) || err.message !== 'killed') throw err;
  return undefined;
}

describe('decisions under concurrent writers, text edits and kills (fuzz)', () => {
  it(`keeps every decision through ${CASES} operations (seed ${SEED})`, { timeout: 600_000 }, async () => {
    const rnd = prng(SEED);
    let ops = 0;
    let decisions = 0;
    let scenarios = 0;
    const kinds = new Map<string, number>();
    const failures: string[] = [];
    while (ops < CASES && failures.length === 0 && (TRACE === undefined || scenarios === 0)) {
      const seed = TRACE ?? Math.floor(rnd() * 2 ** 31);
      const sc = new Scenario(prng(seed));
      scenarios++;
      for (let i = 0; i < STEPS && ops < CASES; i++, ops++) {
        await sc.step();
        if (TRACE !== undefined) sc.log.push(`  disk: ${traced(sc.fs.text('/w/a.ann.yaml'))}`);
      }
      const problems = await sc.check();
      decisions += sc.made.length;
      for (const d of sc.made) kinds.set(`${d.what} ${d.kind}`, (kinds.get(`${d.what} ${d.kind}`) ?? 0) + 1);
      if (problems.length) failures.push(`scenario seed ${seed} (text ${JSON.stringify(sc.text)}):\n  ${problems.join('\n  ')}\n  log:\n    ${sc.log.join('\n    ')}`);
    }
    expect(failures).toEqual([]);
    expect(decisions).toBeGreaterThan(scenarios);
    // every kind of decision is exercised (an id scheme the editors cannot split would leave only 'add')
    if (TRACE === undefined) expect([...kinds.keys()].sort()).toEqual(['accept attribution', 'accept event', 'accept mention', 'add mention', 'reject attribution', 'reject event', 'reject mention']);
    if (process.env.FUZZ_STATS) console.log(Object.fromEntries(kinds), { scenarios, ops });
  });
});
