/** A conflict of the `conflicts:` list in words: what it is about, what each side decided, and who decided. */
import type { Conflict, ConflictSide } from '../model';

const IGNORED = new Set(['id', 'by', 'at', 'prefix', 'suffix']);

function show(v: unknown): string {
  if (v === undefined) return '(none)';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'object' && v !== null && 'text' in v) return show((v as { text: unknown }).text);
  return JSON.stringify(v);
}

function quoteOf(x: ConflictSide): string | undefined {
  if (!x) return undefined;
  const span = (x.cue as { text?: unknown } | undefined) ?? x;
  return typeof span.text === 'string' ? show(span.text) : undefined;
}

function what(id: string): string {
  if (id === 'document') return 'the document';
  return id.startsWith('m') ? `mention ${id}` : id.startsWith('a') ? `attribution ${id}` : id.startsWith('e') ? `event ${id}` : id;
}

const by = (x: Record<string, unknown>): string => (typeof x.by === 'string' ? ` (by ${x.by})` : '');
const status = (x: Record<string, unknown>): string => (x.status === 'accepted' ? 'accepted' : x.status === 'reviewed' || x.status === 'draft' ? String(x.status) : 'suggested');

/** E.g. `mention m-3f9a1c "Mosul": label ours "PLACE", theirs "ACTOR" (ours by amal, theirs by bo)`. */
export function describeConflict(c: Conflict): string {
  const head = `${what(c.id)}${quoteOf(c.ours ?? c.theirs) ? ` ${quoteOf(c.ours ?? c.theirs)}` : ''}`;
  if (!c.ours || !c.theirs) {
    const kept = (c.ours ?? c.theirs)!;
    const [keeper, remover] = c.ours ? ['ours', 'theirs'] : ['theirs', 'ours'];
    return `${head}: ${keeper} ${status(kept)} it${by(kept)}, ${remover} removed or rejected it`;
  }
  const keys = [...new Set([...Object.keys(c.ours), ...Object.keys(c.theirs)])].filter((k) => !IGNORED.has(k));
  const differ = keys.filter((k) => JSON.stringify(c.ours![k]) !== JSON.stringify(c.theirs![k]));
  // an item written without a status is a suggestion
  const value = (x: Record<string, unknown>, k: string) => (k === 'status' && x[k] === undefined && c.id !== 'document' ? 'suggested' : x[k]);
  const fields = differ.map((k) => `${k} ours ${show(value(c.ours!, k))}, theirs ${show(value(c.theirs!, k))}`).join('; ');
  const who = [c.ours.by ? `ours by ${String(c.ours.by)}` : '', c.theirs.by ? `theirs by ${String(c.theirs.by)}` : ''].filter(Boolean).join(', ');
  return `${head}: ${fields || 'decided differently'}${who ? ` (${who})` : ''}`;
}
