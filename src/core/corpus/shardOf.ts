/**
 * Deterministic sharding of a corpus for batch schedulers (array jobs, indexed jobs, CI matrices): every machine
 * lists the same articles and keeps those whose shard is its own, with no coordination. The key is the article's
 * path relative to the PATH it was found under (`/`-separated), so machines that mount the corpus in different
 * places still agree.
 */
import { createHash } from 'node:crypto';
import { fileName, isWithin } from './corpusPaths';

export interface Shard {
  /** 1-based, as `--shard 1/8` … `8/8`. */
  readonly index: number;
  readonly count: number;
}

/** The 0-based shard of `key` among `count`: the first 32 bits of its SHA-256, modulo `count`. */
export function shardOf(key: string, count: number): number {
  return parseInt(createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 8), 16) % count;
}

/** `file` relative to the first of `paths` that holds it; a file given itself is keyed by its name. */
export function shardKey(file: string, paths: readonly string[]): string {
  for (const p of paths) {
    if (!isWithin(file, p)) continue;
    const root = p.replace(/[\\/]+$/, '');
    const rest = file.slice(root.length).replace(/^[\\/]+/, '');
    return (rest || fileName(file)).replace(/\\/g, '/');
  }
  return fileName(file);
}

/** The articles of `files` (found under `paths`) that fall in `shard`. */
export function inShard(files: readonly string[], paths: readonly string[], shard: Shard): string[] {
  return files.filter((f) => shardOf(shardKey(f, paths), shard.count) === shard.index - 1);
}
