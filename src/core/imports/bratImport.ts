/**
 * brat standoff (`.ann` with its `.txt`) as Conflict Annotator exports it and as other brat projects write it.
 *
 * Offsets are code points of the text read in universal-newline mode (CRLF and CR as LF), as brat reads it;
 * the imported text is that text. A discontinuous T (fragments `s e;s e`) becomes one span from its first to its
 * last fragment. Text-bound types become mentions, except event triggers and the parts of `Attribution` events
 * (cue, `Source`, `Content`). Event roles: `ActorA`/`ActorB`/`Place` (also the older `Actor1`/`Actor2`) and
 * `Attribution` (the attribution event reporting it).
 * Attributes: `Suggested`/`SuggestedEvent` (status), `Subtype`, `Kind`, `Direct`. N lines: `Gazetteer:ID` gives
 * the entity, `GeoNames:ID` the `geonames-ID` entity when no gazetteer id is given. AnnotatorNotes on an event:
 * `date=…; fatalities=…; id=…`. Relations and equivalences are not read (reported).
 */
import { ACLED_TAXONOMY, type Taxonomy } from '../events/taxonomy';
import { bratName, BRAT_ATTRIBUTION_ROLE, BRAT_GAZETTEER, BRAT_GEONAMES } from '../exports/brat';
import type { Problem } from '../problem';
import { emptyDocument, problem, type ImportedAttribution, type ImportedEvent, type ImportedMention, type ImportResult, type ImportSource, type ImportedSpan } from './importedDocument';

const ROLE_KEYS: Record<string, 'actor1' | 'actor2' | 'place'> = { ActorA: 'actor1', Actor1: 'actor1', ActorB: 'actor2', Actor2: 'actor2', Place: 'place' };

interface T {
  type: string;
  span: ImportedSpan;
  line: number;
}

