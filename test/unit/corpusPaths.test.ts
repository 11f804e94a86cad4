/** The corpus jobs' path names agree with node:path on POSIX and Windows paths. */
import { posix, win32 } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileName, folderOf, joinPath, outputPath } from '../../src/core/corpus/corpusPaths';

const POSIX_PATHS = ['/a/b/c.txt', '/a/b\\c.txt', '/a/..\\..\\escape.txt', '/c.txt', '/a/b/', '/'];
const WINDOWS_PATHS = ['C:\\a\\b\\c.txt', 'C:\\a/b/c.txt', 'C:\\c.txt', 'C:\\a\\b\\', '\\\\server\\share\\a\\c.txt', 'C:\\'];

describe('corpus paths', () => {
  it('fileName and folderOf are basename and dirname', () => {
    for (const p of POSIX_PATHS) {
      expect(fileName(p), p).toBe(posix.basename(p));
      expect(folderOf(p), p).toBe(posix.dirname(p));
    }
    for (const p of WINDOWS_PATHS.slice(0, 4)) {
      expect(fileName(p), p).toBe(win32.basename(p));
      expect(folderOf(p), p).toBe(win32.dirname(p));
    }
  });

  it('joinPath is join for a folder and a plain name', () => {
    for (const d of ['/a/b', '/a/b/', '/']) expect(joinPath(d, 'x.ann.yaml'), d).toBe(posix.join(d, 'x.ann.yaml'));
    for (const d of ['C:\\a\\b', 'C:\\a\\b\\', 'C:\\']) expect(joinPath(d, 'x.ann.yaml'), d).toBe(win32.join(d, 'x.ann.yaml'));
  });

  it('outputPath resolves inside the root or refuses', () => {
    const names = ['dev/a.ann', 'corpus.spacy.jsonl', 'train/../dev/a.ann', './a', 'a\\b.ann', '../escaped.conll', '/etc/passwd', 'train/../../x.ann', '.', '', 'C:x', '\\x'];
    for (const [path, roots] of [[posix, ['/data/exports', '/data/exports/']], [win32, ['C:\\data\\exports', 'C:\\data\\exports\\']]] as const) {
      for (const root of roots) {
        for (const name of names) {
          const r = path.resolve(root);
          const target = path.resolve(r, name);
          // a drive-relative name ("C:x") is refused even where Windows would resolve it inside
          const inside = target !== r && target.startsWith(r + path.sep) && !(path === win32 && /^[A-Za-z]:/.test(name));
          if (inside) expect(outputPath(root, name), `${root} ${name}`).toBe(target);
          else expect(() => outputPath(root, name), `${root} ${name}`).toThrow(/refusing to write outside/);
        }
      }
    }
  });
});
