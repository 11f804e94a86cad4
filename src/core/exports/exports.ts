/**
 * Training-data and event exports. All functions are pure and deterministic (same input, same string).
 *
 * What is exported: an item (mention, attribution, event) goes out when it is `accepted`, or its document is
 * `reviewed`, or `includeSuggestions` is set; orphans and items whose offsets no longer match the text never do.
 * Offsets in spaCy and brat output are code points, the sidecar's own unit (Python `str` indices).
 */
import { createHash } from 'node:crypto';
import type { Attribution, Entity, EventAnnotation, Mention, MentionLabel, Sidecar, Span, Status } from '../model';
import { splitSentences } from '../text/splitSentences';
import { ACLED_TAXONOMY, disorderType, type Taxonomy } from '../events/taxonomy';
import { TextIndex } from '../text/textIndex';
import { alignTokens, bioTags, trainingTokens, type LabelledSpan, type TrainingToken } from './trainingTokens';

export interface ExportDocument {
  /** Document name, usually the text file name without folder. */
  name: string;
  text: string;
  sidecar: Sidecar;
}

export interface ExportOptions {
  includeSuggestions?: boolean;
  /** Mention labels to export (default: all). */
  labels?: readonly MentionLabel[];
  /** Entity lookup for canonical names, ACLED `inter`, country and coordinates. */
  entities?: (id: string) => Entity | undefined;
}

interface Item {
  status: Status;
  orphan?: boolean;
}

/** True when an item belongs in training data (see the module comment). */
export function isExported(item: Item, doc: ExportDocument, opts: ExportOptions = {}): boolean {
  if (item.orphan) return false;
  return item.status === 'accepted' || doc.sidecar.document.status === 'reviewed' || opts.includeSuggestions === true;
}

function spanMatches(index: TextIndex, s: Span): boolean {
  return Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end > s.start && s.end <= index.length && index.slice(s.start, s.end) === s.text;
}

interface Prepared {
  doc: ExportDocument;
  index: TextIndex;
  sha256: string;
  mentions: Mention[];
  attributions: Attribution[];
  events: EventAnnotation[];
}

function prepare(doc: ExportDocument, opts: ExportOptions): Prepared {
  const index = new TextIndex(doc.text);
  const labels = opts.labels ?? ['ACTOR', 'PLACE'];
  const mentions = doc.sidecar.mentions
    .filter((m) => labels.includes(m.label) && isExported(m, doc, opts) && spanMatches(index, m))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.label.localeCompare(b.label) || a.id.localeCompare(b.id));
  const attributions = doc.sidecar.attributions
    .filter((a) => isExported(a, doc, opts) && spanMatches(index, a.cue) && (!a.source || spanMatches(index, a.source)) && (!a.content || spanMatches(index, a.content)))
    .sort((a, b) => a.cue.start - b.cue.start || a.id.localeCompare(b.id));
  const events = doc.sidecar.events
    .filter((e) => isExported(e, doc, opts) && spanMatches(index, e))
    .sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
  const sha256 = doc.sidecar.document.sha256 || createHash('sha256').update(doc.text, 'utf8').digest('hex');
  return { doc, index, sha256, mentions, attributions, events };
}

const spansOf = (p: Prepared): LabelledSpan[] => p.mentions.map((m) => ({ start: m.start, end: m.end, label: m.label }));

/** spaCy-style JSONL: one document per line, `{"text","spans":[{"start","end","label"}],"meta":{"name","sha256"}}`. */
export function toSpacyJsonl(docs: readonly ExportDocument[], opts: ExportOptions = {}): string {
  return docs
    .map((d) => {
      const p = prepare(d, opts);
      return JSON.stringify({ text: d.text, spans: spansOf(p), meta: { name: d.name, sha256: p.sha256 } }) + '\n';
    })
    .join('');
}

interface TaggedSentence {
  tokens: TrainingToken[];
  tags: string[];
}

