/**
 * Item ids of sidecar format 2: a kind letter, a dash and a short hash of what the item is (`m-3f9a1c`), so that
 * two annotators who create the same suggestion give it the same id on every machine, and different items
 * almost never share one when their files are merged. Ids are unique per file; older ids (`m12`) stay valid.
 *
 * One allocator is built per sidecar (it indexes every id in use once), then hands out any number of ids.
 */
import type { Attribution, EventAnnotation, Mention, Provenance } from '../model';
import { cyrb53Lanes, cyrb53Mixed } from '../text/hashText';

export type IdKind = 'm' | 'a' | 'e';

/** Hex digits of the hash in a new id; longer (then a `-2` suffix) only when that id is taken in the file. */
const LENGTHS = [6, 8, 10, 12, 16];

/**
 * 64 bits of a string hash (two 32-bit lanes, murmur-style mixing) as 16 hex digits. Pure integer arithmetic on
 * UTF-16 code units, so it is the same on every machine and JS engine; not cryptographic, it need not be.
 */
export function hash64(s: string): string {
  const [h1, h2] = cyrb53Lanes(s);
  return h2.toString(16).padStart(8, '0') + h1.toString(16).padStart(8, '0');
}

/** What a detector item's id is a hash of; a manual item's id also takes who made it and when. */
export function idSeed(label: string, start: number, end: number, text: string, provenance?: Provenance): string {
  const base = `${label}\u0000${start}\u0000${end}\u0000${text}`;
  return provenance ? `${base}\u0000${provenance.by ?? ''}\u0000${provenance.at ?? ''}` : base;
}

export function mentionSeed(m: Pick<Mention, 'label' | 'start' | 'end' | 'text'>, manual?: Provenance): string {
  return idSeed(m.label, m.start, m.end, m.text, manual);
}

/** Attributions are identified by their cue (as detection merges them). */
export function attributionSeed(a: Pick<Attribution, 'cue'>, manual?: Provenance): string {
  return idSeed('attribution', a.cue.start, a.cue.end, a.cue.text, manual);
}

/** Events are tagged by people, so their seed always takes the provenance (empty when unknown). */
export function eventSeed(e: Pick<EventAnnotation, 'type' | 'subtype' | 'start' | 'end' | 'text'> & Provenance): string {
  return idSeed(`${e.type}/${e.subtype}`, e.start, e.end, e.text, { by: e.by, at: e.at });
}

/**
 * cyrb53Lanes(idSeed(label, start, end, text)), the seed's code units fed one after another instead of joined
 * into a string first (offsets that are not small whole numbers take the string).
 */
