/** Event records as JSONL, with the texts of their actors, place and source resolved, their further quotes and ACLED coding. */
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
          // further reports of the same happening, and ACLED's coding; every key on every line (one schema for readers)
          spans: (ev.spans ?? []).map((x) => ({ start: x.start, end: x.end, text: x.text })),
          acled: {
            inter1: ev.inter1 ?? null,
            inter2: ev.inter2 ?? null,
            interaction: ev.interaction ?? null,
            civilian_targeting: ev.civilian_targeting ?? false,
            time_precision: ev.time_precision ?? null,
            geo_precision: ev.geo_precision ?? null,
            admin1: ev.admin1 ?? null,
            source_scale: ev.source_scale ?? null,
            notes: ev.notes ?? null,
          },
        }) + '\n';
    }
  }
  return out;
}
