/**
 * Linking after overlap resolution: mentions of one name share one entity. Surname-only mentions ("Maliki")
 * join the full name used in the document, a name a rule found once is found again wherever it recurs, and
 * acronyms join the organisation whose initials they spell. Input and output are sorted by start.
 */
import { foldName } from '../text/fold';
import { PERSON_MARKERS } from './lexicon';
import { resolveOverlaps } from './resolveOverlaps';
import { joined, PRIORITY, tokenIndex, type RuleContext } from './ruleContext';
import type { MentionCandidate } from './types';
import { foldToken, isStopword, W_NAME_PARTICLE, wordFlags } from './wordFlags';

// Unicode-class patterns live at module level: bundled for Node they would otherwise be rebuilt per call.
const STARTS_CAPITAL = /^\p{Lu}/u;
const CAPITALS_ONLY = /^\p{Lu}{2,}$/u;

/** Links surnames, recurring names and acronyms; returns the mentions with any found on the way. */
export function linkMentions(ctx: RuleContext, resolved: MentionCandidate[]): MentionCandidate[] {
  let mentions = linkPersons(ctx, resolved);
  mentions = propagateNames(ctx, mentions);
  linkAcronyms(ctx, mentions);
  return mentions;
}

/** Surname key of a folded person name: its last word ("maliki" of "nouri al maliki"), or the last two after a marker ("abdel rahman", "abu leyla"). */
function surnameKeyOfFolded(folded: string): string {
  const words = folded.split(' ');
  const n = words.length;
  return n >= 2 && PERSON_MARKERS.has(words[n - 2]) ? `${words[n - 2]} ${words[n - 1]}` : words[n - 1];
}

/** Surname-only mentions ("Maliki", "Abdel Rahman") linked to the full name used in the same document. */
function linkPersons(ctx: RuleContext, mentions: MentionCandidate[]): MentionCandidate[] {
  const { tokens, text } = ctx;
  const bySurname = new Map<string, { entity: string; first: string }>();
  // "Paul" after "Paul Brenner": a given name alone joins the one full name that starts with it
  const byGiven = new Map<string, string | null>();
  for (const m of mentions) {
    if (m.kind !== 'person') continue;
    const folded = foldName(text.slice(m.start, m.end));
    const words = folded.split(' ');
    if (words.length < 2) continue;
    if (ctx.isGivenName(words[0])) {
      const given = byGiven.get(words[0]);
      byGiven.set(words[0], given === undefined || given === m.entity ? m.entity : null);
    }
    const key = surnameKeyOfFolded(folded);
    const known = bySurname.get(key);
    if (known && known.first[0] === words[0][0]) m.entity = known.entity;
    else if (!known) bySurname.set(key, { entity: m.entity, first: words[0] });
  }
  for (const [given, entity] of byGiven) if (entity && !bySurname.has(given)) bySurname.set(given, { entity, first: given });
  for (const m of mentions) {
    if (m.kind !== 'person' || m.origin === 'gazetteer') continue;
    const folded = foldName(text.slice(m.start, m.end));
    if (!folded.includes(' ') || /^(?:al|el)\b/i.test(folded)) {
      const known = bySurname.get(surnameKeyOfFolded(folded));
      if (known) m.entity = known.entity;
    }
  }
  if (bySurname.size === 0) return mentions;
  const covered = new Uint8Array(tokens.length);
  for (const m of mentions) {
    // a town that shares a known person's surname ("Obama") yields to the person
    if (m.label === 'PLACE' && m.kind === 'city') continue;
    for (let k = tokenIndex(ctx, m.start) ?? tokens.length; k < tokens.length && tokens[k].start < m.end; k++) covered[k] = 1;
  }
  const added: MentionCandidate[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (covered[i] || !t.cap) continue;
    const nextTok = tokens[i + 1];
    // the particle and the next word together ("Abu Leyla"), else the word alone
    let last = -1;
    let entity = '';
    if ((wordFlags(t) & W_NAME_PARTICLE) !== 0 && nextTok && !covered[i + 1] && joined(text, t, nextTok)) {
      const two = foldName(`${t.text} ${nextTok.text}`).replace(/^(?:al|el) /, '');
      const known = two ? bySurname.get(two) : undefined;
      if (known) {
        last = i + 1;
        entity = known.entity;
      }
    }
    if (last < 0) {
      const one = foldToken(t).replace(/^(?:al|el) /, '');
      const known = one ? bySurname.get(one) : undefined;
      if (!known) continue;
      last = i;
      entity = known.entity;
    }
    const after = tokens[last + 1];
    if (after && joined(text, tokens[last], after) && after.cap && !after.allCaps && !isStopword(after)) continue;
    added.push({ start: t.start, end: tokens[last].end, label: 'ACTOR', entity, kind: 'person', origin: 'rule', priority: PRIORITY.title + 1 });
    i = last;
  }
  return added.length ? resolveOverlaps([...mentions, ...added], text.length) : mentions;
}