export function seedLanes(label: string, start: number, end: number, text: string): [number, number] {
  if (!(start >= 0 && start <= 0x7fffffff && (start | 0) === start && end >= 0 && end <= 0x7fffffff && (end | 0) === end)) return cyrb53Lanes(idSeed(label, start, end, text));
  // the lanes start as cyrb53Lanes's; each step is its loop body for one code unit
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < label.length; i++) {
    const c = label.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  for (let part = 0; part < 2; part++) {
    h1 = Math.imul(h1, 2654435761);
    h2 = Math.imul(h2, 1597334677);
    // the decimal digits, as String(n) writes them
    const n = part === 0 ? start : end;
    let scale = 1;
    while (scale * 10 <= n) scale *= 10;
    for (; scale >= 1; scale = (scale / 10) | 0) {
      const c = 0x30 + (((n / scale) | 0) % 10);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
  }
  h1 = Math.imul(h1, 2654435761);
  h2 = Math.imul(h2, 1597334677);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  return cyrb53Mixed(h1, h2);
}

const KINDS = 'mae';

/**
 * The number of a short id (`m-3f9a1c`: the kind's place in KINDS, then the 24 bits of its lower-case hex
 * digits), -1 for any other id. A sidecar's ids are mostly of this form; as numbers they are kept without a
 * string set (the ids of 100,000 new suggestions were most of merging a long article's detection).
 */
function shortNumber(id: string): number {
  if (id.length !== 8 || id.charCodeAt(1) !== 0x2d) return -1;
  const kind = KINDS.indexOf(id[0]);
  if (kind < 0) return -1;
  let n = kind;
  for (let i = 2; i < 8; i++) {
    const c = id.charCodeAt(i);
    const digit = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;
    if (digit < 0) return -1;
    n = n * 16 + digit;
  }
  return n;
}

/** A set of numbers 0 <= n < 2^31 (open addressing in one Int32Array, -1 for a free slot). */
class NumberSet {
  private slots = new Int32Array(64).fill(-1);
  private size = 0;

  has(n: number): boolean {
    const mask = this.slots.length - 1;
    for (let i = Math.imul(n, 0x9e3779b1) & mask; ; i = (i + 1) & mask) {
      const x = this.slots[i];
      if (x === n) return true;
      if (x === -1) return false;
    }
  }

  add(n: number): void {
    if ((this.size + 1) * 2 > this.slots.length) this.grow();
    const mask = this.slots.length - 1;
    for (let i = Math.imul(n, 0x9e3779b1) & mask; ; i = (i + 1) & mask) {
      const x = this.slots[i];
      if (x === n) return;
      if (x === -1) {
        this.slots[i] = n;
        this.size++;
        return;
      }
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2).fill(-1);
    this.size = 0;
    for (const n of old) if (n !== -1) this.add(n);
  }
}

export class IdAllocator {
  /** Short ids in use, as numbers (shortNumber); every other id in `used`. */
  private readonly short = new NumberSet();
  private readonly used = new Set<string>();

  /** Indexes the ids of `sidecar` (any object with item lists); they are never handed out. */
  constructor(sidecar?: { mentions?: readonly { id: string }[]; attributions?: readonly { id: string }[]; events?: readonly { id: string }[] }) {
    for (const list of [sidecar?.mentions, sidecar?.attributions, sidecar?.events]) for (const item of list ?? []) this.reserve(item.id);
  }

  /** Marks an id as in use. */
  reserve(id: string): void {
    const n = shortNumber(id);
    if (n >= 0) this.short.add(n);
    else this.used.add(id);
  }

  has(id: string): boolean {
    const n = shortNumber(id);
    return n >= 0 ? this.short.has(n) : this.used.has(id);
  }

  /** A new id for an item of `kind` whose seed (see idSeed) is `seed`; the shortest form not yet in use. */
  next(kind: IdKind, seed: string): string {
    const [h1, h2] = cyrb53Lanes(seed);
    return this.fromLanes(kind, h1, h2);
  }

  /**
   * next(kind, idSeed(label, start, end, text)) without building the seed: the hash is fed its parts (a first
   * run of a long article hands out an id to each of 100,000 suggestions).
   */
  nextFor(kind: IdKind, label: string, start: number, end: number, text: string): string {
    const [h1, h2] = seedLanes(label, start, end, text);
    return this.fromLanes(kind, h1, h2);
  }

  private fromLanes(kind: IdKind, h1: number, h2: number): string {
    // the usual case first, without the 16 digits: the first 6 are the high lane's top 24 bits
    const n = KINDS.indexOf(kind) * 0x1000000 + (h2 >>> 8);
    if (!this.short.has(n)) {
      this.short.add(n);
      return `${kind}-${(h2 >>> 8).toString(16).padStart(6, '0')}`;
    }
    const hash = h2.toString(16).padStart(8, '0') + h1.toString(16).padStart(8, '0');
    for (const n of LENGTHS) {
      const id = `${kind}-${hash.slice(0, n)}`;
      if (!this.has(id)) {
        this.reserve(id);
        return id;
      }
    }
    // the same seed twice (two identical manual items without provenance): number the copies
    for (let copy = 2; ; copy++) {
      const id = `${kind}-${hash}-${copy}`;
      if (!this.has(id)) {
        this.reserve(id);
        return id;
      }
    }
  }
}

/**
 * A new id for `item` when its own is taken in `sidecar` (an undo or a restore brings back an item whose id was
 * given to another meanwhile): the item's own seed, so the id is what the same item gets on any machine.
 */
export function freshIdFor(sidecar: { mentions?: readonly { id: string }[]; attributions?: readonly { id: string }[]; events?: readonly { id: string }[] }, item: Mention | Attribution | EventAnnotation): string {
  const ids = new IdAllocator(sidecar);
  const manual = item.origin === 'manual' ? { by: item.by, at: item.at } : undefined;
  if ('cue' in item) return ids.next('a', attributionSeed(item, manual));
  if ('label' in item) return ids.next('m', mentionSeed(item, manual));
  return ids.next('e', eventSeed(item));
}
