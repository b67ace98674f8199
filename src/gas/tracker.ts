// The Opportunities tab: found by ID in document properties, read in one call, written by changed runs.

import { type ColumnMap, mapColumns } from '../domain/columns';
import { type FieldKey, fieldByKey } from '../domain/fields';
import type { StatusRole } from '../domain/header-words';
import type { Cell } from '../domain/model';
import { toDomainCell } from './cells';
import { storedColumnChoices } from './column-choices';
import { readGrid } from './grid';
import { documentProperties, propertyKeys } from './properties';
import type { TrackerLayout } from './tracker-layout';

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
  const { header, rows, width } = readGrid(sheet, timeZone);
  const columns = mapColumns(header, undefined, { choices: storedColumnChoices() });
  return { sheet, columns, rows, width };
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

/** Some of the tracker's columns for every data row, re-indexed so parseRow reads them as usual. */
export interface ColumnSlice {
  /** rows[i] is sheet row i + 2; each row holds only the requested columns, in `columns` order. */
  rows: Cell[][];
  columns: ColumnMap;
  /** The sheet's last row with content (getLastRow). */
  lastRow: number;
}

/**
 * Reads only the columns of `fields` (plus `extra` 0-based columns) for every data row: the last
 * row (one call), then one getValues per group of columns. Neighbouring groups are read as one
 * block when the cells in between cost less than a call (Apps Script charges ~100-150 ms a call
 * and ~0.01 ms a cell): at 100 rows everything is one read, at 50,000 rows each group is its own.
 */
export function readColumns(
  layout: TrackerLayout,
  fields: readonly FieldKey[],
  timeZone: string,
  extra: readonly number[] = [],
  /** The last row an earlier read of this execution found, so the rows line up (no call). */
  knownLastRow?: number,
): ColumnSlice {
  const sheet = layout.sheet;
  const lastRow = knownLastRow ?? sheet.getLastRow();
  const wanted = wantedColumns(layout, fields, extra);
  const dataRows = Math.max(lastRow - firstDataRow + 1, 0);
  const rows: Cell[][] = Array.from({ length: dataRows }, () => []);
  const position = new Map<number, number>();
  wanted.forEach((column, i) => {
    position.set(column, i);
  });
  if (dataRows > 0) {
    for (const block of readBlocks(wanted, dataRows)) {
      const values = sheet
        .getRange(firstDataRow, block.first + 1, dataRows, block.last - block.first + 1)
        .getValues();
      for (let r = 0; r < dataRows; r += 1) {
        const source = values[r] ?? [];
        const target = rows[r] as Cell[];
        for (const column of block.columns) {
          target[position.get(column) as number] = toDomainCell(
            source[column - block.first],
            timeZone,
          );
        }
      }
    }
  }
  return { rows, columns: sliceColumnMap(layout, wanted), lastRow };
}

/** The column map of a slice holding the layout's columns `wanted` (0-based, sorted), in that order. */
export function sliceColumnMap(layout: TrackerLayout, wanted: readonly number[]): ColumnMap {
  const position = new Map(wanted.map((column, i) => [column, i]));
  const byField: ColumnMap['byField'] = {};
  for (const [field, column] of Object.entries(layout.columns.byField) as Array<
    [FieldKey, number]
  >) {
    const at = position.get(column);
    if (at !== undefined) byField[field] = at;
  }
  const headers = wanted.map((column) => layout.headers[column] ?? '');
  const map = layout.columns;
  const roles: NonNullable<ColumnMap['roles']> = {};
  for (const [role, column] of Object.entries(map.roles ?? {}) as Array<[StatusRole, number]>) {
    const at = position.get(column);
    if (at !== undefined) roles[role] = at;
  }
  const columns: ColumnMap = { byField, roles, headers, unmapped: [], duplicates: [], missing: [] };
  if (map.scale) columns.scale = map.scale;
  if (map.outcomeOnly) columns.outcomeOnly = map.outcomeOnly;
  if (map.closesByLostReason) columns.closesByLostReason = true;
  return columns;
}

/**
 * The 0-based columns of `fields` (those the tracker has) and `extra`, sorted, each once, with
 * what closes a deal besides its stage, so every list agrees with the sidebar: a status column,
 * closed / won flags, or a lost reason at 0 % where adoption found the sheet works so.
 */
export function wantedColumns(
  layout: TrackerLayout,
  fields: readonly FieldKey[],
  extra: readonly number[] = [],
): number[] {
  const map = layout.columns;
  const closing: FieldKey[] = map.closesByLostReason ? ['lostReason', 'probability'] : [];
  return [
    ...new Set([
      ...[...fields, ...closing].flatMap((field) => {
        const column = map.byField[field];
        return column === undefined ? [] : [column];
      }),
      ...Object.values(map.roles ?? {}),
      ...extra,
    ]),
  ].sort((a, b) => a - b);
}

/** Groups sorted columns into blocks: a gap is read through when its cells cost less than a call. */
export function readBlocks(
  columns: readonly number[],
  rows: number,
): Array<{ first: number; last: number; columns: number[] }> {
  const callMs = 100;
  const cellMs = 0.01;
  const blocks: Array<{ first: number; last: number; columns: number[] }> = [];
  for (const column of columns) {
    const last = blocks[blocks.length - 1];
    const gap = last ? column - last.last - 1 : 0;
    if (last && gap * rows * cellMs < callMs) {
      last.last = column;
      last.columns.push(column);
    } else blocks.push({ first: column, last: column, columns: [column] });
  }
  return blocks;
}
