/**
 * Counts over a set of annotated documents, for the corpus overview and the CLI `stats` output. Per-document
 * figures come from annotationCounts (the one definition every view uses): orphans apart, left out of the rest.
 * A document at a time (CorpusCounter), so counting never holds more than one sidecar; the editor's index keeps
 * each document's DocumentCounts instead of its sidecar.
 */
import { isEntityLabel, type EntityLabel, type MentionLabel, type Sidecar } from '../model';
import { annotationCounts, formatProgress, reviewProgress } from '../review/annotationCounts';

export interface StatsDocument {
  name: string;
  sidecar: Sidecar;
}

export interface CorpusStats {
  documents: number;
  reviewed: number;
  mentions: Record<EntityLabel, { accepted: number; suggested: number }>;
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
  const counter = new CorpusCounter();
  for (const { sidecar } of docs) counter.add(sidecar);
  return counter.stats(topEntities);
}

/** What one document adds to the corpus figures: small, plain data (the editor's index stores it per sidecar). */
export interface DocumentCounts {
  reviewed: boolean;
  mentions: Record<EntityLabel, { accepted: number; suggested: number }>;
  /** `[label, entity id, mentions, [spelling, mentions][]]`. */
  entities: Array<[MentionLabel, string, number, Array<[string, number]>]>;
  events: Record<string, number>;
  attributions: { named: number; anonymous: number };
  orphans: number;
  review: { accepted: number; rejected: number; suggested: number };
}

export function documentCounts(sidecar: Sidecar): DocumentCounts {
  const c = annotationCounts(sidecar);
  const counts: DocumentCounts = {
    reviewed: sidecar.document.status === 'reviewed',
    mentions: { ACTOR: { ...c.mentions.ACTOR }, PLACE: { ...c.mentions.PLACE } },
    entities: [],
    events: {},
    attributions: { ...c.attributions },
    orphans: c.orphaned,
    review: { accepted: c.accepted, rejected: c.rejected, suggested: c.suggested },
  };
  // The same id can be an ACTOR in one place and a PLACE in another ("Iran"); counted apart, a map per label
  // (no key string made per mention), listed in the order first met
  const byLabel: Record<EntityLabel, Map<string, [MentionLabel, string, number, Map<string, number>]>> = { ACTOR: new Map(), PLACE: new Map() };
  const met: [MentionLabel, string, number, Map<string, number>][] = [];
  for (const m of sidecar.mentions) {
    // victims are no entities of the workspace (the editor's index would offer "people" as a known name)
    if (m.orphan || !m.entity || !isEntityLabel(m.label)) continue;
    const entities = byLabel[m.label];
    let e = entities.get(m.entity);
    if (!e) {
      entities.set(m.entity, (e = [m.label, m.entity, 0, new Map()]));
      met.push(e);
    }
    e[2]++;
    e[3].set(m.text, (e[3].get(m.text) ?? 0) + 1);
  }
  counts.entities = met.map(([label, id, n, spellings]) => [label, id, n, [...spellings]]);
  for (const e of sidecar.events) if (!e.orphan) counts.events[e.type] = (counts.events[e.type] ?? 0) + 1;
  return counts;
}

/** Corpus figures summed a document at a time, so counting never holds more than one sidecar. */
export class CorpusCounter {
  private documents = 0;
  private reviewed = 0;
  private readonly mentions: CorpusStats['mentions'] = { ACTOR: { accepted: 0, suggested: 0 }, PLACE: { accepted: 0, suggested: 0 } };
  private readonly entities = new Map<string, { id: string; label: MentionLabel; count: number; spellings: Map<string, number> }>();
  private readonly events: Record<string, number> = {};
  private readonly attributions = { named: 0, anonymous: 0 };
  private orphans = 0;
  private readonly review = { accepted: 0, rejected: 0, suggested: 0 };

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
    for (const [label, id, count, spellings] of c.entities) {
      const key = `${label}\u0000${id}`;
      let e = this.entities.get(key);
      if (!e) this.entities.set(key, (e = { id, label, count: 0, spellings: new Map() }));
      e.count += count;
      for (const [text, n] of spellings) e.spellings.set(text, (e.spellings.get(text) ?? 0) + n);
    }
    for (const [type, n] of Object.entries(c.events)) this.events[type] = (this.events[type] ?? 0) + n;
    this.attributions.named += c.attributions.named;
    this.attributions.anonymous += c.attributions.anonymous;
    this.orphans += c.orphans;
    this.review.accepted += c.review.accepted;
    this.review.rejected += c.review.rejected;
    this.review.suggested += c.review.suggested;
  }

  stats(topEntities = 20): CorpusStats {
    return {
      documents: this.documents,
      reviewed: this.reviewed,
      mentions: { ACTOR: { ...this.mentions.ACTOR }, PLACE: { ...this.mentions.PLACE } },
      entities: [...this.entities.values()]
        .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id) || a.label.localeCompare(b.label))
        .slice(0, Math.max(0, topEntities))
        .map(({ spellings, ...e }) => ({ ...e, text: [...spellings].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0][0] })),
      events: { ...this.events },
      attributions: { ...this.attributions },
      orphans: this.orphans,
      review: { ...this.review },
    };
  }
}

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
