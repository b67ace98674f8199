// `npm start -- deals.csv`: a CRM export opened as a new spreadsheet, typed the way Sheets' File > Import types it.

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type CellSnapshot, plainSheet, type SpreadsheetSnapshot } from '../runtime/snapshot';
import { parseUserInput } from '../runtime/values-parse';

export interface CsvFile {
  snapshot: SpreadsheetSnapshot;
  /** Where the spreadsheet is saved: beside the CSV, never over it or over an existing workbook. */
  xlsx: string;
  delimiter: ',' | ';' | '\t';
  encoding: 'utf-8' | 'windows-1252';
  locale: string;
  /** How the locale was chosen, for the console: "given", or what in the data said so. */
  localeReason: string;
  rows: number;
}

/** Reads a CSV file into a spreadsheet snapshot; `locale` (e.g. es_ES) is guessed when not given. */
export async function openCsv(
  file: string,
  options: { locale?: string; timeZone: string; now: Date },
): Promise<CsvFile> {
  const bytes = await readFile(file);
  const { text, encoding } = decode(bytes);
  const delimiter = guessDelimiter(text);
  const rows = parseCsv(text, delimiter).filter((row) => row.some((field) => field.trim() !== ''));
  const guessed = guessLocale(rows, delimiter);
  const locale = options.locale ?? guessed.locale;
  const name = path.basename(file, path.extname(file));
  const sheetRows = rows.map((row) =>
    row.map((field) => importedCell(field, locale, options.timeZone, options.now)),
  );
  return {
    snapshot: {
      id: `csv-${name}`,
      name,
      timeZone: options.timeZone,
      locale,
      namedRanges: {},
      // Sized like an imported sheet: the rows, and room to add more.
      sheets: [{ ...plainSheet(name, sheetRows), maxRows: Math.max(1000, rows.length + 100) }],
    },
    xlsx: freeXlsxPath(file),
    delimiter,
    encoding,
    locale,
    localeReason: options.locale ? 'given with --locale' : guessed.reason,
    rows: Math.max(rows.length - 1, 0),
  };
}

/** UTF-8 (a byte order mark is dropped); a file that is not valid UTF-8 is read as Windows-1252. */
export function decode(bytes: Uint8Array): { text: string; encoding: CsvFile['encoding'] } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/**
 * The separator: the one of comma, semicolon and tab that splits the first lines (outside quotes)
 * into the same, largest number of fields. Excel in Spanish and other comma-decimal locales writes
 * semicolons.
 */
export function guessDelimiter(text: string): CsvFile['delimiter'] {
  const candidates = [',', ';', '\t'] as const;
  let best: CsvFile['delimiter'] = ',';
  let bestScore = -1;
  for (const delimiter of candidates) {
    const rows = parseCsv(text.slice(0, 20_000), delimiter).slice(0, 6);
    const counts = rows.map((row) => row.length);
    const first = counts[0] ?? 1;
    const steady = counts.slice(0, -1).every((count) => count === first);
    const score = first > 1 ? first * (steady ? 2 : 1) : 0;
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

/** RFC 4180 fields: quotes doubled inside quoted fields, line breaks (LF or CRLF) inside quotes. */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === delimiter) {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * The file's locale from its data: day-first dates (a first number over 12) against month-first
 * ones, and decimal commas ("1.234,50", "12,5") against decimal points ("1,234.50", "12.5").
 */
export function guessLocale(
  rows: readonly (readonly string[])[],
  delimiter: string,
): { locale: string; reason: string } {
  let dayFirst = 0;
  let monthFirst = 0;
  let commaDecimal = 0;
  let pointDecimal = 0;
  for (const row of rows.slice(1)) {
    for (const raw of row) {
      const field = raw.trim().replace(/^[^\d-]+|[^\d]+$/g, '');
      const date = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:\s|$)/.exec(raw.trim());
      if (date) {
        if (Number(date[1]) > 12 && Number(date[2]) <= 12) dayFirst += 1;
        else if (Number(date[2]) > 12 && Number(date[1]) <= 12) monthFirst += 1;
        continue;
      }
      if (/^-?\d{1,3}(\.\d{3})*,\d+$/.test(field) && !/^-?\d{1,3},\d{3}$/.test(field))
        commaDecimal += 1;
      else if (/^-?\d{1,3}(,\d{3})*\.\d+$/.test(field) && !/^-?\d{1,3}\.\d{3}$/.test(field))
        pointDecimal += 1;
    }
  }
  const dates =
    dayFirst > monthFirst ? 'day-first dates' : monthFirst > dayFirst ? 'month-first dates' : '';
  const decimals =
    commaDecimal > pointDecimal
      ? 'decimal commas'
      : pointDecimal > commaDecimal
        ? 'decimal points'
        : '';
  const because = [dates, decimals].filter(Boolean).join(' and ');
  if (dates === 'month-first dates') return { locale: 'en_US', reason: `guessed from ${because}` };
  if (decimals === 'decimal commas') return { locale: 'es_ES', reason: `guessed from ${because}` };
  if (dates === 'day-first dates') return { locale: 'en_GB', reason: `guessed from ${because}` };
  if (decimals === 'decimal points') return { locale: 'en_US', reason: `guessed from ${because}` };
  return delimiter === ';'
    ? { locale: 'es_ES', reason: 'guessed from the semicolons (nothing in the data says more)' }
    : { locale: 'en_US', reason: 'nothing in the data says otherwise' };
}

/**
 * A field as Sheets' import types it in the file's locale: numbers, percents, currencies, dates and
 * booleans become values. Text that Sheets would turn into a formula ("=...", "+34 600...") stays
 * text here, so a CSV cannot run a formula and a phone number is not an #ERROR!.
 */
function importedCell(
  field: string,
  locale: string,
  timeZone: string,
  now: Date,
): CellSnapshot | null {
  if (field.trim() === '') return null;
  const parsed = parseUserInput(field, locale, timeZone, now.getTime());
  if (parsed.formula !== undefined) return { value: field };
  return parsed;
}

/** deals.csv -> deals.xlsx, or deals (2).xlsx when that exists: nothing of the user's is overwritten. */
export function freeXlsxPath(csv: string): string {
  const dir = path.dirname(csv);
  const base = path.basename(csv, path.extname(csv));
  let candidate = path.join(dir, `${base}.xlsx`);
  for (let n = 2; existsSync(candidate); n += 1) candidate = path.join(dir, `${base} (${n}).xlsx`);
  return candidate;
}
