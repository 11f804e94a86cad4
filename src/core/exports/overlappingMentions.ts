/**
 * Overlapping mentions, as `validate` reports them: token formats (CoNLL, Hugging Face, spaCy's `doc.ents`)
 * hold one label per token, so of two overlapping mentions only the longer is exported there (spaCy refuses
 * overlapping ents with E1010). Crossing spans (each has text the other lacks) are an error, as no reading of
 * the text has both; nesting ("Rapid Support Forces (RSF)" around "RSF") and the same span under two labels are
 * warnings: legitimate, but flat exports keep only the outer or first one.
 */
import type { Mention, Sidecar } from '../model';
import type { Problem } from '../problem';
import { TextIndex } from '../text/textIndex';
import { spanMatches } from './exportDocument';

export function overlapProblems(sidecar: Sidecar, text: string | TextIndex, locate: (path: string) => number = () => 0): Problem[] {
  const index = typeof text === 'string' ? new TextIndex(text) : text;
  const items = sidecar.mentions
    .map((m, i) => ({ m, i }))
    .filter(({ m }) => !m.orphan && spanMatches(index, m))
    .sort((a, b) => a.m.start - b.m.start || b.m.end - a.m.end || a.i - b.i);
  const problems: Problem[] = [];
  const quote = (m: Mention): string => `${m.label} ${m.id} "${m.text.length > 40 ? `${m.text.slice(0, 40)}…` : m.text}" (${m.start}-${m.end})`;
  // sorted by start, so only the mentions still open at each start can overlap it
  const open: { m: Mention; i: number }[] = [];
  for (const cur of items) {
    for (let k = open.length - 1; k >= 0; k--) if (open[k].m.end <= cur.m.start) open.splice(k, 1);
    // one problem per mention: its worst overlap, and how many others it overlaps
    const found = open.map(({ m: a }) => {
      const b = cur.m;
      const same = a.start === b.start && a.end === b.end;
      if (same && a.label === b.label) return { error: true, what: `duplicates ${quote(a)}` };
      if (same) return { error: false, what: `has the same span as ${quote(a)}; flat exports keep one label` };
      if (a.start <= b.start && b.end <= a.end) return { error: false, what: `lies inside ${quote(a)}; flat exports keep the outer mention` };
      return { error: true, what: `crosses ${quote(a)}; flat exports keep only the longer` };
    });
    if (found.length) {
      const worst = found.find((f) => f.error) ?? found[0];
      const path = `mentions[${cur.i}]`;
      const more = found.length > 1 ? ` (and ${found.length - 1} more)` : '';
      problems.push({ code: 'overlap', severity: worst.error ? 'error' : 'warning', line: locate(path), path, message: `${path}: ${quote(cur.m)} ${worst.what}${more}` });
    }
    open.push(cur);
  }
  return problems;
}
