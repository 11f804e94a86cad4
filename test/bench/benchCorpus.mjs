// The bench workspace of N articles shared by `bench:corpus` and `bench:editor -- --articles N`: edited copies of
// the sample (and, with from = 'all', fixture) texts, 100 to a folder as archives are usually kept, each with a
// line a wire service might add so that no two texts hash alike.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes the articles under `corpus` (its `NNN/article_NNNNN.txt`); returns the bytes of text written. */
export function buildBenchCorpus({ root, corpus, count, from = 'all' }) {
  if (from !== 'all' && from !== 'samples') throw new Error('--from is all or samples');
  const folders = from === 'samples' ? ['media/samples/articles'] : ['media/samples/articles', 'test/fixtures/heldout', 'test/fixtures/unseen', 'test/fixtures/fresh'];
  const sources = folders
    .map((d) => join(root, d))
    .flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(join(d, f), 'utf8')));
  let textBytes = 0;
  for (let i = 0; i < count; i++) {
    const folder = join(corpus, String(Math.floor(i / 100)).padStart(3, '0'));
    if (i % 100 === 0) mkdirSync(folder, { recursive: true });
    const text = `${sources[i % sources.length]}\n(Archive copy ${i}.)\n`;
    writeFileSync(join(folder, `article_${String(i).padStart(5, '0')}.txt`), text);
    textBytes += Buffer.byteLength(text);
  }
  return textBytes;
}
