// Helpers for runtime tests of the tracker: start a runtime on a grid, read a tab back as text.
import { createRuntime } from '../../scripts/runtime/index';
import {
  type CellSnapshot,
  plainSheet,
  type SheetSnapshot,
  type SpreadsheetSnapshot,
} from '../../scripts/runtime/snapshot';
import { displayValue } from '../../scripts/runtime/values';

export type Runtime = Awaited<ReturnType<typeof createRuntime>>;

export const seller = 'ana@example.com';
export const manager = 'marta@example.com';
export const now = new Date('2026-11-23T09:30:00Z');

/** A date cell as Sheets stores it: serial days since 1899-12-30, shown with a date format. */
export function dateCell(iso: string, numberFormat = 'dd/mm/yyyy'): CellSnapshot {
  const [y, m, d] = iso.split('-').map(Number);
  const serial = (Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1) - Date.UTC(1899, 11, 30)) / 86_400_000;
  return { value: serial, numberFormat };
}

/** A sheet snapshot from rows of values (strings stored as text, numbers as numbers) or cells. */
export type CellInput = string | number | boolean | CellSnapshot;

export function sheetOf(name: string, rows: CellInput[][], sheetId = 0): SheetSnapshot {
  return plainSheet(
    name,
    rows.map((row) =>
      row.map((value): CellSnapshot | null =>
        value === '' ? null : typeof value === 'object' ? value : { value },
      ),
    ),
    sheetId,
  );
}

export function spreadsheetOf(sheets: SheetSnapshot[], locale = 'en_US'): SpreadsheetSnapshot {
  return {
    id: 'sheet-under-test',
    name: 'Pipeline',
    timeZone: 'Europe/Madrid',
    locale,
    sheets,
    namedRanges: {},
  };
}

export async function runtimeWith(
  sheets: SheetSnapshot[] = [sheetOf('Sheet1', [])],
  options: { locale?: string; user?: string } = {},
): Promise<Runtime> {
  return createRuntime({
    spreadsheet: spreadsheetOf(sheets, options.locale),
    timeZone: 'Europe/Madrid',
    locale: options.locale ?? 'en_US',
    now,
    user: options.user ?? seller,
  });
}

export function tab(rt: Runtime, name: string): SheetSnapshot {
  const sheet = rt.snapshot().sheets.find((s) => s.name === name);
  if (!sheet)
    throw new Error(
      `No tab "${name}"; tabs: ${rt
        .snapshot()
        .sheets.map((s) => s.name)
        .join(', ')}`,
    );
  return sheet;
}

/** A tab's cells as the user sees them (display values), trailing empty rows dropped. */
export function textGrid(rt: Runtime, name: string): string[][] {
  const sheet = tab(rt, name);
  const rows = sheet.rows.map((row) => row.map((cell) => displayValue(cell ?? null, 'en_US')));
  while (rows.length > 0 && (rows[rows.length - 1] ?? []).every((text) => text === '')) rows.pop();
  return rows;
}

/** Stored values (numbers, strings, booleans) of a tab, for exact "nothing changed" checks. */
export function storedValues(
  rt: Runtime,
  name: string,
  width?: number,
): Array<Array<string | number | boolean>> {
  return tab(rt, name).rows.map((row) => {
    const values = row.map((cell) => cell?.value ?? '');
    return width === undefined ? values : Array.from({ length: width }, (_, i) => values[i] ?? '');
  });
}

/** A column of a tab by its header text. */
export function column(rt: Runtime, name: string, header: string): string[] {
  const grid = textGrid(rt, name);
  const index = (grid[0] ?? []).indexOf(header);
  if (index < 0)
    throw new Error(`No column "${header}" in ${name}: ${(grid[0] ?? []).join(' | ')}`);
  return grid.slice(1).map((row) => row[index] ?? '');
}

/** A column's letters in A1 notation, from its 0-based index: 0 -> A, 26 -> AA. */
export function letterOf(index0: number): string {
  let n = index0 + 1;
  let letters = '';
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
