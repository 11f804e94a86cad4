/**
 * Reported death counts in a sentence, following ACLED's fatality rules: the most conservative figure (the
 * lower end of a range, the number after "at least"), vague words as fixed values ("tens" 10, "dozens" 12,
 * "scores" 20, "hundreds" 100, "thousands" 1000), and injuries never counted.
 * Offsets are UTF-16 indices into the sentence (JS string indices).
 */

export type FatalityRule = 'exact' | 'approximate' | 'vague' | 'words';

export interface Fatalities {
  count: number;
  phrase: string;
  start: number;
  end: number;
  rule: FatalityRule;
}

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
  twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const VAGUE: Record<string, number> = { tens: 10, dozens: 12, scores: 20, hundreds: 100, thousands: 1000 };
/**
 * `key in table` for the tables above without a property look-up by a computed string (which makes V8 intern
 * the word first): their own keys, or a name the object inherits from Object.prototype ("constructor"), as `in` has it.
 */
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));
const keysOf = (table: Record<string, number>) => {
  const own = new Set(Object.keys(table));
  return (w: string): boolean => own.has(w) || INHERITED.has(w);
};
const inUnits = keysOf(UNITS);
const inTens = keysOf(TENS);
const inVague = keysOf(VAGUE);

const DEATH = /^(?:kill|kills|killed|killing|killings|dead|died|die|dies|dying|death|deaths|toll|lives|perished|slain|massacred|executed|murdered|beheaded|assassinated|lynched|slaughtered|bodies|fatalities|fatality)$/;
const INJURY = /^(?:wound|wounds|wounded|wounding|injure|injures|injured|injuring|injury|injuries|hurt|hospitalised|hospitalized|maimed|casualties)$/;
/** Words after a number that make it a measure, not a head count. */
const UNIT_AFTER = /^(?:km|kilometres|kilometers|miles|mile|metres|meters|m|years|year|months|month|weeks|week|days|day|hours|hour|minutes|am|pm|a\.m|p\.m|percent|per|%|gmt|times|kg|tonnes|tons|dollars|million|billion|st|nd|rd|th)$/i;
const APPROX = /(?:at\s+least|some|about|around|nearly|almost|approximately|roughly|more\s+than|over|up\s+to|as\s+many\s+as|an\s+estimated|estimated|close\s+to|no\s+fewer\s+than|upwards\s+of)\s+$/i;
const MONTH_BEFORE = /\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+$/;

interface NumberExpr {
  start: number;
  end: number;
  value: number;
  kind: 'digits' | 'words' | 'vague';
}

interface Word {
  text: string;
  lower: string;
  start: number;
  end: number;
}

