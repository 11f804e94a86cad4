/**
 * Hard-wrapped text ("…according to U.N. spokesman Stephane\nDujarric.") breaks names and phrases across lines.
 * `unwrapLines` returns the text with each line break inside a wrapped paragraph turned into a space: same
 * length, same offsets, so detection can run on it and report spans of the original. A text counts as
 * hard-wrapped when most of its lines end near one width (the 90th percentile of line lengths, at most 120);
 * only breaks after such a long line join, so headlines, datelines and paragraph ends stay as they are.
 */

const MAX_WRAP_WIDTH = 120;
const MIN_WRAP_WIDTH = 30;

export function unwrapLines(text: string): string {
  const lengths: number[] = [];
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    const len = i - lineStart;
    if (len > 0) lengths.push(len);
    lineStart = i + 1;
  }
  if (lengths.length < 4) return text;
  // most texts have a paragraph per line: more than a tenth of the lines too long for a wrap width settles it
  let tooLong = 0;
  for (const len of lengths) if (len > MAX_WRAP_WIDTH) tooLong++;
  if (tooLong * 10 > lengths.length) return text;
  const sorted = [...lengths].sort((a, b) => a - b);
  const width = sorted[Math.floor(sorted.length * 0.9)];
  if (width > MAX_WRAP_WIDTH || width < MIN_WRAP_WIDTH) return text;
  const long = Math.floor(width * 0.6);
  const parts: string[] = [];
  let from = 0;
  lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    const len = i - lineStart;
    const next = text.charCodeAt(i + 1);
    // a break after a long line, before more text (not a blank line, not the end)
    if (len >= long && i + 1 < text.length && next !== 10 && next !== 13 && text.charCodeAt(i - 1) !== 13) {
      parts.push(text.slice(from, i), ' ');
      from = i + 1;
    }
    lineStart = i + 1;
  }
  if (parts.length === 0) return text;
  parts.push(text.slice(from));
  return parts.join('');
}
