/**
 * brat standoff: `.txt` + `.ann` per document and the `annotation.conf`, `visual.conf` and `tools.conf` that
 * declare and show their types.
 *
 * The `.txt` is the text with CRLF and lone CR written as LF: brat reads texts in universal-newline mode, so
 * offsets into a CRLF text would drift by one per line. Offsets are code points of that text (brat is Python).
 * Role names carry no trailing digit (`ActorA`, `ActorB`, `Place`): brat reads `Actor1`/`Actor2` as two
 * repeats of one role `Actor` and rejects them.
 */
import { ACLED_TAXONOMY, type Taxonomy } from '../events/taxonomy';
import type { Mention } from '../model';
import { TextIndex } from '../text/textIndex';
import { prepare, type ExportDocument, type ExportOptions } from './exportDocument';

/** brat type and attribute names allow letters, digits, '_' and '-'. */
export function bratName(name: string): string {
  return name.trim().replace(/[^A-Za-z0-9_-]+/g, '_');
}

/** The event roles: model key and brat role name. */
export const BRAT_ROLES = [
  ['actor1', 'ActorA'],
  ['actor2', 'ActorB'],
  ['place', 'Place'],
] as const;

/** The event role naming the attribution (an `Attribution` event) an event is reported by. */
export const BRAT_ATTRIBUTION_ROLE = 'Attribution';

/** Normalisation databases of the N lines, declared in tools.conf. */
export const BRAT_GEONAMES = 'GeoNames';
export const BRAT_GAZETTEER = 'Gazetteer';

/** Line breaks as Python's `str.splitlines` sees them: a brat span fragment holds none. */
const LINE_BREAK = /[\n\r\v\f\u001c-\u001e\u0085\u2028\u2029]/;

/** The text brat gets (CRLF and CR as LF) and a map from original code point offsets into it. */
export function bratText(text: string): { txt: string; offset: (cp: number) => number } {
  const cps = [...text];
  // crlfBefore[i]: how many CR of a CRLF pair lie before code point i
  const crlfBefore = new Uint32Array(cps.length + 1);
  for (let i = 0; i < cps.length; i++) crlfBefore[i + 1] = crlfBefore[i] + (cps[i] === '\r' && cps[i + 1] === '\n' ? 1 : 0);
  return { txt: text.replace(/\r\n?/g, '\n'), offset: (cp) => cp - crlfBefore[Math.min(Math.max(cp, 0), cps.length)] };
}

/** A span as brat fragments "s e;s e" (brat spans cannot contain line breaks) and their text joined by spaces. */
function bratFragments(index: TextIndex, start: number, end: number): { offsets: string; text: string } {
  const frags: [number, number][] = [];
  let fs = start;
  [...index.slice(start, end)].forEach((c, i) => {
    if (LINE_BREAK.test(c)) {
      if (start + i > fs) frags.push([fs, start + i]);
      fs = start + i + 1;
    }
  });
  if (end > fs) frags.push([fs, end]);
  if (frags.length === 0) frags.push([start, end]);
  return { offsets: frags.map(([s, e]) => `${s} ${e}`).join(';'), text: frags.map(([s, e]) => index.slice(s, e)).join(' ').replace(/\t/g, ' ') };
}

/** `DB:ID` references for an entity id: GeoNames for GeoNames places, the gazetteer id always (for import). */
function references(entity: string, opts: ExportOptions): { db: string; id: string; name: string }[] {
  const e = opts.entities?.(entity);
  const name = (e?.name ?? entity).replace(/[\t\r\n]+/g, ' ');
  const geonameId = e?.geonameId ?? /^geonames-(\d+)$/.exec(entity)?.[1];
  const out = geonameId !== undefined ? [{ db: BRAT_GEONAMES, id: String(geonameId), name }] : [];
  out.push({ db: BRAT_GAZETTEER, id: encodeURIComponent(entity), name });
  return out;
}

/**
 * brat standoff for one document: T lines for mentions, event triggers (typed by event type), attribution cues,
 * sources and contents; E lines for events (`E1\tBattles:T5 ActorA:T2 ActorB:T3 Place:T4 Attribution:E3`, the
 * last naming the attribution that reports it) and attributions (`Attribution:T9 Source:T7 Content:T8`); A lines for the sub-type, attribution kind/directness and suggestions;
 * N lines linking mentions and sources to their entity (`N1\tReference T2 GeoNames:98182\tAl Qaim` and
 * `Gazetteer:al-qaim`); AnnotatorNotes for date and fatalities. An event's actor or place that is a suggestion
 * is written with the event and marked `Suggested`.
 */
