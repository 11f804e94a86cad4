/**
 * Pre-fills an ACLED event from the sentence(s) around a selected span: actors, place, date, fatalities,
 * attribution and a suggested sub-type. Everything is a proposal for a person to confirm; `notes` say why.
 */
import { referenceDate, resolveDate } from './dates';
import { datelineRange } from './datelineRange';
import { extractFatalities } from './fatalities';
import type { EventAnnotation, Mention, Sidecar } from '../model';
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
  /** The suggested (detected) event in the selection whose roles were taken, if any. */
  suggestion?: string;
  notes: string[];
}

const overlaps = (a: { start: number; end: number }, s: number, e: number): boolean => a.start < e && s < a.end;
const entityKey = (m: Mention): string => m.entity ?? m.text.toLowerCase();

/**
 * Where the event verb is (code points): the selection itself when it is shorter than the sentence, else the
 * first trigger word of an event sub-type in the selection, else the selection.
 */
function triggerIn(index: TextIndex, taxonomy: Taxonomy, start: number, end: number, sentence: { start: number; end: number }): { start: number; end: number } {
  if (end - start < sentence.end - sentence.start) return { start, end };
  const keywords = taxonomy.types.flatMap((t) => t.subtypes.flatMap((s) => s.keywords ?? [])).filter((k) => k.trim());
  if (keywords.length === 0) return { start, end };
  const escaped = keywords.map((k) => k.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')).sort((a, b) => b.length - a.length);
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
  const from = index.toUtf16(start);
  const m = re.exec(index.text.slice(from, index.toUtf16(end)));
  if (!m) return { start, end };
  return { start: index.toCodePoint(from + m.index), end: index.toCodePoint(from + m.index + m[0].length) };
}

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

  // The trigger: the selection when it is the event verb, else the first trigger word of the event types in it
  // ("seized" of a selected sentence). Roles are read off the clause around it.
  const taxonomy = input.taxonomy ?? ACLED_TAXONOMY;
  const trigger = triggerIn(index, taxonomy, input.start, Math.max(input.start, input.end), sent);
  const before = actors.filter((a) => a.end <= trigger.start);
  const after = actors.filter((a) => a.start >= trigger.end);
  // "... was seized by ISIL": the agent follows the verb after "by"
  const agentAfter = after.find((m) => /\bby\s+(?:the\s+)?$/iu.test(index.slice(Math.max(trigger.end, m.start - 12), m.start)) && !/[.;]/.test(index.slice(trigger.end, m.start)));
  // subject: the nearest actor before the verb; object: the nearest one after it
  // the subject phrase starts at the first of a run of mentions of one entity ("ISIL and Islamic State fighters")
  let subject = before.length - 1;
  while (subject > 0 && entityKey(before[subject - 1]) === entityKey(before[subject]) && /^(?:\s*(?:,|and|or|&)\s*|\s+)$/iu.test(index.slice(before[subject - 1].end, before[subject].start))) subject--;
  let actor1: Mention | undefined = agentAfter ?? before[subject];
  let actor2: Mention | undefined = agentAfter ? before[before.length - 1] : after.find((m) => !actor1 || entityKey(m) !== entityKey(actor1));
  if (!actor1) actor1 = actors[0];
  if (!actor2 && actor1) actor2 = actors.find((m) => m !== actor1 && entityKey(m) !== entityKey(actor1));
  if (actor1) {
    proposal.actor1 = actor1.id;
    if (actor2 && entityKey(actor2) !== entityKey(actor1)) proposal.actor2 = actor2.id;
  } else {
    notes.push('no actor mention in the sentence');
  }

  const places = mentions.filter((m) => m.label === 'PLACE');
  const governed = (m: Mention): boolean => /\b(?:in|at|near|outside)\s+(?:the\s+)?(?:[\p{L}-]+\s+){0,3}$/iu.test(index.slice(Math.max(sent.start, m.start - 48), m.start));
  const prepositional = places.find(governed);
  const selected = places.find((m) => m.start >= input.start && m.end <= input.end && input.end - input.start < sent.end - sent.start);
  // A possessive place ("Sudan's paramilitary") modifies a noun; it is not where the event happened.
  const possessive = (m: Mention): boolean => /^['’]s\b/u.test(index.slice(m.end, m.end + 3));
  // where the event happened: governed by in/at/near/outside after the verb ("seized a base near Tikrit")
  const sameClause = (m: Mention): boolean => !/[,;:.]/.test(index.slice(trigger.end, m.start));
  const placeAfterVerb = places.find((m) => m.start >= trigger.end && sameClause(m) && governed(m) && !possessive(m));
  // The object of the event verb usually follows it closely ("hit a crowded market in Mugunga").
  const following = places.find((m) => m.start >= trigger.end && m.start - trigger.end <= 80 && !possessive(m));
  const place = selected ?? placeAfterVerb ?? following ?? prepositional ?? places.find((m) => !possessive(m)) ?? places[0];
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

  // the same reference as event detection: document date, dateline, file name, the text's own dates
  const reference = input.documentDate ?? referenceDate(sidecar.document, text)?.date;
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
    notes.push('no reference date (no document date, dateline or date in the file name or text)');
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
  const detected = detectedEventIn(sidecar, input.start, Math.max(input.start, input.end), trigger);
  if (detected) fromDetected(proposal, detected, sidecar);
  return proposal;
}

/**
 * A suggested event of the selection: the detector reads more than the clause rules above (references back,
 * "seized it" = the town named before, the agent of a noun), so its roles are the better proposal. The one
 * around the trigger, else the first in the selection.
 */
function detectedEventIn(sidecar: Sidecar, start: number, end: number, trigger: { start: number; end: number }): EventAnnotation | undefined {
  const candidates = sidecar.events.filter((e) => e.status === 'suggested' && !e.orphan && overlaps(e, start, Math.max(end, start + 1)));
  return candidates.find((e) => overlaps(e, trigger.start, Math.max(trigger.end, trigger.start + 1))) ?? candidates.sort((a, b) => a.start - b.start)[0];
}

function fromDetected(proposal: EventProposal, e: EventAnnotation, sidecar: Sidecar): void {
  const placed = (id: string | undefined, label: Mention['label']): string | undefined => (id !== undefined && sidecar.mentions.some((m) => m.id === id && !m.orphan && m.label === label) ? id : undefined);
  const actor1 = placed(e.actor1, 'ACTOR');
  const actor2 = placed(e.actor2, 'ACTOR');
  const place = placed(e.place, 'PLACE');
  if (actor1 || actor2) {
    proposal.actor1 = actor1;
    proposal.actor2 = actor2;
  }
  if (place) proposal.place = place;
  if (e.date) proposal.date = e.date;
  if (e.fatalities !== undefined) proposal.fatalities = e.fatalities;
  if (e.attribution && sidecar.attributions.some((a) => a.id === e.attribution && !a.orphan)) proposal.attribution = e.attribution;
  proposal.type = e.type;
  proposal.subtype = e.subtype;
  proposal.suggestion = e.id;
  for (const key of ['actor1', 'actor2', 'place', 'date', 'fatalities', 'attribution'] as const) if (proposal[key] === undefined) delete proposal[key];
  proposal.notes.push(`roles from the suggested event ${e.id} (${e.type} / ${e.subtype}: "${e.text}")`);
}
