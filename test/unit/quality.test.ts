import { describe, expect, it } from 'vitest';
import { evaluateTexts, formatReport, type Report } from '../../src/core/evaluate';
import { buildTestGazetteer, loadGoldSet } from './detectFixtures';

const gazetteer = buildTestGazetteer();

function measure(folder: 'corpus' | 'heldout'): Report {
  const report = evaluateTexts(loadGoldSet(folder), gazetteer);
  console.log(`\n=== ${folder} ===\n${formatReport(report)}`);
  return report;
}

describe('detection quality against hand-written gold', () => {
  it('sample corpus', () => {
    const r = measure('corpus');
    expect(r.overlap.ALL.f1).toBeGreaterThanOrEqual(0);
  });
  it('held-out articles', () => {
    const r = measure('heldout');
    expect(r.overlap.ALL.f1).toBeGreaterThanOrEqual(0);
  });
});
