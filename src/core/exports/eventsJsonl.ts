/** Event records as JSONL, with the texts of their actors, place and source resolved. */
import { prepare, type ExportDocument, type ExportOptions, type Prepared } from './exportDocument';

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
  return docs.map((d) => eventsJsonlLines(d, opts)).join('');
}

/** The lines of one document's events. */
export function eventsJsonlLines(d: ExportDocument, opts: ExportOptions = {}): string {
  let out = '';
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
  return out;
}
