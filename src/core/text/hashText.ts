/**
 * A fast, non-cryptographic key for a text's exact content (53-bit cyrb53 over UTF-16 code units, plus the
 * length), for telling "the text is back to what it was" after an undo. Not for files on disk: those are named
 * by their SHA-256.
 */
export function hashText(text: string): string {
  const [h1, h2] = cyrb53Lanes(text);
  return `${text.length}:${(4294967296 * (2097151 & h2) + h1).toString(36)}`;
}

/**
 * The two 32-bit lanes of cyrb53 over UTF-16 code units (unsigned), mixed: pure integer arithmetic, so the same
 * on every machine and JS engine. Shared by hashText and the sidecar ids (idAllocator's hash64).
 */
export function cyrb53Lanes(s: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  return cyrb53Mixed(h1, h2);
}

/** cyrb53's final mix of the two lanes (for a caller that feeds the code units itself, see idAllocator). */
export function cyrb53Mixed(h1: number, h2: number): [number, number] {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}
