/**
 * Counts over a set of annotated documents, for the corpus overview and the CLI `stats` output. Per-document
 * figures come from annotationCounts (the one definition every view uses): orphans apart, left out of the rest.
 */
import type { MentionLabel, Sidecar } from '../model';
import { annotationCounts, formatProgress, reviewProgress } from '../review/annotationCounts';

export interface StatsDocument {
  name: string;
  sidecar: Sidecar;
}

export interface CorpusStats {
  documents: number;
  reviewed: number;
  mentions: Record<MentionLabel, { accepted: number; suggested: number }>;
  /** Most mentioned entities, by count (then id), with their most frequent spelling. */
  entities: { id: string; label: MentionLabel; count: number; text: string }[];
  events: Record<string, number>;
  attributions: { named: number; anonymous: number };
  /** Orphaned mentions, attributions and events. */
  orphans: number;
  /** Decisions over every item, as the editor's status bar counts them ("Review 12/240"). */
  review: { accepted: number; rejected: number; suggested: number };
}

export function corpusStats(docs: readonly StatsDocument[], topEntities = 20): CorpusStats {
  const stats: CorpusStats = {
    documents: docs.length,
    reviewed: 0,
    mentions: { ACTOR: { accepted: 0, suggested: 0 }, PLACE: { accepted: 0, suggested: 0 } },
    entities: [],
    events: {},
    attributions: { named: 0, anonymous: 0 },
    orphans: 0,
    review: { accepted: 0, rejected: 0, suggested: 0 },
  };
  const entities = new Map<string, { id: string; label: MentionLabel; count: number; spellings: Map<string, number> }>();
  for (const { sidecar } of docs) {
    if (sidecar.document.status === 'reviewed') stats.reviewed++;
    const counts = annotationCounts(sidecar);
    for (const label of ['ACTOR', 'PLACE'] as const) {
      stats.mentions[label].accepted += counts.mentions[label].accepted;
      stats.mentions[label].suggested += counts.mentions[label].suggested;
    }
    stats.attributions.named += counts.attributions.named;
    stats.attributions.anonymous += counts.attributions.anonymous;
    stats.orphans += counts.orphaned;
    stats.review.accepted += counts.accepted;
    stats.review.rejected += counts.rejected;
    stats.review.suggested += counts.suggested;
    for (const m of sidecar.mentions) {
      if (m.orphan || !m.entity) continue;
      // The same id can be an ACTOR in one place and a PLACE in another ("Iran"); count them apart.
      const key = `${m.label}\u0000${m.entity}`;
      const e = entities.get(key) ?? { id: m.entity, label: m.label, count: 0, spellings: new Map<string, number>() };
      e.count++;
      e.spellings.set(m.text, (e.spellings.get(m.text) ?? 0) + 1);
      entities.set(key, e);
    }
    for (const e of sidecar.events) if (!e.orphan) stats.events[e.type] = (stats.events[e.type] ?? 0) + 1;
  }
  stats.entities = [...entities.values()]
    .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id) || a.label.localeCompare(b.label))
    .slice(0, Math.max(0, topEntities))
    .map(({ spellings, ...e }) => ({ ...e, text: [...spellings].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0][0] }));
  return stats;
}

/**
 * The stats as text. Entities are shown by id (the CLI's stable output), or, when `name` is given, by what a
 * person calls them: the gazetteer's name, else the entity's most frequent spelling (ids like `x-john-kerry`).
 */
export function formatStats(stats: CorpusStats, name?: (id: string) => string | undefined): string {
  const lines: string[] = [];
  lines.push(`Documents: ${stats.documents} (${stats.reviewed} reviewed)`);
  const r = stats.review;
  const progress = reviewProgress({ accepted: r.accepted, rejected: r.rejected, suggested: r.suggested });
  lines.push(`Review: ${formatProgress(progress)} decided (${r.accepted} accepted, ${r.rejected} rejected, ${r.suggested} suggestions left)`);
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
    for (const e of stats.entities) lines.push(`  ${String(e.count).padStart(4)}  ${name ? (name(e.id) ?? e.text) : e.id} (${e.label})`);
  }
  return lines.join('\n') + '\n';
}
