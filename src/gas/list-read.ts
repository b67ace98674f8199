// Lists at scale (My day, the review queue): the owner and stage columns first, then only the rows that matter.

import { fromDayNumber, type LocalDate } from '../domain/dates';
import { type FieldKey, fieldByKey } from '../domain/fields';
import { stageKindOf } from '../domain/follow-up';
import type { Cell, Settings } from '../domain/model';
import { toDomainCell } from './cells';
import {
  type ColumnSlice,
  firstDataRow,
  readBlocks,
  readColumns,
  sliceColumnMap,
  wantedColumns,
} from './tracker';
import type { TrackerLayout } from './tracker-layout';

/** Decides from a row's owner and stage cells (as stored) whether the list may need the row. */
export type RowKeep = (owner: unknown, stage: unknown) => boolean;

/**
 * The rows an open-deal list may need: the stage is open (by Settings; an unknown stage is open,
 * as for every feature) and, for one person's list, the owner cell names them (`ownerNames`). A superset is
 * harmless (the parsed deals are filtered again), a row left out is not: keep this the same test
 * as the lists' own.
 */
export function openRowsOf(
  settings: Pick<Settings, 'stages'>,
  ownerNames: ((cell: string) => boolean) | null,
): RowKeep {
  return (ownerCell, stageCell) =>
    stageKindOf(settings, String(stageCell ?? '').trim()) === 'open' &&
    (ownerNames === null || ownerNames(String(ownerCell ?? '')));
}

/** A slice of some rows: rows[i] is sheet row sheetRows[i]. */
export interface ListSlice extends ColumnSlice {
  sheetRows: number[];
  /** How the rows were read, for the bench and the tests. */
  plan: 'whole' | 'api' | 'runs' | 'columns';
}

/**
 * The cost model's prices (shared/design/cost-model.md, pessimistic): a range read 150 ms and
 * 0.012 ms a cell; a Sheets API read 250 ms and 0.0045 ms a cell (T18, T22a; T23a: 400
 * discontinuous ranges in one batch request in 0.6 s, against 40 s for 400 getValues).
 */
const price = { call: 150, cell: 0.012, apiCall: 250, apiCell: 0.0045 } as const;
/** Below this modeled cost the two-step read is not worth its extra call: read every row. */
const wholeReadBelowMs = 600;

interface Run {
  /** 0-based index of the first data row, and how many rows. */
  start: number;
  count: number;
}

/**
 * Reads `fields` for the rows `keep` accepts. On a small tracker, every row (one or two calls, as
 * readColumns). On a large one: the owner and stage columns of every row (one call when they are
 * neighbours), then the other columns only for the kept rows, by the cheapest of: one Sheets API
 * batch request for every run of kept rows (the advanced service, when enabled); one getValues per
 * run; or the columns of every row. The caller filters the parsed deals again: rows may move
 * between the two reads (a sort), so a row read in the second step is checked as any row is.
 */
export function readListRows(
  layout: TrackerLayout,
  fields: readonly FieldKey[],
  timeZone: string,
  keep: RowKeep,
): ListSlice {
  const sheet = layout.sheet;
  const wanted = wantedColumns(layout, fields);
  const owner = layout.columns.byField.owner;
  const stage = layout.columns.byField.stage;
  const lastRow = sheet.getLastRow();
  const dataRows = Math.max(lastRow - firstDataRow + 1, 0);
  const whole = (): ListSlice => {
    const slice = readColumns(layout, fields, timeZone, [], lastRow);
    return {
      ...slice,
      sheetRows: slice.rows.map((_, i) => firstDataRow + i),
      plan: 'whole',
    };
  };
  if (
    owner === undefined ||
    stage === undefined ||
    dataRows * wanted.length * price.cell + price.call < wholeReadBelowMs
  )
    return whole();

  const keys = [...new Set([owner, stage])].sort((a, b) => a - b);
  const keyValues = new Map<number, unknown[][]>();
  for (const block of readBlocks(keys, dataRows)) {
    const values = sheet
      .getRange(firstDataRow, block.first + 1, dataRows, block.last - block.first + 1)
      .getValues();
    for (const column of block.columns)
      keyValues.set(
        column,
        values.map((row) => [row[column - block.first]]),
      );
  }
  const owners = keyValues.get(owner) ?? [];
  const stages = keyValues.get(stage) ?? [];
  const kept: number[] = [];
  for (let r = 0; r < dataRows; r += 1) if (keep(owners[r]?.[0], stages[r]?.[0])) kept.push(r);

  const first = wanted[0] ?? 0;
  const span = (wanted[wanted.length - 1] ?? 0) - first + 1;
  const runs = rowRuns(kept, span);
  const runsCost = runs.reduce((ms, run) => ms + price.call + run.count * span * price.cell, 0);
  const rest = wanted.filter((column) => !keys.includes(column));
  const columnsCost = readBlocks(rest, dataRows).reduce(
    (ms, block) => ms + price.call + dataRows * (block.last - block.first + 1) * price.cell,
    0,
  );
  const exact = runsOf(kept);
  const apiCost =
    price.apiCall + exact.reduce((cells, run) => cells + run.count * span, 0) * price.apiCell;
  const columnMap = sliceColumnMap(layout, wanted);
  const spreadsheetId = sheet.getParent().getId();
  if (sheetsApi() && apiCost < Math.min(runsCost, columnsCost)) {
    try {
      const rows = readByApi(spreadsheetId, sheet.getSheetId(), exact, first, span, wanted, layout);
      return {
        rows,
        columns: columnMap,
        lastRow,
        sheetRows: kept.map((r) => r + firstDataRow),
        plan: 'api',
      };
    } catch (error) {
      // A quota or a disabled API: the same rows through SpreadsheetApp, at its price.
      console.error(`Sheets API read failed, reading through SpreadsheetApp: ${String(error)}`);
    }
  }
  if (runsCost <= columnsCost) {
    const rows: Cell[][] = [];
    const sheetRows: number[] = [];
    const wantedSet = new Set(kept);
    for (const run of runs) {
      const values = sheet
        .getRange(firstDataRow + run.start, first + 1, run.count, span)
        .getValues();
      values.forEach((line, i) => {
        if (!wantedSet.has(run.start + i)) return;
        rows.push(wanted.map((column) => toDomainCell(line[column - first], timeZone)));
        sheetRows.push(firstDataRow + run.start + i);
      });
    }
    return { rows, columns: columnMap, lastRow, sheetRows, plan: 'runs' };
  }
  // The kept rows are everywhere: the other columns of every row, the key columns already read.
  const position = new Map(wanted.map((column, i) => [column, i]));
  const keptSet = new Set(kept);
  const rows: Cell[][] = kept.map((r) => {
    const line: Cell[] = [];
    for (const column of keys)
      if (position.has(column))
        line[position.get(column) as number] = toDomainCell(
          keyValues.get(column)?.[r]?.[0],
          timeZone,
        );
    return line;
  });
  const index = new Map(kept.map((r, i) => [r, i]));
  for (const block of readBlocks(rest, dataRows)) {
    const values = sheet
      .getRange(firstDataRow, block.first + 1, dataRows, block.last - block.first + 1)
      .getValues();
    for (let r = 0; r < dataRows; r += 1) {
      if (!keptSet.has(r)) continue;
      const target = rows[index.get(r) as number] as Cell[];
      for (const column of block.columns)
        target[position.get(column) as number] = toDomainCell(
          values[r]?.[column - block.first],
          timeZone,
        );
    }
  }
  return {
    rows,
    columns: columnMap,
    lastRow,
    sheetRows: kept.map((r) => r + firstDataRow),
    plan: 'columns',
  };
}

