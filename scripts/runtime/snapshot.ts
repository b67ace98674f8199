// Plain-data form of a spreadsheet: what the runtime loads from demo data or .xlsx and saves back.

import type { DeveloperMetadataModel } from './developer-metadata';

/**
 * A cell's stored content, as Google Sheets keeps it:
 * - numbers (dates and times are numbers too: serial days since 1899-12-30, local wall time of the
 *   spreadsheet's zone, shown as dates by their number format), strings, booleans;
 * - a formula, whose last computed value is `value`;
 * - errors as their text ('#N/A', '#NAME?', '#DIV/0!', '#REF!', '#VALUE!').
 */
export interface CellSnapshot {
  value: string | number | boolean;
  formula?: string;
  /** Sheets number format pattern, e.g. 'yyyy-mm-dd', '#,##0.00', '0%'; absent = automatic. */
  numberFormat?: string;
  note?: string;
  background?: string;
  fontColor?: string;
  fontWeight?: 'bold' | 'normal';
}

export interface ValidationSnapshot {
  /** A1 range on its sheet, e.g. 'E2:E1000'. */
  range: string;
  type:
    | 'list' // requireValueInList
    | 'listFromRange' // requireValueInRange
    | 'checkbox'
    | 'date'
    | 'numberGreaterThanOrEqualTo'
    | 'numberBetween'
    | 'email'
    | 'formula'
    | 'numberEqualTo'
    | 'numberNotEqualTo'
    | 'numberGreaterThan'
    | 'numberLessThan'
    | 'numberLessThanOrEqualTo'
    | 'numberNotBetween'
    | 'textContains'
    | 'textDoesNotContain'
    | 'textEqualTo'
    | 'url'
    // Dates: the values are instants in epoch milliseconds (the builder's Dates).
    | 'dateAfter'
    | 'dateBefore'
    | 'dateBetween'
    | 'dateNotBetween'
    | 'dateEqualTo'
    | 'dateOnOrAfter'
    | 'dateOnOrBefore';
  values: Array<string | number | boolean>;
  showDropdown: boolean;
  allowInvalid: boolean;
  helpText?: string;
}

export interface ConditionalFormatSnapshot {
  ranges: string[];
  /** Custom formula, relative to the first cell of the first range, e.g. '=AND($H2<>"",$H2<TODAY())'. */
  formula: string;
  background?: string;
  fontColor?: string;
  bold?: boolean;
  strikethrough?: boolean;
}

export interface ProtectionSnapshot {
  range: string;
  description: string;
  warningOnly: boolean;
  editors: string[];
}

export interface ChartSnapshot {
  chartId: number;
  type: string;
  ranges: string[];
  position: { row: number; column: number; offsetX: number; offsetY: number };
  options: Record<string, unknown>;
}

export interface SheetSnapshot {
  name: string;
  sheetId: number;
  /** Row-major grid; `rows[r][c]` is row r+1, column c+1. Missing or null cells are empty. */
  rows: Array<Array<CellSnapshot | null>>;
  maxRows: number;
  maxColumns: number;
  frozenRows: number;
  frozenColumns: number;
  columnWidths: Record<number, number>;
  hiddenColumns: number[];
  validations: ValidationSnapshot[];
  conditionalFormats: ConditionalFormatSnapshot[];
  protections: ProtectionSnapshot[];
  charts: ChartSnapshot[];
}

/**
 * A sheet holding these cells and nothing else: no frozen rows, widths, rules, protections or
 * charts; at least 1000 rows and 26 columns, as a new Google sheet has, else the grid's size.
 */
export function plainSheet(
  name: string,
  rows: Array<Array<CellSnapshot | null>>,
  sheetId = 0,
): SheetSnapshot {
  return {
    name,
    sheetId,
    rows,
    maxRows: Math.max(1000, rows.length + 10),
    // A loop, not Math.max(...): a spread of 500,000 rows overflows the call stack.
    maxColumns: rows.reduce((max, row) => Math.max(max, row.length), 26),
    frozenRows: 0,
    frozenColumns: 0,
    columnWidths: {},
    hiddenColumns: [],
    validations: [],
    conditionalFormats: [],
    protections: [],
    charts: [],
  };
}

export interface SpreadsheetSnapshot {
  id: string;
  name: string;
  timeZone: string;
  locale: string;
  sheets: SheetSnapshot[];
  namedRanges: Record<string, string>;
  /** The spreadsheet's developer metadata (key, value, visibility), when it has any. */
  developerMetadata?: DeveloperMetadataModel[];
}
