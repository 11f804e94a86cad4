/**
 * Interned substrings: one entry per distinct text[start, end), found by a hash of its UTF-16 code units
 * without slicing the text. A repeated word then costs no new strings (its entry's strings are shared, and
 * their hashes computed once for every Set or Map look-up), and what is derived from the word alone is made
 * once, on first sight (`make`).
 */
export class InternTable<T extends { readonly text: string }> {
  private entries: T[] = [];
  // open addressing, kept small (it grows with the entries) so that a look-up stays in cache. A slot is four
  // numbers side by side: the entry's id (-1: empty), its hash, where its code units start in `chars` and how
  // many there are. A look-up compares against `chars` and never touches an entry or its string until it
  // returns it: in a whole detection those sit all over the heap, and each was a cache miss.
  private slots = emptySlots(INITIAL_SLOTS);
  private chars = new Uint16Array(INITIAL_CHARS);
  private used = 0;

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
    const slots = this.slots;
    const mask = (slots.length >> 2) - 1;
    let h = hash & mask;
    const n = end - start;
    for (;;) {
      const at = h << 2;
      const id = slots[at];
      if (id === -1) break;
      if (slots[at + 1] === hash && slots[at + 3] === n) {
        const chars = this.chars;
        const from = slots[at + 2];
        let same = true;
        for (let k = 0; k < n; k++) {
          if (chars[from + k] !== text.charCodeAt(start + k)) {
            same = false;
            break;
          }
        }
        if (same) return this.entries[id];
      }
      h = (h + 1) & mask;
    }
    const entry = this.make(text.slice(start, end));
    if (this.used + n > this.chars.length) {
      const chars = new Uint16Array(Math.max(this.chars.length * 2, this.used + n));
      chars.set(this.chars.subarray(0, this.used));
      this.chars = chars;
    }
    const chars = this.chars;
    for (let k = 0; k < n; k++) chars[this.used + k] = text.charCodeAt(start + k);
    const at = h << 2;
    slots[at] = this.entries.length;
    slots[at + 1] = hash;
    slots[at + 2] = this.used;
    slots[at + 3] = n;
    this.used += n;
    this.entries.push(entry);
    if (this.entries.length * 2 > mask + 1) this.grow();
    return entry;
  }

  /** Starts over when the table holds more than its limit (call between documents, never while entries are in use by identity). */
  trim(): void {
    if (this.entries.length <= this.limit) return;
    this.entries = [];
    this.slots = emptySlots(INITIAL_SLOTS);
    this.chars = new Uint16Array(INITIAL_CHARS);
    this.used = 0;
  }

  private grow(): void {
    const old = this.slots;
    const slots = emptySlots((old.length >> 2) * 2);
    const mask = (slots.length >> 2) - 1;
    for (let o = 0; o < old.length; o += 4) {
      if (old[o] === -1) continue;
      let h = old[o + 1] & mask;
      while (slots[h << 2] !== -1) h = (h + 1) & mask;
      for (let k = 0; k < 4; k++) slots[(h << 2) + k] = old[o + k];
    }
    this.slots = slots;
  }
}

const INITIAL_SLOTS = 1 << 10;
const INITIAL_CHARS = 1 << 13;

function emptySlots(count: number): Int32Array {
  const slots = new Int32Array(count * 4);
  for (let s = 0; s < slots.length; s += 4) slots[s] = -1;
  return slots;
}
