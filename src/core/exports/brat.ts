/** brat standoff: `.txt` + `.ann` per document and the `annotation.conf` that declares their types. */
import { ACLED_TAXONOMY, type Taxonomy } from '../events/taxonomy';
import type { TextIndex } from '../text/textIndex';
import { prepare, type ExportDocument, type ExportOptions } from './exportDocument';

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
