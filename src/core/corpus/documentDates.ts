/**
 * Publication dates a user gives for a corpus, as news archives list them: a table (CSV, TSV or a Markdown
 * table) with a header row naming a file column and a date column, one article a row. Files are matched by
 * their name without the folder. Parsing never throws: rows that cannot be used come back as problems.
 */
import type { Problem } from '../problem';
import { parseDateValue } from '../events/dates';

const FILE_HEADERS = /^(?:file|files|file ?name|filename|name|document|doc|path|text|article)$/i;
const DATE_HEADERS = /^(?:date|published|publication ?date|publication_date|pub_?date|publish_?date|published_?at|date ?published|datetime)$/i;

export interface DateTable {
  /** File name (no folder) → ISO date. */
  readonly dates: ReadonlyMap<string, string>;
  readonly problems: Problem[];
}

/** The cells of one row: `|`-separated for Markdown, else tab- or comma-separated (double quotes as in CSV). */
function cells(line: string, sep: string): string[] {
  if (sep === '|') return line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"' && cur.trim() === '') {
      quoted = true;
      cur = '';
    } else if (c === sep) {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  out.push(cur.trim());
  return out;
}

const baseName = (p: string): string => p.replace(/^.*[\\/]/, '');
/** A Markdown cell may quote the name as code: `a.txt`. */
const unquote = (s: string): string => s.replace(/^`(.*)`$/, '$1').trim();

export function parseDateTable(text: string): DateTable {
  const problems: Problem[] = [];
  const dates = new Map<string, string>();
  const lines = text.split(/\r\n|\r|\n/);
  let header: { line: number; file: number; date: number; sep: string } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    if (!header) {
      // the first row that names both columns; anything before it (a title, prose) is not the table
      for (const sep of line.includes('|') ? ['|'] : line.includes('\t') ? ['\t'] : [',', ';']) {
        const names = cells(line, sep);
        const file = names.findIndex((n) => FILE_HEADERS.test(n));
        const date = names.findIndex((n) => DATE_HEADERS.test(n));
        if (file >= 0 && date >= 0) {
          header = { line: i + 1, file, date, sep };
          break;
        }
      }
      continue;
    }
    // a Markdown table's rule under the header, or its end
    if (header.sep === '|' && /^\s*\|?\s*:?-{3,}/.test(line)) continue;
    if (header.sep === '|' && !line.includes('|')) break;
    const row = cells(line, header.sep);
    const file = unquote(row[header.file] ?? '');
    const value = unquote(row[header.date] ?? '');
    if (!file) continue;
    const date = parseDateValue(value);
    if (!date) {
      problems.push({ code: 'unknown-value', severity: 'warning', line: i + 1, message: `${file}: "${value}" is not a date (YYYY-MM-DD or "March 6, 2020"); the row is not used` });
      continue;
    }
    const name = baseName(file);
    const before = dates.get(name);
    if (before !== undefined && before !== date) problems.push({ code: 'duplicate-id', severity: 'warning', line: i + 1, message: `${name} is listed again with another date; the first (${before}) is kept` });
    else dates.set(name, date);
  }
  if (!header) problems.push({ code: 'schema', severity: 'error', line: 1, message: 'no header row naming a file column (file, name, document) and a date column (date, published)' });
  return { dates, problems };
}

/** The date the table gives the article at `path` (matched by its file name). */
export function dateOfFile(table: DateTable, path: string): string | undefined {
  return table.dates.get(baseName(path));
}
