import { describe, expect, it } from 'vitest';
import { WARM_UP_PIECES, WARM_UP_TEXT, warmUpDetector, warmUpSidecarReader } from '../../src/core/review/warmUp';
import { annotateDocument } from '../../src/core/review/annotateDocument';
import { emptySidecar } from '../../src/core/sidecar/sidecarFormat';
import { sha256Hex } from '../../src/core/text/decodeText';
import { detectWithEvents } from '../../src/core/review/annotateDocument';
import { datelineDate } from '../../src/core/events/dates';
import { buildDefaultGazetteer } from './detectFixtures';

describe('the detector warm-up', () => {
  const g = buildDefaultGazetteer();

  it('walks the paths a real article does: actors, places, attributions and events', () => {
    const d = detectWithEvents(WARM_UP_TEXT, g, '2025-03-03');
    expect(new Set(d.mentions.map((m) => m.label))).toEqual(new Set(['ACTOR', 'PLACE']));
    expect(d.mentions.length).toBeGreaterThan(25);
    expect(d.attributions.length).toBeGreaterThan(5);
    expect(new Set((d.events ?? []).map((e) => e.type)).size).toBeGreaterThan(2);
    expect(warmUpDetector(g)).toBeGreaterThan(25);
  });

  it('comes in short pieces that make up the text, the first dated by its dateline', () => {
    expect(WARM_UP_PIECES.join('')).toBe(WARM_UP_TEXT);
    expect(WARM_UP_PIECES.length).toBeGreaterThan(5);
    for (const piece of WARM_UP_PIECES) expect(piece.length).toBeLessThan(400);
    expect(datelineDate(WARM_UP_PIECES[0])).toBe('2025-03-03');
    // every piece finds something: none is run for nothing
    for (const piece of WARM_UP_PIECES) expect(warmUpDetector(g, piece)).toBeGreaterThan(0);
  });

  it('reads back a whole sidecar, decisions and suggestions, for the sidecar reader\'s warm-up', () => {
    const sha = sha256Hex(new TextEncoder().encode(WARM_UP_TEXT));
    const { sidecar } = annotateDocument(emptySidecar('warm-up.txt', sha), WARM_UP_TEXT, sha, g);
    const decided = { ...sidecar, mentions: sidecar.mentions.map((m, i) => (i % 3 === 0 ? { ...m, status: 'accepted' as const } : m)) };
    expect(warmUpSidecarReader(decided, WARM_UP_TEXT, 2)).toBe(2 * sidecar.mentions.length);
  });
});
