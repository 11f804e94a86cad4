/**
 * Interned substrings: one entry per distinct text[start, end), found by a hash of its UTF-16 code units
 * without slicing the text. A repeated word then costs no new strings (its entry's strings are shared, and
 * their hashes computed once for every Set or Map look-up), and what is derived from the word alone is made
 * once, on first sight (`make`).
 */
export class InternTable<T extends { readonly text: string }> {
  private entries: T[] = [];
  private hashes: number[] = [];
  private slots = new Int32Array(1 << 16).fill(-1);

  /** `limit`: a long-running process meets ever new words (numbers, typos); past it the table starts over. */
  constructor(
    private readonly make: (word: string) => T,
    private readonly limit: number,
  ) {}

  /** The entry for text[start, end). */
  get(text: string, start: number, end: number): T {
    let hash = 0x811c9dc5;
    for (let k = start; k < end; k++) hash = Math.imul(hash ^ text.charCodeAt(k), 0x01000193);
    hash >>>= 0;
    const slots = this.slots;
    const mask = slots.length - 1;
    let h = hash & mask;
    const n = end - start;
    for (;;) {
      const id = slots[h];
      if (id === -1) break;
      if (this.hashes[id] === hash) {
        const w = this.entries[id].text;
        if (w.length === n) {
          let same = true;
          for (let k = 0; k < n; k++) {
            if (w.charCodeAt(k) !== text.charCodeAt(start + k)) {
              same = false;
              break;
            }
          }
          if (same) return this.entries[id];
        }
      }
      h = (h + 1) & mask;
    }
    const entry = this.make(text.slice(start, end));
    slots[h] = this.entries.length;
    this.entries.push(entry);
    this.hashes.push(hash);
    if (this.entries.length * 2 > slots.length) this.grow();
    return entry;
  }

  /** Starts over when the table holds more than its limit (call between documents, never while entries are in use by identity). */
  trim(): void {
    if (this.entries.length <= this.limit) return;
    this.entries = [];
    this.hashes = [];
    this.slots = new Int32Array(1 << 16).fill(-1);
  }

  private grow(): void {
    const next = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = next.length - 1;
    for (let id = 0; id < this.entries.length; id++) {
      let h = this.hashes[id] & mask;
      while (next[h] !== -1) h = (h + 1) & mask;
      next[h] = id;
    }
    this.slots = next;
  }
}
