/**
 * Counts over a set of annotated documents, for the corpus overview and the CLI `stats` output.
 * Orphans are counted separately and left out of every other figure.
 */
import type { MentionLabel, Sidecar } from '../model';

export interface StatsDocument {
  name: string;
  sidecar: Sidecar;
}

export interface CorpusStats {
  documents: number;
  reviewed: number;
  mentions: Record<MentionLabel, { accepted: number; suggested: number }>;
  /** Most mentioned entities, by count (then id). */
  entities: { id: string; label: MentionLabel; count: number }[];
  events: Record<string, number>;
  attributions: { named: number; anonymous: number };
  /** Orphaned mentions, attributions and events. */
  orphans: number;
}

export function corpusStats(docs: readonly StatsDocument[], topEntities = 20): CorpusStats {
  const counter = new CorpusCounter();
  for (const { sidecar } of docs) counter.add(sidecar);
  return counter.stats(topEntities);
}

/** What one document adds to the corpus figures: small, plain data (the editor's index stores it per sidecar). */
export interface DocumentCounts {
  reviewed: boolean;
  mentions: Record<MentionLabel, { accepted: number; suggested: number }>;
  /** `[label, entity id, mentions]`. */
  entities: Array<[MentionLabel, string, number]>;
  events: Record<string, number>;
  attributions: { named: number; anonymous: number };
  orphans: number;
}

export function documentCounts(sidecar: Sidecar): DocumentCounts {
  const counts: DocumentCounts = {
    reviewed: sidecar.document.status === 'reviewed',
    mentions: { ACTOR: { accepted: 0, suggested: 0 }, PLACE: { accepted: 0, suggested: 0 } },
    entities: [],
    events: {},
    attributions: { named: 0, anonymous: 0 },
    orphans: 0,
  };
  const entities = new Map<string, [MentionLabel, string, number]>();
  for (const m of sidecar.mentions) {
    if (m.orphan) {
      counts.orphans++;
      continue;
    }
    counts.mentions[m.label][m.status]++;
    if (m.entity) {
      // The same id can be an ACTOR in one place and a PLACE in another ("Iran"); count them apart.
      const key = `${m.label}\u0000${m.entity}`;
      const e = entities.get(key);
      if (e) e[2]++;
      else entities.set(key, [m.label, m.entity, 1]);
    }
  }
  counts.entities = [...entities.values()];
  for (const a of sidecar.attributions) {
    if (a.orphan) counts.orphans++;
    else counts.attributions[a.kind]++;
  }
  for (const e of sidecar.events) {
    if (e.orphan) counts.orphans++;
    else counts.events[e.type] = (counts.events[e.type] ?? 0) + 1;
  }
  return counts;
}

/** Corpus figures summed a document at a time, so counting never holds more than one sidecar. */
export class CorpusCounter {
  private documents = 0;
  private reviewed = 0;
  private readonly mentions: CorpusStats['mentions'] = { ACTOR: { accepted: 0, suggested: 0 }, PLACE: { accepted: 0, suggested: 0 } };
  private readonly entities = new Map<string, { id: string; label: MentionLabel; count: number }>();
  private readonly events: Record<string, number> = {};
  private readonly attributions = { named: 0, anonymous: 0 };
  private orphans = 0;

  add(sidecar: Sidecar): void {
    this.addCounts(documentCounts(sidecar));
  }

  addCounts(c: DocumentCounts): void {
    this.documents++;
    if (c.reviewed) this.reviewed++;
    for (const label of ['ACTOR', 'PLACE'] as const) {
      this.mentions[label].accepted += c.mentions[label].accepted;
      this.mentions[label].suggested += c.mentions[label].suggested;
    }
    for (const [label, id, count] of c.entities) {
      const key = `${label}\u0000${id}`;
      const e = this.entities.get(key);
      if (e) e.count += count;
      else this.entities.set(key, { id, label, count });
    }
    for (const [type, n] of Object.entries(c.events)) this.events[type] = (this.events[type] ?? 0) + n;
    this.attributions.named += c.attributions.named;
    this.attributions.anonymous += c.attributions.anonymous;
    this.orphans += c.orphans;
  }

  stats(topEntities = 20): CorpusStats {
    return {
      documents: this.documents,
      reviewed: this.reviewed,
      mentions: { ACTOR: { ...this.mentions.ACTOR }, PLACE: { ...this.mentions.PLACE } },
      entities: [...this.entities.values()]
        .map((e) => ({ ...e }))
        .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id) || a.label.localeCompare(b.label))
        .slice(0, Math.max(0, topEntities)),
      events: { ...this.events },
      attributions: { ...this.attributions },
      orphans: this.orphans,
    };
  }
}

export function formatStats(stats: CorpusStats): string {
  const lines: string[] = [];
  lines.push(`Documents: ${stats.documents} (${stats.reviewed} reviewed)`);
  lines.push('Mentions:        accepted  suggested');
  for (const label of ['ACTOR', 'PLACE'] as const) {
    const m = stats.mentions[label];
    lines.push(`  ${label.padEnd(14)}${String(m.accepted).padStart(8)}${String(m.suggested).padStart(11)}`);
  }
  lines.push(`Attributions: ${stats.attributions.named} named, ${stats.attributions.anonymous} anonymous`);
  const events = Object.entries(stats.events).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  lines.push(`Events: ${events.reduce((s, [, c]) => s + c, 0)}`);
  for (const [type, count] of events) lines.push(`  ${type}: ${count}`);
  lines.push(`Orphans: ${stats.orphans}`);
  if (stats.entities.length > 0) {
    lines.push('Top entities:');
    for (const e of stats.entities) lines.push(`  ${String(e.count).padStart(4)}  ${e.id} (${e.label})`);
  }
  return lines.join('\n') + '\n';
}
