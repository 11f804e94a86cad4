/**
 * Dateline dates and relative dates in news sentences, as pure UTC calendar arithmetic on ISO `YYYY-MM-DD`
 * strings (no local time zone is ever consulted).
 *
 * Weekday rule: a bare weekday ("on Saturday", "early Friday") is the most recent such day on or before the
 * reference date. Wire copy (AP style) names the dateline day by its weekday instead of "today", e.g.
 * "KABUL, Oct. 3, 2015 (AP) - ... on Saturday" (a Saturday); "last Saturday" always goes back a full week.
 * Precision follows ACLED `time_precision`: 1 day, 2 week, 3 month. Week-level dates use the same weekday one
 * week back; month-level dates use the first day of the month.
 */

export interface ResolvedDate {
  date: string;
  phrase: string;
  precision: 1 | 2 | 3;
}

const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sep: 9, sept: 9, october: 10, oct: 10, november: 11, nov: 11,
  december: 12, dec: 12,
};
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const NUMBER_WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };

const MONTH_RE = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)';

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in month m (1-12) of year y, by the Gregorian rule Date follows (no Date object per check). */
function daysInMonth(y: number, m: number): number {
  return m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : MONTH_DAYS[m - 1];
}

function valid(y: number, m: number, d: number): boolean {
  return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function iso(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

interface Ymd {
  y: number;
  m: number;
  d: number;
}

function parseIso(s: string): Ymd | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return undefined;
  const r = { y: +m[1], m: +m[2], d: +m[3] };
  return valid(r.y, r.m, r.d) ? r : undefined;
}

/**
 * Date arithmetic for one reference date at a time, remembered: every sentence of a document resolves its
 * relative dates against the same reference, and parsing and printing a Date cost more than the rules.
 */
let dayOf = '';
let dayTime = 0;
let dayWeekday = 0;
const shifted = new Map<number, string>();

function reference(s: string): void {
  if (s === dayOf) return;
  dayOf = s;
  const d = new Date(`${s}T00:00:00Z`);
  dayTime = d.getTime();
  dayWeekday = d.getUTCDay();
  shifted.clear();
}

function addDays(s: string, days: number): string {
  reference(s);
  let out = shifted.get(days);
  if (out === undefined) {
    out = new Date(dayTime + days * 86_400_000).toISOString().slice(0, 10);
    shifted.set(days, out);
  }
  return out;
}

function weekday(s: string): number {
  return s === dayOf ? dayWeekday : new Date(`${s}T00:00:00Z`).getUTCDay();
}

const HEAD_DATE_PATTERNS: RegExp[] = [
  /\b(\d{4})-(\d{2})-(\d{2})\b/g,
  new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH_RE}\\.?,?\\s+(\\d{4})\\b`, 'g'),
  new RegExp(`\\b${MONTH_RE}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'g'),
];

function toDate(pattern: number, m: RegExpExecArray): string | undefined {
  let y: number, mo: number, d: number;
  if (pattern === 0) [y, mo, d] = [+m[1], +m[2], +m[3]];
  else if (pattern === 1) [d, mo, y] = [+m[1], MONTHS[m[2].toLowerCase()], +m[3]];
  else [mo, d, y] = [MONTHS[m[1].toLowerCase()], +m[2], +m[3]];
  return valid(y, mo, d) ? iso(y, mo, d) : undefined;
}

/**
 * The article's date from its head: the earliest full date (day, month and year) in the first 8 non-empty
 * lines, e.g. "Thursday 26 June 2014", "June 21, 2014 by …", "KABUL, Afghanistan, Oct. 3, 2015 (AP)".
 */
export function datelineDate(text: string): string | undefined {
  const lines = text.split(/\r\n|\r|\n/).filter((l) => l.trim() !== '').slice(0, 8);
  for (const line of lines) {
    let best: { at: number; date: string } | undefined;
    HEAD_DATE_PATTERNS.forEach((re, i) => {
      re.lastIndex = 0;
      for (let m = re.exec(line); m; m = re.exec(line)) {
        const date = toDate(i, m);
        if (date && (!best || m.index < best.at)) best = { at: m.index, date };
      }
    });
    if (best) return best.date;
  }
  return undefined;
}

interface Candidate extends ResolvedDate {
  at: number;
}

/** `hint`: a cheap test without which the rule cannot match (most sentences skip most rules). */
type Rule = { re: RegExp; hint?: RegExp; resolve: (m: RegExpExecArray, ref: string, r: Ymd) => { date: string; precision: 1 | 2 | 3 } | undefined };

/** Year for a month/day without a year: the reference year, or the one before when that would be in the future. */
function pastYear(r: Ymd, month: number, day: number): number {
  return month > r.m || (month === r.m && day > r.d) ? r.y - 1 : r.y;
}

