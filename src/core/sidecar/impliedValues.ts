/**
 * What a detector suggestion's line leaves out because it follows from what else is written, or from the text,
 * derived in this one place: the writers leave a value out only when it equals what is derived here, and the
 * readers put the derived value back, so a file reads back as it was made. Only the detector's own suggestions
 * (no `status`, origin `rule`) of version 2 files: decisions and imported items are written as they are.
 *
 * - a rule mention's `entity` when it is the generated id of its quote (`x-iraqi-security-forces`); a rule
 *   suggestion with no entity at all says `entity: null`;
 * - an event's `interaction` when it is ACLED's code for its `inter1`/`inter2`, `civilian_targeting: true` when
 *   a side is civilians (inter 7), `time_precision: 1` (the day) when it has a date;
 * - an event's `notes` when they are what the detector writes for the sentence that holds the trigger (when,
 *   the sentence, the toll, how often reported): the text is needed, so only a writer given the text the
 *   sidecar was made for leaves them out, and they are filled in with the quotes (withQuotes).
 */
import type { EventAnnotation, Mention } from '../model';
import { generatedEntityId } from '../detection/generatedEntityId';
import { eventNotes } from '../events/acledCoding';
import { splitSentences } from '../text/splitSentences';
import { TextIndex } from '../text/textIndex';
import { firstIndexWhere } from '../text/binarySearch';
import { expectedInteraction } from './validateSidecar';

/** A detector suggestion, whose derivable values are left out (version 2 files). */
export function isRuleSuggestion(item: { status?: string; origin?: string }, defaultOrigin: string): boolean {
  return item.status !== 'accepted' && (item.origin ?? defaultOrigin) === 'rule';
}

/** Quotes seen lately and their generated ids: a corpus names the same few hundred groups over and over. */
const generated = new Map<string, string>();

/** The entity a rule mention without one on disk has: the generated id of its quote. */
export function impliedEntity(quote: string): string {
  let id = generated.get(quote);
  if (id === undefined) {
    if (generated.size >= 4096) generated.clear();
    id = generatedEntityId(quote);
    generated.set(quote, id);
  }
  return id;
}

type Coding = Pick<EventAnnotation, 'inter1' | 'inter2' | 'interaction' | 'civilian_targeting' | 'time_precision' | 'date'>;

export function impliedInteraction(e: Coding): number | undefined {
  return e.inter1 === undefined ? undefined : expectedInteraction(e.inter1, e.inter2 ?? 0);
}

export function impliedCivilianTargeting(e: Coding): true | undefined {
  return e.inter1 === 7 || e.inter2 === 7 ? true : undefined;
}

export function impliedTimePrecision(e: Coding): number | undefined {
  return e.date !== undefined ? 1 : undefined;
}

/** The event with the coding its line leaves out put back (what a reader of a rule suggestion does). */
export function withImpliedCoding<T extends Coding>(e: T): T {
  const interaction = e.interaction ?? impliedInteraction(e);
  const civilian = e.civilian_targeting ?? impliedCivilianTargeting(e);
  const precision = e.time_precision ?? impliedTimePrecision(e);
  if (interaction === e.interaction && civilian === e.civilian_targeting && precision === e.time_precision) return e;
  const out = { ...e };
  if (interaction !== undefined) out.interaction = interaction;
  if (civilian !== undefined) out.civilian_targeting = civilian;
  if (precision !== undefined) out.time_precision = precision;
  return out;
}

/**
 * The notes a rule suggestion leaves out, for the events of one text: the detector's notes (eventNotes) for the
 * sentences its trigger lies in, dated with its date and time precision, with its toll and report count.
 * Sentences are splitSentences', found on the lines the trigger is on: a line break always ends a sentence and
 * nothing else looks past one, so those lines split alike on their own, at a fraction of the whole text's cost.
 */
export function impliedNotes(text: string, index?: TextIndex): (e: Pick<EventAnnotation, 'start' | 'end' | 'date' | 'time_precision' | 'fatalities' | 'spans'>) => string {
  const idx = index ?? new TextIndex(text);
  let lineBreaks: number[] | undefined;
  // the sentences of the lines last split: events come in text order, many on the same lines (a text that is
  // one long line would otherwise be split again for each of its events)
  let split: { from: number; to: number; sentences: ReturnType<typeof splitSentences>; ordered: boolean } | undefined;
  return (e) => {
    const s = idx.toUtf16(e.start);
    const end = idx.toUtf16(e.end);
    // the line breaks, found once: a search back to the line's start from each trigger is as long as the line
    const breaks = (lineBreaks ??= breaksOf(text));
    const before = firstIndexWhere(breaks.length, (j) => breaks[j] >= s) - 1;
    const from = s > 0 && before >= 0 ? breaks[before] + 1 : 0;
    const after = Math.max(end - 1, from);
    const nl = firstIndexWhere(breaks.length, (j) => breaks[j] >= after);
    const to = nl < breaks.length ? breaks[nl] : text.length;
    const lines = text.slice(from, to);
    if (split?.from !== from || split.to !== to) {
      const sentences = splitSentences(lines);
      split = { from, to, sentences, ordered: sentences.every((r, k) => k === 0 || (r.start >= sentences[k - 1].start && r.end >= sentences[k - 1].end)) };
    }
    let sentence = '';
    let first = -1;
    let last = -1;
    const sentences = split.sentences;
    // in order, from the first sentence that ends after the trigger starts (not every sentence of a long line)
    for (let k = split.ordered ? firstIndexWhere(sentences.length, (j) => s < sentences[j].end + from) : 0; k < sentences.length; k++) {
      const r = sentences[k];
      if (split.ordered && r.start + from >= end) break;
      if (r.start + from < end && s < r.end + from) {
        if (first < 0) first = r.start;
        last = r.end;
      }
    }
    if (first >= 0) sentence = lines.slice(first, last);
    return eventNotes(sentence, e.date !== undefined ? { date: e.date, precision: e.time_precision ?? 1 } : undefined, e.fatalities, 1 + (e.spans?.length ?? 0));
  };
}

function breaksOf(text: string): number[] {
  const out: number[] = [];
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) out.push(k);
  return out;
}

/** Whether a mention's entity goes without saying on its line. */
export function entityImplied(m: Pick<Mention, 'entity' | 'text'>): boolean {
  return m.entity !== undefined && m.entity === impliedEntity(m.text);
}