/** Consecutive kept rows as runs. */
function runsOf(kept: readonly number[]): Run[] {
  const runs: Run[] = [];
  for (const r of kept) {
    const last = runs[runs.length - 1];
    if (last && last.start + last.count === r) last.count += 1;
    else runs.push({ start: r, count: 1 });
  }
  return runs;
}

/** Runs for getValues: a gap is read through when its cells cost less than another call. */
function rowRuns(kept: readonly number[], width: number): Run[] {
  const runs: Run[] = [];
  for (const r of kept) {
    const last = runs[runs.length - 1];
    const gap = last ? r - (last.start + last.count) : 0;
    if (last && gap * width * price.cell < price.call) last.count = r - last.start + 1;
    else runs.push({ start: r, count: 1 });
  }
  return runs;
}

interface SheetsValuesApi {
  batchGetByDataFilter(
    request: unknown,
    spreadsheetId: string,
  ): { valueRanges?: Array<{ valueRange?: { values?: unknown[][] } }> };
}

/** The Sheets advanced service when the project enabled it (appsscript.json), else null. */
function sheetsApi(): SheetsValuesApi | null {
  const global = globalThis as { Sheets?: { Spreadsheets?: { Values?: SheetsValuesApi } } };
  return global.Sheets?.Spreadsheets?.Values ?? null;
}

/** Serial days as Sheets counts them (1899-12-30 is day 0) -> a domain date cell. */
const unixEpochSerial = 25_569;
function serialDate(serial: number): Cell {
  const days = Math.floor(serial);
  const seconds = Math.round((serial - days) * 86_400);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    kind: 'date',
    date: fromDayNumber(days - unixEpochSerial) as LocalDate,
    time: `${pad(Math.floor(seconds / 3600) % 24)}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`,
  };
}

/**
 * One values.batchGetByDataFilter for every run of kept rows over the wanted columns' span.
 * UNFORMATTED_VALUE with SERIAL_NUMBER dates: a number in a date or timestamp column is a date
 * (as getValues gives a Date there), anywhere else a number. Trailing empty cells are omitted by
 * the API and read back as ''.
 */
function readByApi(
  spreadsheetId: string,
  sheetId: number,
  runs: readonly Run[],
  first: number,
  span: number,
  wanted: readonly number[],
  layout: TrackerLayout,
): Cell[][] {
  const api = sheetsApi() as SheetsValuesApi;
  const dateColumns = new Set(
    (Object.entries(layout.columns.byField) as Array<[FieldKey, number]>)
      .filter(([field]) => ['date', 'timestamp'].includes(fieldByKey[field].kind))
      .map(([, column]) => column),
  );
  const response = api.batchGetByDataFilter(
    {
      dataFilters: runs.map((run) => ({
        gridRange: {
          sheetId,
          startRowIndex: firstDataRow - 1 + run.start,
          endRowIndex: firstDataRow - 1 + run.start + run.count,
          startColumnIndex: first,
          endColumnIndex: first + span,
        },
      })),
      majorDimension: 'ROWS',
      valueRenderOption: 'UNFORMATTED_VALUE',
      dateTimeRenderOption: 'SERIAL_NUMBER',
    },
    spreadsheetId,
  );
  const ranges = response.valueRanges ?? [];
  if (ranges.length !== runs.length)
    throw new Error('The Sheets API answered another number of ranges.');
  const rows: Cell[][] = [];
  runs.forEach((run, i) => {
    const values = ranges[i]?.valueRange?.values ?? [];
    for (let r = 0; r < run.count; r += 1) {
      const line = values[r] ?? [];
      rows.push(
        wanted.map((column) => {
          const value = line[column - first];
          if (value === undefined || value === null) return '';
          if (typeof value === 'number' && dateColumns.has(column)) return serialDate(value);
          return value as Cell;
        }),
      );
    }
  });
  return rows;
}
