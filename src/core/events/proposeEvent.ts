/**
 * Pre-fills an ACLED event from the sentence(s) around a selected span: actors, place, date, fatalities,
 * attribution and a suggested sub-type. Everything is a proposal for a person to confirm; `notes` say why.
 */
import { datelineDate, resolveDate } from './dates';
import { datelineRange } from './datelineRange';
import { extractFatalities } from './fatalities';
import type { Mention, Sidecar } from '../model';
import { splitSentences } from '../text/splitSentences';
import { ACLED_TAXONOMY, suggestSubtypes, type Taxonomy } from './taxonomy';
import { TextIndex } from '../text/textIndex';

export interface EventProposalInput {
  text: string;
  sidecar: Sidecar;
  /** Code point offsets of the selected span. */
  start: number;
  end: number;
  taxonomy?: Taxonomy;
  /** ISO reference date; defaults to the sidecar's document date, then the dateline. */
  documentDate?: string;
}

export interface EventProposal {
  type?: string;
  subtype?: string;
  /** Mention ids. */
  actor1?: string;
  actor2?: string;
  place?: string;
  date?: string;
  /** ACLED time_precision of `date`. */
  datePrecision?: 1 | 2 | 3;
  fatalities?: number;
  /** Attribution id. */
  attribution?: string;
  /** Code point range of the sentence(s) used. */
  sentence?: { start: number; end: number };
  notes: string[];
}

const overlaps = (a: { start: number; end: number }, s: number, e: number): boolean => a.start < e && s < a.end;
const entityKey = (m: Mention): string => m.entity ?? m.text.toLowerCase();

export function proposeEvent(input: EventProposalInput): EventProposal {
  const { text, sidecar } = input;
  const notes: string[] = [];
  const index = new TextIndex(text);
  const s16 = index.toUtf16(input.start);
  const e16 = index.toUtf16(Math.max(input.start, input.end));
  const ranges = splitSentences(text).filter((r) => r.start < Math.max(e16, s16 + 1) && s16 < r.end);
  const u16: { start: number; end: number } = ranges.length > 0 ? { start: ranges[0].start, end: ranges[ranges.length - 1].end } : { start: s16, end: e16 };
  // The dateline ("MOSUL, Iraq, June 21 (AP) - ") is where and when the report was filed: it is left out of
  // the sentence and only used as a fallback place.
  const dateline = datelineRange(index);
  if (dateline && u16.start < index.toUtf16(dateline.end) && index.toUtf16(dateline.end) < u16.end) {
    u16.start = index.toUtf16(dateline.end);
  }
  const sent = { start: index.toCodePoint(u16.start), end: index.toCodePoint(u16.end) };
  const sentenceText = text.slice(u16.start, u16.end);
  const proposal: EventProposal = { sentence: sent, notes };

  const inDateline = (m: Mention): boolean => dateline !== undefined && m.start >= dateline.start && m.end <= dateline.end;
  const mentions = sidecar.mentions
    .filter((m) => !m.orphan && m.start >= sent.start && m.end <= sent.end && !inDateline(m))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const attributions = sidecar.attributions.filter(
    (a) => !a.orphan && [a.cue, a.source, a.content].some((x) => x !== undefined && overlaps(x, sent.start, sent.end)),
  );
  // Speakers are not event actors.
  const speakerSpans = attributions.flatMap((a) => (a.source ? [a.source] : []));
  const actors = mentions.filter((m) => m.label === 'ACTOR' && !speakerSpans.some((sp) => overlaps(sp, m.start, m.end)));

  // Subject: the selection is usually the event verb, so the first actor before it; else the first actor.
  const actor1: Mention | undefined = actors.find((a) => a.end <= input.start) ?? actors[0];
  if (actor1) {
    proposal.actor1 = actor1.id;
    const actor2 = actors.find((m) => m !== actor1 && entityKey(m) !== entityKey(actor1));
    if (actor2) proposal.actor2 = actor2.id;
  } else {
    notes.push('no actor mention in the sentence');
  }

  const places = mentions.filter((m) => m.label === 'PLACE');
  const prepositional = places.find((m) => /\b(?:in|near|at|outside|around|into|across|inside)\s+(?:the\s+)?(?:[\p{L}-]+\s+){0,3}$/iu.test(index.slice(Math.max(sent.start, m.start - 48), m.start)));
  const selected = places.find((m) => m.start >= input.start && m.end <= input.end);
  // A possessive place ("Sudan's paramilitary") modifies a noun; it is not where the event happened.
  const possessive = (m: Mention): boolean => /^['’]s\b/u.test(index.slice(m.end, m.end + 3));
  // The object of the event verb usually follows it closely ("hit a crowded market in Mugunga").
  const following = places.find((m) => m.start >= input.end && m.start - input.end <= 80 && !possessive(m));
  const place = selected ?? following ?? prepositional ?? places.find((m) => !possessive(m)) ?? places[0];
  if (place) {
    proposal.place = place.id;
  } else {
    const dlPlace = sidecar.mentions.find((m) => !m.orphan && m.label === 'PLACE' && inDateline(m));
    if (dlPlace) {
      proposal.place = dlPlace.id;
      notes.push(`place from the dateline: ${dlPlace.text}`);
    } else {
      notes.push('no place mention in the sentence');
    }
  }

  const reference = input.documentDate ?? sidecar.document.date ?? datelineDate(text);
  if (reference) {
    const d = resolveDate(sentenceText, reference);
    if (d) {
      proposal.date = d.date;
      proposal.datePrecision = d.precision;
      notes.push(`date "${d.phrase}" resolved against ${reference} (precision ${d.precision})`);
    } else {
      notes.push(`no date phrase in the sentence; document date is ${reference}`);
    }
  } else {
    notes.push('no reference date (no document date or dateline)');
  }

  const f = extractFatalities(sentenceText);
  if (f) {
    proposal.fatalities = f.count;
    notes.push(`fatalities "${f.phrase}" read as ${f.count} (${f.rule})`);
  }

  // Prefer the attribution whose content covers the selection, then any in the sentence.
  const attribution =
    attributions.find((a) => a.content && a.content.start <= input.start && input.end <= a.content.end) ?? attributions[0];
  if (attribution) proposal.attribution = attribution.id;

  // Trigger words inside the selection decide first ("seize" over the "battle" later in the sentence).
  const taxonomy = input.taxonomy ?? ACLED_TAXONOMY;
  const inSelection = suggestSubtypes(taxonomy, text.slice(s16, e16));
  const suggestions = inSelection.length > 0 ? inSelection : suggestSubtypes(taxonomy, sentenceText);
  if (suggestions.length > 0) {
    proposal.type = suggestions[0].type;
    proposal.subtype = suggestions[0].subtype;
    if (suggestions.length > 1) {
      notes.push(`also possible: ${suggestions.slice(1, 3).map((s) => s.subtype).join(', ')}`);
    }
  } else {
    notes.push('no trigger word found for an event type');
  }
  return proposal;
}
