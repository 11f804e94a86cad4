// Regenerates scripts/data/givenNames.txt, the given-name list the person rules read (through dist/places.json),
// from the npm package gender-detection-from-name (MIT; first names of English, French, Spanish, Italian,
// German and Turkish registers, which include the Arabic, Persian, Slavic and African names common in them).
// Run by hand when the package is installed: node scripts/givenNames.mjs. The build reads only the text file.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const pkg = dirname(require.resolve('gender-detection-from-name/package.json'));
const names = new Set();
for (const lang of ['en', 'fr', 'es', 'it', 'de', 'tr']) {
  const src = readFileSync(join(pkg, 'names', `${lang}.js`), 'utf8');
  for (const m of src.matchAll(/\['([^']+)',/g)) names.add(m[1]);
}
// letters (and inner hyphens or apostrophes) only, at least three of them: two-letter entries are mostly initials
const list = [...names].filter((n) => /^[a-zà-ÿ][a-zà-ÿ'-]+$/.test(n) && n.length >= 3).sort();
const header = `# Given names (lower case, one a line), from gender-detection-from-name by Davide Violante, MIT License (see givenNames.LICENSE).\n`;
writeFileSync(join(here, 'data', 'givenNames.txt'), header + list.join('\n') + '\n');
console.log(`${list.length} names`);