export function toBrat(doc: ExportDocument, opts: ExportOptions = {}): { txt: string; ann: string } {
  const p = prepare(doc, opts);
  const { txt, offset } = bratText(doc.text);
  const index = new TextIndex(txt);
  const lines: string[] = [];
  const count = { T: 0, E: 0, A: 0, N: 0, '#': 0 };
  const next = (k: keyof typeof count): string => `${k}${++count[k]}`;
  const tLine = (type: string, start: number, end: number): string => {
    const f = bratFragments(index, offset(start), offset(end));
    const id = next('T');
    lines.push(`${id}\t${type} ${f.offsets}\t${f.text}`);
    return id;
  };
  const normalise = (t: string, entity: string | undefined): void => {
    if (!entity) return;
    for (const r of references(entity, opts)) lines.push(`${next('N')}\tReference ${t} ${r.db}:${r.id}\t${r.name}`);
  };
  const mentionT = new Map<string, string>();
  const addMention = (m: Mention, suggested: boolean): string => {
    const id = tLine(m.label, m.start, m.end);
    mentionT.set(m.id, id);
    normalise(id, m.entity);
    if (suggested) lines.push(`${next('A')}\tSuggested ${id}`);
    return id;
  };
  for (const m of p.mentions) addMention(m, m.status === 'suggested');
  const triggers = new Map<string, string>();
  for (const ev of p.events) {
    const type = bratName(ev.type);
    const key = `${type} ${ev.start} ${ev.end}`;
    const trigger = triggers.get(key) ?? tLine(type, ev.start, ev.end);
    triggers.set(key, trigger);
    const args = [`${type}:${trigger}`];
    for (const [key, role] of BRAT_ROLES) {
      const r = p.role(ev, key);
      if (r) args.push(`${role}:${mentionT.get(r.mention.id) ?? addMention(r.mention, r.suggested)}`);
    }
    // attributions are written after the events, so their E ids follow the events'
    const said = ev.attribution === undefined ? -1 : p.attributions.findIndex((a) => a.id === ev.attribution);
    if (said >= 0) args.push(`${BRAT_ATTRIBUTION_ROLE}:E${p.events.length + said + 1}`);
    const id = next('E');
    lines.push(`${id}\t${args.join(' ')}`);
    if (ev.subtype) lines.push(`${next('A')}\tSubtype ${id} ${bratName(ev.subtype)}`);
    if (ev.status === 'suggested') lines.push(`${next('A')}\tSuggestedEvent ${id}`);
    const note = [ev.date ? `date=${ev.date}` : '', ev.fatalities !== undefined ? `fatalities=${ev.fatalities}` : '', `id=${ev.id}`].filter(Boolean).join('; ');
    lines.push(`${next('#')}\tAnnotatorNotes ${id}\t${note}`);
  }
  const actorAt = new Map(p.mentions.filter((m) => m.label === 'ACTOR').map((m) => [`${m.start} ${m.end} ${m.entity ?? ''}`, m]));
  for (const at of p.attributions) {
    const cue = tLine('Attribution', at.cue.start, at.cue.end);
    const args = [`Attribution:${cue}`];
    if (at.source) {
      // the source is the ACTOR mention's T when it is the same span and names the same entity (a T has one set of N lines)
      const same = actorAt.get(`${at.source.start} ${at.source.end} ${at.sourceEntity ?? ''}`);
      const source = same ? mentionT.get(same.id)! : tLine('Source', at.source.start, at.source.end);
      if (!same) normalise(source, at.sourceEntity);
      args.push(`Source:${source}`);
    }
    if (at.content) args.push(`Content:${tLine('Content', at.content.start, at.content.end)}`);
    const id = next('E');
    lines.push(`${id}\t${args.join(' ')}`);
    lines.push(`${next('A')}\tKind ${id} ${at.kind}`);
    if (at.direct) lines.push(`${next('A')}\tDirect ${id}`);
    if (at.status === 'suggested') lines.push(`${next('A')}\tSuggestedEvent ${id}`);
  }
  return { txt, ann: lines.map((l) => l + '\n').join('') };
}

