import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { datelineDate, resolveDate } from '../../src/core/events/dates';
import { GOLD_SETS, setDir } from './fixtureSets';

const FIXTURES = join(__dirname, '..', 'fixtures');

describe('datelineDate', () => {
  it('finds the date of every fixture article as recorded in its gold sidecar', () => {
    for (const folder of GOLD_SETS) {
      for (const f of readdirSync(setDir(folder))) {
        const text = readFileSync(join(setDir(folder), f), 'utf8');
        const gold = parse(readFileSync(join(FIXTURES, 'gold', f.replace(/\.txt$/, '.ann.yaml')), 'utf8'));
        expect(datelineDate(text), f).toBe(String(gold.document.date));
      }
    }
  });

  it.each([
    ['June 21, 2014 by Ed Morrissey', '2014-06-21'],
    ['21 June 2014\n\nBody', '2014-06-21'],
    ['2014-06-21\nBody', '2014-06-21'],
    ['Saturday, 21 June 2014 12:30', '2014-06-21'],
    ['Jun 21, 2014', '2014-06-21'],
    ['KYIV, Ukraine, Sept 6, 2023 (AP) - A missile', '2023-09-06'],
    ['\r\nTitle\r\n\r\n3rd March 2020\r\n', '2020-03-03'],
  ])('%j -> %s', (head, iso) => {
    expect(datelineDate(head)).toBe(iso);
  });

  it('rejects impossible dates and texts without a date in the head', () => {
    expect(datelineDate('February 30, 2014')).toBeUndefined();
    expect(datelineDate('No date here\nnor here')).toBeUndefined();
    expect(datelineDate('')).toBeUndefined();
    expect(datelineDate('1\n2\n3\n4\n5\n6\n7\n8\nJune 21, 2014')).toBeUndefined();
  });
});

describe('resolveDate', () => {
  // 2014-06-21 is a Saturday.
  const ref = '2014-06-21';
  it.each([
    ['Clashes broke out on Saturday', '2014-06-21', 'on Saturday', 1],
    ['They moved in on Friday', '2014-06-20', 'on Friday', 1],
    ['It pledged loyalty Wednesday to ISIL', '2014-06-18', 'Wednesday', 1],
    ['The attack came early Sunday', '2014-06-15', 'early Sunday', 1],
    ['He spoke last Saturday', '2014-06-14', 'last Saturday', 1],
    ['Yesterday the army retreated', '2014-06-20', 'Yesterday', 1],
    ['Today the army retreated', '2014-06-21', 'Today', 1],
    ['the day before yesterday', '2014-06-19', 'the day before yesterday', 1],
    ['Fighting began last week', '2014-06-14', 'last week', 2],
    ['Fighting began over the weekend', '2014-06-21', 'over the weekend', 2],
    ['The town fell on June 12', '2014-06-12', 'on June 12', 1],
    ['The town fell on 12 June', '2014-06-12', 'on 12 June', 1],
    ['The town fell on June 30', '2013-06-30', 'on June 30', 1],
    ['The town fell on June 30, 2012', '2012-06-30', 'on June 30, 2012', 1],
    ['The town fell on Monday, June 9', '2014-06-09', 'June 9', 1],
    ['Militants advanced earlier this month', '2014-06-01', 'earlier this month', 3],
    ['Militants advanced last month', '2014-05-01', 'last month', 3],
    ['Mosul fell in May', '2014-05-01', 'in May', 3],
    ['Mosul fell in December', '2013-12-01', 'in December', 3],
    ['two days ago', '2014-06-19', 'two days ago', 1],
  ])('%s', (sentence, date, phrase, precision) => {
    expect(resolveDate(sentence, ref)).toEqual({ date, phrase, precision });
  });

  it('crosses month and year boundaries in UTC', () => {
    // 2024-01-01 is a Monday
    expect(resolveDate('on Saturday', '2024-01-01')?.date).toBe('2023-12-30');
    expect(resolveDate('yesterday', '2024-03-01')?.date).toBe('2024-02-29');
    expect(resolveDate('last month', '2024-01-15')?.date).toBe('2023-12-01');
    expect(resolveDate('this week', '2024-01-03')).toEqual({ date: '2024-01-01', phrase: 'this week', precision: 2 });
  });

  it('resolves held-out datelines the way wire copy means them', () => {
    // AP: "KABUL, Oct. 3, 2015 ... on Saturday" (a Saturday) is the dateline day itself
    expect(resolveDate('Taliban fighters pushed deeper into Kunduz on Saturday', '2015-10-03')?.date).toBe('2015-10-03');
    expect(resolveDate('The gunmen stopped the vehicles on Thursday evening', '2024-02-03')?.date).toBe('2024-02-01');
    expect(resolveDate('shelled residential districts of El Fasher on Monday', '2024-05-14')?.date).toBe('2024-05-13');
  });

  it('leaves future, unknown and lower-case "may" alone', () => {
    expect(resolveDate('They will meet next Monday', ref)).toBeUndefined();
    expect(resolveDate('The talks may resume', ref)).toBeUndefined();
    expect(resolveDate('Nothing here', ref)).toBeUndefined();
    expect(resolveDate('on Saturday', 'not-a-date')).toBeUndefined();
    expect(resolveDate('on Saturday', '2014-02-30')).toBeUndefined();
  });
});
