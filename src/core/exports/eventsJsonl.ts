/**
 * Event records as JSONL, with the texts of their actors, place and source resolved and the further quotes of the
 * same happening (`spans`). A role whose mention is a suggestion is kept (the event was accepted with it) and says
 * so in its `status`; the manifest lists it. The ACLED coding stored on the event is copied under `acled` (only
 * the keys that are set), so no decision is lost on the way.
 */
import type { EventAnnotation } from '../model';
import { ACLED_KEYS } from '../sidecar/sidecarFormat';
import { prepare, type ExportDocument, type ExportOptions, type Prepared } from './exportDocument';

interface MentionRef {
  id: string;
  /** ACTOR, PLACE, or CIVILIAN for victims (ACLED's Civilians). */
  label: string;
  text: string;
  entity: string | null;
  /** The mention's own status: `suggested` when nobody accepted it (it may come with an accepted event). */
  status: 'accepted' | 'suggested';
}

function mentionRef(p: Prepared, ev: EventAnnotation, key: 'actor1' | 'actor2' | 'place'): MentionRef | null {
  const r = p.role(ev, key);
  if (!r) return null;
  const m = r.mention;
  return { id: m.id, label: m.label, text: m.text, entity: m.entity ?? null, status: m.status };
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
          actor1: mentionRef(p, ev, 'actor1'),
          actor2: mentionRef(p, ev, 'actor2'),
          place: mentionRef(p, ev, 'place'),
          // further reports of the same happening (empty when it is told once)
          spans: (ev.spans ?? []).map((x) => ({ start: x.start, end: x.end, text: x.text })),
          acled: Object.fromEntries(ACLED_KEYS.filter((k) => ev[k as keyof EventAnnotation] !== undefined).map((k) => [k, ev[k as keyof EventAnnotation]])),
          source: at
            ? { text: at.source?.text ?? null, entity: at.sourceEntity ?? null, kind: at.kind, direct: at.direct, cue: at.cue.text }
            : null,
        }) + '\n';
    }
  }
  return out;
}