/**
 * A name a rule found once ("the town of al-Qaim") is the same name elsewhere in the document ("al-Qaim had
 * fallen"): later and earlier occurrences get the same label and entity.
 */
function propagateNames(ctx: RuleContext, mentions: MentionCandidate[]): MentionCandidate[] {
  const { tokens, text } = ctx;
  const known = new Map<string, Map<string, MentionCandidate>>();
  const maxWords = new Map<string, number>();
  for (const m of mentions) {
    if (m.origin !== 'rule' || m.kind === 'group' || m.end - m.start < 4) continue;
    const first = tokenIndex(ctx, m.start);
    if (first === undefined) continue;
    const key = foldName(text.slice(m.start, m.end));
    const head = foldName(tokens[first].text);
    let byKey = known.get(head);
    if (!byKey) known.set(head, (byKey = new Map()));
    if (!byKey.has(key)) byKey.set(key, m);
    maxWords.set(head, Math.max(maxWords.get(head) ?? 1, key.split(' ').length));
  }
  if (known.size === 0) return mentions;
  const added: MentionCandidate[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t.cap) continue;
    const head = foldToken(t);
    const byKey = known.get(head);
    if (!byKey) continue;
    // keys are folded words joined by single spaces, so they can be built token by token
    let key = head;
    let last = -1;
    let found: MentionCandidate | undefined;
    const limit = Math.min(tokens.length, i + (maxWords.get(head) ?? 1) + 2);
    for (let k = i; k < limit; k++) {
      if (k > i) {
        if (!joined(text, tokens[k - 1], tokens[k]) || tokens[k - 1].possessive) break;
        key = `${key} ${foldToken(tokens[k])}`;
      }
      const hit = byKey.get(key);
      if (hit) {
        last = k;
        found = hit;
      }
    }
    const m = found;
    if (!m || last < 0) continue;
    added.push({ ...m, start: t.start, end: tokens[last].end, priority: PRIORITY.guess });
    i = last;
  }
  // the mentions are resolved already: resolving them again alone would give them back as they are
  return added.length ? resolveOverlaps([...mentions, ...added], text.length) : mentions;
}

/** Acronyms whose letters are the initials of an organisation named in the document share its entity (RSF, FSA). */
const WORD_SEPARATOR = /[\s-]/;

function linkAcronyms(ctx: RuleContext, mentions: MentionCandidate[]): void {
  const initials = new Map<string, string>();
  for (const m of mentions) {
    if (m.label !== 'ACTOR' || m.kind === 'person') continue;
    const surface = ctx.text.slice(m.start, m.end);
    // one word has no initials to take
    if (!WORD_SEPARATOR.test(surface)) continue;
    const words = surface.split(/[\s-]+/).filter((w) => STARTS_CAPITAL.test(w));
    if (words.length >= 2) initials.set(words.map((w) => w[0]).join(''), m.entity);
  }
  for (const m of mentions) {
    if (m.origin !== 'rule') continue;
    const surface = ctx.text.slice(m.start, m.end);
    if (CAPITALS_ONLY.test(surface)) {
      const entity = initials.get(surface);
      if (entity) m.entity = entity;
    }
  }
}
