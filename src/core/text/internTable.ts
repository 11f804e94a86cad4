/**
 * Interned substrings: one entry per distinct text[start, end), found by a hash of its UTF-16 code units
 * without slicing the text. A repeated word then costs no new strings (its entry's strings are shared, and
 * their hashes computed once for every Set or Map look-up), and what is derived from the word alone is made
 * once, on first sight (`make`).
 */
export class InternTable<T extends { readonly text: string }> {
  private entries: T[] = [];
  // open addressing, kept small (it grows with the entries) so that a look-up stays in cache: per slot the
  // entry's id (-1: empty) and its hash, checked before the entry itself is touched
  private ids = new Int32Array(INITIAL_SLOTS).fill(-1);
  private slotHashes = new Int32Array(INITIAL_SLOTS);

  /** `limit`: a long-running process meets ever new words (numbers, typos); past it the table starts over. */
  constructor(
    private readonly make: (word: string) => T,
    private readonly limit: number,
  ) {}

  /** The entry for text[start, end). */
  get(text: string, start: number, end: number): T {
    let hash = 0x811c9dc5;
    for (let k = start; k < end; k++) hash = Math.imul(hash ^ text.charCodeAt(k), 0x01000193);
    hash |= 0;
    const ids = this.ids;
    const mask = ids.length - 1;
    let h = hash & mask;
    const n = end - start;
    for (;;) {
      const id = ids[h];
      if (id === -1) break;
      if (this.slotHashes[h] === hash) {
        const entry = this.entries[id];
        const w = entry.text;
        if (w.length === n) {
          let same = true;
          for (let k = 0; k < n; k++) {
            if (w.charCodeAt(k) !== text.charCodeAt(start + k)) {
              same = false;
              break;
            }
          }
          if (same) return entry;
        }
      }
      h = (h + 1) & mask;
    }
    const entry = this.make(text.slice(start, end));
    ids[h] = this.entries.length;
    this.slotHashes[h] = hash;
    this.entries.push(entry);
    if (this.entries.length * 2 > ids.length) this.grow();
    return entry;
  }

  /** Starts over when the table holds more than its limit (call between documents, never while entries are in use by identity). */
  trim(): void {
    if (this.entries.length <= this.limit) return;
    this.entries = [];
    this.ids = new Int32Array(INITIAL_SLOTS).fill(-1);
    this.slotHashes = new Int32Array(INITIAL_SLOTS);
  }

  private grow(): void {
    const ids = new Int32Array(this.ids.length * 2).fill(-1);
    const hashes = new Int32Array(ids.length);
    const mask = ids.length - 1;
    for (let old = 0; old < this.ids.length; old++) {
      const id = this.ids[old];
      if (id === -1) continue;
      const hash = this.slotHashes[old];
      let h = hash & mask;
      while (ids[h] !== -1) h = (h + 1) & mask;
      ids[h] = id;
      hashes[h] = hash;
    }
    this.ids = ids;
    this.slotHashes = hashes;
  }
}

const INITIAL_SLOTS = 1 << 10;