/** Event type names for the config: the taxonomy's, then any other type the documents use. */
function eventTypes(taxonomy: Taxonomy, docs: readonly ExportDocument[]): string[] {
  return [...new Set([...taxonomy.types.map((x) => bratName(x.name)), ...docs.flatMap((d) => d.sidecar.events.map((e) => bratName(e.type)))])];
}

/** brat `annotation.conf` matching {@link toBrat} for a taxonomy (plus event types the documents use). */
export function bratConfig(taxonomy: Taxonomy = ACLED_TAXONOMY, docs: readonly ExportDocument[] = []): string {
  const types = eventTypes(taxonomy, docs);
  const subtypes = [...new Set([...taxonomy.types.flatMap((x) => x.subtypes.map((s) => bratName(s.name))), ...docs.flatMap((d) => d.sidecar.events.map((e) => bratName(e.subtype)))])].filter(Boolean);
  return [
    '# brat annotation.conf for Conflict Annotator exports',
    '[entities]',
    'ACTOR',
    'PLACE',
    'CIVILIAN',
    'Source',
    'Content',
    '',
    '[relations]',
    '',
    '<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>',
    '',
    '[events]',
    ...types.map((x) => `${x}\t${BRAT_ROLES.map(([key, role]) => `${role}?:${key === 'place' ? 'PLACE' : key === 'actor2' ? 'ACTOR|CIVILIAN' : 'ACTOR'}`).join(', ')}, ${BRAT_ATTRIBUTION_ROLE}?:Attribution`),
    'Attribution\tSource?:ACTOR|Source, Content?:Content',
    '',
    '[attributes]',
    `Subtype\tArg:${types.join('|')}, Value:${subtypes.join('|')}`,
    'Kind\tArg:Attribution, Value:named|anonymous',
    'Direct\tArg:Attribution',
    'Suggested\tArg:<ENTITY>',
    'SuggestedEvent\tArg:<EVENT>',
    '',
  ].join('\n');
}

/** brat `visual.conf`: readable labels and one colour per kind of annotation. */
export function bratVisualConfig(taxonomy: Taxonomy = ACLED_TAXONOMY, docs: readonly ExportDocument[] = []): string {
  const types = eventTypes(taxonomy, docs);
  const known = new Map(taxonomy.types.map((t) => [bratName(t.name), t.name]));
  return [
    '# brat visual.conf for Conflict Annotator exports',
    '[labels]',
    'ACTOR | Actor | Act',
    'PLACE | Place | Pl',
    'CIVILIAN | Civilians | Civ',
    'Source | Source | Src',
    'Content | Content',
    'Attribution | Attribution | Attr',
    ...types.map((t) => `${t} | ${(known.get(t) ?? t).replace(/\|/g, '/')}`),
    'ActorA | Actor A',
    'ActorB | Actor B',
    'Subtype | Sub-type',
    'Suggested | Suggested',
    'SuggestedEvent | Suggested',
    '',
    '[drawing]',
    'SPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:darken',
    'ARC_DEFAULT\tcolor:black, arrowHead:triangle-5',
    'ATTRIBUTE_DEFAULT\tglyph:*',
    'ACTOR\tbgColor:#7fa2ff',
    'PLACE\tbgColor:#ffd27f',
    'CIVILIAN\tbgColor:#d9d9d9',
    'Source\tbgColor:#c9b3ff',
    'Content\tbgColor:#eeeeee',
    'Attribution\tbgColor:#b3e6b3',
    ...types.map((t) => `${t}\tbgColor:#ff9a8f`),
    'Suggested\tglyph:?, dashArray:3-3',
    'SuggestedEvent\tglyph:?',
    'Direct\tglyph:"',
    '',
  ].join('\n');
}

/** brat `tools.conf`: the normalisation databases the N lines name. */
export function bratToolsConfig(): string {
  return [
    '# brat tools.conf for Conflict Annotator exports',
    '[options]',
    '',
    '[search]',
    '',
    '[annotators]',
    '',
    '[disambiguators]',
    '',
    '[normalization]',
    `${BRAT_GEONAMES}\t<URL>:https://www.geonames.org/, <URLBASE>:https://www.geonames.org/%s`,
    `${BRAT_GAZETTEER}\t<URL>:conflict-gazetteer.yaml, <URLBASE>:conflict-gazetteer.yaml#%s`,
    '',
  ].join('\n');
}
