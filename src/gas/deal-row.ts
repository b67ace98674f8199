// One deal's row: found by ID without reading the tracker, read alone, written back in one setValues.

import {
  type Activity,
  decodeActivity,
  encodeActivity,
  readActivityCell,
} from '../domain/activity';
import type { FieldKey } from '../domain/fields';
import { fieldByKey } from '../domain/fields';
import type { Cell, Opportunity, Settings } from '../domain/model';
import { cellToText, parseRow } from '../domain/parse-row';
import { dealVersion } from '../domain/version';
import { quoteIfRisky, type SheetValue, toDomainRow, toSheetValue } from './cells';
import { unchanged, writeRuns } from './grid';
import { columnLetter } from './sheet-format';
import { firstDataRow } from './tracker';
import { relearnLayout, type TrackerLayout } from './tracker-layout';

/** Why a deal cannot be used; the RPC layer turns it into NOT_FOUND or RULE. */
export type RowProblem =
  | { kind: 'notFound'; id: string }
  | { kind: 'duplicate'; id: string; rows: number[] }
  | { kind: 'notADeal'; id: string; row: number }
  | { kind: 'noIdColumn' };

export class RowError extends Error {
  constructor(readonly problem: RowProblem) {
    super(problem.kind);
  }
}

/** A deal as read from its row, with what is needed to write it back. */
export interface DealRow {
  layout: TrackerLayout;
  row: number;
  /** The row as getValues gave it (Dates, numbers, text), one entry per header column. */
  raw: unknown[];
  cells: Cell[];
  deal: Opportunity;
  problems: string[];
  activity: Activity;
}

/**
 * The version token the sidebar sends back: the row's content hash (what a conflict check compares)
 * and the row it was on (where to look first: no search while nobody sorts the sheet).
 */
export function versionToken(deal: Opportunity, row: number): string {
  return `${dealVersion(deal)}.${row}`;
}

export function parseVersionToken(token: string): { hash: string; row: number | null } {
  const [hash = '', row] = token.split('.');
  const n = Number(row);
  return { hash, row: Number.isInteger(n) && n >= firstDataRow ? n : null };
}

/**
 * Reads the deal with this ID. With a row hint the hinted row is read and its ID checked (one call);
 * otherwise, or when the row moved, a TextFinder on the ID column finds it (one call, no cells read)
 * and only that row is read. A stale column cache is noticed (the ID is not where it should be)
 * and relearned from the header once.
 */
export function readDeal(
  layout: TrackerLayout,
  settings: Settings,
  timeZone: string,
  id: string,
  hint: number | null,
): DealRow {
  if (hint !== null) {
    const raw = readRowValues(layout, hint);
    if (raw && idIn(layout, raw) === id)
      return anchoredDealRow(layout, settings, timeZone, hint, raw);
  }
  let current = layout;
  let rows = findIdRows(current, id);
  if (rows.length === 0) {
    current = relearnLayout(layout.sheet);
    rows = findIdRows(current, id);
  }
  if (rows.length === 0) rows = scanIdRows(current, id);
  if (rows.length === 0) throw new RowError({ kind: 'notFound', id });
  if (rows.length > 1) throw new RowError({ kind: 'duplicate', id, rows });
  const row = rows[0] as number;
  let raw = readRowValues(current, row);
  if (!raw && current === layout) {
    // Found, but the cached header is wider than the sheet: a column was deleted by hand.
    current = relearnLayout(layout.sheet);
    raw = readRowValues(current, row);
  }
  if (!raw || idIn(current, raw) !== id) throw new RowError({ kind: 'notFound', id });
  return anchoredDealRow(current, settings, timeZone, row, raw);
}

/**
 * True when the row's activity cell names its deal, as set up, adopt, create and every save leave
 * it: the columns are where the layout says. A column inserted or deleted by hand left of the
 * activity log (no event tells the add-on) moves that cell while the ID column may stay put.
 */
export function anchored(layout: TrackerLayout, raw: readonly unknown[], id: string): boolean {
  return (
    layout.activity === null ||
    id === '' ||
    readActivityCell(raw[layout.activity], id).kind === 'ours'
  );
}

/** The deal row once its anchor holds; else the header is learned again and the row read again. */
function anchoredDealRow(
  layout: TrackerLayout,
  settings: Settings,
  timeZone: string,
  row: number,
  raw: unknown[],
): DealRow {
  const id = idIn(layout, raw);
  if (anchored(layout, raw, id)) return parseDealRow(layout, settings, timeZone, row, raw);
  const fresh = relearnLayout(layout.sheet);
  const again = readRowValues(fresh, row);
  if (!again || idIn(fresh, again) !== id) throw new RowError({ kind: 'notFound', id });
  return parseDealRow(fresh, settings, timeZone, row, again);
}

/** Reads one row (every header column) in one call; null past the sheet's last row. */
export function readRowValues(layout: TrackerLayout, row: number): unknown[] | null {
  const width = Math.max(layout.headers.length, 1);
  if (row < firstDataRow) return null;
  try {
    return layout.sheet.getRange(row, 1, 1, width).getValues()[0] ?? null;
  } catch {
    // A hint past the sheet's end (rows were deleted): "outside the dimensions of the sheet".
    return null;
  }
}