/** Tokens (split at annotated boundaries) and BIO tags grouped by sentence (ranges from splitSentences). */
function taggedSentences(p: Prepared): TaggedSentence[] {
  const spans = spansOf(p);
  const tokens = alignTokens(p.doc.text, trainingTokens(p.doc.text), spans);
  const tags = bioTags(tokens, spans);
  const sentences = splitSentences(p.doc.text).map((r) => ({ start: p.index.toCodePoint(r.start), end: p.index.toCodePoint(r.end) }));
  const out: TaggedSentence[] = sentences.map(() => ({ tokens: [], tags: [] }));
  let si = 0;
  tokens.forEach((t, i) => {
    while (si + 1 < sentences.length && t.start >= sentences[si + 1].start) si++;
    if (out.length === 0) out.push({ tokens: [], tags: [] });
    out[si].tokens.push(t);
    out[si].tags.push(tags[i]);
  });
  return out.filter((s) => s.tokens.length > 0);
}

/**
 * Hugging Face token-classification JSONL, one record per sentence (keeps sequences short for transformer
 * models): `{"id":"NAME#N","tokens":[...],"ner_tags":["B-ACTOR","O",...]}`, N counting from 0 per document.
 */
export function toHfJsonl(docs: readonly ExportDocument[], opts: ExportOptions = {}): string {
  let out = '';
  for (const d of docs) {
    taggedSentences(prepare(d, opts)).forEach((s, i) => {
      out += JSON.stringify({ id: `${d.name}#${i}`, tokens: s.tokens.map((t) => t.text), ner_tags: s.tags }) + '\n';
    });
  }
  return out;
}

/** CoNLL-2003 style: `-DOCSTART- -X- -X- O` per document, `token -X- _ TAG` per token, a blank line after each sentence. */
export function toConll(docs: readonly ExportDocument[], opts: ExportOptions = {}): string {
  let out = '';
  for (const d of docs) {
    out += '-DOCSTART- -X- -X- O\n\n';
    for (const s of taggedSentences(prepare(d, opts))) {
      s.tokens.forEach((t, i) => {
        out += `${t.text} -X- _ ${s.tags[i]}\n`;
      });
      out += '\n';
    }
  }
  return out;
}

/** brat type and attribute names allow letters, digits, '_' and '-'. */
export function bratName(name: string): string {
  return name.trim().replace(/[^A-Za-z0-9_-]+/g, '_');
}

const NEWLINE = /[\r\n\u2028\u2029]/;

/** A span as brat fragments "s e;s e", split at line breaks (brat spans cannot contain newlines). */
function bratFragments(index: TextIndex, start: number, end: number): { offsets: string; text: string } {
  const frags: [number, number][] = [];
  let fs = start;
  const chars = [...index.slice(start, end)];
  chars.forEach((c, i) => {
    if (NEWLINE.test(c)) {
      if (start + i > fs) frags.push([fs, start + i]);
      fs = start + i + 1;
    }
  });
  if (end > fs) frags.push([fs, end]);
  if (frags.length === 0) frags.push([start, end]);
  return { offsets: frags.map(([s, e]) => `${s} ${e}`).join(';'), text: frags.map(([s, e]) => index.slice(s, e)).join(' ') };
}

/**
 * brat standoff for one document: `txt` is the text unchanged, `ann` has T lines for mentions, event
 * triggers (typed by event type), attribution cues, sources and contents; E lines for events
 * (`E1\tBattles:T5 Actor1:T2 Actor2:T3 Place:T4`) and attributions (`Attribution:T9 Source:T7 Content:T8`);
 * A lines for the sub-type, attribution kind/directness and suggestions; AnnotatorNotes for date and fatalities.
 */
