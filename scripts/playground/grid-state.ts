// What the playground page draws for one sheet: display values, conditional colours, dropdowns, checkboxes.

import { columnToLetters } from '../runtime/a1';
import { readDisplayValue } from '../runtime/cell-values';
import { conditionalStyleAt } from '../runtime/conditional-format';
import type { SheetModel, SpreadsheetModel } from '../runtime/sheet-model';
import { type ChartView, chartViews } from './chart-view';

export interface GridCell {
  text: string;
  background?: string;
  fontColor?: string;
  bold?: boolean;
  strikethrough?: boolean;
  /** A dropdown's choices (list validation shown as a dropdown). */
  options?: string[];
  checkbox?: boolean;
  checked?: boolean;
  /** A number or date is right-aligned, as Sheets does. */
  numeric?: boolean;
  note?: string;
}

export interface GridView {
  sheet: string;
  sheetId: number;
  columns: Array<{ letter: string; width: number; hidden: boolean }>;
  frozenRows: number;
  /** rows[r][c] is row r+1, column c+1. */
  rows: GridCell[][];
  lastRow: number;
  lastColumn: number;
  /** Embedded charts, with their data read from the sheet (see chart-view.ts). */
  charts: ChartView[];
}

/** Enough room around the content to type into, as an empty Sheets grid shows. */
const spareRows = 6;
const minRows = 30;
const minColumns = 8;
/** A grid this large would be slow to draw as DOM; the playground is for trying things out. */
const maxRowsShown = 1000;
const maxColumnsShown = 52;

export function gridView(file: SpreadsheetModel, sheet: SheetModel, now: Date): GridView {
  const lastRow = sheet.lastRow();
  const lastColumn = sheet.lastColumn();
  const numRows = Math.min(sheet.maxRows, maxRowsShown, Math.max(minRows, lastRow + spareRows));
  const numColumns = Math.min(
    sheet.maxColumns,
    maxColumnsShown,
    Math.max(minColumns, lastColumn + 1),
  );
  const rows: GridCell[][] = [];
  for (let row = 1; row <= numRows; row++) {
    const line: GridCell[] = [];
    for (let column = 1; column <= numColumns; column++)
      line.push(cellView(file, sheet, row, column, now));
    rows.push(line);
  }
  const columns = Array.from({ length: numColumns }, (_, i) => ({
    letter: columnToLetters(i + 1),
    width: sheet.columnWidths.get(i + 1) ?? 100,
    hidden: sheet.hiddenColumns.has(i + 1),
  }));
  return {
    sheet: sheet.name,
    sheetId: sheet.sheetId,
    columns,
    frozenRows: sheet.frozenRows,
    rows,
    lastRow,
    lastColumn,
    charts: chartViews(file, sheet, now),
  };
}

function cellView(
  file: SpreadsheetModel,
  sheet: SheetModel,
  row: number,
  column: number,
  now: Date,
): GridCell {
  const cell = sheet.cell(row, column);
  if (!cell) return { text: '' };
  const view: GridCell = { text: readDisplayValue(file, sheet, row, column, now) };
  const value = file.computedValue(sheet, row, column, now);
  if (typeof value === 'number') view.numeric = true;
  if (cell.background) view.background = cell.background;
  if (cell.fontColor) view.fontColor = cell.fontColor;
  if (cell.fontWeight === 'bold') view.bold = true;
  if (cell.strikethrough) view.strikethrough = true;
  if (cell.note) view.note = cell.note;
  const rule = cell.validation;
  if (rule?.type === 'checkbox') {
    view.checkbox = true;
    view.checked = value === true;
  } else if (rule?.type === 'list' && rule.showDropdown) {
    view.options = rule.values.map(String);
  } else if (rule?.type === 'listFromRange' && rule.showDropdown) {
    view.options = listFromRange(file, sheet, String(rule.values[0] ?? ''), now);
  }
  // Conditional formats paint over the cell's own style, as in Sheets.
  const style = conditionalStyleAt(file, sheet, row, column, now);
  if (style?.background) view.background = style.background;
  if (style?.fontColor) view.fontColor = style.fontColor;
  if (style?.bold) view.bold = true;
  if (style?.strikethrough) view.strikethrough = true;
  return view;
}

/** The non-empty values of a range such as "Settings!A2:A20", for dropdowns fed by a range. */
function listFromRange(file: SpreadsheetModel, sheet: SheetModel, a1: string, now: Date): string[] {
  const match = /^(?:'?(.+?)'?!)?\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(
    a1.replace(/^=/, ''),
  );
  if (!match) return [];
  const source = match[1] ? file.sheetByName(match[1]) : sheet;
  if (!source) return [];
  const toColumn = (letters: string) =>
    [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const c1 = toColumn(match[2] ?? 'A');
  const r1 = Number(match[3]);
  const c2 = match[4] ? toColumn(match[4]) : c1;
  const r2 = match[5] ? Number(match[5]) : r1;
  const values: string[] = [];
  for (let r = r1; r <= Math.min(r2, source.lastRow()); r++) {
    for (let c = c1; c <= c2; c++) {
      const text = readDisplayValue(file, source, r, c, now);
      if (text !== '') values.push(text);
    }
  }
  return values;
}