export function parseDealRow(
  layout: TrackerLayout,
  settings: Settings,
  timeZone: string,
  row: number,
  raw: unknown[],
): DealRow {
  const cells = toDomainRow(raw, timeZone);
  const parsed = parseRow(cells, layout.columns, settings, row);
  const id = idIn(layout, raw);
  if (!parsed.ok) throw new RowError({ kind: 'notADeal', id, row });
  return {
    layout,
    row,
    raw,
    cells,
    deal: parsed.value,
    problems: parsed.issues.map((issue) => `${issue.column}: ${issue.problem}`),
    activity: decodeActivity(layout.activity === null ? '' : raw[layout.activity], parsed.value.id),
  };
}

/** The row's ID, read where the layout says the ID column is. */
export function idIn(layout: TrackerLayout, raw: readonly unknown[]): string {
  const column = layout.columns.byField.id;
  return column === undefined ? '' : cellToText(raw[column] as Cell).trim();
}

/**
 * Rows whose ID cell holds `id`, by value: one read of the ID column, made only when the
 * TextFinder found nothing. TextFinder matches what a cell shows, so a numeric ID shown through a
 * number format ('1,042' for 1042, '#0007' for 7) is not found by its text; its value still is.
 */
function scanIdRows(layout: TrackerLayout, id: string): number[] {
  const column = layout.columns.byField.id;
  if (column === undefined) return [];
  const last = layout.sheet.getLastRow();
  if (last < firstDataRow) return [];
  const values = layout.sheet
    .getRange(firstDataRow, column + 1, last - firstDataRow + 1, 1)
    .getValues();
  const rows: number[] = [];
  values.forEach(([value], i) => {
    if (cellToText(value as Cell).trim() === id) rows.push(firstDataRow + i);
  });
  return rows;
}

/** Rows (1-based) whose ID cell is exactly `id`: one TextFinder call over the ID column. */
function findIdRows(layout: TrackerLayout, id: string): number[] {
  const column = layout.columns.byField.id;
  if (column === undefined) throw new RowError({ kind: 'noIdColumn' });
  const letter = columnLetter(column);
  return layout.sheet
    .getRange(`${letter}${firstDataRow}:${letter}`)
    .createTextFinder(id)
    .matchCase(true)
    .matchEntireCell(true)
    .findAll()
    .map((range) => range.getRow());
}

/** The cells a change writes: each changed field, and the activity log when it has one. */
export function plannedCells(
  found: DealRow,
  next: Opportunity,
  fields: Iterable<FieldKey>,
  activity: Activity | null,
): Map<number, SheetValue> {
  const cells = new Map<number, SheetValue>();
  for (const field of fields) {
    const column = found.layout.columns.byField[field];
    if (column !== undefined) cells.set(column, toSheetValue(fieldByKey[field].kind, next[field]));
  }
  if (activity && found.layout.activity !== null)
    cells.set(found.layout.activity, quoteIfRisky(encodeActivity(activity)));
  return cells;
}

/**
 * The writes for a set of cells in one row, as few as possible without touching anything a user
 * keeps: runs of adjacent changed cells are joined across the cells between them only when those
 * columns are the tracker's own and known to hold no formula (they are written back as they were
 * read, text protected so it stays text). A user's own column, or one with formulas, always splits.
 */
export function rowWrites(
  layout: TrackerLayout,
  raw: readonly unknown[],
  cells: ReadonlyMap<number, SheetValue>,
): Array<{ column: number; values: unknown[] }> {
  const mapped = new Set(Object.values(layout.columns.byField));
  if (layout.activity !== null) mapped.add(layout.activity);
  const rewritable = (column: number) =>
    mapped.has(column) && layout.plainColumns.has(column) && column < raw.length;
  return writeRuns(
    [...cells],
    (column) => (rewritable(column) ? unchanged(raw[column]) : null),
    Number.POSITIVE_INFINITY,
  ).map((run) => ({ column: run.start, values: run.values }));
}

/**
 * Writes a row's planned ranges: one setValues in the common case, which is all-or-nothing by
 * itself. When a user's column splits the write in two or more, a failure part way is undone:
 * the ranges already written get back the values read before (`raw`), so the row is as it was and
 * the caller can say "nothing was saved". Only if Google refuses the undo too is the row left
 * part-written; that is logged for the executions page and the error still says nothing was saved
 * of the part that failed.
 */
export function applyRowWrites(
  layout: TrackerLayout,
  row: number,
  writes: ReadonlyArray<{ column: number; values: unknown[] }>,
  raw: readonly unknown[] = [],
): void {
  const range = (write: { column: number; values: unknown[] }) =>
    layout.sheet.getRange(row, write.column + 1, 1, write.values.length);
  writes.forEach((write, i) => {
    try {
      range(write).setValues([write.values]);
    } catch (error) {
      for (const done of writes.slice(0, i)) {
        const before = done.values.map((_, k) => unchanged(raw[done.column + k]));
        try {
          range(done).setValues([before]);
        } catch (again) {
          console.error(`Row ${row}: undoing a part-written save failed: ${String(again)}`);
        }
      }
      throw error;
    }
  });
}