export function toBrat(doc: ExportDocument, opts: ExportOptions = {}): { txt: string; ann: string } {
  const p = prepare(doc, opts);
  const lines: string[] = [];
  let t = 0;
  let e = 0;
  let a = 0;
  let n = 0;
  const tLine = (type: string, start: number, end: number): string => {
    const f = bratFragments(p.index, start, end);
    const id = `T${++t}`;
    lines.push(`${id}\t${type} ${f.offsets}\t${f.text}`);
    return id;
  };
  const mentionT = new Map<string, string>();
  for (const m of p.mentions) {
    const id = tLine(m.label, m.start, m.end);
    mentionT.set(m.id, id);
    if (m.status === 'suggested') lines.push(`A${++a}\tSuggested ${id}`);
  }
  for (const ev of p.events) {
    const trigger = tLine(bratName(ev.type), ev.start, ev.end);
    const id = `E${++e}`;
    const args = [`${bratName(ev.type)}:${trigger}`];
    for (const [role, ref] of [['Actor1', ev.actor1], ['Actor2', ev.actor2], ['Place', ev.place]] as const) {
      const target = ref ? mentionT.get(ref) : undefined;
      if (target) args.push(`${role}:${target}`);
    }
    lines.push(`${id}\t${args.join(' ')}`);
    if (ev.subtype) lines.push(`A${++a}\tSubtype ${id} ${bratName(ev.subtype)}`);
    if (ev.status === 'suggested') lines.push(`A${++a}\tSuggestedEvent ${id}`);
    const note = [ev.date ? `date=${ev.date}` : '', ev.fatalities !== undefined ? `fatalities=${ev.fatalities}` : ''].filter(Boolean).join('; ');
    if (note) lines.push(`#${++n}\tAnnotatorNotes ${id}\t${note}`);
  }
  for (const at of p.attributions) {
    const cue = tLine('Attribution', at.cue.start, at.cue.end);
    const args = [`Attribution:${cue}`];
    if (at.source) {
      const same = p.mentions.find((m) => m.label === 'ACTOR' && m.start === at.source!.start && m.end === at.source!.end);
      args.push(`Source:${same ? mentionT.get(same.id)! : tLine('Source', at.source.start, at.source.end)}`);
    }
    if (at.content) args.push(`Content:${tLine('Content', at.content.start, at.content.end)}`);
    const id = `E${++e}`;
    lines.push(`${id}\t${args.join(' ')}`);
    lines.push(`A${++a}\tKind ${id} ${at.kind}`);
    if (at.direct) lines.push(`A${++a}\tDirect ${id}`);
    if (at.status === 'suggested') lines.push(`A${++a}\tSuggestedEvent ${id}`);
  }
  return { txt: doc.text, ann: lines.map((l) => l + '\n').join('') };
}

