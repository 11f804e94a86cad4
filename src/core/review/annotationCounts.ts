/**
 * The one definition of every annotation count the front ends show (status bar, Annotations view, hover,
 * statistics): orphans are counted apart and left out of every other figure; a rejection counts as a decision.
 */
import { isEntityLabel, type EntityLabel, type Sidecar } from '../model';

export interface AnnotationCounts {
  /** Placed mentions, attributions and events a person accepted or added. */
  accepted: number;
  /** Placed mentions, attributions and events still waiting for a decision. */
  suggested: number;
  /** Suggestions a person rejected (they are no longer in the lists, only in `rejected`). */
  rejected: number;
  /** Mentions, attributions and events that lost their place after the text changed. */
  orphaned: number;
  /** Actors and places (victims, CIVILIAN, count in the totals only). */
  mentions: Record<EntityLabel, { accepted: number; suggested: number }>;
  attributions: { named: number; anonymous: number };
  events: number;
}

export function annotationCounts(sidecar: Sidecar): AnnotationCounts {
  const c: AnnotationCounts = {
    accepted: 0,
    suggested: 0,
    rejected: sidecar.rejected.length,
    orphaned: 0,
    mentions: { ACTOR: { accepted: 0, suggested: 0 }, PLACE: { accepted: 0, suggested: 0 } },
    attributions: { named: 0, anonymous: 0 },
    events: 0,
  };
  for (const m of sidecar.mentions) {
    if (m.orphan) {
      c.orphaned++;
      continue;
    }
    c[m.status]++;
    if (isEntityLabel(m.label)) c.mentions[m.label][m.status]++;
  }
  for (const a of sidecar.attributions) {
    if (a.orphan) {
      c.orphaned++;
      continue;
    }
    c[a.status]++;
    c.attributions[a.kind]++;
  }
  for (const e of sidecar.events) {
    if (e.orphan) {
      c.orphaned++;
      continue;
    }
    c[e.status]++;
    c.events++;
  }
  return c;
}

export interface ReviewProgress {
  /** Accepted plus rejected: every suggestion a person has decided on, and what they added. */
  decided: number;
  /** Decided plus still suggested. */
  total: number;
  /** Nothing left to decide. */
  done: boolean;
}

export function reviewProgress(counts: Pick<AnnotationCounts, 'accepted' | 'rejected' | 'suggested'>): ReviewProgress {
  const decided = counts.accepted + counts.rejected;
  return { decided, total: decided + counts.suggested, done: counts.suggested === 0 };
}

/** "Review 12/240" (status bar, Annotations view). */
export function formatProgress(p: ReviewProgress): string {
  return `${p.decided}/${p.total}`;
}
