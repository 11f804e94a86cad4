/**
 * Where the gold sets' texts live. The sample corpus is stored once, in media/samples/articles (it ships in the
 * extension); the other sets are test fixtures. Gold sidecars for all of them are in test/fixtures/gold.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES = join(__dirname, '..', 'fixtures');
export const GOLD_DIR = join(FIXTURES, 'gold');
export const SAMPLE_ARTICLES = join(__dirname, '..', '..', 'media', 'samples', 'articles');

export type GoldSetName = 'corpus' | 'heldout' | 'unseen' | 'fresh';
export const GOLD_SETS: readonly GoldSetName[] = ['corpus', 'heldout', 'unseen', 'fresh'];

export function setDir(set: GoldSetName): string {
  return set === 'corpus' ? SAMPLE_ARTICLES : join(FIXTURES, set);
}

/** The text of a gold sidecar's article, in whichever set holds it. */
export function goldTextPath(textName: string): string | undefined {
  return GOLD_SETS.map((s) => join(setDir(s), textName)).find(existsSync);
}
