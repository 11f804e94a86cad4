/**
 * Path names for the corpus jobs without node:path. Paths are absolute OS paths (see ports.ts): a POSIX one
 * starts with `/` and only `/` separates (a `\` is part of a name there); a Windows one starts with a drive or
 * `\\` and both separate. Deciding by the path keeps the jobs' names what node:path gives on each system.
 */
import { InputError } from './corpusErrors';

const isPosix = (path: string): boolean => path.startsWith('/');
const separators = (path: string): RegExp => (isPosix(path) ? /\/+/ : /[\\/]+/);
const trimEnd = (path: string): string => path.replace(isPosix(path) ? /(?<=.)\/+$/ : /(?<=[^:\\/])[\\/]+$/, '');

/** The last segment of `path` (node's basename). */
export function fileName(path: string): string {
  const parts = trimEnd(path).split(separators(path));
  return parts[parts.length - 1];
}

/** `name` inside folder `dir`. */
export function joinPath(dir: string, name: string): string {
  const sep = isPosix(dir) ? '/' : '\\';
  const base = trimEnd(dir);
  return base.endsWith(sep) ? base + name : `${base}${sep}${name}`;
}

/** The folder of `path` (node's dirname). */
export function folderOf(path: string): string {
  const base = trimEnd(path);
  const cut = isPosix(path) ? base.lastIndexOf('/') : Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
  if (cut < 0) return '.';
  const folder = cut === 0 || /^[A-Za-z]:$/.test(base.slice(0, cut)) ? base.slice(0, cut + 1) : base.slice(0, cut);
  return folder;
}

/**
 * `name` (relative, `/`-separated, from the export format table) resolved inside `root`; throws when it would
 * land on or outside `root`. Names come from article file names, so this is checked, not assumed.
 */
export function outputPath(root: string, name: string): string {
  const refuse = (): never => {
    throw new InputError(`refusing to write outside ${trimEnd(root)}: ${name}`);
  };
  if (name.startsWith('/') || (!isPosix(root) && (/^[\\/]/.test(name) || /^[A-Za-z]:/.test(name)))) refuse();
  const parts: string[] = [];
  for (const part of name.split(separators(root))) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) refuse();
      parts.pop();
    } else parts.push(part);
  }
  if (parts.length === 0) refuse();
  return joinPath(root, parts.join(isPosix(root) ? '/' : '\\'));
}

/** True when `path` is `folder` or lies below it (same OS path conventions as the rest of this module). */
export function isWithin(path: string, folder: string): boolean {
  const f = trimEnd(folder);
  const p = trimEnd(path);
  if (p === f) return true;
  const sep = isPosix(f) ? '/' : '\\';
  const prefix = f.endsWith('/') || f.endsWith('\\') ? f : f + sep;
  return isPosix(f) ? p.startsWith(prefix) : p.replace(/\//g, '\\').toLowerCase().startsWith(prefix.replace(/\//g, '\\').toLowerCase());
}
