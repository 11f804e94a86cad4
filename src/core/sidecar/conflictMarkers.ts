/**
 * git's conflict markers in a sidecar (`<<<<<<<`, `|||||||`, `=======`, `>>>>>>>` at the start of a line, as
 * a text merge leaves them): finding the first, and splitting the file into the versions it holds. A sidecar
 * with markers is two files in one, so it is reported once, by line, instead of as a cascade of YAML errors.
 */

export interface MarkerSplit {
  /** The file as "ours" (the side before `=======`) had it. */
  readonly ours: string;
  readonly theirs: string;
  /** The common ancestor, when every hunk carries one (`merge.conflictStyle diff3` or `zdiff3`). */
  readonly base?: string;
  readonly hunks: number;
  /** 1-based line of the first `<<<<<<<`. */
  readonly line: number;
}

const OPEN = /^<{7}(?: |$)/;
const BASE = /^\|{7}(?: |$)/;
const SPLIT = /^={7}$/;
const CLOSE = /^>{7}(?: |$)/;

function lines(text: string): string[] {
  // keep each line's own ending, so the versions are byte for byte what each side had
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

const bare = (line: string): string => line.replace(/\r?\n$/, '');

/**
 * The 1-based line of the first conflict marker that opens a complete hunk (an opening line followed by
 * `=======` and a closing line), or undefined. A lone `<<<<<<<` is not a merge: the YAML parser reports it.
 */
export function firstConflictMarker(text: string): number | undefined {
  if (!text.includes('<<<<<<<')) return undefined;
  const all = lines(text);
  for (let i = 0; i < all.length; i++) {
    if (!OPEN.test(all[i])) continue;
    let split = false;
    for (let j = i + 1; j < all.length; j++) {
      const l = bare(all[j]);
      if (SPLIT.test(l)) split = true;
      else if (CLOSE.test(l) && split) return i + 1;
      else if (OPEN.test(l)) break;
    }
  }
  return undefined;
}

/** The versions a file with conflict markers holds; undefined when it has none or a hunk is not closed. */
export function splitConflictMarkers(text: string): MarkerSplit | undefined {
  const line = firstConflictMarker(text);
  if (line === undefined) return undefined;
  const ours: string[] = [];
  const theirs: string[] = [];
  const base: string[] = [];
  let state: 'common' | 'ours' | 'base' | 'theirs' = 'common';
  let hunks = 0;
  let withBase = 0;
  for (const raw of lines(text)) {
    const l = bare(raw);
    if (state === 'common' && OPEN.test(l)) {
      state = 'ours';
      hunks++;
    } else if (state === 'ours' && BASE.test(l)) {
      state = 'base';
      withBase++;
    } else if ((state === 'ours' || state === 'base') && SPLIT.test(l)) state = 'theirs';
    else if (state === 'theirs' && CLOSE.test(l)) state = 'common';
    else if (state === 'common') {
      ours.push(raw);
      theirs.push(raw);
      base.push(raw);
    } else if (state === 'ours') ours.push(raw);
    else if (state === 'base') base.push(raw);
    else theirs.push(raw);
  }
  if (state !== 'common') return undefined;
  const split: MarkerSplit = { ours: ours.join(''), theirs: theirs.join(''), hunks, line };
  return withBase === hunks ? { ...split, base: base.join('') } : split;
}
