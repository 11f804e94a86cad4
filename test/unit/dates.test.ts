import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { datelineDate, fileNameDate, parseDateValue, referenceDate, resolveDate, textDate } from '../../src/core/events/dates';
import { dateOfFile, parseDateTable } from '../../src/core/corpus/documentDates';
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
    ['a Romanian was abducted last April', '2014-04-01', 'last April', 3],
    ['the talks of last June', '2013-06-01', 'last June', 3],
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

describe('where the reference date comes from', () => {
  it('reads a date in a file name, year first', () => {
    expect(fileNameDate('2020-03-06-kabul.txt')).toBe('2020-03-06');
    expect(fileNameDate('archive/kabul_2020_03_06.txt')).toBe('2020-03-06');
    expect(fileNameDate('20200306_kabul.txt')).toBe('2020-03-06');
    expect(fileNameDate('ext_01_sudan.txt')).toBeUndefined();
    expect(fileNameDate('report-2020-13-45.txt')).toBeUndefined();
    expect(fileNameDate('id123202003061.txt')).toBeUndefined();
  });

  it('takes the latest full date of a text, or a weekday date in the first matching year from the latest year named', () => {
    expect(textDate('Rebels took Osk on March 3, 2021. On 5 March 2021 they left.')).toBe('2021-03-05');
    // 6 March was a Friday in 2020; the text names 2019 as its latest year
    expect(textDate('The group, founded in 2019, attacked on Friday, March 6, killing 12.')).toBe('2020-03-06');
    expect(textDate('Gunmen attacked on Friday, 6 March.')).toBeUndefined();
    expect(textDate('Nothing dated here; it happened in 1995.')).toBeUndefined();
  });

  it('prefers the document date, then the dateline, the file name and the text', () => {
    const dated = 'KABUL, Afghanistan, March 6, 2020 (AP) - Gunmen attacked a ceremony on Friday, March 5, 2021.';
    expect(referenceDate({ text: '2019-01-01-a.txt', date: '2018-05-05' }, dated)).toEqual({ date: '2018-05-05', source: 'document' });
    expect(referenceDate({ text: '2019-01-01-a.txt' }, dated)).toEqual({ date: '2020-03-06', source: 'dateline' });
    // a full date in the head is the dateline; further down it is only the text's own
    const body = `Headline\n\n${'A paragraph.\n\n'.repeat(8)}Gunmen attacked on March 5, 2021.`;
    expect(referenceDate({ text: '2019-01-01-a.txt' }, body)).toEqual({ date: '2019-01-01', source: 'file name' });
    expect(referenceDate({ text: 'a.txt' }, body)).toEqual({ date: '2021-03-05', source: 'text' });
    expect(referenceDate({ text: 'a.txt' }, 'Gunmen attacked on Friday.')).toBeUndefined();
  });

  it('reads publication dates as metadata writes them', () => {
    expect(parseDateValue('2020-03-06')).toBe('2020-03-06');
    expect(parseDateValue(' 2020-03-06T10:15:00Z ')).toBe('2020-03-06');
    expect(parseDateValue('March 6, 2020')).toBe('2020-03-06');
    expect(parseDateValue('6 March 2020')).toBe('2020-03-06');
    expect(parseDateValue('2020-02-30')).toBeUndefined();
    expect(parseDateValue('soon')).toBeUndefined();
  });
});

describe('parseDateTable', () => {
  it('reads CSV, TSV and Markdown tables by their header names, matching files by name', () => {
    const csv = parseDateTable('id,filename,published\n1,corpus/a.txt,2020-03-06\n2,"b, c.txt","March 7, 2020"\n');
    expect([...csv.dates]).toEqual([['a.txt', '2020-03-06'], ['b, c.txt', '2020-03-07']]);
    expect(dateOfFile(csv, '/data/corpus/a.txt')).toBe('2020-03-06');
    expect(dateOfFile(csv, '/data/other.txt')).toBeUndefined();
    const tsv = parseDateTable('File\tDate\na.txt\t2021-01-02\n');
    expect([...tsv.dates]).toEqual([['a.txt', '2021-01-02']]);
    const md = parseDateTable('# Sources\n\nSome prose.\n\n| File | Outlet | Date |\n| --- | --- | --- |\n| `a.txt` | Wire | 2016-01-16 |\n| b.txt | Paper | 2015-04-10 |\n\nAfter the table.\n\n| File | URL |\n| --- | --- |\n| c.txt | x |\n');
    expect([...md.dates]).toEqual([['a.txt', '2016-01-16'], ['b.txt', '2015-04-10']]);
    expect(md.problems).toEqual([]);
  });

  it('reports rows it cannot use and a table without the columns, never throwing', () => {
    const t = parseDateTable('file,date\na.txt,someday\na.txt,2020-01-01\na.txt,2020-01-02\n');
    expect([...t.dates]).toEqual([['a.txt', '2020-01-01']]);
    expect(t.problems.map((p) => [p.code, p.line])).toEqual([['unknown-value', 2], ['duplicate-id', 4]]);
    expect(parseDateTable('name,outlet\na.txt,x\n').problems.map((p) => p.code)).toEqual(['schema']);
    expect(parseDateTable('').dates.size).toBe(0);
  });
});
