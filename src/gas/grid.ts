// Grids for setValues: rows padded to one width, and scattered cell writes grouped into few ranges.

import type { Cell } from '../domain/model';
import { quoteIfRisky, type SheetValue, toDomainRow } from './cells';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Rows of one width, as setValues needs them: short rows are filled with `fill` ('' by default). */
export function padRows<T>(
  rows: readonly (readonly T[])[],
  width = Math.max(0, ...rows.map((row) => row.length)),
  fill: T = '' as T,
): T[][] {
  return rows.map((row) =>
    row.length >= width
      ? row.slice(0, width)
      : [...row, ...Array<T>(width - row.length).fill(fill)],
  );
}

/** A sheet read in one call: its header and data rows as domain cells, and the raw values. */
export interface SheetGrid {
  header: Cell[];
  rows: Cell[][];
  /** getValues() as Apps Script gave it, rows[i] of raw is sheet row i + 2. */
  raw: unknown[][];
  /** Columns in use: the last column with content in any row. */
  width: number;
}

/** One getDataRange().getValues(); the width is the last column holding anything. */
export function readGrid(
  sheet: Sheet,
  timeZone: string,
  /** The sheet's data range when the caller already has it (one call less). */
  range: GoogleAppsScript.Spreadsheet.Range = sheet.getDataRange(),
): SheetGrid {
  const values = range.getValues();
  // An empty sheet's data range is A1 alone, and new columns must start at A then.
  let width = 0;
  for (const row of values) {
    for (let c = row.length - 1; c >= width; c -= 1) {
      if (row[c] !== '' && row[c] !== null) {
        width = c + 1;
        break;
      }
    }
  }
  const raw = values.slice(1);
  return {
    header: toDomainRow((values[0] ?? []).slice(0, width), timeZone),
    rows: raw.map((row) => toDomainRow(row.slice(0, width), timeZone)),
    raw,
    width,
  };
}

/**
 * Cost model figures (shared/design/cost-model.md, pessimistic): a single-cell write costs 7 ms,
 * a range write 260 ms a call and 0.06 ms a cell. A lone cell goes by setValue, and a gap of
 * fewer than 7 / 0.06 cells is cheaper to cover with the same values than to leave as a new run.
 */
export const bridgeableGap = Math.floor(7 / 0.06);

/** What setValues stores as read back: a Date stays a date. */
export type WriteValue = SheetValue | Date;

export interface Run {
  /** 0-based index of the first cell of the run (a row index, for a column). */
  start: number;
  values: WriteValue[];
}

/**
 * Groups cell writes into runs, one setValues each. Two writes close together share one run
 * when every cell between them can be written back as it is (`current` gives that value, or
 * null for a cell that must not be touched: a formula, say), so a scattered fill costs a few
 * calls, not one per cell, and nothing else changes.
 */
export function writeRuns(
  cells: ReadonlyArray<readonly [number, WriteValue]>,
  current: (index: number) => WriteValue | null,
  maxGap = bridgeableGap,
): Run[] {
  const sorted = [...cells].sort((a, b) => a[0] - b[0]);
  const runs: Run[] = [];
  for (const [index, value] of sorted) {
    const last = runs[runs.length - 1];
    const end = last ? last.start + last.values.length : -1;
    if (last && index === end) {
      last.values.push(value);
      continue;
    }
    if (last && index > end && index - end <= maxGap) {
      const gap: WriteValue[] = [];
      for (let i = end; i < index; i += 1) {
        const kept = current(i);
        if (kept === null) break;
        gap.push(kept);
      }
      if (gap.length === index - end) {
        last.values.push(...gap, value);
        continue;
      }
    }
    runs.push({ start: index, values: [value] });
  }
  return runs;
}

/**
 * A raw cell as setValues must get it back to store the same thing: text Sheets would parse
 * (numbers, dates, formulas written as text) keeps its apostrophe, everything else as read.
 */
export function unchanged(raw: unknown): WriteValue {
  if (raw instanceof Date) return raw;
  if (typeof raw === 'string') return raw === '' ? '' : quoteIfRisky(raw);
  if (typeof raw === 'number' || typeof raw === 'boolean') return raw;
  return '';
}

/**
 * The cells holding a formula in the data rows, by 0-based column: one TextFinder over the block
 * (Google searches on its side: about a tenth of the cost of reading the cells, cost model T22a),
 * instead of getFormulas on every cell. A text that starts with "=" counts too: never written over.
 */
export function formulaCells(sheet: Sheet, width: number, rows: number): Map<number, Set<number>> {
  const found = new Map<number, Set<number>>();
  if (width < 1 || rows < 1) return found;
  const hits = sheet
    .getRange(firstRow, 1, rows, width)
    .createTextFinder('^=')
    .useRegularExpression(true)
    .matchFormulaText(true)
    .findAll();
  for (const hit of hits) {
    const column = hit.getColumn() - 1;
    const set = found.get(column) ?? new Set<number>();
    set.add(hit.getRow() - firstRow);
    found.set(column, set);
  }
  return found;
}

/** The first data row (row 1 is the header). */
const firstRow = 2;