function wordList(s: string): Word[] {
  const out: Word[] = [];
  for (const m of s.matchAll(/[\p{L}\p{N}]+(?:[,.][0-9]{3})*(?:[-'’]\p{L}[\p{L}\p{N}]*)*|[;:()]/gu)) {
    out.push({ text: m[0], lower: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Parses a run of number words ("two hundred and fifty", "twenty-two") starting at words[i]. */
function numberWords(words: Word[], i: number): { value: number; next: number } | undefined {
  let total = 0;
  let current = 0;
  let j = i;
  let any = false;
  while (j < words.length) {
    const parts = words[j].lower.split('-');
    let ok = true;
    let v = 0;
    for (const p of parts) {
      if (inUnits(p)) v += UNITS[p];
      else if (inTens(p)) v += TENS[p];
      else ok = false;
    }
    if (ok && parts.length <= 2) {
      current += v;
      any = true;
      j++;
      continue;
    }
    const w = words[j].lower;
    if ((w === 'hundred' || w === 'thousand') && (any || (j > i && words[j - 1].lower === 'a') || j === i)) {
      const base = current === 0 ? 1 : current;
      if (w === 'hundred') current = base * 100;
      else {
        total += base * 1000;
        current = 0;
      }
      any = true;
      j++;
      continue;
    }
    // "two hundred and fifty": 'and' only continues a number after hundred/thousand
    if (w === 'and' && any && j + 1 < words.length && /^(?:hundred|thousand)$/.test(words[j - 1].lower) && numberWords(words, j + 1)) {
      j++;
      continue;
    }
    break;
  }
  return any ? { value: total + current, next: j } : undefined;
}

function numberExprs(s: string, words: Word[]): NumberExpr[] {
  const out: NumberExpr[] = [];
  for (let i = 0; i < words.length; ) {
    const w = words[i];
    if (/^\d{1,3}(?:,\d{3})+$|^\d+$/.test(w.text)) {
      out.push({ start: w.start, end: w.end, value: Number(w.text.replace(/,/g, '')), kind: 'digits' });
      i++;
      continue;
    }
    if (w.lower === 'a' && words[i + 1]?.lower === 'dozen') {
      out.push({ start: w.start, end: words[i + 1].end, value: 12, kind: 'words' });
      i += 2;
      continue;
    }
    if (w.lower === 'dozen' && out.length > 0 && out[out.length - 1].end === words[i - 1]?.end) {
      // "two dozen"
      const prev = out[out.length - 1];
      prev.value *= 12;
      prev.end = w.end;
      i++;
      continue;
    }
    if (inVague(w.lower)) {
      let value = VAGUE[w.lower];
      let end = w.end;
      // "tens of thousands", "hundreds of thousands"
      if (words[i + 1]?.lower === 'of' && words[i + 2]?.lower === 'thousands') {
        value *= 1000;
        end = words[i + 2].end;
        i += 2;
      }
      out.push({ start: w.start, end, value, kind: 'vague' });
      i++;
      continue;
    }
    const nw = numberWords(words, i);
    if (nw) {
      // "no one", "one of", "one another" are not counts
      const prev = words[i - 1]?.lower;
      const nextW = words[nw.next]?.lower;
      const single = nw.next === i + 1 && w.lower === 'one';
      if (!(single && (prev === 'no' || nextW === 'of' || nextW === 'another' || nextW === 'side'))) {
        out.push({ start: w.start, end: words[nw.next - 1].end, value: nw.value, kind: 'words' });
      }
      i = nw.next;
      continue;
    }
    i++;
  }
  // Drop measures and calendar numbers.
  return out.filter((n) => {
    const after = s.slice(n.end).match(/^\s*(%|[\p{L}.]+)/u)?.[1] ?? '';
    if (UNIT_AFTER.test(after.replace(/\.$/, ''))) return false;
    if (MONTH_BEFORE.test(s.slice(Math.max(0, n.start - 12), n.start))) return false;
    if (n.kind === 'digits' && n.value >= 1900 && n.value <= 2100 && !/,/.test(s.slice(n.start, n.end))) {
      if (/\b(?:in|since|of|until|by|from)\s+$/i.test(s.slice(Math.max(0, n.start - 8), n.start))) return false;
    }
    return true;
  });
}

type Cue = 'death' | 'injury';

function cueOf(w: Word): Cue | undefined {
  if (DEATH.test(w.lower)) return 'death';
  if (INJURY.test(w.lower)) return 'injury';
  return undefined;
}

/** Persons one of whom a death word can be told of ("killed a teacher", "a soldier was killed"). */
const ONE_PERSON = new Set(
  `soldier policeman policewoman officer civilian man woman child boy girl teenager teacher student pupil worker
  journalist reporter photographer guard farmer herder villager resident member fighter militant rebel insurgent
  jihadist gunman attacker commander leader official driver doctor nurse medic paramedic trader vendor shepherd
  priest imam cleric nun monk pilgrim worshipper passenger bystander employee engineer contractor activist
  protester demonstrator lawmaker politician judge prosecutor chief elder fisherman miner infant baby toddler
  volunteer peacekeeper gendarme militiaman conscript recruit serviceman sergeant lieutenant colonel general
  captain major private journalist cameraman refugee migrant hostage prisoner detainee tribesman expert specialist
  operative spokesman aide adviser advisor bodyguard businessman lawyer scholar`.split(/\s+/),
);
/** Death verbs before their victim ("shot dead a guard"), and passive participles after it ("a man was killed"). */
const KILLED_BEFORE = /^(?:kill|kills|killed|killing|dead|murdered|executed|beheaded|assassinated|lynched|slew|slaying)$/;
const KILLED_AFTER = /^(?:killed|slain|murdered|executed|beheaded|assassinated|lynched)$/;

/**
 * One dead when a death word is told of a single person and the sentence gives no count ("gunmen killed a
 * teacher", "a soldier was killed", "the killing of a journalist").
 */
function singleVictim(sentence: string, words: Word[]): Fatalities | undefined {
  for (let i = 0; i < words.length; i++) {
    if (words[i].lower !== 'a' && words[i].lower !== 'an') continue;
    let h = -1;
    for (let k = i + 1; k < words.length && k <= i + 4; k++) {
      if (/^[;:()]$/.test(words[k].text)) break;
      if (ONE_PERSON.has(words[k].lower)) {
        h = k;
        break;
      }
    }
    if (h < 0) continue;
    const before = words[i - 1]?.lower ?? '';
    const left = KILLED_BEFORE.test(before) || (before === 'of' && /^(?:killing|death|murder|assassination|beheading)$/.test(words[i - 2]?.lower ?? ''));
    let a = h + 1;
    if (words[a]?.lower === 'was') a++;
    else a = -1;
    if (a > 0 && words[a]?.lower === 'also') a++;
    const right = a > 0 && (KILLED_AFTER.test(words[a]?.lower ?? '') || (/^(?:shot|found)$/.test(words[a]?.lower ?? '') && words[a + 1]?.lower === 'dead'));
    if (left || right || words[h + 1]?.lower === 'died') return { count: 1, phrase: sentence.slice(words[i].start, words[h].end), start: words[i].start, end: words[h].end, rule: 'words' };
  }
  return undefined;
}

/**
 * The first reported death count in a sentence. A count is linked to the nearest death or injury word
 * within six words on either side (a left cue such as "killing 10" or a right one such as "14 were killed");
 * numbers linked to injuries are skipped. Without a count, a single person killed is one (singleVictim).
 * Returns undefined when no death count is found.
 */
export function extractFatalities(sentence: string): Fatalities | undefined {
  const words = wordList(sentence);
  const numbers = numberExprs(sentence, words);
  const wordIndexAt = (offset: number): number => words.findIndex((w) => w.start >= offset);
  for (let k = 0; k < numbers.length; k++) {
    const n = numbers[k];
    let count = n.value;
    let end = n.end;
    let ranged = false;
    // Ranges: "10 to 15", "10-15", "10 or 15", "between 10 and 15": take the lower figure.
    const next = numbers[k + 1];
    if (next && /^\s*(?:to|-|–|or|and)\s*$/.test(sentence.slice(n.end, next.start))) {
      const between = /\bbetween\s+$/i.test(sentence.slice(Math.max(0, n.start - 8), n.start));
      if (!/and/.test(sentence.slice(n.end, next.start)) || between) {
        count = Math.min(n.value, next.value);
        end = next.end;
        ranged = true;
      }
    }
    let start = n.start;
    const before = sentence.slice(0, start);
    const approx = APPROX.exec(before) ?? /\bbetween\s+$/i.exec(before);
    if (approx) start = approx.index;
    const first = wordIndexAt(n.start);
    const lastIdx = wordIndexAt(end);
    const last = lastIdx === -1 ? words.length : lastIdx;
    // Nearest cue on each side, within six words, stopping at ; : ( ) or another number.
    let left: { cue: Cue; dist: number } | undefined;
    for (let i = first - 1, dist = 0; i >= 0 && dist <= 6; i--, dist++) {
      if (/^[;:()]$/.test(words[i].text)) break;
      if (numbers.some((x) => x !== n && x.start <= words[i].start && words[i].end <= x.end)) break;
      const c = cueOf(words[i]);
      if (c) {
        left = { cue: c, dist };
        break;
      }
    }
    let right: { cue: Cue; dist: number } | undefined;
    for (let i = last, dist = 0; i < words.length && dist <= 6; i++, dist++) {
      if (/^[;:()]$/.test(words[i].text)) break;
      if (numbers.some((x) => x !== n && x !== next && x.start <= words[i].start && words[i].end <= x.end)) break;
      const c = cueOf(words[i]);
      if (c) {
        right = { cue: c, dist };
        break;
      }
    }
    const chosen = left && right ? (right.dist < left.dist ? right : left) : (left ?? right);
    if (!chosen || chosen.cue !== 'death') continue;
    const rule: FatalityRule = approx || ranged ? 'approximate' : n.kind === 'vague' ? 'vague' : n.kind === 'words' ? 'words' : 'exact';
    // "killed four soldiers and a civilian": both groups of dead
    const more = !ranged && left !== undefined && chosen === left ? andMore(words, numbers, last) : undefined;
    if (more) return { count: count + more.count, phrase: sentence.slice(start, more.end), start, end: more.end, rule };
    return { count, phrase: sentence.slice(start, end), start, end, rule };
  }
  return singleVictim(sentence, words) ?? selfDetonation(sentence, words, numbers);
}

/** Plural persons a second count of dead can be told of ("and two civilians"). */
const PERSONS = /^(?:soldiers|civilians|people|children|women|men|policemen|officers|fighters|militants|rebels|villagers|residents|troops|guards|workers|students|worshippers|passengers|farmers|members)$/;

/**
 * After "<count> <persons>" (word `from` is the one after the count), a second group joined by "and": "and a
 * civilian", "and two policemen". Not a verb ("and wounded 20") nor a person's other act.
 */
function andMore(words: Word[], numbers: NumberExpr[], from: number): { count: number; end: number } | undefined {
  let k = from;
  const head = (w: Word | undefined): boolean => w !== undefined && (PERSONS.test(w.lower) || ONE_PERSON.has(w.lower));
  if (!head(words[k])) k++;
  if (!head(words[k]) || words[k + 1]?.lower !== 'and') return undefined;
  const a = words[k + 2];
  if (!a) return undefined;
  let value: number;
  let h = k + 3;
  if (a.lower === 'a' || a.lower === 'an') value = 1;
  else {
    const n = numbers.find((x) => x.start === a.start);
    if (!n || n.kind === 'vague') return undefined;
    value = n.value;
    while (h < words.length && words[h].start < n.end) h++;
  }
  if (!head(words[h]) && !head(words[h + 1])) return undefined;
  const end = head(words[h]) ? words[h].end : words[h + 1].end;
  return { count: value, end };
}

/** "Two suicide bombers detonated themselves", "a bomber blew himself up": the bombers are the dead. */
function selfDetonation(sentence: string, words: Word[], numbers: NumberExpr[]): Fatalities | undefined {
  for (let i = 0; i < words.length; i++) {
    if (!/^(?:themselves|himself|herself)$/.test(words[i].lower) || !/^(?:detonated|blew|exploded)$/.test(words[i - 1]?.lower ?? '')) continue;
    const head = words[i - 2];
    if (!head || !/^bombers?$/.test(head.lower)) return undefined;
    if (head.lower === 'bomber') return { count: 1, phrase: sentence.slice(head.start, head.end), start: head.start, end: head.end, rule: 'words' };
    // the count right before "(suicide) bombers"
    const at = words[i - 3]?.lower === 'suicide' ? i - 4 : i - 3;
    const n = at >= 0 ? numbers.find((x) => x.end === words[at].end) : undefined;
    return n && n.kind !== 'vague' ? { count: n.value, phrase: sentence.slice(n.start, head.end), start: n.start, end: head.end, rule: n.kind === 'digits' ? 'exact' : 'words' } : undefined;
  }
  return undefined;
}
