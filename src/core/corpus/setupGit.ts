/**
 * Makes git merge sidecars by item: `.gitattributes` at the top of the work tree gets
 * `*.ann.yaml merge=conflict-annotator` (shared with the team through the repository), and the repository's
 * own config gets the driver (`merge.conflict-annotator.driver`, local to each clone, since it names where the
 * command is on this machine). Running it again changes nothing.
 */
import type { FileSystem, Git } from '../ports';
import { InputError } from './corpusErrors';
import { joinPath } from './corpusPaths';

export const MERGE_DRIVER = 'conflict-annotator';
export const ATTRIBUTES_LINE = `*.ann.yaml merge=${MERGE_DRIVER}`;

export interface SetupGitOptions {
  /** Any folder inside the repository. */
  readonly cwd: string;
  /** How to run the command line from git's shell, e.g. `'/usr/bin/node' '/opt/ca/dist/cli.js'`. */
  readonly command: string;
}

export interface SetupGitResult {
  readonly top: string;
  readonly attributesPath: string;
  /** False when `.gitattributes` already had the line. */
  readonly attributesChanged: boolean;
  /** The driver command line now configured. */
  readonly driver: string;
}

/** A string as one word for a POSIX shell (git runs drivers through `sh`, on Windows too). */
export function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export async function setupGit(fs: FileSystem, git: Git, options: SetupGitOptions): Promise<SetupGitResult> {
  const top = await git.topLevel(options.cwd);
  if (!top) throw new InputError(`${options.cwd} is not inside a git work tree (run \`git init\` first)`);
  const attributesPath = joinPath(top, '.gitattributes');
  const existing = (await fs.stat(attributesPath)) ? new TextDecoder().decode(await fs.readFile(attributesPath)) : '';
  const has = existing.split(/\r?\n/).some((l) => l.trim().split(/\s+/).join(' ') === ATTRIBUTES_LINE);
  if (!has) {
    const sep = existing === '' || existing.endsWith('\n') ? '' : '\n';
    const comment = '# sidecars are merged by item, conflicts listed in the file (conflict-annotator setup-git)\n';
    await fs.writeFileAtomic(attributesPath, new TextEncoder().encode(`${existing}${sep}${comment}${ATTRIBUTES_LINE}\n`));
  }
  const driver = `${options.command} merge-driver %O %A %B %P`;
  await git.configSet(top, `merge.${MERGE_DRIVER}.name`, 'Conflict Annotator: sidecars merged by item, conflicts listed in the file');
  await git.configSet(top, `merge.${MERGE_DRIVER}.driver`, driver);
  return { top, attributesPath, attributesChanged: !has, driver };
}