const MONTH_HINT = /(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/;
const WEEK_HINT = /\bweek\b/i;
const MONTH_WORD_HINT = /\bmonth\b/i;

const RULES: Rule[] = [
  // Full dates first so "June 12, 2014" is not read as "June 12".
  {
    re: new RegExp(`\\b(?:on\\s+)?${MONTH_RE}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'g'),
    hint: MONTH_HINT,
    resolve: (m) => {
      const mo = MONTHS[m[1].toLowerCase()];
      return valid(+m[3], mo, +m[2]) ? { date: iso(+m[3], mo, +m[2]), precision: 1 } : undefined;
    },
  },
  {
    re: new RegExp(`\\b(?:on\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH_RE}\\.?,?\\s+(\\d{4})\\b`, 'g'),
    hint: MONTH_HINT,
    resolve: (m) => {
      const mo = MONTHS[m[2].toLowerCase()];
      return valid(+m[3], mo, +m[1]) ? { date: iso(+m[3], mo, +m[1]), precision: 1 } : undefined;
    },
  },
  {
    re: /\b(\d{4})-(\d{2})-(\d{2})\b/g,
    hint: /\d{4}-\d/,
    resolve: (m) => (valid(+m[1], +m[2], +m[3]) ? { date: iso(+m[1], +m[2], +m[3]), precision: 1 } : undefined),
  },
  {
    re: new RegExp(`\\b(?:on\\s+)?${MONTH_RE}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?!\\s*(?:,\\s*)?\\d)`, 'g'),
    hint: MONTH_HINT,
    resolve: (m, _ref, r) => {
      const mo = MONTHS[m[1].toLowerCase()];
      const d = +m[2];
      const y = pastYear(r, mo, d);
      return valid(y, mo, d) ? { date: iso(y, mo, d), precision: 1 } : undefined;
    },
  },
  {
    re: new RegExp(`\\b(?:on\\s+)?(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_RE}\\b(?!\\.?,?\\s*\\d)`, 'g'),
    hint: MONTH_HINT,
    resolve: (m, _ref, r) => {
      const mo = MONTHS[m[2].toLowerCase()];
      const d = +m[1];
      const y = pastYear(r, mo, d);
      return valid(y, mo, d) ? { date: iso(y, mo, d), precision: 1 } : undefined;
    },
  },
  { re: /\b(?:the\s+)?day\s+before\s+yesterday\b/gi, hint: /yesterday/i, resolve: (_m, ref) => ({ date: addDays(ref, -2), precision: 1 }) },
  { re: /\b(?:yesterday|last\s+night)\b/gi, hint: /yesterday|night/i, resolve: (_m, ref) => ({ date: addDays(ref, -1), precision: 1 }) },
  { re: /\b(?:today|tonight|this\s+(?:morning|afternoon|evening))\b/gi, hint: /today|tonight|this/i, resolve: (_m, ref) => ({ date: ref, precision: 1 }) },
  {
    re: /\b(\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+(days?|weeks?)\s+ago\b/gi,
    hint: /\bago\b/i,
    resolve: (m, ref) => {
      const n = /^\d+$/.test(m[1]) ? +m[1] : NUMBER_WORDS[m[1].toLowerCase()];
      return /^day/i.test(m[2]) ? { date: addDays(ref, -n), precision: 1 } : { date: addDays(ref, -7 * n), precision: 2 };
    },
  },
  {
    re: new RegExp(`(?<!\\b(?:[Nn]ext|[Cc]oming|[Tt]his)\\s+)\\b(?:([Ll]ast|[Oo]n|[Ee]arly|[Ll]ate|[Ss]ince)\\s+)?(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)\\b(?!,?\\s+(?:the\\s+)?\\d|,?\\s+${MONTH_RE})`, 'g'),
    hint: /(?:Sun|Mon|Tues|Wednes|Thurs|Fri|Satur)day/,
    resolve: (m, ref) => {
      const target = WEEKDAYS.indexOf(m[2].toLowerCase());
      let back = (weekday(ref) - target + 7) % 7;
      if (m[1]?.toLowerCase() === 'last' && back === 0) back = 7;
      return { date: addDays(ref, -back), precision: 1 };
    },
  },
  {
    re: /\b(?:over|at|during)\s+the\s+weekend\b|\blast\s+weekend\b/gi,
    hint: /weekend/i,
    resolve: (_m, ref) => {
      const back = (weekday(ref) - 6 + 7) % 7;
      return { date: addDays(ref, -back), precision: 2 };
    },
  },
  { re: /\blast\s+week\b/gi, hint: WEEK_HINT, resolve: (_m, ref) => ({ date: addDays(ref, -7), precision: 2 }) },
  {
    re: /\b(?:earlier\s+)?this\s+week\b/gi,
    hint: WEEK_HINT,
    // Monday of the reference week (ISO weeks start on Monday).
    resolve: (_m, ref) => ({ date: addDays(ref, -((weekday(ref) + 6) % 7)), precision: 2 }),
  },
  { re: /\b(?:earlier\s+|late[r]?\s+|early\s+)?this\s+month\b/gi, hint: MONTH_WORD_HINT, resolve: (_m, _ref, r) => ({ date: iso(r.y, r.m, 1), precision: 3 }) },
  {
    // "last April": the most recent April before the reference month
    re: new RegExp(`\\b[Ll]ast\\s+${MONTH_RE}\\b(?!\\.?\\s*\\d)`, 'g'),
    hint: MONTH_HINT,
    resolve: (m, _ref, r) => {
      const mo = MONTHS[m[1].toLowerCase()];
      return { date: iso(mo >= r.m ? r.y - 1 : r.y, mo, 1), precision: 3 };
    },
  },
  {
    re: /\blast\s+month\b/gi,
    hint: MONTH_WORD_HINT,
    resolve: (_m, _ref, r) => (r.m === 1 ? { date: iso(r.y - 1, 12, 1), precision: 3 } : { date: iso(r.y, r.m - 1, 1), precision: 3 }),
  },
  {
    // sentence-initial "In December" too
    re: new RegExp(`\\b(?:[Ii]n|[Dd]uring|[Ss]ince|[Ee]arly|[Ll]ate|[Mm]id-|[Ee]nd\\s+of)\\s*(?:early\\s+|late\\s+|mid-)?${MONTH_RE}\\b(?!\\.?\\s*\\d)`, 'g'),
    hint: MONTH_HINT,
    resolve: (m, _ref, r) => {
      const mo = MONTHS[m[1].toLowerCase()];
      return { date: iso(pastYear(r, mo, 1), mo, 1), precision: 3 };
    },
  },
];

/** Per rule, the index of its hint among the distinct hints (-1: none); the hints' results for one sentence. */
const HINTS = [...new Set(RULES.flatMap((r) => (r.hint ? [r.hint] : [])))];
const HINT_SLOT = RULES.map((r) => (r.hint ? HINTS.indexOf(r.hint) : -1));
const HINT_SEEN: number[] = new Array<number>(HINTS.length).fill(-1);

/**
 * The first date expression in a sentence, resolved against `reference` (ISO date). Future expressions
 * ("next Monday", "tomorrow") are not resolved. Returns undefined when nothing matches or the reference is
 * not a valid ISO date.
 */
export function resolveDate(sentence: string, reference: string): ResolvedDate | undefined {
  const first = resolveDates(sentence, reference)[0];
  return first && { date: first.date, phrase: first.phrase, precision: first.precision };
}

/**
 * Every date expression of a sentence, left to right, none overlapping the one before (at one place the
 * longest, most specific phrase), resolved against `reference`; `at` is the phrase's UTF-16 offset. One pass of
 * each rule over the sentence, however many dates it holds.
 */
export function resolveDates(sentence: string, reference: string): Array<ResolvedDate & { at: number }> {
  const r = parseIso(reference);
  if (!r) return [];
  const found: Candidate[] = [];
  // rules share hints (MONTH_HINT): each distinct hint is tested once per sentence
  HINT_SEEN.fill(-1);
  for (let k = 0; k < RULES.length; k++) {
    const rule = RULES[k];
    const h = HINT_SLOT[k];
    if (h >= 0) {
      if (HINT_SEEN[h] < 0) HINT_SEEN[h] = rule.hint!.test(sentence) ? 1 : 0;
      if (HINT_SEEN[h] === 0) continue;
    }
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(sentence); m; m = rule.re.exec(sentence)) {
      if (m[0].length === 0) {
        rule.re.lastIndex++;
        continue;
      }
      const res = rule.resolve(m, reference, r);
      const lead = m[0].length - m[0].trimStart().length;
      if (res) found.push({ date: res.date, precision: res.precision, phrase: m[0].trim(), at: m.index + lead });
    }
  }
  // Earliest in the sentence; at the same place the longest (most specific) phrase.
  found.sort((a, b) => a.at - b.at || b.phrase.length - a.phrase.length);
  const out: Array<ResolvedDate & { at: number }> = [];
  let end = 0;
  for (const c of found) {
    if (c.at < end) continue;
    out.push({ date: c.date, phrase: c.phrase, precision: c.precision, at: c.at });
    end = c.at + c.phrase.length;
  }
  return out;
}

/**
 * A date in a file name, as news archives name their files: `2020-03-06-kabul.txt`, `kabul_2020_03_06.txt`,
 * `20200306-kabul.txt` (year first, 1900-2099, the digits not part of a longer number).
 */
export function fileNameDate(name: string): string | undefined {
  const base = name.replace(/^.*[\\/]/, '');
  const m = /(?<!\d)((?:19|20)\d{2})([-_.]?)(\d{2})\2(\d{2})(?!\d)/.exec(base);
  if (!m) return undefined;
  const [y, mo, d] = [+m[1], +m[3], +m[4]];
  return valid(y, mo, d) ? iso(y, mo, d) : undefined;
}

const WEEKDAY_RE = '(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)';
const FULL_DATES = [
  new RegExp(`\\b${MONTH_RE}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+((?:19|20)\\d{2})\\b`, 'g'),
  new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH_RE}\\.?,?\\s+((?:19|20)\\d{2})\\b`, 'g'),
];
/** "Monday, March 3" and "Monday 3 March" with no year after them. */
const WEEKDAY_DATES = [
  new RegExp(`\\b${WEEKDAY_RE},?\\s+${MONTH_RE}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?!,?\\s*\\d)`, 'g'),
  new RegExp(`\\b${WEEKDAY_RE},?\\s+(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_RE}\\b(?!\\.?,?\\s*\\d)`, 'g'),
];
/** How many years after the latest year a text names its weekday dates are looked for. */
const WEEKDAY_YEARS = 6;

/**
 * The reference date a text gives by itself when its head has no dateline: the latest of the full dates in it
 * ("on March 6, 2020") and of the weekday dates without a year ("on Friday, March 6"), a weekday date taking
 * the first year, from the latest year the text names, in which that day is that weekday. Undefined when the
 * text has neither, or names no year for a weekday date. A guess a person should confirm (document.date).
 */
export function textDate(text: string): string | undefined {
  let latest: string | undefined;
  const keep = (d: string | undefined): void => {
    if (d && (!latest || d > latest)) latest = d;
  };
  let year = 0;
  for (const m of text.matchAll(/\b((?:19|20)\d{2})\b/g)) year = Math.max(year, +m[1]);
  FULL_DATES.forEach((re, i) => {
    for (const m of text.matchAll(re)) {
      const [mo, d, y] = i === 0 ? [MONTHS[m[1].toLowerCase()], +m[2], +m[3]] : [MONTHS[m[2].toLowerCase()], +m[1], +m[3]];
      if (valid(y, mo, d)) keep(iso(y, mo, d));
    }
  });
  if (year > 0) {
    WEEKDAY_DATES.forEach((re, i) => {
      for (const m of text.matchAll(re)) {
        const wd = WEEKDAYS.indexOf(m[1].toLowerCase());
        const [mo, d] = i === 0 ? [MONTHS[m[2].toLowerCase()], +m[3]] : [MONTHS[m[3].toLowerCase()], +m[2]];
        for (let y = year; y <= year + WEEKDAY_YEARS; y++) {
          if (valid(y, mo, d) && weekday(iso(y, mo, d)) === wd) {
            keep(iso(y, mo, d));
            break;
          }
        }
      }
    });
  }
  return latest;
}

export type DateSource = 'document' | 'dateline' | 'file name' | 'text';

/**
 * The reference for a document's relative dates ("on Friday", "last month"), first found of: the sidecar's
 * `document.date` (a person's or the dateline's), the dateline, a date in the file name, the text's own dates
 * (textDate).
 */
export function referenceDate(document: { readonly text: string; readonly date?: string }, text: string): { date: string; source: DateSource } | undefined {
  if (document.date && parseIso(document.date)) return { date: document.date, source: 'document' };
  const dl = datelineDate(text);
  if (dl) return { date: dl, source: 'dateline' };
  const fn = fileNameDate(document.text);
  if (fn) return { date: fn, source: 'file name' };
  const td = textDate(text);
  return td ? { date: td, source: 'text' } : undefined;
}

/**
 * A publication date as metadata gives it: ISO (`2020-03-06`, `2020-03-06T10:00:00Z`, only its day is kept) or
 * written out ("March 6, 2020", "6 March 2020"); undefined otherwise.
 */
export function parseDateValue(value: string): string | undefined {
  const v = value.trim();
  const isoPrefix = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(v);
  if (isoPrefix) return valid(+isoPrefix[1], +isoPrefix[2], +isoPrefix[3]) ? iso(+isoPrefix[1], +isoPrefix[2], +isoPrefix[3]) : undefined;
  return datelineDate(v);
}
