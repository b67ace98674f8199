// The Opportunities tab: found by ID in document properties, read in one call, written by changed runs.

import { type ColumnMap, mapColumns } from '../domain/columns';
import { type FieldKey, fieldByKey } from '../domain/fields';
import type { Cell } from '../domain/model';
import { type SheetValue, toDomainRow } from './cells';
import { documentProperties, propertyKeys } from './properties';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Everything one operation needs of the tracker, from one bulk read. */
export interface TrackerSnapshot {
  sheet: Sheet;
  columns: ColumnMap;
  /** Data rows (row 2 onwards) as domain cells; rows[i] is sheet row i + 2. */
  rows: Cell[][];
  /** Number of columns read (the sheet's last column with content). */
  width: number;
}

export const firstDataRow = 2;

/** The tracker tab: the one whose sheet ID setup recorded, else one named like ours. */
export function findTrackerSheet(spreadsheet: Spreadsheet, knownId?: string | null): Sheet | null {
  const id =
    knownId === undefined
      ? documentProperties()?.getProperty(propertyKeys.trackerSheetId)
      : knownId;
  const sheets = spreadsheet.getSheets();
  if (id) {
    const byId = sheets.find((sheet) => String(sheet.getSheetId()) === id);
    if (byId) return byId;
  }
  return (
    sheets.find((sheet) =>
      ['opportunities', 'oportunidades'].includes(sheet.getName().toLowerCase()),
    ) ?? null
  );
}

/** One getDataRange().getValues(): header, column map and every row, whatever the row count. */
export function readTracker(sheet: Sheet, timeZone: string): TrackerSnapshot {
  const values = sheet.getDataRange().getValues();
  // The used width: an empty sheet's data range is A1 alone, and new columns must start at A then.
  let width = 0;
  for (const row of values) {
    for (let c = row.length - 1; c >= width; c -= 1) {
      if (row[c] !== '' && row[c] !== null) {
        width = c + 1;
        break;
      }
    }
  }
  const header = toDomainRow((values[0] ?? []).slice(0, width), timeZone);
  const rows = values.slice(1).map((row) => toDomainRow(row.slice(0, width), timeZone));
  return { sheet, columns: mapColumns(header), rows, width };
}

/** The 1-based sheet row holding a deal ID, or null; two rows with one ID are reported, not guessed. */
export function rowOfId(
  snapshot: TrackerSnapshot,
  id: string,
): { row: number | null; duplicates: number[] } {
  const column = snapshot.columns.byField.id;
  if (column === undefined) return { row: null, duplicates: [] };
  const matches: number[] = [];
  snapshot.rows.forEach((cells, index) => {
    if (String(cells[column] ?? '').trim() === id) matches.push(index + firstDataRow);
  });
  return { row: matches[0] ?? null, duplicates: matches.length > 1 ? matches : [] };
}

/**
 * Writes field values into one row, touching only those cells: adjacent columns go in one
 * setValues, so a typical change costs one to three calls and never overwrites a neighbour
 * (a user's own formula column, say).
 */
export function writeFields(
  sheet: Sheet,
  columns: ColumnMap,
  row: number,
  values: Partial<Record<FieldKey, SheetValue>>,
): void {
  const cells: Array<{ at: number; value: SheetValue }> = [];
  for (const [field, value] of Object.entries(values) as Array<[FieldKey, SheetValue]>) {
    const column = columns.byField[field];
    if (column !== undefined) cells.push({ at: column, value });
  }
  for (const run of contiguousRuns(cells)) {
    sheet.getRange(row, run.start + 1, 1, run.values.length).setValues([run.values]);
  }
}

/** Groups values by adjacent positions (columns or rows): at 3, 4 and 9 -> runs at 3 (2 values) and 9. */
export function contiguousRuns<T>(
  cells: ReadonlyArray<{ at: number; value: T }>,
): Array<{ start: number; values: T[] }> {
  const sorted = [...cells].sort((a, b) => a.at - b.at);
  const runs: Array<{ start: number; values: T[] }> = [];
  for (const cell of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.start + last.values.length === cell.at) last.values.push(cell.value);
    else runs.push({ start: cell.at, values: [cell.value] });
  }
  return runs;
}

/** The header a field's column shows in this sheet (the user's own name for adopted columns). */
export function columnHeader(columns: ColumnMap, field: FieldKey): string {
  const column = columns.byField[field];
  return column === undefined ? fieldByKey[field].header.en : (columns.headers[column] ?? '');
}
