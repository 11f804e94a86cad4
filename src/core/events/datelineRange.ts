/**
 * The dateline stretch at the head of a wire story, "KABUL, Afghanistan, Oct. 3, 2015 (AP) - ": where and when
 * the report was filed, not where the events happened. Code points.
 */
import { datelineDate } from './dates';
import type { TextIndex } from '../text/textIndex';

/** The first line's dateline stretch with its agency, in code points; undefined when the first line does not start with a dated dateline. */
export function datelineRange(index: TextIndex): { start: number; end: number } | undefined {
  const text = index.text;
  const nl = text.search(/\r|\n/);
  const line = nl === -1 ? text : text.slice(0, nl);
  const dash = /\s[-–—]+\s+/.exec(line);
  if (!dash || dash.index > 120) return undefined;
  if (!datelineDate(line.slice(0, dash.index))) return undefined;
  return { start: 0, end: index.toCodePoint(dash.index + dash[0].length) };
}