export function readBrat(source: ImportSource, taxonomy: Taxonomy = ACLED_TAXONOMY): ImportResult {
  const problems: Problem[] = [];
  if (source.companion === undefined) return { documents: [], problems: [problem(`${source.name}: no ${source.name.replace(/\.ann$/, '.txt')} beside it`)] };
  const text = source.companion.replace(/\r\n?/g, '\n');
  const length = [...text].length;
  const doc = emptyDocument(source.name.replace(/\.ann$/, '.txt'), text, source.name);
  const ts = new Map<string, T>();
  const events: { id: string; args: [string, string][]; line: number }[] = [];
  const attrs: { name: string; target: string; value?: string }[] = [];
  const refs = new Map<string, { db: string; id: string }[]>();
  const notes = new Map<string, string>();
  source.text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    const l = raw.replace(/\r$/, '');
    if (!l.trim()) return;
    const [id, rest = '', tail = ''] = l.split('\t');
    if (/^T\d+$/.test(id)) {
      const m = /^(\S+) (\d+ \d+(?:;\d+ \d+)*)$/.exec(rest);
      if (!m) return problems.push(problem(`bad text-bound line`, line));
      const frags = m[2].split(';').map((f) => f.split(' ').map(Number));
      const span = { start: frags[0][0], end: frags[frags.length - 1][1] };
      if (!(span.start < span.end && span.end <= length)) return problems.push(problem(`${id}: offsets ${m[2]} are outside the text (${length} code points)`, line));
      ts.set(id, { type: m[1], span, line });
    } else if (/^E\d+$/.test(id)) {
      events.push({ id, args: rest.split(' ').filter(Boolean).map((a) => a.split(':') as [string, string]), line });
    } else if (/^[AM]\d+$/.test(id)) {
      const [name, target, value] = rest.split(' ');
      attrs.push({ name, target, value });
    } else if (/^N\d+$/.test(id)) {
      const m = /^\S+ (\S+) (\S+?):(\S+)$/.exec(rest);
      if (!m) return problems.push(problem('bad normalization line', line));
      refs.set(m[1], [...(refs.get(m[1]) ?? []), { db: m[2], id: m[3] }]);
    } else if (/^#\d*$/.test(id)) {
      const m = /^AnnotatorNotes (\S+)$/.exec(rest);
      if (m) notes.set(m[1], tail);
    } else problems.push(problem(`${id[0] === 'R' ? 'relation' : id[0] === '*' ? 'equivalence' : 'line'} ${id} not imported`, line, 'warning'));
  });

  const attr = (target: string, name: string): { value?: string } | undefined => attrs.find((a) => a.target === target && a.name === name);
  const entityOf = (t: string): string | undefined => {
    const r = refs.get(t) ?? [];
    const gaz = r.find((x) => x.db === BRAT_GAZETTEER);
    if (gaz) return decodeURIComponent(gaz.id);
    const geo = r.find((x) => x.db === BRAT_GEONAMES);
    return geo ? `geonames-${geo.id}` : undefined;
  };
  // text-bounds used as triggers or attribution parts are no mentions
  const notMention = new Set<string>();
  const attributionEvents = new Set<string>();
  for (const e of events) {
    const [type, trigger] = e.args[0] ?? [];
    if (trigger) notMention.add(trigger);
    if (type === 'Attribution') {
      attributionEvents.add(e.id);
      for (const [role, t] of e.args.slice(1)) if (role === 'Content' || (role === 'Source' && ts.get(t)?.type === 'Source')) notMention.add(t);
    }
  }
  for (const [id, t] of ts) {
    if (notMention.has(id) || t.type === 'Source' || t.type === 'Content' || t.type === 'Attribution') continue;
    const m: ImportedMention = { ...t.span, label: t.type, status: attr(id, 'Suggested') ? 'suggested' : 'accepted', key: id };
    const entity = entityOf(id);
    if (entity) m.entity = entity;
    doc.mentions.push(m);
  }
  const typeNames = new Map(taxonomy.types.map((x) => [bratName(x.name), x.name]));
  const subtypeNames = new Map(taxonomy.types.flatMap((x) => x.subtypes.map((s) => [bratName(s.name), s.name] as const)));
  for (const e of events) {
    const [[type, trigger] = ['', ''], ...args] = e.args;
    const t = ts.get(trigger);
    if (!t) {
      problems.push(problem(`${e.id}: trigger ${trigger} does not exist`, e.line));
      continue;
    }
    const status = attr(e.id, 'SuggestedEvent') ? 'suggested' : 'accepted';
    if (attributionEvents.has(e.id)) {
      const a: ImportedAttribution = { key: e.id, cue: t.span, kind: attr(e.id, 'Kind')?.value === 'named' ? 'named' : 'anonymous', direct: attr(e.id, 'Direct') !== undefined, status };
      for (const [role, id] of args) {
        const part = ts.get(id);
        if (!part) continue;
        if (role === 'Source') {
          a.source = part.span;
          const entity = entityOf(id);
          if (entity) a.sourceEntity = entity;
        } else if (role === 'Content') a.content = part.span;
      }
      doc.attributions.push(a);
      continue;
    }
    const subtype = attr(e.id, 'Subtype')?.value ?? '';
    const ev: ImportedEvent = { ...t.span, type: typeNames.get(type) ?? type.replace(/_/g, ' '), subtype: subtypeNames.get(subtype) ?? subtype.replace(/_/g, ' '), status };
    for (const [role, id] of args) {
      const key = ROLE_KEYS[role];
      if (key) ev[key] = id;
      else if (role === BRAT_ATTRIBUTION_ROLE) ev.attribution = id;
      else problems.push(problem(`${e.id}: role ${role} not imported`, e.line, 'warning'));
    }
    for (const part of (notes.get(e.id) ?? '').split(';')) {
      const [k, v] = part.split('=').map((x) => x.trim());
      if (k === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(v)) ev.date = v;
      else if (k === 'fatalities' && /^\d+$/.test(v)) ev.fatalities = Number(v);
      else if (k === 'id' && v) ev.id = v;
    }
    doc.events.push(ev);
  }
  return { documents: [doc], problems };
}
