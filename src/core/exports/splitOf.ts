/** Train/dev/test assignment of a document for `--split`. */
import { createHash } from 'node:crypto';

/**
 * Deterministic train/dev/test assignment from a document hash: the first 32 bits of the hex SHA-256 as a
 * fraction of 2^32 against the cumulative normalised ratios. Non-hex input is hashed first.
 */
export function splitOf(sha256: string, ratios: [number, number, number]): 'train' | 'dev' | 'test' {
  const hex = /^[0-9a-f]{8}/i.test(sha256) ? sha256 : createHash('sha256').update(sha256, 'utf8').digest('hex');
  const x = parseInt(hex.slice(0, 8), 16) / 2 ** 32;
  const clean = ratios.map((r) => (Number.isFinite(r) && r > 0 ? r : 0));
  const total = clean[0] + clean[1] + clean[2];
  if (total === 0) return 'train';
  if (x < clean[0] / total) return 'train';
  if (x < (clean[0] + clean[1]) / total) return 'dev';
  return 'test';
}