/** brat `annotation.conf` matching {@link toBrat} for a taxonomy. */
export function bratConfig(taxonomy: Taxonomy = ACLED_TAXONOMY): string {
  const types = taxonomy.types.map((x) => bratName(x.name));
  const subtypes = [...new Set(taxonomy.types.flatMap((x) => x.subtypes.map((s) => bratName(s.name))))];
  return [
    '# brat annotation.conf for Conflict Annotator exports',
    '[entities]',
    'ACTOR',
    'PLACE',
    'Source',
    'Content',
    '',
    '[relations]',
    '',
    '<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>',
    '',
    '[events]',
    ...types.map((x) => `${x}\tActor1?:ACTOR, Actor2?:ACTOR, Place?:PLACE`),
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

interface MentionRef {
  id: string;
  text: string;
  entity: string | null;
}

function mentionRef(p: Prepared, id: string | undefined): MentionRef | null {
  const m = id ? p.mentions.find((x) => x.id === id) : undefined;
  return m ? { id: m.id, text: m.text, entity: m.entity ?? null } : null;
}

/** One JSON line per exported event with resolved actor, place and source texts. */
export function toEventsJsonl(docs: readonly ExportDocument[], opts: ExportOptions = {}): string {
  let out = '';
  for (const d of docs) {
    const p = prepare(d, opts);
    for (const ev of p.events) {
      const at = ev.attribution ? p.attributions.find((x) => x.id === ev.attribution) : undefined;
      out +=
        JSON.stringify({
          id: `${d.name}:${ev.id}`,
          document: d.name,
          sha256: p.sha256,
          type: ev.type,
          subtype: ev.subtype,
          status: ev.status,
          trigger: { start: ev.start, end: ev.end, text: ev.text },
          date: ev.date ?? null,
          fatalities: ev.fatalities ?? null,
          actor1: mentionRef(p, ev.actor1),
          actor2: mentionRef(p, ev.actor2),
          place: mentionRef(p, ev.place),
          source: at
            ? { text: at.source?.text ?? null, entity: at.sourceEntity ?? null, kind: at.kind, direct: at.direct, cue: at.cue.text }
            : null,
        }) + '\n';
    }
  }
  return out;
}

export const ACLED_COLUMNS = [
  'event_id_cnty', 'event_date', 'year', 'time_precision', 'disorder_type', 'event_type', 'sub_event_type', 'actor1',
  'inter1', 'actor2', 'inter2', 'interaction', 'country', 'admin1', 'location', 'latitude', 'longitude',
  'geo_precision', 'source', 'notes', 'fatalities',
] as const;

function csvField(v: string | number | undefined): string {
  const s = v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * ACLED-shaped CSV (RFC 4180: CRLF line ends, quoted fields). Unknown values stay empty. `event_id_cnty` is
 * `NAME:EVENTID` so rows trace back to their sidecar; `country` is the ISO alpha-2 code of the place entity;
 * `geo_precision` is 1 for towns and facilities, 3 for regions and countries. `time_precision` is not stored
 * with events and stays empty.
 */
export function toAcledCsv(docs: readonly ExportDocument[], opts: ExportOptions = {}): string {
  const rows: string[] = [ACLED_COLUMNS.join(',')];
  const lookup = (m: Mention | undefined): Entity | undefined => (m?.entity && opts.entities ? opts.entities(m.entity) : undefined);
  for (const d of docs) {
    const p = prepare(d, opts);
    const byId = (id: string | undefined): Mention | undefined => (id ? p.mentions.find((m) => m.id === id) : undefined);
    for (const ev of p.events) {
      const a1 = byId(ev.actor1);
      const a2 = byId(ev.actor2);
      const pl = byId(ev.place);
      const e1 = lookup(a1);
      const e2 = lookup(a2);
      const ep = lookup(pl);
      const inter1 = e1?.inter;
      const inter2 = e2?.inter;
      let interaction: string | undefined;
      if (inter1 !== undefined && inter2 !== undefined) interaction = `${Math.min(inter1, inter2)}${Math.max(inter1, inter2)}`;
      else if (inter1 !== undefined) interaction = `${inter1}0`;
      const geo = ep ? (ep.kind === 'city' || ep.kind === 'facility' ? 1 : ['admin_area', 'region', 'country'].includes(ep.kind) ? 3 : undefined) : undefined;
      const at = ev.attribution ? p.attributions.find((x) => x.id === ev.attribution) : undefined;
      const row: Record<(typeof ACLED_COLUMNS)[number], string | number | undefined> = {
        event_id_cnty: `${d.name}:${ev.id}`,
        event_date: ev.date,
        year: ev.date?.slice(0, 4),
        time_precision: undefined,
        disorder_type: disorderType(ev.type, ev.subtype) || undefined,
        event_type: ev.type,
        sub_event_type: ev.subtype,
        actor1: e1?.name ?? a1?.text,
        inter1,
        actor2: e2?.name ?? a2?.text,
        inter2,
        interaction,
        country: ep?.country,
        admin1: undefined,
        location: ep?.name ?? pl?.text,
        latitude: ep?.lat,
        longitude: ep?.lon,
        geo_precision: geo,
        source: at?.source?.text,
        notes: ev.text.replace(/\s+/g, ' ').trim(),
        fatalities: ev.fatalities,
      };
      rows.push(ACLED_COLUMNS.map((c) => csvField(row[c])).join(','));
    }
  }
  return rows.map((r) => r + '\r\n').join('');
}

/**
 * Deterministic train/dev/test assignment from a document hash: the first 32 bits of the hex SHA-256 as a
 * fraction of 2^32 against the cumulative normalised ratios. Non-hex input is hashed first.
 */
export function splitOf(sha256: string, ratios: [number, number, number]): 'train' | 'dev' | 'test' {
  const hex = /^[0-9a-f]{8}/i.test(sha256) ? sha256 : createHash('sha256').update(sha256, 'utf8').digest('hex');
  const x = parseInt(hex.slice(0, 8), 16) / 2 ** 32;
  const clean = ratios.map((r) => (Number.isFinite(r) && r > 0 ? r : 0));
  const total = clean[0] + clean[1] + clean[2];
  if (total === 0) return 'train';
  if (x < clean[0] / total) return 'train';
  if (x < (clean[0] + clean[1]) / total) return 'dev';
  return 'test';
}
