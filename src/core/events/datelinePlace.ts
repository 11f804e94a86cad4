/**
 * An undated dateline at the head of a story's first lines, "BEIRUT (AP) — ", "MAPUTO, Mozambique (Reuters) - ",
 * "Amman, Jordan (CNN) ": where the report was filed, which is where its events happened only when the story
 * names no other place. UTF-16 offsets.
 */

// the city in capitals, or in any case when an agency in brackets follows; then an optional country, the agency
// and a dash
const DATELINE = /^(?:[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,3}(?:, [A-Z][\p{L}.'’-]+(?: [A-Z][\p{L}.'’-]+){0,2})?(?: \([A-Za-z .&/-]{2,30}\))? ?[-–—]+ |[A-Z][\p{L}'’.-]+(?: [A-Z][\p{L}'’.-]+){0,3}(?:, [A-Z][\p{L}.'’-]+(?: [A-Z][\p{L}.'’-]+){0,2})? \((?:AP|AFP|Reuters|CNN|dpa|Xinhua|UPI|ANI|PTI|IANS|Anadolu)\)(?: ?[-–—]+)? )/u;

/** The dateline that opens the text or its first paragraph after a headline. */
export function datelinePlace(text: string): { start: number; end: number } | undefined {
  const starts = [0];
  const gap = /\r?\n[ \t]*\r?\n\s*/.exec(text.slice(0, 400));
  if (gap) starts.push(gap.index + gap[0].length);
  for (const s of starts) {
    const m = DATELINE.exec(text.slice(s, s + 160));
    if (m) return { start: s, end: s + m[0].length };
  }
  return undefined;
}
