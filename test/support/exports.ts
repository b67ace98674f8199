// CRM exports kept as CSV in test/fixtures/exports, loaded as Sheets' File > Import would type them.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../scripts/build';
import { parseCsv } from '../../scripts/playground/csv';
import type { CellSnapshot, SheetSnapshot } from '../../scripts/runtime/snapshot';
import { type CellInput, dateCell, sheetOf } from './tracker';

export const exportsDir = path.join(projectRoot, 'test/fixtures/exports');

export interface ExportFixture {
  /** File name without .csv, e.g. "hubspot-deals.es". */
  name: string;
  language: 'en' | 'es';
  /** The "# ..." lines at the top: where the columns come from. */
  notes: string[];
  header: string[];
  rows: string[][];
}

/** RFC 4180 fields (the playground's reader: `npm start -- file.csv` reads exports the same way). */
export { parseCsv };

export function loadExport(file: string): ExportFixture {
  const text = readFileSync(path.join(exportsDir, file), 'utf8');
  const lines = text.split(/\r?\n/);
  const notes = lines.filter((line) => line.startsWith('#'));
  const [header = [], ...rows] = parseCsv(lines.filter((line) => !line.startsWith('#')).join('\n'));
  return {
    name: file.replace(/\.csv$/, ''),
    language: /\.es\.csv$/.test(file) ? 'es' : 'en',
    notes,
    header,
    rows: rows.filter((row) => row.some((cell) => cell !== '')),
  };
}

export function allExports(): ExportFixture[] {
  return readdirSync(exportsDir)
    .filter((file) => file.endsWith('.csv'))
    .sort()
    .map(loadExport);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A date-time cell: serial days with the time as a fraction, shown with a date-time format. */
function dateTimeCell(date: string, time: string): CellSnapshot {
  const [h = 0, m = 0, s = 0] = time.split(':').map(Number);
  const day = dateCell(date).value as number;
  return { value: day + (h * 3600 + m * 60 + s) / 86_400, numberFormat: 'yyyy-mm-dd hh:mm:ss' };
}

/**
 * A CSV field as Sheets types it on import in the file's locale: numbers, percents, dates
 * (ISO everywhere; month first in English, day first in Spanish), TRUE/FALSE; the rest is text.
 */
export function typedCell(text: string, language: 'en' | 'es'): CellInput {
  const value = text.trim();
  if (value === '') return '';
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (/^-?\d+(\.\d+)?%$/.test(value))
    return { value: Number(value.slice(0, -1)) / 100, numberFormat: '0%' };
  if (/^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2})?))?(?:\.\d+)?Z?$/.exec(value);
  if (iso) {
    const date = `${iso[1]}-${iso[2]}-${iso[3]}`;
    return iso[4] ? dateTimeCell(date, iso[4]) : dateCell(date, 'yyyy-mm-dd');
  }
  const slashed = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}:\d{2}(?::\d{2})?))?$/.exec(value);
  if (slashed) {
    const [a = '', b = '', year = ''] = slashed.slice(1, 4);
    const [month, day] = language === 'es' ? [b, a] : [a, b];
    const date = `${year}-${pad(Number(month))}-${pad(Number(day))}`;
    return slashed[4] ? dateTimeCell(date, slashed[4]) : dateCell(date);
  }
  return value;
}

/** The export as the first tab of a spreadsheet, as a team would have it after importing it. */
export function sheetFromExport(fixture: ExportFixture, name = 'Deals'): SheetSnapshot {
  return sheetOf(name, [
    fixture.header,
    ...fixture.rows.map((row) => row.map((cell) => typedCell(cell, fixture.language))),
  ]);
}
